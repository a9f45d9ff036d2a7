"""Legal numbers are dated data: a municipality's own version applies from its start date."""

import datetime as dt

import httpx
import pytest
from decision_factories import OFFICER, RECEIVED, behandeling, offer, offer_red

from bbz_common.testing import POLICY_ADMIN_KEY, auth
from decision_api.clock import FixedClock
from decision_api.termijnen import service as termijnen_service


async def shorten_decision_period(client: httpx.AsyncClient, gemeentecode: str, weeks: int) -> None:
    response = await client.post(
        "/v1/parameters",
        json={
            "naam": "beslistermijn",
            "gemeentecode": gemeentecode,
            "waarde": weeks,
            "geldigVanaf": RECEIVED.isoformat(),
            "bron": "Test: verordening met kortere beslistermijn, achteraf vastgelegd",
        },
        headers=auth(POLICY_ADMIN_KEY),
    )
    assert response.status_code == 201, response.text


async def test_a_municipalitys_own_decision_period_applies_to_applications_received_from_its_start(
    client: httpx.AsyncClient,
) -> None:
    await client.post(
        "/v1/parameters",
        json={
            "naam": "beslistermijn",
            "gemeentecode": "0518",
            "waarde": 8,
            "geldigVanaf": RECEIVED.isoformat(),
            "bron": "Test: verordening met kortere beslistermijn",
        },
        headers=auth(POLICY_ADMIN_KEY),
    )
    created = await offer(client, behandeling("rood"))

    assert created["uitersteBeslisdatum"] == (RECEIVED + dt.timedelta(weeks=8)).isoformat()


async def test_an_application_received_before_a_new_version_keeps_the_old_period(client: httpx.AsyncClient) -> None:
    await client.post(
        "/v1/parameters",
        json={
            "naam": "beslistermijn",
            "waarde": 8,
            "geldigVanaf": (RECEIVED + dt.timedelta(days=1)).isoformat(),
            "bron": "Test: nieuwe landelijke termijn",
        },
        headers=auth(POLICY_ADMIN_KEY),
    )
    created = await offer(client, behandeling("rood"))

    assert created["uitersteBeslisdatum"] == (RECEIVED + dt.timedelta(weeks=13)).isoformat()


async def test_only_a_policy_administrator_adds_parameter_versions(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/parameters",
        json={"naam": "beslistermijn", "waarde": 1, "geldigVanaf": "2026-01-01", "bron": "Zelf verzonnen"},
        headers=OFFICER,
    )

    assert response.status_code == 403


async def test_a_shorter_decision_period_recorded_later_brings_an_open_handling_into_the_deadline_list(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    behandeling_id = await offer_red(client)
    clock.set(RECEIVED + dt.timedelta(weeks=8) - dt.timedelta(days=3))

    await shorten_decision_period(client, "0518", weeks=8)

    listed = (await client.get("/v1/termijnbewaking?binnenDagen=7", headers=OFFICER)).json()
    assert [(s["behandelingId"], s["dagenResterend"]) for s in listed] == [(behandeling_id, 3)]


async def test_a_municipalitys_own_decision_period_leaves_the_deadlines_of_another_municipality(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    await offer_red(client, gemeentecode="0363")
    clock.set(RECEIVED + dt.timedelta(weeks=8) - dt.timedelta(days=3))

    await shorten_decision_period(client, "0518", weeks=8)

    assert (await client.get("/v1/termijnbewaking?binnenDagen=7", headers=OFFICER)).json() == []


async def test_a_decided_handling_keeps_the_deadline_it_was_decided_against(client: httpx.AsyncClient) -> None:
    created = await offer(client, behandeling("groen"))

    await shorten_decision_period(client, "0518", weeks=8)

    assert created["status"] == "besloten"
    termijn = (await client.get(f"/v1/behandelingen/{created['id']}", headers=OFFICER)).json()
    assert termijn["uitersteBeslisdatum"] == (RECEIVED + dt.timedelta(weeks=13)).isoformat()


async def test_every_open_handling_received_in_the_new_period_gets_the_new_deadline_however_many(
    client: httpx.AsyncClient, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(termijnen_service, "_HERBEREKEN_PER", 2)  # recomputed two at a time: three chunks
    made = {await offer_red(client) for _ in range(5)}
    clock.set(RECEIVED + dt.timedelta(weeks=8) - dt.timedelta(days=3))

    await shorten_decision_period(client, "0518", weeks=8)

    listed = (await client.get("/v1/termijnbewaking?binnenDagen=7", headers=OFFICER)).json()
    assert {s["behandelingId"] for s in listed} == made
