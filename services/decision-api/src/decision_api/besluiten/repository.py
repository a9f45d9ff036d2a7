from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from decision_api.behandelingen.models import Behandeling
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


async def voorstellen_met_status(session: AsyncSession, status: str, limit: int, offset: int) -> list[Besluitvoorstel]:
    """The approver's queue: threatening situations first, then the nearest last day to decide, then oldest."""
    rows = await session.execute(
        select(Besluitvoorstel)
        .join(Behandeling, Besluitvoorstel.behandeling_id == Behandeling.id)
        .where(Besluitvoorstel.status == status)
        .order_by(Behandeling.prioriteit.desc(), Behandeling.uiterste_beslisdatum, Besluitvoorstel.voorgesteld_op)
        .limit(limit)
        .offset(offset)
    )
    return list(rows.scalars())
