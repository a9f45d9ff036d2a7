from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from decision_api.bevindingen.models import Bevinding


async def of_behandeling(session: AsyncSession, behandeling_id: uuid.UUID) -> list[Bevinding]:
    rows = await session.execute(
        select(Bevinding).where(Bevinding.behandeling_id == behandeling_id).order_by(Bevinding.voorwaarde)
    )
    return list(rows.scalars())


async def one(session: AsyncSession, behandeling_id: uuid.UUID, voorwaarde: str) -> Bevinding | None:
    rows = await session.execute(
        select(Bevinding).where(Bevinding.behandeling_id == behandeling_id, Bevinding.voorwaarde == voorwaarde)
    )
    return rows.scalar_one_or_none()
