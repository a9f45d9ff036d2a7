"""Shape every OpenAPI document to the Dutch API Design Rules: problem+json errors, 400 not 422, API-Version."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from bbz_common.problems import PROBLEM_JSON, Problem

CONTACT = {"name": "Open Bbz", "email": "open-bbz@example.org", "url": "https://github.com/open-bbz/open-bbz"}
_PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
_ERROR_DESCRIPTIONS = {
    "400": "Invalid input: every invalid field is listed in `invalidParams`.",
    "401": "Missing or unknown credentials.",
    "403": "The caller's role does not allow this operation.",
    "404": "Not found.",
    "409": "Conflict with the current state or with an earlier request under the same Idempotency-Key.",
    "413": "Request body too large.",
    "415": "Unsupported media type.",
    "429": "Too many requests.",
    "500": "Unexpected error.",
    "503": "Temporarily unavailable.",
}
_API_VERSION_HEADER = {
    "description": "The full semantic version of this API (Dutch API Design Rules).",
    "schema": {"type": "string", "example": "1.0.0"},
}


def _problem_content() -> dict[str, Any]:
    return {PROBLEM_JSON: {"schema": _PROBLEM_REF}}


def _nullable_formats(node: Any) -> None:
    """`anyOf: [{type: string, format: date}, {type: null}]` → `type: [string, null], format: date`: the same
    meaning in OpenAPI 3.1, and the format stays visible to the ADR lint (dates must declare format date)."""
    if isinstance(node, dict):
        options = node.get("anyOf")
        if isinstance(options, list) and len(options) == 2 and {"type": "null"} in options:
            other = next(o for o in options if o != {"type": "null"})
            if isinstance(other, dict) and other.get("type") == "string" and "format" in other and "$ref" not in other:
                del node["anyOf"]
                node.update({**other, "type": ["string", "null"]})
        for value in node.values():
            _nullable_formats(value)
    elif isinstance(node, list):
        for value in node:
            _nullable_formats(value)


def _name_generic_schemas(spec: dict[str, Any]) -> None:
    """A generic model's schema is keyed `BulkItem_RouteringVerzoek_` (pydantic names it from the class and
    its arguments); the ADR wants UpperCamelCase. Such a schema is keyed by its title instead (the model's
    `model_parametrized_name`, e.g. `BulkitemRouteringVerzoek`), and every `$ref` to it follows."""
    schemas: dict[str, Any] = spec.get("components", {}).get("schemas", {})
    renamed = {
        name: schema["title"]
        for name, schema in schemas.items()
        if name.endswith("_")
        and isinstance(schema.get("title"), str)
        and schema["title"].isalnum()
        and schema["title"] not in schemas
    }
    if not renamed:
        return
    for old, new in renamed.items():
        schemas[new] = schemas.pop(old)
    refs = {f"#/components/schemas/{old}": f"#/components/schemas/{new}" for old, new in renamed.items()}

    def follow(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref in refs:
                node["$ref"] = refs[ref]
            for value in node.values():
                follow(value)
        elif isinstance(node, list):
            for value in node:
                follow(value)

    follow(spec)


def shape_openapi(spec: dict[str, Any], *, default_errors: tuple[str, ...] = ("400", "401", "500")) -> dict[str, Any]:
    components = spec.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    _name_generic_schemas(spec)
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    problem_schemas = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, schema in problem_schemas.pop("$defs", {}).items():
        schemas[name] = schema
    schemas["Problem"] = problem_schemas
    components.setdefault("headers", {})["API-Version"] = _API_VERSION_HEADER
    _nullable_formats(spec)
    for path_item in spec.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses: dict[str, Any] = operation.setdefault("responses", {})
            responses.pop("422", None)
            for status in default_errors:
                responses.setdefault(status, {"description": _ERROR_DESCRIPTIONS[status]})
            for status, response in responses.items():
                if status.startswith(("4", "5")):
                    response.setdefault("description", _ERROR_DESCRIPTIONS.get(status, "Error"))
                    response["content"] = _problem_content()
                elif status.startswith(("2", "3")):
                    response.setdefault("headers", {})["API-Version"] = {"$ref": "#/components/headers/API-Version"}
    return spec


def install_openapi(app: FastAPI, *, title: str, version: str, description: str, server_url: str = "/v1") -> None:
    """Replace FastAPI's generator by one that emits an ADR-conformant document, generated once and cached."""

    def custom_openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        spec = get_openapi(
            title=title,
            version=version,
            description=description,
            routes=app.routes,
            contact=CONTACT,
            license_info={"name": "EUPL-1.2", "url": "https://eupl.eu/1.2/nl/"},
            servers=[{"url": server_url}],
            tags=app.openapi_tags,
        )
        app.openapi_schema = shape_openapi(spec)
        return app.openapi_schema

    app.openapi = custom_openapi  # type: ignore[method-assign]


def dump_openapi(spec: dict[str, Any]) -> str:
    return json.dumps(spec, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_openapi(spec: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_openapi(spec), encoding="utf-8")
