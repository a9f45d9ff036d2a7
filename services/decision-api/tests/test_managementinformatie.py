"""Management information: counts per route, decision type, product and month; lead times; deadline breaches."""

import datetime as dt

import httpx
from decision_factories import DEADLINE, OFFICER, behandeling, decide, offer, offer_red, proposal

from decision_api.clock import FixedClock

PERIOD = "vanaf=2026-01-01&tot=2026-12-31"


async def test_applications_are_counted_per_route(client: httpx.AsyncClient) -> None:
    await offer(client, behandeling("groen"))
    await offer(client, behandeling("groen"))
    await offer_red(client)

    figures = (await client.get(f"/v1/managementinformatie?{PERIOD}", headers=OFFICER)).json()

    assert figures["perRoute"] == [{"sleutel": "groen", "aantal": 2}, {"sleutel": "rood", "aantal": 1}]


async def test_decisions_are_counted_per_type_and_month(client: httpx.AsyncClient, clock: FixedClock) -> None:
    await offer(client, behandeling("groen"))
    behandeling_id = await offer_red(client)
    clock.set(dt.date(2026, 4, 15))
    await decide(client, behandeling_id, proposal("afwijzing"))

    figures = (await client.get(f"/v1/managementinformatie?{PERIOD}", headers=OFFICER)).json()

    assert [(m["maand"], m["toekenningen"], m["afwijzingen"]) for m in figures["perMaand"]] == [
        ("2026-03", 1, 0),
        ("2026-04", 0, 1),
    ]


async def test_the_lead_time_runs_from_receipt_to_the_decision(client: httpx.AsyncClient, clock: FixedClock) -> None:
    behandeling_id = await offer_red(client)
    clock.advance(20)
    await decide(client, behandeling_id, proposal("afwijzing"))

    figures = (await client.get(f"/v1/managementinformatie?{PERIOD}", headers=OFFICER)).json()

    assert figures["doorlooptijden"][0] == {"route": None, "aantal": 1, "gemiddeldeDagen": 20.0, "mediaanDagen": 20.0}


async def test_a_decision_after_the_deadline_counts_as_a_breach(client: httpx.AsyncClient, clock: FixedClock) -> None:
    behandeling_id = await offer_red(client)
    clock.set(DEADLINE + dt.timedelta(days=3))
    await decide(client, behandeling_id, proposal("afwijzing"))

    figures = (await client.get(f"/v1/managementinformatie?{PERIOD}", headers=OFFICER)).json()

    assert figures["termijnoverschrijdingen"]["besluitenNaUitersteBeslisdatum"] == 1


async def test_the_median_lead_time_of_an_even_number_of_handlings_lies_between_the_middle_two(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    start = clock.today()
    for days in (10, 20, 30, 40):
        clock.set(start)
        behandeling_id = await offer_red(client)
        clock.set(start + dt.timedelta(days=days))
        await decide(client, behandeling_id, proposal("afwijzing"))

    figures = (await client.get(f"/v1/managementinformatie?{PERIOD}", headers=OFFICER)).json()

    assert figures["doorlooptijden"][0] == {"route": None, "aantal": 4, "gemiddeldeDagen": 25.0, "mediaanDagen": 25.0}
