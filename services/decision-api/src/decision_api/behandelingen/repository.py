from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from decision_api.behandelingen.models import Behandeling, Notitie


async def by_aanvraag(session: AsyncSession, aanvraag_id: uuid.UUID) -> Behandeling | None:
    rows = await session.execute(select(Behandeling).where(Behandeling.aanvraag_id == aanvraag_id))
    return rows.scalar_one_or_none()


async def open_work(
    session: AsyncSession, status: str, behandelaar: str | None, route: str | None, limit: int, offset: int
) -> list[Behandeling]:
    """Threatening situations first, then the nearest last day to decide, then the oldest."""
    query = select(Behandeling).where(Behandeling.status == status)
    if behandelaar is not None:
        query = query.where(Behandeling.behandelaar == behandelaar)
    if route is not None:
        query = query.where(Behandeling.route == route)
    rows = await session.execute(
        query.order_by(
            Behandeling.prioriteit.desc(),
            Behandeling.uiterste_beslisdatum,
            Behandeling.ontvangstdatum,
            Behandeling.aangemaakt_op,
        )
        .limit(limit)
        .offset(offset)
    )
    return list(rows.scalars())


async def notities(session: AsyncSession, behandeling_id: uuid.UUID) -> list[Notitie]:
    rows = await session.execute(
        select(Notitie).where(Notitie.behandeling_id == behandeling_id).order_by(Notitie.aangemaakt_op)
    )
    return list(rows.scalars())


async def overlapping_of_applicant(
    session: AsyncSession, sleutel: str, van: dt.date, tot: dt.date, statuses: tuple[str, ...]
) -> Behandeling | None:
    """An earlier handling of the same applicant whose requested period overlaps, still open or decided."""
    rows = await session.execute(
        select(Behandeling)
        .where(
            Behandeling.aanvrager_sleutel == sleutel,
            Behandeling.status.in_(statuses),
            Behandeling.ingangsdatum <= tot,
            Behandeling.einddatum >= van,
        )
        .order_by(Behandeling.aangemaakt_op)
        .limit(1)
    )
    return rows.scalar_one_or_none()
