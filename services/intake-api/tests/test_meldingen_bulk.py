"""Reports from decision-api in bulk: each decision or handling report of a bulk is recorded as its single
endpoint (`POST /v1/aanvragen/{id}/besluiten`, `.../statusmeldingen`) records it."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from intake_factories import besluit_melding, gevestigde_levensonderhoud
from sqlalchemy import update

from bbz_common.db import Database
from bbz_common.testing import DECISION_SERVICE_KEY, INTAKE_SERVICE_KEY, VENDOR_KEY, auth
from intake_api.aanvragen.models import Aanvraag
from intake_api.config import Settings

MINIMAL = {**auth(DECISION_SERVICE_KEY), "Prefer": "return=minimal"}


async def submitted(client: httpx.AsyncClient) -> str:
    response = await client.post("/v1/aanvragen", json=gevestigde_levensonderhoud(), headers=auth(VENDOR_KEY))
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def bulk(
    client: httpx.AsyncClient, what: str, *reports: tuple[str, dict[str, Any]], headers: Any = None
) -> httpx.Response:
    body = {"verzoeken": [{"verzoek": {"aanvraagId": i, "melding": m}} for i, m in reports]}
    return await client.post(f"/v1/aanvragen/{what}/bulk", json=body, headers=headers or MINIMAL)


async def status_of(client: httpx.AsyncClient, aanvraag_id: str) -> str:
    return str((await client.get(f"/v1/aanvragen/{aanvraag_id}", headers=auth(VENDOR_KEY))).json()["status"])


async def test_each_decision_of_a_bulk_is_recorded_and_answered_without_a_body_when_asked(
    client: httpx.AsyncClient,
) -> None:
    first, second = await submitted(client), await submitted(client)

    response = await bulk(client, "besluiten", (first, besluit_melding()), (second, besluit_melding()))

    assert (
        response.headers["Preference-Applied"],
        [(r["status"], r["resultaat"]) for r in response.json()["resultaten"]],
        [await status_of(client, i) for i in (first, second)],
    ) == ("return=minimal", [(204, None), (204, None)], ["besloten", "besloten"])


async def test_without_prefer_minimal_each_result_is_the_application_as_the_single_endpoint_answers_it(
    client: httpx.AsyncClient,
) -> None:
    aanvraag_id = await submitted(client)

    response = await bulk(client, "besluiten", (aanvraag_id, besluit_melding()), headers=auth(DECISION_SERVICE_KEY))

    [result] = response.json()["resultaten"]
    assert (result["status"], result["resultaat"]["id"], result["resultaat"]["status"]) == (
        200,
        aanvraag_id,
        "besloten",
    )


async def test_a_decision_sent_twice_in_one_bulk_is_recorded_once(client: httpx.AsyncClient) -> None:
    aanvraag_id = await submitted(client)
    melding = besluit_melding()

    await bulk(client, "besluiten", (aanvraag_id, melding), (aanvraag_id, melding))

    found = (await client.get(f"/v1/aanvragen/{aanvraag_id}", headers=auth(VENDOR_KEY))).json()
    assert len(found["besluiten"]) == 1


async def test_a_report_for_an_unknown_application_is_its_own_404_and_the_others_are_recorded(
    client: httpx.AsyncClient,
) -> None:
    known = await submitted(client)

    response = await bulk(client, "besluiten", (str(uuid.uuid4()), besluit_melding()), (known, besluit_melding()))

    assert ([r["status"] for r in response.json()["resultaten"]], await status_of(client, known)) == (
        [404, 204],
        "besloten",
    )


async def test_handling_reports_in_bulk_are_recorded_as_the_single_endpoint_records_them(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    aanvraag_id = await submitted(client)
    db = Database(settings.resolved_database_url())
    async with db.transaction() as session:  # where the pipeline would have put it: with decision-api
        await session.execute(
            update(Aanvraag).where(Aanvraag.id == uuid.UUID(aanvraag_id)).values(status="in-behandeling")
        )
    await db.dispose()

    response = await bulk(client, "statusmeldingen", (aanvraag_id, {"status": "gesloten", "toelichting": "Dubbel"}))

    assert ([r["status"] for r in response.json()["resultaten"]], await status_of(client, aanvraag_id)) == (
        [204],
        "gesloten",
    )


async def test_an_invalid_report_refuses_the_whole_bulk_naming_the_field_and_records_nothing(
    client: httpx.AsyncClient,
) -> None:
    aanvraag_id = await submitted(client)

    response = await bulk(
        client, "besluiten", (aanvraag_id, besluit_melding()), (aanvraag_id, {**besluit_melding(), "datum": "gisteren"})
    )

    assert (
        response.status_code,
        [p["name"] for p in response.json()["invalidParams"]],
        await status_of(client, aanvraag_id),
    ) == (400, ["verzoeken.1.verzoek.melding.datum"], "ontvangen")


async def test_only_decision_api_may_report_in_bulk(client: httpx.AsyncClient) -> None:
    aanvraag_id = await submitted(client)

    statuses = [
        (await bulk(client, "besluiten", (aanvraag_id, besluit_melding()), headers=auth(key))).status_code
        for key in (VENDOR_KEY, INTAKE_SERVICE_KEY)
    ]

    assert statuses == [403, 403]
