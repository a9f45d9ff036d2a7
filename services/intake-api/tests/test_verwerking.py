"""The steps after intake: one resumable delivery per application takes it through enrichment, routing and
hand-over, applications of a batch go through each step together, and a failure of one never holds back or
repeats the work of another.

The three downstream services are stand-ins at the HTTP level (httpx.MockTransport) answering the shape of
their published contracts; intake-api itself runs in process with its own database."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from intake_factories import gevestigde_levensonderhoud, with_changes
from sqlalchemy import delete, select

from bbz_common.db import Database
from bbz_common.outbox import DEAD, DELIVERED, PENDING, OutboxRelay, enqueue
from bbz_common.testing import VENDOR_KEY, auth, running_app
from intake_api.aanvragen.service import TOPIC_VERRIJKEN
from intake_api.config import Settings
from intake_api.main import create_app
from intake_api.models import OutboxMessage
from intake_api.verwerking.clients import Downstream
from intake_api.verwerking.handlers import build_handlers

Answer = Callable[[httpx.Request], Awaitable[httpx.Response]]


class Services:
    """Stand-ins for registers-adapter, routing-api and decision-api that count what they are asked."""

    def __init__(self) -> None:
        self.calls: Counter[tuple[str, str]] = Counter()
        self.routing_fails_for: set[str] = set()
        self.routing_refuses_for: set[str] = set()
        self.before_routing_answers: Callable[[str], Awaitable[None]] | None = None

    def downstream(self) -> Downstream:
        def client(name: str, answer: Answer) -> httpx.AsyncClient:
            async def handler(request: httpx.Request) -> httpx.Response:
                self.calls[(name, _application(request))] += 1
                return await answer(request)

            return httpx.AsyncClient(transport=httpx.MockTransport(handler), base_url=f"http://{name}/v1")

        return Downstream(
            registers=client("registers", self._registers),
            routing=client("routing", self._routing),
            decision=client("decision", self._decision),
        )

    async def _registers(self, request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"personen": [], "bronnen": []})

    async def _routing(self, request: httpx.Request) -> httpx.Response:
        aanvraag = _application(request)
        if self.before_routing_answers is not None:
            await self.before_routing_answers(aanvraag)
        if aanvraag in self.routing_fails_for:
            return httpx.Response(503, json={"title": "Service Unavailable", "status": 503})
        if aanvraag in self.routing_refuses_for:
            return httpx.Response(422, json={"title": "Unprocessable", "status": 422})
        regel = {"regel": "G1", "uitkomst": "voldaan", "toelichting": "gevestigd"}
        return httpx.Response(
            201,
            json={
                "id": str(uuid.uuid4()),
                "route": "groen",
                "beleidsversie": {"id": "standaard-1"},
                "redenen": [],
                "regels": [regel],
            },
        )

    async def _decision(self, request: httpx.Request) -> httpx.Response:
        return httpx.Response(201, json={"id": str(uuid.uuid4())})

    def count(self, service: str, aanvraag_id: str) -> int:
        return self.calls[(service, aanvraag_id)]


def _application(request: httpx.Request) -> str:
    return str(json.loads(request.content)["aanvraagId"])


@pytest.fixture
async def intake(settings: Settings) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient]]:
    app = create_app(settings)
    async with running_app(app) as client:
        yield app, client


@pytest.fixture
def services() -> Services:
    return Services()


def relay(app: FastAPI, services: Services) -> OutboxRelay:
    db: Database = app.state.db
    return OutboxRelay(db, OutboxMessage, build_handlers(services.downstream()), base_delay=0.0, max_delay=0.0)


async def submit(client: httpx.AsyncClient, body: dict[str, Any] | None = None) -> str:
    response = await client.post("/v1/aanvragen", json=body or gevestigde_levensonderhoud(), headers=auth(VENDOR_KEY))
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def application(client: httpx.AsyncClient, aanvraag_id: str) -> dict[str, Any]:
    response = await client.get(f"/v1/aanvragen/{aanvraag_id}", headers=auth(VENDOR_KEY))
    return dict(response.json())


async def messages(app: FastAPI, aanvraag_id: str) -> list[tuple[str, str]]:
    db: Database = app.state.db
    async with db.sessionmaker() as session:
        rows = (await session.execute(select(OutboxMessage).order_by(OutboxMessage.created_at))).scalars().all()
    return [(m.topic, m.status) for m in rows if m.payload["aanvraagId"] == aanvraag_id]


async def test_one_delivery_takes_an_application_through_every_step_and_its_history_shows_each(
    intake: tuple[FastAPI, httpx.AsyncClient], services: Services
) -> None:
    app, client = intake
    aanvraag_id = await submit(client)

    await relay(app, services).run_once()

    found = await application(client, aanvraag_id)
    assert [h["status"] for h in found["statusHistorie"]] == ["ontvangen", "verrijkt", "gerouteerd", "in-behandeling"]


async def test_a_batch_of_applications_is_handed_over_with_one_call_per_application_per_service(
    intake: tuple[FastAPI, httpx.AsyncClient], services: Services
) -> None:
    app, client = intake
    ids = [await submit(client) for _ in range(5)]

    await relay(app, services).run_once()

    assert {(s, services.count(s, i)) for s in ("registers", "routing", "decision") for i in ids} == {
        ("registers", 1),
        ("routing", 1),
        ("decision", 1),
    }


async def test_when_routing_fails_for_one_application_the_others_of_its_batch_are_handed_over(
    intake: tuple[FastAPI, httpx.AsyncClient], services: Services
) -> None:
    app, client = intake
    failing, other = await submit(client), await submit(client)
    services.routing_fails_for.add(failing)

    await relay(app, services).run_once()

    assert ((await application(client, failing))["status"], (await application(client, other))["status"]) == (
        "verrijkt",
        "in-behandeling",
    )


async def test_a_retried_delivery_resumes_from_its_stored_step_and_does_not_enrich_again(
    intake: tuple[FastAPI, httpx.AsyncClient], services: Services
) -> None:
    app, client = intake
    aanvraag_id = await submit(client)
    services.routing_fails_for.add(aanvraag_id)
    outbox = relay(app, services)
    await outbox.run_once()
    services.routing_fails_for.clear()

    await outbox.run_once()

    assert (
        (await application(client, aanvraag_id))["status"],
        services.count("registers", aanvraag_id),
        services.count("routing", aanvraag_id),
    ) == ("in-behandeling", 1, 2)


async def test_a_refusal_by_routing_dead_letters_only_that_applications_message(
    intake: tuple[FastAPI, httpx.AsyncClient], services: Services
) -> None:
    app, client = intake
    refused, other = await submit(client), await submit(client)
    services.routing_refuses_for.add(refused)

    await relay(app, services).run_once()

    assert (await messages(app, refused), await messages(app, other)) == (
        [("aanvraag.verwerken", DEAD)],
        [("aanvraag.verwerken", DELIVERED)],
    )


async def test_a_route_for_a_version_corrected_meanwhile_is_not_stored_and_the_new_version_starts_afresh(
    intake: tuple[FastAPI, httpx.AsyncClient], services: Services
) -> None:
    app, client = intake
    aanvraag_id = await submit(client)
    corrected = with_changes(gevestigde_levensonderhoud(), {"contact.emailadres": "nieuw@example.nl"})

    async def correct_first(_: str) -> None:
        services.before_routing_answers = None
        response = await client.post(
            f"/v1/aanvragen/{aanvraag_id}/correcties",
            json={"reden": "Typfout in e-mailadres", "formulier": corrected},
            headers=auth(VENDOR_KEY),
        )
        assert response.status_code == 200, response.text

    services.before_routing_answers = correct_first
    await relay(app, services).run_once()

    found = await application(client, aanvraag_id)
    assert (found["status"], found["routering"], await messages(app, aanvraag_id)) == (
        "ontvangen",
        None,
        [("aanvraag.verwerken", DELIVERED), ("aanvraag.verwerken", PENDING)],
    )


async def test_a_message_of_the_earlier_one_message_per_step_kind_is_still_delivered(
    intake: tuple[FastAPI, httpx.AsyncClient], services: Services
) -> None:
    app, client = intake
    aanvraag_id = await submit(client)
    db: Database = app.state.db
    async with db.transaction() as session:  # as an outbox written by the version before this one holds it
        await session.execute(delete(OutboxMessage))
        enqueue(session, OutboxMessage, TOPIC_VERRIJKEN, {"aanvraagId": aanvraag_id})

    await relay(app, services).run_once()

    assert (await application(client, aanvraag_id))["status"] == "in-behandeling"


async def test_two_messages_for_one_application_in_one_batch_call_each_service_once(
    intake: tuple[FastAPI, httpx.AsyncClient], services: Services
) -> None:
    app, client = intake
    aanvraag_id = await submit(client)
    db: Database = app.state.db
    async with db.transaction() as session:  # e.g. an older message next to a correction's
        enqueue(session, OutboxMessage, TOPIC_VERRIJKEN, {"aanvraagId": aanvraag_id})

    await relay(app, services).run_once()

    assert (
        (await application(client, aanvraag_id))["status"],
        [services.count(s, aanvraag_id) for s in ("registers", "routing", "decision")],
        {status for _, status in await messages(app, aanvraag_id)},
    ) == ("in-behandeling", [1, 1, 1], {DELIVERED})
