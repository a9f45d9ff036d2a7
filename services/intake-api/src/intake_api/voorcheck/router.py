from typing import Annotated

from fastapi import APIRouter, Depends

from bbz_common.auth import OFFICER, VENDOR, Principal, require_roles
from intake_api.voorcheck import service
from intake_api.voorcheck.schemas import DoelgroepCheck, DoelgroepCheckVerzoek

router = APIRouter(tags=["voorcheck"])

Caller = Annotated[Principal, Depends(require_roles(VENDOR, OFFICER))]


@router.post(
    "/doelgroep-checks",
    response_model=DoelgroepCheck,
    summary="Pre-check: the likely doelgroep and any exclusion grounds, as a warning (stateless)",
    description="Stores nothing. The answer is advice for the form: an applicant can always apply, and an "
    "application is never refused because of this check (model form T7).",
    responses={403: {}},
)
async def doelgroep_check(verzoek: DoelgroepCheckVerzoek, caller: Caller) -> DoelgroepCheck:
    return service.check(verzoek)
