"""SQL of the parameter table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class Versie:
    """One version as a decision reads it (and records it in its report)."""

    naam: str
    gemeentecode: str | None
    waarde: int
    eenheid: str
    geldig_vanaf: dt.date
    geldig_tot: dt.date | None
    bron: str


# Read by every hand-over and decision: built once, with a bound parameter, as a Core statement on the session's
# connection (about a dozen rows: loading them as ORM objects cost more than the query).
_table = Parameter.__table__.c
_VERSIE = select(
    _table.naam,
    _table.gemeentecode,
    _table.waarde,
    _table.eenheid,
    _table.geldig_vanaf,
    _table.geldig_tot,
    _table.bron,
)
_NEWEST_FIRST = (_table.geldig_vanaf.desc(), _table.aangemaakt_op.desc())
_VERSIONS_OF = _VERSIE.where(
    or_(_table.gemeentecode.is_(None), _table.gemeentecode == bindparam("gemeentecode"))
).order_by(*_NEWEST_FIRST)


async def versions_of(session: AsyncSession, gemeentecode: str) -> list[Versie]:
    """Every national version and every version of one municipality, newest first (the order of valid_versions)."""
    connection = await session.connection()
    rows = await connection.execute(_VERSIONS_OF, {"gemeentecode": gemeentecode})
    return [Versie(*row) for row in rows]


async def versions_of_each(session: AsyncSession, gemeentecodes: Collection[str]) -> dict[str, list[Versie]]:
    """``versions_of`` for several municipalities in one query: per municipality the same list, in the same order."""
    connection = await session.connection()
    of_these = or_(_table.gemeentecode.is_(None), _table.gemeentecode.in_(sorted(gemeentecodes)))
    rows = await connection.execute(_VERSIE.where(of_these).order_by(*_NEWEST_FIRST))
    versions = [Versie(*row) for row in rows]
    return {code: [v for v in versions if v.gemeentecode in (None, code)] for code in gemeentecodes}


async def all_versions(session: AsyncSession) -> list[Parameter]:
    rows = await session.execute(
        select(Parameter).order_by(Parameter.naam, Parameter.gemeentecode, Parameter.geldig_vanaf)
    )
    return list(rows.scalars())
