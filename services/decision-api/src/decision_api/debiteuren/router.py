import uuid

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from bbz_common.app import IdempotencyKey, SessionDep
from bbz_common.paging import Limit, Offset
from decision_api.clock import ClockDep
from decision_api.debiteuren import service
from decision_api.debiteuren.schemas import Debiteur, OntvangstOut, OntvangstRegistreren
from decision_api.deps import MoneyReader, Officer
from decision_api.idempotentie import eenmalig

router = APIRouter(tags=["debiteuren"])


@router.get(
    "/debiteuren",
    response_model=list[Debiteur],
    summary="Per applicant the loans and claims: up to date, in arrears or deferred; reminders due",
    description="A page of debtors (limit, offset), the one in debt longest first (the earliest loan or claim), "
    "then by applicant key and handling: pages neither skip nor repeat a debtor. A page shorter than limit is the "
    "last.",
    responses={403: {}},
)
async def list_debiteuren(
    session: SessionDep,
    caller: MoneyReader,
    clock: ClockDep,
    limit: Limit = 50,
    offset: Offset = 0,
) -> list[Debiteur]:
    return await service.overzicht(session, clock, limit, offset)


@router.post(
    "/leningen/{leningId}/ontvangsten",
    status_code=201,
    response_model=OntvangstOut,
    summary="Record a repayment received on a loan",
    responses={403: {}, 404: {}},
)
async def add_lening_ontvangst(
    leningId: uuid.UUID,
    body: OntvangstRegistreren,
    session: SessionDep,
    caller: Officer,
    clock: ClockDep,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    async def action() -> OntvangstOut:
        return await service.registreren(session, "lening", leningId, body, caller, clock)

    payload = {"leningId": str(leningId), **body.model_dump(mode="json")}
    return await eenmalig(session, caller, idempotency_key, "ontvangsten", payload, action)


@router.post(
    "/vorderingen/{vorderingId}/ontvangsten",
    status_code=201,
    response_model=OntvangstOut,
    summary="Record a payment received on a recovery claim",
    responses={403: {}, 404: {}},
)
async def add_vordering_ontvangst(
    vorderingId: uuid.UUID,
    body: OntvangstRegistreren,
    session: SessionDep,
    caller: Officer,
    clock: ClockDep,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    async def action() -> OntvangstOut:
        return await service.registreren(session, "vordering", vorderingId, body, caller, clock)

    payload = {"vorderingId": str(vorderingId), **body.model_dump(mode="json")}
    return await eenmalig(session, caller, idempotency_key, "ontvangsten", payload, action)
