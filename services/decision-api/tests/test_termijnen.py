"""Deadlines the law sets: 13 weeks from receipt, once extendable by 13; a request to complete suspends the clock;
setting aside only after a request sent within the decision period whose repair period has passed."""

import datetime as dt
import uuid

import httpx
from decision_db import queries_for
from decision_factories import (
    DEADLINE,
    OFFICER,
    RECEIVED,
    behandeling,
    offer,
    offer_red,
    proposal,
    propose,
    request_completion,
)
from fastapi import FastAPI

from bbz_common.db import Database
from bbz_common.testing import sqlite_plans
from decision_api.clock import FixedClock


async def termijn(client: httpx.AsyncClient, behandeling_id: str) -> dict[str, object]:
    response = await client.get(f"/v1/behandelingen/{behandeling_id}/termijn", headers=OFFICER)
    result: dict[str, object] = response.json()
    return result


async def test_the_decision_period_is_13_weeks_from_receipt(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)

    assert (await termijn(client, behandeling_id))["uitersteBeslisdatum"] == "2026-06-01"


async def test_a_request_to_complete_suspends_the_clock_until_the_application_is_completed(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    behandeling_id = await offer_red(client)
    clock.advance(10)
    verzoek = await request_completion(client, behandeling_id)
    clock.advance(5)
    await client.post(
        f"/v1/behandelingen/{behandeling_id}/herstelverzoeken/{verzoek['id']}/aanvulling", headers=OFFICER
    )

    assert (await termijn(client, behandeling_id))["uitersteBeslisdatum"] == (
        DEADLINE + dt.timedelta(days=5)
    ).isoformat()


async def test_an_unanswered_request_suspends_the_clock_for_the_whole_repair_period(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    behandeling_id = await offer_red(client)
    clock.advance(10)
    await request_completion(client, behandeling_id)

    assert (await termijn(client, behandeling_id))["uitersteBeslisdatum"] == (
        DEADLINE + dt.timedelta(weeks=2)
    ).isoformat()


async def test_the_clock_stands_still_while_the_repair_period_runs(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    behandeling_id = await offer_red(client)
    await request_completion(client, behandeling_id)
    clock.advance(3)

    assert (await termijn(client, behandeling_id))["opgeschort"] is True


async def test_the_decision_period_can_be_extended_once_by_13_weeks(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)

    response = await client.post(
        f"/v1/behandelingen/{behandeling_id}/verlenging", json={"reden": "Levensvatbaarheidsonderzoek"}, headers=OFFICER
    )

    assert response.json()["uitersteBeslisdatum"] == (DEADLINE + dt.timedelta(weeks=13)).isoformat()


async def test_the_decision_period_cannot_be_extended_twice(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)
    body = {"reden": "Levensvatbaarheidsonderzoek"}
    await client.post(f"/v1/behandelingen/{behandeling_id}/verlenging", json=body, headers=OFFICER)

    again = await client.post(f"/v1/behandelingen/{behandeling_id}/verlenging", json=body, headers=OFFICER)

    assert (again.status_code, again.json()["code"]) == (409, "already_extended")


async def test_the_decision_period_cannot_be_extended_after_it_ran_out(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    behandeling_id = await offer_red(client)
    clock.set(DEADLINE + dt.timedelta(days=1))

    response = await client.post(
        f"/v1/behandelingen/{behandeling_id}/verlenging", json={"reden": "Te laat"}, headers=OFFICER
    )

    assert (response.status_code, response.json()["code"]) == (409, "deadline_passed")


async def set_aside_after_request_on(client: httpx.AsyncClient, clock: FixedClock, sent: dt.date) -> httpx.Response:
    """A request to complete sent on ``sent``, then (after its repair period) a proposal to set aside."""
    behandeling_id = await offer_red(client)
    clock.set(sent)
    verzoek = await request_completion(client, behandeling_id)
    clock.set(dt.date.fromisoformat(verzoek["einddatumHersteltermijn"]) + dt.timedelta(days=1))
    return await propose(client, behandeling_id, proposal("buiten-behandeling"))


async def test_setting_aside_is_allowed_after_a_request_sent_on_the_last_day_of_the_decision_period(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    response = await set_aside_after_request_on(client, clock, DEADLINE)

    assert response.status_code == 201


async def test_setting_aside_is_refused_after_a_request_sent_the_day_after_the_decision_period(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    response = await set_aside_after_request_on(client, clock, DEADLINE + dt.timedelta(days=1))

    assert (response.status_code, response.json()["code"]) == (409, "setting_aside_not_allowed")


async def test_setting_aside_is_refused_while_the_repair_period_runs(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    behandeling_id = await offer_red(client)
    verzoek = await request_completion(client, behandeling_id)
    clock.set(dt.date.fromisoformat(verzoek["einddatumHersteltermijn"]))

    response = await propose(client, behandeling_id, proposal("buiten-behandeling"))

    assert response.status_code == 409


async def test_setting_aside_is_refused_without_a_request_to_complete(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)

    response = await propose(client, behandeling_id, proposal("buiten-behandeling"))

    assert response.status_code == 409


async def test_setting_aside_is_refused_once_the_application_was_completed(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    behandeling_id = await offer_red(client)
    verzoek = await request_completion(client, behandeling_id)
    await client.post(
        f"/v1/behandelingen/{behandeling_id}/herstelverzoeken/{verzoek['id']}/aanvulling", headers=OFFICER
    )
    clock.advance(30)

    response = await propose(client, behandeling_id, proposal("buiten-behandeling"))

    assert response.status_code == 409


async def test_a_request_sent_after_the_decision_period_is_marked_late(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    behandeling_id = await offer_red(client)
    clock.set(DEADLINE + dt.timedelta(days=1))

    verzoek = await request_completion(client, behandeling_id)

    assert verzoek["tijdig"] is False


async def test_the_deadline_list_shows_handlings_near_or_past_their_deadline(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    near = await offer_red(client)
    await offer(client, behandeling("rood", ontvangstdatum=(RECEIVED + dt.timedelta(days=30)).isoformat()))
    clock.set(DEADLINE - dt.timedelta(days=7))

    listed = (await client.get("/v1/termijnbewaking?binnenDagen=14", headers=OFFICER)).json()

    assert [(s["behandelingId"], s["dagenResterend"]) for s in listed] == [(near, 7)]


async def test_the_deadline_list_flags_a_handling_past_its_deadline(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    await offer_red(client)
    clock.set(DEADLINE + dt.timedelta(days=2))

    listed = (await client.get("/v1/termijnbewaking", headers=OFFICER)).json()

    assert [(s["overschreden"], s["dagenResterend"]) for s in listed] == [(True, -2)]


async def test_the_deadline_list_shows_which_handling_waits_for_completion(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    waiting = await offer_red(client)
    await offer_red(client)
    await request_completion(client, waiting)
    clock.advance(3)

    listed = (await client.get("/v1/termijnbewaking?binnenDagen=365", headers=OFFICER)).json()

    assert [(s["behandelingId"] == waiting, s["opgeschort"], s["uitersteBeslisdatum"]) for s in listed] == [
        (False, False, DEADLINE.isoformat()),
        (True, True, (DEADLINE + dt.timedelta(weeks=2)).isoformat()),
    ]


async def open_handlings(client: httpx.AsyncClient, count: int) -> list[str]:
    """``count`` open handlings, received on three days in turn, every third one threatening, in municipalities
    in turn, so that the deadline list's order needs all its keys; their ids in that order (the nearest last day
    to decide, threatening situations first, then the id)."""
    made: list[tuple[dt.date, bool, uuid.UUID]] = []
    for n in range(count):
        received = RECEIVED + dt.timedelta(days=n % 3)
        prioriteit = n % 3 == 1
        gemeentecode = ("0518", "0363")[n % 2]
        behandeling_id = await offer_red(
            client, ontvangstdatum=received.isoformat(), prioriteit=prioriteit, gemeentecode=gemeentecode
        )
        made.append((received, not prioriteit, uuid.UUID(behandeling_id)))
    return [str(behandeling_id) for *_, behandeling_id in sorted(made)]


async def listed_ids(client: httpx.AsyncClient, query: str) -> list[str]:
    response = await client.get(f"/v1/termijnbewaking?binnenDagen=365{query}", headers=OFFICER)
    assert response.status_code == 200, response.text
    return [s["behandelingId"] for s in response.json()]


async def test_pages_of_the_deadline_list_follow_one_another_in_its_order(client: httpx.AsyncClient) -> None:
    in_order = await open_handlings(client, 7)

    paged = [i for offset in range(0, 8, 2) for i in await listed_ids(client, f"&limit=2&offset={offset}")]

    assert paged == in_order


async def test_without_paging_parameters_the_deadline_list_is_the_first_page_of_50(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    await open_handlings(client, 51)
    clock.set(DEADLINE)
    every_handling = (await client.get("/v1/termijnbewaking?limit=500", headers=OFFICER)).json()

    assert (await client.get("/v1/termijnbewaking", headers=OFFICER)).json() == every_handling[:50]


async def test_a_page_of_more_than_500_is_refused_naming_limit(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/termijnbewaking?limit=501", headers=OFFICER)

    assert (response.status_code, [p["name"] for p in response.json()["invalidParams"]]) == (400, ["limit"])


async def test_a_limit_of_0_and_a_negative_offset_are_refused_naming_both(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/termijnbewaking?limit=0&offset=-1", headers=OFFICER)

    assert (response.status_code, [p["name"] for p in response.json()["invalidParams"]]) == (400, ["limit", "offset"])


async def test_a_page_of_20_reads_as_many_queries_as_a_page_of_2(app: FastAPI, client: httpx.AsyncClient) -> None:
    in_order = await open_handlings(client, 20)
    for behandeling_id in in_order[::3]:
        await request_completion(client, behandeling_id)

    counts = [await queries_for(app, client, f"/v1/termijnbewaking?binnenDagen=365&limit={n}") for n in (2, 20)]

    assert counts[0] == counts[1]


async def test_a_page_of_the_deadline_list_is_read_in_its_order_not_sorted_from_the_whole_list(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    db: Database = app.state.db
    await offer_red(client)

    async with sqlite_plans(db, "SELECT behandelingen") as plans:
        await client.get("/v1/termijnbewaking?binnenDagen=365", headers=OFFICER)

    assert (
        [line for line in plans if "ix_behandelingen_termijnbewaking" in line] != [],
        [line for line in plans if "TEMP B-TREE" in line],
    ) == (True, [])
