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
from bbz_common.testing import VENDOR_KEY, auth, postgres_statements, running_app, sqlite_plans
from intake_api.aanvragen.service import TOPIC_VERRIJKEN
from intake_api.config import Settings
from intake_api.main import create_app
from intake_api.models import OutboxMessage
from intake_api.verwerking.clients import Downstream
from intake_api.verwerking.handlers import build_handlers

Answer = Callable[[dict[str, Any]], Awaitable[tuple[int, dict[str, Any]]]]


class Services:
    """Stand-ins for registers-adapter, routing-api and decision-api that count what they are asked: the
    single endpoints, and the bulk endpoints (`POST .../bulk`) unless they are of a version without them."""

    def __init__(self, bulk: bool = True) -> None:
        self.bulk = bulk  # intake-api sends bulk requests
        self.bulk_offered = True
        self.calls: Counter[tuple[str, str]] = Counter()  # requests per application, single or in a bulk
        self.http_requests: Counter[tuple[str, str]] = Counter()  # per service: "single" or "bulk"
        self.routing_fails_for: set[str] = set()
        self.routing_refuses_for: set[str] = set()
        self.routing_finds_invalid: set[str] = set()
        self.routing_down = False
        self.request_ids: dict[tuple[str, str], str | None] = {}  # the correlation id of each request in a bulk
        self.before_routing_answers: Callable[[str], Awaitable[None]] | None = None
        self.decision_ignores_prefer = False  # a decision-api that answers with the handling all the same
        self.asked_minimal: set[str] = set()  # the services asked `Prefer: return=minimal`
        self.handed_over: dict[str, str] = {}  # the handling's id decision-api made, per application

    def downstream(self) -> Downstream:
        def client(name: str, answer: Answer) -> httpx.AsyncClient:
            async def handler(request: httpx.Request) -> httpx.Response:
                body = json.loads(request.content)
                minimal = request.headers.get("Prefer") == "return=minimal" and not (
                    name == "decision" and self.decision_ignores_prefer
                )
                if minimal:
                    self.asked_minimal.add(name)
                if not request.url.path.endswith("/bulk"):
                    self.http_requests[(name, "single")] += 1
                    self.calls[(name, body["aanvraagId"])] += 1
                    status, payload = await answer(body)
                    if minimal and status == 201:
                        return httpx.Response(201, headers={"Location": _location(payload)})
                    return httpx.Response(status, json=payload)
                self.http_requests[(name, "bulk")] += 1
                if not self.bulk_offered:  # a version from before: the path reads as `/routeringen/{id}`
                    return httpx.Response(405, json=_problem(405))
                verzoeken = [item["verzoek"] for item in body["verzoeken"]]
                for item in body["verzoeken"]:
                    self.request_ids[(name, item["verzoek"]["aanvraagId"])] = item.get("requestId")
                if name == "routing" and self.routing_down:
                    return httpx.Response(503, json=_problem(503))
                if name == "routing" and any(v["aanvraagId"] in self.routing_finds_invalid for v in verzoeken):
                    return httpx.Response(400, json=_problem(400))
                results = []
                for verzoek in verzoeken:
                    self.calls[(name, verzoek["aanvraagId"])] += 1
                    status, payload = await answer(verzoek)
                    if minimal and status == 201:
                        results.append({"status": 201, "location": _location(payload), "resultaat": None})
                    else:
                        results.append({"status": status, "resultaat" if status < 300 else "probleem": payload})
                return httpx.Response(200, json={"resultaten": results})

            return httpx.AsyncClient(transport=httpx.MockTransport(handler), base_url=f"http://{name}/v1")

        return Downstream(
            registers=client("registers", self._registers),
            routing=client("routing", self._routing),
            decision=client("decision", self._decision),
            bulk=self.bulk,
        )

    async def _registers(self, verzoek: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        return 200, {"personen": [], "bronnen": []}

    async def _routing(self, verzoek: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        aanvraag = str(verzoek["aanvraagId"])
        if self.before_routing_answers is not None:
            await self.before_routing_answers(aanvraag)
        if self.routing_down:
            return 503, _problem(503)
        if aanvraag in self.routing_fails_for:
            return 503, _problem(503)
        if aanvraag in self.routing_refuses_for:
            return 422, _problem(422)
        if aanvraag in self.routing_finds_invalid:
            return 400, _problem(400)
        regel = {"regel": "G1", "uitkomst": "voldaan", "toelichting": "gevestigd"}
        return 201, {
            "id": str(uuid.uuid4()),
            "route": "groen",
            "beleidsversie": {"id": "standaard-1"},
            "redenen": [],
            "regels": [regel],
        }

    async def _decision(self, verzoek: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        behandeling_id = str(uuid.uuid4())
        self.handed_over[str(verzoek["aanvraagId"])] = behandeling_id
        return 201, {"id": behandeling_id}

    def count(self, service: str, aanvraag_id: str) -> int:
        return self.calls[(service, aanvraag_id)]


def _location(handling: dict[str, Any]) -> str:
    return f"/v1/behandelingen/{handling['id']}"


def _problem(status: int) -> dict[str, Any]:
    return {"title": "Problem", "status": status, "detail": f"answered {status}"}


@pytest.fixture
async def intake(settings: Settings) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient]]:
    app = create_app(settings)
    async with running_app(app) as client:
        yield app, client


# Every scenario holds whether intake-api sends a batch's requests as bulk requests or one by one.
@pytest.fixture(params=[True, False], ids=["bulk", "one-by-one"])
def services(request: pytest.FixtureRequest) -> Services:
    return Services(bulk=request.param)


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


async def test_the_hand_over_asks_decision_api_for_no_body_and_stores_the_handling_named_by_its_location(
    intake: tuple[FastAPI, httpx.AsyncClient], services: Services
) -> None:
    app, client = intake
    ids = [await submit(client) for _ in range(3)]

    await relay(app, services).run_once()

    assert (services.asked_minimal, [(await application(client, i))["behandelingId"] for i in ids]) == (
        {"decision"},
        [services.handed_over[i] for i in ids],
    )


async def test_a_decision_api_that_answers_with_the_handling_all_the_same_is_understood(
    intake: tuple[FastAPI, httpx.AsyncClient], services: Services
) -> None:
    app, client = intake
    services.decision_ignores_prefer = True
    ids = [await submit(client) for _ in range(3)]

    await relay(app, services).run_once()

    assert [(await application(client, i))["behandelingId"] for i in ids] == [services.handed_over[i] for i in ids]


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


# ---- bulk requests ---------------------------------------------------------------------------------------------


async def test_a_batch_goes_to_each_service_as_one_bulk_request(
    intake: tuple[FastAPI, httpx.AsyncClient],
) -> None:
    app, client = intake
    services = Services(bulk=True)
    for _ in range(5):
        await submit(client)

    await relay(app, services).run_once()

    assert services.http_requests == Counter({(s, "bulk"): 1 for s in ("registers", "routing", "decision")})


async def test_a_service_without_bulk_endpoints_is_asked_one_by_one_and_not_again_in_bulk_at_once(
    intake: tuple[FastAPI, httpx.AsyncClient],
) -> None:
    app, client = intake
    services = Services(bulk=True)
    services.bulk_offered = False
    outbox = relay(app, services)
    first = [await submit(client) for _ in range(3)]
    await outbox.run_once()
    later = [await submit(client) for _ in range(3)]

    await outbox.run_once()

    assert (
        {(await application(client, i))["status"] for i in first + later},
        services.http_requests[("routing", "bulk")],
        services.http_requests[("routing", "single")],
    ) == ({"in-behandeling"}, 1, 6)


async def test_a_bulk_refused_as_invalid_is_sent_one_by_one_so_only_the_invalid_request_fails(
    intake: tuple[FastAPI, httpx.AsyncClient],
) -> None:
    app, client = intake
    services = Services(bulk=True)
    invalid, other = await submit(client), await submit(client)
    services.routing_finds_invalid.add(invalid)

    await relay(app, services).run_once()

    assert (await messages(app, invalid), await messages(app, other)) == (
        [("aanvraag.verwerken", DEAD)],
        [("aanvraag.verwerken", DELIVERED)],
    )


async def test_when_a_bulk_fails_as_a_whole_every_application_in_it_is_retried_from_its_stored_step(
    intake: tuple[FastAPI, httpx.AsyncClient],
) -> None:
    app, client = intake
    services = Services(bulk=True)
    ids = [await submit(client) for _ in range(3)]
    services.routing_down = True
    outbox = relay(app, services)
    await outbox.run_once()
    stalled = {(await application(client, i))["status"] for i in ids}
    services.routing_down = False

    await outbox.run_once()

    assert (
        stalled,
        {(await application(client, i))["status"] for i in ids},
        {services.count("registers", i) for i in ids},
    ) == ({"verrijkt"}, {"in-behandeling"}, {1})


async def test_each_request_in_a_bulk_carries_the_correlation_id_of_its_application(
    intake: tuple[FastAPI, httpx.AsyncClient],
) -> None:
    app, client = intake
    services = Services(bulk=True)
    ids = []
    for n in range(2):
        response = await client.post(
            "/v1/aanvragen",
            json=gevestigde_levensonderhoud(),
            headers={**auth(VENDOR_KEY), "X-Request-ID": f"leverancier-verzoek-{n}"},
        )
        ids.append(response.json()["id"])

    await relay(app, services).run_once()

    assert [services.request_ids[("routing", i)] for i in ids] == ["leverancier-verzoek-0", "leverancier-verzoek-1"]


async def test_a_step_moves_its_applications_on_by_their_ids_not_by_reading_every_application(
    intake: tuple[FastAPI, httpx.AsyncClient],
) -> None:
    app, client = intake
    db: Database = app.state.db
    for _ in range(3):
        await submit(client)

    async with sqlite_plans(db, "UPDATE aanvragen") as plans:
        await relay(app, Services(bulk=True)).run_once()

    assert (len(plans) > 0, [line for line in plans if line.startswith("SCAN aanvragen")]) == (True, [])


async def test_on_postgresql_each_step_moves_batches_of_any_size_by_one_and_the_same_statement(
    intake: tuple[FastAPI, httpx.AsyncClient],
) -> None:
    app, client = intake
    db: Database = app.state.db
    ids: list[str] = []

    async with postgres_statements(db, "UPDATE aanvragen") as statements:
        for size in (1, 3):
            ids += [await submit(client) for _ in range(size)]
            await relay(app, Services(bulk=True)).run_once()

    statuses = {(await application(client, i))["status"] for i in ids}
    # verrijkt, gerouteerd, in-behandeling: a statement per step, whatever the batch.
    assert (len(statements), statuses) == (3, {"in-behandeling"})
