"""Idempotency-Key: the same key and body give the same response; another body is a conflict; nothing twice."""

import pytest
from common_models import IdempotencyRecord, Result
from sqlalchemy import func, select

from bbz_common.db import Database
from bbz_common.idempotency import KeyedRequest, StoredResponse, claim_many, request_fingerprint, run_idempotent
from bbz_common.problems import Conflict
from bbz_common.testing import postgres_generic_plans, postgres_statements, sqlite_plans


async def _create(db: Database, key: str | None, payload: dict[str, str]) -> StoredResponse:
    async with db.transaction() as session:

        async def action() -> StoredResponse:
            row = Result(message_id=__import__("uuid").uuid4(), value=payload["v"])
            session.add(row)
            await session.flush()
            return StoredResponse(201, {"id": str(row.id)})

        return await run_idempotent(session, IdempotencyRecord, scope="test", key=key, payload=payload, action=action)


async def _count(db: Database) -> int:
    async with db.sessionmaker() as session:
        return (await session.execute(select(func.count()).select_from(Result))).scalar_one()


async def test_a_repeated_request_replays_the_stored_response_and_creates_nothing(db: Database) -> None:
    first = await _create(db, "k1", {"v": "a"})
    second = await _create(db, "k1", {"v": "a"})

    assert (second.body, second.replayed, await _count(db)) == (first.body, True, 1)


async def test_a_reused_key_with_another_body_is_refused_as_a_conflict(db: Database) -> None:
    await _create(db, "k2", {"v": "a"})

    with pytest.raises(Conflict):
        await _create(db, "k2", {"v": "b"})


async def test_without_a_key_every_request_creates(db: Database) -> None:
    await _create(db, None, {"v": "a"})
    await _create(db, None, {"v": "a"})

    assert await _count(db) == 2


async def _claim(db: Database, key: str, payload: dict[str, str], *, then_fail: bool = False) -> StoredResponse | None:
    from bbz_common.idempotency import claim_first

    async with db.transaction() as session:
        earlier = await claim_first(
            session,
            IdempotencyRecord,
            scope="claims",
            key=key,
            payload=payload,
            response=StoredResponse(201, {"id": payload["v"]}, {"Location": f"/x/{payload['v']}"}),
        )
        if earlier is None:
            session.add(Result(message_id=__import__("uuid").uuid4(), value=payload["v"]))
            if then_fail:
                raise RuntimeError("the work after the claim failed")
        return earlier


async def test_a_key_claimed_first_answers_a_repeat_with_the_claimed_response_and_does_the_work_once(
    db: Database,
) -> None:
    first = await _claim(db, "c1", {"v": "a"})
    again = await _claim(db, "c1", {"v": "a"})

    assert (first, again and (again.body, again.replayed), await _count(db)) == (None, ({"id": "a"}, True), 1)


async def test_a_key_claimed_first_refuses_another_body_as_a_conflict(db: Database) -> None:
    await _claim(db, "c2", {"v": "a"})

    with pytest.raises(Conflict):
        await _claim(db, "c2", {"v": "b"})


async def test_work_that_fails_after_its_claim_leaves_the_key_unused(db: Database) -> None:
    with pytest.raises(RuntimeError):
        await _claim(db, "c3", {"v": "a"}, then_fail=True)

    assert (await _claim(db, "c3", {"v": "a"}), await _count(db)) == (None, 1)


async def test_a_batch_replays_used_keys_refuses_another_body_and_keeps_scopes_apart(db: Database) -> None:
    from bbz_common.idempotency import record_many

    first = KeyedRequest("leverancier-a", "k1", request_fingerprint({"n": 1}))
    async with db.transaction() as session:
        await record_many(session, IdempotencyRecord, [(first, StoredResponse(201, {"id": "1"}))])

    batch = [
        first,
        KeyedRequest("leverancier-a", "k1", request_fingerprint({"n": 2})),
        KeyedRequest("leverancier-b", "k1", request_fingerprint({"n": 1})),
        KeyedRequest("leverancier-a", "k2", request_fingerprint({"n": 3})),
    ]
    async with db.transaction() as session:
        verdicts = await claim_many(session, IdempotencyRecord, batch)

    assert (verdicts[0], isinstance(verdicts[1], Conflict), verdicts[2:]) == (
        StoredResponse(201, {"id": "1"}, replayed=True),
        True,
        [None, None],
    )


async def test_the_keys_of_a_batch_are_found_by_their_index_not_by_reading_every_key(db: Database) -> None:
    requests = [
        KeyedRequest(scope, f"key-{n}", request_fingerprint({"n": n}))
        for scope in ("leverancier-a", "leverancier-b")
        for n in range(3)
    ]

    async with sqlite_plans(db, "SELECT") as plans, db.transaction() as session:
        await claim_many(session, IdempotencyRecord, requests)

    assert [line for line in plans if line.startswith("SCAN")] == []


async def test_on_postgresql_batches_with_any_number_of_keys_are_looked_up_by_one_and_the_same_statement(
    db: Database,
) -> None:
    async with postgres_statements(db, "SELECT") as statements:
        for size in (1, 2, 5):
            requests = [
                KeyedRequest("leverancier-a", f"key-{size}-{n}", request_fingerprint({"n": n})) for n in range(size)
            ]
            async with db.transaction() as session:
                verdicts = await claim_many(session, IdempotencyRecord, requests)

    assert (len(statements), verdicts) == (1, [None] * 5)


async def test_on_postgresql_a_batch_finds_each_key_by_scope_and_key_even_as_planned_on_an_empty_table(
    db: Database,
) -> None:
    requests = [KeyedRequest("leverancier-a", f"key-{n}", request_fingerprint({"n": n})) for n in range(3)]

    async with postgres_generic_plans(db, "SELECT") as plans, db.transaction() as session:
        await claim_many(session, IdempotencyRecord, requests)

    # A filter would read every key of the scope (all of one vendor's) for each batch.
    assert [line for line in plans if line.startswith(("Seq Scan", "Filter"))] == []
