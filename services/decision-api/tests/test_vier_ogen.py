"""Decisions outside the green route are four-eyes: proposed by one officer, approved by another."""

import itertools
import uuid

import httpx
import pytest
from decision_factories import APPROVER, OFFICER, OFFICER_2, approve, offer_red, proposal, propose, record_findings
from fastapi import FastAPI

from bbz_common.db import Database, new_id
from bbz_common.testing import sqlite_plans
from decision_api.besluiten import service as besluiten_service


async def test_a_proposal_approved_by_another_officer_becomes_the_decision(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)
    await record_findings(client, behandeling_id)
    proposed = await propose(client, behandeling_id, proposal("toekenning"))

    approved = await approve(client, proposed.json()["id"])

    assert (approved.json()["status"], approved.json()["besluitId"] is not None) == ("gefiatteerd", True)


async def test_the_officer_who_proposed_cannot_approve_their_own_proposal(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)
    await record_findings(client, behandeling_id)
    proposed = await propose(client, behandeling_id, proposal("toekenning"), headers=APPROVER)

    own = await approve(client, proposed.json()["id"], headers=APPROVER)

    assert (own.status_code, own.json()["code"]) == (409, "four_eyes")


async def test_an_own_proposal_refused_for_approval_leaves_no_decision(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)
    await record_findings(client, behandeling_id)
    proposed = await propose(client, behandeling_id, proposal("toekenning"), headers=APPROVER)
    await approve(client, proposed.json()["id"], headers=APPROVER)

    handling = (await client.get(f"/v1/behandelingen/{behandeling_id}", headers=OFFICER)).json()

    assert (handling["status"], handling["besluiten"]) == ("in-werkvoorraad", [])


async def test_an_officer_without_the_approver_role_cannot_approve(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)
    proposed = await propose(client, behandeling_id, proposal("afwijzing"))

    response = await approve(client, proposed.json()["id"], headers=OFFICER_2)

    assert response.status_code == 403


async def test_a_proposal_sent_back_is_not_a_decision(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)
    proposed = await propose(client, behandeling_id, proposal("afwijzing"))

    sent_back = await approve(client, proposed.json()["id"], akkoord=False)

    assert (sent_back.json()["status"], sent_back.json()["besluitId"]) == ("teruggestuurd", None)


async def test_a_second_proposal_for_the_same_part_waits_for_the_first(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)
    await propose(client, behandeling_id, proposal("afwijzing"))

    second = await propose(client, behandeling_id, proposal("afwijzing"), headers=OFFICER_2)

    assert (second.status_code, second.json()["code"]) == (409, "proposal_pending")


async def test_the_decision_names_who_proposed_and_who_approved(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)
    proposed = await propose(client, behandeling_id, proposal("afwijzing"))
    approved = await approve(client, proposed.json()["id"])

    besluit = (await client.get(f"/v1/besluiten/{approved.json()['besluitId']}", headers=OFFICER)).json()

    assert (besluit["voorgesteldDoor"], besluit["gefiatteerdDoor"]) == ("demo-behandelaar", "demo-fiatteur")


async def test_the_approvers_queue_lists_proposals_awaiting_approval_urgent_first(client: httpx.AsyncClient) -> None:
    ordinary = await offer_red(client)
    urgent = await offer_red(client, prioriteit=True)
    await propose(client, ordinary, proposal("afwijzing"))
    await propose(client, urgent, proposal("afwijzing"))

    queue = (await client.get("/v1/besluitvoorstellen?status=voorgesteld", headers=APPROVER)).json()

    assert [v["behandelingId"] for v in queue] == [urgent, ordinary]


async def test_proposals_made_at_the_same_moment_come_out_in_pages_without_a_gap_or_a_repeat(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The fixed clock stands still: every proposal is made at the same moment, on handlings received the same day
    # without priority. Only the id tells them apart; each proposal gets an id below the previous one's.
    moments = itertools.count(start=1_900_000_000_000, step=-1)
    monkeypatch.setattr(besluiten_service, "new_id", lambda: new_id(next(moments) * 1_000_000))
    made = [(await propose(client, await offer_red(client), proposal("afwijzing"))).json()["id"] for _ in range(7)]

    paged = [
        v["id"]
        for offset in range(0, 8, 2)
        for v in (await client.get(f"/v1/besluitvoorstellen?limit=2&offset={offset}", headers=APPROVER)).json()
    ]

    assert paged == sorted(made, key=uuid.UUID)


async def test_the_approvers_queue_reads_only_the_proposals_with_its_status(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    db: Database = app.state.db
    await propose(client, await offer_red(client), proposal("afwijzing"))

    async with sqlite_plans(db, "SELECT besluitvoorstellen") as plans:
        await client.get("/v1/besluitvoorstellen", headers=OFFICER)

    # Their order (the handling's priority and deadline) stays a sort of those proposals: no index serves an order
    # across the join.
    assert [line for line in plans if line.startswith(("SCAN", "SEARCH besluitvoorstellen"))] == [
        "SEARCH besluitvoorstellen USING INDEX ix_besluitvoorstellen_status (status=?)"
    ]
