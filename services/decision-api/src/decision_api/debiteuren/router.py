import uuid

from fastapi import APIRouter

from decision_api.clock import ClockDep
from decision_api.debiteuren import service
from decision_api.debiteuren.schemas import Debiteur, OntvangstOut, OntvangstRegistreren
from decision_api.deps import Backoffice, Officer, SessionDep

router = APIRouter(tags=["debiteuren"])


@router.get(
    "/debiteuren",
    response_model=list[Debiteur],
    summary="Per applicant the loans and claims: up to date, in arrears or deferred; reminders due",
    responses={403: {}},
)
async def list_debiteuren(session: SessionDep, caller: Backoffice, clock: ClockDep) -> list[Debiteur]:
    return await service.overzicht(session, clock)


@router.post(
    "/leningen/{leningId}/ontvangsten",
    status_code=201,
    response_model=OntvangstOut,
    summary="Record a repayment received on a loan",
    responses={403: {}, 404: {}},
)
async def add_lening_ontvangst(
    leningId: uuid.UUID, body: OntvangstRegistreren, session: SessionDep, caller: Officer, clock: ClockDep
) -> OntvangstOut:
    return await service.registreren(session, "lening", leningId, body, caller, clock)


@router.post(
    "/vorderingen/{vorderingId}/ontvangsten",
    status_code=201,
    response_model=OntvangstOut,
    summary="Record a payment received on a recovery claim",
    responses={403: {}, 404: {}},
)
async def add_vordering_ontvangst(
    vorderingId: uuid.UUID, body: OntvangstRegistreren, session: SessionDep, caller: Officer, clock: ClockDep
) -> OntvangstOut:
    return await service.registreren(session, "vordering", vorderingId, body, caller, clock)
