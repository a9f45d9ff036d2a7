"""Payment orders on a grant, cancelled by a withdrawal; SEPA pain.001 export against the official XSD, never an
order twice."""

import datetime as dt
from pathlib import Path
from typing import Any

import httpx
import pytest
import xmlschema
from decision_factories import APPROVER, OFFICER, behandeling, decide, offer, offer_red, proposal, record_findings

from decision_api.clock import FixedClock

XSD = Path(__file__).resolve().parents[4] / "shared" / "contracts" / "sepa" / "sepa-pain.001.001.03.xsd"
GREEN_WITH_AMOUNT = {"huishouden": {"soort": "alleenstaande", "kostendelers": 0}, "inkomenPerMaand": 40_000}


async def orders(client: httpx.AsyncClient, besluit_id: str) -> list[dict[str, Any]]:
    response = await client.get(f"/v1/betaalopdrachten?besluitId={besluit_id}", headers=OFFICER)
    result: list[dict[str, Any]] = response.json()
    return result


async def green_grant(client: httpx.AsyncClient) -> str:
    created = await offer(client, behandeling("groen", **GREEN_WITH_AMOUNT))
    return str(created["besluiten"][0]["id"])


async def export(client: httpx.AsyncClient, until: str = "2026-12-31") -> httpx.Response:
    return await client.post(
        "/v1/betaalbestanden", json={"gemeentecode": "0518", "uitvoerdatumTot": until}, headers=APPROVER
    )


async def test_a_grant_sets_out_one_order_per_month_with_partial_months_pro_rata(client: httpx.AsyncClient) -> None:
    # 2026-03-02 up to 2026-06-30 at 1,000.00 a month: March 30/31 days, then three whole months.
    besluit_id = await green_grant(client)

    assert [(o["periodeVan"], o["bedrag"]) for o in await orders(client, besluit_id)] == [
        ("2026-03-02", 96_774),
        ("2026-04-01", 100_000),
        ("2026-05-01", 100_000),
        ("2026-06-01", 100_000),
    ]


async def test_orders_go_to_the_applicants_iban_and_wait_for_approval(client: httpx.AsyncClient) -> None:
    besluit_id = await green_grant(client)

    assert {(o["iban"], o["status"]) for o in await orders(client, besluit_id)} == {("NL91ABNA0417164300", "gereed")}


async def test_a_withdrawal_cancels_the_orders_from_its_date(client: httpx.AsyncClient, clock: FixedClock) -> None:
    created = await offer(client, behandeling("groen", **GREEN_WITH_AMOUNT))
    grant_id = created["besluiten"][0]["id"]
    clock.set(dt.date(2026, 4, 20))
    await decide(
        client,
        created["id"],
        proposal(
            "intrekking",
            ingetrokkenBesluitId=grant_id,
            ingangsdatum="2026-05-01",
            grondslagen=["artikel 54 lid 3 Participatiewet"],
        ),
    )

    assert [o["status"] for o in await orders(client, grant_id)] == ["gereed", "gereed", "geannuleerd", "geannuleerd"]


async def test_an_approver_approves_the_orders_of_a_grant(client: httpx.AsyncClient) -> None:
    besluit_id = await green_grant(client)

    response = await client.post(f"/v1/besluiten/{besluit_id}/betaalopdrachten/goedkeuring", headers=APPROVER)

    assert {(o["status"], o["goedgekeurdDoor"]) for o in response.json()} == {("goedgekeurd", "demo-fiatteur")}


async def test_an_officer_without_the_approver_role_cannot_approve_payments(client: httpx.AsyncClient) -> None:
    besluit_id = await green_grant(client)

    response = await client.post(f"/v1/besluiten/{besluit_id}/betaalopdrachten/goedkeuring", headers=OFFICER)

    assert response.status_code == 403


async def test_a_grant_by_an_officer_with_an_amount_sets_out_its_orders(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)
    await record_findings(client, behandeling_id)

    besluit = await decide(client, behandeling_id, proposal("toekenning", bedragPerMaand=50_000))

    assert len(await orders(client, besluit["id"])) == 4


@pytest.mark.skipif(not XSD.exists(), reason="../shared/contracts/sepa is not present")
async def test_the_sepa_file_is_valid_against_the_official_pain_001_001_03_schema(client: httpx.AsyncClient) -> None:
    besluit_id = await green_grant(client)
    await client.post(f"/v1/besluiten/{besluit_id}/betaalopdrachten/goedkeuring", headers=APPROVER)
    created = await export(client)

    content = (await client.get(created.json()["xml"], headers=OFFICER)).text

    xmlschema.XMLSchema(str(XSD)).validate(content)


async def test_the_sepa_file_carries_every_approved_order_and_their_total(client: httpx.AsyncClient) -> None:
    besluit_id = await green_grant(client)
    await client.post(f"/v1/besluiten/{besluit_id}/betaalopdrachten/goedkeuring", headers=APPROVER)

    created = (await export(client)).json()

    assert (created["aantal"], created["totaal"]) == (4, 396_774)


async def test_an_order_is_never_exported_twice(client: httpx.AsyncClient) -> None:
    besluit_id = await green_grant(client)
    await client.post(f"/v1/besluiten/{besluit_id}/betaalopdrachten/goedkeuring", headers=APPROVER)
    await export(client)

    again = await export(client)

    assert (again.status_code, again.json()["code"]) == (409, "nothing_to_export")


async def test_orders_not_yet_approved_are_not_exported(client: httpx.AsyncClient) -> None:
    await green_grant(client)

    response = await export(client)

    assert response.status_code == 409


async def test_only_orders_due_by_the_date_are_exported(client: httpx.AsyncClient) -> None:
    besluit_id = await green_grant(client)
    await client.post(f"/v1/besluiten/{besluit_id}/betaalopdrachten/goedkeuring", headers=APPROVER)

    created = (await export(client, until="2026-04-30")).json()

    assert created["aantal"] == 2


async def test_a_paid_file_marks_its_orders_paid(client: httpx.AsyncClient) -> None:
    besluit_id = await green_grant(client)
    await client.post(f"/v1/besluiten/{besluit_id}/betaalopdrachten/goedkeuring", headers=APPROVER)
    created = (await export(client)).json()

    await client.post(f"/v1/betaalbestanden/{created['id']}/betaald", headers=APPROVER)

    assert {o["status"] for o in await orders(client, besluit_id)} == {"betaald"}
