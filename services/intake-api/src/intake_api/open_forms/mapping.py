"""From an Open Forms `values` object to our application, by a form's mapping (pure functions).

Open Forms turns dotted component keys into nested objects (`personalia.achternaam` arrives as
`{"personalia": {"achternaam": ...}}`), so a form built with our own field names needs no mapping at all:
that is the default mapping. Files arrive as `{"file_name", "content"}` (base64), or a list of them."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel

from bbz_common.problems import InvalidParam
from intake_api.open_forms.schemas import Omzetting, VeldKoppeling

STANDAARD = "standaard"
BSN_PAD = "personalia.burgerservicenummer"
BIJLAGEN_KEY = "bijlagen"  # default mapping: {"bijlagen": {"I9": file | [files], ...}}

# Open Forms' static and registration variables: context, never answers of the form.
STATIC_VARIABLES = frozenset(
    {
        "auth",
        "auth_type",
        "auth_bsn",
        "auth_kvk",
        "auth_pseudo",
        "auth_context",
        "now",
        "today",
        "current_year",
        "environment",
        "form_name",
        "form_id",
        "form_url",
        "submission_id",
        "language_code",
        "public_reference",
        "form_version",
        "registration_timestamp",
    }
)


@dataclass(frozen=True)
class Koppeling:
    naam: str
    velden: dict[str, VeldKoppeling]
    bijlagen: dict[str, str]
    vaste_waarden: dict[str, Any]

    @property
    def standaard(self) -> bool:
        return self.naam == STANDAARD


STANDAARD_KOPPELING = Koppeling(naam=STANDAARD, velden={}, bijlagen={}, vaste_waarden={})


@dataclass(frozen=True)
class Bestand:
    component: str  # where it was in `values`, for error messages: "loonstrook", "bijlagen.I9.0"
    vraag_id: str
    bestandsnaam: str
    inhoud: str


@dataclass
class Resultaat:
    formulier: dict[str, Any] = field(default_factory=dict)
    bestanden: list[Bestand] = field(default_factory=list)
    herkomst: dict[str, str] = field(default_factory=dict)  # our path -> Open Forms component key
    genegeerd: list[str] = field(default_factory=list)
    fouten: list[InvalidParam] = field(default_factory=list)

    def zet(self, pad: str, waarde: Any, component: str) -> None:
        node = self.formulier
        *parents, last = pad.split(".")
        for part in parents:
            child = node.get(part)
            if not isinstance(child, dict):
                child = node[part] = {}
            node = child
        node[last] = waarde
        self.herkomst[pad] = component

    def lees(self, pad: str) -> Any:
        return lees(self.formulier, pad)[1]

    def heeft(self, pad: str) -> bool:
        node: Any = self.formulier
        for part in pad.split("."):
            if not isinstance(node, dict) or part not in node:
                return False
            node = node[part]
        return True

    def component_voor(self, pad: str) -> str:
        """Our field path, named as the Open Forms component that filled it where we know it."""
        best = max((t for t in self.herkomst if pad == t or pad.startswith(t + ".")), key=len, default=None)
        if best is None:
            return pad
        return self.herkomst[best] + pad[len(best) :]


def lees(values: dict[str, Any], key: str) -> tuple[bool, Any]:
    """A component's value: the key as sent, or (for a dotted key) the nested objects Open Forms made of it."""
    if key in values:
        return True, values[key]
    node: Any = values
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return False, None
        node = node[part]
    return True, node


def zonder_leeg(value: Any) -> Any:
    """Formio sends "" for an empty text field and null for an empty date: both mean "not answered"."""
    if isinstance(value, dict):
        cleaned = {k: zonder_leeg(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v is not None and v != ""}
    if isinstance(value, list):
        return [zonder_leeg(v) for v in value]
    return value


def is_bestand(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"file_name", "content"}


def bestanden(value: Any, component: str, vraag_id: str) -> list[Bestand] | None:
    """The files of a file component (single: object or null; multiple: list), or None when it is not one."""
    if value is None:
        return []
    if is_bestand(value):
        return [Bestand(component, vraag_id, bestandsnaam(value["file_name"]), str(value["content"]))]
    if isinstance(value, list) and all(is_bestand(v) for v in value):
        return [
            Bestand(f"{component}.{i}", vraag_id, bestandsnaam(v["file_name"]), str(v["content"]))
            for i, v in enumerate(value)
        ]
    return None


def bestandsnaam(value: Any) -> str:
    """The applicant's original file name, made safe to store and to offer for download."""
    text = "".join(c if c.isprintable() and c not in "/\\" else "_" for c in str(value))
    text = text.encode("utf-8", "replace").decode("utf-8").strip()
    return text[:255] if text.strip("._ ") else "bijlage"


def omzetten(value: Any, omzetting: Omzetting | None) -> Any:
    if omzetting is None:
        return value
    if omzetting is Omzetting.EURO_NAAR_CENTEN:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise ValueError("an amount in euros is expected")
        try:
            cents = Decimal(str(value)) * 100
        except InvalidOperation as exc:
            raise ValueError("an amount in euros is expected") from exc
        if cents != cents.to_integral_value():
            raise ValueError("an amount in euros has at most two decimals")
        return int(cents)
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("ja", "yes", "true"):
        return True
    if text in ("nee", "no", "false"):
        return False
    raise ValueError('"ja" or "nee" is expected')


def toepassen(koppeling: Koppeling, values: dict[str, Any]) -> Resultaat:
    r = Resultaat()
    if koppeling.standaard:
        _standaard(values, r)
    else:
        _geconfigureerd(koppeling, values, r)
    bsn = values.get("auth_bsn")
    if isinstance(bsn, str) and bsn:
        if not r.heeft(BSN_PAD):
            r.zet(BSN_PAD, bsn, "auth_bsn")  # the DigiD login's BSN, when the form does not ask it
        elif r.lees(BSN_PAD) != bsn:
            # Whoever logged in with DigiD applies for themselves: a form BSN of someone else is refused.
            r.fouten.append(
                _fout(r.component_voor(BSN_PAD), "bsn_not_authenticated", "differs from the DigiD login (auth_bsn)")
            )
    for pad, waarde in koppeling.vaste_waarden.items():
        if not r.heeft(pad):
            r.zet(pad, waarde, f"koppeling.vasteWaarden.{pad}")
    return r


def _standaard(values: dict[str, Any], r: Resultaat) -> None:
    for key, value in values.items():
        if key in STATIC_VARIABLES:
            continue
        if key == BIJLAGEN_KEY and isinstance(value, dict):
            for vraag_id, files in value.items():
                found = bestanden(files, f"{BIJLAGEN_KEY}.{vraag_id}", vraag_id)
                if found is None:
                    r.fouten.append(_fout(f"{BIJLAGEN_KEY}.{vraag_id}", "not_a_file", "a file component is expected"))
                else:
                    r.bestanden.extend(found)
            continue
        cleaned = zonder_leeg(value)
        if cleaned is not None and cleaned != "":
            r.zet(key, cleaned, key)


def _geconfigureerd(koppeling: Koppeling, values: dict[str, Any], r: Resultaat) -> None:
    used: set[str] = set()
    # Whole blocks first, single fields after: a field mapped on its own wins over the block it sits in,
    # whatever order the mapping was stored in (PostgreSQL's JSONB does not keep key order).
    ordered = sorted(koppeling.velden.items(), key=lambda item: (item[1].pad.count("."), item[0]))
    for component, doel in ordered:
        found, value = lees(values, component)
        if not found:
            continue
        used.add(component.split(".")[0] if component not in values else component)
        value = zonder_leeg(value)
        if value is None or value == "":
            continue
        try:
            r.zet(doel.pad, omzetten(value, doel.omzetting), component)
        except ValueError as exc:
            r.fouten.append(_fout(component, "conversion_failed", str(exc)))
    for component, vraag_id in koppeling.bijlagen.items():
        found, value = lees(values, component)
        if not found:
            continue
        used.add(component.split(".")[0] if component not in values else component)
        files = bestanden(value, component, vraag_id)
        if files is None:
            r.fouten.append(_fout(component, "not_a_file", "a file component is expected"))
        else:
            r.bestanden.extend(files)
    r.genegeerd = sorted(_veilig(k) for k in values if k not in used and k not in STATIC_VARIABLES)


def _veilig(key: str) -> str:
    """A key as storable text: control characters and lone surrogates escaped."""
    if key.isprintable():
        try:
            key.encode("utf-8")
            return key
        except UnicodeEncodeError:
            pass
    return key.encode("unicode_escape").decode("ascii")


def _fout(name: str, code: str, reason: str) -> InvalidParam:
    return InvalidParam(name=name, code=code, reason=reason)


# ---- checking a mapping's target paths against the application's schema ---------------------------------


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _models_in(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


def bestaand_pad(model: type[BaseModel], pad: str) -> bool:
    """Whether ``pad`` names a field of ``model`` (descending into nested objects, not into lists)."""
    current: type[BaseModel] | None = model
    parts = pad.split(".")
    for i, part in enumerate(parts):
        if current is None or part not in current.model_fields:
            return False
        if i == len(parts) - 1:
            return True
        nested = _models_in(current.model_fields[part].annotation)
        current = nested[0] if nested else None
    return False
