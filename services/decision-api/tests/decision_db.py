"""What a request sends to decision-api's database: its SQL statements, counted."""

from __future__ import annotations

from typing import Any

import httpx
from decision_factories import OFFICER
from fastapi import FastAPI
from sqlalchemy import event


async def queries_for(app: FastAPI, client: httpx.AsyncClient, url: str) -> int:
    """The SQL statements one successful GET of ``url`` runs."""
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    event.listen(app.state.db.engine.sync_engine, "before_cursor_execute", record)
    try:
        assert (await client.get(url, headers=OFFICER)).status_code == 200
    finally:
        event.remove(app.state.db.engine.sync_engine, "before_cursor_execute", record)
    return len(statements)
