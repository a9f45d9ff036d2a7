import base64
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from bbz_common.app import SessionDep
from bbz_common.auth import APPROVER, AUDITOR, OFFICER, SERVICE, VENDOR, Principal, require_roles
from decision_api.beschikkingen import service
from decision_api.beschikkingen.schemas import BeschikkingOut
from decision_api.clock import ClockDep

router = APIRouter(tags=["beschikkingen"])
# The vendor that submitted the application may fetch its beschikkingen for the applicant's inbox.


def _repr_digest(hex_sha256: str) -> dict[str, str]:
    """RFC 9530 Repr-Digest of the stored representation: the client can verify the checksum."""
    return {"Repr-Digest": f"sha-256=:{base64.b64encode(bytes.fromhex(hex_sha256)).decode()}:"}


Reader = Annotated[Principal, Depends(require_roles(OFFICER, APPROVER, AUDITOR, SERVICE, VENDOR))]


@router.get(
    "/besluiten/{besluitId}/beschikking",
    response_model=BeschikkingOut,
    summary="The beschikking of a decision: checksums and where to fetch it",
    responses={403: {}, 404: {}},
)
async def get_beschikking(besluitId: uuid.UUID, session: SessionDep, caller: Reader, clock: ClockDep) -> BeschikkingOut:
    return service.to_out(await service.ophalen(session, besluitId, caller, clock))


@router.get(
    "/besluiten/{besluitId}/beschikking/pdf",
    response_class=Response,
    summary="The beschikking as PDF",
    responses={
        200: {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}},
        403: {},
        404: {},
    },
)
async def get_beschikking_pdf(besluitId: uuid.UUID, session: SessionDep, caller: Reader, clock: ClockDep) -> Response:
    document = service.rendering(await service.ophalen(session, besluitId, caller, clock))
    return Response(
        document.pdf,
        media_type="application/pdf",
        headers={
            **_repr_digest(document.pdf_sha256),
            "Content-Disposition": f'inline; filename="beschikking-{besluitId}.pdf"',
        },
    )


@router.get(
    "/besluiten/{besluitId}/beschikking/html",
    response_class=Response,
    summary="The beschikking as HTML",
    responses={200: {"content": {"text/html": {"schema": {"type": "string"}}}}, 403: {}, 404: {}},
)
async def get_beschikking_html(besluitId: uuid.UUID, session: SessionDep, caller: Reader, clock: ClockDep) -> Response:
    document = service.rendering(await service.ophalen(session, besluitId, caller, clock))
    return Response(document.html, media_type="text/html; charset=utf-8", headers=_repr_digest(document.html_sha256))
