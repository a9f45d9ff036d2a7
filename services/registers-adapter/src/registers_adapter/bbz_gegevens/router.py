import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from bbz_common.app import SessionDep
from bbz_common.auth import OFFICER, SERVICE, Principal, require_roles
from bbz_common.problems import Problem, ProblemError, problem_response
from registers_adapter.bbz_gegevens import service
from registers_adapter.bbz_gegevens.schemas import BbzGegevens, BbzGegevensVerzoek

router = APIRouter(tags=["bbz-gegevens"])

# Vendors prefill the form after DigiD login through intake-api (its prefill endpoint), which calls here as a
# service; a vendor key never reads the registers directly.
Caller = Annotated[Principal, Depends(require_roles(SERVICE, OFFICER, service_scope="bbz-gegevens"))]


@router.post(
    "/bbz-gegevens",
    response_model=BbzGegevens,
    summary="Look up what a Bbz application needs from BRP, KVK, Suwinet and the municipality, each value sourced",
    description=(
        "The BSN travels in the body, never in a URL. Every register read is logged as a processing record, "
        "also when the register fails. Of co-residents only numbers are returned. An unavailable register "
        "gives 503 (retry later); a register that refuses the adapter's request gives 502."
    ),
    responses={
        403: {},
        502: {"model": Problem, "description": "A register refused the request"},
        503: {"model": Problem, "description": "A register is unavailable"},
    },
)
async def lookup(
    verzoek: BbzGegevensVerzoek, request: Request, session: SessionDep, caller: Caller
) -> BbzGegevens | JSONResponse:
    try:
        return await service.lookup(
            session, verzoek, caller, request.app.state.settings, request.app.state.registers, dt.date.today()
        )
    except ProblemError as exc:
        # Answered, not raised: the unit of work still commits the processing records (status Error included).
        return problem_response(exc.status, exc.title, exc.detail, request=request, code=exc.code)
