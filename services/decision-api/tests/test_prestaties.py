"""The hand-over of a green application is on intake-api's hot path (issue 9): it reads what it needs once,
writes every row in one flush (no UPDATE of a row it has just inserted) and leaves the letter to the renderer."""

import datetime as dt
import re
import uuid
from typing import Any

import httpx
import pytest
from decision_factories import RECEIVED, SERVICE, behandeling
from fastapi import FastAPI
from sqlalchemy import event, text

from decision_api.behandelingen.models import Behandeling
from decision_api.behandelingen.repository import _EERDER_AANGEBODEN
from decision_api.bevindingen.models import Bevinding
from decision_api.db import nieuwe_rijen, nieuwe_rijen_met_core


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

    assert [set(re.findall(r"FROM (\w+)", s)) for s in statements if s.startswith("SELECT")] == [
        {"idempotency_keys"},
        {"behandelingen"},
        {"parameters"},
        {"normen"},
    ]


# --- the hand-over's rows as Core INSERTs: the same rows the unit of work writes ---------------------------------


def a_handling(aanvraag_id: uuid.UUID) -> Behandeling:
    """A handling with a JSON column set to None (JSON null), one left unset (NULL) and its key left to the default."""
    return Behandeling(
        aanvraag_id=aanvraag_id,
        gemeentecode="0518",
        ontvangstdatum=RECEIVED,
        doelgroep="gevestigde",
        type_aanvraag="inkomensaanvullende-uitkering",
        ingangsdatum=RECEIVED,
        einddatum=RECEIVED,
        prioriteit=False,
        iban="NL91ABNA0417164300",
        route="oranje",
        routering={"route": "oranje"},
        status="in-werkvoorraad",
        aangemaakt_op=dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC),
        aanvrager=None,
        behandelaar=None,
    )


async def raw_row(app: FastAPI, aanvraag_id: uuid.UUID) -> tuple[Any, ...]:
    async with app.state.db.sessionmaker() as session:
        row = (
            await session.execute(text("SELECT * FROM behandelingen WHERE aanvraag_id = :a"), {"a": aanvraag_id.hex})
        ).one()
    return tuple(v for k, v in row._mapping.items() if k not in ("id", "aanvraag_id"))


async def test_rows_written_as_core_inserts_are_the_rows_the_unit_of_work_writes(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    if app.state.db.dialect_name != "sqlite":
        pytest.skip("compares the raw SQLite values")
    by_orm, by_core = uuid.uuid4(), uuid.uuid4()
    async with app.state.db.transaction() as session:
        session.add(a_handling(by_orm))
    async with app.state.db.transaction() as session:
        nieuwe_rijen_met_core(session)
        session.add(a_handling(by_core))

    assert await raw_row(app, by_core) == await raw_row(app, by_orm)


async def test_the_duplicate_look_up_of_a_hand_over_searches_the_applicants_handlings_ending_after_the_new_start(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    if app.state.db.dialect_name != "sqlite":
        pytest.skip("reads SQLite's query plan")
    statement = str(_EERDER_AANGEBODEN.compile(app.state.db.engine.sync_engine)).replace(
        "__[POSTCOMPILE_statuses]", "?"
    )
    async with app.state.db.sessionmaker() as session:
        connection = await session.connection()
        plan = (
            await connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", (None,) * statement.count("?"))
        ).all()

    assert [row[-1] for row in plan if "USING INDEX" in row[-1]] == [
        "SEARCH behandelingen USING INDEX sqlite_autoindex_behandelingen_2 (aanvraag_id=?)",
        "SEARCH behandelingen USING INDEX ix_behandelingen_aanvrager_sleutel_einddatum (aanvrager_sleutel=? AND einddatum>?)",
    ]


def a_finding(behandeling_id: uuid.UUID) -> dict[str, Any]:
    return {
        "behandeling_id": behandeling_id,
        "voorwaarde": "leeftijd",
        "uitkomst": "voldaan",
        "grondslag": "BRP",
        "toelichting": None,
        "vastgesteld_door": "automatisch",
        "vastgesteld_op": dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC),
    }


async def raw_findings(app: FastAPI) -> list[tuple[Any, ...]]:
    async with app.state.db.sessionmaker() as session:
        rows = (await session.execute(text("SELECT * FROM bevindingen"))).all()
    return sorted(tuple(v for k, v in row._mapping.items() if k not in ("id", "behandeling_id")) for row in rows)


async def test_plain_rows_are_written_as_their_objects_would_be(app: FastAPI, client: httpx.AsyncClient) -> None:
    orm, core = a_handling(uuid.uuid4()), a_handling(uuid.uuid4())
    orm.id, core.id = uuid.uuid4(), uuid.uuid4()
    async with app.state.db.transaction() as session:
        session.add(orm)
        nieuwe_rijen(session, Bevinding, [a_finding(orm.id)])  # no Core writing here: an ORM object
    async with app.state.db.transaction() as session:
        nieuwe_rijen_met_core(session)
        session.add(core)
        nieuwe_rijen(session, Bevinding, [a_finding(core.id)])

    written = await raw_findings(app)

    assert len(written) == 2 and written[0] == written[1]


async def test_plain_rows_of_a_rolled_back_transaction_are_forgotten(app: FastAPI, client: httpx.AsyncClient) -> None:
    async with app.state.db.sessionmaker() as session:
        nieuwe_rijen_met_core(session)
        first = a_handling(uuid.uuid4())
        first.id = uuid.uuid4()
        session.add(first)
        nieuwe_rijen(session, Bevinding, [a_finding(first.id)])
        await session.rollback()
        second = a_handling(uuid.uuid4())
        session.add(second)
        await session.commit()

    assert await raw_findings(app) == []
