import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response

from bbz_common.app import IdempotencyKey, SessionDep
from bbz_common.paging import Offset
from decision_api.betalingen import service
from decision_api.betalingen.schemas import BetaalbestandOut, BetaalopdrachtOut, Exporteren, OpdrachtStatus
from decision_api.clock import ClockDep
from decision_api.deps import Approver, MoneyReader, SettingsDep
from decision_api.idempotentie import eenmalig

router = APIRouter(tags=["betalingen"])


@router.get(
    "/betaalopdrachten",
    response_model=list[BetaalopdrachtOut],
    summary="Payment orders, by decision and status",
    responses={403: {}},
)
async def list_betaalopdrachten(
    session: SessionDep,
    caller: MoneyReader,
    besluitId: uuid.UUID | None = None,
    status: OpdrachtStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Offset = 0,
) -> list[BetaalopdrachtOut]:
    return await service.lijst(session, besluitId, status, limit, offset)


@router.post(
    "/besluiten/{besluitId}/betaalopdrachten/goedkeuring",
    response_model=list[BetaalopdrachtOut],
    summary="Approve the ready payment orders of a decision",
    responses={403: {}, 404: {}, 409: {}},
)
async def approve_betaalopdrachten(
    besluitId: uuid.UUID, session: SessionDep, caller: Approver
) -> list[BetaalopdrachtOut]:
    return await service.goedkeuren(session, besluitId, caller)


@router.post(
    "/betaalbestanden",
    status_code=201,
    response_model=BetaalbestandOut,
    summary="Export approved payment orders as one SEPA pain.001 file (never an order twice)",
    responses={403: {}, 409: {}},
)
async def create_betaalbestand(
    body: Exporteren,
    session: SessionDep,
    caller: Approver,
    clock: ClockDep,
    settings: SettingsDep,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    async def action() -> BetaalbestandOut:
        return await service.exporteren(session, body, caller, clock, settings)

    return await eenmalig(session, caller, idempotency_key, "betaalbestanden", body.model_dump(mode="json"), action)


@router.get(
    "/betaalbestanden/{betaalbestandId}",
    response_model=BetaalbestandOut,
    summary="One payment file",
    responses={403: {}, 404: {}},
)
async def get_betaalbestand(betaalbestandId: uuid.UUID, session: SessionDep, caller: MoneyReader) -> BetaalbestandOut:
    return service.bestand_out(await service.bestand(session, betaalbestandId))


@router.get(
    "/betaalbestanden/{betaalbestandId}/xml",
    response_class=Response,
    summary="The pain.001 file",
    responses={200: {"content": {"application/xml": {"schema": {"type": "string"}}}}, 403: {}, 404: {}},
)
async def get_betaalbestand_xml(betaalbestandId: uuid.UUID, session: SessionDep, caller: MoneyReader) -> Response:
    b = await service.bestand(session, betaalbestandId)
    return Response(b.xml, media_type="application/xml")


@router.post(
    "/betaalbestanden/{betaalbestandId}/betaald",
    response_model=BetaalbestandOut,
    summary="Record that the bank executed the file: its orders are paid",
    responses={403: {}, 404: {}},
)
async def mark_betaalbestand_paid(
    betaalbestandId: uuid.UUID, session: SessionDep, caller: Approver
) -> BetaalbestandOut:
    return await service.betaald(session, betaalbestandId)
