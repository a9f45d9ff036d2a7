"""Every decision is reported to intake-api through the outbox (intake-api owns the application's status)."""

import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import respx
from decision_factories import OFFICER, RECEIVED, SERVICE, behandeling
from fastapi import FastAPI
from httpx import Response
from sqlalchemy import select

from bbz_common.testing import running_app
from decision_api.clock import FixedClock
from decision_api.config import Settings
from decision_api.main import create_app
from decision_api.models import OutboxMessage

MINIMAL = Response(204, headers={"Preference-Applied": "return=minimal"})


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


# --- the minimal answer (RFC 7240): decision-api needs no body back, only the fact that the report arrived -------


async def outbox_statuses(app: FastAPI) -> list[str]:
    async with app.state.db.sessionmaker() as session:
        return list((await session.execute(select(OutboxMessage.status))).scalars())


async def deliver(app: FastAPI) -> None:
    while await app.state.relay.run_once():
        pass


async def report_green_grant(settings: Settings, answer: Response) -> tuple[httpx.Request, list[str]]:
    """A green grant offered, its report delivered once by the relay against ``answer``: the request intake-api
    got, and the outbox's statuses afterwards."""
    app = create_app(settings.model_copy(update={"intake_url": "http://intake.test/v1"}), clock=FixedClock(RECEIVED))
    body = behandeling("groen")
    with respx.mock(assert_all_called=False, using="httpx") as mock:
        mock.route(host="testserver").pass_through()
        route = mock.post(f"http://intake.test/v1/aanvragen/{body['aanvraagId']}/besluiten").mock(return_value=answer)
        async with running_app(app) as client:
            await client.post("/v1/behandelingen", json=body, headers=SERVICE)
            await deliver(app)
            return route.calls[0].request, await outbox_statuses(app)


async def test_a_decision_report_asks_intake_api_for_a_minimal_answer(settings: Settings) -> None:
    request, _ = await report_green_grant(settings, MINIMAL)

    assert request.headers["Prefer"] == "return=minimal"


async def test_a_decision_report_answered_204_no_content_counts_as_delivered(settings: Settings) -> None:
    _, statuses = await report_green_grant(settings, MINIMAL)

    assert statuses == ["delivered"]


async def test_a_decision_report_answered_200_with_the_application_counts_as_delivered(settings: Settings) -> None:
    _, statuses = await report_green_grant(settings, Response(200, json={"id": "an application"}))

    assert statuses == ["delivered"]


async def test_a_status_report_asks_for_a_minimal_answer_and_a_204_counts_as_delivered(settings: Settings) -> None:
    app = create_app(settings.model_copy(update={"intake_url": "http://intake.test/v1"}), clock=FixedClock(RECEIVED))
    body = behandeling("rood")
    with respx.mock(assert_all_called=False, using="httpx") as mock:
        mock.route(host="testserver").pass_through()
        route = mock.post(f"http://intake.test/v1/aanvragen/{body['aanvraagId']}/statusmeldingen").mock(
            return_value=MINIMAL
        )
        async with running_app(app) as client:
            created = await client.post("/v1/behandelingen", json=body, headers=SERVICE)
            await client.post(
                f"/v1/behandelingen/{created.json()['id']}/herstelverzoeken",
                json={"omschrijving": "Stuur de jaarstukken.", "gevraagdeStukken": ["jaarrekening 2025"]},
                headers=OFFICER,
            )
            await deliver(app)
            statuses = await outbox_statuses(app)

    assert (route.calls[0].request.headers["Prefer"], statuses) == ("return=minimal", ["delivered"])


# --- several reports at once: one bulk request to intake-api (POST /aanvragen/besluiten/bulk) ------------------


async def report_green_grants(
    settings: Settings, count: int, bulk_answer: Callable[[list[dict[str, Any]]], Response]
) -> tuple[list[int], int, list[str]]:
    """``count`` green grants offered, their reports delivered by one relay run against intake-api's bulk
    endpoint answering ``bulk_answer`` (and its single endpoints answering 204): the number of reports in each
    bulk request, the number of single requests, and the outbox's statuses afterwards."""
    app = create_app(settings.model_copy(update={"intake_url": "http://intake.test/v1"}), clock=FixedClock(RECEIVED))
    with respx.mock(assert_all_called=False, using="httpx") as mock:
        mock.route(host="testserver").pass_through()
        bulk = mock.post("http://intake.test/v1/aanvragen/besluiten/bulk").mock(
            side_effect=lambda request: bulk_answer(json.loads(request.content)["verzoeken"])
        )
        single = mock.post(url__regex=r"http://intake.test/v1/aanvragen/[^/]+/besluiten$").mock(return_value=MINIMAL)
        async with running_app(app) as client:
            for _ in range(count):
                await client.post("/v1/behandelingen", json=behandeling("groen"), headers=SERVICE)
            await app.state.relay.run_once()
            sizes = [len(json.loads(call.request.content)["verzoeken"]) for call in bulk.calls]
            return sizes, single.call_count, sorted(await outbox_statuses(app))


def answered(*statuses: int) -> Callable[[list[dict[str, Any]]], Response]:
    def answer(verzoeken: list[dict[str, Any]]) -> Response:
        results = [
            {"status": s, "resultaat": None} if s < 300 else {"status": s, "probleem": {"status": s}} for s in statuses
        ]
        return Response(200, json={"resultaten": results[: len(verzoeken)]})

    return answer


async def test_the_reports_of_a_batch_go_to_intake_api_in_one_bulk_request(settings: Settings) -> None:
    sizes, singles, statuses = await report_green_grants(settings, 3, answered(204, 204, 204))

    assert (sizes, singles, statuses) == ([3], 0, ["delivered"] * 3)


async def test_each_report_of_a_bulk_is_delivered_retried_or_given_up_as_its_own_result_says(
    settings: Settings,
) -> None:
    _, _, statuses = await report_green_grants(settings, 3, answered(204, 503, 404))

    assert statuses == ["dead", "delivered", "pending"]


async def test_an_intake_api_without_the_bulk_endpoint_gets_the_reports_one_by_one(settings: Settings) -> None:
    _, singles, statuses = await report_green_grants(settings, 3, lambda _: Response(405, json={"status": 405}))

    assert (singles, statuses) == (3, ["delivered"] * 3)
