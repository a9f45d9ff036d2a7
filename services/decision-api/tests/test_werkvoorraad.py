"""The work queue: threatening situations first, then the deadline; assignment, notes, the route explanation."""

import datetime as dt
import itertools
import uuid
from typing import Any

import httpx
import pytest
from decision_db import queries_for
from decision_factories import (
    DEADLINE,
    OFFICER,
    RECEIVED,
    approve,
    behandeling,
    decide,
    offer,
    offer_red,
    proposal,
    propose,
    split_request,
)
from fastapi import FastAPI

from bbz_common.db import Database, new_id
from bbz_common.testing import VENDOR_KEY, auth, sqlite_plans
from decision_api.behandelingen import service as behandelingen_service


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
    await offer_red(client)

    async with sqlite_plans(db, "SELECT behandelingen") as plans:
        await client.get("/v1/werkvoorraad", headers=OFFICER)

    assert (
        [line for line in plans if "ix_behandelingen_werkvoorraad" in line] != [],
        [line for line in plans if "TEMP B-TREE" in line],
    ) == (True, [])


async def test_a_page_of_the_work_queue_is_chosen_from_the_index_alone(app: FastAPI, client: httpx.AsyncClient) -> None:
    # The page's ids come from the index; only its own rows are read, with their route's reasons. (PostgreSQL
    # would otherwise extract the reasons of every row an offset skips.)
    db: Database = app.state.db
    await offer_red(client)

    async with sqlite_plans(db, "SELECT behandelingen") as plans:
        await client.get("/v1/werkvoorraad?offset=0", headers=OFFICER)

    assert "SEARCH behandelingen USING COVERING INDEX ix_behandelingen_werkvoorraad (status=?)" in plans


def ids_counting_down(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every handling handed over from now on gets an id below the previous one's (time-ordered ids of moments
    counting back), so that the order of hand-over is not the order of the ids."""
    moments = itertools.count(start=1_900_000_000_000, step=-1)
    monkeypatch.setattr(behandelingen_service, "new_id", lambda: new_id(next(moments) * 1_000_000))


async def test_handlings_handed_over_at_the_same_moment_come_out_in_pages_without_a_gap_or_a_repeat(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The fixed clock stands still: every handling is handed over at the same moment (aangemaakt_op), received on
    # the same day, with the same last day to decide and no priority. Only the id tells them apart.
    ids_counting_down(monkeypatch)
    handed_over = [await offer_red(client) for _ in range(7)]

    paged = [
        item["behandelingId"]
        for offset in range(0, 8, 2)
        for item in (await client.get(f"/v1/werkvoorraad?limit=2&offset={offset}", headers=OFFICER)).json()
    ]

    assert paged == sorted(handed_over, key=uuid.UUID)


async def test_a_page_of_20_reads_as_many_queries_as_a_page_of_2(app: FastAPI, client: httpx.AsyncClient) -> None:
    # Every other handling split, its income part granted at once; every fourth its business capital proposed.
    for n in range(20):
        if n % 2:
            await offer_red(client)
            continue
        split = await offer(client, split_request())
        if n % 4 == 0:
            await propose(client, split["id"], proposal("afwijzing", product="bedrijfskapitaal"))

    counts = [await queries_for(app, client, f"/v1/werkvoorraad?limit={n}") for n in (2, 20)]

    assert counts[0] == counts[1]


def queue_item(behandeling_id: str, aanvraag_id: str, **changes: Any) -> dict[str, Any]:
    """A handling of ``behandeling()`` on the red route, as the work queue shows it when nothing happened yet."""
    item: dict[str, Any] = {
        "behandelingId": behandeling_id,
        "aanvraagId": aanvraag_id,
        "route": "rood",
        "prioriteit": False,
        "ontvangstdatum": RECEIVED.isoformat(),
        "uitersteBeslisdatum": DEADLINE.isoformat(),
        "behandelaar": None,
        "openDelen": ["inkomensaanvullende-uitkering"],
        "voorstelInAfwachting": False,
        "mogelijkDubbelVan": None,
        "redenen": ["R1: Starter, oudere zelfstandige, IOAZ of beëindiger."],
    }
    item.update(changes)
    return item


async def test_the_rows_of_a_page_show_each_handlings_decisions_and_proposals(client: httpx.AsyncClient) -> None:
    # Granted at once on its green part, its business capital proposed for rejection: one part open, awaiting.
    granted = await offer(client, split_request())
    await propose(client, granted["id"], proposal("afwijzing", product="bedrijfskapitaal"))
    # Both parts open; a rejection of its business capital proposed and refused by the approver: not awaiting.
    refused = await offer(client, split_request("rood"))
    proposed = await propose(client, refused["id"], proposal("afwijzing", product="bedrijfskapitaal"))
    await approve(client, proposed.json()["id"], akkoord=False)
    # Its business capital rejected (proposed and approved); its income part awaits approval.
    rejected = await offer(client, split_request("rood"))
    await decide(client, rejected["id"], proposal("afwijzing", product="bedrijfskapitaal"))
    await propose(client, rejected["id"], proposal("toekenning", product="inkomensaanvullende-uitkering"))
    plain = await offer(client, behandeling("rood"))
    both = ["inkomensaanvullende-uitkering", "bedrijfskapitaal"]

    queue = (await client.get("/v1/werkvoorraad", headers=OFFICER)).json()

    assert sorted(queue, key=lambda item: item["behandelingId"]) == sorted(
        [
            queue_item(granted["id"], granted["aanvraagId"], openDelen=["bedrijfskapitaal"], voorstelInAfwachting=True),
            queue_item(refused["id"], refused["aanvraagId"], openDelen=both),
            queue_item(
                rejected["id"],
                rejected["aanvraagId"],
                openDelen=["inkomensaanvullende-uitkering"],
                voorstelInAfwachting=True,
            ),
            queue_item(plain["id"], plain["aanvraagId"]),
        ],
        key=lambda item: item["behandelingId"],
    )
