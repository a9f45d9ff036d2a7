"""What a test reads back from routing-api's database: the recorded determinations, and the statements sent."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import FastAPI
from sqlalchemy import Connection, event, func, select

from bbz_common.db import Database
from routing_api.routering.models import Routering as RouteringRow


async def determinations(app: FastAPI) -> int:
    db: Database = app.state.db
    async with db.transaction() as session:
        return int((await session.execute(select(func.count()).select_from(RouteringRow))).scalar_one())


@contextmanager
def statements(db: Database) -> Iterator[list[tuple[str, object]]]:
    """Each statement sent inside the block: its first word and its connection's isolation level."""
    seen: list[tuple[str, object]] = []

    def record(conn: Connection, cursor: object, statement: str, *_: object) -> None:
        seen.append((statement.split()[0], conn.get_execution_options().get("isolation_level")))

    event.listen(db.engine.sync_engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", record)
