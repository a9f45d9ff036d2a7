from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response
from fastapi.responses import JSONResponse

from bbz_common.app import SessionDep
from bbz_common.auth import AUDITOR, POLICY_ADMIN, VENDOR, Principal, require_roles
from intake_api.config import Settings
from intake_api.open_forms import service
from intake_api.open_forms.schemas import KoppelingIn, KoppelingOut, OpenFormsRegistratie, RegistratieAntwoord

router = APIRouter(tags=["open-forms"])

OpenForms = Annotated[Principal, Depends(require_roles(VENDOR))]
Beheerder = Annotated[Principal, Depends(require_roles(POLICY_ADMIN))]
Lezer = Annotated[Principal, Depends(require_roles(POLICY_ADMIN, AUDITOR))]
Formulier = Annotated[
    str,
    Path(
        min_length=1,
        max_length=200,
        pattern=r"^[^\x00-\x1f\x7f/]+$",
        description="The Open Forms form: its `form_id` (uuid) or its `form_name`",
    ),
]


async def max_bytes(request: Request) -> int:
    settings: Settings = request.app.state.settings
    return settings.bijlage_max_bytes


@router.post(
    "/open-forms-registraties",
    status_code=201,
    response_model=RegistratieAntwoord,
    summary="Receive an Open Forms submission (generic JSON registration plugin `json_dump`)",
    description="Configure in Open Forms: a Service of type ORC with this API's root and an API key header "
    "(`Authorization: Bearer <key>` or `X-Api-Key`), path `open-forms-registraties`, the form's variables, and "
    "keep `public_reference` (and preferably `form_id`) in the fixed metadata. The values are mapped with the "
    "form's mapping (`/open-forms-koppelingen/{formulier}`, looked up by `form_id`, then `form_name`), or with "
    "the default mapping for a form built with our own field names (component keys such as "
    "`personalia.achternaam`, files under `bijlagen.<vraagId>`, the DigiD BSN from `auth_bsn`; a form BSN "
    "must equal `auth_bsn` when that is sent). Files must be "
    "PDF, JPEG or PNG. A resend with the same `public_reference` answers the same and creates nothing. Invalid "
    "data gives a 400 problem naming the Open Forms component keys.",
    responses={403: {}, 413: {"description": "A file is larger than the limit."}},
)
async def registreer(
    envelope: OpenFormsRegistratie,
    session: SessionDep,
    caller: OpenForms,
    limit: Annotated[int, Depends(max_bytes)],
) -> JSONResponse:
    status, body = await service.registreer(session, envelope, caller, limit)
    return JSONResponse(body, status_code=status)


@router.get(
    "/open-forms-koppelingen",
    response_model=list[KoppelingOut],
    summary="The configured Open Forms mappings",
    responses={403: {}},
)
async def list_koppelingen(session: SessionDep, caller: Lezer) -> list[KoppelingOut]:
    return await service.koppelingen(session)


@router.get(
    "/open-forms-koppelingen/{formulier}",
    response_model=KoppelingOut,
    summary="One form's mapping",
    responses={403: {}, 404: {}},
)
async def get_koppeling(formulier: Formulier, session: SessionDep, caller: Lezer) -> KoppelingOut:
    return await service.koppeling(session, formulier)


@router.put(
    "/open-forms-koppelingen/{formulier}",
    response_model=KoppelingOut,
    summary="Set a form's mapping from its component keys onto the application (beleidsbeheerder)",
    description="Every target path must be a field of an application (see `/schemas/aanvraag`).",
    responses={403: {}, 404: {}},
)
async def put_koppeling(
    formulier: Formulier, body: KoppelingIn, session: SessionDep, caller: Beheerder
) -> KoppelingOut:
    return await service.zet_koppeling(session, formulier, body, caller)


@router.delete(
    "/open-forms-koppelingen/{formulier}",
    status_code=204,
    summary="Remove a form's mapping: its submissions then use the default mapping",
    responses={403: {}, 404: {}},
)
async def delete_koppeling(formulier: Formulier, session: SessionDep, caller: Beheerder) -> Response:
    await service.verwijder_koppeling(session, formulier)
    return Response(status_code=204)
