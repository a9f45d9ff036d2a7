"""Drafts (tussentijds opslaan): save any part of the form, resume it, submit it once; only the vendor's own."""

import datetime as dt
from pathlib import Path
from typing import Any

import httpx
import pytest
from intake_bijlagen import upload
from intake_factories import gevestigde_levensonderhoud

from bbz_common.testing import OTHER_VENDOR_KEY, VENDOR_KEY, auth, migrated_database, running_app
from intake_api.config import Settings
from intake_api.main import create_app

SERVICE_DIR = Path(__file__).resolve().parents[1]
VENDOR = auth(VENDOR_KEY)


async def save(client: httpx.AsyncClient, formulier: dict[str, Any], headers: dict[str, str] = VENDOR) -> str:
    response = await client.post("/v1/concepten", json={"formulier": formulier}, headers=headers)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def test_a_partial_form_is_saved_as_a_draft(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/concepten", json={"formulier": {"doelgroep": "starter"}}, headers=VENDOR)

    assert (response.status_code, response.headers["Location"]) == (201, f"/v1/concepten/{response.json()['id']}")


async def test_a_saved_draft_is_resumed_as_it_was_left(client: httpx.AsyncClient) -> None:
    concept_id = await save(client, {"personalia": {"burgerservicenummer": "999990020"}})

    response = await client.get(f"/v1/concepten/{concept_id}", headers=VENDOR)

    assert response.json()["formulier"] == {"personalia": {"burgerservicenummer": "999990020"}}


async def test_saving_again_replaces_the_form(client: httpx.AsyncClient) -> None:
    concept_id = await save(client, {"doelgroep": "starter"})

    await client.put(f"/v1/concepten/{concept_id}", json={"formulier": {"doelgroep": "ioaz"}}, headers=VENDOR)

    assert (await client.get(f"/v1/concepten/{concept_id}", headers=VENDOR)).json()["formulier"] == {
        "doelgroep": "ioaz"
    }


async def test_another_vendor_does_not_see_the_draft(client: httpx.AsyncClient) -> None:
    concept_id = await save(client, {"doelgroep": "starter"})

    response = await client.get(f"/v1/concepten/{concept_id}", headers=auth(OTHER_VENDOR_KEY))

    assert response.status_code == 404


async def test_a_draft_must_be_a_json_object_under_formulier(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/concepten", json={"formulier": [1, 2]}, headers=VENDOR)

    assert [p["name"] for p in response.json()["invalidParams"]] == ["formulier"]


async def test_a_complete_draft_is_submitted_as_an_application(client: httpx.AsyncClient) -> None:
    concept_id = await save(client, gevestigde_levensonderhoud())

    response = await client.post(f"/v1/concepten/{concept_id}/indienen", headers=VENDOR)

    application = await client.get(response.headers["Location"], headers=VENDOR)
    assert (response.status_code, application.status_code) == (201, 200)


async def test_an_incomplete_draft_is_refused_with_every_invalid_field_and_stays_a_draft(
    client: httpx.AsyncClient,
) -> None:
    form = gevestigde_levensonderhoud()
    del form["betalen"]
    form["personalia"]["burgerservicenummer"] = "123456789"
    concept_id = await save(client, form)

    response = await client.post(f"/v1/concepten/{concept_id}/indienen", headers=VENDOR)

    assert {p["name"] for p in response.json()["invalidParams"]} >= {"betalen", "personalia.burgerservicenummer"}


async def test_submitting_a_draft_twice_answers_the_same_application(client: httpx.AsyncClient) -> None:
    concept_id = await save(client, gevestigde_levensonderhoud())

    first = await client.post(f"/v1/concepten/{concept_id}/indienen", headers=VENDOR)
    second = await client.post(f"/v1/concepten/{concept_id}/indienen", headers=VENDOR)

    assert (second.status_code, second.json()["id"]) == (201, first.json()["id"])


async def test_a_submitted_draft_can_no_longer_be_changed(client: httpx.AsyncClient) -> None:
    concept_id = await save(client, gevestigde_levensonderhoud())
    await client.post(f"/v1/concepten/{concept_id}/indienen", headers=VENDOR)

    response = await client.put(f"/v1/concepten/{concept_id}", json={"formulier": {}}, headers=VENDOR)

    assert response.status_code == 409


async def test_a_submitted_draft_records_its_application(client: httpx.AsyncClient) -> None:
    concept_id = await save(client, gevestigde_levensonderhoud())
    submitted = await client.post(f"/v1/concepten/{concept_id}/indienen", headers=VENDOR)

    concept = (await client.get(f"/v1/concepten/{concept_id}", headers=VENDOR)).json()

    assert (concept["status"], concept["aanvraagId"]) == ("ingediend", submitted.json()["id"])


async def test_the_drafts_attachments_move_to_the_application(client: httpx.AsyncClient) -> None:
    concept_id = await save(client, gevestigde_levensonderhoud())
    await client.post(f"/v1/concepten/{concept_id}/bijlagen", json=upload(vraag_id="I9"), headers=VENDOR)
    submitted = await client.post(f"/v1/concepten/{concept_id}/indienen", headers=VENDOR)

    listed = await client.get(f"/v1/aanvragen/{submitted.json()['id']}/bijlagen", headers=VENDOR)

    assert [b["vraagId"] for b in listed.json()] == ["I9"]


async def test_a_draft_expires_after_the_configured_days(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/concepten", json={"formulier": {}}, headers=VENDOR)

    body = response.json()
    saved = dt.datetime.fromisoformat(body["bijgewerktOp"])
    assert dt.datetime.fromisoformat(body["verlooptOp"]) - saved == dt.timedelta(days=30)


async def test_a_discarded_draft_is_gone(client: httpx.AsyncClient) -> None:
    concept_id = await save(client, {})

    await client.delete(f"/v1/concepten/{concept_id}", headers=VENDOR)

    assert (await client.get(f"/v1/concepten/{concept_id}", headers=VENDOR)).status_code == 404


@pytest.fixture
def expiring_settings(tmp_path: Path) -> Settings:
    return Settings(
        database_url=migrated_database(SERVICE_DIR, tmp_path, "intake-expiry"),
        outbox_enabled=False,
        log_json=False,
        concept_bewaartermijn_dagen=0,
    )


@pytest.fixture
async def expiring_client(expiring_settings: Settings) -> Any:
    async with running_app(create_app(expiring_settings)) as c:
        yield c


async def test_an_expired_draft_no_longer_exists(expiring_client: httpx.AsyncClient) -> None:
    concept_id = await save(expiring_client, {"doelgroep": "starter"})

    response = await expiring_client.get(f"/v1/concepten/{concept_id}", headers=VENDOR)

    assert (response.status_code, response.json()["code"]) == (404, "concept_verlopen")


async def test_a_draft_with_a_nul_character_is_refused_not_a_server_error(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/concepten", json={"formulier": {"reden": "a\u0000b"}}, headers=VENDOR)

    assert [p["name"] for p in response.json()["invalidParams"]] == ["formulier"]
