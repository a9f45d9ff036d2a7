from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import load_only

from decision_api.behandelingen.models import Behandeling
from decision_api.besluiten.models import Besluit, Besluitvoorstel


async def of_behandeling(session: AsyncSession, behandeling_id: uuid.UUID) -> list[Besluit]:
    rows = await session.execute(
        select(Besluit).where(Besluit.behandeling_id == behandeling_id).order_by(Besluit.aangemaakt_op)
    )
    return list(rows.scalars())


# What the open parts of a handling read of its decisions (service.open_delen): not the report (kilobytes of JSON).
_DEEL = load_only(
    Besluit.behandeling_id, Besluit.besluittype, Besluit.product, Besluit.ingetrokken_besluit_id, raiseload=True
)


async def of_behandelingen(
    session: AsyncSession, behandeling_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[Besluit]]:
    """The decisions of several handlings in one query, per handling in the order of ``of_behandeling``; of each
    only what its handling's open parts depend on (type, part, the decision it withdraws), for a list."""
    rows = await session.execute(
        select(Besluit)
        .options(_DEEL)
        .where(Besluit.behandeling_id.in_(behandeling_ids))
        .order_by(Besluit.aangemaakt_op)
    )
    per_behandeling: dict[uuid.UUID, list[Besluit]] = {}
    for besluit in rows.scalars():
        per_behandeling.setdefault(besluit.behandeling_id, []).append(besluit)
    return per_behandeling


async def voorstellen_of_behandeling(session: AsyncSession, behandeling_id: uuid.UUID) -> list[Besluitvoorstel]:
    rows = await session.execute(
        select(Besluitvoorstel)
        .where(Besluitvoorstel.behandeling_id == behandeling_id)
        .order_by(Besluitvoorstel.voorgesteld_op)
    )
    return list(rows.scalars())


async def voorstellen_of_behandelingen(
    session: AsyncSession, behandeling_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[Besluitvoorstel]]:
    """The proposals of several handlings in one query, per handling in the order of
    ``voorstellen_of_behandeling``; of each only its status (whether it awaits approval), for a list."""
    rows = await session.execute(
        select(Besluitvoorstel)
        .options(load_only(Besluitvoorstel.behandeling_id, Besluitvoorstel.status, raiseload=True))
        .where(Besluitvoorstel.behandeling_id.in_(behandeling_ids))
        .order_by(Besluitvoorstel.voorgesteld_op)
    )
    per_behandeling: dict[uuid.UUID, list[Besluitvoorstel]] = {}
    for voorstel in rows.scalars():
        per_behandeling.setdefault(voorstel.behandeling_id, []).append(voorstel)
    return per_behandeling


async def voorstellen_met_status(session: AsyncSession, status: str, limit: int, offset: int) -> list[Besluitvoorstel]:
    """The approver's queue: threatening situations first, then the nearest last day to decide, then the oldest,
    then by id: a total order, so that pages neither skip nor repeat a proposal made at the same moment as
    another."""
    rows = await session.execute(
        select(Besluitvoorstel)
        .join(Behandeling, Besluitvoorstel.behandeling_id == Behandeling.id)
        .where(Besluitvoorstel.status == status)
        .order_by(
            Behandeling.prioriteit.desc(),
            Behandeling.uiterste_beslisdatum,
            Besluitvoorstel.voorgesteld_op,
            Besluitvoorstel.id,
        )
        .limit(limit)
        .offset(offset)
    )
    return list(rows.scalars())
