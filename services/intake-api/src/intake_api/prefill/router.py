from typing import Annotated

import httpx
from fastapi import APIRouter, Depends

from bbz_common.auth import OFFICER, VENDOR, Principal, require_roles
from intake_api.prefill import service
from intake_api.prefill.client import registers_client
from intake_api.prefill.schemas import PrefillAntwoord, PrefillVerzoek

router = APIRouter(tags=["prefill"])

Caller = Annotated[Principal, Depends(require_roles(VENDOR, OFFICER))]
Registers = Annotated[httpx.AsyncClient, Depends(registers_client)]


@router.post(
    "/prefill",
    response_model=PrefillAntwoord,
    summary="Prefill the form after DigiD login: register values with their source, to confirm",
    description="The BSN travels in the body, never in a URL. The intake reads BRP, KVK and Suwinet through the "
    "registers-adapter (which logs the read as a processing record) and answers the form's field paths with "
    "their source. Of co-residents only the numbers are given. Nothing is stored.",
    responses={403: {}, 502: {"description": "The registers gave an answer the intake cannot read."}, 503: {}},
)
async def prefill(verzoek: PrefillVerzoek, caller: Caller, registers: Registers) -> PrefillAntwoord:
    return await service.prefill(registers, verzoek, caller.name)
