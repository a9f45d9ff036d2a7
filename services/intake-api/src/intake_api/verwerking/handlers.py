"""The steps after intake, run from the outbox: enrich (registers-adapter), route (routing-api), hand over
(decision-api). Each step stores its result, moves the status on and enqueues the next step in one
transaction; a step that finds its work already done does nothing (redelivery is a no-op)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import raiseload

from bbz_common.db import new_id, utcnow
from bbz_common.outbox import Handler, OutboxDelivery, PermanentDeliveryError, enqueue
from intake_api.aanvragen.models import Aanvraag
from intake_api.aanvragen.repository import AanvraagRepository
from intake_api.aanvragen.schemas import Status
from intake_api.aanvragen.service import TOPIC_OVERDRAGEN, TOPIC_ROUTEREN, TOPIC_VERRIJKEN
from intake_api.models import OutboxMessage
from intake_api.verwerking.clients import Downstream, post_json
from intake_api.verwerking.mapping import behandeling_request, lookup_request, routing_request

DOELBINDING = "Bbz 2004: beoordelen aanvraag"


async def _load(delivery: OutboxDelivery) -> Aanvraag:
    async with delivery.relay.db.sessionmaker() as session:
        # A step needs the application, not its status history (which the model loads eagerly elsewhere).
        aanvraag = await session.get(
            Aanvraag, uuid.UUID(delivery.payload["aanvraagId"]), options=[raiseload(Aanvraag.historie)]
        )
    if aanvraag is None:
        raise PermanentDeliveryError("application not found")
    return aanvraag


def build_handlers(downstream: Downstream, pseudonym_key: str = "") -> dict[str, Handler]:
    async def verrijken(delivery: OutboxDelivery) -> None:
        aanvraag = await _load(delivery)
        if aanvraag.status != Status.ONTVANGEN.value:
            return
        gegevens = await post_json(
            downstream.registers, "/bbz-gegevens", lookup_request(aanvraag, DOELBINDING), delivery.idempotency_key
        )
        async with delivery.complete() as session:
            if await _advance(
                session,
                aanvraag.id,
                Status.ONTVANGEN,
                Status.VERRIJKT,
                {"registergegevens": gegevens},
                versie=aanvraag.versie,
            ):
                enqueue(session, OutboxMessage, TOPIC_ROUTEREN, {"aanvraagId": str(aanvraag.id)})

    async def routeren(delivery: OutboxDelivery) -> None:
        aanvraag = await _load(delivery)
        if aanvraag.status != Status.VERRIJKT.value:
            return
        routering = await post_json(
            downstream.routing, "/routeringen", routing_request(aanvraag), delivery.idempotency_key
        )
        stored = {
            "route": routering["route"],
            "routeringId": routering["id"],
            "beleidsversie": routering["beleidsversie"]["id"],
            "redenen": routering["redenen"],
            "regels": [
                {"regel": r["regel"], "uitkomst": r["uitkomst"], "toelichting": r["toelichting"]}
                for r in routering["regels"]
            ],
            "deelroutes": routering.get("deelroutes"),
        }
        async with delivery.complete() as session:
            advanced = await _advance(
                session,
                aanvraag.id,
                Status.VERRIJKT,
                Status.GEROUTEERD,
                {"routering": stored},
                f"route {stored['route']}",
                versie=aanvraag.versie,
            )
            if advanced:
                enqueue(session, OutboxMessage, TOPIC_OVERDRAGEN, {"aanvraagId": str(aanvraag.id)})

    async def overdragen(delivery: OutboxDelivery) -> None:
        aanvraag = await _load(delivery)
        if aanvraag.status != Status.GEROUTEERD.value:
            return
        behandeling = await post_json(
            downstream.decision,
            "/behandelingen",
            behandeling_request(aanvraag, pseudonym_key),
            delivery.idempotency_key,
        )
        async with delivery.complete() as session:
            await _advance(
                session,
                aanvraag.id,
                Status.GEROUTEERD,
                Status.IN_BEHANDELING,
                {"behandeling_id": uuid.UUID(behandeling["id"])},
                versie=aanvraag.versie,
            )

    return {TOPIC_VERRIJKEN: verrijken, TOPIC_ROUTEREN: routeren, TOPIC_OVERDRAGEN: overdragen}


async def _advance(
    session: Any,
    aanvraag_id: uuid.UUID,
    expected: Status,
    new: Status,
    changes: dict[str, Any],
    toelichting: str | None = None,
    *,
    versie: int,
) -> bool:
    """Store a step's result and move the status on, only if the application is still where the step
    found it: a correction in the meantime, or a decision already reported, makes the result stale."""
    now = utcnow()
    moved = await AanvraagRepository(session).advance(
        aanvraag_id,
        expected_status=expected.value,
        versie=versie,
        changes=changes,
        status={"id": new_id(), "status": new.value, "tijdstip": now, "toelichting": toelichting},
    )
    if moved is None:
        raise PermanentDeliveryError("application not found")
    return moved
