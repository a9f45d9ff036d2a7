"""Payment orders: a grant of income support sets out monthly orders to the applicant's IBAN (seed 001:
"de betaling wordt klaargezet"); an approver approves them; approved orders are exported once, in one SEPA
pain.001 file per run; a withdrawal cancels the orders not yet exported."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.auth import Principal
from bbz_common.db import new_id
from bbz_common.problems import Conflict, NotFound, UnprocessableState
from decision_api.behandelingen.models import Behandeling
from decision_api.besluiten.models import Besluit
from decision_api.betalingen import regels, sepa
from decision_api.betalingen.models import Betaalbestand, Betaalopdracht
from decision_api.betalingen.schemas import BetaalbestandOut, BetaalopdrachtOut, Exporteren, OpdrachtStatus
from decision_api.clock import Clock
from decision_api.config import Settings
from decision_api.db import nieuwe_rijen

_MAANDEN = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
_OPEN = (OpdrachtStatus.GEREED.value, OpdrachtStatus.GOEDGEKEURD.value)


def klaarzetten(session: AsyncSession, behandeling: Behandeling, besluit: Besluit, clock: Clock) -> None:
    """The monthly orders of a grant of income support with a known amount and period."""
    if besluit.product != "inkomensaanvullende-uitkering" or not besluit.bedrag_per_maand or not besluit.vervaldatum:
        return
    naam = str((behandeling.aanvrager or {}).get("naam") or "Aanvrager Bbz")[:70]
    kenmerk = besluit.identificatie or besluit.id
    orders: list[dict[str, Any]] = []
    for termijn in regels.maandtermijnen(
        besluit.ingangsdatum, besluit.vervaldatum, besluit.bedrag_per_maand, besluit.datum
    ):
        order_id = new_id()
        maand = f"{_MAANDEN[termijn.periode_van.month - 1]} {termijn.periode_van.year}"
        orders.append(
            {
                "id": order_id,
                "besluit_id": besluit.id,
                "behandeling_id": behandeling.id,
                "gemeentecode": behandeling.gemeentecode,
                "product": besluit.product,
                "periode_van": termijn.periode_van,
                "periode_tot": termijn.periode_tot,
                "uitvoerdatum": termijn.uitvoerdatum,
                "bedrag": termijn.bedrag,
                "iban": behandeling.iban,
                "naam": naam,
                "omschrijving": f"Bbz uitkering {maand} kenmerk {kenmerk}"[:140],
                "end_to_end_id": order_id.hex,
                "status": OpdrachtStatus.GEREED.value,
                "goedgekeurd_door": None,
                "betaalbestand_id": None,
                "annuleringsreden": None,
                "aangemaakt_op": clock.now(),
            }
        )
    # Plain rows where the session writes with Core (the green hand-over), else ORM objects.
    nieuwe_rijen(session, Betaalopdracht, orders)


async def annuleren(session: AsyncSession, besluit_id: uuid.UUID, vanaf: dt.date, reden: str) -> int:
    """Cancel the orders of a grant for periods from ``vanaf`` that have not been exported yet."""
    result = await session.execute(
        update(Betaalopdracht)
        .where(
            Betaalopdracht.besluit_id == besluit_id,
            Betaalopdracht.periode_van >= vanaf,
            Betaalopdracht.status.in_(_OPEN),
        )
        .values(status=OpdrachtStatus.GEANNULEERD.value, annuleringsreden=reden)
        .execution_options(synchronize_session="fetch")
    )
    return int(getattr(result, "rowcount", 0) or 0)


def to_out(o: Betaalopdracht) -> BetaalopdrachtOut:
    return BetaalopdrachtOut(
        id=o.id,
        besluitId=o.besluit_id,
        behandelingId=o.behandeling_id,
        product=o.product,
        periodeVan=o.periode_van,
        periodeTot=o.periode_tot,
        uitvoerdatum=o.uitvoerdatum,
        bedrag=o.bedrag,
        iban=o.iban,
        omschrijving=o.omschrijving,
        endToEndId=o.end_to_end_id,
        status=OpdrachtStatus(o.status),
        goedgekeurdDoor=o.goedgekeurd_door,
        betaalbestandId=o.betaalbestand_id,
    )


async def lijst(
    session: AsyncSession, besluit_id: uuid.UUID | None, status: OpdrachtStatus | None, limit: int, offset: int
) -> list[BetaalopdrachtOut]:
    query = select(Betaalopdracht).order_by(Betaalopdracht.uitvoerdatum, Betaalopdracht.periode_van, Betaalopdracht.id)
    if besluit_id is not None:
        query = query.where(Betaalopdracht.besluit_id == besluit_id)
    if status is not None:
        query = query.where(Betaalopdracht.status == status.value)
    rows = await session.execute(query.limit(limit).offset(offset))
    return [to_out(o) for o in rows.scalars()]


async def goedkeuren(session: AsyncSession, besluit_id: uuid.UUID, caller: Principal) -> list[BetaalopdrachtOut]:
    """Approve the ready orders of a decision (an approver; never the officer who proposed the decision)."""
    besluit = await session.get(Besluit, besluit_id)
    if besluit is None:
        raise NotFound("No decision with this id.")
    if besluit.voorgesteld_door == caller.name:
        raise UnprocessableState(
            "Four-eyes principle: the officer who proposed the grant cannot approve its payments.", code="four_eyes"
        )
    rows = await session.execute(
        select(Betaalopdracht).where(
            Betaalopdracht.besluit_id == besluit_id, Betaalopdracht.status == OpdrachtStatus.GEREED.value
        )
    )
    orders = list(rows.scalars())
    if not orders:
        raise UnprocessableState("This decision has no payment orders awaiting approval.")
    for o in orders:
        o.status = OpdrachtStatus.GOEDGEKEURD.value
        o.goedgekeurd_door = caller.name
    return [to_out(o) for o in sorted(orders, key=lambda o: o.periode_van)]


def debiteur(settings: Settings, gemeentecode: str) -> sepa.Rekening:
    naam = settings.gemeenten.get(gemeentecode, gemeentecode)
    rekening = settings.betaalrekeningen.get(gemeentecode)
    return sepa.Rekening(
        naam=f"Gemeente {naam}",
        iban=rekening.iban if rekening else settings.betaalrekening.iban,
        bic=rekening.bic if rekening else settings.betaalrekening.bic,
    )


async def exporteren(
    session: AsyncSession, body: Exporteren, caller: Principal, clock: Clock, settings: Settings
) -> BetaalbestandOut:
    """One SEPA file with every approved order due by the date; an order is never exported twice."""
    rows = await session.execute(
        select(Betaalopdracht)
        .where(
            Betaalopdracht.gemeentecode == body.gemeentecode,
            Betaalopdracht.status == OpdrachtStatus.GOEDGEKEURD.value,
            Betaalopdracht.betaalbestand_id.is_(None),
            Betaalopdracht.uitvoerdatum <= body.uitvoerdatumTot,
        )
        .order_by(Betaalopdracht.uitvoerdatum, Betaalopdracht.id)
    )
    orders = list(rows.scalars())
    if not orders:
        raise UnprocessableState("There are no approved payment orders to export.", code="nothing_to_export")
    bestand_id = new_id()
    # Claim the orders first: a concurrent run that claimed any of them makes this one fail and roll back.
    claimed = await session.execute(
        update(Betaalopdracht)
        .where(
            Betaalopdracht.id.in_([o.id for o in orders]),
            Betaalopdracht.status == OpdrachtStatus.GOEDGEKEURD.value,
            Betaalopdracht.betaalbestand_id.is_(None),
        )
        .values(status=OpdrachtStatus.GEEXPORTEERD.value, betaalbestand_id=bestand_id)
        .execution_options(synchronize_session="fetch")
    )
    if int(getattr(claimed, "rowcount", 0) or 0) != len(orders):
        raise Conflict("Another export took some of these payment orders; run the export again.")
    today = clock.today()
    # The id's random part (its start is a timestamp, shared by files made in the same moment).
    bericht_id = f"BBZ-{today:%Y%m%d}-{bestand_id.hex[-16:].upper()}"
    xml = sepa.pain001(
        bericht_id,
        clock.now(),
        today,
        debiteur(settings, body.gemeentecode),
        [sepa.Overboeking(o.end_to_end_id, o.bedrag, o.naam, o.iban, o.omschrijving) for o in orders],
    )
    bestand = Betaalbestand(
        id=bestand_id,
        gemeentecode=body.gemeentecode,
        bericht_id=bericht_id,
        uitvoerdatum=today,
        aantal=len(orders),
        totaal=sum(o.bedrag for o in orders),
        xml=xml,
        sha256=hashlib.sha256(xml.encode()).hexdigest(),
        aangemaakt_door=caller.name,
        aangemaakt_op=clock.now(),
    )
    session.add(bestand)
    await session.flush()
    return bestand_out(bestand)


def bestand_out(b: Betaalbestand) -> BetaalbestandOut:
    return BetaalbestandOut(
        id=b.id,
        gemeentecode=b.gemeentecode,
        berichtId=b.bericht_id,
        uitvoerdatum=b.uitvoerdatum,
        aantal=b.aantal,
        totaal=b.totaal,
        sha256=b.sha256,
        xml=f"/v1/betaalbestanden/{b.id}/xml",
        aangemaaktDoor=b.aangemaakt_door,
        aangemaaktOp=b.aangemaakt_op,
    )


async def bestand(session: AsyncSession, bestand_id: uuid.UUID) -> Betaalbestand:
    b = await session.get(Betaalbestand, bestand_id)
    if b is None:
        raise NotFound("No payment file with this id.")
    return b


async def betaald(session: AsyncSession, bestand_id: uuid.UUID) -> BetaalbestandOut:
    """The bank executed the file: its orders are paid."""
    b = await bestand(session, bestand_id)
    await session.execute(
        update(Betaalopdracht)
        .where(Betaalopdracht.betaalbestand_id == b.id, Betaalopdracht.status == OpdrachtStatus.GEEXPORTEERD.value)
        .values(status=OpdrachtStatus.BETAALD.value)
        .execution_options(synchronize_session="fetch")
    )
    return bestand_out(b)
