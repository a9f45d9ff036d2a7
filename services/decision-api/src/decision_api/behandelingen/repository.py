from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from decision_api.behandelingen.models import Behandeling, Notitie

# The statements of every hand-over are built once (bound parameters): building the expression is most of the
# cost of a small query, more than running it.
_BY_AANVRAAG = select(Behandeling).where(Behandeling.aanvraag_id == bindparam("aanvraag_id"))
_OVERLAPPING = (
    select(Behandeling)
    .where(
        Behandeling.aanvrager_sleutel == bindparam("sleutel"),
        Behandeling.status.in_(bindparam("statuses", expanding=True)),
        Behandeling.ingangsdatum <= bindparam("tot"),
        Behandeling.einddatum >= bindparam("van"),
    )
    .order_by(Behandeling.aangemaakt_op)
    .limit(1)
)


async def by_aanvraag(session: AsyncSession, aanvraag_id: uuid.UUID) -> Behandeling | None:
    rows = await session.execute(_BY_AANVRAAG, {"aanvraag_id": aanvraag_id})
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
    rows = await session.execute(_OVERLAPPING, {"sleutel": sleutel, "statuses": list(statuses), "tot": tot, "van": van})
    return rows.scalar_one_or_none()
