from fastapi import APIRouter

from bbz_common.app import SessionDep
from decision_api.deps import Backoffice
from decision_api.normen import service
from decision_api.normen.schemas import Berekenen, Berekening, NormOut

router = APIRouter(tags=["normen"])


@router.get("/normen", response_model=list[NormOut], summary="The dated table of norms", responses={403: {}})
async def list_normen(session: SessionDep, caller: Backoffice) -> list[NormOut]:
    return await service.lijst(session)


@router.post(
    "/berekeningen/inkomensaanvulling",
    response_model=Berekening,
    summary="Compute the monthly top-up to the norm (with the cost-sharer norm) minus the income that counts",
    responses={403: {}, 409: {}},
)
async def calculate_inkomensaanvulling(body: Berekenen, session: SessionDep, caller: Backoffice) -> Berekening:
    return await service.berekenen(session, body)
