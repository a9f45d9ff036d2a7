"""The steps after intake, run from the outbox: enrich (registers-adapter), route (routing-api), hand over
(decision-api), as one resumable delivery per application.

A delivery takes the application from wherever it stands through the steps that remain. The applications of
a batch go through each step together: their calls run concurrently and their results are stored in one
transaction per step, each with its status change. A stored step is never done again: a delivery that is
retried, or one left by a killed process, resumes from the stored status. A step whose application moved on
in the meantime (a correction, a decision already reported, another delivery) stores nothing and ends that
delivery."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.orm import raiseload

from bbz_common.db import Database, one_of, utcnow
from bbz_common.http import Minimal, deliver_in_bulk
from bbz_common.outbox import Batched, OutboxDelivery, PermanentDeliveryError
from intake_api.aanvragen.models import Aanvraag
from intake_api.aanvragen.repository import AanvraagRepository, Move
from intake_api.aanvragen.schemas import Status
from intake_api.aanvragen.service import TOPIC_OVERDRAGEN, TOPIC_ROUTEREN, TOPIC_VERRIJKEN, TOPIC_VERWERKEN
from intake_api.verwerking.clients import PREFER_MINIMAL, Downstream, Operation
from intake_api.verwerking.mapping import behandeling_request, lookup_request, routing_request

DOELBINDING = "Bbz 2004: beoordelen aanvraag"
# Applications that go through the steps together; their calls to a downstream service run concurrently.
BATCH_SIZE = 32


@dataclass(frozen=True)
class Stap:
    """One step: from which status, the downstream operation and its request, and what of its answer is
    stored, in which status."""

    van: Status
    naar: Status
    operation: Operation
    request: Callable[[Aanvraag], dict[str, Any]]
    result: Callable[[Any], tuple[dict[str, Any], str | None]]  # the columns to store, and the status note


def _verrijkt(gegevens: Any) -> tuple[dict[str, Any], str | None]:
    return {"registergegevens": gegevens}, None


def _gerouteerd(routering: Any) -> tuple[dict[str, Any], str | None]:
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
    return {"routering": stored}, f"route {stored['route']}"


def _overgedragen(behandeling: Any) -> tuple[dict[str, Any], str | None]:
    # Asked without a body (Prefer: return=minimal): a new handling's id ends its Location. A handling offered
    # before, or a decision-api that ignores the preference, answers with the handling itself.
    if isinstance(behandeling, Minimal):
        return {"behandeling_id": uuid.UUID((behandeling.location or "").rsplit("/", 1)[-1])}, None
    return {"behandeling_id": uuid.UUID(behandeling["id"])}, None


def build_stappen(downstream: Downstream, pseudonym_key: str = "") -> tuple[Stap, ...]:
    def operation(client: httpx.AsyncClient, path: str, headers: dict[str, str] | None = None) -> Operation:
        return Operation.of(client, path, bulk=downstream.bulk, headers=headers)

    def overdracht(aanvraag: Aanvraag) -> dict[str, Any]:
        return behandeling_request(aanvraag, pseudonym_key)

    return (
        Stap(
            Status.ONTVANGEN,
            Status.VERRIJKT,
            operation(downstream.registers, "/bbz-gegevens"),
            lambda aanvraag: lookup_request(aanvraag, DOELBINDING),
            _verrijkt,
        ),
        Stap(
            Status.VERRIJKT,
            Status.GEROUTEERD,
            operation(downstream.routing, "/routeringen"),
            routing_request,
            _gerouteerd,
        ),
        Stap(
            Status.GEROUTEERD,
            Status.IN_BEHANDELING,
            # Only the handling's id is stored: its answer without the body (most of it the route we sent).
            operation(downstream.decision, "/behandelingen", PREFER_MINIMAL),
            overdracht,
            _overgedragen,
        ),
    )


def build_handlers(downstream: Downstream, pseudonym_key: str = "") -> dict[str, Batched]:
    stappen = build_stappen(downstream, pseudonym_key)

    async def verwerken(deliveries: list[OutboxDelivery]) -> None:
        db = deliveries[0].relay.db
        # The deliveries still under way, with their application as this batch has stored it.
        open_ = await _load(db, deliveries)
        for stap in stappen:
            due = _due(deliveries, open_, stap)
            if not due:
                continue
            answers = await _call(stap, due, open_)
            for delivery in due:
                if delivery.failure is not None:
                    del open_[delivery.message_id]
            if answers:
                await _store(db, stap, open_, answers)

    # One handler for every topic: messages written by earlier versions, one per step, resume the same way.
    handler = Batched(verwerken, max_size=BATCH_SIZE)
    return {topic: handler for topic in (TOPIC_VERWERKEN, TOPIC_VERRIJKEN, TOPIC_ROUTEREN, TOPIC_OVERDRAGEN)}


def _due(deliveries: list[OutboxDelivery], open_: dict[uuid.UUID, Aanvraag], stap: Stap) -> list[OutboxDelivery]:
    """The deliveries whose application stands where this step starts; of two deliveries for one application
    (a correction's next to an older one) only the first goes on, the other ends: one call per application."""
    due: dict[uuid.UUID, OutboxDelivery] = {}
    for delivery in deliveries:
        aanvraag = open_.get(delivery.message_id)
        if aanvraag is None or aanvraag.status != stap.van.value:
            continue
        if aanvraag.id in due:
            del open_[delivery.message_id]
        else:
            due[aanvraag.id] = delivery
    return list(due.values())


async def _call(
    stap: Stap, due: list[OutboxDelivery], open_: dict[uuid.UUID, Aanvraag]
) -> list[tuple[OutboxDelivery, Any]]:
    """The step's request for every due application: in one bulk request where the service offers it, else
    one request each, concurrently."""
    bodies = {delivery.message_id: stap.request(open_[delivery.message_id]) for delivery in due}

    def single(delivery: OutboxDelivery) -> Awaitable[Any]:
        return stap.operation.post(bodies[delivery.message_id], delivery.idempotency_key)

    return await deliver_in_bulk(due, stap.operation.bulk, lambda d: bodies[d.message_id], single)


async def _load(db: Database, deliveries: list[OutboxDelivery]) -> dict[uuid.UUID, Aanvraag]:
    ids: dict[uuid.UUID, uuid.UUID] = {}
    for delivery in deliveries:
        try:
            ids[delivery.message_id] = uuid.UUID(delivery.payload["aanvraagId"])
        except (KeyError, TypeError, ValueError):
            delivery.fail(PermanentDeliveryError("no application id in the message"))
    async with db.sessionmaker() as session:
        # A step needs the application, not its status history (which the model loads eagerly elsewhere).
        rows = await session.execute(
            select(Aanvraag)
            .where(one_of(db.dialect_name, Aanvraag.id, set(ids.values())))
            .options(raiseload(Aanvraag.historie))
        )
        found = {aanvraag.id: aanvraag for aanvraag in rows.scalars()}
    loaded: dict[uuid.UUID, Aanvraag] = {}
    for message_id, aanvraag_id in ids.items():
        if aanvraag_id in found:
            loaded[message_id] = found[aanvraag_id]
        else:
            next(d for d in deliveries if d.message_id == message_id).fail(
                PermanentDeliveryError("application not found")
            )
    return loaded


async def _store(
    db: Database, stap: Stap, open_: dict[uuid.UUID, Aanvraag], answers: list[tuple[OutboxDelivery, Any]]
) -> None:
    """Store one step's answers in one transaction, each only if its application is still where the step
    found it; a delivery whose application moved on in the meantime ends here."""
    moves: dict[uuid.UUID, tuple[OutboxDelivery, Move]] = {}
    for delivery, answer in answers:
        aanvraag = open_[delivery.message_id]
        changes, toelichting = stap.result(answer)
        moves[aanvraag.id] = (delivery, Move(aanvraag.id, aanvraag.versie, changes, toelichting))
    async with db.transaction() as session:
        moved = await AanvraagRepository(session).advance_many(
            expected_status=stap.van.value,
            new_status=stap.naar.value,
            moves=[move for _, move in moves.values()],
            tijdstip=utcnow(),
        )
    # Only once committed does the next step see the stored result.
    for aanvraag_id, (delivery, move) in moves.items():
        if aanvraag_id not in moved:
            del open_[delivery.message_id]
            continue
        aanvraag = open_[delivery.message_id]
        aanvraag.status = stap.naar.value
        for column, value in move.changes.items():
            setattr(aanvraag, column, value)
