"""Idempotency-Key: the same key and body give the same response; another body is a conflict; nothing twice."""

import pytest
from common_models import IdempotencyRecord, Result
from sqlalchemy import func, select

from bbz_common.db import Database
from bbz_common.idempotency import StoredResponse, run_idempotent
from bbz_common.problems import Conflict


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
