import uuid

from fastapi import APIRouter

from bbz_common.app import SessionDep
from decision_api.behandelingen import service as behandelingen
from decision_api.bevindingen import service
from decision_api.bevindingen.schemas import BevindingOut, BevindingVastleggen, Voorwaarde
from decision_api.clock import ClockDep
from decision_api.deps import Backoffice, Officer

router = APIRouter(tags=["bevindingen"])


@router.put(
    "/behandelingen/{behandelingId}/bevindingen/{voorwaarde}",
    response_model=BevindingOut,
    summary="Record the finding on one legal condition, with its basis",
    responses={403: {}, 404: {}},
)
async def record_bevinding(
    behandelingId: uuid.UUID,
    voorwaarde: Voorwaarde,
    body: BevindingVastleggen,
    session: SessionDep,
    caller: Officer,
    clock: ClockDep,
) -> BevindingOut:
    b = await behandelingen.load(session, behandelingId)
    return await service.vastleggen(session, b.id, voorwaarde, body, caller, clock)


@router.get(
    "/behandelingen/{behandelingId}/bevindingen",
    response_model=list[BevindingOut],
    summary="The findings per legal condition",
    responses={403: {}, 404: {}},
)
async def list_bevindingen(behandelingId: uuid.UUID, session: SessionDep, caller: Backoffice) -> list[BevindingOut]:
    b = await behandelingen.load(session, behandelingId)
    return await service.lijst(session, b.id)
