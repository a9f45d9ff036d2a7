"""The 24 conditional rules ("Indien ...") of the Model Digitaal Aanvraagformulier Bbz, one rule one row,
with the ids of `shared/domain/model-form.md` (section "Conditional rules").

A question that the form asks only "Indien X" is required when X holds and refused when it does not.
The rules are checked on the submitted JSON itself, so that a rule violation is reported in the same 400
problem as a wrong type elsewhere: every violation at once. A rule whose condition cannot be read (its
question is missing or has the wrong type) is skipped; that question's own error is reported instead."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Condition = Callable[[Mapping[str, Any]], bool | None]
_MISSING = object()


_PARTS: dict[str, tuple[str, ...]] = {}


def value_at(data: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted path; `_MISSING` where absent, None where an intermediate is not an object."""
    # Every application reads about 80 paths: split each once, and test a JSON object (a dict) without the
    # Mapping ABC's slow isinstance check.
    parts = _PARTS.get(path)
    if parts is None:
        parts = _PARTS.setdefault(path, tuple(path.split(".")))
    current: Any = data
    for part in parts:
        if type(current) is not dict and not isinstance(current, Mapping):
            return None
        if part not in current:
            return _MISSING
        current = current[part]
    return current


def _present(value: Any) -> bool:
    """Answered: not absent, not null, and not an empty repeatable group."""
    return value is not _MISSING and value is not None and value != []


def flag(path: str) -> Condition:
    """A yes/no question's answer; None (unknown) unless it is a JSON boolean."""

    def condition(data: Mapping[str, Any]) -> bool | None:
        value = value_at(data, path)
        return value if isinstance(value, bool) else None

    return condition


def not_flag(path: str) -> Condition:
    inner = flag(path)

    def condition(data: Mapping[str, Any]) -> bool | None:
        value = inner(data)
        return None if value is None else not value

    return condition


def one_of(path: str, wanted: set[str], universe: set[str], *, optional: bool = False) -> Condition:
    """A choice question's answer is one of `wanted`; unknown when the answer is not a valid option.
    For an `optional` question, no answer is an answer other than `wanted`."""

    def condition(data: Mapping[str, Any]) -> bool | None:
        value = value_at(data, path)
        if optional and (value is _MISSING or value is None):
            return False
        return value in wanted if isinstance(value, str) and value in universe else None

    return condition


def both(first: Condition, second: Condition) -> Condition:
    """A nested rule: its parent's condition and its own must hold."""

    def condition(data: Mapping[str, Any]) -> bool | None:
        parent = first(data)
        if parent is False:
            return False
        own = second(data)
        if parent is None or own is None:
            return None
        return own

    return condition


def either(first: Condition, second: Condition) -> Condition:
    def condition(data: Mapping[str, Any]) -> bool | None:
        a, b = first(data), second(data)
        if a is True or b is True:
            return True
        if a is None or b is None:
            return None
        return False

    return condition


DOELGROEPEN = {"starter", "gevestigde", "oudere-zelfstandige", "beeindiging", "ioaz"}
TYPES_AANVRAAG = {"inkomensaanvullende-uitkering", "bedrijfskapitaal", "beide"}
RECHTSVORMEN = {
    "eenmanszaak",
    "vennootschap-onder-firma",
    "commanditaire-vennootschap",
    "maatschap",
    "besloten-vennootschap",
    "cooperatie",
}
WONINGEN = {"sociale-huurwoning", "vrije-sector-huurwoning", "koopwoning", "kamerhuur", "familie-vrienden", "anders"}
SOORTEN_ID = {"paspoort", "identiteitskaart", "vreemdelingendocument"}


@dataclass(frozen=True)
class Regel:
    id: str
    indien: str  # the source's condition, in Dutch, for the error message
    condition: Condition
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()  # may be answered when the condition holds (e.g. prefilled from a register)
    non_empty: tuple[str, ...] = ()  # repeatable groups that need at least one entry


# Onderneming fields per block: self-answered ones are required, register-prefilled ones (KVK) optional,
# because the registers-adapter fetches them anyway and the KVK is leading.
_KVK_PREFILLED = (
    "onderneming.handelsnaam",
    "onderneming.datumInschrijving",
    "onderneming.rechtsvorm",
    "onderneming.sbiCodes",
    "onderneming.omschrijvingHandelsregister",
)


def doelgroep(*groups: str) -> Condition:
    return one_of("doelgroep", set(groups), DOELGROEPEN)


REGELS: tuple[Regel, ...] = (
    Regel("C1", "niet Nederlandse nationaliteit", not_flag("personalia.nederlandseNationaliteit"),
          required=("personalia.nationaliteit",)),
    Regel("C2", "geen Nederlandse nationaliteit of vreemdelingendocument",
          either(not_flag("personalia.nederlandseNationaliteit"),
                 one_of("identiteitsbewijs.soort", {"vreemdelingendocument"}, SOORTEN_ID, optional=True)),
          required=("verblijfstitel",)),
    Regel("C3", "geen verblijf op inschrijvingsadres", not_flag("adres.verblijfOpInschrijvingsadres"),
          required=("adres.woonadres", "adres.toelichtingVerblijf")),
    Regel("C1/partner", "partner zonder Nederlandse nationaliteit",
          both(flag("partner.heeftPartner"), not_flag("partner.personalia.nederlandseNationaliteit")),
          required=("partner.personalia.nationaliteit",)),
    Regel("C4", "partner", flag("partner.heeftPartner"),
          required=("partner.personalia", "partner.contact"), optional=("partner.identiteitsbewijs",)),
    Regel("C5", "bedrijfskapitaal of beide",
          one_of("aanvraag.typeAanvraag", {"bedrijfskapitaal", "beide"}, TYPES_AANVRAAG),
          required=("aanvraag.bedrag", "aanvraag.noodzakelijkVoorVoortbestaan",
                    "aanvraag.andereFinancieringsmogelijkheden")),
    Regel("C6", "gevestigd", doelgroep("gevestigde"),
          required=("onderneming.kvkNummer", "onderneming.datumVestiging", "onderneming.omschrijvingActiviteiten",
                    "onderneming.bedrijfspand"),
          optional=(*_KVK_PREFILLED, "onderneming.vestigingsadres")),
    Regel("C7", "vennootschap onder firma (VOF)",
          both(doelgroep("gevestigde"), one_of("onderneming.rechtsvorm", {"vennootschap-onder-firma"}, RECHTSVORMEN, optional=True)),
          required=("onderneming.aantalVennoten",)),
    Regel("C8", "besloten vennootschap (BV)",
          both(doelgroep("gevestigde"), one_of("onderneming.rechtsvorm", {"besloten-vennootschap"}, RECHTSVORMEN, optional=True)),
          required=("onderneming.directeurGrootaandeelhouder",)),
    Regel("C9", "beëindiging", doelgroep("beeindiging"),
          required=("onderneming.kvkNummer", "onderneming.omschrijvingActiviteiten", "onderneming.bedrijfspand"),
          # O26 and O27 may be left out by the municipality (T11).
          optional=(*_KVK_PREFILLED, "onderneming.datumVestiging", "onderneming.beeindiging")),
    Regel("C10", "starter", doelgroep("starter"),
          required=("onderneming.ingeschreven", "onderneming.datumVestiging", "onderneming.bedrijfspand",
                    "onderneming.situatieVoorafgaand", "onderneming.omschrijvingActiviteiten")),
    Regel("C11", "ingeschreven", both(doelgroep("starter"), flag("onderneming.ingeschreven")),
          required=("onderneming.kvkNummer",), optional=_KVK_PREFILLED),
    # The source has no Onderneming block for oudere zelfstandige and IOAZ (ambiguity 4), yet says the KVK
    # number must always be asked (L224): we ask it, and only it (with the trade name).
    Regel("C6-oz", "oudere zelfstandige of IOAZ (KVK-nummer altijd vragen, L224)",
          doelgroep("oudere-zelfstandige", "ioaz"),
          required=("onderneming.kvkNummer",), optional=("onderneming.handelsnaam",)),
    Regel("C12", "vrije sector huurwoning of kamerhuur",
          one_of("woonsituatie.woning", {"vrije-sector-huurwoning", "kamerhuur"}, WONINGEN),
          required=("woonsituatie.kaleHuurPerMaand",)),
    Regel("C13", "koopwoning", one_of("woonsituatie.woning", {"koopwoning"}, WONINGEN),
          required=tuple(f"woonsituatie.{n}" for n in (
              "hypotheekrentePerMaand", "onroerendezaakbelastingPerJaar", "opstalverzekeringPerMaand",
              "erfpachtPerJaar", "waterschapslastenPerMaand", "rioolheffingPerMaand", "bouwjaar"))),
    Regel("C14", "geen zelfstandigenaftrek", not_flag("inkomen.zelfstandigenaftrek"),
          required=("inkomen.toelichtingZelfstandigenaftrek",)),
    Regel("C15", "inkomsten uit arbeid of uitkering", flag("inkomen.inkomstenUitArbeidOfUitkering"),
          non_empty=("inkomen.inkomstenArbeidOfUitkering",)),
    Regel("C16", "overige inkomsten", flag("inkomen.overigeInkomsten"),
          non_empty=("inkomen.overigeInkomstenPosten",)),
    Regel("C17", "oudere zelfstandige of IOAZ", doelgroep("oudere-zelfstandige", "ioaz"),
          required=("inkomen.arbeidsverleden",)),
    Regel("C18", "partner", flag("partner.heeftPartner"), required=("inkomen.partner",)),
    Regel("C18/C15", "partner met inkomsten uit arbeid of uitkering",
          both(flag("partner.heeftPartner"), flag("inkomen.partner.inkomstenUitArbeidOfUitkering")),
          non_empty=("inkomen.partner.inkomstenArbeidOfUitkering",)),
    Regel("C18/C16", "partner met overige inkomsten",
          both(flag("partner.heeftPartner"), flag("inkomen.partner.overigeInkomsten")),
          non_empty=("inkomen.partner.overigeInkomstenPosten",)),
    Regel("C19", "partner", flag("partner.heeftPartner"), required=("vermogen.partner",)),
    # The whole block may be left out by the municipality (T19): optional for IOAZ, refused otherwise.
    Regel("C20", "IOAZ", doelgroep("ioaz"), optional=("beschikbaarheid",)),
    Regel("C21", "arbeidsongeschikt", both(doelgroep("ioaz"), flag("beschikbaarheid.arbeidsongeschikt")),
          required=("beschikbaarheid.percentageArbeidsongeschikt", "beschikbaarheid.toelichtingArbeidsongeschiktheid")),
    Regel("C22", "geen 38 uur beschikbaar", both(doelgroep("ioaz"), not_flag("beschikbaarheid.beschikbaarVoor38Uur")),
          required=("beschikbaarheid.aantalUurBeschikbaar", "beschikbaarheid.redenOnvolledigeBeschikbaarheid")),
    Regel("C23", "niet voldoende winst in het referentiejaar", not_flag("levensvatbaarheid.voldoendeWinstReferentiejaar"),
          required=("levensvatbaarheid.voldoendeWinstJaarMin1", "levensvatbaarheid.nettoBedrijfsresultaatJaarMin1",
                    "levensvatbaarheid.voldoendeWinstJaarMin2", "levensvatbaarheid.nettoBedrijfsresultaatJaarMin2")),
    Regel("C24", "arbeidsongeschiktheidsverzekering", flag("overig.arbeidsongeschiktheidsverzekering"),
          required=("overig.naamVerzekeraar", "overig.premiePerMaand")),
)  # fmt: skip


@dataclass(frozen=True)
class Schending:
    """A violated rule: the field's path, a code and a message naming the rule."""

    path: tuple[str, ...]
    code: str
    message: str


def schendingen(data: Mapping[str, Any], today: dt.date | None = None) -> list[Schending]:
    """Every violation of the conditional rules and cross-field checks in a submitted application."""
    found: list[Schending] = []
    allowed: set[str] = set()
    undecided: set[str] = set()
    refused: dict[str, Regel] = {}
    for regel in REGELS:
        holds = regel.condition(data)
        governed = (*regel.required, *regel.optional, *regel.non_empty)
        if holds is None:
            undecided.update(governed)
        elif holds:
            allowed.update(governed)
            for path in regel.required:
                if not _present(value_at(data, path)):
                    found.append(_required(path, regel))
            for path in regel.non_empty:
                value = value_at(data, path)
                if not _present(value) or (isinstance(value, list) and not value):
                    found.append(Schending(_loc(path), "conditional_required", f"at least one entry ({_why(regel)})"))
        else:
            for path in governed:
                refused.setdefault(path, regel)
    for path, regel in refused.items():
        if path not in allowed and path not in undecided and _present(value_at(data, path)):
            found.append(Schending(_loc(path), "conditional_forbidden", f"only asked {_why(regel)}; not here"))
    found.extend(_date_checks(data, today or dt.date.today()))
    return found


def _date(data: Mapping[str, Any], path: str) -> dt.date | None:
    value = value_at(data, path)
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _date_checks(data: Mapping[str, Any], today: dt.date) -> list[Schending]:
    found: list[Schending] = []
    start, end = _date(data, "aanvraag.gewensteIngangsdatum"), _date(data, "aanvraag.verwachteEinddatum")
    if start is not None and start < today:
        found.append(Schending(("aanvraag", "gewensteIngangsdatum"), "date_in_past", "must be today or later (A4)"))
    if start is not None and end is not None and end <= start:
        found.append(Schending(("aanvraag", "verwachteEinddatum"), "date_order", "must be after gewensteIngangsdatum"))
    born = _date(data, "personalia.geboortedatum")
    if born is not None and born >= today:
        found.append(Schending(("personalia", "geboortedatum"), "date_not_past", "must be in the past"))
    return found


def _loc(path: str) -> tuple[str, ...]:
    return tuple(path.split("."))


def _why(regel: Regel) -> str:
    return f"{regel.id}: indien {regel.indien}"


def _required(path: str, regel: Regel) -> Schending:
    return Schending(_loc(path), "conditional_required", f"required ({_why(regel)})")
