import uuid

from fastapi import APIRouter

from bbz_common.app import SessionDep
from decision_api.deps import MoneyReader
from decision_api.vaststelling import service
from decision_api.vaststelling.schemas import VorderingOut

router = APIRouter(tags=["vorderingen"])


@router.get(
    "/vorderingen",
    response_model=list[VorderingOut],
    summary="Recovery claims with their schedule",
    responses={403: {}},
)
async def list_vorderingen(
    session: SessionDep, caller: MoneyReader, behandelingId: uuid.UUID | None = None
) -> list[VorderingOut]:
    return await service.lijst(session, behandelingId)


@router.get(
    "/vorderingen/{vorderingId}", response_model=VorderingOut, summary="One claim", responses={403: {}, 404: {}}
)
async def get_vordering(vorderingId: uuid.UUID, session: SessionDep, caller: MoneyReader) -> VorderingOut:
    return await service.get(session, vorderingId)
