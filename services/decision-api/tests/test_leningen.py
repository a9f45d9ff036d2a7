"""Business capital loans: within the dated maximum, annuity repayment, no payout before the signed deed,
deferral limits, immediately claimable."""

import datetime as dt
import uuid
from typing import Any

import httpx
import pytest
from decision_db import queries_for
from decision_factories import APPROVER, OFFICER, RECEIVED, decide, offer_red, proposal, propose, record_findings
from fastapi import FastAPI

from bbz_common.db import Database
from bbz_common.testing import sqlite_plans
from decision_api.clock import FixedClock
from decision_api.leningen import regels

LOAN = {"product": None, "bedrag": 1_500_000, "looptijdMaanden": 60}


async def grant_loan(client: httpx.AsyncClient, **changes: Any) -> dict[str, Any]:
    behandeling_id = await offer_red(client, typeAanvraag="bedrijfskapitaal")
    await record_findings(client, behandeling_id)
    besluit = await decide(client, behandeling_id, proposal("toekenning", **{**LOAN, **changes}))
    loans = (await client.get(f"/v1/leningen?behandelingId={behandeling_id}", headers=OFFICER)).json()
    assert [x["besluitId"] for x in loans] == [besluit["id"]]
    result: dict[str, Any] = loans[0]
    return result


async def payout_orders(client: httpx.AsyncClient, besluit_id: str) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = (
        await client.get(f"/v1/betaalopdrachten?besluitId={besluit_id}", headers=OFFICER)
    ).json()
    return result


async def sign(client: httpx.AsyncClient, lening_id: str, day: str = "2026-03-02") -> httpx.Response:
    return await client.post(f"/v1/leningen/{lening_id}/akte", json={"ondertekendOp": day}, headers=OFFICER)


def independent_annuity(principal_euros: float, annual_rate: float, months: int) -> float:
    r = annual_rate / 12
    return principal_euros * r / (1 - (1 + r) ** -months)


async def test_a_loan_above_the_maximum_for_a_starter_is_refused(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client, typeAanvraag="bedrijfskapitaal", doelgroep="starter")

    response = await propose(client, behandeling_id, proposal("toekenning", bedrag=3_413_401))

    assert response.json()["invalidParams"][0]["code"] == "above_maximum"


async def test_a_loan_grant_pays_nothing_before_the_deed_is_signed(client: httpx.AsyncClient) -> None:
    lening = await grant_loan(client)

    assert (lening["status"], await payout_orders(client, lening["besluitId"])) == ("akte-vereist", [])


async def test_the_signed_deed_sets_out_the_payout_of_the_principal(client: httpx.AsyncClient) -> None:
    lening = await grant_loan(client)
    await sign(client, lening["id"])

    assert [(o["product"], o["bedrag"]) for o in await payout_orders(client, lening["besluitId"])] == [
        ("bedrijfskapitaal", 1_500_000)
    ]


async def test_the_monthly_payment_matches_an_independent_annuity_calculation(client: httpx.AsyncClient) -> None:
    lening = await grant_loan(client)

    expected = round(independent_annuity(15_000.00, 0.05, 60) * 100)

    assert lening["maandbedrag"] == expected


async def test_the_schedule_repays_the_principal_exactly_in_the_term(client: httpx.AsyncClient) -> None:
    lening = await grant_loan(client)

    rows = (await client.get(f"/v1/leningen/{lening['id']}/aflossingsschema", headers=OFFICER)).json()

    assert (len(rows), sum(r["aflossing"] for r in rows), rows[-1]["restschuld"]) == (60, 1_500_000, 0)


def test_the_interest_of_the_schedule_matches_an_independent_calculation() -> None:
    rows = regels.schema(1_000_000, 400, 24, dt.date(2026, 5, 1))
    payment = independent_annuity(10_000.0, 0.04, 24)

    assert sum(r.rente for r in rows) == pytest.approx(round((payment * 24 - 10_000.0) * 100), abs=2)


async def test_repayment_can_be_deferred_up_to_the_maximum(client: httpx.AsyncClient) -> None:
    lening = await grant_loan(client)
    await sign(client, lening["id"])
    body = {"vanafTermijn": 1, "maanden": 36, "ookRente": False, "toelichting": "Herstelperiode na brand"}

    response = await client.post(f"/v1/leningen/{lening['id']}/uitstel", json=body, headers=OFFICER)

    assert response.status_code == 200


async def test_deferral_beyond_three_years_over_the_loans_life_is_refused(client: httpx.AsyncClient) -> None:
    lening = await grant_loan(client)
    await sign(client, lening["id"])
    first = {"vanafTermijn": 1, "maanden": 24, "ookRente": False, "toelichting": "Eerste uitstel"}
    await client.post(f"/v1/leningen/{lening['id']}/uitstel", json=first, headers=OFFICER)
    second = {"vanafTermijn": 30, "maanden": 13, "ookRente": True, "toelichting": "Tweede uitstel"}

    response = await client.post(f"/v1/leningen/{lening['id']}/uitstel", json=second, headers=OFFICER)

    assert (response.status_code, response.json()["code"]) == (409, "deferral_not_allowed")


def test_a_deferral_of_principal_keeps_the_interest_payable_and_extends_the_loan() -> None:
    rows = regels.schema(1_200_000, 600, 12, dt.date(2026, 1, 1), [regels.Uitstel(1, 3)])

    assert ([r.betaling for r in rows[:3]], len(rows), rows[-1].restschuld) == ([6_000, 6_000, 6_000], 15, 0)


def test_a_deferral_of_interest_adds_it_to_the_debt() -> None:
    rows = regels.schema(1_200_000, 600, 12, dt.date(2026, 1, 1), [regels.Uitstel(1, 1, rente=True)])

    assert (rows[0].betaling, rows[0].restschuld) == (0, 1_206_000)


async def test_deferral_needs_a_signed_deed(client: httpx.AsyncClient) -> None:
    lening = await grant_loan(client)
    body = {"vanafTermijn": 1, "maanden": 3, "ookRente": False, "toelichting": "Te vroeg"}

    response = await client.post(f"/v1/leningen/{lening['id']}/uitstel", json=body, headers=OFFICER)

    assert response.status_code == 409


async def test_bankruptcy_makes_the_remaining_debt_immediately_claimable(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    lening = await grant_loan(client)
    await sign(client, lening["id"])
    await client.post(f"/v1/besluiten/{lening['besluitId']}/betaalopdrachten/goedkeuring", headers=APPROVER)
    await client.post(
        "/v1/betaalbestanden", json={"gemeentecode": "0518", "uitvoerdatumTot": "2026-12-31"}, headers=APPROVER
    )
    clock.set(dt.date(2026, 6, 15))  # instalments of 1 May and 1 June are due

    response = await client.post(
        f"/v1/leningen/{lening['id']}/opeisbaarheid",
        json={"reden": "faillissement", "toelichting": "Faillissement uitgesproken"},
        headers=OFFICER,
    )
    schedule = (await client.get(f"/v1/leningen/{lening['id']}/aflossingsschema", headers=OFFICER)).json()

    assert (response.json()["status"], response.json()["opeisbaarBedrag"]) == ("opeisbaar", schedule[1]["restschuld"])


async def test_a_claimable_loan_not_yet_paid_out_is_not_paid_out(client: httpx.AsyncClient) -> None:
    lening = await grant_loan(client)
    await sign(client, lening["id"])

    await client.post(
        f"/v1/leningen/{lening['id']}/opeisbaarheid",
        json={"reden": "misbruik", "toelichting": "Onjuiste gegevens verstrekt"},
        headers=OFFICER,
    )

    assert [o["status"] for o in await payout_orders(client, lening["besluitId"])] == ["geannuleerd"]


SINGLE = {"soort": "alleenstaande", "kostendelers": 0}


async def test_interest_of_the_first_year_is_remitted_when_income_stayed_below_the_annual_norm(
    client: httpx.AsyncClient,
) -> None:
    lening = await grant_loan(client, looptijdMaanden=24)
    await sign(client, lening["id"])

    await client.post(
        f"/v1/leningen/{lening['id']}/rentekwijtschelding",
        json={"leningjaar": 1, "jaarinkomen": 1_000_000, "huishouden": SINGLE, "toelichting": "Jaarcijfers 2026"},
        headers=OFFICER,
    )
    rows = (await client.get(f"/v1/leningen/{lening['id']}/aflossingsschema", headers=OFFICER)).json()

    assert (sum(r["rente"] for r in rows[:12]), rows[12]["rente"] > 0) == (0, True)


async def test_no_interest_is_remitted_when_income_reached_the_annual_norm(client: httpx.AsyncClient) -> None:
    lening = await grant_loan(client)
    await sign(client, lening["id"])

    response = await client.post(
        f"/v1/leningen/{lening['id']}/rentekwijtschelding",
        json={"leningjaar": 1, "jaarinkomen": 1_680_000, "huishouden": SINGLE, "toelichting": "Jaarcijfers 2026"},
        headers=OFFICER,
    )

    assert (response.status_code, response.json()["code"]) == (409, "income_too_high")


async def test_part_of_the_loan_becomes_a_grant_when_income_was_low_in_the_application_year(
    client: httpx.AsyncClient,
) -> None:
    lening = await grant_loan(client)
    await sign(client, lening["id"])

    response = await client.post(
        f"/v1/leningen/{lening['id']}/omzetting",
        json={"bedrag": 500_000, "jaar": 2026, "jaarinkomen": 900_000, "huishouden": SINGLE, "toelichting": "Laag"},
        headers=OFFICER,
    )

    assert (response.json()["omgezetBedrag"], response.json()["maandbedrag"]) == (
        500_000,
        regels.annuiteit(1_000_000, 500, 60),
    )


async def test_a_loan_is_not_converted_on_the_income_of_a_later_year(client: httpx.AsyncClient) -> None:
    lening = await grant_loan(client)
    await sign(client, lening["id"])

    response = await client.post(
        f"/v1/leningen/{lening['id']}/omzetting",
        json={"bedrag": 500_000, "jaar": 2027, "jaarinkomen": 0, "huishouden": SINGLE, "toelichting": "Te laat"},
        headers=OFFICER,
    )

    assert response.json()["code"] == "wrong_year"


async def loans(client: httpx.AsyncClient, clock: FixedClock, count: int) -> list[str]:
    """``count`` loans granted on three days in turn, several on one day at the same moment (the fixed clock), so
    that the list's order needs its tie-breaker; their ids in that order (the oldest first, then the id)."""
    made: list[tuple[dt.date, uuid.UUID]] = []
    for n in range(count):
        day = RECEIVED + dt.timedelta(days=(count - n) % 3)
        clock.set(day)
        made.append((day, uuid.UUID((await grant_loan(client))["id"])))
    clock.set(RECEIVED)
    return [str(lening_id) for _, lening_id in sorted(made)]


async def listed_loans(client: httpx.AsyncClient, query: str = "") -> list[str]:
    response = await client.get(f"/v1/leningen{query}", headers=OFFICER)
    assert response.status_code == 200, response.text
    return [lening["id"] for lening in response.json()]


async def test_pages_of_loans_follow_one_another_in_their_order(client: httpx.AsyncClient, clock: FixedClock) -> None:
    in_order = await loans(client, clock, 7)

    paged = [i for offset in range(0, 8, 2) for i in await listed_loans(client, f"?limit=2&offset={offset}")]

    assert paged == in_order


async def test_without_paging_parameters_the_loans_are_the_first_page_of_50(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    in_order = await loans(client, clock, 51)

    assert await listed_loans(client) == in_order[:50]


async def test_a_page_of_more_than_500_loans_is_refused_naming_limit(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/leningen?limit=501", headers=OFFICER)

    assert (response.status_code, [p["name"] for p in response.json()["invalidParams"]]) == (400, ["limit"])


async def test_a_limit_of_0_and_a_negative_offset_of_loans_are_refused_naming_both(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/leningen?limit=0&offset=-1", headers=OFFICER)

    assert (response.status_code, [p["name"] for p in response.json()["invalidParams"]]) == (400, ["limit", "offset"])


async def test_a_page_of_20_loans_reads_as_many_queries_as_a_page_of_2(
    app: FastAPI, client: httpx.AsyncClient, clock: FixedClock
) -> None:
    await loans(client, clock, 20)

    counts = [await queries_for(app, client, f"/v1/leningen?limit={n}") for n in (2, 20)]

    assert counts[0] == counts[1]


async def test_a_page_of_loans_is_read_in_its_order_not_sorted_from_every_loan(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    db: Database = app.state.db
    await grant_loan(client)

    async with sqlite_plans(db, "SELECT leningen") as plans:
        await client.get("/v1/leningen", headers=OFFICER)

    assert (
        [line for line in plans if "ix_leningen_aangemaakt_op_id" in line] != [],
        [line for line in plans if "TEMP B-TREE" in line],
    ) == (True, [])
