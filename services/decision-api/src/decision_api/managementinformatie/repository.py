"""The management information's queries: counts grouped in SQL, by day, so that a year of a national peak is
a few hundred rows to the service, not one ORM object per handling. Days are folded into months in Python
(the month functions differ between SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import and_, case, distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from decision_api.behandelingen.models import Behandeling
from decision_api.besluiten.models import Besluit
from decision_api.betalingen.models import Betaalopdracht


async def received_between(session: AsyncSession, vanaf: dt.date, tot: dt.date) -> list[Any]:
    """Handlings received in the period: (ontvangstdatum, route, afsluitreden, aantal)."""
    rows = await session.execute(
        select(Behandeling.ontvangstdatum, Behandeling.route, Behandeling.afsluitreden, func.count().label("aantal"))
        .where(Behandeling.ontvangstdatum >= vanaf, Behandeling.ontvangstdatum <= tot)
        .group_by(Behandeling.ontvangstdatum, Behandeling.route, Behandeling.afsluitreden)
    )
    return list(rows.all())


async def decided_between(session: AsyncSession, vanaf: dt.date, tot: dt.date) -> list[Any]:
    """Decisions in the period: (datum, besluittype, product, aantal, te_laat), te_laat counting those after
    their handling's deadline."""
    late = case(
        (and_(Behandeling.uiterste_beslisdatum.is_not(None), Besluit.datum > Behandeling.uiterste_beslisdatum), 1),
        else_=0,
    )
    rows = await session.execute(
        select(
            Besluit.datum,
            Besluit.besluittype,
            Besluit.product,
            func.count().label("aantal"),
            func.sum(late).label("te_laat"),
        )
        .join(Behandeling, Besluit.behandeling_id == Behandeling.id)
        .where(Besluit.datum >= vanaf, Besluit.datum <= tot)
        .group_by(Besluit.datum, Besluit.besluittype, Besluit.product)
    )
    return list(rows.all())


async def lead_times_between(session: AsyncSession, vanaf: dt.date, tot: dt.date) -> list[Any]:
    """One lead time per handling whose last part was decided in the period: (route, ontvangstdatum,
    besloten_op, aantal handlings)."""
    rows = await session.execute(
        select(
            Behandeling.route,
            Behandeling.ontvangstdatum,
            Behandeling.besloten_op,
            func.count(distinct(Behandeling.id)).label("aantal"),
        )
        .join(Besluit, Besluit.behandeling_id == Behandeling.id)
        .where(Besluit.datum >= vanaf, Besluit.datum <= tot, Besluit.datum == Behandeling.besloten_op)
        .group_by(Behandeling.route, Behandeling.ontvangstdatum, Behandeling.besloten_op)
    )
    return list(rows.all())


async def open_past(session: AsyncSession, status: str, today: dt.date) -> int:
    rows = await session.execute(
        select(func.count())
        .select_from(Behandeling)
        .where(Behandeling.status == status, Behandeling.uiterste_beslisdatum < today)
    )
    return int(rows.scalar_one())


async def paid_between(session: AsyncSession, statuses: tuple[str, ...], vanaf: dt.date, tot: dt.date) -> list[Any]:
    """Payment orders paid or exported in the period: (uitvoerdatum, product, aantal, bedrag)."""
    rows = await session.execute(
        select(
            Betaalopdracht.uitvoerdatum,
            Betaalopdracht.product,
            func.count().label("aantal"),
            func.sum(Betaalopdracht.bedrag).label("bedrag"),
        )
        .where(
            Betaalopdracht.status.in_(statuses),
            Betaalopdracht.uitvoerdatum >= vanaf,
            Betaalopdracht.uitvoerdatum <= tot,
        )
        .group_by(Betaalopdracht.uitvoerdatum, Betaalopdracht.product)
    )
    return list(rows.all())
