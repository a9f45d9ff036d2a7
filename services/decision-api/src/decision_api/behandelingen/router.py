import uuid
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.app import PREFERENCE_APPLIED_MINIMAL, IdempotencyKey, Prefer, SessionDep, wants_minimal
from bbz_common.bulk import Outcome, run_bulk
from bbz_common.idempotency import validate_key
from bbz_common.paging import Limit, Offset
from decision_api.behandelingen import service
from decision_api.behandelingen.schemas import (
    Afsluiten,
    BehandelingAanbieden,
    BehandelingenAanbieden,
    BehandelingOut,
    BehandelingResultaten,
    Notitie,
    NotitieToevoegen,
    Route,
    Toewijzing,
    WerkvoorraadItem,
)
from decision_api.clock import ClockDep
from decision_api.deps import Backoffice, Offerer, Officer, SettingsDep
from decision_api.idempotentie import eenmalig

router = APIRouter(tags=["behandelingen"])
LOCATION = {"Location": {"description": "URL of the new handling", "schema": {"type": "string"}}}
PREFERENCE_APPLIED = {
    "Preference-Applied": {
        "description": "`return=minimal` when the caller asked for it: no body (RFC 7240)",
        "schema": {"type": "string"},
    }
}


@router.post(
    "/behandelingen",
    status_code=201,
    response_model=BehandelingOut,
    summary="Offer a routed application for handling (intake-api)",
    description="Green: granted automatically. Orange and red: placed in the work queue. Offering the same "
    "application again creates nothing new (200). With `Prefer: return=minimal` a new handling is answered 201 "
    "with its `Location` and `Preference-Applied: return=minimal` and no body; a handling offered before is "
    "still answered 200 with the handling.",
    responses={
        201: {"headers": {**LOCATION, **PREFERENCE_APPLIED}},
        200: {"description": "Already offered before", "model": BehandelingOut},
        409: {},
        403: {},
    },
)
async def offer_behandeling(
    body: BehandelingAanbieden,
    session: SessionDep,
    caller: Offerer,
    clock: ClockDep,
    settings: SettingsDep,
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
    prefer: Prefer = None,
) -> Response:
    stored = await service.aanbieden(
        session, body, caller, validate_key(idempotency_key), clock, settings, minimal=wants_minimal(prefer)
    )
    return stored.as_response()


@router.post(
    "/behandelingen/bulk",
    response_model=BehandelingResultaten,
    summary="Offer several routed applications for handling at once (intake-api)",
    description="Each application is answered as `POST /v1/behandelingen` would answer it (201 with its "
    "`Location`, 200 when offered before, 409, ...), in the order given and as it would be answered alone: a "
    "failure of one changes nothing of the others. Each request's `idempotencyKey` has the semantics of that "
    "endpoint's Idempotency-Key and shares its scope, so a key used on one endpoint replays on the other. "
    "`Prefer: return=minimal` applies to each request as on that endpoint: a new handling's result has its "
    "`location` and no `resultaat`. An invalid request anywhere refuses the whole bulk (400) and nothing is done.",
    responses={200: {"headers": PREFERENCE_APPLIED}, 403: {}},
)
async def offer_behandelingen(
    body: BehandelingenAanbieden,
    request: Request,
    caller: Offerer,
    clock: ClockDep,
    settings: SettingsDep,
    prefer: Prefer = None,
) -> Response:
    minimal = wants_minimal(prefer)

    async def aanbieden(session: AsyncSession, verzoek: BehandelingAanbieden, key: str | None) -> Outcome:
        stored = await service.aanbieden(session, verzoek, caller, key, clock, settings, minimal=minimal)
        return Outcome(stored.status_code, stored.body, stored.headers)

    response = await run_bulk(request.app.state.db, body.verzoeken, aanbieden, path=request.url.path)
    if minimal:
        response.headers.update(PREFERENCE_APPLIED_MINIMAL)
    return response


@router.get(
    "/behandelingen/{behandelingId}",
    response_model=BehandelingOut,
    summary="One handling, with the route explanation",
    responses={404: {}, 403: {}},
)
async def get_behandeling(behandelingId: uuid.UUID, session: SessionDep, caller: Backoffice) -> BehandelingOut:
    return await service.get(session, behandelingId)


@router.get(
    "/werkvoorraad",
    response_model=list[WerkvoorraadItem],
    summary="Open work: threatening situations first, then the nearest deadline",
    responses={403: {}},
)
async def list_werkvoorraad(
    session: SessionDep,
    caller: Backoffice,
    behandelaar: Annotated[str | None, Query(max_length=100, description="Only work assigned to this officer")] = None,
    route: Route | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> list[WerkvoorraadItem]:
    return await service.werkvoorraad(session, limit, offset, behandelaar, route)


@router.put(
    "/behandelingen/{behandelingId}/toewijzing",
    response_model=BehandelingOut,
    summary="Assign the handling to an officer",
    responses={403: {}, 404: {}, 409: {}},
)
async def assign_behandeling(
    behandelingId: uuid.UUID, body: Toewijzing, session: SessionDep, caller: Officer, settings: SettingsDep
) -> BehandelingOut:
    return await service.toewijzen(session, behandelingId, body, settings)


@router.post(
    "/behandelingen/{behandelingId}/notities",
    status_code=201,
    response_model=Notitie,
    summary="Add a note to the file",
    responses={403: {}, 404: {}},
)
async def add_notitie(
    behandelingId: uuid.UUID,
    body: NotitieToevoegen,
    session: SessionDep,
    caller: Officer,
    clock: ClockDep,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    async def action() -> Notitie:
        return await service.notitie_toevoegen(session, behandelingId, body, caller, clock)

    payload = {"behandelingId": str(behandelingId), **body.model_dump(mode="json")}
    return await eenmalig(session, caller, idempotency_key, "notities", payload, action)


@router.get(
    "/behandelingen/{behandelingId}/notities",
    response_model=list[Notitie],
    summary="The notes on the file",
    responses={403: {}, 404: {}},
)
async def list_notities(behandelingId: uuid.UUID, session: SessionDep, caller: Backoffice) -> list[Notitie]:
    return await service.notities(session, behandelingId)


@router.post(
    "/behandelingen/{behandelingId}/afsluiting",
    response_model=BehandelingOut,
    summary="Close a duplicate application without a decision",
    responses={403: {}, 404: {}, 409: {}},
)
async def close_behandeling(
    behandelingId: uuid.UUID, body: Afsluiten, session: SessionDep, caller: Officer, clock: ClockDep
) -> BehandelingOut:
    return await service.afsluiten(session, behandelingId, body, caller, clock)
