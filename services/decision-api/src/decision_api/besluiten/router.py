import uuid

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from bbz_common.app import IdempotencyKey, SessionDep
from bbz_common.paging import Limit, Offset
from decision_api.besluiten import service
from decision_api.besluiten.schemas import (
    BesluitOut,
    BesluitVoorstellen,
    BesluitvoorstelOut,
    Fiattering,
    VoorstelStatus,
)
from decision_api.clock import ClockDep
from decision_api.deps import Approver, Backoffice, Officer, SettingsDep
from decision_api.idempotentie import eenmalig

router = APIRouter(tags=["besluiten"])


@router.get("/besluiten/{besluitId}", response_model=BesluitOut, summary="One decision", responses={404: {}, 403: {}})
async def get_besluit(besluitId: uuid.UUID, session: SessionDep, caller: Backoffice) -> BesluitOut:
    return await service.get(session, besluitId)


@router.post(
    "/behandelingen/{behandelingId}/besluitvoorstellen",
    status_code=201,
    response_model=BesluitvoorstelOut,
    summary="Propose a decision on one part of the application (four-eyes: another officer approves)",
    responses={403: {}, 404: {}, 409: {}},
)
async def propose_besluit(
    behandelingId: uuid.UUID,
    body: BesluitVoorstellen,
    session: SessionDep,
    caller: Officer,
    clock: ClockDep,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    async def action() -> BesluitvoorstelOut:
        return await service.voorstellen(session, behandelingId, body, caller, clock)

    payload = {"behandelingId": str(behandelingId), **body.model_dump(mode="json")}
    return await eenmalig(session, caller, idempotency_key, "besluitvoorstellen", payload, action)


@router.get(
    "/besluitvoorstellen",
    response_model=list[BesluitvoorstelOut],
    summary="Proposals by status: the approver's queue (threatening situations first, then the deadline)",
    description=(
        "A page at a time (`limit`/`offset`, default 50, at most 500) in a total order: threatening situations "
        "first, then the nearest last day to decide of the handling, then the oldest proposal, then the id, so "
        "that consecutive pages neither skip nor repeat a proposal."
    ),
    responses={403: {}},
)
async def list_besluitvoorstellen(
    session: SessionDep,
    caller: Backoffice,
    status: VoorstelStatus = VoorstelStatus.VOORGESTELD,
    limit: Limit = 50,
    offset: Offset = 0,
) -> list[BesluitvoorstelOut]:
    return await service.voorstellen_lijst(session, status, limit, offset)


@router.get(
    "/besluitvoorstellen/{voorstelId}",
    response_model=BesluitvoorstelOut,
    summary="One proposed decision",
    responses={403: {}, 404: {}},
)
async def get_besluitvoorstel(voorstelId: uuid.UUID, session: SessionDep, caller: Backoffice) -> BesluitvoorstelOut:
    return await service.voorstel(session, voorstelId)


@router.post(
    "/besluitvoorstellen/{voorstelId}/fiattering",
    response_model=BesluitvoorstelOut,
    summary="Approve a proposal (it becomes the decision) or send it back; never one's own proposal",
    responses={403: {}, 404: {}, 409: {}},
)
async def approve_besluitvoorstel(
    voorstelId: uuid.UUID,
    body: Fiattering,
    session: SessionDep,
    caller: Approver,
    clock: ClockDep,
    settings: SettingsDep,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    async def action() -> BesluitvoorstelOut:
        return await service.fiatteren(session, voorstelId, body, caller, clock, settings)

    payload = {"voorstelId": str(voorstelId), **body.model_dump(mode="json")}
    return await eenmalig(session, caller, idempotency_key, "fiattering", payload, action, status_code=200)
