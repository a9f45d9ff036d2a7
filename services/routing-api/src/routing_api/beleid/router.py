from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import JSONResponse

from bbz_common.app import SessionDep
from bbz_common.auth import APPROVER, AUDITOR, OFFICER, POLICY_ADMIN, SERVICE, Principal, require_roles
from bbz_common.nl import Gemeentecode
from routing_api.beleid import service
from routing_api.beleid.schemas import Beleidsversie, BeleidsversieInhoud

router = APIRouter(tags=["beleidsversies"])
Administrator = Annotated[Principal, Depends(require_roles(POLICY_ADMIN))]
Reader = Annotated[Principal, Depends(require_roles(POLICY_ADMIN, AUDITOR, OFFICER, APPROVER, SERVICE))]
VersieId = Annotated[str, Path(max_length=80, description="Id of the policy version")]


@router.get(
    "/beleidsversies",
    response_model=list[Beleidsversie],
    summary="The policy versions, of one municipality (and the defaults) or all",
    responses={403: {}},
)
async def list_beleidsversies(
    session: SessionDep,
    caller: Reader,
    gemeentecode: Annotated[Gemeentecode | None, Query(description="CBS gemeentecode")] = None,
) -> list[Beleidsversie]:
    return await service.list_versions(session, gemeentecode)


@router.get(
    "/beleidsversies/{beleidsversieId}",
    response_model=Beleidsversie,
    summary="One policy version with its content and hash",
    responses={403: {}, 404: {}},
)
async def get_beleidsversie(beleidsversieId: VersieId, session: SessionDep, caller: Reader) -> Beleidsversie:
    return await service.get(session, beleidsversieId)


@router.post(
    "/beleidsversies",
    status_code=201,
    response_model=Beleidsversie,
    summary="Create a policy version (concept); an inconsistent version is refused with a 400 naming the fields",
    responses={403: {}, 409: {}},
)
async def create_beleidsversie(inhoud: BeleidsversieInhoud, session: SessionDep, caller: Administrator) -> JSONResponse:
    created = await service.create(session, inhoud, caller.name)
    return JSONResponse(
        created.model_dump(mode="json"),
        status_code=201,
        headers={"Location": f"/v1/beleidsversies/{created.id}"},
    )


@router.post(
    "/beleidsversies/{beleidsversieId}/activering",
    response_model=Beleidsversie,
    summary="Activate a policy version: from now on it is used for applications in its validity period",
    responses={403: {}, 404: {}},
)
async def activate_beleidsversie(
    beleidsversieId: VersieId, session: SessionDep, caller: Administrator
) -> Beleidsversie:
    return await service.activate(session, beleidsversieId, caller.name)
