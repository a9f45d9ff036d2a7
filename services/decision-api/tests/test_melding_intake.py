"""Every decision is reported to intake-api through the outbox (intake-api owns the application's status)."""

import asyncio
import json
from pathlib import Path

import respx
from decision_factories import RECEIVED, SERVICE, behandeling
from httpx import Response

from bbz_common.testing import running_app
from decision_api.clock import FixedClock
from decision_api.config import Settings
from decision_api.main import create_app


async def test_a_green_grant_is_reported_to_intake_api(settings: Settings, tmp_path: Path) -> None:
    relaying = settings.model_copy(
        update={"outbox_enabled": True, "outbox_poll_interval_seconds": 0.05, "intake_url": "http://intake.test/v1"}
    )
    body = behandeling("groen")
    with respx.mock(assert_all_called=False, using="httpx") as mock:
        mock.route(host="testserver").pass_through()  # the test's own client to decision-api
        route = mock.post(f"http://intake.test/v1/aanvragen/{body['aanvraagId']}/besluiten").mock(
            return_value=Response(200, json={})
        )
        async with running_app(create_app(relaying, clock=FixedClock(RECEIVED))) as client:
            await client.post("/v1/behandelingen", json=body, headers=SERVICE)
            for _ in range(100):
                if route.called:
                    break
                await asyncio.sleep(0.05)

    assert json.loads(route.calls[0].request.content)["besluittype"] == "toekenning"


async def test_a_request_to_complete_is_reported_to_intake_api_with_its_repair_period(
    settings: Settings, tmp_path: Path
) -> None:
    relaying = settings.model_copy(
        update={"outbox_enabled": True, "outbox_poll_interval_seconds": 0.05, "intake_url": "http://intake.test/v1"}
    )
    body = behandeling("rood")
    with respx.mock(assert_all_called=False, using="httpx") as mock:
        mock.route(host="testserver").pass_through()  # the test's own client to decision-api
        route = mock.post(f"http://intake.test/v1/aanvragen/{body['aanvraagId']}/statusmeldingen").mock(
            return_value=Response(200, json={})
        )
        async with running_app(create_app(relaying, clock=FixedClock(RECEIVED))) as client:
            created = await client.post("/v1/behandelingen", json=body, headers=SERVICE)
            await client.post(
                f"/v1/behandelingen/{created.json()['id']}/herstelverzoeken",
                json={"omschrijving": "Stuur de jaarstukken.", "gevraagdeStukken": ["jaarrekening 2025"]},
                headers={"Authorization": "Bearer demo-behandelaar-key"},
            )
            for _ in range(100):
                if route.called:
                    break
                await asyncio.sleep(0.05)

    sent = json.loads(route.calls[0].request.content)
    assert (sent["status"], sent["termijnTot"]) == ("hersteltermijn", "2026-03-16")
