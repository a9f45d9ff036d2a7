"""Read-only look at the services' databases during a run: how far the applications are, and whether any
outbox still has work. A few cheap aggregate queries a second; nothing is written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

# An application is finished when it is decided, or handed over to an officer on the orange/red route.
FINAL_SQL = {
    "sqlite": (
        "SELECT count(*), "
        "sum(CASE WHEN status = 'besloten' OR (status = 'in-behandeling' "
        "AND coalesce(json_extract(routering, '$.route'), '') <> 'groen') THEN 1 ELSE 0 END), "
        "max(bijgewerkt_op) FROM aanvragen"
    ),
    "postgresql": (
        "SELECT count(*), "
        "sum(CASE WHEN status = 'besloten' OR (status = 'in-behandeling' "
        "AND coalesce(routering->>'route', '') <> 'groen') THEN 1 ELSE 0 END), "
        "max(bijgewerkt_op) FROM aanvragen"
    ),
}
ROUTES_SQL = {
    "sqlite": "SELECT status, json_extract(routering, '$.route'), count(*) FROM aanvragen GROUP BY 1, 2",
    "postgresql": "SELECT status, routering->>'route', count(*) FROM aanvragen GROUP BY 1, 2",
}


def _as_datetime(value: Any) -> dt.datetime | None:
    if value is None:
        return None
    moment: dt.datetime = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


@dataclass
class Progress:
    total: int
    final: int
    last_change: dt.datetime | None
    outbox_pending: int


class Observer:
    def __init__(self, urls: dict[str, str]) -> None:
        self.engines: dict[str, AsyncEngine] = {name: create_async_engine(url) for name, url in urls.items()}

    async def close(self) -> None:
        for engine in self.engines.values():
            await engine.dispose()

    async def _rows(self, service: str, sql: str) -> list[Any]:
        async with self.engines[service].connect() as conn:
            return list((await conn.execute(text(sql))).all())

    def _dialect(self, service: str) -> str:
        return self.engines[service].dialect.name

    async def outbox(self) -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = {}
        for name in self.engines:
            try:
                rows = await self._rows(name, "SELECT status, count(*) FROM outbox GROUP BY status")
            except Exception:
                continue
            counts[name] = {str(status): int(n) for status, n in rows}
        return counts

    async def progress(self) -> Progress:
        total, final, last = (await self._rows("intake-api", FINAL_SQL[self._dialect("intake-api")]))[0]
        pending = sum(c.get("pending", 0) for c in (await self.outbox()).values())
        return Progress(int(total or 0), int(final or 0), _as_datetime(last), pending)

    async def letters(self) -> tuple[int, int, dt.datetime | None]:
        """Beschikkingen in decision-api: (all, still to render, last rendered). decision-api renders them
        after the decision, so the work is only drained when the second figure is 0."""
        rows = await self._rows(
            "decision-api",
            "SELECT count(*), sum(CASE WHEN pdf_sha256 IS NULL THEN 1 ELSE 0 END), max(gerenderd_op) "
            "FROM beschikkingen",
        )
        total, pending, last = rows[0]
        return int(total or 0), int(pending or 0), _as_datetime(last)

    async def routes(self) -> dict[str, int]:
        rows = await self._rows("intake-api", ROUTES_SQL[self._dialect("intake-api")])
        return {f"{status}/{route or '-'}": int(n) for status, route, n in rows}

    async def routing_inputs(self, limit: int) -> list[dict[str, Any]]:
        """The facts routing-api recorded (RouteringVerzoek bodies, as intake sent them)."""
        import json

        rows = await self._rows("routing-api", f"SELECT invoer FROM routeringen LIMIT {int(limit)}")
        return [json.loads(r[0]) if isinstance(r[0], str) else dict(r[0]) for r in rows]
