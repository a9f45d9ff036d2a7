from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import and_, bindparam, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from decision_api.behandelingen.models import Behandeling, Notitie

# One look-up for both questions of a hand-over (was this application offered before; else, does an open
# handling of the same applicant overlap it), built once: the application's own handling sorts first, then the
# applicant's earliest overlapping one. Core on the session's connection: it runs on every hand-over and usually
# finds nothing, and only the two ids are needed.
_t = Behandeling.__table__.c
_EERDER_AANGEBODEN = (
    select(_t.id, _t.aanvraag_id)
    .where(
        or_(
            _t.aanvraag_id == bindparam("aanvraag_id"),
            and_(
                _t.aanvrager_sleutel == bindparam("sleutel"),
                _t.status.in_(bindparam("statuses", expanding=True)),
                _t.ingangsdatum <= bindparam("tot"),
                _t.einddatum >= bindparam("van"),
            ),
        )
    )
    .order_by((_t.aanvraag_id == bindparam("aanvraag_id")).desc(), _t.aangemaakt_op)
    .limit(1)
)


async def eerder_aangeboden(
    session: AsyncSession,
    aanvraag_id: uuid.UUID,
    sleutel: str | None,
    van: dt.date,
    tot: dt.date,
    statuses: tuple[str, ...],
) -> tuple[uuid.UUID | None, uuid.UUID | None]:
    """The id of the handling of this application if it was offered before; otherwise the id of the earliest
    handling of the same applicant (pseudonymous key) in one of ``statuses`` whose requested period overlaps
    (none without a key)."""
    connection = await session.connection()
    rows = await connection.execute(
        _EERDER_AANGEBODEN,
        {"aanvraag_id": aanvraag_id, "sleutel": sleutel, "statuses": list(statuses), "tot": tot, "van": van},
    )
    found = rows.first()
    if found is None:
        return None, None
    return (found.id, None) if found.aanvraag_id == aanvraag_id else (None, found.id)


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
