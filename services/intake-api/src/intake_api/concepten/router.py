import datetime as dt
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse

from bbz_common.app import IdempotencyKey, SessionDep
from bbz_common.auth import OFFICER, VENDOR, Principal, require_roles
from bbz_common.idempotency import validate_key
from intake_api.aanvragen.schemas import AanvraagIngediend
from intake_api.concepten import service
from intake_api.concepten.schemas import ConceptIn, ConceptOut
from intake_api.config import Settings

router = APIRouter(tags=["concepten"])

Owner = Annotated[Principal, Depends(require_roles(VENDOR, OFFICER))]


async def bewaartermijn(request: Request) -> dt.timedelta:
    settings: Settings = request.app.state.settings
    return dt.timedelta(days=settings.concept_bewaartermijn_dagen)


Bewaartermijn = Annotated[dt.timedelta, Depends(bewaartermijn)]


@router.post(
    "/concepten",
    status_code=201,
    response_model=ConceptOut,
    summary="Save a draft application (tussentijds opslaan)",
    description="Any partial application is accepted; it is checked only when submitted. Only the vendor that "
    "saved a draft can see it. A draft expires `concept_bewaartermijn_dagen` (default 30) days after it was last "
    "saved, and is then deleted with its attachments.",
    responses={
        201: {"headers": {"Location": {"description": "URL of the draft", "schema": {"type": "string"}}}},
        403: {},
    },
)
async def create_concept(
    body: ConceptIn, session: SessionDep, caller: Owner, termijn: Bewaartermijn, response: Response
) -> ConceptOut:
    concept = await service.create(session, body, caller, termijn)
    response.headers["Location"] = f"/v1/concepten/{concept.id}"
    return await service.to_out(session, concept)


@router.get(
    "/concepten/{conceptId}",
    response_model=ConceptOut,
    summary="Resume a draft",
    responses={403: {}, 404: {}},
)
async def get_concept(conceptId: uuid.UUID, session: SessionDep, caller: Owner) -> ConceptOut:
    return await service.to_out(session, await service.get_own(session, conceptId, caller))


@router.put(
    "/concepten/{conceptId}",
    response_model=ConceptOut,
    summary="Replace a draft's form (and extend its expiry)",
    responses={
        403: {},
        404: {},
        409: {"description": "The draft was submitted: a submitted application is immutable."},
    },
)
async def update_concept(
    conceptId: uuid.UUID, body: ConceptIn, session: SessionDep, caller: Owner, termijn: Bewaartermijn
) -> ConceptOut:
    return await service.to_out(session, await service.update(session, conceptId, body, caller, termijn))


@router.delete(
    "/concepten/{conceptId}",
    status_code=204,
    summary="Discard a draft with its attachments",
    responses={403: {}, 404: {}, 409: {"description": "The draft was submitted."}},
)
async def delete_concept(conceptId: uuid.UUID, session: SessionDep, caller: Owner) -> Response:
    await service.delete(session, conceptId, caller)
    return Response(status_code=204)


@router.post(
    "/concepten/{conceptId}/indienen",
    status_code=201,
    response_model=AanvraagIngediend,
    summary="Submit a draft as an application",
    description="The stored draft is checked exactly as `POST /aanvragen` checks a body (400 lists every invalid "
    "field). On success the draft's attachments move to the application and the draft is frozen. Without an "
    "Idempotency-Key the draft's id is the key: submitting twice answers the same application.",
    responses={
        201: {"headers": {"Location": {"description": "URL of the new application", "schema": {"type": "string"}}}},
        403: {},
        404: {},
        409: {},
    },
)
async def submit_concept(
    conceptId: uuid.UUID, session: SessionDep, caller: Owner, idempotency_key: IdempotencyKey = None
) -> JSONResponse:
    stored = await service.submit(session, conceptId, caller, validate_key(idempotency_key))
    return JSONResponse(stored.body, status_code=stored.status_code, headers=stored.headers)
