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
import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import structlog

_log = structlog.get_logger("bbz.sqlite")

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


# A commit that finds the write-ahead log over 1000 pages (SQLite's wal_autocheckpoint) copies it into the
# database file and fsyncs it on the committing connection: with this driver on the event loop, while every
# request of the process waits. WalCheckpointer copies the log from a thread of its own in between, so that
# the commit's checkpoint finds little left to copy. The commit's own checkpoint stays: under continuous writes
# only it lets the log start over (with the thread alone and the commit's threshold at 10,000 pages, the log
# grew to 42 MB in the intake bench and the third round fell from ~1,700 to ~1,000/s: a thread never catches up
# with a loop that keeps writing). Bench, routing at 500/s after the end-to-end phase, A B B A against the
# commit alone: p99 14.8-30.7 -> 17.0-18.6 ms, p90 4.9-9.4 -> 4.6-6.0 ms, end to end unchanged.
WAL_CHECKPOINT_INTERVAL_S = 0.5


class WalCheckpointer:
    """Checkpoints a SQLite database's write-ahead log every ``interval_s`` on a thread of its own, over a
    connection of its own. PASSIVE: it never waits for a reader or writer and copies what it can; the next
    round copies the rest. Several processes on one file may each run one: the one that finds another
    checkpointing skips that round."""

    def __init__(self, path: str, interval_s: float = WAL_CHECKPOINT_INTERVAL_S) -> None:
        self.path = path
        self.interval_s = interval_s
        # (busy, frames in the log, frames copied) of the last round: SQLite's answer to wal_checkpoint.
        self.last: tuple[int, int, int] | None = None
        self._connection: sqlite3.Connection | None = None
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wal-checkpoint")
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="wal-checkpoint")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        # On the checkpoint's own thread: after a round still running there, never under it.
        await asyncio.get_running_loop().run_in_executor(self._thread, self._close)
        self._thread.shutdown(wait=True)

    async def checkpoint(self) -> tuple[int, int, int]:
        self.last = await asyncio.get_running_loop().run_in_executor(self._thread, self._checkpoint)
        return self.last

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.interval_s)
            try:
                await self.checkpoint()
            except sqlite3.OperationalError as error:
                # Another process checkpointing (busy) is no failure: the next round goes on from where it got.
                if not _is_lock_wait(error):
                    _log.warning("wal_checkpoint_failed", error=str(error))
            except sqlite3.Error as error:
                # The next round tries again; meanwhile the commit that crosses 1000 pages checkpoints.
                _log.warning("wal_checkpoint_failed", error=str(error))

    def _checkpoint(self) -> tuple[int, int, int]:
        if self._connection is None:
            # No busy wait on this thread either: a round that finds the database locked is skipped.
            self._connection = sqlite3.connect(self.path, timeout=0, isolation_level=None, check_same_thread=False)
        busy, log, copied = self._connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        return int(busy), int(log), int(copied)

    def _close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
