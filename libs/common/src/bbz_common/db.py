"""Async SQLAlchemy 2.x: engine per service, a unit of work per request, timezone-aware timestamps everywhere."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic_core import from_json, to_json
from sqlalchemy import JSON, BindParameter, ColumnElement, DateTime, any_, bindparam, event, exc, make_url
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.types import TypeDecorator

from bbz_common import sqlite_driver

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def one_of(
    dialect_name: str, column: ColumnElement[Any] | QueryableAttribute[Any], values: Iterable[Any]
) -> ColumnElement[bool]:
    """``column IN (values)``; on PostgreSQL ``column = ANY(:values)``, one array parameter, so that the
    statement has one shape whatever the number of values. An IN list is rendered with a parameter per value,
    and asyncpg prepares and keeps every distinct statement on every connection (100 per connection): batches
    of 1 to 64 ids were up to 64 statements each, prepared again and again (bench: an intake-api worker ran 70
    distinct statements, now 16, at 12% less CPU). The planner treats both forms alike (it reads an IN list
    as ``= ANY(ARRAY[...])``)."""
    if dialect_name == "postgresql":
        return column == any_(array_of(column, values))
    return column.in_(list(values))


def array_of(column: ColumnElement[Any] | QueryableAttribute[Any], values: Iterable[Any]) -> BindParameter[Any]:
    """PostgreSQL: ``values`` as one array parameter of ``column``'s type (asyncpg encodes the list)."""
    return bindparam(None, list(values), type_=ARRAY(column.type))


def new_id(now_ns: int | None = None) -> uuid.UUID:
    """A time-ordered UUID (version 7, RFC 9562): 48 bits of Unix milliseconds, then random bits. New rows land
    at the end of the primary-key index instead of on as many random pages of it, each of which the commit
    writes: with random ids the CPU per accept grew by a fifth over 20,000 applications (SQLite, bench)."""
    millis = (time.time_ns() if now_ns is None else now_ns) // 1_000_000
    value = (millis & 0xFFFF_FFFF_FFFF) << 80 | int.from_bytes(os.urandom(10))
    value = value & ~(0xF << 76) | 0x7 << 76  # version 7
    value = value & ~(0x3 << 62) | 0x2 << 62  # the RFC 9562 variant
    return uuid.UUID(int=value)


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps stored in UTC and always returned timezone-aware (SQLite forgets the zone otherwise)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use timezone-aware datetimes")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# JSON column that is JSONB on PostgreSQL and JSON (text) on SQLite.
JSONType = JSON().with_variant(JSONB(), "postgresql")


TYPE_ANNOTATION_MAP: dict[Any, Any] = {datetime: UTCDateTime(), dict[str, Any]: JSONType, list[Any]: JSONType}


def _json_text(value: Any) -> str:
    return to_json(value).decode()


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


class Database:
    """Engine and session factory of one service."""

    def __init__(self, url: str, *, echo: bool = False, pool_size: int = 10) -> None:
        self.url = url
        self.sqlite_path: str | None = None
        self.busy_timeout_s = 30.0  # how long a SQLite writer waits for the write lock
        # JSON columns (forms, register data, routes, decisions) with pydantic-core's encoder and decoder (Rust):
        # 3-4x faster than the standard library's for the same JSON (bench).
        kwargs: dict[str, Any] = {"echo": echo, "json_serializer": _json_text, "json_deserializer": from_json}
        if is_sqlite(url):
            path = url.split(":///", 1)[-1]
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            database = make_url(url).database
            self.sqlite_path = database if database and database != ":memory:" else None
            # Statements run on the event-loop thread (see sqlite_driver): no thread hop per statement.
            kwargs["async_creator"] = sqlite_driver.connector(
                make_url(url).database or ":memory:", lambda: self.busy_timeout_s
            )
        else:
            # A fixed pool: connections beyond it were opened under a burst and closed again on return, at
            # ~3.5 ms of our CPU and ~3 ms of the server's each, just when the system was busiest (bench).
            kwargs.update(pool_size=pool_size, max_overflow=0, pool_recycle=600)
        self.engine: AsyncEngine = create_async_engine(url, **kwargs)
        if is_sqlite(url):
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
        else:
            _check_at_checkout(self.engine)
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False)
        self.after_commit_hooks: list[Callable[[AsyncSession], None]] = []

    def wal_checkpointer(self) -> sqlite_driver.WalCheckpointer | None:
        """For a SQLite file: the checkpointer that keeps the write-ahead log's copying off the event loop
        (sqlite_driver.WalCheckpointer), to run while the service runs. None for PostgreSQL or memory."""
        return sqlite_driver.WalCheckpointer(self.sqlite_path) if self.sqlite_path else None

    @property
    def dialect_name(self) -> str:
        return self.engine.dialect.name

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """One unit of work: commit on success, roll back on error, then run after-commit hooks."""
        async with self.sessionmaker() as session:
            try:
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                raise
        for hook in self.after_commit_hooks:
            hook(session)

    async def dispose(self) -> None:
        await self.engine.dispose()


# A pooled connection idle for longer than this is pinged before use (the server or a proxy may have closed it).
PING_AFTER_IDLE_S = 30.0


def _check_at_checkout(engine: AsyncEngine) -> None:
    """Instead of SQLAlchemy's pre-ping, three round trips on every checkout: a connection the driver knows
    is closed is replaced at once, and only one that sat idle is pinged. SQLAlchemy replaces a connection
    refused here (DisconnectionError) with a fresh one, so the caller never sees it."""

    @event.listens_for(engine.sync_engine, "checkin")
    def checked_in(dbapi_connection: Any, record: Any) -> None:
        record.info["checked_in"] = time.monotonic()

    @event.listens_for(engine.sync_engine, "checkout")
    def checked_out(dbapi_connection: Any, record: Any, proxy: Any) -> None:
        if dbapi_connection.driver_connection.is_closed():
            raise exc.DisconnectionError("connection closed")
        if time.monotonic() - record.info.get("checked_in", time.monotonic()) > PING_AFTER_IDLE_S:
            try:
                dbapi_connection.ping()
            except Exception as error:
                raise exc.DisconnectionError(str(error)) from error


def _sqlite_pragmas(dbapi_connection: Any, _: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # Zero: a busy database is waited for by sqlite_driver with asyncio.sleep, never by blocking the loop.
    cursor.execute("PRAGMA busy_timeout=0")
    cursor.close()
