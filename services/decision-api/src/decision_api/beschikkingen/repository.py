from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from decision_api.beschikkingen.models import Beschikking


async def of_besluit(session: AsyncSession, besluit_id: uuid.UUID) -> Beschikking | None:
    rows = await session.execute(select(Beschikking).where(Beschikking.besluit_id == besluit_id))
    return rows.scalar_one_or_none()
