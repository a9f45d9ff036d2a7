from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from decision_api.beschikkingen.models import Beschikking
from decision_api.beschikkingen.render import Document
from decision_api.besluiten.models import Besluit


async def of_besluit(session: AsyncSession, besluit_id: uuid.UUID) -> Beschikking | None:
    rows = await session.execute(select(Beschikking).where(Beschikking.besluit_id == besluit_id))
    return rows.scalar_one_or_none()


async def te_renderen(session: AsyncSession, limit: int) -> list[tuple[uuid.UUID, dt.datetime]]:
    """The oldest beschikkingen that have no rendering yet, with when they were made (a partial index)."""
    rows = await session.execute(
        select(Beschikking.id, Beschikking.aangemaakt_op)
        .where(Beschikking.pdf_sha256.is_(None))
        .order_by(Beschikking.aangemaakt_op)
        .limit(limit)
    )
    return [(row.id, row.aangemaakt_op) for row in rows]


async def aantal_te_renderen(session: AsyncSession) -> int:
    rows = await session.execute(select(func.count()).select_from(Beschikking).where(Beschikking.pdf_sha256.is_(None)))
    return int(rows.scalar_one())


Invoer = tuple[dict[str, Any], str, dt.date, str]


async def invoer(session: AsyncSession, beschikking_ids: list[uuid.UUID]) -> dict[uuid.UUID, Invoer]:
    """What rendering needs, per beschikking still unrendered (one query for a batch): the stored content, the
    decision type and date, the recorded template version."""
    rows = await session.execute(
        select(Beschikking.id, Beschikking.inhoud, Besluit.besluittype, Besluit.datum, Beschikking.sjabloon)
        .join(Besluit, Besluit.id == Beschikking.besluit_id)
        .where(Beschikking.id.in_(beschikking_ids), Beschikking.pdf_sha256.is_(None))
    )
    return {row.id: (row.inhoud, row.besluittype, row.datum, row.sjabloon) for row in rows if row.inhoud is not None}


# Once per letter: built once, as a Core statement on the session's connection (an ORM-enabled UPDATE cost about
# as much again as the statement itself).
_tabel = cast(Table, Beschikking.__table__)
_b = _tabel.c
_RENDERING_OPSLAAN = (
    update(_tabel)
    .where(_b.id == bindparam("beschikking_id"), _b.pdf_sha256.is_(None))
    .values(
        html=bindparam("html"),
        html_sha256=bindparam("html_sha256"),
        pdf=bindparam("pdf"),
        pdf_sha256=bindparam("pdf_sha256"),
        gerenderd_op=bindparam("gerenderd_op"),
    )
)


def _waarden(beschikking_id: uuid.UUID, document: Document, gerenderd_op: dt.datetime) -> dict[str, Any]:
    return {
        "beschikking_id": beschikking_id,
        "html": document.html,
        "html_sha256": document.html_sha256,
        "pdf": document.pdf,
        "pdf_sha256": document.pdf_sha256,
        "gerenderd_op": gerenderd_op,
    }


async def rendering_opslaan(
    session: AsyncSession, beschikking_id: uuid.UUID, document: Document, gerenderd_op: dt.datetime
) -> bool:
    """Store a rendering unless one was stored meanwhile (by the renderer or a read): both are the same bytes."""
    connection = await session.connection()
    result = await connection.execute(_RENDERING_OPSLAAN, _waarden(beschikking_id, document, gerenderd_op))
    return bool(result.rowcount)


async def renderingen_opslaan(
    session: AsyncSession, documents: list[tuple[uuid.UUID, Document]], gerenderd_op: dt.datetime
) -> int:
    """Store a batch's renderings, each unless one was stored meanwhile; returns how many were stored. One
    executemany where the driver counts its rows (SQLite), else one statement each."""
    connection = await session.connection()
    if connection.dialect.supports_sane_multi_rowcount:
        waarden = [_waarden(i, document, gerenderd_op) for i, document in documents]
        return int((await connection.execute(_RENDERING_OPSLAAN, waarden)).rowcount) if waarden else 0
    stored = 0
    for beschikking_id, document in documents:
        stored += await rendering_opslaan(session, beschikking_id, document, gerenderd_op)
    return stored
