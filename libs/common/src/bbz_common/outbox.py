"""Transactional outbox: work for other services is written in the same transaction as the state that
causes it, and a relay delivers it with retries, exponential backoff with jitter, and a dead-letter state.

A handler may write its results and have its message marked delivered in one transaction
(``async with delivery.complete() as session``), so a crash never leaves a result without its
delivery mark or the reverse. Receivers treat redelivery as a no-op (the message id is the
Idempotency-Key of every outbound call).

A topic whose work gains from being done in bulk registers a ``Batched`` handler: it gets every claimed
message of its topic at once (up to ``max_size``), can write all their results in one transaction, and marks
each delivery failed on its own (``delivery.fail``), so one failure never holds back the others."""

from __future__ import annotations

import asyncio
import random
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar, cast

import structlog
from sqlalchemy import ColumnElement, Index, SQLColumnExpression, String, Text, any_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Mapped, declared_attr, mapped_column
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from bbz_common.correlation import bind_correlation_id, current_correlation_id
from bbz_common.db import Database, new_id, one_of, utcnow

log = structlog.get_logger("bbz.outbox")

PENDING, DELIVERED, DEAD = "pending", "delivered", "dead"


class OutboxMixin:
    """Columns of a service's ``outbox`` table; a service declares ``class OutboxMessage(OutboxMixin, Base)``."""

    __tablename__ = "outbox"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    topic: Mapped[str] = mapped_column(String(100))
    payload: Mapped[dict[str, Any]]
    correlation_id: Mapped[str | None] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(16), default=PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime]
    locked_until: Mapped[datetime | None]
    locked_by: Mapped[str | None] = mapped_column(String(64))
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    delivered_at: Mapped[datetime | None]

    @declared_attr.directive
    def __table_args__(self) -> tuple[Any, ...]:
        return (Index("ix_outbox_due", "status", "next_attempt_at"),)


class _Unindexed(FunctionElement[str]):
    """A string column that SQLite's planner may not search by (``+status``: the same value, no index); the
    plain column elsewhere. Without statistics SQLite prefers ``status = ?`` on ``ix_outbox_due`` to the
    primary key for ``id IN (...)`` of more than a few ids, and so read every pending message, a backlog that
    grows with the applications, on every batch."""

    type = String()
    inherit_cache = True


@compiles(_Unindexed)
def _column(element: _Unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(_Unindexed, "sqlite")
def _column_without_index(element: _Unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return "+" + compiler.process(element.clauses, **kw)


class PermanentDeliveryError(Exception):
    """The receiver refused the message for good (e.g. a 4xx other than 408/429): dead-letter at once."""


class DeliveryDeferred(Exception):
    """The receiver asked to come back later (429 or 503 with Retry-After): wait at least that long."""

    def __init__(self, message: str, retry_after_seconds: float) -> None:
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds


class LeaseLost(Exception):
    """Another relay took the message over while this one worked on it; this one's results are discarded."""


def enqueue(session: AsyncSession, model: type[OutboxMixin], topic: str, payload: dict[str, Any]) -> uuid.UUID:
    """Add a message to the outbox within the caller's transaction."""
    now = utcnow()
    message = cast(Any, model)(
        id=new_id(),
        topic=topic,
        payload=payload,
        correlation_id=current_correlation_id(),
        status=PENDING,
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )
    session.add(message)
    session.info["outbox_pending"] = True
    return cast(uuid.UUID, message.id)


def message_row(topic: str, payload: dict[str, Any]) -> dict[str, Any]:
    """An outbox row for a bulk insert (`enqueue_rows`); `enqueue` adds one through the session instead."""
    now = utcnow()
    return {
        "id": new_id(),
        "topic": topic,
        "payload": payload,
        "correlation_id": current_correlation_id(),
        "status": PENDING,
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
    }


async def enqueue_rows(session: AsyncSession, model: type[OutboxMixin], rows: list[dict[str, Any]]) -> None:
    """Insert outbox rows at once, within the caller's transaction; the relay is woken after the commit."""
    if rows:
        connection = await session.connection()
        await connection.execute(cast(Any, model).__table__.insert(), rows)
        session.info["outbox_pending"] = True


@dataclass
class OutboxDelivery:
    message_id: uuid.UUID
    topic: str
    payload: dict[str, Any]
    attempt: int
    relay: OutboxRelay = field(repr=False)
    completed: bool = False
    correlation_id: str | None = None
    # Set by a batch handler for a delivery that failed on its own; the relay records it as that message's failure.
    failure: Exception | None = None

    @property
    def idempotency_key(self) -> str:
        return str(self.message_id)

    def fail(self, exc: Exception) -> None:
        self.failure = exc

    def bind_context(self) -> None:
        """Bind this message's correlation id and ids for the log lines and outbound calls made for it."""
        bind_correlation_id(self.correlation_id or self.message_id.hex)
        structlog.contextvars.bind_contextvars(outbox_topic=self.topic, outbox_id=str(self.message_id))

    @asynccontextmanager
    async def complete(self) -> AsyncIterator[AsyncSession]:
        """Write this delivery's results; the message is marked delivered in the same transaction."""
        async with self.relay.complete([self]) as session:
            yield session


Handler = Callable[[OutboxDelivery], Awaitable[None]]
BatchHandler = Callable[[list[OutboxDelivery]], Awaitable[None]]
T = TypeVar("T")


@dataclass(frozen=True)
class Batched:
    """A handler that takes up to ``max_size`` claimed messages at once, of every topic it is registered for
    (one object under several topics, e.g. a renamed topic whose old messages are still delivered). It completes
    them (``relay.complete``) or marks single ones failed (``delivery.fail``); an exception it raises fails every
    delivery it left open. Deliveries left neither completed nor failed are marked delivered afterwards."""

    handler: BatchHandler
    max_size: int = 32


async def for_each(
    deliveries: list[OutboxDelivery], call: Callable[[OutboxDelivery], Awaitable[T]]
) -> list[tuple[OutboxDelivery, T]]:
    """Run ``call`` for every delivery concurrently, each in its own task with its own correlation id; a call
    that raises marks its delivery failed. Returns the deliveries that succeeded with their results."""

    async def one(delivery: OutboxDelivery) -> tuple[OutboxDelivery, T] | None:
        delivery.bind_context()
        try:
            return delivery, await call(delivery)
        except Exception as exc:
            delivery.fail(exc)
            return None

    results = await asyncio.gather(*(one(d) for d in deliveries))
    return [r for r in results if r is not None]


class OutboxRelay:
    # The default lease; a relay can be given its own (setting ``outbox_lease_seconds``).
    lease_seconds: float = 60.0

    def __init__(
        self,
        db: Database,
        model: type[OutboxMixin],
        handlers: Mapping[str, Handler | Batched],
        *,
        poll_interval: float = 0.5,
        max_attempts: int = 12,
        base_delay: float = 0.5,
        max_delay: float = 300.0,
        batch_size: int = 50,
        concurrency: int = 8,
        lease_seconds: float | None = None,
    ) -> None:
        self.db = db
        self.model = model
        self.handlers = handlers
        self.poll_interval = poll_interval
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.batch_size = batch_size
        self.concurrency = concurrency
        if lease_seconds is not None:
            self.lease_seconds = lease_seconds
        self.token = uuid.uuid4().hex
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        db.after_commit_hooks.append(self._after_commit)

    def _after_commit(self, session: AsyncSession) -> None:
        if session.info.pop("outbox_pending", False):
            self.wake()

    def wake(self) -> None:
        self._wake.set()

    def backoff(self, attempts: int) -> float:
        """Exponential backoff with jitter: base·2^(n-1), capped, times a random factor in [0.5, 1.5)."""
        delay = min(self.max_delay, self.base_delay * (2 ** max(0, attempts - 1)))
        return float(delay * random.uniform(0.5, 1.5))

    def start(self) -> None:
        self._stopping = False
        self._task = asyncio.create_task(self._run(), name=f"outbox-relay-{self.token[:8]}")

    async def stop(self) -> None:
        self._stopping = True
        self.wake()
        if self._task is not None:
            try:
                await asyncio.wait_for(self._task, timeout=5)
            except (TimeoutError, asyncio.CancelledError):
                self._task.cancel()
            self._task = None

    async def _run(self) -> None:
        """Keep up to `concurrency` messages in flight, claiming more as work ends: one slow delivery never
        holds up the others (a claimed set is not waited for as a whole; a batch of one topic is)."""
        in_flight: dict[asyncio.Task[None], int] = {}
        try:
            while not self._stopping:
                claimed = 0
                free = self.concurrency - sum(in_flight.values())
                if free > 0:
                    try:
                        messages = await self.claim(limit=free)
                    except Exception as exc:  # the relay must survive a database hiccup
                        log.warning("outbox_relay_error", error=repr(exc)[:500])
                        messages = []
                    claimed = len(messages)
                    for work, size in self._tasks(messages):
                        task = asyncio.create_task(work)
                        in_flight[task] = size
                        task.add_done_callback(in_flight.pop)
                if self._stopping:
                    break
                if claimed < free or free <= 0:
                    # Nothing more due (or no free slot): wait for new work, a finished delivery, or the poll.
                    self._wake.clear()
                    waiters: set[asyncio.Future[Any]] = {asyncio.ensure_future(self._wake.wait())}
                    waiters |= set(in_flight)
                    await asyncio.wait(waiters, timeout=self.poll_interval, return_when=asyncio.FIRST_COMPLETED)
                    for waiter in waiters - set(in_flight):
                        if not waiter.done():
                            waiter.cancel()
        finally:
            if in_flight:
                await asyncio.wait(in_flight, timeout=5)

    def _tasks(self, messages: list[OutboxMixin]) -> list[tuple[Coroutine[Any, Any, None], int]]:
        """The work for claimed messages: one task per message, or per batch of a batched handler (which
        gets the messages of every topic it is registered for together)."""
        work: list[tuple[Coroutine[Any, Any, None], int]] = []
        batches: dict[int, tuple[Batched, list[OutboxMixin]]] = {}
        for message in messages:
            handler = self.handlers.get(message.topic)
            if isinstance(handler, Batched):
                batches.setdefault(id(handler), (handler, []))[1].append(message)
            else:
                work.append((self.process(message), 1))
        for handler, batch in batches.values():
            for start in range(0, len(batch), handler.max_size):
                chunk = batch[start : start + handler.max_size]
                work.append((self.process_batch(handler, chunk), len(chunk)))
        return work

    async def claim(self, limit: int | None = None) -> list[OutboxMixin]:
        model = self.model
        now = utcnow()

        def due(status: SQLColumnExpression[str]) -> ColumnElement[bool]:
            return (
                (status == PENDING)
                & (model.next_attempt_at <= now)
                & or_(model.locked_until.is_(None), model.locked_until < now)
            )

        due_ids = (
            select(model.id).where(due(model.status)).order_by(model.next_attempt_at).limit(limit or self.batch_size)
        )
        if self.db.dialect_name == "postgresql":
            # The ids as one array, an InitPlan that runs once. As `id IN (subquery)` PostgreSQL could run the
            # subquery again for rows another relay had just changed, and with SKIP LOCKED each run finds
            # other rows: a claim of 2 took 394 messages, and a relay ran thousands at once (bench).
            claimed = model.id == any_(func.array(due_ids.with_for_update(skip_locked=True).scalar_subquery()))
        else:
            claimed = model.id.in_(due_ids.scalar_subquery())
        # One statement takes the lease and returns the messages. The conditions are checked again in the
        # UPDATE itself: on SQLite two relays serialise on the write lock and the second finds nothing due.
        # The UPDATE finds its rows by their ids (see _Unindexed), the ids by the due index.
        claim = (
            update(model)
            .where(claimed, due(_Unindexed(model.status)))
            .values(locked_until=now + timedelta(seconds=self.lease_seconds), locked_by=self.token)
            .returning(model)
            .execution_options(synchronize_session=False)
        )
        async with self.db.transaction() as session:
            messages = list((await session.execute(claim)).scalars())
        messages.sort(key=lambda m: m.next_attempt_at)
        return messages

    async def run_once(self) -> int:
        messages = await self.claim()
        if not messages:
            return 0
        semaphore = asyncio.Semaphore(self.concurrency)

        async def guarded(work: Coroutine[Any, Any, None]) -> None:
            async with semaphore:
                await work

        await asyncio.gather(*(guarded(work) for work, _ in self._tasks(messages)))
        return len(messages)

    def _delivery(self, message: OutboxMixin) -> OutboxDelivery:
        return OutboxDelivery(
            message.id,
            message.topic,
            message.payload,
            message.attempts + 1,
            self,
            correlation_id=message.correlation_id,
        )

    async def process(self, message: OutboxMixin) -> None:
        # Work enqueued outside a request keeps one id across all its attempts: the message's own.
        delivery = self._delivery(message)
        delivery.bind_context()
        handler = self.handlers.get(message.topic)
        try:
            if handler is None or isinstance(handler, Batched):
                raise PermanentDeliveryError(f"no handler for topic {message.topic!r}")
            await handler(delivery)
            if not delivery.completed:
                async with self.db.transaction() as session:
                    await self.mark_delivered(session, message.id)
            log.info("outbox_delivered", attempt=delivery.attempt)
        except LeaseLost:
            log.warning("outbox_lease_lost")
        except Exception as exc:
            await self._record_failure(message, exc)
        finally:
            structlog.contextvars.unbind_contextvars("outbox_topic", "outbox_id")

    async def process_batch(self, handler: Batched, messages: list[OutboxMixin]) -> None:
        """One batch of a batched handler: its results, then each failure recorded on its own."""
        deliveries = [self._delivery(m) for m in messages]
        lost: list[OutboxDelivery] = []
        try:
            await handler.handler(deliveries)
            rest = [d for d in deliveries if not d.completed and d.failure is None]
            if rest:
                try:
                    async with self.complete(rest):
                        pass
                except LeaseLost:
                    lost = rest
        except LeaseLost:
            lost = [d for d in deliveries if not d.completed and d.failure is None]
        except Exception as exc:
            for delivery in deliveries:
                if not delivery.completed and delivery.failure is None:
                    delivery.fail(exc)
        if lost:
            # Taken over by another relay (this one was too slow): that relay delivers them; nothing was kept.
            log.warning("outbox_lease_lost", count=len(lost))
        delivered = 0
        for message, delivery in zip(messages, deliveries, strict=True):
            if delivery.failure is not None and not delivery.completed:
                delivery.bind_context()
                await self._record_failure(message, delivery.failure)
            elif delivery.completed:
                delivered += 1
        structlog.contextvars.unbind_contextvars("outbox_topic", "outbox_id")
        if delivered:
            log.info("outbox_delivered", topic=messages[0].topic, count=delivered)

    @asynccontextmanager
    async def complete(self, deliveries: list[OutboxDelivery]) -> AsyncIterator[AsyncSession]:
        """Write deliveries' results; their messages are marked delivered in the same transaction. If any of
        them was taken over by another relay, nothing of the transaction is kept (``LeaseLost``)."""
        async with self.db.transaction() as session:
            yield session
            await self.mark_delivered(session, *(d.message_id for d in deliveries))
        for delivery in deliveries:
            delivery.completed = True

    async def mark_delivered(self, session: AsyncSession, *message_ids: uuid.UUID) -> None:
        model = self.model
        result = await session.execute(
            update(model)
            .where(
                one_of(self.db.dialect_name, model.id, message_ids),
                _Unindexed(model.status) == PENDING,
                model.locked_by == self.token,
            )
            .values(status=DELIVERED, attempts=model.attempts + 1, delivered_at=utcnow(), locked_until=None)
            .execution_options(synchronize_session=False)
        )
        if getattr(result, "rowcount", len(message_ids)) != len(message_ids):
            raise LeaseLost(", ".join(map(str, message_ids)))

    async def _record_failure(self, message: OutboxMixin, exc: Exception) -> None:
        attempts = message.attempts + 1
        permanent = isinstance(exc, PermanentDeliveryError)
        dead = permanent or attempts >= self.max_attempts
        error = f"{type(exc).__name__}: {exc}"[:2000]
        values: dict[str, Any] = {"attempts": attempts, "last_error": error, "locked_until": None, "locked_by": None}
        if dead:
            values["status"] = DEAD
        else:
            delay = self.backoff(attempts)
            if isinstance(exc, DeliveryDeferred):
                delay = max(delay, min(exc.retry_after_seconds, self.max_delay))
            values["next_attempt_at"] = utcnow() + timedelta(seconds=delay)
        model = self.model
        async with self.db.transaction() as session:
            await session.execute(
                update(model)
                .where(model.id == message.id, model.locked_by == self.token)
                .values(**values)
                .execution_options(synchronize_session=False)
            )
        log.warning("outbox_delivery_failed", attempt=attempts, dead=dead, error=error[:300])


async def requeue(session: AsyncSession, model: type[OutboxMixin], message_id: uuid.UUID) -> bool:
    """Send a dead-lettered message again after repair."""
    result = await session.execute(
        update(model)
        .where(model.id == message_id, model.status == DEAD)
        .values(status=PENDING, attempts=0, next_attempt_at=utcnow(), locked_until=None, locked_by=None)
        .execution_options(synchronize_session=False)
    )
    session.info["outbox_pending"] = True
    return bool(getattr(result, "rowcount", 0))
