"""Determine, record, re-determine and override routes. The evaluation itself is a pure function
(routing_api.regels.afhandelroutes); this module adds the policy selection and the record."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any, NamedTuple

import structlog
from pydantic_core import to_json
from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.db import new_id, utcnow
from bbz_common.idempotency import StoredResponse, claim_first, request_fingerprint
from bbz_common.problems import NotFound, UnprocessableState
from routing_api.beleid import service as beleid
from routing_api.beleid.models import BeleidsversieRij
from routing_api.beleid.repository import VersieKeuze
from routing_api.models import IdempotencyRecord
from routing_api.regels.afhandelroutes import Bepaling, bepaal_route
from routing_api.routering import repository
from routing_api.routering.models import Routering as RouteringRow
from routing_api.routering.schemas import (
    HerbepalingVerzoek,
    Overschrijving,
    OverschrijvingVerzoek,
    Route,
    Routering,
    RouteringVerzoek,
)


def _feiten_hash(invoer: dict[str, Any]) -> str:
    """The hash of the facts (not of the application id): equal facts, equal hash."""
    return request_fingerprint({k: v for k, v in invoer.items() if k != "aanvraagId"})


class Antwoord(NamedTuple):
    """A determination's response: the JSON body as bytes (as stored), status and headers."""

    routering_id: uuid.UUID
    status_code: int
    body: bytes
    headers: dict[str, str]


def _body(
    verzoek: RouteringVerzoek,
    bepaling: Bepaling,
    versie: VersieKeuze | BeleidsversieRij,
    routering_id: uuid.UUID,
    feiten_hash: str,
    herbepaling_van: uuid.UUID | None,
) -> dict[str, Any]:
    """The `Routering` of the contract as plain data, in its field order: building ~150 pydantic models per
    determination to dump them again cost more than the rules (a test holds it to the model)."""
    # Enum members as their values: pydantic_core serialises a plain str many times faster than an enum.
    route = bepaling.route.value
    return {
        "id": routering_id,
        "aanvraagId": verzoek.aanvraagId,
        "route": route,
        "redenen": bepaling.redenen,
        "regels": [
            {
                "regel": r.regel,
                "uitkomst": r.uitkomst.value,
                "toelichting": r.toelichting,
                "invoer": [{"naam": naam, "waarde": waarde, "bron": bron.value} for naam, waarde, bron in r.invoer],
                "voorwaarde": r.voorwaarde,
            }
            for r in bepaling.regels
        ],
        "beleidsversie": {"id": versie.id, "inhoudHash": versie.inhoud_hash},
        "deelroutes": [{"product": p.value, "route": r.value, "redenen": why} for p, r, why in bepaling.deelroutes]
        if bepaling.deelroutes
        else None,
        "bepaaldOp": utcnow(),
        "invoerHash": feiten_hash,
        "herbepalingVan": herbepaling_van,
        "overschrijving": None,
        "geldendeRoute": route,
    }


log = structlog.get_logger("routing.routeringen")


async def _determine(
    session: AsyncSession,
    verzoek: RouteringVerzoek,
    invoer: dict[str, Any],
    versie: VersieKeuze | BeleidsversieRij,
    routering_id: uuid.UUID,
    herbepaling_van: uuid.UUID | None = None,
) -> tuple[dict[str, Any], Antwoord]:
    """Evaluate and serialise once: the row to record (those bytes) and the answer (the same bytes)."""
    bepaling = bepaal_route(verzoek, await beleid.inhoud_van(session, versie))
    feiten_hash = _feiten_hash(invoer)
    body = _body(verzoek, bepaling, versie, routering_id, feiten_hash, herbepaling_van)
    tekst = to_json(body)
    # No personal data: ids, route, rule ids and the policy version only.
    log.info(
        "route_bepaald",
        routering_id=str(routering_id),
        aanvraag_id=str(verzoek.aanvraagId) if verzoek.aanvraagId else None,
        route=bepaling.route.value,
        regels=[r.split(":")[0] for r in bepaling.redenen] if bepaling.route is not Route.GROEN else [],
        beleidsversie=versie.id,
    )
    row = {
        "id": routering_id,
        "aanvraag_id": verzoek.aanvraagId,
        "gemeentecode": verzoek.gemeentecode,
        "route": bepaling.route.value,
        "beleidsversie_id": versie.id,
        "beleidsversie_hash": versie.inhoud_hash,
        "invoer_hash": feiten_hash,
        "invoer": invoer,
        "resultaat": tekst.decode(),
        "bepaald_op": body["bepaaldOp"],
        "herbepaling_van": herbepaling_van,
        "overschrijving": None,
    }
    return row, Antwoord(routering_id, 201, tekst, _location(routering_id))


async def _determine_and_record(
    session: AsyncSession,
    verzoek: RouteringVerzoek,
    invoer: dict[str, Any],
    versie: VersieKeuze | BeleidsversieRij,
    routering_id: uuid.UUID,
    herbepaling_van: uuid.UUID | None = None,
) -> Antwoord:
    """Evaluate, serialise once, record those bytes and answer with them."""
    row, antwoord = await _determine(session, verzoek, invoer, versie, routering_id, herbepaling_van)
    await repository.insert_row(session, **row)
    return antwoord


def _location(routering_id: uuid.UUID) -> dict[str, str]:
    return {"Location": f"/v1/routeringen/{routering_id}"}


async def _once(
    session: AsyncSession,
    scope: str,
    key: str | None,
    payload: Any,
    action: Callable[[uuid.UUID], Awaitable[Antwoord]],
) -> Antwoord:
    """Determine once per (scope, Idempotency-Key). The key is claimed first (bbz_common.idempotency's
    claim_first) with a record that points at the determination about to be made, instead of a copy of it;
    a repeated request is answered with the recorded bytes of that determination."""
    routering_id = new_id()
    if key is None:
        return await action(routering_id)
    earlier = await claim_first(
        session,
        IdempotencyRecord,
        scope=scope,
        key=key,
        payload=payload,
        response=StoredResponse(201, {"id": str(routering_id)}, _location(routering_id)),
    )
    if earlier is not None:
        # Records written before migration 0003 hold the whole body instead of {id}; it has the same id.
        row = await _row(session, uuid.UUID(str(earlier.document["id"])))
        return Antwoord(row.id, earlier.status_code, row.resultaat.encode(), earlier.headers)
    return await action(routering_id)


async def create(session: AsyncSession, verzoek: RouteringVerzoek, caller: str, key: str | None) -> Antwoord:
    # Dumped once: the recorded facts, the Idempotency-Key's fingerprint and the hash of the facts.
    invoer = verzoek.model_dump(mode="json")
    scope = f"routeringen:{caller}"
    if key is not None and session.get_bind().dialect.name == "postgresql":
        antwoord = await _create_in_one_statement(session, verzoek, invoer, scope, key)
        if antwoord is not None:
            return antwoord
        # Nothing written (the key was used before, the policy versions changed, or none is valid): the way of
        # SQLite in a transaction of its own: claim_first's answer for a taken key, else a determination.
        await session.rollback()

    async def action(routering_id: uuid.UUID) -> Antwoord:
        versie = await beleid.valid_for(session, verzoek.gemeentecode, verzoek.aanvraagdatum)
        return await _determine_and_record(session, verzoek, invoer, versie, routering_id)

    return await _once(session, scope, key, invoer, action)


async def _create_in_one_statement(
    session: AsyncSession, verzoek: RouteringVerzoek, invoer: dict[str, Any], scope: str, key: str
) -> Antwoord | None:
    """PostgreSQL: one statement without a transaction around it, instead of six round trips (BEGIN, claim,
    policy, record, COMMIT). The policy version is chosen from the municipality's active versions as this
    process read them before (`beleid.gekozen`: read once, then kept), the route determined, and then the key
    is claimed and the determination recorded in one statement, which is atomic by itself and writes only
    while those versions are still the active ones. None: nothing was written, because the key was taken,
    the active versions changed, or no version is valid.

    The same outcome as `_once`: a key is claimed together with the determination it points at, or not at
    all, under the version a fresh read would choose. Only the order differs: a repeated request is evaluated
    before its key is found taken (the answer is still the recorded one)."""
    # The session's connection in autocommit: no BEGIN and no COMMIT round trip; the statement commits itself.
    await session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
    keuze = await beleid.gekozen(session, verzoek.gemeentecode, verzoek.aanvraagdatum)
    if keuze is None:
        return None
    versie, policy_ids = keuze
    routering_id = new_id()
    row, antwoord = await _determine(session, verzoek, invoer, versie, routering_id)
    response = StoredResponse(201, {"id": str(routering_id)}, _location(routering_id))
    key_row = {
        "id": new_id(),
        "scope": scope,
        "key": key,
        "request_hash": request_fingerprint(invoer),
        "status_code": response.status_code,
        "response_body": response.body,
        "response_headers": response.headers,
        "created_at": utcnow(),
    }
    if await repository.claim_and_insert(session, key_row, row, policy_ids):
        return antwoord
    beleid.vergeet(session, verzoek.gemeentecode)  # read them again next time, in case they changed
    return None


async def _row(session: AsyncSession, routering_id: uuid.UUID) -> RouteringRow:
    row = await repository.get(session, routering_id)
    if row is None:
        raise NotFound("No route determination with this id.")
    return row


def _from_row(row: RouteringRow) -> Routering:
    routering = Routering.model_validate_json(row.resultaat)
    if row.overschrijving is not None:
        override = Overschrijving.model_validate(row.overschrijving)
        return routering.model_copy(update={"overschrijving": override, "geldendeRoute": override.route})
    return routering.model_copy(update={"geldendeRoute": routering.route})


async def get(session: AsyncSession, routering_id: uuid.UUID) -> bytes:
    """The recorded determination as JSON: as answered, or with the override and the route that now applies."""
    row = await _row(session, routering_id)
    if row.overschrijving is None:
        return row.resultaat.encode()
    return _from_row(row).model_dump_json().encode()


async def redetermine(
    session: AsyncSession, routering_id: uuid.UUID, verzoek: HerbepalingVerzoek, caller: str, key: str | None
) -> Antwoord:
    """Determine again from the recorded facts: under the version now valid, or under a named version."""

    async def action(nieuw_id: uuid.UUID) -> Antwoord:
        previous = await _row(session, routering_id)
        facts = RouteringVerzoek.model_validate(previous.invoer)
        versie: VersieKeuze | BeleidsversieRij
        if verzoek.beleidsversieId is not None:
            versie = await beleid.get_row(session, verzoek.beleidsversieId)
        else:
            versie = await beleid.valid_for(session, facts.gemeentecode, facts.aanvraagdatum)
        return await _determine_and_record(session, facts, facts.model_dump(mode="json"), versie, nieuw_id, previous.id)

    payload: dict[str, Any] = {"routeringId": str(routering_id), **verzoek.model_dump(mode="json")}
    return await _once(session, f"herbepalingen:{caller}", key, payload, action)


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
