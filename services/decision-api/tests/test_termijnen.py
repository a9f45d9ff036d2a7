"""Deadlines the law sets: 13 weeks from receipt, once extendable by 13; a request to complete suspends the clock;
setting aside only after a request sent within the decision period whose repair period has passed."""

import datetime as dt

import httpx
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
