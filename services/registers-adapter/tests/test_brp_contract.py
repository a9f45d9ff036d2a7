"""The BRP mock speaks the Haal Centraal BRP API Personen 2.7.0: its requests and answers validate against the
published OpenAPI document (../shared/contracts), so the adapter can point at the real BRP by configuration."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import httpx
import pytest
import yaml
from jsonschema_path import SchemaPath
from openapi_core import Config, OpenAPI
from openapi_core.testing import MockRequest, MockResponse
from openapi_schema_validator import OAS31Validator
from registers_helpers import BRP_HEADERS, BRP_PATH, BRP_SPEC, brp_body, bsn_of

from registers_adapter.bbz_gegevens.service import AANVRAGER_FIELDS, BEWONER_FIELDS

pytestmark = pytest.mark.skipif(not BRP_SPEC.exists(), reason=f"BRP 2.7.0 contract not found at {BRP_SPEC}")

SERVER = "https://proefomgeving.haalcentraal.nl"


@lru_cache
def spec_dict() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(BRP_SPEC.read_text(encoding="utf-8"))
    return loaded


@lru_cache
def openapi() -> OpenAPI:
    config = Config(extra_media_type_deserializers={"application/problem+json": json.loads})
    return OpenAPI(SchemaPath.from_dict(spec_dict()), config=config)


def schema_errors(component: str, instance: Any) -> list[str]:
    """Validate against one component, following the discriminator mapping openapi-core leaves to the client."""
    document = spec_dict()
    schema = {"$ref": f"#/components/schemas/{component}", "components": document["components"]}
    return [e.message for e in OAS31Validator(schema).iter_errors(instance)]


async def call(
    client: httpx.AsyncClient, body: dict[str, Any], headers: dict[str, str] | None = None
) -> tuple[MockRequest, httpx.Response]:
    sent_headers = {"Content-Type": "application/json; charset=utf-8", **(BRP_HEADERS if headers is None else headers)}
    response = await client.post(BRP_PATH, json=body, headers=sent_headers)
    request = MockRequest(
        SERVER,
        "post",
        "/haalcentraal/api/brp/personen",
        headers=sent_headers,
        data=response.request.content,
        content_type="application/json; charset=utf-8",
    )
    return request, response


def as_mock(response: httpx.Response) -> MockResponse:
    return MockResponse(
        response.content,
        status_code=response.status_code,
        headers=dict(response.headers),
        content_type=response.headers["content-type"],
    )


async def test_the_adapters_request_for_an_applicant_is_valid_under_the_contract(client: httpx.AsyncClient) -> None:
    request, _ = await call(client, brp_body(bsn_of("gezin-kinderen"), fields=AANVRAGER_FIELDS))
    openapi().validate_request(request)


async def test_the_answer_for_an_applicant_is_valid_under_the_contract(client: httpx.AsyncClient) -> None:
    request, response = await call(client, brp_body(bsn_of("gezin-kinderen"), fields=AANVRAGER_FIELDS))
    openapi().validate_response(request, as_mock(response))
    assert schema_errors("RaadpleegMetBurgerservicenummerResponse", response.json()) == []


async def test_a_whole_person_record_is_valid_under_the_persoon_schema(client: httpx.AsyncClient) -> None:
    fields = ["burgerservicenummer", "naam", "geboorte", "geslacht", "leeftijd", "nationaliteiten",
              "verblijfplaats", "gemeenteVanInschrijving", "partners", "kinderen", "ouders", "verblijfstitel"]  # fmt: skip
    bsns = [bsn_of(k) for k in ("partner-zonder-inkomen", "gezin-kinderen", "starter-rood")]
    _, response = await call(client, brp_body(*bsns, fields=fields))
    assert schema_errors("RaadpleegMetBurgerservicenummerResponse", response.json()) == []


async def test_the_address_search_and_its_answer_are_valid_under_the_contract(client: httpx.AsyncClient) -> None:
    body = {
        "type": "ZoekMetAdresseerbaarObjectIdentificatie",
        "adresseerbaarObjectIdentificatie": "0518010000000003",
        "fields": BEWONER_FIELDS,
    }
    request, response = await call(client, body)
    openapi().validate_request(request)
    openapi().validate_response(request, as_mock(response))
    assert schema_errors("ZoekMetAdresseerbaarObjectIdentificatieResponse", response.json()) == []


async def test_a_400_for_an_unknown_field_is_a_valid_bad_request_problem(client: httpx.AsyncClient) -> None:
    request, response = await call(client, brp_body(bsn_of("gevestigde-groen"), fields=["naam", "schoenmaat"]))
    openapi().validate_response(request, as_mock(response))
    assert schema_errors("BadRequestFoutbericht", response.json()) == []


async def test_a_400_for_missing_gateway_headers_is_a_valid_bad_request_problem(client: httpx.AsyncClient) -> None:
    headers = {"X-API-KEY": BRP_HEADERS["X-API-KEY"]}
    request, response = await call(client, brp_body(bsn_of("gevestigde-groen"), fields=["naam"]), headers=headers)
    openapi().validate_response(request, as_mock(response))
    assert schema_errors("BadRequestFoutbericht", response.json()) == []


async def test_a_401_for_a_wrong_key_is_a_valid_problem(client: httpx.AsyncClient) -> None:
    headers = {**BRP_HEADERS, "X-API-KEY": "wrong"}
    request, response = await call(client, brp_body(bsn_of("gevestigde-groen"), fields=["naam"]), headers=headers)
    openapi().validate_response(request, as_mock(response))
    assert (response.status_code, schema_errors("Foutbericht", response.json())) == (401, [])
