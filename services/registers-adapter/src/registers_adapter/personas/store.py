"""The mock registers' data: synthetic personas, loaded once from personas.json (built by tools/build_personas.py).

Only the mock upstreams read this module; the adapter itself reaches the data through the registers' contracts."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache
def _data() -> dict[str, Any]:
    text = resources.files("registers_adapter.personas").joinpath("personas.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
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
