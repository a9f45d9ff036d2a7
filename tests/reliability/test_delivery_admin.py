"""Delivery you can see and steer, and a slow downstream that does not exhaust the caller.

A toy service built with the same factory as the four services (create_service_app) and the same operator
router (bbz_common.outbox_admin) delivers to a downstream that is broken until it is "repaired":
the message is dead-lettered with its last error, the operator sees it, sends it again, and it is delivered.
A downstream that never answers costs the caller one time-out per call and at most `outbox_concurrency`
connections at a time, while the service keeps answering its own callers."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import MetaData, update
from sqlalchemy.orm import DeclarativeBase

from bbz_common.app import create_service_app
from bbz_common.db import NAMING_CONVENTION, TYPE_ANNOTATION_MAP, Database, utcnow
from bbz_common.http import create_client, raise_for_delivery
from bbz_common.outbox import OutboxDelivery, OutboxMixin, enqueue
from bbz_common.outbox_admin import outbox_admin_router
from bbz_common.settings import ServiceSettings, demo_clients
from bbz_common.testing import running_app

OPERATOR = {"Authorization": "Bearer demo-beheerder-key"}
OFFICER = {"Authorization": "Bearer demo-behandelaar-key"}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = TYPE_ANNOTATION_MAP


class ToyOutbox(OutboxMixin, Base):
    pass


def toy_app(tmp_path: Path, handler: Any, **settings: Any) -> FastAPI:
    options: dict[str, Any] = {
        "service_name": "toy",
        "database_url": f"sqlite+aiosqlite:///{tmp_path / 'toy.db'}",
        "clients": demo_clients(),
        "log_json": False,
        "outbox_max_attempts": 3,
        "outbox_base_delay_seconds": 0.01,
        "outbox_max_delay_seconds": 0.05,
        "outbox_poll_interval_seconds": 0.05,
    }
    options.update(settings)

    async def create_tables(app: FastAPI) -> None:
        db: Database = app.state.db
        async with db.engine.begin() as conn:
            await conn.run_sync(Base.metadata.create_all)

    return create_service_app(
        settings=ServiceSettings(**options),
        title="toy",
        description="toy",
        routers=[outbox_admin_router(ToyOutbox)],
        outbox_model=ToyOutbox,
        outbox_handlers={"toy.send": handler},
        on_startup=[create_tables],
    )


async def send_one(app: FastAPI) -> str:
    db: Database = app.state.db
    async with db.transaction() as session:
        return str(enqueue(session, ToyOutbox, "toy.send", {"n": 1}))


async def until(client: httpx.AsyncClient, status: str, timeout: float = 5.0) -> list[dict[str, Any]]:
    deadline = time.monotonic() + timeout
    while True:
        found: list[dict[str, Any]] = (
            await client.get(f"/v1/outbox-berichten?status={status}", headers=OPERATOR)
        ).json()
        if found or time.monotonic() > deadline:
            return found
        await asyncio.sleep(0.05)


class Downstream:
    """A receiver that answers 503 until it is repaired."""

    def __init__(self) -> None:
        self.repaired = False
        self.received: list[str] = []

    async def __call__(self, delivery: OutboxDelivery) -> None:
        if not self.repaired:
            raise RuntimeError("downstream answered 503: onderhoud")
        self.received.append(delivery.idempotency_key)


@pytest.fixture
async def broken(tmp_path: Path) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient, Downstream]]:
    downstream = Downstream()
    app = toy_app(tmp_path, downstream)
    async with running_app(app) as client:
        yield app, client, downstream


async def test_a_message_that_keeps_failing_is_dead_lettered_with_its_last_error(
    broken: tuple[FastAPI, httpx.AsyncClient, Downstream],
) -> None:
    app, client, _ = broken
    message_id = await send_one(app)

    dead = await until(client, "dead")

    assert [(m["id"], m["pogingen"], m["laatsteFout"]) for m in dead] == [
        (message_id, 3, "RuntimeError: downstream answered 503: onderhoud")
    ]


async def test_a_dead_letter_sent_again_after_repair_is_delivered_once(
    broken: tuple[FastAPI, httpx.AsyncClient, Downstream],
) -> None:
    app, client, downstream = broken
    message_id = await send_one(app)
    await until(client, "dead")
    downstream.repaired = True

    resent = await client.post(f"/v1/outbox-berichten/{message_id}/opnieuw-verzenden", headers=OPERATOR)
    delivered = await until(client, "delivered")

    assert (resent.status_code, [m["id"] for m in delivered], downstream.received) == (
        200,
        [message_id],
        [message_id],
    )


async def test_only_a_dead_letter_can_be_sent_again(broken: tuple[FastAPI, httpx.AsyncClient, Downstream]) -> None:
    app, client, downstream = broken
    downstream.repaired = True
    message_id = await send_one(app)
    await until(client, "delivered")

    response = await client.post(f"/v1/outbox-berichten/{message_id}/opnieuw-verzenden", headers=OPERATOR)

    assert (response.status_code, response.json()["status"]) == (409, 409)


async def test_an_unknown_message_cannot_be_sent_again(broken: tuple[FastAPI, httpx.AsyncClient, Downstream]) -> None:
    _, client, _ = broken

    response = await client.post(
        "/v1/outbox-berichten/00000000-0000-4000-8000-000000000000/opnieuw-verzenden", headers=OPERATOR
    )

    assert response.status_code == 404


@pytest.mark.parametrize(("headers", "status"), [({}, 401), (OFFICER, 403)])
async def test_only_the_operator_sees_the_outbox(
    broken: tuple[FastAPI, httpx.AsyncClient, Downstream], headers: dict[str, str], status: int
) -> None:
    _, client, _ = broken

    assert (await client.get("/v1/outbox-berichten", headers=headers)).status_code == status


# --- a slow downstream ---------------------------------------------------------------------------------------


class SilentServer:
    """A TCP server that accepts connections and never answers: the slowest downstream there is."""

    def __init__(self) -> None:
        self.open = 0
        self.peak = 0
        self.server: asyncio.Server | None = None

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.open += 1
        self.peak = max(self.peak, self.open)
        try:
            await reader.read(-1)  # until the client gives up and closes
        finally:
            self.open -= 1
            writer.close()

    async def __aenter__(self) -> str:
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        port = self.server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    async def __aexit__(self, *exc: object) -> None:
        assert self.server is not None
        self.server.close()


CONCURRENCY = 3
TIMEOUT = 0.3


@pytest.fixture
async def slow(tmp_path: Path) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient, SilentServer, list[float]]]:
    silent = SilentServer()
    durations: list[float] = []
    async with silent as url:
        downstream = create_client(url, timeout=TIMEOUT)

        async def call_downstream(delivery: OutboxDelivery) -> None:
            started = time.monotonic()
            try:
                raise_for_delivery(await downstream.post("/ontvang", json=delivery.payload))
            finally:
                durations.append(time.monotonic() - started)

        app = toy_app(
            tmp_path,
            call_downstream,
            outbox_concurrency=CONCURRENCY,
            outbox_max_attempts=2,
            http_timeout_seconds=TIMEOUT,
        )
        async with running_app(app) as client:
            yield app, client, silent, durations
        await downstream.aclose()


async def fill(app: FastAPI, count: int) -> None:
    db: Database = app.state.db
    async with db.transaction() as session:
        for n in range(count):
            enqueue(session, ToyOutbox, "toy.send", {"n": n})


async def test_a_call_to_a_downstream_that_never_answers_times_out(
    slow: tuple[FastAPI, httpx.AsyncClient, SilentServer, list[float]],
) -> None:
    app, client, _, durations = slow
    await fill(app, 1)

    dead = await until(client, "dead")

    assert (len(dead), "Timeout" in (dead[0]["laatsteFout"] or ""), max(durations) < 4 * TIMEOUT + 1) == (
        1,
        True,
        True,
    )


async def test_a_slow_downstream_holds_at_most_the_relay_concurrency_in_connections(
    slow: tuple[FastAPI, httpx.AsyncClient, SilentServer, list[float]],
) -> None:
    app, _client, silent, _ = slow
    await fill(app, 12)

    await asyncio.sleep(4 * TIMEOUT)

    assert 1 <= silent.peak <= CONCURRENCY


async def test_the_caller_keeps_answering_while_its_downstream_hangs(
    slow: tuple[FastAPI, httpx.AsyncClient, SilentServer, list[float]],
) -> None:
    app, client, silent, _ = slow
    await fill(app, 12)
    deadline = time.monotonic() + 5
    while silent.open == 0 and time.monotonic() < deadline:
        await asyncio.sleep(0.01)

    response = await client.get("/v1/outbox-berichten?status=pending", headers=OPERATOR)

    assert (response.status_code, silent.open > 0) == (200, True)


# --- a message claimed by a relay that was killed --------------------------------------------------------------


async def test_a_message_claimed_by_a_killed_relay_is_taken_over_when_its_configured_lease_ends(
    tmp_path: Path,
) -> None:
    downstream = Downstream()
    downstream.repaired = True
    app = toy_app(tmp_path, downstream, outbox_lease_seconds=0.5)
    async with running_app(app) as client:
        db: Database = app.state.db
        claimed_until = utcnow() + timedelta(seconds=0.5)
        async with db.transaction() as session:
            message_id = enqueue(session, ToyOutbox, "toy.send", {"n": 1})
            await session.flush()
            await session.execute(
                update(ToyOutbox)
                .where(ToyOutbox.id == message_id)
                .values(locked_by="killed-relay", locked_until=claimed_until)
            )

        delivered = await until(client, "delivered")

    assert ([m["id"] for m in delivered], downstream.received, utcnow() >= claimed_until) == (
        [str(message_id)],
        [str(message_id)],
        True,
    )
