"""Routed applications as intake-api offers them, and the steps of a handling; each test changes one thing."""

from __future__ import annotations

import copy
import datetime as dt
import uuid
from typing import Any

import httpx

from bbz_common.testing import (
    APPROVER_KEY,
    INTAKE_SERVICE_KEY,
    OFFICER_2_KEY,
    OFFICER_KEY,
    auth,
)

RECEIVED = dt.date(2026, 3, 2)  # a Monday; 13 weeks later is 2026-06-01
DEADLINE = RECEIVED + dt.timedelta(weeks=13)
SERVICE = auth(INTAKE_SERVICE_KEY)
OFFICER = auth(OFFICER_KEY)
OFFICER_2 = auth(OFFICER_2_KEY)
APPROVER = auth(APPROVER_KEY)

GREEN_RULES = [
    {"regel": "G1", "uitkomst": "voldaan", "toelichting": "Geen uitsluitingsgrond."},
    {"regel": "G3", "uitkomst": "voldaan", "toelichting": "Aanvrager is gevestigde zelfstandige."},
    {"regel": "G4", "uitkomst": "voldaan", "toelichting": "Alleen levensonderhoud voor ten hoogste 6 maanden."},
    {"regel": "G10a", "uitkomst": "voldaan", "toelichting": "Ingeschreven bij de KVK vóór 2019-01-01."},
]


def behandeling(route: str = "groen", **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "aanvraagId": str(uuid.uuid4()),
        "gemeentecode": "0518",
        "ontvangstdatum": RECEIVED.isoformat(),
        "doelgroep": "gevestigde",
        "typeAanvraag": "inkomensaanvullende-uitkering",
        "ingangsdatum": RECEIVED.isoformat(),
        "einddatum": (RECEIVED + dt.timedelta(days=120)).isoformat(),
        "prioriteit": False,
        "iban": "NL91ABNA0417164300",
        "routering": {
            "routeringId": str(uuid.uuid4()),
            "route": route,
            "beleidsversie": "0518-2026-01",
            "redenen": ["Alle voorwaarden voor de snelle route zijn voldaan."]
            if route == "groen"
            else ["R1: Starter, oudere zelfstandige, IOAZ of beëindiger."],
            "regels": copy.deepcopy(GREEN_RULES),
        },
        "aanvrager": {
            "naam": "J. de Vries",
            "aanhef": "heer De Vries",
            "adres": {"straat": "Spui", "huisnummer": "70", "postcode": "2511 BT", "woonplaats": "Den Haag"},
        },
        "leverancier": "demo-leverancier",
    }
    body.update(changes)
    return body


def split_request(income_route: str = "groen") -> dict[str, Any]:
    body = behandeling(route="rood", typeAanvraag="beide")
    body["routering"]["deelroutes"] = [
        {"product": "inkomensaanvullende-uitkering", "route": income_route},
        {"product": "bedrijfskapitaal", "route": "rood"},
    ]
    return body


async def offer(client: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    response = await client.post("/v1/behandelingen", json=body, headers=SERVICE)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def offer_red(client: httpx.AsyncClient, **changes: Any) -> str:
    return str((await offer(client, behandeling("rood", **changes)))["id"])


ALL_CONDITIONS = (
    "nationaliteit-verblijf",
    "leeftijd",
    "urencriterium",
    "kvk-inschrijving",
    "inkomen",
    "voorliggende-voorzieningen",
    "uitsluitingsgronden",
    "identiteitsdocument",
)


def finding(voorwaarde: str, uitkomst: str = "voldaan") -> dict[str, Any]:
    body: dict[str, Any] = {"uitkomst": uitkomst, "grondslag": f"Onderzocht: {voorwaarde} (Suwinet, BRP, stukken)."}
    if voorwaarde == "identiteitsdocument" and uitkomst == "voldaan":
        body["identiteitsdocument"] = {"soort": "paspoort", "geldigTot": "2030-01-01"}
    return body


async def record_findings(client: httpx.AsyncClient, behandeling_id: str, skip: tuple[str, ...] = ()) -> None:
    for voorwaarde in ALL_CONDITIONS:
        if voorwaarde in skip:
            continue
        response = await client.put(
            f"/v1/behandelingen/{behandeling_id}/bevindingen/{voorwaarde}", json=finding(voorwaarde), headers=OFFICER
        )
        assert response.status_code == 200, response.text


def proposal(besluittype: str = "toekenning", **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "besluittype": besluittype,
        "toelichting": "Na onderzoek en een gesprek met de aanvrager: aan de voorwaarden is voldaan.",
    }
    if besluittype == "afwijzing":
        body["toelichting"] = "Uw onderneming is niet levensvatbaar gebleken."
        body["grondslagen"] = ["artikel 2 Bbz 2004: de onderneming is niet levensvatbaar"]
    body.update(changes)
    return body


async def propose(
    client: httpx.AsyncClient, behandeling_id: str, body: dict[str, Any], headers: dict[str, str] = OFFICER
) -> httpx.Response:
    return await client.post(f"/v1/behandelingen/{behandeling_id}/besluitvoorstellen", json=body, headers=headers)


async def approve(
    client: httpx.AsyncClient, voorstel_id: str, headers: dict[str, str] = APPROVER, akkoord: bool = True
) -> httpx.Response:
    return await client.post(
        f"/v1/besluitvoorstellen/{voorstel_id}/fiattering", json={"akkoord": akkoord}, headers=headers
    )


async def decide(client: httpx.AsyncClient, behandeling_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """Propose (officer) and approve (approver): the decision that results."""
    proposed = await propose(client, behandeling_id, body)
    assert proposed.status_code == 201, proposed.text
    approved = await approve(client, proposed.json()["id"])
    assert approved.status_code == 200, approved.text
    besluit = await client.get(f"/v1/besluiten/{approved.json()['besluitId']}", headers=OFFICER)
    result: dict[str, Any] = besluit.json()
    return result


async def request_completion(client: httpx.AsyncClient, behandeling_id: str) -> dict[str, Any]:
    response = await client.post(
        f"/v1/behandelingen/{behandeling_id}/herstelverzoeken",
        json={"omschrijving": "Stuur de jaarstukken 2025.", "gevraagdeStukken": ["jaarrekening 2025"]},
        headers=OFFICER,
    )
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result
