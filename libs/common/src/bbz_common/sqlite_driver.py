"""SQLite for the async engine without a thread hop per statement.

aiosqlite runs every cursor call (open, execute, fetch, close) on its own thread and wakes the event loop
for each result: about 20 hand-offs per request, which cost intake ~4 ms of CPU per application in GIL
switches (bench/results, py-spy). A SQLite statement itself takes microseconds, so this driver runs them
on the event-loop thread and keeps aiosqlite's interface, which SQLAlchemy's aiosqlite dialect adapts.

Waiting for the write lock must not block the loop: another session of this process may hold the lock
while it awaits something, and it can only finish if the loop runs. So the connection's own busy timeout
is zero and a busy database is retried here with `asyncio.sleep`, up to `busy_timeout_s`."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Callable, Iterable
from typing import Any

SQLITE_BUSY = 5
SQLITE_LOCKED = 6
_RETRY_FIRST_S = 0.0005
_RETRY_MAX_S = 0.004  # short: a lock is held for a transaction of microseconds to milliseconds


def _is_lock_wait(error: sqlite3.OperationalError) -> bool:
    # Only the plain codes: SQLITE_BUSY_SNAPSHOT (517) and friends never clear by waiting.
    return getattr(error, "sqlite_errorcode", None) in (SQLITE_BUSY, SQLITE_LOCKED)


async def _with_lock_retry(call: Callable[[], Any], deadline_s: float) -> Any:
    delay = _RETRY_FIRST_S
    deadline = time.monotonic() + deadline_s
    while True:
        try:
            return call()
        except sqlite3.OperationalError as error:
            if not _is_lock_wait(error) or time.monotonic() >= deadline:
                raise
        await asyncio.sleep(delay)
        delay = min(delay * 2, _RETRY_MAX_S)


class Cursor:
    """aiosqlite.Cursor's interface over a sqlite3 cursor, executed in the calling thread."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._cursor = connection._conn.cursor()

    async def __aenter__(self) -> Cursor:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.close()

    async def execute(self, sql: str, parameters: Any = None) -> Cursor:
        args = (sql,) if parameters is None else (sql, parameters)
        await _with_lock_retry(lambda: self._cursor.execute(*args), self._connection.busy_timeout_s)
        return self

    async def executemany(self, sql: str, parameters: Iterable[Any]) -> Cursor:
        rows = list(parameters)
        await _with_lock_retry(lambda: self._cursor.executemany(sql, rows), self._connection.busy_timeout_s)
        return self

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        return self._cursor.fetchmany(size if size is not None else self._cursor.arraysize)

    async def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    async def close(self) -> None:
        self._cursor.close()

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._cursor.arraysize = value


class _ImmediateQueue:
    """SQLAlchemy's dialect sets the isolation level by queueing a call for aiosqlite's thread: run it now."""

    def put_nowait(self, item: tuple[asyncio.Future[Any] | None, Callable[[], Any]]) -> None:
        future, function = item
        try:
            result = function()
        except BaseException as error:  # handed to the awaiting caller, as aiosqlite does
            if future is not None:
                future.set_exception(error)
            return
        if future is not None:
            future.set_result(result)


class Connection:
    """aiosqlite.Connection's interface over a sqlite3 connection used from the event-loop thread."""

    def __init__(self, conn: sqlite3.Connection, busy_timeout_s: Callable[[], float]) -> None:
        self._conn = conn
        self._connection: sqlite3.Connection | None = conn
        self._tx = _ImmediateQueue()
        self._busy_timeout_s = busy_timeout_s

    @property
    def busy_timeout_s(self) -> float:
        return self._busy_timeout_s()

    def cursor(self) -> Cursor:
        return Cursor(self)

    async def execute(self, sql: str, parameters: Any = None) -> Cursor:
        return await self.cursor().execute(sql, parameters)

    async def commit(self) -> None:
        await _with_lock_retry(self._conn.commit, self.busy_timeout_s)

    async def rollback(self) -> None:
        self._conn.rollback()

    async def close(self) -> None:
        if self._connection is not None:
            self._connection = None
            self._conn.close()

    def stop(self) -> None:
        if self._connection is not None:
            self._connection = None
            self._conn.close()

    async def create_function(self, *args: Any, **kwargs: Any) -> None:
        self._conn.create_function(*args, **kwargs)

    @property
    def isolation_level(self) -> str | None:
        return self._conn.isolation_level


def connector(database: str, busy_timeout_s: Callable[[], float]) -> Callable[[], Any]:
    """An `async_creator` for `create_async_engine("sqlite+aiosqlite://...")`; the busy timeout is read at
    each wait, so the owner can change it."""

    async def connect() -> Connection:
        # check_same_thread off: the pool may close a connection from the garbage collector's thread.
        conn = sqlite3.connect(database, timeout=0, check_same_thread=False)
        return Connection(conn, busy_timeout_s)

    return connect
