"""Horizontal scale: several replicas of a service share its outbox safely.

Two relays (two engines in one process, and two OS processes, as two pods would be) work through many
messages in one database. Every message is handled exactly once: one handler invocation and one stored
result each, and both relays take a share. A relay whose lease ran out loses its result to the relay that
took the message over, so a result is never stored twice. On PostgreSQL the claim uses
``FOR UPDATE SKIP LOCKED``. Runs on SQLite always and on PostgreSQL when BBZ_TEST_POSTGRES_URL is set
(`make test-postgres`)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from sqlalchemy import event, func, select

from bbz_common.db import Database
from bbz_common.outbox import DELIVERED, OutboxDelivery, OutboxRelay, enqueue
from bbz_common.testing import test_database_url as database_url

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale_models import Base, OutboxMessage, Result

HERE = Path(__file__).resolve().parent
BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "postgresql":
        if not os.environ.get("BBZ_TEST_POSTGRES_URL"):
            pytest.skip("PostgreSQL: set BBZ_TEST_POSTGRES_URL or run `make test-postgres`")
    else:
        monkeypatch.delenv("BBZ_TEST_POSTGRES_URL", raising=False)
    return database_url(tmp_path, "scale")


@pytest.fixture
async def schema(url: str) -> AsyncIterator[str]:
    db = Database(url)
    async with db.engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    await db.dispose()
    yield url


async def enqueue_many(db: Database, count: int) -> list[uuid.UUID]:
    async with db.transaction() as session:
        return [enqueue(session, OutboxMessage, "work", {"n": i}) for i in range(count)]


async def results_per_message(db: Database) -> Counter[uuid.UUID]:
    async with db.sessionmaker() as session:
        return Counter((await session.execute(select(Result.message_id))).scalars())


async def delivered_count(db: Database) -> int:
    async with db.sessionmaker() as session:
        query = select(func.count()).select_from(OutboxMessage).where(OutboxMessage.status == DELIVERED)
        return int((await session.execute(query)).scalar_one())


async def test_two_relays_in_one_process_handle_every_message_exactly_once(schema: str) -> None:
    count = 400
    replica_a, replica_b = Database(schema, pool_size=5), Database(schema, pool_size=5)
    invocations: Counter[uuid.UUID] = Counter()
    by_relay: Counter[str] = Counter()

    def handler_for(name: str) -> Any:
        async def handler(delivery: OutboxDelivery) -> None:
            invocations[delivery.message_id] += 1
            by_relay[name] += 1
            await asyncio.sleep(0.002)  # the call to the other service
            async with delivery.complete() as session:
                session.add(Result(message_id=delivery.message_id, relay=name))

        return handler

    ids = await enqueue_many(replica_a, count)
    relays = [
        OutboxRelay(db, OutboxMessage, {"work": handler_for(name)}, batch_size=10, poll_interval=0.05)
        for name, db in (("a", replica_a), ("b", replica_b))
    ]
    for relay in relays:
        relay.start()
    try:
        deadline = time.monotonic() + 120
        while await delivered_count(replica_a) < count:
            assert time.monotonic() < deadline, "the relays did not deliver every message in time"
            await asyncio.sleep(0.05)
    finally:
        for relay in relays:
            await relay.stop()
    results = await results_per_message(replica_a)
    await replica_a.dispose()
    await replica_b.dispose()

    assert set(invocations) == set(ids) and set(invocations.values()) == {1}, "a message was handled twice"
    assert set(results) == set(ids) and set(results.values()) == {1}, "a result was stored twice"
    assert by_relay["a"] > 0 and by_relay["b"] > 0, f"one relay did all the work: {dict(by_relay)}"


async def test_two_relay_processes_handle_every_message_exactly_once(schema: str, tmp_path: Path) -> None:
    count = 600
    db = Database(schema)
    ids = await enqueue_many(db, count)
    logs = [tmp_path / "replica-1.log", tmp_path / "replica-2.log"]
    go = tmp_path / "go"
    worker = str(HERE / "relay_worker.py")
    workers = [subprocess.Popen([sys.executable, worker, schema, str(log), str(go)]) for log in logs]
    try:
        deadline = time.monotonic() + 60
        while not all(Path(f"{log}.ready").exists() for log in logs):  # both started: now let them race
            assert time.monotonic() < deadline and all(w.poll() is None for w in workers), "a replica did not start"
            await asyncio.sleep(0.02)
        go.touch()
        for worker in workers:
            assert await asyncio.to_thread(worker.wait, 180) == 0
        delivered, results = await delivered_count(db), await results_per_message(db)
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
        await db.dispose()
    per_replica = [log.read_text().split() for log in logs]
    invocations = Counter(uuid.UUID(line) for lines in per_replica for line in lines)

    assert delivered == count
    assert set(invocations) == set(ids) and set(invocations.values()) == {1}, "a message was handled twice"
    assert set(results) == set(ids) and set(results.values()) == {1}, "a result was stored twice"
    assert all(per_replica), f"one replica did all the work: {[len(lines) for lines in per_replica]}"


class ShortLeaseRelay(OutboxRelay):
    lease_seconds: ClassVar[float] = 2.0  # long enough for a loaded CI machine


async def test_a_relay_whose_lease_ran_out_loses_its_result_to_the_relay_that_took_over(schema: str) -> None:
    slow_db, fast_db = Database(schema), Database(schema)
    [message_id] = await enqueue_many(slow_db, 1)
    slow_started, slow_may_finish = asyncio.Event(), asyncio.Event()

    async def slow(delivery: OutboxDelivery) -> None:
        slow_started.set()
        await slow_may_finish.wait()  # a hung call: the lease runs out meanwhile
        async with delivery.complete() as session:
            session.add(Result(message_id=delivery.message_id, relay="slow"))

    async def fast(delivery: OutboxDelivery) -> None:
        async with delivery.complete() as session:
            session.add(Result(message_id=delivery.message_id, relay="fast"))

    slow_relay = ShortLeaseRelay(slow_db, OutboxMessage, {"work": slow})
    fast_relay = OutboxRelay(fast_db, OutboxMessage, {"work": fast})
    slow_run = asyncio.create_task(slow_relay.run_once())
    await asyncio.wait_for(slow_started.wait(), timeout=10)
    assert await fast_relay.run_once() == 0, "a leased message was claimed twice"
    await asyncio.sleep(ShortLeaseRelay.lease_seconds + 0.3)
    assert await fast_relay.run_once() == 1, "an expired lease was not taken over"
    slow_may_finish.set()
    await slow_run

    async with fast_db.sessionmaker() as session:
        stored = list((await session.execute(select(Result.relay))).scalars())
        message = await session.get(OutboxMessage, message_id)
    await slow_db.dispose()
    await fast_db.dispose()
    assert stored == ["fast"]
    assert message is not None and message.status == DELIVERED


async def test_on_postgresql_the_claim_skips_rows_locked_by_another_relay(schema: str) -> None:
    db = Database(schema)
    if db.dialect_name != "postgresql":
        await db.dispose()
        pytest.skip("FOR UPDATE SKIP LOCKED is PostgreSQL's; SQLite serialises writers instead")
    statements: list[str] = []
    event.listen(db.engine.sync_engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    await enqueue_many(db, 3)
    other = Database(schema)
    try:
        # Another replica holds row locks on every due message (its claim transaction is still open) ...
        async with other.sessionmaker() as session, session.begin():
            await session.execute(select(OutboxMessage.id).with_for_update())
            relay = OutboxRelay(db, OutboxMessage, {})
            # ... so this relay's claim skips them at once instead of waiting for that transaction.
            claimed = await asyncio.wait_for(relay.claim(), timeout=5)
        assert claimed == []
        assert any("FOR UPDATE SKIP LOCKED" in sql for sql in statements)
    finally:
        await db.dispose()
        await other.dispose()
