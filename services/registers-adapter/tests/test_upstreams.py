"""With a real URL configured, the adapter calls the upstream over HTTP (httpx), on the real contract shapes;
a failing upstream becomes a 503 (retry later) or 502 (refused), never a wrong answer. Fault injection by
settings makes the built-in mocks slow or failing."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import respx
from fastapi import FastAPI
from pydantic import SecretStr
from registers_helpers import AUDITOR, bsn_of, lookup

from bbz_common.testing import running_app
from registers_adapter.config import Settings, Upstream
from registers_adapter.main import create_app
from registers_adapter.upstreams.registry import FAULTS
from registers_adapter.upstreams.transport import create_http_client

BRP_URL = "https://brp.gemeente.example/haalcentraal/api/brp"
KVK_URL = "https://api.kvk.example/test/api"

BRP_ANSWER = {
    "type": "RaadpleegMetBurgerservicenummer",
    "personen": [
        {
            "naam": {"voornamen": "Dagobert", "geslachtsnaam": "Groen", "voorletters": "D."},
            "geboorte": {"datum": {"type": "Datum", "datum": "1975-03-14", "langFormaat": "14 maart 1975"}},
            "leeftijd": 51,
            "geslacht": {"code": "M", "omschrijving": "man"},
            "gemeenteVanInschrijving": {"code": "0518", "omschrijving": "'s-Gravenhage"},
        }
    ],
}
BRP_503 = {
    "type": "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.5.4",
    "title": "Bronservice BRP is tijdelijk niet beschikbaar.",
    "status": 503,
    "detail": "The service is currently unable to handle the request.",
    "code": "notAvailable",
}


@pytest.fixture
def real_brp(settings: Settings) -> Settings:
    return settings.model_copy(update={"brp": Upstream(base_url=BRP_URL, api_key=SecretStr("gemeente-brp-key"))})


async def started(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with running_app(create_app(settings)) as client:
        yield client


@pytest.fixture
async def real_brp_client(real_brp: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async for client in started(real_brp):
        yield client


def with_upstream(settings: Settings, name: str, **fields: Any) -> Settings:
    upstream = getattr(settings, name).model_copy(update=fields)
    return settings.model_copy(update={name: upstream})


@respx.mock
async def test_a_configured_brp_url_is_called_with_the_gateway_headers_and_key(
    real_brp_client: httpx.AsyncClient,
) -> None:
    route = respx.post(f"{BRP_URL}/personen").mock(return_value=httpx.Response(200, json=BRP_ANSWER))
    await lookup(real_brp_client, "gevestigde-groen")
    sent = route.calls[0].request.headers
    assert (sent["x-api-key"], sent["x-gebruiker"], sent["x-verwerking"]) == (
        "gemeente-brp-key",
        "intake-api",
        "Bbz 2004 aanvraag beoordelen",
    )


@respx.mock
async def test_the_bsn_travels_in_the_body_of_the_brp_request(real_brp_client: httpx.AsyncClient) -> None:
    route = respx.post(f"{BRP_URL}/personen").mock(return_value=httpx.Response(200, json=BRP_ANSWER))
    await lookup(real_brp_client, "gevestigde-groen")
    request = route.calls[0].request
    assert bsn_of("gevestigde-groen") not in str(request.url) and bsn_of("gevestigde-groen") in request.content.decode()


@respx.mock
async def test_a_real_brp_answer_is_read_with_its_source(real_brp_client: httpx.AsyncClient) -> None:
    respx.post(f"{BRP_URL}/personen").mock(return_value=httpx.Response(200, json=BRP_ANSWER))
    body = (await lookup(real_brp_client, "gevestigde-groen")).json()
    assert body["persoon"]["geboortedatum"] == {"waarde": "1975-03-14", "bron": "BRP"}


@respx.mock
async def test_a_brp_that_answers_503_makes_the_look_up_a_503(real_brp_client: httpx.AsyncClient) -> None:
    respx.post(f"{BRP_URL}/personen").mock(
        return_value=httpx.Response(503, json=BRP_503, headers={"content-type": "application/problem+json"})
    )
    response = await lookup(real_brp_client, "gevestigde-groen")
    assert (response.status_code, response.json()["code"]) == (503, "upstream_unavailable")


@respx.mock
async def test_a_brp_that_times_out_makes_the_look_up_a_503(real_brp_client: httpx.AsyncClient) -> None:
    respx.post(f"{BRP_URL}/personen").mock(side_effect=httpx.ReadTimeout("slow"))
    response = await lookup(real_brp_client, "gevestigde-groen")
    assert response.status_code == 503


@respx.mock
async def test_a_brp_that_refuses_the_key_makes_the_look_up_a_502(real_brp_client: httpx.AsyncClient) -> None:
    respx.post(f"{BRP_URL}/personen").mock(return_value=httpx.Response(401, json={"status": 401, "title": "x"}))
    response = await lookup(real_brp_client, "gevestigde-groen")
    assert (response.status_code, response.json()["code"]) == (502, "upstream_rejected")


@respx.mock
async def test_a_failed_read_is_still_a_processing_record_with_status_error(real_brp_client: httpx.AsyncClient) -> None:
    respx.post(f"{BRP_URL}/personen").mock(side_effect=httpx.ConnectError("refused"))
    await lookup(real_brp_client, "gevestigde-groen")
    records = await real_brp_client.post(
        "/v1/verwerkingen/zoeken", json={"burgerservicenummer": bsn_of("gevestigde-groen")}, headers=AUDITOR
    )
    assert [r["status"] for r in records.json()] == ["Error"]


@respx.mock
async def test_an_unknown_kvk_number_at_the_real_kvk_is_no_registration(settings: Settings) -> None:
    configured = with_upstream(settings, "kvk", base_url=KVK_URL, api_key=SecretStr("k"))
    fout = {
        "fout": [
            {
                "code": "IPD0005",
                "omschrijving": "Op basis van het KVK-nummer 12345678 kan het product niet worden geleverd.",
            }
        ]
    }
    respx.get(f"{KVK_URL}/v1/basisprofielen/12345678").mock(return_value=httpx.Response(404, json=fout))
    async for client in started(configured):
        body = (await lookup(client, "geen-kvk")).json()
    assert body["onderneming"] == {**body["onderneming"], "gevonden": False, "kvkNummer": "12345678"}


@respx.mock
async def test_the_kvk_key_goes_in_the_apikey_header(settings: Settings) -> None:
    configured = with_upstream(settings, "kvk", base_url=KVK_URL, api_key=SecretStr("kvk-key"))
    route = respx.get(f"{KVK_URL}/v1/basisprofielen/12345678").mock(
        return_value=httpx.Response(404, json={"fout": [{"code": "IPD0005", "omschrijving": "x"}]})
    )
    async for client in started(configured):
        await lookup(client, "geen-kvk")
    assert route.calls[0].request.headers["apikey"] == "kvk-key"


async def test_an_injected_error_rate_of_one_makes_every_look_up_a_503(settings: Settings) -> None:
    async for client in started(with_upstream(settings, "suwinet", fault_error_rate=1.0)):
        response = await lookup(client, "gevestigde-groen")
    assert response.status_code == 503


async def test_an_injected_suwinet_outage_answers_with_suwinets_own_error_body() -> None:
    upstream = Upstream(fault_error_rate=1.0)
    http = create_http_client(upstream, mock=FastAPI(), mock_base_url="http://suwinet.mock", fault=FAULTS["suwinet"])
    async with http:
        response = await http.post("/UWVDossierInkomstenGSD", json={})
    assert (response.status_code, response.json()["fout"]["code"]) == (503, "BronNietBeschikbaar")


@respx.mock
async def test_co_residents_are_asked_for_nothing_but_bsn_and_age(real_brp_client: httpx.AsyncClient) -> None:
    aanvrager = {
        **BRP_ANSWER["personen"][0],
        "verblijfplaats": {"type": "Adres", "adresseerbaarObjectIdentificatie": "0518010000000003"},
    }  # type: ignore[dict-item]
    route = respx.post(f"{BRP_URL}/personen").mock(
        side_effect=[
            httpx.Response(200, json={"type": "RaadpleegMetBurgerservicenummer", "personen": [aanvrager]}),
            httpx.Response(200, json={"type": "ZoekMetAdresseerbaarObjectIdentificatie", "personen": []}),
        ]
    )
    await lookup(real_brp_client, "kostendeler-oranje")
    assert json.loads(route.calls[1].request.content)["fields"] == ["burgerservicenummer", "leeftijd"]


async def test_injected_latency_beyond_the_time_out_is_a_time_out(settings: Settings) -> None:
    async for client in started(with_upstream(settings, "kvk", fault_latency_ms=200, timeout_seconds=0.05)):
        response = await lookup(client, "gevestigde-groen")
    assert "time-out" in response.json()["detail"]


async def test_injected_latency_within_the_time_out_only_slows_the_look_up(settings: Settings) -> None:
    async for client in started(with_upstream(settings, "gemeente", fault_latency_ms=20)):
        response = await lookup(client, "gevestigde-groen")
    assert response.status_code == 200


async def test_the_mocks_can_be_reached_over_loopback_http_as_a_real_upstream_would(settings: Settings) -> None:
    """The same client, pointed at the mock's mount by URL (here served by httpx's ASGI transport for speed)."""
    configured = with_upstream(settings, "brp", base_url="http://registers.local/mock/brp/haalcentraal/api/brp")
    app = create_app(configured)
    transport = httpx.ASGITransport(app=app)
    with respx.mock(assert_all_called=False) as mock:
        mock.route(host="registers.local").mock(side_effect=lambda request: _forward(transport, request))
        async with running_app(app) as client:
            response = await lookup(client, "gevestigde-groen")
    assert response.json()["persoon"]["voornamen"]["waarde"] == "Dagobert"


async def _forward(transport: httpx.ASGITransport, request: httpx.Request) -> httpx.Response:
    response = await transport.handle_async_request(request)
    await response.aread()
    return httpx.Response(response.status_code, headers=response.headers, content=response.content)
