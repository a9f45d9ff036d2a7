import uuid
from typing import Annotated

from fastapi import APIRouter, Depends

from bbz_common.app import SessionDep
from bbz_common.auth import APPROVER, AUDITOR, OFFICER, Principal, require_roles
from bbz_common.paging import Limit, Offset
from decision_api.clock import ClockDep
from decision_api.steekproef import service
from decision_api.steekproef.schemas import ControleResultaatVastleggen, ControleStatus, SteekproefcontroleOut

router = APIRouter(tags=["steekproef"])
Reader = Annotated[Principal, Depends(require_roles(OFFICER, APPROVER, AUDITOR))]
Officer = Annotated[Principal, Depends(require_roles(OFFICER, APPROVER))]


@router.get(
    "/steekproefcontroles",
    response_model=list[SteekproefcontroleOut],
    summary="Green grants drawn for an evidence check afterwards",
    responses={403: {}},
)
async def list_steekproefcontroles(
    session: SessionDep,
    caller: Reader,
    status: ControleStatus | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> list[SteekproefcontroleOut]:
    return await service.lijst(session, status, limit, offset)


@router.post(
    "/steekproefcontroles/{controleId}/resultaat",
    response_model=SteekproefcontroleOut,
    summary="Record the result of the evidence check",
    responses={403: {}, 404: {}, 409: {}},
)
async def record_steekproefresultaat(
    controleId: uuid.UUID, body: ControleResultaatVastleggen, session: SessionDep, caller: Officer, clock: ClockDep
) -> SteekproefcontroleOut:
    return await service.resultaat_vastleggen(session, controleId, body, caller, clock)
