import base64
import hashlib
import uuid
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse

from bbz_common.app import IdempotencyKey, SessionDep
from bbz_common.auth import APPROVER, AUDITOR, OFFICER, VENDOR, Principal, require_roles
from bbz_common.idempotency import validate_key
from intake_api.bijlagen import service
from intake_api.bijlagen.schemas import BijlageOut, BijlageUpload, Mediatype, bijlage_out
from intake_api.config import Settings

router = APIRouter(tags=["bijlagen"])

Uploader = Annotated[Principal, Depends(require_roles(VENDOR, OFFICER))]
Reader = Annotated[Principal, Depends(require_roles(VENDOR, OFFICER, APPROVER, AUDITOR))]
_CREATED: dict[int | str, dict[str, Any]] = {
    201: {"headers": {"Location": {"description": "URL of the attachment", "schema": {"type": "string"}}}}
}
_UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    403: {},
    404: {},
    409: {},
    413: {"description": "The file is larger than the limit."},
}


async def max_bytes(request: Request) -> int:
    settings: Settings = request.app.state.settings
    return settings.bijlage_max_bytes


MaxBytes = Annotated[int, Depends(max_bytes)]


@router.post(
    "/concepten/{conceptId}/bijlagen",
    status_code=201,
    response_model=BijlageOut,
    summary="Attach evidence to a draft, for one question of the form",
    description="The file travels base64 in JSON (`inhoud`), as in the ZGW Documenten API and Open Forms. "
    "Accepted: PDF, JPEG and PNG, recognised by their content (the name and any declared type are not "
    "trusted), up to the configured size. The answer carries the SHA-256 of the content.",
    responses={**_CREATED, **_UPLOAD_ERRORS},
)
async def upload_to_concept(
    conceptId: uuid.UUID,
    upload: BijlageUpload,
    session: SessionDep,
    caller: Uploader,
    limit: MaxBytes,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    stored = await service.upload_for_concept(session, conceptId, upload, caller, validate_key(idempotency_key), limit)
    return JSONResponse(stored.body, status_code=stored.status_code, headers=stored.headers)


@router.get(
    "/concepten/{conceptId}/bijlagen",
    response_model=list[BijlageOut],
    summary="The attachments of a draft",
    responses={403: {}, 404: {}},
)
async def list_concept_bijlagen(conceptId: uuid.UUID, session: SessionDep, caller: Uploader) -> list[BijlageOut]:
    return await service.list_for_concept(session, conceptId, caller)


@router.post(
    "/aanvragen/{aanvraagId}/bijlagen",
    status_code=201,
    response_model=BijlageOut,
    summary="Add evidence to a submitted application (the form itself stays unchanged)",
    description="As for a draft. Evidence on an application is never changed or removed; later evidence is "
    "added next to it (e.g. in a repair period).",
    responses={**_CREATED, **_UPLOAD_ERRORS, 403: {}},
)
async def upload_to_aanvraag(
    aanvraagId: uuid.UUID,
    upload: BijlageUpload,
    session: SessionDep,
    caller: Uploader,
    limit: MaxBytes,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    stored = await service.upload_for_aanvraag(
        session, aanvraagId, upload, caller, validate_key(idempotency_key), limit
    )
    return JSONResponse(stored.body, status_code=stored.status_code, headers=stored.headers)


@router.get(
    "/aanvragen/{aanvraagId}/bijlagen",
    response_model=list[BijlageOut],
    summary="The attachments of an application",
    responses={404: {}, 403: {}},
)
async def list_aanvraag_bijlagen(aanvraagId: uuid.UUID, session: SessionDep, caller: Reader) -> list[BijlageOut]:
    return await service.list_for_aanvraag(session, aanvraagId, caller)


@router.get(
    "/bijlagen/{bijlageId}",
    response_model=BijlageOut,
    summary="An attachment's description and checksum",
    responses={404: {}, 403: {}},
)
async def get_bijlage(bijlageId: uuid.UUID, session: SessionDep, caller: Reader) -> BijlageOut:
    return bijlage_out(await service.get_visible(session, bijlageId, caller))


@router.get(
    "/bijlagen/{bijlageId}/inhoud",
    summary="Download an attachment",
    description="`Repr-Digest` (RFC 9530) carries the SHA-256 of the content.",
    response_class=Response,
    responses={
        200: {
            "content": {m.value: {"schema": {"type": "string", "format": "binary"}} for m in Mediatype},
            "headers": {"Repr-Digest": {"description": "sha-256 of the content", "schema": {"type": "string"}}},
        },
        404: {},
        403: {},
    },
)
async def download_bijlage(bijlageId: uuid.UUID, session: SessionDep, caller: Reader) -> Response:
    bijlage = await service.get_visible(session, bijlageId, caller, with_content=True)
    digest = base64.b64encode(hashlib.sha256(bijlage.inhoud).digest()).decode()
    ascii_name = bijlage.bestandsnaam.encode("ascii", "replace").decode().replace('"', "'").replace("?", "_")
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(bijlage.bestandsnaam)}"
    return Response(
        bijlage.inhoud,
        media_type=bijlage.mediatype,
        headers={
            "Content-Disposition": disposition,
            "Repr-Digest": f"sha-256=:{digest}:",
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.delete(
    "/bijlagen/{bijlageId}",
    status_code=204,
    summary="Remove an attachment from an open draft",
    responses={404: {}, 403: {}, 409: {"description": "The attachment belongs to a submitted application."}},
)
async def delete_bijlage(bijlageId: uuid.UUID, session: SessionDep, caller: Uploader) -> Response:
    await service.delete(session, bijlageId, caller)
    return Response(status_code=204)
