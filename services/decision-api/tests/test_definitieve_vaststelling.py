"""Final determination after the financial year: a recovery claim with a payment schedule when too much was
paid, or the advance converted into a grant (om niet) when the actual income stayed low."""

import datetime as dt
import io
from typing import Any

import httpx
from decision_factories import APPROVER, OFFICER, behandeling, decide, offer, proposal, propose
from pypdf import PdfReader

from decision_api.clock import FixedClock

SINGLE = {"soort": "alleenstaande", "kostendelers": 0}


async def paid_advance(client: httpx.AsyncClient) -> tuple[str, str]:
    """A green grant of 1,000.00 a month (Mar 2 - Jun 30 2026), approved, exported and paid: 3,967.74."""
    created = await offer(client, behandeling("groen", huishouden=SINGLE, inkomenPerMaand=40_000))
    besluit_id = created["besluiten"][0]["id"]
    await client.post(f"/v1/besluiten/{besluit_id}/betaalopdrachten/goedkeuring", headers=APPROVER)
    exported = await client.post(
        "/v1/betaalbestanden", json={"gemeentecode": "0518", "uitvoerdatumTot": "2026-12-31"}, headers=APPROVER
    )
    await client.post(f"/v1/betaalbestanden/{exported.json()['id']}/betaald", headers=APPROVER)
    return str(created["id"]), str(besluit_id)


def determination(voorschot: str, actual_income: int, year: int = 2026) -> dict[str, Any]:
    return proposal(
        "definitieve-vaststelling",
        toelichting="Vastgesteld op basis van de jaarrekening 2026.",
        vaststelling={
            "voorschotBesluitId": voorschot,
            "boekjaar": year,
            "werkelijkInkomenPerMaand": actual_income,
            "huishouden": SINGLE,
        },
    )


async def test_too_much_paid_becomes_a_recovery_claim(client: httpx.AsyncClient, clock: FixedClock) -> None:
    behandeling_id, voorschot = await paid_advance(client)
    clock.set(dt.date(2027, 2, 1))

    besluit = await decide(client, behandeling_id, determination(voorschot, actual_income=80_000))

    # Entitled: 60,000 a month, March 30/31 of it: 58,065 + 3 x 60,000 = 238,065; paid 396,774.
    assert (besluit["rapport"]["definitieveVaststelling"]["uitkomst"], besluit["bedrag"]) == (
        "terugvordering",
        158_709,
    )


async def test_the_recovery_claim_is_repaid_in_twelve_monthly_instalments(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    behandeling_id, voorschot = await paid_advance(client)
    clock.set(dt.date(2027, 2, 1))
    await decide(client, behandeling_id, determination(voorschot, actual_income=80_000))

    claim = (await client.get(f"/v1/vorderingen?behandelingId={behandeling_id}", headers=OFFICER)).json()[0]

    assert (len(claim["termijnen"]), sum(t["bedrag"] for t in claim["termijnen"]), claim["termijnen"][0]) == (
        12,
        158_709,
        {"vervaldatum": "2027-03-01", "bedrag": 13_226},
    )


async def test_a_low_actual_income_converts_the_advance_into_a_grant_with_a_back_payment(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    behandeling_id, voorschot = await paid_advance(client)
    clock.set(dt.date(2027, 2, 1))

    besluit = await decide(client, behandeling_id, determination(voorschot, actual_income=0))
    orders = (await client.get(f"/v1/betaalopdrachten?besluitId={besluit['id']}", headers=OFFICER)).json()

    assert (besluit["rapport"]["definitieveVaststelling"]["uitkomst"], [o["bedrag"] for o in orders]) == (
        "omzetting-om-niet",
        [158_710],
    )


async def test_the_beschikking_of_a_recovery_states_the_amount(client: httpx.AsyncClient, clock: FixedClock) -> None:
    behandeling_id, voorschot = await paid_advance(client)
    clock.set(dt.date(2027, 2, 1))
    besluit = await decide(client, behandeling_id, determination(voorschot, actual_income=80_000))

    pdf = (await client.get(f"/v1/besluiten/{besluit['id']}/beschikking/pdf", headers=OFFICER)).content
    text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)

    assert "EUR 1.587,09 te veel ontvangen" in text


async def test_an_advance_is_finally_determined_once_per_year(client: httpx.AsyncClient, clock: FixedClock) -> None:
    behandeling_id, voorschot = await paid_advance(client)
    clock.set(dt.date(2027, 2, 1))
    await decide(client, behandeling_id, determination(voorschot, actual_income=0))

    again = await propose(client, behandeling_id, determination(voorschot, actual_income=0))

    assert again.status_code == 409


async def test_a_year_without_payments_cannot_be_determined(client: httpx.AsyncClient) -> None:
    behandeling_id, voorschot = await paid_advance(client)

    response = await propose(client, behandeling_id, determination(voorschot, actual_income=0, year=2025))

    assert response.json()["code"] == "nothing_paid"
