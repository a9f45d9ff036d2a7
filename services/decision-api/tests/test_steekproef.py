"""A configurable, reproducible percentage of green grants is drawn for an evidence check; its result recorded."""

import httpx
from decision_factories import OFFICER, behandeling, offer

from bbz_common.testing import POLICY_ADMIN_KEY, auth
from decision_api.steekproef.service import lot


async def set_percentage(client: httpx.AsyncClient, basispunten: int) -> None:
    response = await client.post(
        "/v1/parameters",
        json={
            "naam": "steekproefpercentage",
            "gemeentecode": "0518",
            "waarde": basispunten,
            "geldigVanaf": "2026-01-01",
            "bron": "Test: beleidsregel steekproef 2026",
        },
        headers=auth(POLICY_ADMIN_KEY),
    )
    assert response.status_code == 201, response.text


async def test_at_100_percent_every_green_grant_is_drawn(client: httpx.AsyncClient) -> None:
    await set_percentage(client, 10_000)
    for _ in range(3):
        await offer(client, behandeling("groen"))

    drawn = (await client.get("/v1/steekproefcontroles?status=open", headers=OFFICER)).json()

    assert len(drawn) == 3


async def test_at_0_percent_no_green_grant_is_drawn(client: httpx.AsyncClient) -> None:
    await set_percentage(client, 0)
    await offer(client, behandeling("groen"))

    drawn = (await client.get("/v1/steekproefcontroles", headers=OFFICER)).json()

    assert drawn == []


async def test_the_draw_is_reproducible_from_the_seed_and_the_application(client: httpx.AsyncClient) -> None:
    body = behandeling("groen")
    created = await offer(client, body)

    besluit = (await client.get(f"/v1/besluiten/{created['besluiten'][0]['id']}", headers=OFFICER)).json()

    assert besluit["rapport"]["steekproef"]["lot"] == lot("open-bbz-steekproef", body["aanvraagId"])


async def test_the_result_of_the_evidence_check_is_recorded(client: httpx.AsyncClient) -> None:
    await set_percentage(client, 10_000)
    await offer(client, behandeling("groen"))
    controle = (await client.get("/v1/steekproefcontroles", headers=OFFICER)).json()[0]

    response = await client.post(
        f"/v1/steekproefcontroles/{controle['id']}/resultaat",
        json={"resultaat": "bevestigd", "toelichting": "Jaarcijfers en paspoort ontvangen en in orde."},
        headers=OFFICER,
    )

    assert (response.json()["status"], response.json()["resultaat"], response.json()["gecontroleerdDoor"]) == (
        "afgerond",
        "bevestigd",
        "demo-behandelaar",
    )
