"""The application's lifecycle: accept first (store and answer 201), process after (from the outbox)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.auth import VENDOR, Principal
from bbz_common.db import new_id, utcnow
from bbz_common.groupcommit import NEXT_BATCH, NextBatch
from bbz_common.idempotency import (
    KeyedRequest,
    SameKeyInBatch,
    StoredResponse,
    claim_many,
    record_many,
    request_fingerprint,
    run_idempotent,
)
from bbz_common.outbox import enqueue, enqueue_rows, message_row
from bbz_common.problems import Conflict, InvalidInput, InvalidParam, NotFound, UnprocessableState
from intake_api.aanvragen.models import Aanvraag, AanvraagVersie, StatusWijziging
from intake_api.aanvragen.repository import AanvraagRepository
from intake_api.aanvragen.schemas import (
    AanvraagIndienen,
    AanvraagIngediend,
    AanvraagOut,
    AanvraagSamenvatting,
    BesluitMelding,
    BesluitOut,
    CorrectieIndienen,
    RouteringOut,
    Status,
    StatusMelding,
    StatusWijzigingOut,
    VerlengingIndienen,
    VersieOut,
    Waarschuwing,
)
from intake_api.models import IdempotencyRecord, OutboxMessage
from intake_api.voorcheck.service import warnings_for

# One message takes an application through enrichment, routing and hand-over (intake_api.verwerking).
TOPIC_VERWERKEN = "aanvraag.verwerken"
# One message per step, as written by earlier versions; still delivered, by the same handler.
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


@dataclass(frozen=True)
class Indiening:
    """A submission prepared in its request: its rows, its outbox message and its answer, ready to be written
    with the submissions of other requests in one transaction (``write_submissions``)."""

    request: KeyedRequest
    aanvraag: dict[str, Any]
    versie: dict[str, Any]
    status: dict[str, Any]
    bericht: dict[str, Any]
    response: StoredResponse


def prepare(
    payload: AanvraagIndienen,
    caller: Principal,
    idempotency_key: str | None,
    *,
    verlenging_van: uuid.UUID | None = None,
) -> Indiening:
    formulier = payload.model_dump(mode="json")
    now = utcnow()
    dreigend = payload.dreigendeSituatie
    aanvraag_id = new_id()
    fingerprint = (
        request_fingerprint({"formulier": formulier, "verlengingVan": str(verlenging_van)})
        if idempotency_key is not None
        else ""
    )
    body = AanvraagIngediend(id=aanvraag_id, status=Status.ONTVANGEN, ontvangenOp=now).model_dump(mode="json")
    return Indiening(
        request=KeyedRequest(f"aanvragen:{caller.name}", idempotency_key, fingerprint),
        aanvraag={
            "id": aanvraag_id,
            "gemeentecode": payload.gemeentecode,
            "leverancier": caller.name,
            "kanaal": payload.kanaal.value,
            "status": Status.ONTVANGEN.value,
            "prioriteit": dreigend.huisuitzetting or dreigend.afsluitingEnergieOfWater or dreigend.beslaglegging,
            "burgerservicenummer": payload.personalia.burgerservicenummer,
            "formulier": formulier,
            "registergegevens": None,
            "routering": None,
            "behandeling_id": None,
            "besluiten": [],
            "waarschuwingen": warnings_for(formulier),
            "versie": 1,
            "verlenging_van": verlenging_van,
            "ontvangen_op": now,
            "bijgewerkt_op": now,
        },
        versie={
            "id": new_id(),
            "aanvraag_id": aanvraag_id,
            "versie": 1,
            "formulier": formulier,
            "reden": None,
            "ingediend_door": caller.name,
            "ingediend_op": now,
        },
        status={
            "id": new_id(),
            "aanvraag_id": aanvraag_id,
            "status": Status.ONTVANGEN.value,
            "tijdstip": now,
            "toelichting": None,
        },
        # Built here, in the request, so that it carries the request's correlation id.
        bericht=message_row(TOPIC_VERWERKEN, {"aanvraagId": str(aanvraag_id)}),
        response=StoredResponse(201, body, {"Location": f"/v1/aanvragen/{aanvraag_id}"}),
    )


async def write_submissions(
    session: AsyncSession, indieningen: Sequence[Indiening]
) -> list[StoredResponse | Exception | NextBatch]:
    """Write a batch of submissions in the caller's transaction, with the Idempotency-Key semantics of a
    single one: a repeated key is answered as the first time, or 409 for another body; a key repeated
    within the batch is decided in the next batch (``NEXT_BATCH``), once the first is committed."""
    verdicts = await claim_many(session, IdempotencyRecord, [i.request for i in indieningen])
    new = [i for i, verdict in zip(indieningen, verdicts, strict=True) if verdict is None]
    if new:
        await AanvraagRepository(session).insert_submissions(
            [i.aanvraag for i in new], [i.versie for i in new], [i.status for i in new]
        )
        await enqueue_rows(session, OutboxMessage, [i.bericht for i in new])
        await record_many(session, IdempotencyRecord, [(i.request, i.response) for i in new])
    outcomes: list[StoredResponse | Exception | NextBatch] = []
    for indiening, verdict in zip(indieningen, verdicts, strict=True):
        if verdict is None:
            outcomes.append(indiening.response)
        elif isinstance(verdict, SameKeyInBatch):
            outcomes.append(NEXT_BATCH)
        else:
            outcomes.append(verdict)
    return outcomes


async def submit(
    session: AsyncSession,
    payload: AanvraagIndienen,
    caller: Principal,
    idempotency_key: str | None,
    *,
    verlenging_van: uuid.UUID | None = None,
) -> StoredResponse:
    """A submission within the caller's transaction (drafts, Open Forms, renewals; POST /aanvragen goes
    through the group commit with ``prepare``)."""
    # run_idempotent checks the key itself (and fingerprints the body), so the prepared request needs none.
    indiening = prepare(payload, caller, None, verlenging_van=verlenging_van)

    async def create() -> StoredResponse:
        await AanvraagRepository(session).insert_submissions(
            [indiening.aanvraag], [indiening.versie], [indiening.status]
        )
        await enqueue_rows(session, OutboxMessage, [indiening.bericht])
        return indiening.response

    return await run_idempotent(
        session,
        IdempotencyRecord,
        scope=indiening.request.scope,
        key=idempotency_key,
        payload={"formulier": indiening.aanvraag["formulier"], "verlengingVan": str(verlenging_van)},
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
        leverancier=aanvraag.leverancier,
        status=Status(aanvraag.status),
        prioriteit=aanvraag.prioriteit,
        versie=aanvraag.versie,
        verlengingVan=aanvraag.verlenging_van,
        waarschuwingen=[Waarschuwing.model_validate(w) for w in aanvraag.waarschuwingen],
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


async def record_besluit(
    session: AsyncSession, aanvraag_id: uuid.UUID, melding: BesluitMelding, *, minimal: bool = False
) -> AanvraagOut | None:
    """decision-api reports a decision; a repeated report of the same decision changes nothing. With
    ``minimal`` the caller wants no answer body (None)."""
    repo = AanvraagRepository(session)
    stand = await repo.stand_for_update(aanvraag_id)
    if stand is None:
        raise NotFound("No application with this id.")
    if all(b["besluitId"] != str(melding.besluitId) for b in stand.besluiten):
        besluit = BesluitOut(
            besluitId=melding.besluitId,
            besluittype=melding.besluittype,
            product=melding.product,
            datum=melding.datum,
            toelichting=melding.toelichting,
            url=melding.url,
        )
        toelichting = f"{melding.besluittype} ({melding.product})"
        wijzigingen = _handed_over(stand.status)
        status = wijzigingen[-1][0] if wijzigingen else stand.status
        if melding.behandelingAfgerond is False:
            # One part of a split request: recorded, the application stays in treatment for the other part.
            wijzigingen.append((status, f"deelbesluit: {toelichting}"))
        elif status != Status.BESLOTEN.value:
            wijzigingen.append((Status.BESLOTEN.value, toelichting))
        await repo.record_report(
            aanvraag_id,
            changes={
                "besluiten": [*stand.besluiten, besluit.model_dump(mode="json")],
                "behandeling_id": stand.behandeling_id or melding.behandelingId,
            },
            statussen=wijzigingen,
            moves=wijzigingen[-1][0] != stand.status if wijzigingen else False,
        )
    return None if minimal else to_out(await _reloaded(repo, aanvraag_id))


def _handed_over(status: str) -> list[tuple[str, str | None]]:
    """A report from decision-api proves the hand-over, even when it arrives before intake has stored the
    hand-over's answer: the history then still shows the application in treatment before what follows."""
    return [(Status.IN_BEHANDELING.value, None)] if status == Status.GEROUTEERD.value else []


async def _reloaded(repo: AanvraagRepository, aanvraag_id: uuid.UUID) -> Aanvraag:
    aanvraag = await repo.get(aanvraag_id)
    if aanvraag is None:
        raise NotFound("No application with this id.")
    return aanvraag


async def _visible(
    session: AsyncSession, aanvraag_id: uuid.UUID, caller: Principal, *, for_update: bool = False
) -> Aanvraag:
    repo = AanvraagRepository(session)
    aanvraag = await (repo.get_for_update(aanvraag_id) if for_update else repo.get(aanvraag_id))
    if aanvraag is None or not _visible_to(aanvraag, caller):
        raise NotFound("No application with this id.")
    return aanvraag


async def record_status(
    session: AsyncSession, aanvraag_id: uuid.UUID, melding: StatusMelding, *, minimal: bool = False
) -> AanvraagOut | None:
    """decision-api reports a repair period (or its end); a decided application does not move back. With
    ``minimal`` the caller wants no answer body (None)."""
    repo = AanvraagRepository(session)
    stand = await repo.stand_for_update(aanvraag_id)
    if stand is None:
        raise NotFound("No application with this id.")
    new = Status(melding.status)
    movable = {Status.IN_BEHANDELING.value, Status.HERSTELTERMIJN.value, Status.GEROUTEERD.value}
    if stand.status in movable and stand.status != new.value:
        wijzigingen = _handed_over(stand.status) if new != Status.IN_BEHANDELING else []
        toelichting = melding.toelichting
        if melding.termijnTot is not None:
            toelichting = f"{toelichting or 'hersteltermijn'} (tot {melding.termijnTot.isoformat()})"
        wijzigingen.append((new.value, toelichting))
        await repo.record_report(aanvraag_id, changes={}, statussen=wijzigingen, moves=True)
    return None if minimal else to_out(await _reloaded(repo, aanvraag_id))


async def correct(
    session: AsyncSession, aanvraag_id: uuid.UUID, correctie: CorrectieIndienen, caller: Principal
) -> AanvraagOut:
    """A correction is a new version of the form. Before the hand-over to decision-api the pipeline runs
    again on it; afterwards the officer sees the new version in the history."""
    aanvraag = await _visible(session, aanvraag_id, caller, for_update=True)
    if aanvraag.status == Status.BESLOTEN.value:
        raise UnprocessableState("A decided application cannot be corrected; submit a new application.")
    formulier = correctie.formulier.model_dump(mode="json")
    if correctie.formulier.personalia.burgerservicenummer != aanvraag.burgerservicenummer:
        raise Conflict("A correction cannot change the applicant (burgerservicenummer).", code="applicant_changed")
    repo = AanvraagRepository(session)
    now = utcnow()
    aanvraag.versie += 1
    aanvraag.formulier = formulier
    aanvraag.waarschuwingen = warnings_for(formulier)
    aanvraag.gemeentecode = correctie.formulier.gemeentecode
    dreigend = correctie.formulier.dreigendeSituatie
    aanvraag.prioriteit = dreigend.huisuitzetting or dreigend.afsluitingEnergieOfWater or dreigend.beslaglegging
    repo.add(
        AanvraagVersie(
            id=new_id(),
            aanvraag_id=aanvraag.id,
            versie=aanvraag.versie,
            formulier=formulier,
            reden=correctie.reden,
            ingediend_door=caller.name,
            ingediend_op=now,
        )
    )
    if aanvraag.status in (Status.ONTVANGEN.value, Status.VERRIJKT.value, Status.GEROUTEERD.value):
        # Not yet handed over: enrich and route the corrected version afresh.
        aanvraag.registergegevens = None
        aanvraag.routering = None
        set_status(repo, aanvraag, Status.ONTVANGEN, f"correctie (versie {aanvraag.versie}): {correctie.reden}")
        enqueue(session, OutboxMessage, TOPIC_VERWERKEN, {"aanvraagId": str(aanvraag.id), "versie": aanvraag.versie})
    else:
        repo.add(
            StatusWijziging(
                id=new_id(),
                aanvraag_id=aanvraag.id,
                status=aanvraag.status,
                tijdstip=now,
                toelichting=f"correctie (versie {aanvraag.versie}): {correctie.reden}",
            )
        )
    await session.flush()
    await session.refresh(aanvraag, attribute_names=["historie"])
    return to_out(aanvraag)


async def versions(session: AsyncSession, aanvraag_id: uuid.UUID, caller: Principal) -> list[VersieOut]:
    await _visible(session, aanvraag_id, caller)
    rows = await AanvraagRepository(session).versions(aanvraag_id)
    return [
        VersieOut(
            versie=v.versie,
            ingediendOp=v.ingediend_op,
            ingediendDoor=v.ingediend_door,
            reden=v.reden,
            formulier=v.formulier,
        )
        for v in rows
    ]


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386 JSON merge patch."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


async def renew(
    session: AsyncSession,
    earlier_id: uuid.UUID,
    verlenging: VerlengingIndienen,
    caller: Principal,
    idempotency_key: str | None,
) -> StoredResponse:
    """A renewal: a new application that links to the earlier one and re-uses its answers."""
    earlier = await _visible(session, earlier_id, caller)
    merged = merge_patch(earlier.formulier, verlenging.wijzigingen)
    try:
        payload = AanvraagIndienen.model_validate(merged)
    except ValidationError as exc:
        params = [
            InvalidParam(name="wijzigingen." + ".".join(str(p) for p in e["loc"]), code=e["type"], reason=e["msg"])
            for e in exc.errors()
        ]
        raise InvalidInput(
            f"The renewed application is not valid: {len(params)} invalid field(s).", invalid_params=params
        ) from None
    if payload.personalia.burgerservicenummer != earlier.burgerservicenummer:
        raise Conflict("A renewal is for the same applicant (burgerservicenummer).", code="applicant_changed")
    return await submit(session, payload, caller, idempotency_key, verlenging_van=earlier.id)


def _summary(a: Aanvraag) -> AanvraagSamenvatting:
    return AanvraagSamenvatting(
        id=a.id,
        status=Status(a.status),
        route=(a.routering or {}).get("route"),
        prioriteit=a.prioriteit,
        doelgroep=a.formulier["doelgroep"],
        typeAanvraag=a.formulier["aanvraag"]["typeAanvraag"],
        ontvangenOp=a.ontvangen_op,
        bijgewerktOp=a.bijgewerkt_op,
    )


async def list_for(
    session: AsyncSession,
    caller: Principal,
    *,
    status: Status | None,
    limit: int,
    offset: int,
    burgerservicenummer: str | None = None,
) -> list[AanvraagSamenvatting]:
    """A vendor lists its own submissions; backoffice roles list all."""
    own = caller.name if caller.roles == frozenset({VENDOR}) else None
    rows = await AanvraagRepository(session).list(
        leverancier=own,
        status=status.value if status else None,
        burgerservicenummer=burgerservicenummer,
        limit=limit,
        offset=offset,
    )
    return [_summary(a) for a in rows]
