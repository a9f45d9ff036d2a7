from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from decision_api.behandelingen.models import Behandeling
from decision_api.besluiten.models import Besluit
from decision_api.betalingen.models import Betaalopdracht


async def received_between(session: AsyncSession, vanaf: dt.date, tot: dt.date) -> list[Behandeling]:
    rows = await session.execute(
        select(Behandeling).where(Behandeling.ontvangstdatum >= vanaf, Behandeling.ontvangstdatum <= tot)
    )
    return list(rows.scalars())


async def decided_between(session: AsyncSession, vanaf: dt.date, tot: dt.date) -> list[tuple[Besluit, Behandeling]]:
    rows = await session.execute(
        select(Besluit, Behandeling)
        .join(Behandeling, Besluit.behandeling_id == Behandeling.id)
        .where(Besluit.datum >= vanaf, Besluit.datum <= tot)
    )
    return [(row[0], row[1]) for row in rows.all()]


async def open_past(session: AsyncSession, status: str, today: dt.date) -> int:
    rows = await session.execute(
        select(Behandeling.id).where(Behandeling.status == status, Behandeling.uiterste_beslisdatum < today)
    )
    return len(rows.all())


async def paid_between(
    session: AsyncSession, statuses: tuple[str, ...], vanaf: dt.date, tot: dt.date
) -> list[Betaalopdracht]:
    rows = await session.execute(
        select(Betaalopdracht).where(
            Betaalopdracht.status.in_(statuses),
            Betaalopdracht.uitvoerdatum >= vanaf,
            Betaalopdracht.uitvoerdatum <= tot,
        )
    )
    return list(rows.scalars())
