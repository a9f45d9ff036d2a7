from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import load_only

from decision_api.behandelingen.models import Behandeling
from decision_api.termijnen.models import Herstelverzoek


async def of_behandeling(session: AsyncSession, behandeling_id: uuid.UUID) -> list[Herstelverzoek]:
    rows = await session.execute(
        select(Herstelverzoek)
        .where(Herstelverzoek.behandeling_id == behandeling_id)
        .order_by(Herstelverzoek.verzenddatum, Herstelverzoek.aangemaakt_op)
    )
    return list(rows.scalars())


async def of_behandelingen(
    session: AsyncSession, behandeling_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[Herstelverzoek]]:
    """The requests of several handlings in one query; per handling in the order of ``of_behandeling``."""
    rows = await session.execute(
        select(Herstelverzoek)
        .where(Herstelverzoek.behandeling_id.in_(behandeling_ids))
        .order_by(Herstelverzoek.verzenddatum, Herstelverzoek.aangemaakt_op)
    )
    per_behandeling: dict[uuid.UUID, list[Herstelverzoek]] = {}
    for h in rows.scalars():
        per_behandeling.setdefault(h.behandeling_id, []).append(h)
    return per_behandeling


# What a deadline signal reads of a handling: not the route's explanation, nor the applicant (kilobytes of JSON).
_SIGNAAL = load_only(
    Behandeling.aanvraag_id,
    Behandeling.gemeentecode,
    Behandeling.ontvangstdatum,
    Behandeling.prioriteit,
    Behandeling.route,
    Behandeling.behandelaar,
    Behandeling.uiterste_beslisdatum,
    Behandeling.verlenging_weken,
    raiseload=True,
)


async def open_due_before(
    session: AsyncSession, status: str, limit_date: dt.date, limit: int, offset: int
) -> list[Behandeling]:
    """A page of the handlings in ``status`` whose (stored) last day to decide is on or before ``limit_date``:
    the nearest first, threatening situations first on the same day, then by id, a total order so that pages
    neither skip nor repeat a handling. Read in the order of the index ix_behandelingen_termijnbewaking (0013)."""
    rows = await session.execute(
        select(Behandeling)
        .options(_SIGNAAL)
        .where(Behandeling.status == status, Behandeling.uiterste_beslisdatum <= limit_date)
        .order_by(Behandeling.uiterste_beslisdatum, Behandeling.prioriteit.desc(), Behandeling.id)
        .limit(limit)
        .offset(offset)
    )
    return list(rows.scalars())


# What recomputing a stored deadline reads of a handling.
_TERMIJN = load_only(
    Behandeling.gemeentecode,
    Behandeling.ontvangstdatum,
    Behandeling.uiterste_beslisdatum,
    Behandeling.verlenging_weken,
    raiseload=True,
)


async def received_between(
    session: AsyncSession,
    status: str,
    gemeentecode: str | None,
    vanaf: dt.date,
    tot: dt.date | None,
    na: uuid.UUID | None,
    limit: int,
) -> list[Behandeling]:
    """Up to ``limit`` handlings in ``status`` received from ``vanaf`` (to ``tot``), of one municipality or of all,
    by id after ``na``: one chunk of a walk through all of them."""
    query = (
        select(Behandeling).options(_TERMIJN).where(Behandeling.status == status, Behandeling.ontvangstdatum >= vanaf)
    )
    if tot is not None:
        query = query.where(Behandeling.ontvangstdatum <= tot)
    if gemeentecode is not None:
        query = query.where(Behandeling.gemeentecode == gemeentecode)
    if na is not None:
        query = query.where(Behandeling.id > na)
    rows = await session.execute(query.order_by(Behandeling.id).limit(limit))
    return list(rows.scalars())
