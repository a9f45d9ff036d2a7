"""Route requests for the registers-adapter's personas, built from its personas.json read as data only (no
code of another service is imported): the register facts as the adapter would give them, and the answers of an
applicant who fills in the form truthfully (income as Suwinet knows it, co-residents as they live there)."""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from routing_cases import green_request

PERSONAS = (
    Path(__file__).resolve().parents[3] / "services/registers-adapter/src/registers_adapter/personas/personas.json"
)
APPLIED = dt.date(2026, 11, 24)
DOELGROEP = {
    "gevestigde": "gevestigde",
    "starter": "starter",
    "oudere zelfstandige": "oudere-zelfstandige",
    "IOAZ": "ioaz",
    "beëindiger": "beeindiging",
}
PER_MAAND = {"maand": 1.0, "vier weken": 13 / 12, "week": 52 / 12, "kwartaal": 1 / 3, "jaar": 1 / 12}


# The personas write age-sensitive dates relative to today (VANDAAG-19J-200D, VANDAAG+120D): resolved here
# against the application date, so that a persona of 19 is 19 on it.
_RELATIVE = re.compile(r"^VANDAAG(?:([+-])(\d+)J)?(?:([+-])(\d+)D)?$")


def _resolve_date(value: str) -> str:
    match = _RELATIVE.match(value)
    if match is None:
        return value
    year_sign, years, day_sign, days = match.groups()
    day = APPLIED
    if years:
        day = day.replace(year=day.year + (int(years) if year_sign == "+" else -int(years)))
    if days:
        day += dt.timedelta(days=int(days) if day_sign == "+" else -int(days))
    return day.isoformat()


def _resolve(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _resolve(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v) for v in value]
    if isinstance(value, str) and value.startswith("VANDAAG"):
        return _resolve_date(value)
    return value


@cache
def data() -> dict[str, Any]:
    loaded: dict[str, Any] = _resolve(json.loads(PERSONAS.read_text(encoding="utf-8")))
    return loaded


def _age(born: str) -> int:
    b = dt.date.fromisoformat(born)
    return APPLIED.year - b.year - ((APPLIED.month, APPLIED.day) < (b.month, b.day))


def _current(item: dict[str, Any]) -> bool:
    start = item.get("datumAanvang")
    end = item.get("datumEinde")
    return (start is None or dt.date.fromisoformat(start) <= APPLIED) and (
        end is None or dt.date.fromisoformat(end) >= APPLIED
    )


def _income(bsn: str) -> int:
    """Net monthly income outside the business known in Suwinet (UWV, SVB; child benefit is no income)."""
    suwi = data()["suwinet"].get(bsn, {})
    total = 0.0
    for item in [*suwi.get("inkomsten", []), *suwi.get("svb", [])]:
        if item.get("regeling") == "Kinderbijslag" or not _current(item):
            continue
        total += item["nettoBedrag"] * PER_MAAND.get(item.get("periode", "maand"), 1.0)
    return int(total)


def _studying(bsn: str) -> bool:
    return any(_current(s) for s in data()["suwinet"].get(bsn, {}).get("studiefinanciering", []))


def persona_request(persona: dict[str, Any]) -> dict[str, Any]:
    people = {p["burgerservicenummer"]: p for p in data()["personen"]}
    firms = {o["kvkNummer"]: o for o in data()["ondernemingen"]}
    bsn = persona["burgerservicenummer"]
    me = people[bsn]
    partner = me.get("partner")
    address = me["adres"].get("adresseerbaarObjectIdentificatie")
    residents = [
        p
        for p in data()["personen"]
        if p["adres"].get("adresseerbaarObjectIdentificatie") == address
        and p["burgerservicenummer"] not in (bsn, partner)
    ]
    income = _income(bsn) + (_income(partner) if partner else 0)
    body = green_request(aanvraagdatum=APPLIED.isoformat(), doelgroep=DOELGROEP[persona["doelgroep"]])
    body["aanvraag"] = {
        "typeAanvraag": "inkomensaanvullende-uitkering",
        "gewensteIngangsdatum": "2026-12-01",
        "verwachteEinddatum": "2027-03-31",
    }
    answers = body["antwoorden"]
    answers["partner"] = partner is not None
    answers["inkomsten"] = [{"periode": "maand", "nettoBedrag": income}] if income else []
    answers["medebewoners"] = [
        {"leeftijd": _age(p["geboortedatum"]), "studerend": _studying(p["burgerservicenummer"])} for p in residents
    ]
    registers: dict[str, Any] = {
        "geboortedatum": {"waarde": me["geboortedatum"], "bron": "BRP"},
        "woongemeentecode": {"waarde": me["adres"].get("gemeentecode"), "bron": "BRP"},
        "heeftPartner": {"waarde": partner is not None, "bron": "BRP"},
        "aantalMedebewoners21Plus": {
            "waarde": sum(1 for p in residents if _age(p["geboortedatum"]) >= 21),
            "bron": "BRP",
        },
        "inkomstenPerMaand": {"waarde": income, "bron": "Suwinet"},
    }
    firm = firms.get(persona.get("kvkNummer") or "")
    if firm is not None:
        day = firm["formeleRegistratiedatum"].replace("-", "")
        registers["kvkInschrijving"] = {"waarde": f"{day[:4]}-{day[4:6]}-{day[6:]}", "bron": "KVK"}
        registers["kvkSbiCodes"] = {"waarde": [a["sbiCode"] for a in firm["sbiActiviteiten"]], "bron": "KVK"}
        answers.pop("ingeschrevenVoorPeildatum", None)
    else:
        answers["sbiCodes"] = None
        answers.pop("sbiCodes")
    body["registers"] = registers
    return body


def personas() -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = data()["personas"]
    return listed
