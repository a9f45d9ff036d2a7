"""The amount of income support: the monthly top-up to the norm (with the cost-sharer norm) minus income."""

from typing import Any

import httpx
import pytest
from decision_factories import OFFICER, behandeling, offer

from decision_api.normen.regels import kostendelersnorm_per_persoon


async def calculate(client: httpx.AsyncClient, soort: str, kostendelers: int, inkomen: int) -> dict[str, Any]:
    response = await client.post(
        "/v1/berekeningen/inkomensaanvulling",
        json={
            "huishouden": {"soort": soort, "kostendelers": kostendelers},
            "inkomenPerMaand": inkomen,
            "peildatum": "2020-01-15",
        },
        headers=OFFICER,
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


async def test_a_single_person_without_income_gets_the_full_single_norm(client: httpx.AsyncClient) -> None:
    assert (await calculate(client, "alleenstaande", 0, 0))["bedragPerMaand"] == 105_232


async def test_income_that_counts_is_deducted_from_the_norm(client: httpx.AsyncClient) -> None:
    assert (await calculate(client, "gehuwden", 0, 50_000))["bedragPerMaand"] == 150_331 - 50_000


async def test_income_above_the_norm_gives_nothing(client: httpx.AsyncClient) -> None:
    assert (await calculate(client, "alleenstaande", 0, 200_000))["bedragPerMaand"] == 0


async def test_one_cost_sharer_lowers_a_single_persons_norm_to_half_the_couples_norm(
    client: httpx.AsyncClient,
) -> None:
    # A = 2: ((40 + 2 x 30) / 2)% = 50% of the couple's norm (Pw art. 22a).
    assert (await calculate(client, "alleenstaande", 1, 0))["norm"] == 75_166


async def test_a_couple_with_one_cost_sharer_gets_twice_the_cost_sharer_norm(client: httpx.AsyncClient) -> None:
    # A = 3: ((40 + 3 x 30) / 3)% = 43 1/3% of 1,503.31 = 651.43 per person.
    assert (await calculate(client, "gehuwden", 1, 10_000))["bedragPerMaand"] == 2 * 65_143 - 10_000


@pytest.mark.parametrize(("in_home", "percentage"), [(1, 70), (2, 50), (4, 40)])
def test_the_cost_sharer_norm_follows_the_statutory_formula(in_home: int, percentage: int) -> None:
    assert kostendelersnorm_per_persoon(100_000, in_home) == percentage * 1_000


async def test_the_present_day_norm_is_flagged_as_to_be_checked(client: httpx.AsyncClient) -> None:
    normen = (await client.get("/v1/normen", headers=OFFICER)).json()

    assert {n["huishouden"] for n in normen if n["teControleren"] and n["geldigTot"] is None} == {
        "alleenstaande",
        "alleenstaande-ouder",
        "gehuwden",
    }


async def test_a_green_grant_with_household_and_income_gets_its_amount(client: httpx.AsyncClient) -> None:
    created = await offer(
        client,
        behandeling("groen", huishouden={"soort": "alleenstaande", "kostendelers": 0}, inkomenPerMaand=40_000),
    )

    besluit = (await client.get(f"/v1/besluiten/{created['besluiten'][0]['id']}", headers=OFFICER)).json()

    assert besluit["bedragPerMaand"] == 140_000 - 40_000


async def test_a_gap_in_the_norm_table_never_blocks_a_green_grant(client: httpx.AsyncClient) -> None:
    created = await offer(
        client,
        behandeling(
            "groen",
            ingangsdatum="2025-06-01",
            huishouden={"soort": "alleenstaande", "kostendelers": 0},
            inkomenPerMaand=0,
        ),
    )

    besluit = (await client.get(f"/v1/besluiten/{created['besluiten'][0]['id']}", headers=OFFICER)).json()

    assert (besluit["bedragPerMaand"], besluit["rapport"]["berekeningNietMogelijk"] is not None) == (None, True)
