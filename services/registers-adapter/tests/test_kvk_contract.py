"""The KVK mock's Basisprofiel validates against KVK's published OpenAPI document (API Basisprofiel 1.4)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import httpx
import pytest
import yaml
from openapi_schema_validator import OAS30Validator
from registers_helpers import KVK_HEADERS, SHARED

from registers_adapter.personas import store

SPEC = SHARED / "contracts" / "kvk" / "kvk-basisprofiel-api-v1-openapi-1.4.yaml"
pytestmark = pytest.mark.skipif(not SPEC.exists(), reason=f"KVK Basisprofiel 1.4 contract not found at {SPEC}")


@lru_cache
def components() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return dict(document["components"])


def errors(instance: Any) -> list[str]:
    schema = {"$ref": "#/components/schemas/Basisprofiel", "components": components()}
    return [e.message for e in OAS30Validator(schema).iter_errors(instance)]


async def test_every_basisprofiel_is_valid_under_the_kvk_contract(client: httpx.AsyncClient) -> None:
    invalid = {}
    for onderneming in store._data()["ondernemingen"]:
        nummer = onderneming["kvkNummer"]
        response = await client.get(f"/mock/kvk/api/v1/basisprofielen/{nummer}", headers=KVK_HEADERS)
        if found := errors(response.json()):
            invalid[nummer] = found
    assert invalid == {}
