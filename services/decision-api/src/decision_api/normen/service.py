"""Norms as a dated table; the monthly amount of income support computed from it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import bindparam, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.problems import UnprocessableState
from decision_api.normen import regels
from decision_api.normen.models import Norm
from decision_api.normen.schemas import Berekenen, Berekening, Huishouden, HuishoudenGegevens, NormOut

# Read by every automatic grant with an amount: built once, with bound parameters.
_GELDENDE_NORMEN = (
    select(Norm)
    .where(
        Norm.huishouden.in_(bindparam("huishoudens", expanding=True)),
        Norm.geldig_vanaf <= bindparam("peildatum"),
        or_(Norm.geldig_tot.is_(None), Norm.geldig_tot >= bindparam("peildatum")),
    )
    .order_by(Norm.geldig_vanaf.desc(), Norm.aangemaakt_op.desc())
)


async def geldende_normen(session: AsyncSession, huishouden: Huishouden, peildatum: dt.date) -> tuple[Norm, Norm]:
    """The norm of the household and the married couple's norm (the base of the cost-sharer norm), in one query."""
    rows = await session.execute(
        _GELDENDE_NORMEN, {"huishoudens": [huishouden.value, Huishouden.GEHUWDEN.value], "peildatum": peildatum}
    )
    newest: dict[str, Norm] = {}
    for norm in rows.scalars():
        newest.setdefault(norm.huishouden, norm)
    for soort in (huishouden, Huishouden.GEHUWDEN):
        if soort.value not in newest:
            raise UnprocessableState(f"No norm for {soort.value} is valid on {peildatum.isoformat()}.")
    return newest[huishouden.value], newest[Huishouden.GEHUWDEN.value]


def norm_out(n: Norm) -> NormOut:
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
