"""What the reliability, contract and security tests tried, printed at the end of the run (issue 8, item 7).

Every conftest of those folders registers ``pytest_terminal_summary`` from here; the summary prints once."""

from __future__ import annotations

from collections import Counter
from typing import Any

FIGURES: Counter[str] = Counter()
LABELS = {
    "applications_sent": "applications sent (crash and outage runs)",
    "applications_accepted": "applications accepted (201)",
    "crashes_injected": "kill -9 crashes injected",
    "outages_injected": "services taken down for a while",
    "applications_lost": "applications lost (must be 0)",
    "duplicate_decisions": "duplicate decisions (must be 0)",
    "fuzz_cases": "fuzz cases run (schemathesis)",
    "fuzz_operations": "operations fuzzed",
    "stateful_steps": "of which steps of stateful workflows",
    "auth_checks": "endpoint x role checks",
    "auth_operations": "operations in the authorisation matrix",
    "log_lines_scanned": "log lines scanned for personal data",
    "personal_data_in_logs": "personal data found in logs (must be 0)",
}
_printed = {"done": False}


def add(name: str, amount: int = 1) -> None:
    FIGURES[name] += amount


def terminal_summary(terminalreporter: Any) -> None:
    if _printed["done"] or not FIGURES:
        return
    _printed["done"] = True
    terminalreporter.section("issue 8: what the reliability, contract and security tests tried")
    for key, label in LABELS.items():
        if key in FIGURES:
            terminalreporter.write_line(f"{label:55} {FIGURES[key]}")
    for key in sorted(set(FIGURES) - set(LABELS)):
        terminalreporter.write_line(f"{key:55} {FIGURES[key]}")
