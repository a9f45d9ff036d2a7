"""SQLite on the event-loop thread: a writer waiting for the lock lets the loop run, so the holder finishes."""

import asyncio
import sqlite3
import uuid

import pytest
from common_models import Result
from sqlalchemy import func, select

from bbz_common.db import Database


async def _count(db: Database) -> int:
    async with db.sessionmaker() as session:
        return (await session.execute(select(func.count()).select_from(Result))).scalar_one()


async def test_a_writer_waits_for_another_sessions_write_lock_without_blocking_the_loop(db: Database) -> None:
    holder_has_lock = asyncio.Event()

    async def holder() -> None:
        async with db.transaction() as session:
            session.add(Result(message_id=uuid.uuid4(), value="first"))
            await session.flush()  # takes SQLite's write lock
            holder_has_lock.set()
            await asyncio.sleep(0.2)  # e.g. a call to another service while the transaction is open

    async def waiter() -> None:
        await holder_has_lock.wait()
        async with db.transaction() as session:
            session.add(Result(message_id=uuid.uuid4(), value="second"))

    await asyncio.wait_for(asyncio.gather(holder(), waiter()), timeout=5)

    assert await _count(db) == 2


async def test_a_lock_held_past_the_busy_timeout_fails_the_waiter_and_not_the_holder(db: Database) -> None:
    db.busy_timeout_s = 0.05
    holder_has_lock = asyncio.Event()
    release = asyncio.Event()

    async def holder() -> None:
        async with db.transaction() as session:
            session.add(Result(message_id=uuid.uuid4(), value="holder"))
            await session.flush()
            holder_has_lock.set()
            await release.wait()

    async def waiter() -> None:
        await holder_has_lock.wait()
        try:
            async with db.transaction() as session:
                session.add(Result(message_id=uuid.uuid4(), value="waiter"))
        finally:
            release.set()

    with pytest.raises(Exception) as failure:
        await asyncio.gather(holder(), waiter())

    assert "database is locked" in str(failure.value) and await _count(db) == 1


def test_the_busy_error_codes_that_clear_by_waiting_are_the_plain_ones() -> None:
    from bbz_common.sqlite_driver import _is_lock_wait

    busy = sqlite3.OperationalError("database is locked")
    busy.sqlite_errorcode = 5  # type: ignore[attr-defined]
    snapshot = sqlite3.OperationalError("database is locked")
    snapshot.sqlite_errorcode = 517  # type: ignore[attr-defined]  # SQLITE_BUSY_SNAPSHOT

    assert (_is_lock_wait(busy), _is_lock_wait(snapshot)) == (True, False)
