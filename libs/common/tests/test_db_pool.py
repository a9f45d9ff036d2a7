"""The PostgreSQL connection pool: a connection the server closed is replaced before a caller gets it."""

import asyncio
import os

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.dialects.postgresql.asyncpg import AsyncAdapt_asyncpg_connection

from bbz_common import db as db_module
from bbz_common.db import Database
from bbz_common.pgtest import fresh_database

pytestmark = pytest.mark.skipif(
    not os.environ.get("BBZ_TEST_POSTGRES_URL"),
    reason="PostgreSQL: set BBZ_TEST_POSTGRES_URL or run `make test-postgres`",
)


async def backend_pid(database: Database) -> int:
    async with database.sessionmaker() as session:
        return int((await session.execute(text("SELECT pg_backend_pid()"))).scalar_one())


async def terminate(url: str, pid: int) -> None:
    connection = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        await connection.execute("SELECT pg_terminate_backend($1)", pid)
    finally:
        await connection.close()


async def test_a_connection_the_server_closed_is_replaced_without_the_caller_noticing() -> None:
    url = fresh_database(os.environ["BBZ_TEST_POSTGRES_URL"], "pool")
    database = Database(url, pool_size=1)
    try:
        first = await backend_pid(database)
        await terminate(url, first)
        await asyncio.sleep(0.2)

        second = await backend_pid(database)
    finally:
        await database.dispose()

    assert second != first


async def test_a_connection_idle_for_long_is_pinged_before_use_and_then_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db_module, "PING_AFTER_IDLE_S", 0.0)
    pings: list[int] = []
    real_ping = AsyncAdapt_asyncpg_connection.ping

    def counted_ping(self: AsyncAdapt_asyncpg_connection) -> None:
        pings.append(1)
        real_ping(self)

    monkeypatch.setattr(AsyncAdapt_asyncpg_connection, "ping", counted_ping)
    url = fresh_database(os.environ["BBZ_TEST_POSTGRES_URL"], "pool")
    database = Database(url, pool_size=1)
    try:
        pids = [await backend_pid(database) for _ in range(3)]
    finally:
        await database.dispose()

    # The new connection is used as it is; the two checkouts after it, each "idle too long", are pinged.
    assert (len(set(pids)), len(pings)) == (1, 2)
