"""Group commit: concurrent requests share one transaction, each is answered only once it is committed, and
one request's failure is its own."""

import asyncio
import uuid
from collections.abc import Sequence

from common_models import Result
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.db import Database
from bbz_common.groupcommit import NEXT_BATCH, GroupCommit, NextBatch

Row = tuple[uuid.UUID, str]


async def write_rows(session: AsyncSession, rows: Sequence[Row]) -> list[str | Exception | NextBatch]:
    connection = await session.connection()
    await connection.execute(insert(Result), [{"id": i, "message_id": i, "value": v} for i, v in rows])
    return [value for _, value in rows]


async def stored(db: Database) -> list[str]:
    async with db.sessionmaker() as session:
        return sorted((await session.execute(select(Result.value))).scalars())


async def test_concurrent_requests_are_written_in_one_transaction_and_each_gets_its_own_answer(db: Database) -> None:
    commit = GroupCommit(db, write_rows)

    answers = await asyncio.gather(*(commit.submit((uuid.uuid4(), f"r{n:02}")) for n in range(20)))

    assert (answers, commit.batches, await stored(db)) == ([f"r{n:02}" for n in range(20)], 1, answers)


async def test_a_request_alone_is_written_at_once_in_its_own_transaction(db: Database) -> None:
    commit = GroupCommit(db, write_rows)

    first = await commit.submit((uuid.uuid4(), "first"))
    second = await commit.submit((uuid.uuid4(), "second"))

    assert ((first, second), commit.batches) == (("first", "second"), 2)


async def test_a_batch_is_never_larger_than_its_limit(db: Database) -> None:
    commit = GroupCommit(db, write_rows, max_batch=8)

    await asyncio.gather(*(commit.submit((uuid.uuid4(), str(n))) for n in range(20)))

    assert commit.batches == 3


async def test_a_request_whose_rows_break_a_constraint_fails_alone_and_the_others_are_written(db: Database) -> None:
    commit = GroupCommit(db, write_rows)
    taken = uuid.uuid4()
    await commit.submit((taken, "earlier"))

    answers = await asyncio.gather(
        commit.submit((uuid.uuid4(), "a")),
        commit.submit((taken, "same id as earlier")),
        commit.submit((uuid.uuid4(), "b")),
        return_exceptions=True,
    )

    assert ([type(a).__name__ for a in answers], await stored(db)) == (
        ["str", "IntegrityError", "str"],
        ["a", "b", "earlier"],
    )
    assert isinstance(answers[1], IntegrityError)


async def test_an_outcome_that_is_an_error_reaches_only_its_own_request(db: Database) -> None:
    async def refuse_odd(session: AsyncSession, rows: Sequence[Row]) -> list[str | Exception | NextBatch]:
        kept = [r for n, r in enumerate(rows) if n % 2 == 0]
        await write_rows(session, kept)
        return [value if n % 2 == 0 else ValueError(value) for n, (_, value) in enumerate(rows)]

    commit = GroupCommit(db, refuse_odd)

    answers = await asyncio.gather(*(commit.submit((uuid.uuid4(), v)) for v in ("a", "b", "c")), return_exceptions=True)

    assert ([repr(a) for a in answers], await stored(db)) == (["'a'", "ValueError('b')", "'c'"], ["a", "c"])


async def test_a_request_put_off_to_the_next_batch_is_written_after_the_batch_it_came_with(db: Database) -> None:
    order: list[list[str]] = []

    async def after_the_first(session: AsyncSession, rows: Sequence[Row]) -> list[str | Exception | NextBatch]:
        now = [r for r in rows if r[1] != "later" or r is rows[0]]
        order.append([v for _, v in now])
        await write_rows(session, now)
        return [NEXT_BATCH if r not in now else r[1] for r in rows]

    commit = GroupCommit(db, after_the_first)

    answers = await asyncio.gather(*(commit.submit((uuid.uuid4(), v)) for v in ("a", "later", "b")))

    assert (answers, order) == (["a", "later", "b"], [["a", "b"], ["later"]])


async def test_a_request_abandoned_while_waiting_is_still_written_with_its_batch(db: Database) -> None:
    commit = GroupCommit(db, write_rows)
    abandoned = asyncio.create_task(commit.submit((uuid.uuid4(), "abandoned")))
    kept = asyncio.create_task(commit.submit((uuid.uuid4(), "kept")))
    await asyncio.sleep(0)
    abandoned.cancel()

    await kept

    assert (abandoned.cancelled(), await stored(db)) == (True, ["abandoned", "kept"])
