"""Helpers for the registers-adapter's tests: the look-up call, the personas, the mock upstreams' addresses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from bbz_common.testing import AUDITOR_KEY, INTAKE_SERVICE_KEY, auth
from registers_adapter.config import MOCK_KEYS
from registers_adapter.personas import store

SHARED = Path(__file__).resolve().parents[4] / "shared"
BRP_SPEC = SHARED / "contracts" / "haalcentraal-brp-personen-2.7.0.yaml"
TEST_BSNS = SHARED / "contracts" / "brp-test-bsns.txt"
KVK_RECORDED = SHARED / "contracts" / "kvk" / "test-recorded"

SERVICE = auth(INTAKE_SERVICE_KEY)
AUDITOR = auth(AUDITOR_KEY)
DOELBINDING = "Beoordelen aanvraag Bbz 2004"

BRP_PATH = "/mock/brp/haalcentraal/api/brp/personen"
BRP_HEADERS = {
    "X-API-KEY": MOCK_KEYS["brp"],
    "x-doelbinding": "Bbz 2004",
    "x-verwerking": "Bbz aanvraag beoordelen",
    "x-gebruiker": "test",
}
KVK_HEADERS = {"apikey": MOCK_KEYS["kvk"]}
SUWINET_HEADERS = {"X-API-KEY": MOCK_KEYS["suwinet"]}


def persona(key: str) -> dict[str, Any]:
    return next(p for p in store.personas() if p["sleutel"] == key)


def bsn_of(key: str) -> str:
    return str(persona(key)["burgerservicenummer"])


async def lookup(client: httpx.AsyncClient, key: str, **changes: Any) -> httpx.Response:
    """The Bbz look-up for a persona, as intake-api asks it."""
    p = persona(key)
    body: dict[str, Any] = {"burgerservicenummer": p["burgerservicenummer"], "doelbinding": DOELBINDING}
    if p["kvkNummer"]:
        body["kvkNummer"] = p["kvkNummer"]
    body.update(changes)
    return await client.post("/v1/bbz-gegevens", json=body, headers=SERVICE)


async def gegevens(client: httpx.AsyncClient, key: str, **changes: Any) -> dict[str, Any]:
    response = await lookup(client, key, **changes)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def household_bsns(key: str) -> set[str]:
    """Every BSN registered at the persona's address except the applicant's own."""
    bsn = bsn_of(key)
    adres = store.persoon(bsn)["adres"]["adresseerbaarObjectIdentificatie"]  # type: ignore[index]
    return {p["burgerservicenummer"] for p in store.bewoners(adres)} - {bsn}


def brp_body(*bsns: str, fields: list[str]) -> dict[str, Any]:
    return {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": list(bsns), "fields": fields}
