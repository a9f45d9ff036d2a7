"""SQL for recorded route determinations."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from routing_api.routering.models import Routering


async def get(session: AsyncSession, routering_id: uuid.UUID) -> Routering | None:
    return await session.get(Routering, routering_id)


def add(session: AsyncSession, row: Routering) -> None:
    session.add(row)
