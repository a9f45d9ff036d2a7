"""Legal numbers are dated data: a municipality's own version applies from its start date."""

import datetime as dt

import httpx
from decision_factories import OFFICER, RECEIVED, behandeling, offer

from bbz_common.testing import POLICY_ADMIN_KEY, auth


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
