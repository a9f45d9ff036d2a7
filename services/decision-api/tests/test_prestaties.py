"""The hand-over of a green application is on intake-api's hot path (issue 9): it reads what it needs once,
writes every row in one flush (no UPDATE of a row it has just inserted) and leaves the letter to the renderer."""

from typing import Any

import httpx
from decision_factories import SERVICE, behandeling
from fastapi import FastAPI
from sqlalchemy import event


async def statements_of(app: FastAPI, client: httpx.AsyncClient, body: dict[str, Any]) -> list[str]:
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(" ".join(statement.split()))

    event.listen(app.state.db.engine.sync_engine, "before_cursor_execute", record)
    try:
        response = await client.post("/v1/behandelingen", json=body, headers={**SERVICE, "Idempotency-Key": "k-1"})
    finally:
        event.remove(app.state.db.engine.sync_engine, "before_cursor_execute", record)
    assert response.status_code == 201, response.text
    return seen


async def test_a_green_hand_over_inserts_each_row_once_and_updates_nothing(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    body = behandeling("groen", huishouden={"soort": "alleenstaande", "kostendelers": 0}, inkomenPerMaand=40_000)

    statements = await statements_of(app, client, body)

    inserted = [s.split()[2] for s in statements if s.startswith("INSERT")]
    assert not [s for s in statements if not s.startswith(("SELECT", "INSERT"))], statements
    assert len(inserted) == len(set(inserted)), statements  # one INSERT per table (executemany for many rows)


async def test_a_green_hand_over_reads_only_its_key_earlier_handlings_parameters_and_norms(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    body = behandeling("groen", huishouden={"soort": "alleenstaande", "kostendelers": 0}, inkomenPerMaand=40_000)

    statements = await statements_of(app, client, body)

    assert [s.split(" FROM ")[1].split()[0] for s in statements if s.startswith("SELECT")] == [
        "idempotency_keys",
        "behandelingen",
        "parameters",
        "normen",
    ]
