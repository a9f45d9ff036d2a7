"""The personal data of the demo applicants, and a scan of log lines for it (privacy tests, crash-run logs).

Taken from the demo applications (BSN, surname, IBAN, postcode with and without its space, e-mail, phone
number, ID document number) and every BSN of the registers-adapter's personas."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from e2e_helpers import DEMO

PERSONAS = (
    Path(__file__).resolve().parents[2] / "services/registers-adapter/src/registers_adapter/personas/personas.json"
)
PERSONAL_KEYS = {
    "burgerservicenummer",
    "achternaam",
    "iban",
    "postcode",
    "emailadres",
    "telefoonnummers",
    "documentnummer",
    "voornamen",
    "geslachtsnaam",
    "straat",
    "straatnaam",
}


def personal_values(value: Any, key: str = "") -> set[str]:
    found: set[str] = set()
    if isinstance(value, dict):
        for k, v in value.items():
            found |= personal_values(v, k)
    elif isinstance(value, list):
        for v in value:
            found |= personal_values(v, key)
    elif key in PERSONAL_KEYS and isinstance(value, str) and len(value) >= 4:
        found.add(value)
        if key == "postcode":
            found.add(value.replace(" ", ""))
    return found


def personal_data() -> set[str]:
    values: set[str] = set()
    for path in sorted(DEMO.glob("*.json")):
        values |= personal_values(json.loads(path.read_text(encoding="utf-8")))
    personas = json.loads(PERSONAS.read_text(encoding="utf-8"))
    values |= personal_values(personas)
    values |= set(re.findall(r'"(\d{9})"', json.dumps(personas)))
    return values


def personal_data_in(lines: list[str]) -> list[str]:
    """The personal values that occur in any of the lines (as a whole word)."""
    patterns = {v: re.compile(rf"(?<![\w]){re.escape(v)}(?![\w])") for v in personal_data()}
    return sorted({v for line in lines for v, pattern in patterns.items() if pattern.search(line)})


def suite_log_lines(var_dir: Path) -> list[str]:
    return [line for path in sorted((var_dir / "log").glob("*.log")) for line in path.read_text().splitlines()]
