import asyncio
import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response

from bbz_common.app import SessionDep
from bbz_common.auth import OFFICER, SERVICE, Principal, require_roles
from bbz_common.bulk import (
    BulkItem,
    BulkRequest,
    BulkResponse,
    Outcome,
    bulk_response,
    problem_outcome,
    unexpected_outcome,
)
from bbz_common.correlation import bind_correlation_id
from bbz_common.problems import Problem, ProblemError, problem_response
from registers_adapter.bbz_gegevens import service
from registers_adapter.bbz_gegevens.schemas import BbzGegevens, BbzGegevensVerzoek
from registers_adapter.verwerkingen.service import ProcessingLog

router = APIRouter(tags=["bbz-gegevens"])
# The look-ups of a bulk that read at once: a look-up mostly waits on the registers (BRP, KVK, Suwinet), and one
# after another a bulk of 32 would take 32 times as long as one look-up.
LOOKUPS_AT_ONCE = 8

# Vendors prefill the form after DigiD login through intake-api (its prefill endpoint), which calls here as a
# service; a vendor key never reads the registers directly.
Caller = Annotated[Principal, Depends(require_roles(SERVICE, OFFICER, service_scope="bbz-gegevens"))]


class BbzGegevensVerzoeken(BulkRequest[BbzGegevensVerzoek]):
    """Several look-ups in one request (intake-api sends a batch of applications)."""


class BbzGegevensResultaten(BulkResponse[BbzGegevens]):
    """One result per look-up, in the order asked."""


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
    state = request.app.state
    gegevens = await service.answer(session, verzoek, caller, state.settings, state.registers, dt.date.today())
    if isinstance(gegevens, ProblemError):
        return problem_response(gegevens.status, gegevens.title, gegevens.detail, request=request, code=gegevens.code)
    return gegevens


@router.post(
    "/bbz-gegevens/bulk",
    response_model=BbzGegevensResultaten,
    summary="Several Bbz look-ups in one request, each answered as POST /bbz-gegevens would answer it",
    description=(
        "Each look-up (`verzoek`) is answered as `POST /bbz-gegevens` would answer it alone, in the order "
        "given, once the processing records of all look-ups are stored: its status, and its Bbz data "
        "(`resultaat`) or its problem (`probleem`). An unavailable register makes that look-up's result a 503 "
        "(retry it later), a register "
        "that refuses the adapter's request a 502; the other look-ups are answered. Every look-up has its own "
        "processing records, also when a register fails. The look-up is a read without an Idempotency-Key: "
        "an `idempotencyKey` is accepted and ignored, and a repeated look-up reads the registers again. Any "
        "invalid field of any look-up refuses the whole bulk with 400 naming it (`verzoeken.N.verzoek...`), "
        "and nothing is read."
    ),
    responses={403: {}},
)
async def lookup_bulk(body: BbzGegevensVerzoeken, request: Request, caller: Caller) -> Response:
    state = request.app.state
    peildatum = dt.date.today()
    at_once = asyncio.Semaphore(LOOKUPS_AT_ONCE)

    async def read(item: BulkItem[BbzGegevensVerzoek]) -> tuple[Outcome, ProcessingLog | None]:
        if item.requestId is not None:  # a task of its own: its reads' records carry the request's id
            bind_correlation_id(item.requestId)
        async with at_once:
            try:
                gegevens, log = await service.read(item.verzoek, caller, state.settings, state.registers, peildatum)
            except Exception:
                return unexpected_outcome(), None
        if isinstance(gegevens, ProblemError):
            return problem_outcome(gegevens.status, gegevens.title, gegevens.detail, code=gegevens.code), log
        return Outcome(200, gegevens.model_dump_json().encode()), log

    # The reads at once (they wait on the registers), then every look-up's processing records in one
    # transaction: a look-up is answered only once its records are stored.
    done = await asyncio.gather(*(read(item) for item in body.verzoeken))
    async with state.db.transaction() as session:
        await ProcessingLog.write_all(session, (log for _, log in done if log is not None))
    return bulk_response([outcome for outcome, _ in done], path=request.url.path)
