"""SQL for recorded route determinations."""

from __future__ import annotations

import uuid
from typing import Any, cast

from sqlalchemy import Table, insert
from sqlalchemy.ext.asyncio import AsyncSession

from routing_api.routering.models import Routering


async def get(session: AsyncSession, routering_id: uuid.UUID) -> Routering | None:
    return await session.get(Routering, routering_id)


# The hot statements are built once and run as Core on the session's connection (same transaction): the
# ORM's unit of work and session.execute's ORM plumbing double the cost of a statement and are not needed for
# rows that a request only writes or reads as plain values.
_INSERT = insert(cast(Table, Routering.__table__))


async def insert_row(session: AsyncSession, **values: Any) -> None:
    await (await session.connection()).execute(_INSERT, values)
