import uuid

from fastapi import APIRouter

from bbz_common.app import SessionDep
from bbz_common.paging import Limit, Offset
from decision_api.clock import ClockDep
from decision_api.deps import MoneyReader, Officer
from decision_api.leningen import service
from decision_api.leningen.schemas import (
    AflossingsTermijn,
    AkteOndertekenen,
    LeningOut,
    Omzetting,
    Opeisen,
    Rentekwijtschelding,
    UitstelAanvragen,
)

router = APIRouter(tags=["leningen"])


@router.get(
    "/leningen",
    response_model=list[LeningOut],
    summary="Business capital loans",
    description="A page of the loans (limit, offset), with behandelingId only that handling's: the oldest loan first, "
    "then by loan id: pages neither skip nor repeat a loan. A page shorter than limit is the last. Without "
    "limit and offset: the first 50.",
    responses={403: {}},
)
async def list_leningen(
    session: SessionDep,
    caller: MoneyReader,
    behandelingId: uuid.UUID | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> list[LeningOut]:
    return await service.lijst(session, behandelingId, limit, offset)


@router.get("/leningen/{leningId}", response_model=LeningOut, summary="One loan", responses={403: {}, 404: {}})
async def get_lening(leningId: uuid.UUID, session: SessionDep, caller: MoneyReader) -> LeningOut:
    return service.to_out(await service.load(session, leningId))


@router.get(
    "/leningen/{leningId}/aflossingsschema",
    response_model=list[AflossingsTermijn],
    summary="The annuity repayment schedule, with deferrals",
    responses={403: {}, 404: {}},
)
async def get_aflossingsschema(
    leningId: uuid.UUID, session: SessionDep, caller: MoneyReader
) -> list[AflossingsTermijn]:
    return await service.aflossingsschema(session, leningId)


@router.post(
    "/leningen/{leningId}/akte",
    response_model=LeningOut,
    summary="Record the signed loan deed: only then is the payout set out",
    responses={403: {}, 404: {}, 409: {}},
)
async def sign_akte(
    leningId: uuid.UUID, body: AkteOndertekenen, session: SessionDep, caller: Officer, clock: ClockDep
) -> LeningOut:
    return await service.akte_ondertekenen(session, leningId, body, clock)


@router.post(
    "/leningen/{leningId}/uitstel",
    response_model=LeningOut,
    summary="Defer repayment (at most the dated maximum over the loan's life; principal before interest)",
    responses={403: {}, 404: {}, 409: {}},
)
async def defer_lening(
    leningId: uuid.UUID, body: UitstelAanvragen, session: SessionDep, caller: Officer, clock: ClockDep
) -> LeningOut:
    return await service.uitstel_verlenen(session, leningId, body, clock)


@router.post(
    "/leningen/{leningId}/opeisbaarheid",
    response_model=LeningOut,
    summary="Declare the loan immediately claimable",
    responses={403: {}, 404: {}, 409: {}},
)
async def claim_lening(
    leningId: uuid.UUID, body: Opeisen, session: SessionDep, caller: Officer, clock: ClockDep
) -> LeningOut:
    return await service.opeisen(session, leningId, body, clock)


@router.post(
    "/leningen/{leningId}/rentekwijtschelding",
    response_model=LeningOut,
    summary="Remit the interest of loan year 1 or 2 (income below the annual norm)",
    responses={403: {}, 404: {}, 409: {}},
)
async def remit_rente(
    leningId: uuid.UUID, body: Rentekwijtschelding, session: SessionDep, caller: Officer
) -> LeningOut:
    return await service.rente_kwijtschelden(session, leningId, body)


@router.post(
    "/leningen/{leningId}/omzetting",
    response_model=LeningOut,
    summary="Convert (part of) the loan into a grant, om niet (income below the annual norm)",
    responses={403: {}, 404: {}, 409: {}},
)
async def convert_lening(leningId: uuid.UUID, body: Omzetting, session: SessionDep, caller: Officer) -> LeningOut:
    return await service.omzetten(session, leningId, body)
