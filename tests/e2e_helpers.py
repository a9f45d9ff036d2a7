import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

import httpx

from bbz_common.suite import resolve_relative_dates

VENDOR = {"Authorization": "Bearer demo-vendor-key"}
OFFICER = {"Authorization": "Bearer demo-behandelaar-key"}
TODAY = dt.date.today()


DEMO = Path(__file__).resolve().parents[1] / "demo" / "aanvragen"


def demo_application(name: str) -> dict[str, Any]:
    """One of the example applications in demo/aanvragen, with its relative dates resolved."""
    body: dict[str, Any] = resolve_relative_dates(json.loads((DEMO / f"{name}.json").read_text(encoding="utf-8")))
    return body


def green_application() -> dict[str, Any]:
    return demo_application("01-gevestigde-groen")


def red_application() -> dict[str, Any]:
    return demo_application("02-starter-rood")


def wait_for_status(client: httpx.Client, location: str, statuses: set[str], timeout: float = 90.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        body: dict[str, Any] = client.get(location, headers=VENDOR).json()
        if body["status"] in statuses:
            return body
        if time.monotonic() > deadline:
            raise AssertionError(f"status stayed {body['status']!r}, expected one of {statuses}")
        time.sleep(0.1)
