import uuid
from typing import Annotated

from fastapi import APIRouter, Depends
from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.app import get_db_session
from bbz_common.auth import APPROVER, AUDITOR, OFFICER, SERVICE, Principal, require_roles
from decision_api.besluiten import service
from decision_api.besluiten.schemas import BesluitOut

router = APIRouter(tags=["besluiten"])
SessionDep = Annotated[AsyncSession, Depends(get_db_session)]
Reader = Annotated[Principal, Depends(require_roles(OFFICER, APPROVER, AUDITOR, SERVICE))]


@router.get("/besluiten/{besluitId}", response_model=BesluitOut, summary="One decision", responses={404: {}, 403: {}})
async def get_besluit(besluitId: uuid.UUID, session: SessionDep, caller: Reader) -> BesluitOut:
    return await service.get(session, besluitId)
