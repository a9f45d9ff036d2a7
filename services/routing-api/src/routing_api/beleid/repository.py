"""SQL for policy versions."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from sqlalchemy import ColumnElement, String, bindparam, func, or_, select
from sqlalchemy.dialects.postgresql import ARRAY, aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession

from routing_api.beleid.models import BeleidsversieRij
from routing_api.beleid.schemas import BeleidsversieStatus


async def get(session: AsyncSession, versie_id: str) -> BeleidsversieRij | None:
    return await session.get(BeleidsversieRij, versie_id)


async def list_versions(session: AsyncSession, gemeentecode: str | None) -> list[BeleidsversieRij]:
    query = select(BeleidsversieRij).order_by(BeleidsversieRij.geldig_vanaf, BeleidsversieRij.id)
    if gemeentecode is not None:
        query = query.where(or_(BeleidsversieRij.gemeentecode == gemeentecode, BeleidsversieRij.gemeentecode.is_(None)))
    return list((await session.execute(query)).scalars())


class VersieKeuze(NamedTuple):
    """What choosing a version reads (not its content, which is parsed once per id and hash)."""

    id: str
    gemeentecode: str | None
    geldig_vanaf: dt.date
    geldig_tot_en_met: dt.date | None
    status: str
    geactiveerd_op: dt.datetime | None
    inhoud_hash: str


# Built once: every determination runs it, and building the expression cost more than running it.
_ACTIVE_CANDIDATES = select(
    BeleidsversieRij.id,
    BeleidsversieRij.gemeentecode,
    BeleidsversieRij.geldig_vanaf,
    BeleidsversieRij.geldig_tot_en_met,
    BeleidsversieRij.status,
    BeleidsversieRij.geactiveerd_op,
    BeleidsversieRij.inhoud_hash,
).where(
    BeleidsversieRij.status == BeleidsversieStatus.ACTIEF.value,
    or_(BeleidsversieRij.gemeentecode == bindparam("gemeentecode"), BeleidsversieRij.gemeentecode.is_(None)),
    BeleidsversieRij.geldig_vanaf <= bindparam("dag"),
    or_(BeleidsversieRij.geldig_tot_en_met.is_(None), BeleidsversieRij.geldig_tot_en_met >= bindparam("dag")),
)


async def active_candidates(session: AsyncSession, gemeentecode: str, day: dt.date) -> list[VersieKeuze]:
    # Core on the session's connection: half the cost of session.execute for a plain read.
    result = await (await session.connection()).execute(_ACTIVE_CANDIDATES, {"gemeentecode": gemeentecode, "dag": day})
    return [VersieKeuze(*row) for row in result]


# The active versions of one municipality (its own and the default ones), for any date: what a process keeps in
# memory per municipality (routing_api.beleid.service.gekozen), in the order of their ids.
_ACTIVE_OF_MUNICIPALITY = (
    select(*_ACTIVE_CANDIDATES.selected_columns)
    .where(
        BeleidsversieRij.status == BeleidsversieStatus.ACTIEF.value,
        or_(BeleidsversieRij.gemeentecode == bindparam("gemeentecode"), BeleidsversieRij.gemeentecode.is_(None)),
    )
    .order_by(BeleidsversieRij.id)
)


async def active_of_municipality(session: AsyncSession, gemeentecode: str) -> list[VersieKeuze]:
    result = await (await session.connection()).execute(_ACTIVE_OF_MUNICIPALITY, {"gemeentecode": gemeentecode})
    return [VersieKeuze(*row) for row in result]


def unchanged(gemeentecode: str, ids: str) -> ColumnElement[bool]:
    """PostgreSQL: true while the active versions of the municipality are still exactly those with these ids
    (bind parameter names). Versions are immutable and are only ever activated, so the same ids are the same
    versions: a choice made from them in memory is the choice a fresh read would make."""
    column = BeleidsversieRij.id
    current = (
        select(func.array_agg(aggregate_order_by(column, column)))
        .where(
            BeleidsversieRij.status == BeleidsversieStatus.ACTIEF.value,
            or_(BeleidsversieRij.gemeentecode == bindparam(gemeentecode), BeleidsversieRij.gemeentecode.is_(None)),
        )
        .scalar_subquery()
    )
    return current == bindparam(ids, type_=ARRAY(String))


async def all_active(session: AsyncSession) -> list[BeleidsversieRij]:
    query = select(BeleidsversieRij).where(BeleidsversieRij.status == BeleidsversieStatus.ACTIEF.value)
    return list((await session.execute(query)).scalars())


def add(session: AsyncSession, row: BeleidsversieRij) -> None:
    session.add(row)
