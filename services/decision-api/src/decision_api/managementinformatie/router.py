from typing import Annotated

from fastapi import APIRouter, Depends

from bbz_common.app import SessionDep
from bbz_common.auth import APPROVER, AUDITOR, OFFICER, POLICY_ADMIN, Principal, require_roles
from bbz_common.problems import InvalidInput, InvalidParam
from decision_api.clock import ClockDep
from decision_api.datums import Datum
from decision_api.managementinformatie import service
from decision_api.managementinformatie.schemas import Managementinformatie

router = APIRouter(tags=["managementinformatie"])
Reader = Annotated[Principal, Depends(require_roles(OFFICER, APPROVER, AUDITOR, POLICY_ADMIN))]


@router.get(
    "/managementinformatie",
    response_model=Managementinformatie,
    summary="Counts per route, decision type, product and month; lead times; deadline breaches",
    responses={403: {}},
)
async def get_managementinformatie(
    vanaf: Datum, tot: Datum, session: SessionDep, caller: Reader, clock: ClockDep
) -> Managementinformatie:
    if tot < vanaf:
        raise InvalidInput(
            "tot lies before vanaf.",
            invalid_params=[InvalidParam(name="tot", code="before_start", reason="before vanaf")],
        )
    return await service.berekenen(session, vanaf, tot, clock)
