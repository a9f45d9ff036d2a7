"""The renderer: renders the beschikkingen whose content was fixed with a decision, after that decision's
transaction, so that neither the decision nor its report to intake-api waits for fpdf.

Durable by construction: the work is the set of rows without a rendering (``pdf_sha256 IS NULL``), committed
with the decision itself, so a crash or a restart leaves it where it was and the next renderer picks it up.
Several renderers (replicas) may meet on one row: rendering is deterministic and the store is conditional, so
the second is a no-op.

Rendering a letter costs several times the CPU of deciding it, and nobody waits for it (a read renders on the
spot). So the renderer gives way to the pipeline: while decisions keep coming it waits for a quiet moment
(``rust`` seconds without a new decision), and renders at once only what has waited longer than ``uiterlijk``
seconds, so a busy day delays letters by at most that much and never starves them.

fpdf is pure Python: in a thread it holds the GIL that the event loop serving requests needs too. With
``processen`` > 0 the letters are rendered in processes of their own (spawned on the first letter), as many at
once as there are processes; 0 (the default) renders them in a thread of this process."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import multiprocessing
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import structlog
from prometheus_client import CollectorRegistry, Counter, Gauge
from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.db import Database
from decision_api.beschikkingen import render, repository, service
from decision_api.beschikkingen.render import Document
from decision_api.clock import Clock

log = structlog.get_logger("decision.beschikkingen")


class Renderer:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        *,
        poll_interval: float = 2.0,
        rust: float = 2.0,
        uiterlijk: float = 900.0,
        batch_size: int = 20,
        retry_delay: float = 60.0,
        processen: int = 0,
        tijd: Callable[[], float] = time.monotonic,
        registry: CollectorRegistry | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        self.poll_interval = poll_interval
        self.rust = rust
        self.uiterlijk = dt.timedelta(seconds=uiterlijk)
        self.batch_size = batch_size
        self.retry_delay = retry_delay
        self.processen = processen
        self._pool: ProcessPoolExecutor | None = None
        self._tijd = tijd
        self._laatste_besluit = -float("inf")
        # A beschikking that failed to render is left alone for a while (a template fault needs a fix, and
        # retrying it at once would starve the others); the row stays unrendered, so nothing is lost.
        self._failed_until: dict[uuid.UUID, float] = {}
        self._wake = asyncio.Event()
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        db.after_commit_hooks.append(self._after_commit)
        # The deferred work made visible (a benchmark or an operator sees letters that are still to come).
        self._wachtend = Gauge(
            "beschikkingen_te_renderen",
            "Beschikkingen whose content is fixed with the decision and whose rendering is still to come",
            registry=registry,
        )
        self._gerenderd = Counter(
            "beschikkingen_gerenderd_total", "Beschikkingen rendered by the background renderer", registry=registry
        )

    def _after_commit(self, session: AsyncSession) -> None:
        if session.info.get(service.TE_RENDEREN):  # read, not taken: every renderer on this database hears it
            self._laatste_besluit = self._tijd()
            self._wake.set()

    def _rust_resterend(self) -> float:
        """Seconds until the service has been quiet (no new decision) for ``rust`` seconds; 0 if it is."""
        return max(0.0, self._laatste_besluit + self.rust - self._tijd())

    def start(self) -> None:
        self._stop.clear()
        self._task = asyncio.create_task(self._run(), name="beschikkingen-renderer")

    async def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._task is not None:
            try:
                await asyncio.wait_for(self._task, timeout=10)
            except (TimeoutError, asyncio.CancelledError):
                self._task.cancel()
            self._task = None
        await self._close_pool()

    def _processes(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # Spawned, not forked: this process has threads (the WAL checkpointer, the executor's), and a fork
            # copies their locks in whatever state they are in.
            self._pool = ProcessPoolExecutor(self.processen, mp_context=multiprocessing.get_context("spawn"))
        return self._pool

    async def _close_pool(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            # Waits for a letter under way (milliseconds); off the event loop.
            await asyncio.to_thread(pool.shutdown, wait=True, cancel_futures=True)

    async def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                rendered = await self.run_once()
            except Exception as exc:  # the renderer must survive a database hiccup
                log.warning("beschikking_renderer_error", error=repr(exc)[:500])
                rendered = 0
            if rendered:
                continue
            rest = self._rust_resterend()
            if rest > 0:
                # Busy deciding: look again when it may have become quiet, not at every decision (a query each).
                waiter, timeout = self._stop.wait(), min(rest, self.poll_interval)
            else:
                waiter, timeout = self._wake.wait(), self.poll_interval
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(waiter, timeout=timeout)

    async def run_once(self) -> int:
        """Render one batch of unrendered beschikkingen, oldest first (while the service is busy deciding, only
        those that waited too long); returns how many were stored."""
        limit = self.batch_size + len(self._failed_until)
        async with self.db.sessionmaker() as session:
            rows = await repository.te_renderen(session, limit)
            # Fewer rows than asked for are all there are: only a full batch needs counting.
            self._wachtend.set(len(rows) if len(rows) < limit else await repository.aantal_te_renderen(session))
        now = self._tijd()
        due = [(i, made) for i, made in rows if self._failed_until.get(i, -float("inf")) <= now][: self.batch_size]
        if not due:
            return 0
        # The batch's content in one query and its renderings in one transaction: a letter costs ~2 ms of CPU
        # to render, and a query and a commit each were almost as much again.
        async with self.db.sessionmaker() as session:
            invoer = await repository.invoer(session, [i for i, _ in due])
        documents: list[tuple[uuid.UUID, Document]] = []
        # As many letters at once as there are processes to render them.
        width = max(1, self.processen)
        busy = False
        for start in range(0, len(due), width):
            if self._stop.is_set() or busy:
                break
            chunk: list[uuid.UUID] = []
            for beschikking_id, made in due[start : start + width]:
                if self._rust_resterend() > 0 and self.clock.now() - made < self.uiterlijk:
                    busy = True  # and this one (so every later one) can wait for a quiet moment
                    break
                if beschikking_id in invoer:  # else rendered meanwhile (a read, another replica)
                    chunk.append(beschikking_id)
            rendered = await asyncio.gather(*(self._render(i, invoer[i]) for i in chunk))
            documents += [(i, document) for i, document in zip(chunk, rendered, strict=True) if document is not None]
        stored = 0
        if documents:
            async with self.db.transaction() as session:
                stored = await repository.renderingen_opslaan(session, documents, self.clock.now())
        self._wachtend.dec(stored)
        self._gerenderd.inc(stored)
        return stored

    async def _render(self, beschikking_id: uuid.UUID, invoer: repository.Invoer) -> Document | None:
        try:
            if self.processen:
                loop = asyncio.get_running_loop()
                document = await loop.run_in_executor(self._processes(), render.vastgelegd, *invoer)
            else:
                document = await asyncio.to_thread(service.renderen, *invoer)
        except Exception as exc:
            if isinstance(exc, BrokenProcessPool):
                # A rendering process died (killed, out of memory): the next letter gets new processes. The
                # letters under way wait like a failed one, so one that kills its renderer cannot hold up the rest.
                await self._close_pool()
            self._failed_until[beschikking_id] = self._tijd() + self.retry_delay
            # The type only: a message could quote the letter's content (names, addresses).
            log.warning("beschikking_render_failed", beschikking_id=str(beschikking_id), error=type(exc).__name__)
            return None
        self._failed_until.pop(beschikking_id, None)
        return document
