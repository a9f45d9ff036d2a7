"""Group commit: requests that each write a few rows share one transaction, and each is answered only after
that transaction committed.

A request hands its prepared work to ``GroupCommit.submit`` and waits. Work that arrives while a transaction
is being written waits for the next one, which takes all of it at once (up to ``max_batch``): under load the
cost of a transaction (begin, statements, commit, the write lock) is shared by many requests; alone, a request
gets its own transaction at once, with no added wait. Durability is unchanged: nobody is answered before the
commit that holds their rows.

The ``write`` function gets one session and the batch, and returns one outcome per item: its result, an
exception for that item alone (nothing of it written), or ``NEXT_BATCH`` to have it written in the next
transaction (e.g. it depends on another item of this batch being committed first). If the transaction itself
fails, each item is written again on its own, so one item's error never fails the others."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Generic, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.db import Database

Item = TypeVar("Item")
Result = TypeVar("Result")


class NextBatch:
    def __repr__(self) -> str:
        return "NEXT_BATCH"


NEXT_BATCH = NextBatch()


class GroupCommit(Generic[Item, Result]):
    def __init__(
        self,
        db: Database,
        write: Callable[[AsyncSession, Sequence[Item]], Awaitable[Sequence[Result | Exception | NextBatch]]],
        *,
        max_batch: int = 64,
    ) -> None:
        self.db = db
        self.write = write
        self.max_batch = max_batch
        self._queue: deque[tuple[Item, asyncio.Future[Result]]] = deque()
        self._writer: asyncio.Task[None] | None = None
        self.batches = 0  # transactions written (tests)

    async def submit(self, item: Item) -> Result:
        """Write ``item`` with whatever else is waiting; its result once the transaction committed."""
        future: asyncio.Future[Result] = asyncio.get_running_loop().create_future()
        self._queue.append((item, future))
        if self._writer is None:
            self._writer = asyncio.create_task(self._drain())
        try:
            return await asyncio.shield(future)
        except asyncio.CancelledError:
            # The request was abandoned: the write goes on, and its rows are committed as with a plain commit.
            future.add_done_callback(_ignore_outcome)
            raise

    async def _drain(self) -> None:
        try:
            while self._queue:
                batch = [self._queue.popleft() for _ in range(min(self.max_batch, len(self._queue)))]
                await self._write(batch)
        finally:
            self._writer = None
            if self._queue:  # arrived while this writer was finishing
                self._writer = asyncio.create_task(self._drain())

    async def _write(self, batch: list[tuple[Item, asyncio.Future[Result]]]) -> None:
        try:
            async with self.db.transaction() as session:
                outcomes = await self.write(session, [item for item, _ in batch])
                if len(outcomes) != len(batch):
                    raise RuntimeError(f"write returned {len(outcomes)} outcomes for {len(batch)} items")
        except Exception as exc:
            if len(batch) == 1:
                _settle(batch[0][1], exc)
                return
            for entry in batch:  # one item's error must not fail the others
                await self._write([entry])
            return
        self.batches += 1
        later: list[tuple[Item, asyncio.Future[Result]]] = []
        for entry, outcome in zip(batch, outcomes, strict=True):
            if isinstance(outcome, NextBatch):
                later.append(entry)
            else:
                _settle(entry[1], outcome)
        self._queue.extendleft(reversed(later))


def _settle(future: asyncio.Future[Result], outcome: Result | Exception) -> None:
    if future.done():
        return
    if isinstance(outcome, Exception):
        future.set_exception(outcome)
    else:
        future.set_result(outcome)


def _ignore_outcome(future: asyncio.Future[Any]) -> None:
    if not future.cancelled():
        future.exception()  # retrieved, so that an abandoned request's error is not reported as unhandled
