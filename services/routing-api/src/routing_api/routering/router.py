import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.app import IdempotencyKey, SessionDep
from bbz_common.auth import APPROVER, AUDITOR, OFFICER, SERVICE, Principal, require_roles
from bbz_common.bulk import BulkRequest, BulkResponse, Outcome, run_bulk
from bbz_common.db import Database
from bbz_common.idempotency import validate_key
from routing_api.routering import service
from routing_api.routering.schemas import HerbepalingVerzoek, OverschrijvingVerzoek, Routering, RouteringVerzoek

router = APIRouter(tags=["routeringen"])
Determiner = Annotated[Principal, Depends(require_roles(SERVICE, OFFICER, service_scope="routeren"))]
Officer = Annotated[Principal, Depends(require_roles(OFFICER))]
Reader = Annotated[Principal, Depends(require_roles(SERVICE, OFFICER, APPROVER, AUDITOR))]


def _json(body: bytes, status_code: int = 200, headers: dict[str, str] | None = None) -> Response:
    # The service serialised the determination once (the stored bytes); it is sent as is, not re-encoded.
    return Response(body, status_code=status_code, headers=headers, media_type="application/json")


@router.post(
    "/routeringen",
    status_code=201,
    response_model=Routering,
    summary="Determine the handling route of an application, rule by rule",
    responses={409: {}, 403: {}},
)
async def create_routering(
    verzoek: RouteringVerzoek, session: SessionDep, caller: Determiner, idempotency_key: IdempotencyKey = None
) -> Response:
    antwoord = await service.create(session, verzoek, caller.name, validate_key(idempotency_key))
    return _json(antwoord.body, antwoord.status_code, antwoord.headers)


class RouteringVerzoeken(BulkRequest[RouteringVerzoek]):
    """Several route requests in one HTTP request, each with its own Idempotency-Key."""


class RouteringResultaten(BulkResponse[Routering]):
    """One result per route request, in the order of `verzoeken`."""


@router.post(
    "/routeringen/bulk",
    response_model=RouteringResultaten,
    summary="Determine the handling routes of several applications in one request",
    description=(
        "Each request in `verzoeken` is answered as `POST /v1/routeringen` would answer it, in the order given "
        "and as it would be answered alone: a request that fails changes nothing of the others. Its "
        "`idempotencyKey` has the semantics of the single endpoint's `Idempotency-Key` header and shares its "
        "scope, so a key used on one endpoint replays the same determination on the other. The answer is 200 "
        "with one result per request: the status the single endpoint would have answered, the `location` of "
        "the determination, and the determination (`resultaat`) or the problem (`probleem`). An invalid field "
        "in any request refuses the whole bulk with 400 naming it (`verzoeken.N.verzoek...`), and nothing is "
        "determined."
    ),
    responses={403: {}},
)
async def create_routeringen(verzoeken: RouteringVerzoeken, request: Request, caller: Determiner) -> Response:
    async def create(session: AsyncSession, verzoek: RouteringVerzoek, key: str | None) -> Outcome:
        antwoord = await service.create(session, verzoek, caller.name, key)
        return Outcome(antwoord.status_code, antwoord.body, antwoord.headers)

    db: Database = request.app.state.db
    # On PostgreSQL a keyed determination is one statement in autocommit (service.create), already without a
    # transaction of its own to share; on SQLite the requests share one transaction (bbz_common.bulk).
    return await run_bulk(
        db, verzoeken.verzoeken, create, path=request.url.path, together=db.dialect_name != "postgresql"
    )


@router.get(
    "/routeringen/{routeringId}",
    response_model=Routering,
    summary="A recorded route determination",
    responses={404: {}, 403: {}},
)
async def get_routering(routeringId: uuid.UUID, session: SessionDep, caller: Reader) -> Response:
    return _json(await service.get(session, routeringId))


@router.post(
    "/routeringen/{routeringId}/herbepalingen",
    status_code=201,
    response_model=Routering,
    summary="Determine the route again from the recorded facts (current or named policy version)",
    responses={404: {}, 403: {}, 409: {}},
)
async def redetermine_routering(
    routeringId: uuid.UUID,
    verzoek: HerbepalingVerzoek,
    session: SessionDep,
    caller: Determiner,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    antwoord = await service.redetermine(session, routeringId, verzoek, caller.name, validate_key(idempotency_key))
    return _json(antwoord.body, antwoord.status_code, antwoord.headers)


@router.post(
    "/routeringen/{routeringId}/overschrijving",
    response_model=Routering,
    summary="Override the route (consultant only, with a reason; recorded with who and when)",
    responses={404: {}, 403: {}, 409: {}},
)
async def override_routering(
    routeringId: uuid.UUID, verzoek: OverschrijvingVerzoek, session: SessionDep, caller: Officer
) -> Routering:
    return await service.override(session, routeringId, verzoek, caller.name)
