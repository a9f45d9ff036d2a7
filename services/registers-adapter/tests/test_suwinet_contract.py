"""The Suwinet façade's contract (contracts/suwinet-facade-1.0.yaml): the mock's answers for every persona and
every service validate against it, so a municipality can build its Suwinet gateway to the same document."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import httpx
import yaml
from jsonschema_path import SchemaPath
from openapi_core import OpenAPI
from openapi_core.exceptions import OpenAPIError
from openapi_core.testing import MockRequest, MockResponse
from registers_helpers import SUWINET_HEADERS

from registers_adapter.mocks.suwinet import DIENSTEN
from registers_adapter.personas import store

CONTRACT = Path(__file__).resolve().parents[1] / "contracts" / "suwinet-facade-1.0.yaml"
SERVER = "https://suwinet-gateway.gemeente.example"


@lru_cache
def openapi() -> OpenAPI:
    return OpenAPI(SchemaPath.from_dict(yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))))


async def invalid_answers(client: httpx.AsyncClient, bsns: list[str]) -> list[str]:
    found = []
    for dienst in DIENSTEN:
        for bsn in bsns:
            body = json.dumps({"burgerservicenummer": bsn}).encode()
            response = await client.post(
                f"/mock/suwinet/{dienst}", content=body, headers={**SUWINET_HEADERS, "Content-Type": "application/json"}
            )
            request = MockRequest(SERVER, "post", f"/bbz/{dienst}", headers=SUWINET_HEADERS, data=body)
            mock = MockResponse(response.content, status_code=response.status_code, content_type="application/json")
            try:
                openapi().validate_request(request)
                openapi().validate_response(request, mock)
            except OpenAPIError as exc:  # collect every violation
                found.append(f"{dienst} {response.status_code}: {exc}")
    return found


async def test_every_answer_of_the_mock_is_valid_under_the_facade_contract(client: httpx.AsyncClient) -> None:
    bsns = [p["burgerservicenummer"] for p in store._data()["personen"]]
    assert await invalid_answers(client, bsns) == []


async def test_an_answer_for_an_unknown_person_is_valid_under_the_facade_contract(client: httpx.AsyncClient) -> None:
    assert await invalid_answers(client, [store.onbekend_bsn()]) == []
