"""The renderer: renders the beschikkingen whose content was fixed with a decision, after that decision's
transaction, so that neither the decision nor its report to intake-api waits for fpdf.

Durable by construction: the work is the set of rows without a rendering (``pdf_sha256 IS NULL``), committed
with the decision itself, so a crash or a restart leaves it where it was and the next renderer picks it up.
Several renderers (replicas) may meet on one row: rendering is deterministic and the store is conditional, so
the second is a no-op."""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.db import Database
from decision_api.beschikkingen import repository, service
from decision_api.clock import Clock

log = structlog.get_logger("decision.beschikkingen")


class Renderer:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        *,
        poll_interval: float = 2.0,
        batch_size: int = 20,
        retry_delay: float = 60.0,
    ) -> None:
        self.db = db
        self.clock = clock
        self.poll_interval = poll_interval
        self.batch_size = batch_size
        self.retry_delay = retry_delay
        # A beschikking that failed to render is left alone for a while (a template fault needs a fix, and
        # retrying it at once would starve the others); the row stays unrendered, so nothing is lost.
        self._failed_until: dict[uuid.UUID, float] = {}
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        db.after_commit_hooks.append(self._after_commit)

    def _after_commit(self, session: AsyncSession) -> None:
        if session.info.pop(service.TE_RENDEREN, False):
            self._wake.set()

    def start(self) -> None:
        self._stopping = False
        self._task = asyncio.create_task(self._run(), name="beschikkingen-renderer")

    async def stop(self) -> None:
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            try:
                await asyncio.wait_for(self._task, timeout=10)
            except (TimeoutError, asyncio.CancelledError):
                self._task.cancel()
            self._task = None

    async def _run(self) -> None:
        while not self._stopping:
            self._wake.clear()
            try:
                rendered = await self.run_once()
            except Exception as exc:  # the renderer must survive a database hiccup
                log.warning("beschikking_renderer_error", error=repr(exc)[:500])
                rendered = 0
            if rendered == 0 and not self._stopping:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=self.poll_interval)

    async def run_once(self) -> int:
        """Render one batch of unrendered beschikkingen, oldest first; returns how many were stored."""
        async with self.db.sessionmaker() as session:
            ids = await repository.te_renderen(session, self.batch_size + len(self._failed_until))
        now = time.monotonic()
        due = [i for i in ids if self._failed_until.get(i, 0.0) <= now][: self.batch_size]
        stored = 0
        for beschikking_id in due:
            if self._stopping:
                break
            stored += await self._render(beschikking_id)
        return stored

    async def _render(self, beschikking_id: uuid.UUID) -> int:
        async with self.db.sessionmaker() as session:
            invoer = await repository.invoer(session, beschikking_id)
        if invoer is None:  # rendered meanwhile (a read, another replica)
            return 0
        try:
            # fpdf is pure Python: in a worker thread the event loop keeps serving requests meanwhile.
            document = await asyncio.to_thread(service.renderen, *invoer)
        except Exception as exc:
            self._failed_until[beschikking_id] = time.monotonic() + self.retry_delay
            # The type only: a message could quote the letter's content (names, addresses).
            log.warning("beschikking_render_failed", beschikking_id=str(beschikking_id), error=type(exc).__name__)
            return 0
        self._failed_until.pop(beschikking_id, None)
        async with self.db.transaction() as session:
            stored = await repository.rendering_opslaan(session, beschikking_id, document, self.clock.now())
        return int(stored)
