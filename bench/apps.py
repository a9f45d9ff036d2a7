"""Synthetic Bbz applications from the personas (registers-adapter's personas.json, read as data).

Each persona gets the demo application of its doelgroep (demo/aanvragen) with its own BSN and KVK number, so
the registers-adapter finds its register data and the routing rules see a realistic mix of routes. About
91.5% ask for income support only (as with Tozo); the rest for business capital or both. Every variant is
validated with intake's own schema before the run; variants the schema refuses are left out and counted."""

from __future__ import annotations

import copy
import datetime as dt
import json
import random
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bbz_common.suite import resolve_relative_dates

INCOME = "inkomensaanvullende-uitkering"
CREDIT = "bedrijfskapitaal"
BOTH = "beide"
INCOME_SHARE = 0.915

# personas.json writes the doelgroep in prose; the form uses the enum values.
_DOELGROEP = {
    "gevestigde": "gevestigde",
    "starter": "starter",
    "oudere zelfstandige": "oudere-zelfstandige",
    "oudere-zelfstandige": "oudere-zelfstandige",
    "ioaz": "ioaz",
    "beeindiger": "beeindiging",
    "beeindiging": "beeindiging",
}
_CREDIT_FIELDS = {"bedrag": 1_500_000, "noodzakelijkVoorVoortbestaan": True, "andereFinancieringsmogelijkheden": False}


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().strip().lower()


@dataclass
class Corpus:
    """Valid request bodies by type of request, and what was left out."""

    income: list[dict[str, Any]] = field(default_factory=list)
    credit: list[dict[str, Any]] = field(default_factory=list)
    personas: int = 0
    refused: list[str] = field(default_factory=list)

    def sample(self, rng: random.Random) -> dict[str, Any]:
        pool = self.income if (rng.random() < INCOME_SHARE or not self.credit) else self.credit
        return rng.choice(pool)


def first_day(today: dt.date | None = None) -> dt.date:
    """The day the bodies' dates count from: the day after they are built. A run builds its bodies once, and an
    application may not start before the day it is submitted (A4); counted from today, a run that crossed
    midnight had part of its applications refused."""
    return (today or dt.date.today()) + dt.timedelta(days=1)


def distinct_periods(bodies: list[dict[str, Any]], day: dt.date | None = None) -> list[dict[str, Any]]:
    """Give each application of the same applicant its own period (2 days, 3 days apart), the first starting on
    ``day`` (`first_day()` when not given).

    The personas are few (~50) and a run submits thousands of applications: with the same period, every
    repeat of a BSN would be a possible duplicate (decision-api never grants those automatically), which a
    Tozo peak of 343,000 distinct applicants does not have."""
    day = day or first_day()
    seen: dict[str, int] = {}
    out = []
    for body in bodies:
        bsn = body["personalia"]["burgerservicenummer"]
        n = seen.get(bsn, 0)
        seen[bsn] = n + 1
        start = day + dt.timedelta(days=3 * n)
        copy_ = copy.deepcopy(body)
        copy_["aanvraag"]["gewensteIngangsdatum"] = start.isoformat()
        copy_["aanvraag"]["verwachteEinddatum"] = (start + dt.timedelta(days=2)).isoformat()
        out.append(copy_)
    return out


def load_templates(root: Path, day: dt.date) -> dict[str, list[dict[str, Any]]]:
    """The demo applications, their relative dates (`VANDAAG+n`) counted from ``day``."""
    templates: dict[str, list[dict[str, Any]]] = {}
    for path in sorted((root / "demo" / "aanvragen").glob("*.json")):
        body = resolve_relative_dates(json.loads(path.read_text(encoding="utf-8")), day)
        templates.setdefault(body["doelgroep"], []).append(body)
    return templates


def load_personas(root: Path) -> list[dict[str, Any]]:
    path = root / "services" / "registers-adapter" / "src" / "registers_adapter" / "personas" / "personas.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    personas = data.get("personas", data) if isinstance(data, dict) else data
    return [p for p in personas if isinstance(p, dict) and p.get("burgerservicenummer")]


def as_type(body: dict[str, Any], soort: str) -> dict[str, Any]:
    out = copy.deepcopy(body)
    aanvraag = out["aanvraag"]
    aanvraag["typeAanvraag"] = soort
    for name, value in _CREDIT_FIELDS.items():
        if soort == INCOME:
            aanvraag.pop(name, None)
        else:
            aanvraag.setdefault(name, value)
    return out


def for_persona(template: dict[str, Any], persona: dict[str, Any]) -> dict[str, Any]:
    body = copy.deepcopy(template)
    body["personalia"]["burgerservicenummer"] = persona["burgerservicenummer"]
    kvk = persona.get("kvkNummer")
    if kvk and "kvkNummer" in body.get("onderneming", {}):
        body["onderneming"]["kvkNummer"] = kvk
    return body


def build_corpus(root: Path, day: dt.date | None = None) -> Corpus:
    """All valid variants: each demo application and each persona, as income-only and as credit/both; their
    dates count from ``day`` (`first_day()` when not given)."""
    from intake_api.aanvragen.schemas import AanvraagIndienen  # the service's own validation

    templates = load_templates(root, day or first_day())
    personas = load_personas(root)
    corpus = Corpus(personas=len(personas))
    candidates: list[tuple[str, dict[str, Any]]] = []
    for group in templates.values():
        candidates += [(f"demo:{b['doelgroep']}", b) for b in group]
    for persona in personas:
        doelgroep = _DOELGROEP.get(_plain(str(persona.get("doelgroep", ""))), "gevestigde")
        group = templates.get(doelgroep) or templates.get("gevestigde") or []
        if group:
            candidates.append((f"persona:{persona.get('sleutel')}", for_persona(group[0], persona)))
    for name, body in candidates:
        for soort, target in ((INCOME, corpus.income), (BOTH, corpus.credit), (CREDIT, corpus.credit)):
            variant = as_type(body, soort)
            try:
                AanvraagIndienen.model_validate(variant)
            except Exception as exc:
                corpus.refused.append(f"{name} [{soort}]: {str(exc).splitlines()[0][:120]}")
                continue
            target.append(variant)
    return corpus
