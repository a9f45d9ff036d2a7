"""The work queue: threatening situations first, then the deadline; assignment, notes, the route explanation."""

import datetime as dt

import httpx
import pytest
from decision_factories import OFFICER, RECEIVED, behandeling, offer, offer_red, proposal, propose
from fastapi import FastAPI

from bbz_common.db import Database
from bbz_common.testing import VENDOR_KEY, auth, sqlite_plans


async def test_threatening_situations_come_first_then_the_nearest_deadline(client: httpx.AsyncClient) -> None:
    later = await offer_red(client, ontvangstdatum=(RECEIVED + dt.timedelta(days=5)).isoformat())
    earlier = await offer_red(client)
    urgent = await offer_red(client, prioriteit=True, ontvangstdatum=(RECEIVED + dt.timedelta(days=9)).isoformat())

    queue = (await client.get("/v1/werkvoorraad", headers=OFFICER)).json()

    assert [item["behandelingId"] for item in queue] == [urgent, earlier, later]


async def test_a_green_grant_is_not_in_the_work_queue(client: httpx.AsyncClient) -> None:
    await offer(client, behandeling("groen"))

    assert (await client.get("/v1/werkvoorraad", headers=OFFICER)).json() == []


async def test_work_assigned_to_an_officer_is_in_their_queue(client: httpx.AsyncClient) -> None:
    mine = await offer_red(client)
    await offer_red(client)
    await client.put(f"/v1/behandelingen/{mine}/toewijzing", json={"behandelaar": "demo-behandelaar"}, headers=OFFICER)

    queue = (await client.get("/v1/werkvoorraad?behandelaar=demo-behandelaar", headers=OFFICER)).json()

    assert [item["behandelingId"] for item in queue] == [mine]


async def test_work_cannot_be_assigned_to_someone_who_is_no_officer(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)

    response = await client.put(
        f"/v1/behandelingen/{behandeling_id}/toewijzing", json={"behandelaar": "demo-leverancier"}, headers=OFFICER
    )

    assert response.status_code == 400


async def test_notes_are_kept_on_the_file_with_their_author(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)
    await client.post(
        f"/v1/behandelingen/{behandeling_id}/notities", json={"tekst": "Gebeld: jaarcijfers volgen."}, headers=OFFICER
    )

    notes = (await client.get(f"/v1/behandelingen/{behandeling_id}/notities", headers=OFFICER)).json()

    assert [(n["auteur"], n["tekst"]) for n in notes] == [("demo-behandelaar", "Gebeld: jaarcijfers volgen.")]


async def test_the_route_explanation_is_at_hand_in_the_handling(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)

    handling = (await client.get(f"/v1/behandelingen/{behandeling_id}", headers=OFFICER)).json()

    assert (handling["redenen"], handling["regels"][0]["regel"]) == (
        ["R1: Starter, oudere zelfstandige, IOAZ of beëindiger."],
        "G1",
    )


async def test_a_vendor_cannot_read_the_work_queue(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/werkvoorraad", headers=auth(VENDOR_KEY))

    assert response.status_code == 403


async def test_the_queue_shows_which_handlings_await_approval(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)
    await propose(client, behandeling_id, proposal("afwijzing"))

    queue = (await client.get("/v1/werkvoorraad", headers=OFFICER)).json()

    assert queue[0]["voorstelInAfwachting"] is True


async def test_a_page_of_the_work_queue_is_read_in_its_order_not_sorted_from_the_whole_queue(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    db: Database = app.state.db
    if db.dialect_name != "sqlite":
        pytest.skip("reads SQLite's query plan")
    await offer_red(client)

    async with sqlite_plans(db, "SELECT behandelingen") as plans:
        await client.get("/v1/werkvoorraad", headers=OFFICER)

    assert (len(plans) > 0, [line for line in plans if "TEMP B-TREE" in line]) == (True, [])
