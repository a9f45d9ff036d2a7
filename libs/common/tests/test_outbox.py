"""The transactional outbox: nothing lost, nothing done twice, failures retried and then dead-lettered."""

import asyncio
import uuid
from typing import Any

import httpx
from common_models import OutboxMessage, Result
from sqlalchemy import func, select, update

from bbz_common.db import Database
from bbz_common.outbox import (
    DEAD,
    DELIVERED,
    PENDING,
    Batched,
    OutboxDelivery,
    OutboxRelay,
    PermanentDeliveryError,
    enqueue,
    for_each,
    requeue,
)
from bbz_common.testing import postgres_statements, sqlite_plans


async def _enqueue(db: Database, count: int = 1, topic: str = "work") -> list[uuid.UUID]:
    async with db.transaction() as session:
        return [enqueue(session, OutboxMessage, topic, {"n": i}) for i in range(count)]


async def _message(db: Database, message_id: uuid.UUID) -> OutboxMessage:
    async with db.sessionmaker() as session:
        message = await session.get(OutboxMessage, message_id)
        assert message is not None
        return message


def _relay(db: Database, handler: Any, **kwargs: Any) -> OutboxRelay:
    kwargs.setdefault("base_delay", 0.0)
    return OutboxRelay(db, OutboxMessage, {"work": handler}, **kwargs)


async def test_a_message_is_delivered_and_its_result_stored_in_one_transaction(db: Database) -> None:
    async def handler(delivery: OutboxDelivery) -> None:
        async with delivery.complete() as session:
            session.add(Result(message_id=delivery.message_id, value="done"))

    [message_id] = await _enqueue(db)
    await _relay(db, handler).run_once()

    async with db.sessionmaker() as session:
        stored = (await session.execute(select(Result.value))).scalars().all()
    assert (list(stored), (await _message(db, message_id)).status) == (["done"], DELIVERED)


async def test_a_failing_delivery_is_retried_until_it_succeeds(db: Database) -> None:
    calls = {"n": 0}

    async def flaky(delivery: OutboxDelivery) -> None:
        calls["n"] += 1
        if calls["n"] < 3:
            raise httpx.ConnectError("downstream down")

    [message_id] = await _enqueue(db)
    relay = _relay(db, flaky)
    for _ in range(3):
        await relay.run_once()

    message = await _message(db, message_id)
    assert (message.status, message.attempts, calls["n"]) == (DELIVERED, 3, 3)


async def test_a_delivery_that_keeps_failing_goes_to_the_dead_letter_state_with_its_last_error(db: Database) -> None:
    async def broken(delivery: OutboxDelivery) -> None:
        raise httpx.ConnectError("connection refused")

    [message_id] = await _enqueue(db)
    relay = _relay(db, broken, max_attempts=3)
    for _ in range(3):
        await relay.run_once()

    message = await _message(db, message_id)
    assert (message.status, message.attempts, message.last_error) == (
        DEAD,
        3,
        "ConnectError: connection refused",
    )


async def test_a_refusal_by_the_receiver_is_dead_lettered_at_once(db: Database) -> None:
    async def refused(delivery: OutboxDelivery) -> None:
        raise PermanentDeliveryError("POST /x answered 400")

    [message_id] = await _enqueue(db)
    await _relay(db, refused).run_once()

    assert (await _message(db, message_id)).status == DEAD


async def test_a_dead_letter_can_be_sent_again_after_repair(db: Database) -> None:
    repaired = {"ok": False}

    async def handler(delivery: OutboxDelivery) -> None:
        if not repaired["ok"]:
            raise PermanentDeliveryError("receiver misconfigured")

    [message_id] = await _enqueue(db)
    relay = _relay(db, handler)
    await relay.run_once()
    repaired["ok"] = True
    async with db.transaction() as session:
        await requeue(session, OutboxMessage, message_id)
    await relay.run_once()

    assert (await _message(db, message_id)).status == DELIVERED


async def test_a_failed_delivery_waits_before_its_next_attempt(db: Database) -> None:
    async def broken(delivery: OutboxDelivery) -> None:
        raise httpx.ConnectError("down")

    [message_id] = await _enqueue(db)
    relay = _relay(db, broken, base_delay=60.0)
    await relay.run_once()
    second_pass = await relay.run_once()

    message = await _message(db, message_id)
    assert (second_pass, message.attempts) == (0, 1)


def test_backoff_grows_exponentially_with_jitter_and_is_capped(db: Database) -> None:
    relay = OutboxRelay(db, OutboxMessage, {}, base_delay=1.0, max_delay=30.0)

    delays = [relay.backoff(n) for n in (1, 2, 3, 4, 10)]

    assert (0.5 <= delays[0] < 1.5, 1.0 <= delays[1] < 3.0, 2.0 <= delays[2] < 6.0, 4.0 <= delays[3] < 12.0) == (
        True,
        True,
        True,
        True,
    )
    assert 15.0 <= delays[4] < 45.0


async def test_two_relays_on_one_database_deliver_every_message_exactly_once(db: Database) -> None:
    seen: list[int] = []

    async def handler(delivery: OutboxDelivery) -> None:
        await asyncio.sleep(0)
        async with delivery.complete() as session:
            seen.append(delivery.payload["n"])
            session.add(Result(message_id=delivery.message_id, value=str(delivery.payload["n"])))

    await _enqueue(db, 60)
    first, second = _relay(db, handler, batch_size=7), _relay(db, handler, batch_size=7)
    for _ in range(20):
        await asyncio.gather(first.run_once(), second.run_once())

    async with db.sessionmaker() as session:
        results = (await session.execute(select(func.count()).select_from(Result))).scalar_one()
    assert (sorted(seen), results) == (list(range(60)), 60)


async def test_a_claim_takes_no_more_messages_than_asked_while_other_relays_claim_and_deliver(db: Database) -> None:
    async def handler(delivery: OutboxDelivery) -> None:
        pass

    async def claim_and_deliver(relay: OutboxRelay) -> None:
        while messages := await relay.claim(limit=2):
            claims.append(len(messages))
            async with relay.complete([]) as session:
                await relay.mark_delivered(session, *(m.id for m in messages))

    claims: list[int] = []
    await _enqueue(db, 400)

    await asyncio.gather(*(claim_and_deliver(_relay(db, handler)) for _ in range(4)))

    # A relay keeps as many messages in flight as it can handle; a claim beyond its limit overruns that.
    assert (max(claims), sum(claims)) == (2, 400)


async def test_a_running_relay_delivers_a_new_message_without_waiting_for_the_poll_interval(db: Database) -> None:
    delivered = asyncio.Event()

    async def handler(delivery: OutboxDelivery) -> None:
        delivered.set()

    relay = _relay(db, handler, poll_interval=30.0)
    relay.start()
    try:
        await asyncio.sleep(0.05)
        await _enqueue(db)
        await asyncio.wait_for(delivered.wait(), timeout=5)
    finally:
        await relay.stop()


async def test_a_receiver_that_asks_to_come_back_later_is_not_called_before_then(db: Database) -> None:
    from bbz_common.http import raise_for_delivery

    async def busy(delivery: OutboxDelivery) -> None:
        request = httpx.Request("POST", "http://receiver/v1/x")
        raise_for_delivery(httpx.Response(429, headers={"Retry-After": "120"}, request=request))

    [message_id] = await _enqueue(db)
    await _relay(db, busy, base_delay=0.01).run_once()

    message = await _message(db, message_id)
    waited = (message.next_attempt_at - message.created_at).total_seconds()
    assert (message.status, waited >= 119) == ("pending", True)


async def _outbox_count(db: Database) -> int:
    async with db.sessionmaker() as session:
        return (await session.execute(select(func.count()).select_from(OutboxMessage))).scalar_one()


async def test_a_message_of_a_rolled_back_transaction_is_never_written_not_even_by_a_later_commit(
    db: Database,
) -> None:
    async with db.sessionmaker() as session:
        enqueue(session, OutboxMessage, "work", {"n": 1})
        await session.rollback()
        session.add(Result(message_id=uuid.uuid4(), value="after the rollback"))
        await session.commit()

    assert await _outbox_count(db) == 0


async def test_the_state_and_the_messages_it_causes_are_written_in_one_commit(db: Database) -> None:
    async with db.transaction() as session:
        session.add(Result(message_id=uuid.uuid4(), value="state"))
        ids = [enqueue(session, OutboxMessage, "work", {"n": n}) for n in range(3)]

    assert [(await _message(db, i)).payload["n"] for i in ids] == [0, 1, 2]


async def test_a_transaction_that_fails_writes_neither_state_nor_message(db: Database) -> None:
    try:
        async with db.transaction() as session:
            session.add(Result(message_id=uuid.uuid4(), value="state"))
            enqueue(session, OutboxMessage, "work", {"n": 1})
            raise RuntimeError("the request failed after enqueueing")
    except RuntimeError:
        pass

    assert await _outbox_count(db) == 0


# ---- batched topics: work done in bulk, failures still one message at a time ----------------------------


def _batched_relay(db: Database, handler: Any, max_size: int = 32, **kwargs: Any) -> OutboxRelay:
    kwargs.setdefault("base_delay", 0.0)
    return OutboxRelay(db, OutboxMessage, {"work": Batched(handler, max_size=max_size)}, **kwargs)


async def _statuses(db: Database) -> dict[int, tuple[str, int]]:
    async with db.sessionmaker() as session:
        messages = (await session.execute(select(OutboxMessage))).scalars().all()
    return {m.payload["n"]: (m.status, m.attempts) for m in messages}


async def test_a_batched_topic_gets_its_claimed_messages_at_once_and_stores_their_results_in_one_commit(
    db: Database,
) -> None:
    batches: list[int] = []

    async def handler(deliveries: list[OutboxDelivery]) -> None:
        batches.append(len(deliveries))
        async with deliveries[0].relay.complete(deliveries) as session:
            session.add_all(Result(message_id=d.message_id, value=str(d.payload["n"])) for d in deliveries)

    await _enqueue(db, 5)
    await _batched_relay(db, handler).run_once()

    assert (batches, set((await _statuses(db)).values())) == ([5], {(DELIVERED, 1)})


async def test_a_batch_is_never_larger_than_its_topic_allows(db: Database) -> None:
    batches: list[int] = []

    async def handler(deliveries: list[OutboxDelivery]) -> None:
        batches.append(len(deliveries))

    await _enqueue(db, 7)
    await _batched_relay(db, handler, max_size=3).run_once()

    assert sorted(batches) == [1, 3, 3]


async def test_one_failed_delivery_in_a_batch_is_retried_alone_and_the_others_are_delivered(db: Database) -> None:
    calls: list[int] = []

    async def handler(deliveries: list[OutboxDelivery]) -> None:
        async def call(delivery: OutboxDelivery) -> int:
            calls.append(delivery.payload["n"])
            if delivery.payload["n"] == 1 and delivery.attempt == 1:
                raise httpx.ConnectError("downstream down")
            return int(delivery.payload["n"])

        await for_each(deliveries, call)

    await _enqueue(db, 3)
    relay = _batched_relay(db, handler)
    await relay.run_once()
    after_first = await _statuses(db)
    await relay.run_once()

    assert (after_first, sorted(calls), await _statuses(db)) == (
        {0: (DELIVERED, 1), 1: (PENDING, 1), 2: (DELIVERED, 1)},
        [0, 1, 1, 2],
        {0: (DELIVERED, 1), 1: (DELIVERED, 2), 2: (DELIVERED, 1)},
    )


async def test_a_refusal_in_a_batch_dead_letters_only_the_refused_message(db: Database) -> None:
    async def handler(deliveries: list[OutboxDelivery]) -> None:
        for delivery in deliveries:
            if delivery.payload["n"] == 0:
                delivery.fail(PermanentDeliveryError("422 from the receiver"))

    await _enqueue(db, 2)
    await _batched_relay(db, handler).run_once()

    assert await _statuses(db) == {0: (DEAD, 1), 1: (DELIVERED, 1)}


async def test_a_batch_handler_that_fails_as_a_whole_fails_every_open_delivery_and_keeps_no_result(
    db: Database,
) -> None:
    async def handler(deliveries: list[OutboxDelivery]) -> None:
        async with deliveries[0].relay.complete(deliveries) as session:
            session.add_all(Result(message_id=d.message_id, value="half") for d in deliveries)
            raise RuntimeError("database hiccup")

    await _enqueue(db, 2)
    await _batched_relay(db, handler).run_once()

    async with db.sessionmaker() as session:
        results = (await session.execute(select(func.count()).select_from(Result))).scalar_one()
    assert (results, await _statuses(db)) == (0, {0: (PENDING, 1), 1: (PENDING, 1)})


async def test_each_call_of_a_batch_carries_its_own_messages_correlation_id(db: Database) -> None:
    from bbz_common.correlation import current_correlation_id

    seen: dict[int, str | None] = {}

    async def handler(deliveries: list[OutboxDelivery]) -> None:
        async def call(delivery: OutboxDelivery) -> None:
            await asyncio.sleep(0)
            seen[delivery.payload["n"]] = current_correlation_id()

        await for_each(deliveries, call)

    ids = await _enqueue(db, 3)
    await _batched_relay(db, handler).run_once()

    assert seen == {n: message_id.hex for n, message_id in enumerate(ids)}


async def test_a_batch_whose_lease_was_taken_over_keeps_none_of_its_results(db: Database) -> None:
    async def handler(deliveries: list[OutboxDelivery]) -> None:
        async with db.transaction() as session:  # another relay took the first message over meanwhile
            await session.execute(
                update(OutboxMessage).where(OutboxMessage.id == deliveries[0].message_id).values(locked_by="other")
            )
        async with deliveries[0].relay.complete(deliveries) as session:
            session.add_all(Result(message_id=d.message_id, value="late") for d in deliveries)

    await _enqueue(db, 2)
    await _batched_relay(db, handler).run_once()

    async with db.sessionmaker() as session:
        results = (await session.execute(select(func.count()).select_from(Result))).scalar_one()
    assert (results, set((await _statuses(db)).values())) == (0, {(PENDING, 0)})


async def test_a_batched_handler_registered_for_two_topics_gets_their_messages_in_one_batch(db: Database) -> None:
    batches: list[list[str]] = []

    async def handler(deliveries: list[OutboxDelivery]) -> None:
        batches.append(sorted(d.topic for d in deliveries))

    batched = Batched(handler)
    await _enqueue(db, 1, topic="work")
    await _enqueue(db, 1, topic="work.old-name")
    await OutboxRelay(db, OutboxMessage, {"work": batched, "work.old-name": batched}).run_once()

    assert batches == [["work", "work.old-name"]]


async def test_a_failure_in_a_batch_is_recorded_even_when_the_rest_of_the_batch_was_taken_over(db: Database) -> None:
    async def handler(deliveries: list[OutboxDelivery]) -> None:
        first, second = sorted(deliveries, key=lambda d: d.payload["n"])
        first.fail(httpx.ConnectError("downstream down"))
        async with db.transaction() as session:  # another relay took the second one over meanwhile
            await session.execute(
                update(OutboxMessage).where(OutboxMessage.id == second.message_id).values(locked_by="other")
            )

    await _enqueue(db, 2)
    await _batched_relay(db, handler).run_once()

    assert await _statuses(db) == {0: (PENDING, 1), 1: (PENDING, 0)}


async def test_a_claim_takes_its_messages_by_their_ids_not_by_reading_every_pending_message(db: Database) -> None:
    await _enqueue(db, 40)

    async with sqlite_plans(db, "UPDATE outbox SET locked_until") as plans:
        await _relay(db, None).claim()

    # The first line is the UPDATE's own search; the due ids (its subquery) come from the due index.
    assert plans[0].endswith("(id=?)")


async def test_a_batch_is_marked_delivered_by_its_ids_not_by_reading_every_pending_message(db: Database) -> None:
    async def handler(deliveries: list[OutboxDelivery]) -> None:
        pass

    await _enqueue(db, 40)

    async with sqlite_plans(db, "UPDATE outbox SET status") as plans:
        await _batched_relay(db, handler).run_once()

    assert (len(plans) > 0, [line for line in plans if not line.endswith("(id=?)")]) == (True, [])


async def test_on_postgresql_batches_of_any_size_are_marked_delivered_by_one_and_the_same_statement(
    db: Database,
) -> None:
    async def handler(deliveries: list[OutboxDelivery]) -> None:
        pass

    async with postgres_statements(db, "UPDATE outbox SET status") as statements:
        for size in (1, 3, 8):
            await _enqueue(db, size)
            await _batched_relay(db, handler).run_once()

    assert (len(statements), set((await _statuses(db)).values())) == (1, {(DELIVERED, 1)})
