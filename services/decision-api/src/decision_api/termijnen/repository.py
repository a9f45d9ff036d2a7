from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from decision_api.behandelingen.models import Behandeling
from decision_api.termijnen.models import Herstelverzoek


async def of_behandeling(session: AsyncSession, behandeling_id: uuid.UUID) -> list[Herstelverzoek]:
    rows = await session.execute(
        select(Herstelverzoek)
        .where(Herstelverzoek.behandeling_id == behandeling_id)
        .order_by(Herstelverzoek.verzenddatum, Herstelverzoek.aangemaakt_op)
    )
    return list(rows.scalars())


async def open_due_before(session: AsyncSession, statuses: tuple[str, ...], limit_date: dt.date) -> list[Behandeling]:
    rows = await session.execute(
        select(Behandeling)
        .where(Behandeling.status.in_(statuses), Behandeling.uiterste_beslisdatum <= limit_date)
        .order_by(Behandeling.uiterste_beslisdatum, Behandeling.prioriteit.desc())
    )
    return list(rows.scalars())
