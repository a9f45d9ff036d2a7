"""Final determination after the financial year: recovery claim with a payment schedule, or conversion of the
advance into a grant (om niet) with a back payment of any shortfall."""

from __future__ import annotations

import calendar
import datetime as dt
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.db import new_id
from bbz_common.problems import NotFound, UnprocessableState
from decision_api.behandelingen.models import Behandeling
from decision_api.besluiten.models import Besluit
from decision_api.betalingen.models import Betaalopdracht
from decision_api.betalingen.schemas import OpdrachtStatus
from decision_api.clock import Clock
from decision_api.normen import regels as normregels
from decision_api.normen import service as normen
from decision_api.normen.schemas import Huishouden
from decision_api.parameters import service as parameters
from decision_api.parameters.schemas import ParameterNaam
from decision_api.vaststelling import regels
from decision_api.vaststelling.models import Vordering
from decision_api.vaststelling.schemas import Aflossing, VaststellingGegevens, VorderingOut

_PAID = (OpdrachtStatus.BETAALD.value, OpdrachtStatus.GEEXPORTEERD.value)


async def berekenen(
    session: AsyncSession, b: Behandeling, gegevens: VaststellingGegevens, besluiten: list[Besluit]
) -> tuple[Besluit, regels.Uitkomst, dict[str, Any]]:
    """Check the request against the handling and compute the outcome (at proposal and again at approval)."""
    voorschot = next((x for x in besluiten if x.id == gegevens.voorschotBesluitId), None)
    if (
        voorschot is None
        or voorschot.besluittype != "toekenning"
        or voorschot.product != "inkomensaanvullende-uitkering"
    ):
        raise UnprocessableState("Only a grant of income support of this handling is finally determined.")
    for x in besluiten:
        earlier = (x.rapport or {}).get("definitieveVaststelling") or {}
        if earlier.get("voorschotBesluitId") == str(voorschot.id) and earlier.get("boekjaar") == gegevens.boekjaar:
            raise UnprocessableState("This advance was finally determined for this year already.")
    rows = await session.execute(
        select(Betaalopdracht)
        .where(Betaalopdracht.besluit_id == voorschot.id, Betaalopdracht.status.in_(_PAID))
        .order_by(Betaalopdracht.periode_van)
    )
    orders = [o for o in rows.scalars() if o.periode_van.year == gegevens.boekjaar]
    if not orders:
        raise UnprocessableState(f"Nothing of this advance was paid in {gegevens.boekjaar}.", code="nothing_paid")
    maanden = []
    for o in orders:
        tabel, gehuwden = await normen.geldende_normen(session, gegevens.huishouden.soort, o.periode_van)
        norm, _, _ = normregels.toepasselijke_norm(
            tabel.bedrag,
            gehuwden.bedrag,
            gegevens.huishouden.soort is Huishouden.GEHUWDEN,
            gegevens.huishouden.kostendelers,
        )
        maanden.append(
            regels.BetaaldeMaand(
                o.periode_van,
                o.periode_tot,
                calendar.monthrange(o.periode_van.year, o.periode_van.month)[1],
                o.bedrag,
                norm,
            )
        )
    uitkomst = regels.vaststellen(maanden, gegevens.werkelijkInkomenPerMaand)
    rapport = {
        "voorschotBesluitId": str(voorschot.id),
        "boekjaar": gegevens.boekjaar,
        "werkelijkInkomenPerMaand": gegevens.werkelijkInkomenPerMaand,
        "huishouden": gegevens.huishouden.model_dump(mode="json"),
        "maanden": [{"van": m.periode_van.isoformat(), "betaald": m.betaald, "norm": m.norm} for m in maanden],
        "betaald": uitkomst.betaald,
        "recht": uitkomst.recht,
        "verschil": uitkomst.verschil,
        "uitkomst": "terugvordering" if uitkomst.terugvordering else "omzetting-om-niet",
    }
    return voorschot, uitkomst, rapport


def _first_of_next_month(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    return dt.date(day.year + month // 12, month % 12 + 1, 1)


async def afwikkelen(
    session: AsyncSession, b: Behandeling, besluit: Besluit, uitkomst: regels.Uitkomst, clock: Clock
) -> None:
    """A recovery claim with its schedule, or a back payment of the shortfall."""
    today = clock.today()
    if uitkomst.terugvordering:
        count = await parameters.waarde(session, ParameterNaam.TERUGVORDERING_TERMIJNEN, today, b.gemeentecode)
        amounts = regels.aflossingstermijnen(uitkomst.verschil, count.waarde)
        session.add(
            Vordering(
                id=new_id(),
                besluit_id=besluit.id,
                behandeling_id=b.id,
                bedrag=uitkomst.verschil,
                termijnen=[
                    {"vervaldatum": _first_of_next_month(today, i + 1).isoformat(), "bedrag": amount}
                    for i, amount in enumerate(amounts)
                ],
                status="open",
                aangemaakt_op=clock.now(),
            )
        )
    elif uitkomst.verschil < 0:
        order_id = new_id()
        session.add(
            Betaalopdracht(
                id=order_id,
                besluit_id=besluit.id,
                behandeling_id=b.id,
                gemeentecode=b.gemeentecode,
                product=besluit.product,
                periode_van=today,
                periode_tot=today,
                uitvoerdatum=today,
                bedrag=-uitkomst.verschil,
                iban=b.iban,
                naam=str((b.aanvrager or {}).get("naam") or "Aanvrager Bbz")[:70],
                omschrijving=f"Bbz nabetaling definitieve vaststelling kenmerk {besluit.identificatie}"[:140],
                end_to_end_id=order_id.hex,
                status=OpdrachtStatus.GEREED.value,
                goedgekeurd_door=None,
                betaalbestand_id=None,
                annuleringsreden=None,
                aangemaakt_op=clock.now(),
            )
        )


def to_out(v: Vordering) -> VorderingOut:
    return VorderingOut(
        id=v.id,
        besluitId=v.besluit_id,
        behandelingId=v.behandeling_id,
        bedrag=v.bedrag,
        termijnen=[Aflossing.model_validate(t) for t in v.termijnen],
        status=v.status,
    )


async def lijst(session: AsyncSession, behandeling_id: uuid.UUID | None) -> list[VorderingOut]:
    query = select(Vordering).order_by(Vordering.aangemaakt_op)
    if behandeling_id is not None:
        query = query.where(Vordering.behandeling_id == behandeling_id)
    return [to_out(v) for v in (await session.execute(query)).scalars()]


async def get(session: AsyncSession, vordering_id: uuid.UUID) -> VorderingOut:
    v = await session.get(Vordering, vordering_id)
    if v is None:
        raise NotFound("No claim with this id.")
    return to_out(v)
