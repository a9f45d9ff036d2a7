from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from bbz_common.app import SessionDep
from bbz_common.auth import AUDITOR, POLICY_ADMIN, Principal, require_roles
from bbz_common.problems import ProblemError
from routing_api.beleid import service as beleid
from routing_api.watals import service
from routing_api.watals.schemas import WatAlsAnalyse

router = APIRouter(tags=["wat-als-analyses"])
Analyst = Annotated[Principal, Depends(require_roles(POLICY_ADMIN, AUDITOR))]
NDJSON = "application/x-ndjson"

_BODY = {
    "required": True,
    "description": "The applications: as NDJSON, one RouteringVerzoek (the body of POST /routeringen) per line, "
    "streamed, any number of lines, invalid lines reported and skipped; or, for a small batch, as a JSON array "
    "of RouteringVerzoek, validated as a whole (any invalid item is a 400 listing every invalid field).",
    "content": {
        NDJSON: {"schema": {"type": "string", "format": "binary"}},
        "application/json": {
            "schema": {"type": "array", "items": {"$ref": "#/components/schemas/RouteringVerzoek"}, "maxItems": 10000}
        },
    },
}


@router.post(
    "/wat-als-analyses",
    response_model=WatAlsAnalyse,
    summary="What-if: route distribution of many applications under a candidate policy version, and which "
    "applications change route against the active versions",
    responses={403: {}, 404: {}, 413: {}, 415: {}},
    openapi_extra={"requestBody": _BODY},
)
async def create_wat_als_analyse(
    request: Request,
    session: SessionDep,
    caller: Analyst,
    kandidaatBeleidsversieId: Annotated[str, Query(max_length=80, description="The candidate policy version")],
    maxGewijzigd: Annotated[int, Query(ge=0, le=100_000, description="List at most this many changes")] = 1000,
) -> WatAlsAnalyse:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json":
        verzoeken = service.parse_json_batch(await request.body())
        kandidaat = await beleid.get_row(session, kandidaatBeleidsversieId)
        actief = await beleid.actieve_versies(session)
        return await service.analyse_list(kandidaat, actief, verzoeken, maxGewijzigd)
    if content_type != NDJSON:
        raise ProblemError(
            f"Send the applications as {NDJSON} (one JSON object per line) or as a JSON array.",
            status=415,
            title="Unsupported Media Type",
            code="unsupported_media_type",
        )
    kandidaat = await beleid.get_row(session, kandidaatBeleidsversieId)
    actief = await beleid.actieve_versies(session)
    return await service.analyse(kandidaat, actief, request.stream(), maxGewijzigd)
