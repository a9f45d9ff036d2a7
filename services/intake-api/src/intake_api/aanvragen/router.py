import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.app import PREFERENCE_APPLIED_MINIMAL, IdempotencyKey, Prefer, SessionDep, wants_minimal
from bbz_common.auth import APPROVER, AUDITOR, OFFICER, SERVICE, VENDOR, Principal, require_roles
from bbz_common.bulk import Outcome, run_bulk
from bbz_common.groupcommit import GroupCommit
from bbz_common.idempotency import StoredResponse, validate_key
from bbz_common.paging import Limit, Offset
from bbz_common.problems import problem_response
from intake_api.aanvragen import service
from intake_api.aanvragen.schemas import (
    AanvraagBesluitMelding,
    AanvraagIndienen,
    AanvraagIngediend,
    AanvraagOut,
    AanvraagSamenvatting,
    AanvraagStatusMelding,
    AanvragenZoeken,
    BesluitMelding,
    BesluitMeldingen,
    CorrectieIndienen,
    MeldingResultaten,
    Status,
    StatusMelding,
    StatusMeldingen,
    VerlengingIndienen,
    VersieOut,
)

router = APIRouter(tags=["aanvragen"])

Submitter = Annotated[Principal, Depends(require_roles(VENDOR, OFFICER))]
LOCATION = {"Location": {"description": "URL of the new application", "schema": {"type": "string"}}}
Reader = Annotated[Principal, Depends(require_roles(VENDOR, OFFICER, APPROVER, AUDITOR, SERVICE))]
DecisionReport = Annotated[Principal, Depends(require_roles(SERVICE, service_scope="besluiten-melden"))]
StatusReport = Annotated[Principal, Depends(require_roles(SERVICE, service_scope="status-melden"))]


async def _indieningen(request: Request) -> GroupCommit[service.Indiening, StoredResponse]:
    indieningen: GroupCommit[service.Indiening, StoredResponse] = request.app.state.indieningen
    return indieningen


Indieningen = Annotated[GroupCommit[service.Indiening, StoredResponse], Depends(_indieningen)]
MINIMAL = {
    "description": "Recorded; the caller asked for no body (`Prefer: return=minimal`)",
    "headers": {"Preference-Applied": {"description": "`return=minimal`", "schema": {"type": "string"}}},
}


@router.post(
    "/aanvragen",
    status_code=201,
    response_model=AanvraagIngediend,
    summary="Submit a Bbz application",
    responses={
        201: {"headers": {"Location": {"description": "URL of the new application", "schema": {"type": "string"}}}},
        409: {},
    },
)
async def submit_aanvraag(
    payload: AanvraagIndienen, caller: Submitter, indieningen: Indieningen, idempotency_key: IdempotencyKey = None
) -> JSONResponse:
    # Committed together with the submissions of concurrent requests, and answered once committed.
    stored = await indieningen.submit(service.prepare(payload, caller, validate_key(idempotency_key)))
    return JSONResponse(stored.body, status_code=stored.status_code, headers=stored.headers)


@router.api_route("/aanvragen/zoeken", methods=["GET", "HEAD"], include_in_schema=False)
async def search_aanvragen_by_get() -> Response:
    # Declared before GET /aanvragen/{aanvraagId}, which would otherwise take "zoeken" for an id and answer
    # 400: the search is POST only (the BSN goes in the body, never in a URL).
    return problem_response(
        405,
        "Method Not Allowed",
        "Search applications with POST /v1/aanvragen/zoeken; the BSN goes in the body, never in a URL.",
        headers={"Allow": "POST"},
    )


@router.get(
    "/aanvragen/{aanvraagId}",
    response_model=AanvraagOut,
    summary="An application with its status, route and decisions",
    responses={404: {}, 403: {}},
)
async def get_aanvraag(aanvraagId: uuid.UUID, session: SessionDep, caller: Reader) -> AanvraagOut:
    return await service.get(session, aanvraagId, caller)


@router.post(
    "/aanvragen/{aanvraagId}/besluiten",
    response_model=AanvraagOut,
    summary="Report a decision on an application (decision-api)",
    responses={204: MINIMAL, 404: {}, 403: {}},
)
async def report_besluit(
    aanvraagId: uuid.UUID,
    melding: BesluitMelding,
    session: SessionDep,
    caller: DecisionReport,
    prefer: Prefer = None,
) -> AanvraagOut | Response:
    minimal = wants_minimal(prefer)
    recorded = await service.record_besluit(session, aanvraagId, melding, minimal=minimal)
    return recorded if recorded is not None else Response(status_code=204, headers=PREFERENCE_APPLIED_MINIMAL)


@router.post(
    "/aanvragen/{aanvraagId}/statusmeldingen",
    response_model=AanvraagOut,
    summary="Report a change in the handling, e.g. the start or end of a repair period (decision-api)",
    responses={204: MINIMAL, 404: {}, 403: {}},
)
async def report_status(
    aanvraagId: uuid.UUID,
    melding: StatusMelding,
    session: SessionDep,
    caller: StatusReport,
    prefer: Prefer = None,
) -> AanvraagOut | Response:
    minimal = wants_minimal(prefer)
    recorded = await service.record_status(session, aanvraagId, melding, minimal=minimal)
    return recorded if recorded is not None else Response(status_code=204, headers=PREFERENCE_APPLIED_MINIMAL)


@router.post(
    "/aanvragen/besluiten/bulk",
    response_model=MeldingResultaten,
    summary="Report decisions on several applications in one request (decision-api)",
    description=(
        "Each report is recorded as `POST /v1/aanvragen/{aanvraagId}/besluiten` would record it, in the order "
        "given and as it would be recorded alone: 204 without a body when the caller asks "
        "`Prefer: return=minimal`, 200 with the application otherwise, 404 for an unknown application. An "
        "invalid field in any report refuses the whole bulk with 400 naming it, and nothing is recorded."
    ),
    responses={403: {}},
)
async def report_besluiten(
    meldingen: BesluitMeldingen, request: Request, caller: DecisionReport, prefer: Prefer = None
) -> Response:
    minimal = wants_minimal(prefer)

    async def record(session: AsyncSession, verzoek: AanvraagBesluitMelding, _key: str | None) -> Outcome:
        return _reported(await service.record_besluit(session, verzoek.aanvraagId, verzoek.melding, minimal=minimal))

    return _bulk_answer(
        await run_bulk(request.app.state.db, meldingen.verzoeken, record, path=request.url.path), minimal
    )


@router.post(
    "/aanvragen/statusmeldingen/bulk",
    response_model=MeldingResultaten,
    summary="Report changes in the handling of several applications in one request (decision-api)",
    description=(
        "Each report is recorded as `POST /v1/aanvragen/{aanvraagId}/statusmeldingen` would record it, in the "
        "order given and as it would be recorded alone: 204 without a body when the caller asks "
        "`Prefer: return=minimal`, 200 with the application otherwise, 404 for an unknown application. An "
        "invalid field in any report refuses the whole bulk with 400 naming it, and nothing is recorded."
    ),
    responses={403: {}},
)
async def report_statussen(
    meldingen: StatusMeldingen, request: Request, caller: StatusReport, prefer: Prefer = None
) -> Response:
    minimal = wants_minimal(prefer)

    async def record(session: AsyncSession, verzoek: AanvraagStatusMelding, _key: str | None) -> Outcome:
        return _reported(await service.record_status(session, verzoek.aanvraagId, verzoek.melding, minimal=minimal))

    return _bulk_answer(
        await run_bulk(request.app.state.db, meldingen.verzoeken, record, path=request.url.path), minimal
    )


def _reported(recorded: AanvraagOut | None) -> Outcome:
    return Outcome(204, None) if recorded is None else Outcome(200, recorded.model_dump(mode="json"))


def _bulk_answer(response: Response, minimal: bool) -> Response:
    if minimal:
        response.headers.update(PREFERENCE_APPLIED_MINIMAL)
    return response


@router.post(
    "/aanvragen/{aanvraagId}/correcties",
    response_model=AanvraagOut,
    summary="Correct a submitted application: a new version of the form, with history",
    responses={404: {}, 403: {}, 409: {}},
)
async def correct_aanvraag(
    aanvraagId: uuid.UUID,
    correctie: CorrectieIndienen,
    session: SessionDep,
    caller: Submitter,
) -> AanvraagOut:
    return await service.correct(session, aanvraagId, correctie, caller)


@router.get(
    "/aanvragen/{aanvraagId}/versies",
    response_model=list[VersieOut],
    summary="Every version of the submitted form",
    responses={404: {}, 403: {}},
)
async def list_versies(aanvraagId: uuid.UUID, session: SessionDep, caller: Reader) -> list[VersieOut]:
    return await service.versions(session, aanvraagId, caller)


@router.post(
    "/aanvragen/{aanvraagId}/verlengingen",
    status_code=201,
    response_model=AanvraagIngediend,
    summary="Renew an application: a new one that re-uses the earlier answers (JSON merge patch)",
    responses={201: {"headers": LOCATION}, 404: {}, 403: {}, 409: {}},
)
async def renew_aanvraag(
    aanvraagId: uuid.UUID,
    verlenging: VerlengingIndienen,
    session: SessionDep,
    caller: Submitter,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    stored = await service.renew(session, aanvraagId, verlenging, caller, validate_key(idempotency_key))
    return JSONResponse(stored.body, status_code=stored.status_code, headers=stored.headers)


@router.get(
    "/aanvragen",
    response_model=list[AanvraagSamenvatting],
    summary="Applications, newest first: a vendor sees its own, the backoffice all",
    responses={403: {}},
)
async def list_aanvragen(
    session: SessionDep,
    caller: Reader,
    status: Annotated[Status | None, Query(description="Only applications with this status")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> list[AanvraagSamenvatting]:
    return await service.list_for(session, caller, status=status, limit=limit, offset=offset)


@router.post(
    "/aanvragen/zoeken",
    response_model=list[AanvraagSamenvatting],
    summary="A person's applications (BSN in the body, never in a URL)",
    responses={403: {}},
)
async def search_aanvragen(
    zoeken: AanvragenZoeken, session: SessionDep, caller: Reader, limit: Limit = 50, offset: Offset = 0
) -> list[AanvraagSamenvatting]:
    return await service.list_for(
        session, caller, status=None, limit=limit, offset=offset, burgerservicenummer=zoeken.burgerservicenummer
    )
