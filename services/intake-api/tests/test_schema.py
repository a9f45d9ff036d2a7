"""The published JSON Schema of an application: served by the API, committed under openapi/, never drifting."""

from pathlib import Path

import httpx
import jsonschema
from intake_factories import gevestigde_levensonderhoud

from intake_api.json_schema.service import aanvraag_schema, dump

COMMITTED = Path(__file__).resolve().parents[3] / "openapi" / "aanvraag.schema.json"


async def test_the_api_serves_the_json_schema_of_an_application_without_credentials(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/v1/schemas/aanvraag")

    assert (response.status_code, response.headers["content-type"]) == (200, "application/schema+json")


async def test_the_served_schema_is_the_schema_of_the_post_body(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/schemas/aanvraag")

    assert response.json() == aanvraag_schema()


def test_a_valid_application_validates_against_the_schema() -> None:
    jsonschema.Draft202012Validator(aanvraag_schema()).validate(gevestigde_levensonderhoud())


def test_an_unknown_field_is_refused_by_the_schema_as_by_the_api() -> None:
    body = {**gevestigde_levensonderhoud(), "onbekendVeld": True}

    assert not jsonschema.Draft202012Validator(aanvraag_schema()).is_valid(body)


def test_the_committed_schema_matches_the_code() -> None:
    committed = COMMITTED.read_text(encoding="utf-8") if COMMITTED.exists() else ""

    assert committed == dump(aanvraag_schema()), (
        "openapi/aanvraag.schema.json drifted from AanvraagIndienen: run "
        "`.venv/bin/python -m intake_api.schema_export write` and commit it"
    )
