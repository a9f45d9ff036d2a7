"""SQL for recorded route determinations."""

from __future__ import annotations

import uuid
from typing import Any, cast

from sqlalchemy import Table, insert
from sqlalchemy.ext.asyncio import AsyncSession

from routing_api.routering.models import Routering


async def get(session: AsyncSession, routering_id: uuid.UUID) -> Routering | None:
    return await session.get(Routering, routering_id)


# One INSERT statement, built once; the ORM's unit of work (identity map, flush) is not needed for a row that
# this request only writes.
_INSERT = insert(cast(Table, Routering.__table__))


async def insert_row(session: AsyncSession, **values: Any) -> None:
    await session.execute(_INSERT, values)
