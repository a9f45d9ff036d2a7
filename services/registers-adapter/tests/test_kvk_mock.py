"""The KVK mock answers as KVK's test environment does (compared with its recorded answers in ../shared)."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from registers_helpers import KVK_HEADERS, KVK_RECORDED

BASIS = "/mock/kvk/api/v1/basisprofielen"


def recorded(name: str) -> Any:
    path = KVK_RECORDED / name
    if not path.exists():
        pytest.skip(f"recorded KVK answer not found at {path}")
    return json.loads(path.read_text(encoding="utf-8"))


def shape(value: Any) -> Any:
    """The keys of a JSON document, recursively (lists by their first item)."""
    if isinstance(value, dict):
        return {k: shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    return type(value).__name__


async def test_a_basisprofiel_has_the_shape_of_the_recorded_answer(client: httpx.AsyncClient) -> None:
    response = await client.get(f"{BASIS}/69599084", headers=KVK_HEADERS)
    assert shape(response.json()) == shape(recorded("kvk-test-recorded-basisprofiel-v1-69599084-200.json"))


async def test_the_test_number_69599084_is_test_emz_dagobert(client: httpx.AsyncClient) -> None:
    response = await client.get(f"{BASIS}/69599084", headers=KVK_HEADERS)
    expected = recorded("kvk-test-recorded-basisprofiel-v1-69599084-200.json")
    keys = ("naam", "formeleRegistratiedatum", "materieleRegistratie")
    assert {k: response.json()[k] for k in keys} == {k: expected[k] for k in keys}


async def test_an_unknown_number_is_answered_as_kvk_does(client: httpx.AsyncClient) -> None:
    response = await client.get(f"{BASIS}/12345678", headers=KVK_HEADERS)
    expected = recorded("kvk-test-recorded-basisprofiel-v1-12345678-404.json")
    assert (response.status_code, response.json()) == (404, expected)


async def test_a_number_that_is_not_8_digits_is_a_400(client: httpx.AsyncClient) -> None:
    response = await client.get(f"{BASIS}/1234", headers=KVK_HEADERS)
    assert (response.status_code, response.json()["fout"][0]["code"]) == (400, "IPD0004")


async def test_the_error_test_number_gives_a_technical_error(client: httpx.AsyncClient) -> None:
    response = await client.get(f"{BASIS}/90004973", headers=KVK_HEADERS)
    assert (response.status_code, response.json()["fout"][0]["code"]) == (500, "IPD9999")


async def test_the_apikey_header_is_required(client: httpx.AsyncClient) -> None:
    response = await client.get(f"{BASIS}/69599084")
    assert response.status_code == 401


async def test_the_eigenaar_link_of_a_basisprofiel_answers(client: httpx.AsyncClient) -> None:
    response = await client.get(f"{BASIS}/68750110/eigenaar", headers=KVK_HEADERS)
    assert (response.json()["rechtsvorm"], response.json()["rsin"]) == ("Besloten Vennootschap", "857587973")


async def test_the_hoofdvestiging_link_of_a_basisprofiel_answers(client: httpx.AsyncClient) -> None:
    response = await client.get(f"{BASIS}/69599084/hoofdvestiging", headers=KVK_HEADERS)
    assert response.json()["vestigingsnummer"] == "000069599084"
