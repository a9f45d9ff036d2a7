from typing import Annotated

from fastapi import APIRouter, Depends

from bbz_common.app import SessionDep
from bbz_common.auth import APPROVER, AUDITOR, OFFICER, POLICY_ADMIN, Principal, require_roles
from decision_api.parameters import service
from decision_api.parameters.schemas import ParameterVersie, ParameterVersieNieuw
from decision_api.termijnen import service as termijnen

router = APIRouter(tags=["parameters"])
Reader = Annotated[Principal, Depends(require_roles(OFFICER, APPROVER, AUDITOR, POLICY_ADMIN))]
PolicyAdmin = Annotated[Principal, Depends(require_roles(POLICY_ADMIN))]


@router.get(
    "/parameters", response_model=list[ParameterVersie], summary="Every dated parameter version", responses={403: {}}
)
async def list_parameters(session: SessionDep, caller: Reader) -> list[ParameterVersie]:
    return await service.lijst(session)


@router.post(
    "/parameters",
    status_code=201,
    response_model=ParameterVersie,
    summary="Add a parameter version (a municipality's own or a new national one)",
    description=(
        "A version applies to what happens on or after its start date (for the decision period: to the applications "
        "received from then on). A new version of the decision period (`beslistermijn`) recomputes, in the same "
        "transaction, the last day to decide of the open handlings received in its period, so that the deadline "
        "list (`/termijnbewaking`) chooses and orders them by the deadline it shows."
    ),
    responses={403: {}},
)
async def add_parameter(body: ParameterVersieNieuw, session: SessionDep, caller: PolicyAdmin) -> ParameterVersie:
    versie = await service.toevoegen(session, body)
    await termijnen.na_nieuwe_versie(session, versie)
    return versie
