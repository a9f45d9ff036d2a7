"""Submitting an application: accept first, validate strictly, never twice."""

import asyncio
import uuid

import httpx
from intake_factories import gevestigde_levensonderhoud

from bbz_common.testing import OTHER_VENDOR_KEY, VENDOR_KEY, auth


async def test_a_valid_application_is_accepted_at_once_with_its_location(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/aanvragen", json=gevestigde_levensonderhoud(), headers=auth(VENDOR_KEY))

    assert response.status_code == 201
    assert response.headers["Location"] == f"/v1/aanvragen/{response.json()['id']}"
    assert response.json()["status"] == "ontvangen"


async def test_every_response_carries_the_api_version_and_the_correlation_id(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/aanvragen",
        json=gevestigde_levensonderhoud(),
        headers={**auth(VENDOR_KEY), "X-Request-ID": "trace-abc-123"},
    )

    assert (response.headers["API-Version"], response.headers["X-Request-ID"]) == ("1.0.0", "trace-abc-123")


async def test_the_same_idempotency_key_and_body_replays_the_first_response(client: httpx.AsyncClient) -> None:
    headers = {**auth(VENDOR_KEY), "Idempotency-Key": "form-42"}
    first = await client.post("/v1/aanvragen", json=gevestigde_levensonderhoud(), headers=headers)
    second = await client.post("/v1/aanvragen", json=gevestigde_levensonderhoud(), headers=headers)

    assert (second.status_code, second.json()) == (201, first.json())


async def test_the_same_idempotency_key_with_another_body_is_a_conflict(client: httpx.AsyncClient) -> None:
    headers = {**auth(VENDOR_KEY), "Idempotency-Key": "form-43"}
    await client.post("/v1/aanvragen", json=gevestigde_levensonderhoud(), headers=headers)
    other = gevestigde_levensonderhoud()
    other["gemeentecode"] = "0363"

    response = await client.post("/v1/aanvragen", json=other, headers=headers)

    assert (response.status_code, response.headers["content-type"]) == (409, "application/problem+json")


async def test_invalid_input_is_one_400_problem_naming_every_invalid_field(client: httpx.AsyncClient) -> None:
    body = gevestigde_levensonderhoud()
    body["personalia"]["burgerservicenummer"] = "123456789"  # fails the elfproef
    body["betalen"]["iban"] = "NL00BANK0000000000"
    body["onderneming"]["kvkNummer"] = "1234"
    body["aanvraag"]["typeAanvraag"] = "bedrijfskapitaal"  # then A6-A8 are required (C5)
    body["onbekendVeld"] = True

    response = await client.post("/v1/aanvragen", json=body, headers=auth(VENDOR_KEY))

    assert response.status_code == 400
    assert {p["name"] for p in response.json()["invalidParams"]} == {
        "personalia.burgerservicenummer",
        "betalen.iban",
        "onderneming.kvkNummer",
        "aanvraag.bedrag",
        "aanvraag.noodzakelijkVoorVoortbestaan",
        "aanvraag.andereFinancieringsmogelijkheden",
        "onbekendVeld",
    }


async def test_invalid_input_changes_nothing(client: httpx.AsyncClient) -> None:
    body = gevestigde_levensonderhoud()
    body["doelgroep"] = "onbekend"
    headers = {**auth(VENDOR_KEY), "Idempotency-Key": "retry-after-fix"}
    await client.post("/v1/aanvragen", json=body, headers=headers)

    # The key was not used up by the refused request: the corrected body is accepted under it.
    fixed = await client.post("/v1/aanvragen", json=gevestigde_levensonderhoud(), headers=headers)

    assert fixed.status_code == 201


async def test_malformed_json_is_a_400_problem(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/aanvragen", content=b'{"gemeentecode": ', headers={**auth(VENDOR_KEY), "Content-Type": "application/json"}
    )

    assert (response.status_code, response.json()["invalidParams"][0]["name"]) == (400, "body")


async def test_a_start_date_in_the_past_is_refused(client: httpx.AsyncClient) -> None:
    body = gevestigde_levensonderhoud()
    body["aanvraag"]["gewensteIngangsdatum"] = "2020-01-01"

    response = await client.post("/v1/aanvragen", json=body, headers=auth(VENDOR_KEY))

    assert "aanvraag.gewensteIngangsdatum" in {p["name"] for p in response.json()["invalidParams"]}


async def test_a_number_is_not_accepted_as_a_date(client: httpx.AsyncClient) -> None:
    body = gevestigde_levensonderhoud()
    body["aanvraag"]["verwachteEinddatum"] = 20270101

    response = await client.post("/v1/aanvragen", json=body, headers=auth(VENDOR_KEY))

    assert response.status_code == 400


async def test_without_credentials_nothing_is_accepted(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/aanvragen", json=gevestigde_levensonderhoud())

    assert (response.status_code, response.headers["content-type"]) == (401, "application/problem+json")


async def test_a_vendor_sees_its_own_application_with_its_history(client: httpx.AsyncClient) -> None:
    created = await client.post("/v1/aanvragen", json=gevestigde_levensonderhoud(), headers=auth(VENDOR_KEY))

    response = await client.get(created.headers["Location"], headers=auth(VENDOR_KEY))

    assert [h["status"] for h in response.json()["statusHistorie"]] == ["ontvangen"]


async def test_a_vendor_does_not_see_another_vendors_application(client: httpx.AsyncClient) -> None:
    created = await client.post("/v1/aanvragen", json=gevestigde_levensonderhoud(), headers=auth(VENDOR_KEY))

    response = await client.get(created.headers["Location"], headers=auth(OTHER_VENDOR_KEY))

    assert response.status_code == 404


async def test_an_unknown_application_is_a_404_problem(client: httpx.AsyncClient) -> None:
    response = await client.get(f"/v1/aanvragen/{uuid.uuid4()}", headers=auth(VENDOR_KEY))

    assert (response.status_code, response.headers["content-type"]) == (404, "application/problem+json")


async def test_a_threatening_situation_marks_the_application_as_priority(client: httpx.AsyncClient) -> None:
    body = gevestigde_levensonderhoud()
    body["dreigendeSituatie"] = {"huisuitzetting": True}
    created = await client.post("/v1/aanvragen", json=body, headers=auth(VENDOR_KEY))

    response = await client.get(created.headers["Location"], headers=auth(VENDOR_KEY))

    assert response.json()["prioriteit"] is True


# ---- concurrent submissions share one transaction (group commit); the rules of each stay its own ------------


async def test_concurrent_submissions_are_each_stored_once_with_their_own_answer(client: httpx.AsyncClient) -> None:
    responses = await asyncio.gather(
        *(client.post("/v1/aanvragen", json=gevestigde_levensonderhoud(), headers=auth(VENDOR_KEY)) for _ in range(12))
    )
    ids = {r.json()["id"] for r in responses}
    found = [(await client.get(f"/v1/aanvragen/{i}", headers=auth(VENDOR_KEY))).status_code for i in ids]

    assert ([r.status_code for r in responses], len(ids), found) == ([201] * 12, 12, [200] * 12)


async def test_a_key_sent_twice_at_the_same_moment_creates_one_application_and_answers_both_alike(
    client: httpx.AsyncClient,
) -> None:
    headers = {**auth(VENDOR_KEY), "Idempotency-Key": "double-click"}
    body = gevestigde_levensonderhoud()
    first, second = await asyncio.gather(
        client.post("/v1/aanvragen", json=body, headers=headers),
        client.post("/v1/aanvragen", json=body, headers=headers),
    )
    listed = (await client.get("/v1/aanvragen", headers=auth(VENDOR_KEY))).json()

    assert (first.status_code, second.status_code, first.json() == second.json(), len(listed)) == (201, 201, True, 1)


async def test_a_key_sent_at_the_same_moment_with_another_body_creates_one_and_refuses_the_other(
    client: httpx.AsyncClient,
) -> None:
    headers = {**auth(VENDOR_KEY), "Idempotency-Key": "same-moment"}
    other = gevestigde_levensonderhoud()
    other["contact"]["emailadres"] = "ander@example.nl"
    first, second = await asyncio.gather(
        client.post("/v1/aanvragen", json=gevestigde_levensonderhoud(), headers=headers),
        client.post("/v1/aanvragen", json=other, headers=headers),
    )

    # Whichever is written first is created; the other is refused.
    refused = [r.json()["code"] for r in (first, second) if r.status_code == 409]
    assert (sorted([first.status_code, second.status_code]), refused) == ([201, 409], ["idempotency_key_reused"])
