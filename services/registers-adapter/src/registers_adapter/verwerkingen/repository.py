"""The SQL of the processing records."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from registers_adapter.verwerkingen.models import Verwerking


def add(session: AsyncSession, record: Verwerking) -> None:
    session.add(record)


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
