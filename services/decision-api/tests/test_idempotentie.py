"""A retried backoffice POST with the same Idempotency-Key creates nothing twice."""

import httpx
from decision_factories import OFFICER, offer_red


async def test_a_retried_request_to_complete_is_sent_once(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)
    body = {"omschrijving": "Stuur de jaarstukken.", "gevraagdeStukken": ["jaarrekening 2025"]}
    headers = {**OFFICER, "Idempotency-Key": "brief-2026-0001"}
    first = await client.post(f"/v1/behandelingen/{behandeling_id}/herstelverzoeken", json=body, headers=headers)
    await client.post(f"/v1/behandelingen/{behandeling_id}/herstelverzoeken", json=body, headers=headers)

    listed = (await client.get(f"/v1/behandelingen/{behandeling_id}/herstelverzoeken", headers=OFFICER)).json()

    assert [v["id"] for v in listed] == [first.json()["id"]]


async def test_the_same_key_with_another_body_is_a_conflict(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)
    headers = {**OFFICER, "Idempotency-Key": "notitie-1"}
    await client.post(f"/v1/behandelingen/{behandeling_id}/notities", json={"tekst": "Eerste"}, headers=headers)

    response = await client.post(
        f"/v1/behandelingen/{behandeling_id}/notities", json={"tekst": "Andere"}, headers=headers
    )

    assert response.status_code == 409
