"""The Suwinet façade: named after the Suwinet services, BSN in the body, amounts in cents, 'niets gevonden'."""

from __future__ import annotations

import httpx
from registers_helpers import SUWINET_HEADERS, bsn_of

from registers_adapter.mocks.suwinet import DIENSTEN, UWV_INKOMSTEN


async def dossier(client: httpx.AsyncClient, dienst: str, bsn: str) -> httpx.Response:
    return await client.post(f"/mock/suwinet/{dienst}", json={"burgerservicenummer": bsn}, headers=SUWINET_HEADERS)


async def test_uwv_reports_a_benefit_with_its_amount_in_cents(client: httpx.AsyncClient) -> None:
    response = await dossier(client, UWV_INKOMSTEN, bsn_of("starter-ww"))
    ww = next(i for i in response.json()["inkomstenverhoudingen"] if i["soort"] == "WW")
    assert ww["brutoBedrag"] == 245000


async def test_nothing_found_is_suwinets_niets_gevonden(client: httpx.AsyncClient) -> None:
    response = await dossier(client, UWV_INKOMSTEN, bsn_of("gevestigde-groen"))
    assert (response.status_code, response.json()["fout"]["code"]) == (404, "NietsGevonden")


async def test_an_unknown_service_is_named_as_such(client: httpx.AsyncClient) -> None:
    response = await dossier(client, "BestaatNietGSD", bsn_of("gevestigde-groen"))
    assert response.json()["fout"]["code"] == "OnbekendeDienst"


async def test_a_request_without_a_bsn_is_invalid(client: httpx.AsyncClient) -> None:
    response = await client.post(f"/mock/suwinet/{UWV_INKOMSTEN}", json={}, headers=SUWINET_HEADERS)
    assert (response.status_code, response.json()["fout"]["code"]) == (400, "OngeldigVerzoek")


def test_the_facade_offers_the_services_the_bbz_process_needs() -> None:
    assert set(DIENSTEN) == {
        "UWVDossierInkomstenGSD",
        "SVBDossierPersoonGSD",
        "DUODossierStudiefinancieringGSD",
        "RDWDossierGSD",
        "KadasterDossierGSD",
        "BRPDossierPersoonGSD",
    }
