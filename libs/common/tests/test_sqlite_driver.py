"""SQLite on the event-loop thread: a writer waiting for the lock lets the loop run, so the holder finishes."""

import asyncio
import sqlite3
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from common_models import Base, Result
from sqlalchemy import func, select

from bbz_common.app import create_service_app
from bbz_common.db import Database
from bbz_common.settings import ServiceSettings
from bbz_common.testing import running_app


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    """This driver is SQLite's: a SQLite file also when the rest of the suite runs on PostgreSQL."""
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'common.db'}")
    async with database.engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    yield database
    await database.dispose()


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


async def _write_pages(db: Database, pages: int) -> None:
    """About ``pages`` pages of 4 KiB into the write-ahead log, 50 rows (one page each) per transaction."""
    for _ in range(pages // 50):
        async with db.transaction() as session:
            session.add_all(Result(message_id=uuid.uuid4(), value="x" * 3000) for _ in range(50))


async def test_the_checkpointer_copies_the_write_ahead_log_into_the_database_in_the_background(
    db: Database,
) -> None:
    checkpointer = db.wal_checkpointer()
    assert checkpointer is not None
    checkpointer.interval_s = 0.01
    await _write_pages(db, 500)  # under the 1000 pages at which a commit would checkpoint the log itself
    checkpointer.start()
    try:
        for _ in range(200):
            if checkpointer.last is not None and checkpointer.last[1] >= 500:
                break
            await asyncio.sleep(0.01)
    finally:
        await checkpointer.stop()

    busy, frames, copied = checkpointer.last or (None, 0, None)
    assert (busy, frames >= 500, copied) == (0, True, frames)


def test_a_database_in_memory_or_on_postgresql_has_no_checkpointer() -> None:
    assert (
        Database("sqlite+aiosqlite:///:memory:").wal_checkpointer(),
        Database("postgresql+asyncpg://bbz@localhost/bbz").wal_checkpointer(),
    ) == (None, None)


def _checkpointing() -> bool:
    return any(task.get_name() == "wal-checkpoint" and not task.done() for task in asyncio.all_tasks())


async def test_a_service_on_a_sqlite_file_checkpoints_while_it_runs_and_stops_with_it(tmp_path: Path) -> None:
    settings = ServiceSettings(service_name="toy", database_url=f"sqlite+aiosqlite:///{tmp_path / 'toy.db'}")
    app = create_service_app(settings=settings, title="t", description="t", routers=[])

    async with running_app(app):
        running = _checkpointing()

    assert (running, _checkpointing()) == (True, False)
