from __future__ import annotations

import json
from typing import Any

from intake_api.aanvragen.schemas import AanvraagIndienen

SCHEMA_ID = "https://open-bbz.example.org/schemas/aanvraag.schema.json"


def aanvraag_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the POST /aanvragen body, as pydantic validates it."""
    schema = AanvraagIndienen.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def dump(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
