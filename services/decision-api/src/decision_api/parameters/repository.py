"""SQL of the parameter table."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import bindparam, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from decision_api.parameters.models import Parameter


async def valid_versions(session: AsyncSession, naam: str, peildatum: dt.date, gemeentecode: str) -> list[Parameter]:
    rows = await session.execute(
        select(Parameter)
        .where(
            Parameter.naam == naam,
            Parameter.geldig_vanaf <= peildatum,
            or_(Parameter.geldig_tot.is_(None), Parameter.geldig_tot >= peildatum),
            or_(Parameter.gemeentecode.is_(None), Parameter.gemeentecode == gemeentecode),
        )
        .order_by(Parameter.geldig_vanaf.desc(), Parameter.aangemaakt_op.desc())
    )
    return list(rows.scalars())


# Read by every decision: built once, with a bound parameter.
_VERSIONS_OF = (
    select(Parameter)
    .where(or_(Parameter.gemeentecode.is_(None), Parameter.gemeentecode == bindparam("gemeentecode")))
    .order_by(Parameter.geldig_vanaf.desc(), Parameter.aangemaakt_op.desc())
)


async def versions_of(session: AsyncSession, gemeentecode: str) -> list[Parameter]:
    """Every national version and every version of one municipality, newest first (the order of valid_versions)."""
    rows = await session.execute(_VERSIONS_OF, {"gemeentecode": gemeentecode})
    return list(rows.scalars())


async def all_versions(session: AsyncSession) -> list[Parameter]:
    rows = await session.execute(
        select(Parameter).order_by(Parameter.naam, Parameter.gemeentecode, Parameter.geldig_vanaf)
    )
    return list(rows.scalars())
