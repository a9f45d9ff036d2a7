"""The SQL of the loans' list."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from decision_api.leningen.models import Lening


async def pagina(session: AsyncSession, behandeling_id: uuid.UUID | None, limit: int, offset: int) -> list[Lening]:
    """A page of the loans, of one handling if given: the oldest first, then by id, a total order so that pages
    neither skip nor repeat a loan. Without a handling read in the order of the index ix_leningen_aangemaakt_op_id
    (0014); of one handling found by its index and its few loans sorted."""
    query = select(Lening)
    if behandeling_id is not None:
        query = query.where(Lening.behandeling_id == behandeling_id)
    rows = await session.execute(query.order_by(Lening.aangemaakt_op, Lening.id).limit(limit).offset(offset))
    return list(rows.scalars())
