"""A duplicate application is closed as a duplicate, not decided (digest-004: 3 duplicates got a decision)."""

import uuid

import httpx
from decision_factories import OFFICER, SERVICE, behandeling, offer, offer_red, proposal, propose
from fastapi import FastAPI

from bbz_common.db import Database
from bbz_common.testing import postgres_generic_plans, running_app
from decision_api.clock import FixedClock
from decision_api.config import Settings
from decision_api.main import create_app


def duplicate_of(original: str) -> dict[str, str]:
    return {"reden": "dubbele-aanvraag", "dubbelVan": original, "toelichting": "Tweede formulier van dezelfde dag."}


async def test_a_duplicate_is_closed_without_a_decision(client: httpx.AsyncClient) -> None:
    original = await offer_red(client)
    duplicate = await offer_red(client)

    closed = await client.post(
        f"/v1/behandelingen/{duplicate}/afsluiting", json=duplicate_of(original), headers=OFFICER
    )

    assert (closed.json()["status"], closed.json()["afsluitreden"], closed.json()["besluiten"]) == (
        "gesloten",
        "dubbele-aanvraag",
        [],
    )


async def test_a_closed_duplicate_cannot_be_decided(client: httpx.AsyncClient) -> None:
    original = await offer_red(client)
    duplicate = await offer_red(client)
    await client.post(f"/v1/behandelingen/{duplicate}/afsluiting", json=duplicate_of(original), headers=OFFICER)

    response = await propose(client, duplicate, proposal("afwijzing"))

    assert response.status_code == 409


async def test_a_closed_duplicate_leaves_the_work_queue(client: httpx.AsyncClient) -> None:
    original = await offer_red(client)
    duplicate = await offer_red(client)
    await client.post(f"/v1/behandelingen/{duplicate}/afsluiting", json=duplicate_of(original), headers=OFFICER)

    queue = (await client.get("/v1/werkvoorraad", headers=OFFICER)).json()

    assert [item["behandelingId"] for item in queue] == [original]


async def test_an_application_cannot_be_a_duplicate_of_an_unknown_one(client: httpx.AsyncClient) -> None:
    duplicate = await offer_red(client)

    response = await client.post(
        f"/v1/behandelingen/{duplicate}/afsluiting", json=duplicate_of(str(uuid.uuid4())), headers=OFFICER
    )

    assert response.json()["invalidParams"][0]["name"] == "dubbelVan"


async def test_a_green_application_while_the_same_applicant_has_one_open_is_queued_not_granted(
    client: httpx.AsyncClient,
) -> None:
    sleutel = "hmac-sha256-0123456789abcdef"
    first = await offer(client, behandeling("rood", aanvragerSleutel=sleutel))

    second = await offer(client, behandeling("groen", aanvragerSleutel=sleutel))

    assert (second["status"], second["besluiten"], second["mogelijkDubbelVan"]) == ("in-werkvoorraad", [], first["id"])


async def test_by_default_a_decided_earlier_application_does_not_hold_up_a_new_one(client: httpx.AsyncClient) -> None:
    sleutel = "hmac-sha256-0123456789abcdef"
    await offer(client, behandeling("groen", aanvragerSleutel=sleutel))

    second = await offer(client, behandeling("groen", aanvragerSleutel=sleutel))

    assert second["status"] == "besloten"


async def test_the_policy_can_hold_up_a_second_grant_for_an_overlapping_period(
    settings: Settings, clock: FixedClock
) -> None:
    sleutel = "hmac-sha256-0123456789abcdef"
    strict = settings.model_copy(update={"dubbelcontrole": "open-en-besloten"})
    async with running_app(create_app(strict, clock=clock)) as client:
        await offer(client, behandeling("groen", aanvragerSleutel=sleutel))
        second = await offer(client, behandeling("groen", aanvragerSleutel=sleutel))

    assert (second["status"], second["besluiten"]) == ("in-werkvoorraad", [])


async def test_an_application_offered_again_is_recognised_even_when_the_applicant_has_an_earlier_one_open(
    client: httpx.AsyncClient,
) -> None:
    sleutel = "hmac-sha256-0123456789abcdef"
    await offer(client, behandeling("rood", aanvragerSleutel=sleutel))
    body = behandeling("rood", aanvragerSleutel=sleutel)
    second = await offer(client, body)

    again = await client.post("/v1/behandelingen", json=body, headers=SERVICE)

    assert (again.status_code, again.json()["id"]) == (200, second["id"])


async def test_on_postgresql_the_duplicate_check_reads_no_whole_table_even_as_planned_on_an_empty_one(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    # Every hand-over runs it, and usually finds nothing: with a plan that reads the table it cost more with
    # every handling (bench: 650 blocks a hand-over after 6,000 applications).
    db: Database = app.state.db

    async with postgres_generic_plans(db, "SELECT") as plans:
        await offer(client, behandeling("groen", aanvragerSleutel="hmac-sha256-0123456789abcdef"))

    assert [line for line in plans if line.startswith("Seq Scan on behandelingen")] == []
