"""The SQL of the debtor overview: a page of debtors, then the loans, claims and receipts of that page only."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import case, func, or_, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import load_only

from decision_api.behandelingen.models import Behandeling
from decision_api.debiteuren.models import Ontvangst
from decision_api.leningen.models import Lening
from decision_api.vaststelling.models import Vordering

# Every loan and claim with the handling it belongs to and the moment it arose.
_schulden = union_all(
    select(Lening.behandeling_id.label("behandeling_id"), Lening.aangemaakt_op.label("aangemaakt_op")),
    select(Vordering.behandeling_id, Vordering.aangemaakt_op),
).subquery("schulden")

# A debtor is an applicant known by the pseudonymous key; a handling without a key is a debtor of its own.
_sleutel = Behandeling.aanvrager_sleutel
_losse_behandeling = case((_sleutel.is_(None), Behandeling.id))


Debiteursleutel = str | uuid.UUID
"""A debtor: the applicant's pseudonymous key, or the id of a handling without one."""


@dataclass(frozen=True)
class Pagina:
    """The debtors of one page, in the overview's order."""

    debiteuren: list[Debiteursleutel]

    @property
    def sleutels(self) -> list[str]:
        return [d for d in self.debiteuren if isinstance(d, str)]

    @property
    def losse_behandelingen(self) -> list[uuid.UUID]:
        return [d for d in self.debiteuren if isinstance(d, uuid.UUID)]


def debiteur_van(behandeling: Behandeling) -> Debiteursleutel:
    return behandeling.aanvrager_sleutel or behandeling.id


async def pagina(session: AsyncSession, limit: int, offset: int) -> Pagina:
    """The debtors with a loan or claim, the one in debt longest first (the earliest loan or claim), then by key
    and handling id: a total order, so pages neither skip nor repeat a debtor."""
    rows = await session.execute(
        select(_sleutel, _losse_behandeling)
        .join(_schulden, _schulden.c.behandeling_id == Behandeling.id)
        .group_by(_sleutel, _losse_behandeling)
        .order_by(func.min(_schulden.c.aangemaakt_op), _sleutel, _losse_behandeling)
        .limit(limit)
        .offset(offset)
    )
    return Pagina([d for sleutel, behandeling_id in rows if (d := sleutel or behandeling_id) is not None])


# What the overview reads of a handling: its municipality (the reminder term), the applicant's key and name; not
# the route's explanation, the household or the rest of the row (kilobytes of JSON).
_DEBITEUR = load_only(Behandeling.gemeentecode, Behandeling.aanvrager_sleutel, Behandeling.aanvrager, raiseload=True)


async def behandelingen(session: AsyncSession, page: Pagina) -> list[Behandeling]:
    """The handlings of the page's debtors (an applicant's handlings without a loan or claim included), each with
    only what the overview reads (``_DEBITEUR``)."""
    rows = await session.execute(
        select(Behandeling)
        .options(_DEBITEUR)
        .where(or_(Behandeling.aanvrager_sleutel.in_(page.sleutels), Behandeling.id.in_(page.losse_behandelingen)))
    )
    return list(rows.scalars())


async def leningen(session: AsyncSession, behandeling_ids: list[uuid.UUID]) -> list[Lening]:
    rows = await session.execute(
        select(Lening).where(Lening.behandeling_id.in_(behandeling_ids)).order_by(Lening.aangemaakt_op, Lening.id)
    )
    return list(rows.scalars())


async def vorderingen(session: AsyncSession, behandeling_ids: list[uuid.UUID]) -> list[Vordering]:
    rows = await session.execute(
        select(Vordering)
        .where(Vordering.behandeling_id.in_(behandeling_ids))
        .order_by(Vordering.aangemaakt_op, Vordering.id)
    )
    return list(rows.scalars())


async def ontvangen(session: AsyncSession, behandeling_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    """Per loan or claim of these handlings the total received."""
    rows = await session.execute(
        select(Ontvangst.referentie_id, func.sum(Ontvangst.bedrag))
        .where(Ontvangst.behandeling_id.in_(behandeling_ids))
        .group_by(Ontvangst.referentie_id)
    )
    return {referentie_id: int(totaal) for referentie_id, totaal in rows}
