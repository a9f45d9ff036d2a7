"""Determine, record, re-determine and override routes. The evaluation itself is a pure function
(routing_api.regels.afhandelroutes); this module adds the policy selection and the record."""

from __future__ import annotations

import uuid
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.db import new_id, utcnow
from bbz_common.idempotency import StoredResponse, request_fingerprint, run_idempotent
from bbz_common.problems import NotFound, UnprocessableState
from routing_api.beleid import service as beleid
from routing_api.beleid.models import BeleidsversieRij
from routing_api.models import IdempotencyRecord
from routing_api.regels.afhandelroutes import Bepaling, bepaal_route
from routing_api.routering import repository
from routing_api.routering.models import Routering as RouteringRow
from routing_api.routering.schemas import (
    BeleidsversieRef,
    Deelroute,
    HerbepalingVerzoek,
    Invoer,
    Overschrijving,
    OverschrijvingVerzoek,
    RegelResultaat,
    Routering,
    RouteringVerzoek,
)


def invoer_hash(verzoek: RouteringVerzoek) -> str:
    """The hash of the facts (not of the application id): equal facts, equal hash."""
    return request_fingerprint(verzoek.model_dump(mode="json", exclude={"aanvraagId"}))


def to_routering(verzoek: RouteringVerzoek, bepaling: Bepaling, versie: BeleidsversieRij) -> Routering:
    return Routering(
        id=new_id(),
        aanvraagId=verzoek.aanvraagId,
        route=bepaling.route,
        redenen=bepaling.redenen,
        regels=[
            RegelResultaat(
                regel=r.regel,
                uitkomst=r.uitkomst,
                toelichting=r.toelichting,
                invoer=[Invoer(naam=naam, waarde=waarde, bron=bron) for naam, waarde, bron in r.invoer],
                voorwaarde=r.voorwaarde,
            )
            for r in bepaling.regels
        ],
        beleidsversie=BeleidsversieRef(id=versie.id, inhoudHash=versie.inhoud_hash),
        deelroutes=[Deelroute(product=p, route=r, redenen=why) for p, r, why in bepaling.deelroutes]
        if bepaling.deelroutes
        else None,
        bepaaldOp=utcnow(),
        invoerHash=invoer_hash(verzoek),
        geldendeRoute=bepaling.route,
    )


def determine(verzoek: RouteringVerzoek, versie: BeleidsversieRij) -> Routering:
    return to_routering(verzoek, bepaal_route(verzoek, beleid.inhoud_of(versie)), versie)


log = structlog.get_logger("routing.routeringen")


def _record(session: AsyncSession, verzoek: RouteringVerzoek, routering: Routering) -> None:
    # No personal data: ids, route, rule ids and the policy version only.
    log.info(
        "route_bepaald",
        routering_id=str(routering.id),
        aanvraag_id=str(routering.aanvraagId) if routering.aanvraagId else None,
        route=routering.route.value,
        regels=[r.split(":")[0] for r in routering.redenen] if routering.route.value != "groen" else [],
        beleidsversie=routering.beleidsversie.id,
    )
    repository.add(
        session,
        RouteringRow(
            id=routering.id,
            aanvraag_id=routering.aanvraagId,
            gemeentecode=verzoek.gemeentecode,
            route=routering.route.value,
            beleidsversie_id=routering.beleidsversie.id,
            beleidsversie_hash=routering.beleidsversie.inhoudHash,
            invoer_hash=routering.invoerHash,
            invoer=verzoek.model_dump(mode="json"),
            resultaat=routering.model_dump(mode="json"),
            bepaald_op=routering.bepaaldOp,
            herbepaling_van=routering.herbepalingVan,
            overschrijving=None,
        ),
    )


def _created(routering: Routering) -> StoredResponse:
    return StoredResponse(201, routering.model_dump(mode="json"), {"Location": f"/v1/routeringen/{routering.id}"})


async def create(session: AsyncSession, verzoek: RouteringVerzoek, caller: str, key: str | None) -> StoredResponse:
    async def action() -> StoredResponse:
        versie = await beleid.valid_for(session, verzoek.gemeentecode, verzoek.aanvraagdatum)
        routering = determine(verzoek, versie)
        _record(session, verzoek, routering)
        return _created(routering)

    payload = verzoek.model_dump(mode="json")
    return await run_idempotent(
        session, IdempotencyRecord, scope=f"routeringen:{caller}", key=key, payload=payload, action=action
    )


async def _row(session: AsyncSession, routering_id: uuid.UUID) -> RouteringRow:
    row = await repository.get(session, routering_id)
    if row is None:
        raise NotFound("No route determination with this id.")
    return row


def _from_row(row: RouteringRow) -> Routering:
    routering = Routering.model_validate(row.resultaat)
    if row.overschrijving is not None:
        override = Overschrijving.model_validate(row.overschrijving)
        return routering.model_copy(update={"overschrijving": override, "geldendeRoute": override.route})
    return routering.model_copy(update={"geldendeRoute": routering.route})


async def get(session: AsyncSession, routering_id: uuid.UUID) -> Routering:
    return _from_row(await _row(session, routering_id))


async def redetermine(
    session: AsyncSession, routering_id: uuid.UUID, verzoek: HerbepalingVerzoek, caller: str, key: str | None
) -> StoredResponse:
    """Determine again from the recorded facts: under the version now valid, or under a named version."""

    async def action() -> StoredResponse:
        previous = await _row(session, routering_id)
        facts = RouteringVerzoek.model_validate(previous.invoer)
        if verzoek.beleidsversieId is not None:
            versie = await beleid.get_row(session, verzoek.beleidsversieId)
        else:
            versie = await beleid.valid_for(session, facts.gemeentecode, facts.aanvraagdatum)
        routering = determine(facts, versie).model_copy(update={"herbepalingVan": previous.id})
        _record(session, facts, routering)
        return _created(routering)

    payload: dict[str, Any] = {"routeringId": str(routering_id), **verzoek.model_dump(mode="json")}
    return await run_idempotent(
        session, IdempotencyRecord, scope=f"herbepalingen:{caller}", key=key, payload=payload, action=action
    )


async def override(
    session: AsyncSession, routering_id: uuid.UUID, verzoek: OverschrijvingVerzoek, caller: str
) -> Routering:
    """A consultant's override: only with a reason, recorded with who and when; once per determination."""
    row = await _row(session, routering_id)
    if row.overschrijving is not None:
        raise UnprocessableState("This determination was overridden before; re-determine it to start again.")
    record = Overschrijving(route=verzoek.route, reden=verzoek.reden, door=caller, op=utcnow())
    row.overschrijving = record.model_dump(mode="json")
    await session.flush()
    return _from_row(row)
