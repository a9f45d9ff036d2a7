from typing import Annotated

from fastapi import APIRouter, Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.app import get_db_session
from bbz_common.auth import OFFICER, SERVICE, VENDOR, Principal, require_roles
from registers_adapter.bbz_gegevens import service
from registers_adapter.bbz_gegevens.schemas import BbzGegevens, BbzGegevensVerzoek

router = APIRouter(tags=["bbz-gegevens"])

SessionDep = Annotated[AsyncSession, Depends(get_db_session)]
# Vendors prefill the form after DigiD login through intake-api, which calls here as a service.
Caller = Annotated[Principal, Depends(require_roles(SERVICE, OFFICER, VENDOR))]


@router.post(
    "/bbz-gegevens",
    response_model=BbzGegevens,
    summary="Look up what a Bbz application needs from BRP, KVK and Suwinet, each value with its source",
    description="The BSN travels in the body, never in a URL. Every register read is logged as a processing record.",
    responses={403: {}},
)
async def lookup(verzoek: BbzGegevensVerzoek, request: Request, session: SessionDep, caller: Caller) -> BbzGegevens:
    key = request.app.state.settings.pseudonym_key.get_secret_value()
    return await service.lookup(session, verzoek, caller, key)
