"""The application's lifecycle: accept first (store and answer 201), process after (from the outbox)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.auth import VENDOR, Principal
from bbz_common.db import new_id, utcnow
from bbz_common.idempotency import StoredResponse, run_idempotent
from bbz_common.outbox import enqueue
from bbz_common.problems import NotFound
from intake_api.aanvragen.models import Aanvraag, StatusWijziging
from intake_api.aanvragen.repository import AanvraagRepository
from intake_api.aanvragen.schemas import (
    AanvraagIndienen,
    AanvraagIngediend,
    AanvraagOut,
    BesluitMelding,
    BesluitOut,
    RouteringOut,
    Status,
    StatusWijzigingOut,
)
from intake_api.models import IdempotencyRecord, OutboxMessage

TOPIC_VERRIJKEN = "aanvraag.verrijken"
TOPIC_ROUTEREN = "aanvraag.routeren"
TOPIC_OVERDRAGEN = "aanvraag.overdragen"


def set_status(repo: AanvraagRepository, aanvraag: Aanvraag, status: Status, toelichting: str | None = None) -> None:
    now = utcnow()
    aanvraag.status = status.value
    aanvraag.bijgewerkt_op = now
    repo.add(
        StatusWijziging(
            id=new_id(), aanvraag_id=aanvraag.id, status=status.value, tijdstip=now, toelichting=toelichting
        )
    )


async def submit(
    session: AsyncSession, payload: AanvraagIndienen, caller: Principal, idempotency_key: str | None
) -> StoredResponse:
    repo = AanvraagRepository(session)

    async def create() -> StoredResponse:
        now = utcnow()
        dreigend = payload.dreigendeSituatie
        aanvraag = Aanvraag(
            id=new_id(),
            gemeentecode=payload.gemeentecode,
            leverancier=caller.name,
            kanaal=payload.kanaal.value,
            status=Status.ONTVANGEN.value,
            prioriteit=dreigend.huisuitzetting or dreigend.afsluitingEnergieOfWater or dreigend.beslaglegging,
            burgerservicenummer=payload.personalia.burgerservicenummer,
            formulier=payload.model_dump(mode="json"),
            registergegevens=None,
            routering=None,
            behandeling_id=None,
            besluiten=[],
            ontvangen_op=now,
            bijgewerkt_op=now,
        )
        repo.add(aanvraag)
        repo.add(StatusWijziging(id=new_id(), aanvraag_id=aanvraag.id, status=Status.ONTVANGEN.value, tijdstip=now))
        enqueue(session, OutboxMessage, TOPIC_VERRIJKEN, {"aanvraagId": str(aanvraag.id)})
        body = AanvraagIngediend(id=aanvraag.id, status=Status.ONTVANGEN, ontvangenOp=now).model_dump(mode="json")
        return StoredResponse(201, body, {"Location": f"/v1/aanvragen/{aanvraag.id}"})

    return await run_idempotent(
        session,
        IdempotencyRecord,
        scope=f"aanvragen:{caller.name}",
        key=idempotency_key,
        payload=payload.model_dump(mode="json"),
        action=create,
    )


def _visible_to(aanvraag: Aanvraag, caller: Principal) -> bool:
    # A vendor sees only its own submissions; backoffice roles and services see all.
    if caller.roles == frozenset({VENDOR}):
        return aanvraag.leverancier == caller.name
    return True


async def get(session: AsyncSession, aanvraag_id: uuid.UUID, caller: Principal) -> AanvraagOut:
    aanvraag = await AanvraagRepository(session).get(aanvraag_id)
    if aanvraag is None or not _visible_to(aanvraag, caller):
        raise NotFound("No application with this id.")
    return to_out(aanvraag)


def to_out(aanvraag: Aanvraag) -> AanvraagOut:
    routering: dict[str, Any] | None = aanvraag.routering
    return AanvraagOut(
        id=aanvraag.id,
        gemeentecode=aanvraag.gemeentecode,
        kanaal=aanvraag.kanaal,  # type: ignore[arg-type]
        status=Status(aanvraag.status),
        prioriteit=aanvraag.prioriteit,
        ontvangenOp=aanvraag.ontvangen_op,
        statusHistorie=[
            StatusWijzigingOut(status=Status(h.status), tijdstip=h.tijdstip, toelichting=h.toelichting)
            for h in aanvraag.historie
        ],
        routering=RouteringOut.model_validate(routering) if routering else None,
        behandelingId=aanvraag.behandeling_id,
        besluiten=[BesluitOut.model_validate(b) for b in aanvraag.besluiten],
        formulier=aanvraag.formulier,
    )


async def record_besluit(session: AsyncSession, aanvraag_id: uuid.UUID, melding: BesluitMelding) -> AanvraagOut:
    """decision-api reports a decision; a repeated report of the same decision changes nothing."""
    repo = AanvraagRepository(session)
    aanvraag = await repo.get_for_update(aanvraag_id)
    if aanvraag is None:
        raise NotFound("No application with this id.")
    if all(b["besluitId"] != str(melding.besluitId) for b in aanvraag.besluiten):
        besluit = BesluitOut(
            besluitId=melding.besluitId,
            besluittype=melding.besluittype,
            product=melding.product,
            datum=melding.datum,
            toelichting=melding.toelichting,
            url=melding.url,
        )
        aanvraag.besluiten = [*aanvraag.besluiten, besluit.model_dump(mode="json")]
        aanvraag.behandeling_id = aanvraag.behandeling_id or melding.behandelingId
        if aanvraag.status != Status.BESLOTEN.value:
            set_status(repo, aanvraag, Status.BESLOTEN, f"{melding.besluittype} ({melding.product})")
        await session.flush()
        await session.refresh(aanvraag, attribute_names=["historie"])
    return to_out(aanvraag)
