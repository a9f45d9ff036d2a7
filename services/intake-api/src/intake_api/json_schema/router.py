from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from intake_api.json_schema.service import aanvraag_schema

router = APIRouter(tags=["schemas"])

SCHEMA_JSON = "application/schema+json"


@router.get(
    "/schemas/aanvraag",
    summary="The JSON Schema (draft 2020-12) of an application, to validate a form before posting it",
    description="Public: no credentials needed. The same document is committed as `openapi/aanvraag.schema.json`.",
    response_class=JSONResponse,
    responses={200: {"content": {SCHEMA_JSON: {"schema": {"type": "object"}}}}},
)
async def get_aanvraag_schema() -> Any:
    return JSONResponse(aanvraag_schema(), media_type=SCHEMA_JSON)
