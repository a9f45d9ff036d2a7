"""The pre-check's numbers as dated data (parameters.json), never literals in the rules."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

# Look-ups remembered per table: the pre-check endpoint takes any peildatum, so the memory stays bounded.
_REMEMBERED = 256


@dataclass(frozen=True)
class Parameterwaarde:
    naam: str
    waarde: Any
    geldigVanaf: dt.date
    geldigTot: dt.date | None
    bron: str
    status: str


class ParameterTabel:
    def __init__(self, raw: dict[str, list[dict[str, Any]]]) -> None:
        self._rows: dict[str, list[Parameterwaarde]] = {
            naam: sorted(
                (
                    Parameterwaarde(
                        naam=naam,
                        waarde=row["waarde"],
                        geldigVanaf=dt.date.fromisoformat(row["geldigVanaf"]),
                        geldigTot=dt.date.fromisoformat(row["geldigTot"]) if row.get("geldigTot") else None,
                        bron=row["bron"],
                        status=row["status"],
                    )
                    for row in rows
                ),
                key=lambda p: p.geldigVanaf,
            )
            for naam, rows in raw.items()
        }
        self._op: dict[tuple[str, dt.date], Parameterwaarde | None] = {}

    def op(self, naam: str, peildatum: dt.date) -> Parameterwaarde | None:
        """The value of ``naam`` that applies on ``peildatum``, or None when none does."""
        # Every submission reads several values on the same day: remembered, a few dates at a time.
        key = (naam, peildatum)
        if key in self._op:
            return self._op[key]
        applicable = [
            p
            for p in self._rows[naam]
            if p.geldigVanaf <= peildatum and (p.geldigTot is None or peildatum < p.geldigTot)
        ]
        if len(self._op) >= _REMEMBERED:
            self._op.clear()
        found = self._op[key] = applicable[-1] if applicable else None
        return found

    def namen(self) -> list[str]:
        return list(self._rows)


@lru_cache
def standaard_tabel() -> ParameterTabel:
    text = resources.files("intake_api.voorcheck").joinpath("parameters.json").read_text(encoding="utf-8")
    return ParameterTabel(json.loads(text)["parameters"])
