"""The SQL of the processing records."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from registers_adapter.verwerkingen.models import Verwerking

TABLE: Table = Verwerking.__table__  # type: ignore[assignment]


async def add_all(session: AsyncSession, records: list[dict[str, Any]]) -> None:
    """The records of one look-up (column values) in one INSERT, in the request's transaction: one prepared
    statement for all rows, without the ORM's per-object bookkeeping."""
    if records:
        await session.execute(insert(TABLE), records)


async def for_application(session: AsyncSession, aanvraag_id: uuid.UUID) -> list[Verwerking]:
    rows = await session.execute(
        select(Verwerking).where(Verwerking.aanvraag_id == aanvraag_id).order_by(Verwerking.start_tijd)
    )
    return list(rows.scalars())


async def for_subject(session: AsyncSession, pseudonym: str) -> list[Verwerking]:
    rows = await session.execute(
        select(Verwerking).where(Verwerking.betrokkene_pseudoniem == pseudonym).order_by(Verwerking.start_tijd)
    )
    return list(rows.scalars())
