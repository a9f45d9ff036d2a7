from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from decision_api.besluiten.models import Besluit, Besluitvoorstel


async def of_behandeling(session: AsyncSession, behandeling_id: uuid.UUID) -> list[Besluit]:
    rows = await session.execute(
        select(Besluit).where(Besluit.behandeling_id == behandeling_id).order_by(Besluit.aangemaakt_op)
    )
    return list(rows.scalars())


async def voorstellen_of_behandeling(session: AsyncSession, behandeling_id: uuid.UUID) -> list[Besluitvoorstel]:
    rows = await session.execute(
        select(Besluitvoorstel)
        .where(Besluitvoorstel.behandeling_id == behandeling_id)
        .order_by(Besluitvoorstel.voorgesteld_op)
    )
    return list(rows.scalars())
