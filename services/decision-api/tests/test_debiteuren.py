"""Debtor overview: per applicant the loans and claims, up to date, in arrears or deferred, reminders due;
payments per month and product."""

import datetime as dt
from typing import Any

import httpx
from decision_db import queries_for
from decision_factories import (
    APPROVER,
    OFFICER,
    RECEIVED,
    behandeling,
    decide,
    offer,
    offer_red,
    proposal,
    record_findings,
)
from fastapi import FastAPI

from decision_api.clock import FixedClock
from decision_api.debiteuren import regels


async def signed_loan(client: httpx.AsyncClient, **changes: Any) -> dict[str, Any]:
    behandeling_id = await offer_red(client, typeAanvraag="bedrijfskapitaal", **changes)
    await record_findings(client, behandeling_id)
    await decide(client, behandeling_id, proposal("toekenning", bedrag=1_200_000, looptijdMaanden=12))
    lening: dict[str, Any] = (await client.get(f"/v1/leningen?behandelingId={behandeling_id}", headers=OFFICER)).json()[
        0
    ]
    await client.post(f"/v1/leningen/{lening['id']}/akte", json={"ondertekendOp": "2026-03-02"}, headers=OFFICER)
    return lening


async def loan(client: httpx.AsyncClient, **changes: Any) -> str:
    """A granted business capital loan; its handling's id."""
    behandeling_id = await offer_red(client, typeAanvraag="bedrijfskapitaal", **changes)
    await record_findings(client, behandeling_id)
    await decide(client, behandeling_id, proposal("toekenning", bedrag=500_000, looptijdMaanden=12))
    return behandeling_id


async def debtors(client: httpx.AsyncClient, clock: FixedClock, count: int) -> list[list[str]]:
    """``count`` debtors with a loan each, the loans arising on three days in turn (so the order needs its
    tie-breakers), the last an applicant known by a key with two loans. Each as the handlings the overview shows."""
    made: list[list[str]] = []
    for n in range(count - 1):
        clock.set(RECEIVED + dt.timedelta(days=n % 3))
        made.append([await loan(client)])
    sleutel = "hmac-sha256-debiteur-000002"
    made.append([await loan(client, aanvragerSleutel=sleutel) for _ in range(2)])
    clock.set(RECEIVED)
    return made


async def behandeling_ids_per_debtor(client: httpx.AsyncClient, query: str = "") -> list[list[str]]:
    response = await client.get(f"/v1/debiteuren{query}", headers=OFFICER)
    return [d["behandelingIds"] for d in response.json()]


async def standing(client: httpx.AsyncClient) -> dict[str, Any]:
    debtors: list[dict[str, Any]] = (await client.get("/v1/debiteuren", headers=OFFICER)).json()
    return debtors[0]["posities"][0]


async def test_a_loan_repaid_as_scheduled_is_up_to_date(client: httpx.AsyncClient, clock: FixedClock) -> None:
    lening = await signed_loan(client)
    clock.set(dt.date(2026, 5, 10))
    await client.post(
        f"/v1/leningen/{lening['id']}/ontvangsten",
        json={"bedrag": lening["maandbedrag"], "ontvangenOp": "2026-05-01"},
        headers=OFFICER,
    )

    assert (await standing(client))["stand"] == "bij"


async def test_a_missed_instalment_is_arrears_with_a_reminder_after_14_days(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    lening = await signed_loan(client)
    clock.set(dt.date(2026, 5, 20))

    position = await standing(client)

    assert (position["stand"], position["achterstand"], position["herinneringVerschuldigd"]) == (
        "achterstand",
        lening["maandbedrag"],
        True,
    )


async def test_a_loan_in_its_deferral_months_is_deferred(client: httpx.AsyncClient, clock: FixedClock) -> None:
    lening = await signed_loan(client)
    await client.post(
        f"/v1/leningen/{lening['id']}/uitstel",
        json={"vanafTermijn": 1, "maanden": 3, "ookRente": True, "toelichting": "Seizoensdip"},
        headers=OFFICER,
    )
    clock.set(dt.date(2026, 6, 5))

    assert (await standing(client))["stand"] == "uitstel"


def test_receipts_settle_the_oldest_instalment_first() -> None:
    schema = [(dt.date(2026, 1, 1), 100), (dt.date(2026, 2, 1), 100), (dt.date(2026, 3, 1), 100)]

    position = regels.positie(schema, 150, dt.date(2026, 3, 15))

    assert (position.achterstand, position.oudste_achterstand) == (150, dt.date(2026, 2, 1))


async def test_payments_are_counted_per_month_and_product(client: httpx.AsyncClient) -> None:
    created = await offer(
        client, behandeling("groen", huishouden={"soort": "alleenstaande", "kostendelers": 0}, inkomenPerMaand=40_000)
    )
    besluit_id = created["besluiten"][0]["id"]
    await client.post(f"/v1/besluiten/{besluit_id}/betaalopdrachten/goedkeuring", headers=APPROVER)
    await client.post(
        "/v1/betaalbestanden", json={"gemeentecode": "0518", "uitvoerdatumTot": "2026-04-30"}, headers=APPROVER
    )

    figures = (await client.get("/v1/managementinformatie?vanaf=2026-01-01&tot=2026-12-31", headers=OFFICER)).json()

    assert [(f["maand"], f["bedrag"]) for f in figures["betalingenPerMaand"]] == [
        ("2026-03", 96_774),
        ("2026-04", 100_000),
    ]


async def test_the_loans_and_claims_of_one_applicant_are_one_debtor(client: httpx.AsyncClient) -> None:
    sleutel = "hmac-sha256-debiteur-000001"
    for _ in range(2):
        behandeling_id = await offer_red(client, typeAanvraag="bedrijfskapitaal", aanvragerSleutel=sleutel)
        await record_findings(client, behandeling_id)
        await decide(client, behandeling_id, proposal("toekenning", bedrag=500_000, looptijdMaanden=12))

    debtors = (await client.get("/v1/debiteuren", headers=OFFICER)).json()

    assert [(d["aanvragerSleutel"], len(d["posities"])) for d in debtors] == [(sleutel, 2)]


async def test_the_overview_reads_the_same_few_queries_however_many_loans_and_municipalities_there_are(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    await signed_loan(client)
    with_one = await queries_for(app, client, "/v1/debiteuren")
    await signed_loan(client)
    await signed_loan(client, gemeentecode="0363")
    await signed_loan(client, gemeentecode="0344")

    assert await queries_for(app, client, "/v1/debiteuren") == with_one


async def test_pages_of_debtors_together_give_every_debtor_exactly_once(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    made = await debtors(client, clock, 7)

    paged = [
        d for offset in range(0, 8, 2) for d in await behandeling_ids_per_debtor(client, f"?limit=2&offset={offset}")
    ]

    assert sorted(paged) == sorted(made)


async def test_without_paging_parameters_the_overview_is_the_first_page_of_50(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    await debtors(client, clock, 51)
    every_debtor = await behandeling_ids_per_debtor(client, "?limit=500")

    assert await behandeling_ids_per_debtor(client) == every_debtor[:50]


async def test_a_limit_of_0_and_a_negative_offset_are_refused_naming_both(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/debiteuren?limit=0&offset=-1", headers=OFFICER)

    assert (response.status_code, [p["name"] for p in response.json()["invalidParams"]]) == (400, ["limit", "offset"])


async def test_every_page_of_the_overview_reads_the_same_few_queries(
    app: FastAPI, client: httpx.AsyncClient, clock: FixedClock
) -> None:
    await debtors(client, clock, 4)

    counts = [await queries_for(app, client, f"/v1/debiteuren?limit=3&offset={offset}") for offset in (0, 3)]

    assert counts[0] == counts[1]
