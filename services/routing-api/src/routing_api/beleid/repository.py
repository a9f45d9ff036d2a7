"""SQL for policy versions."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, select
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


async def active_candidates(session: AsyncSession, gemeentecode: str, day: dt.date) -> list[BeleidsversieRij]:
    query = select(BeleidsversieRij).where(
        BeleidsversieRij.status == BeleidsversieStatus.ACTIEF.value,
        or_(BeleidsversieRij.gemeentecode == gemeentecode, BeleidsversieRij.gemeentecode.is_(None)),
        BeleidsversieRij.geldig_vanaf <= day,
        or_(BeleidsversieRij.geldig_tot_en_met.is_(None), BeleidsversieRij.geldig_tot_en_met >= day),
    )
    return list((await session.execute(query)).scalars())


async def all_active(session: AsyncSession) -> list[BeleidsversieRij]:
    query = select(BeleidsversieRij).where(BeleidsversieRij.status == BeleidsversieStatus.ACTIEF.value)
    return list((await session.execute(query)).scalars())


def add(session: AsyncSession, row: BeleidsversieRij) -> None:
    session.add(row)
