"""The mock registers' data: synthetic personas, loaded once from personas.json (built by tools/build_personas.py).

Only the mock upstreams read this module; the adapter itself reaches the data through the registers' contracts."""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

# Age-sensitive dates are relative, so a persona of 19 stays 19: VANDAAG-19J-200D, VANDAAG+120D.
_RELATIVE = re.compile(r"^VANDAAG(?:([+-])(\d+)J)?(?:([+-])(\d+)D)?$")
_KVK_DATES = ("formeleRegistratiedatum", "datumAanvang")


def resolve_date(value: str, today: dt.date) -> str:
    match = _RELATIVE.match(value)
    if match is None:
        return value
    year_sign, years, day_sign, days = match.groups()
    date = today
    if years:
        target_year = date.year + (int(years) if year_sign == "+" else -int(years))
        date = (
            date.replace(year=target_year, day=28)
            if (date.month, date.day) == (2, 29)
            else date.replace(year=target_year)
        )
    if days:
        date += dt.timedelta(days=int(days) if day_sign == "+" else -int(days))
    return date.isoformat()


def _resolve(value: Any, today: dt.date) -> Any:
    if isinstance(value, dict):
        return {k: _resolve(v, today) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v, today) for v in value]
    if isinstance(value, str) and value.startswith("VANDAAG"):
        return resolve_date(value, today)
    return value


@lru_cache
def _data() -> dict[str, Any]:
    text = resources.files("registers_adapter.personas").joinpath("personas.json").read_text(encoding="utf-8")
    data: dict[str, Any] = _resolve(json.loads(text), dt.date.today())
    for onderneming in data["ondernemingen"]:
        for key in _KVK_DATES:  # the KVK writes YYYYMMDD
            onderneming[key] = onderneming[key].replace("-", "")
    return data


@lru_cache
def _personen() -> dict[str, dict[str, Any]]:
    return {p["burgerservicenummer"]: p for p in _data()["personen"]}


@lru_cache
def _ondernemingen() -> dict[str, dict[str, Any]]:
    return {o["kvkNummer"]: o for o in _data()["ondernemingen"]}


def persoon(bsn: str) -> dict[str, Any] | None:
    return _personen().get(bsn)


def bewoners(adresseerbaar_object_identificatie: str) -> list[dict[str, Any]]:
    return [
        p
        for p in _data()["personen"]
        if p["adres"]["adresseerbaarObjectIdentificatie"] == adresseerbaar_object_identificatie
    ]


def onderneming(kvk_nummer: str) -> dict[str, Any] | None:
    return _ondernemingen().get(kvk_nummer)


def suwinet(bsn: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = _data()["suwinet"].get(bsn)
    return found


def gemeentelijke_registratie(bsn: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = _data()["gemeentelijkeRegistratie"].get(bsn)
    return found


def personas() -> list[dict[str, Any]]:
    """The catalogue: one row per persona (key, BSN, KVK number, doelgroep, what to use it for)."""
    return list(_data()["personas"])


def onbekend_bsn() -> str:
    return str(_data()["onbekendBurgerservicenummer"])
