"""The BRP mock answers as the BRP API Personen does: only the requested fields, empty for an unknown BSN,
problem details on errors, and the gateway headers are required."""

from __future__ import annotations

from typing import Any

import httpx
from registers_helpers import BRP_HEADERS, BRP_PATH, brp_body, bsn_of

from bbz_common.testing import running_app
from registers_adapter.config import Settings
from registers_adapter.main import create_app
from registers_adapter.personas import store


async def personen(
    client: httpx.AsyncClient, body: dict[str, Any], headers: dict[str, str] = BRP_HEADERS
) -> httpx.Response:
    return await client.post(BRP_PATH, json=body, headers=headers)


async def test_only_the_requested_fields_are_answered(client: httpx.AsyncClient) -> None:
    response = await personen(client, brp_body(bsn_of("gevestigde-groen"), fields=["naam.voornamen", "geboorte.datum"]))
    assert response.json()["personen"] == [
        {
            "naam": {"voornamen": "Dagobert"},
            "geboorte": {"datum": {"type": "Datum", "datum": "1975-03-14", "langFormaat": "14 maart 1975"}},
        }
    ]


async def test_a_field_of_a_list_applies_to_every_item(client: httpx.AsyncClient) -> None:
    response = await personen(client, brp_body(bsn_of("gezin-kinderen"), fields=["kinderen.naam.voornamen"]))
    assert response.json()["personen"][0] == {
        "kinderen": [{"naam": {"voornamen": "Lieke"}}, {"naam": {"voornamen": "Daan"}}]
    }


async def test_an_unknown_bsn_gives_an_empty_list(client: httpx.AsyncClient) -> None:
    response = await personen(client, brp_body(store.onbekend_bsn(), fields=["naam"]))
    assert (response.status_code, response.json()) == (200, {"type": "RaadpleegMetBurgerservicenummer", "personen": []})


async def test_an_automatically_delivered_field_may_not_be_asked(client: httpx.AsyncClient) -> None:
    response = await personen(client, brp_body(bsn_of("gevestigde-groen"), fields=["inOnderzoek"]))
    assert (response.status_code, response.json()["invalidParams"][0]["name"]) == (400, "fields.0")


async def test_every_invalid_parameter_is_reported_at_once(client: httpx.AsyncClient) -> None:
    body = {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": ["12"], "fields": ["naam", "x.y"]}
    response = await personen(client, body)
    assert {p["name"] for p in response.json()["invalidParams"]} == {"fields.1", "burgerservicenummer"}


async def test_the_gateway_headers_are_required(client: httpx.AsyncClient) -> None:
    headers = {k: v for k, v in BRP_HEADERS.items() if k != "x-doelbinding"}
    response = await personen(client, brp_body(bsn_of("gevestigde-groen"), fields=["naam"]), headers)
    assert [p["name"] for p in response.json()["invalidParams"]] == ["x_doelbinding"]


async def test_errors_are_problem_details(client: httpx.AsyncClient) -> None:
    response = await personen(client, {"fields": ["naam"]})
    assert response.headers["content-type"] == "application/problem+json"


async def test_the_address_search_finds_everyone_registered_there(client: httpx.AsyncClient) -> None:
    adres = store.persoon(bsn_of("groot-huishouden"))["adres"]["adresseerbaarObjectIdentificatie"]  # type: ignore[index]
    body = {
        "type": "ZoekMetAdresseerbaarObjectIdentificatie",
        "adresseerbaarObjectIdentificatie": adres,
        "fields": ["leeftijd"],
    }
    response = await personen(client, body)
    assert len(response.json()["personen"]) == 6  # applicant, partner, three children, an uncle


async def test_a_search_type_the_mock_does_not_offer_is_a_400(client: httpx.AsyncClient) -> None:
    body = {"type": "ZoekMetPostcodeEnHuisnummer", "postcode": "2511BT", "huisnummer": 70, "fields": ["naam"]}
    response = await personen(client, body)
    assert response.json()["invalidParams"][0]["name"] == "type"


async def test_an_adapter_set_up_for_real_registers_does_not_serve_the_mocks(settings: Settings) -> None:
    production = settings.model_copy(update={"mount_mocks": False})
    async with running_app(create_app(production)) as client:
        response = await personen(client, brp_body(bsn_of("gevestigde-groen"), fields=["naam"]))

    assert response.status_code == 404
