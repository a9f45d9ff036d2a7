import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from bbz_common.app import IdempotencyKey, SessionDep
from bbz_common.paging import Limit, Offset
from decision_api.behandelingen import service as behandelingen
from decision_api.clock import ClockDep
from decision_api.deps import Backoffice, Officer
from decision_api.idempotentie import eenmalig
from decision_api.termijnen import service
from decision_api.termijnen.schemas import (
    HerstelverzoekOut,
    HerstelverzoekVersturen,
    TermijnOut,
    TermijnSignaal,
    Verlengen,
)

router = APIRouter(tags=["termijnen"])


@router.get(
    "/behandelingen/{behandelingId}/termijn",
    response_model=TermijnOut,
    summary="The decision period: last day to decide, extension, suspension",
    responses={403: {}, 404: {}},
)
async def get_termijn(behandelingId: uuid.UUID, session: SessionDep, caller: Backoffice, clock: ClockDep) -> TermijnOut:
    return await service.termijn_out(session, await behandelingen.load(session, behandelingId), clock)


@router.post(
    "/behandelingen/{behandelingId}/verlenging",
    response_model=TermijnOut,
    summary="Extend the decision period (once, before it runs out)",
    responses={403: {}, 404: {}, 409: {}},
)
async def extend_termijn(
    behandelingId: uuid.UUID, body: Verlengen, session: SessionDep, caller: Officer, clock: ClockDep
) -> TermijnOut:
    return await service.verlengen(session, await behandelingen.load(session, behandelingId), body, clock)


@router.post(
    "/behandelingen/{behandelingId}/herstelverzoeken",
    status_code=201,
    response_model=HerstelverzoekOut,
    summary="Ask the applicant to complete the application (starts the repair period, suspends the clock)",
    responses={403: {}, 404: {}, 409: {}},
)
async def send_herstelverzoek(
    behandelingId: uuid.UUID,
    body: HerstelverzoekVersturen,
    session: SessionDep,
    caller: Officer,
    clock: ClockDep,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    async def action() -> HerstelverzoekOut:
        b = await behandelingen.load(session, behandelingId)
        return await service.herstelverzoek_versturen(session, b, body, caller, clock)

    payload = {"behandelingId": str(behandelingId), **body.model_dump(mode="json")}
    return await eenmalig(session, caller, idempotency_key, "herstelverzoeken", payload, action)


@router.get(
    "/behandelingen/{behandelingId}/herstelverzoeken",
    response_model=list[HerstelverzoekOut],
    summary="The requests to complete the application",
    responses={403: {}, 404: {}},
)
async def list_herstelverzoeken(
    behandelingId: uuid.UUID, session: SessionDep, caller: Backoffice
) -> list[HerstelverzoekOut]:
    return await service.verzoeken_out(session, await behandelingen.load(session, behandelingId))


@router.post(
    "/behandelingen/{behandelingId}/herstelverzoeken/{verzoekId}/aanvulling",
    response_model=HerstelverzoekOut,
    summary="Record that the applicant completed the application (the clock runs again)",
    responses={403: {}, 404: {}, 409: {}},
)
async def record_aanvulling(
    behandelingId: uuid.UUID, verzoekId: uuid.UUID, session: SessionDep, caller: Officer, clock: ClockDep
) -> HerstelverzoekOut:
    b = await behandelingen.load(session, behandelingId)
    return await service.aanvulling_ontvangen(session, b, verzoekId, clock)


@router.get(
    "/termijnbewaking",
    response_model=list[TermijnSignaal],
    summary="Open handlings nearing or past their last day to decide",
    description="A page of the open handlings (limit, offset) whose last day to decide falls within the window "
    "(`binnenDagen`) or has passed: the nearest last day to decide first, threatening situations first on the same "
    "day, then by handling id: pages neither skip nor repeat a handling. A page shorter than limit is the last. "
    "Without parameters: the first 50 within the national signalling period.",
    responses={403: {}},
)
async def list_termijnbewaking(
    session: SessionDep,
    caller: Backoffice,
    clock: ClockDep,
    binnenDagen: Annotated[
        int | None, Query(ge=0, le=365, description="Window in days; default the parameter signaleringstermijn")
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> list[TermijnSignaal]:
    return await service.termijnbewaking(session, binnenDagen, limit, offset, clock)
