"""Norms as a dated table; the monthly amount of income support computed from it."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import bindparam, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.problems import UnprocessableState
from decision_api.normen import regels
from decision_api.normen.models import Norm
from decision_api.normen.schemas import Berekenen, Berekening, Huishouden, HuishoudenGegevens, NormOut


@dataclass(frozen=True, slots=True)
class Normversie:
    """A norm as a computation reads it (and reports it as ``normversie``)."""

    id: uuid.UUID
    huishouden: str
    bedrag: int
    geldig_vanaf: dt.date
    geldig_tot: dt.date | None
    bron: str
    te_controleren: bool


# Read by every automatic grant with an amount: built once, with bound parameters, as a Core statement on the
# session's connection (the rows need no ORM objects).
_n = Norm.__table__.c
_GELDENDE_NORMEN = (
    select(_n.id, _n.huishouden, _n.bedrag, _n.geldig_vanaf, _n.geldig_tot, _n.bron, _n.te_controleren)
    .where(
        _n.huishouden.in_(bindparam("huishoudens", expanding=True)),
        _n.geldig_vanaf <= bindparam("peildatum"),
        or_(_n.geldig_tot.is_(None), _n.geldig_tot >= bindparam("peildatum")),
    )
    .order_by(_n.geldig_vanaf.desc(), _n.aangemaakt_op.desc())
)


async def geldende_normen(
    session: AsyncSession, huishouden: Huishouden, peildatum: dt.date
) -> tuple[Normversie, Normversie]:
    """The norm of the household and the married couple's norm (the base of the cost-sharer norm), in one query."""
    connection = await session.connection()
    rows = await connection.execute(
        _GELDENDE_NORMEN, {"huishoudens": [huishouden.value, Huishouden.GEHUWDEN.value], "peildatum": peildatum}
    )
    newest: dict[str, Normversie] = {}
    for row in rows:
        newest.setdefault(row.huishouden, Normversie(*row))
    for soort in (huishouden, Huishouden.GEHUWDEN):
        if soort.value not in newest:
            raise UnprocessableState(f"No norm for {soort.value} is valid on {peildatum.isoformat()}.")
    return newest[huishouden.value], newest[Huishouden.GEHUWDEN.value]


def norm_out(n: Norm | Normversie) -> NormOut:
    return NormOut(
        id=n.id,
        huishouden=Huishouden(n.huishouden),
        bedrag=n.bedrag,
        geldigVanaf=n.geldig_vanaf,
        geldigTot=n.geldig_tot,
        bron=n.bron,
        teControleren=n.te_controleren,
    )


async def bereken(
    session: AsyncSession, huishouden: HuishoudenGegevens, inkomen_per_maand: int, peildatum: dt.date
) -> Berekening:
    tabel, gehuwden = await geldende_normen(session, huishouden.soort, peildatum)
    norm, in_home, applied = regels.toepasselijke_norm(
        tabel.bedrag, gehuwden.bedrag, huishouden.soort is Huishouden.GEHUWDEN, huishouden.kostendelers
    )
    return Berekening(
        norm=norm,
        normversie=norm_out(tabel),
        kostendelersnorm=applied,
        aantalKostendelersInWoning=in_home,
        inkomenPerMaand=inkomen_per_maand,
        bedragPerMaand=regels.aanvulling(norm, inkomen_per_maand),
    )


async def berekenen(session: AsyncSession, body: Berekenen) -> Berekening:
    return await bereken(session, body.huishouden, body.inkomenPerMaand, body.peildatum)


async def lijst(session: AsyncSession) -> list[NormOut]:
    rows = await session.execute(select(Norm).order_by(Norm.huishouden, Norm.geldig_vanaf))
    return [norm_out(n) for n in rows.scalars()]
