import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query
from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.app import get_db_session
from bbz_common.auth import APPROVER, AUDITOR, OFFICER, SERVICE, Principal, require_roles
from bbz_common.idempotency import validate_key
from decision_api.behandelingen import service
from decision_api.behandelingen.schemas import BehandelingAanbieden, BehandelingOut, WerkvoorraadItem

router = APIRouter(tags=["behandelingen"])
SessionDep = Annotated[AsyncSession, Depends(get_db_session)]
ServiceCaller = Annotated[Principal, Depends(require_roles(SERVICE))]
Backoffice = Annotated[Principal, Depends(require_roles(OFFICER, APPROVER, AUDITOR, SERVICE))]


@router.post(
    "/behandelingen",
    status_code=201,
    response_model=BehandelingOut,
    summary="Offer a routed application for handling (intake-api)",
    description="Green: granted automatically. Orange and red: placed in the work queue. Offering the same "
    "application again creates nothing new (200).",
    responses={200: {"description": "Already offered before", "model": BehandelingOut}, 409: {}, 403: {}},
)
async def offer_behandeling(
    body: BehandelingAanbieden,
    session: SessionDep,
    caller: ServiceCaller,
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
) -> JSONResponse:
    stored = await service.aanbieden(session, body, caller, validate_key(idempotency_key))
    return JSONResponse(stored.body, status_code=stored.status_code, headers=stored.headers)


@router.get(
    "/behandelingen/{behandelingId}",
    response_model=BehandelingOut,
    summary="One handling",
    responses={404: {}, 403: {}},
)
async def get_behandeling(behandelingId: uuid.UUID, session: SessionDep, caller: Backoffice) -> BehandelingOut:
    return await service.get(session, behandelingId)


@router.get(
    "/werkvoorraad",
    response_model=list[WerkvoorraadItem],
    summary="Open work: priority first, then oldest",
    responses={403: {}},
)
async def list_werkvoorraad(
    session: SessionDep,
    caller: Backoffice,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[WerkvoorraadItem]:
    return await service.werkvoorraad(session, limit, offset)
