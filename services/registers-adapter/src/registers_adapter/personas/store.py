"""The mock registers' data: synthetic personas, loaded once from personas.json."""

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


def persoon(bsn: str) -> dict[str, Any] | None:
    return next((p for p in _data()["personen"] if p["burgerservicenummer"] == bsn), None)


def onderneming(kvk_nummer: str) -> dict[str, Any] | None:
    return next((o for o in _data()["ondernemingen"] if o["kvkNummer"] == kvk_nummer), None)


def alle_personen() -> list[dict[str, Any]]:
    return list(_data()["personen"])
