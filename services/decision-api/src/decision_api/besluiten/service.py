"""Decisions. A decision is reported to intake-api through the outbox (it owns the application's status)."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.db import new_id, utcnow
from bbz_common.outbox import enqueue
from bbz_common.problems import NotFound
from decision_api.behandelingen.models import Behandeling
from decision_api.besluiten.models import Besluit
from decision_api.besluiten.schemas import BesluitOut
from decision_api.models import OutboxMessage

TOPIC_BESLUIT_MELDEN = "besluit.melden"
TOEKENNING = "toekenning"
PRODUCT_LEVENSONDERHOUD = "inkomensaanvullende-uitkering"


async def grant_automatically(session: AsyncSession, behandeling: Behandeling) -> Besluit:
    """The green route: a grant of income support as an advance, with a report of the rules that held."""
    held = [r for r in behandeling.routering["regels"] if r["uitkomst"] == "voldaan" and r["regel"].startswith("G")]
    today = utcnow().date()
    besluit = Besluit(
        id=new_id(),
        behandeling_id=behandeling.id,
        besluittype=TOEKENNING,
        product=PRODUCT_LEVENSONDERHOUD,
        datum=today,
        ingangsdatum=behandeling.ingangsdatum,
        vervaldatum=behandeling.einddatum,
        toelichting=(
            "Toegekend via de snelle route (groen): aan alle voorwaarden is voldaan. De uitkering is een "
            "voorschot; na afloop van het boekjaar volgt de definitieve vaststelling."
        ),
        automatisch=True,
        rapport={
            "route": behandeling.route,
            "beleidsversie": behandeling.routering["beleidsversie"],
            "routeringId": behandeling.routering["routeringId"],
            "voldaneVoorwaarden": [{"regel": r["regel"], "toelichting": r["toelichting"]} for r in held],
        },
        aangemaakt_op=utcnow(),
    )
    session.add(besluit)
    announce(session, behandeling, besluit)
    return besluit


def announce(session: AsyncSession, behandeling: Behandeling, besluit: Besluit) -> None:
    enqueue(
        session,
        OutboxMessage,
        TOPIC_BESLUIT_MELDEN,
        {
            "aanvraagId": str(behandeling.aanvraag_id),
            "melding": {
                "besluitId": str(besluit.id),
                "behandelingId": str(behandeling.id),
                "besluittype": besluit.besluittype,
                "product": besluit.product,
                "datum": besluit.datum.isoformat(),
                "toelichting": besluit.toelichting,
                "url": f"/v1/besluiten/{besluit.id}",
            },
        },
    )


def to_out(b: Besluit) -> BesluitOut:
    return BesluitOut(
        id=b.id,
        behandelingId=b.behandeling_id,
        besluittype=b.besluittype,
        product=b.product,
        datum=b.datum,
        ingangsdatum=b.ingangsdatum,
        vervaldatum=b.vervaldatum,
        toelichting=b.toelichting,
        automatisch=b.automatisch,
        rapport=b.rapport,
    )


async def get(session: AsyncSession, besluit_id: uuid.UUID) -> BesluitOut:
    b = await session.get(Besluit, besluit_id)
    if b is None:
        raise NotFound("No decision with this id.")
    return to_out(b)
