"""Each decision type: grant, rejection with its grounds, setting aside, withdrawal, and a decision per part."""

import datetime as dt

import httpx
from decision_factories import (
    OFFICER,
    behandeling,
    decide,
    offer,
    offer_red,
    proposal,
    propose,
    record_findings,
    request_completion,
    split_request,
)

from bbz_common.db import new_id
from decision_api.besluiten.service import kenmerk
from decision_api.clock import FixedClock


async def test_a_grant_outside_the_green_route_is_an_advance_for_the_requested_period(
    client: httpx.AsyncClient,
) -> None:
    behandeling_id = await offer_red(client)
    await record_findings(client, behandeling_id)

    besluit = await decide(client, behandeling_id, proposal("toekenning", bedragPerMaand=105_232))

    assert (besluit["besluittype"], besluit["bedragPerMaand"], besluit["automatisch"]) == ("toekenning", 105_232, False)


async def test_a_rejection_carries_its_legal_grounds(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)

    besluit = await decide(client, behandeling_id, proposal("afwijzing"))

    assert (besluit["besluittype"], besluit["grondslagen"]) == (
        "afwijzing",
        ["artikel 2 Bbz 2004: de onderneming is niet levensvatbaar"],
    )


async def test_a_rejection_without_legal_grounds_is_refused(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)

    response = await propose(client, behandeling_id, proposal("afwijzing", grondslagen=[]))

    assert response.status_code == 400


async def test_a_decision_closes_the_handling(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)
    await decide(client, behandeling_id, proposal("afwijzing"))

    handling = (await client.get(f"/v1/behandelingen/{behandeling_id}", headers=OFFICER)).json()

    assert (handling["status"], handling["openDelen"]) == ("besloten", [])


async def test_an_application_is_set_aside_after_its_repair_period_passed_unused(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    behandeling_id = await offer_red(client)
    verzoek = await request_completion(client, behandeling_id)
    clock.set(dt.date.fromisoformat(verzoek["einddatumHersteltermijn"]))
    clock.advance(1)

    besluit = await decide(client, behandeling_id, proposal("buiten-behandeling"))

    assert (besluit["besluittype"], besluit["grondslagen"]) == (
        "buiten-behandeling",
        ["artikel 4:5 Algemene wet bestuursrecht"],
    )


async def test_a_grant_can_be_withdrawn_and_then_lapses(client: httpx.AsyncClient, clock: FixedClock) -> None:
    granted = await offer(client, behandeling("groen"))
    grant_id = granted["besluiten"][0]["id"]
    clock.advance(30)
    await decide(
        client,
        granted["id"],
        proposal(
            "intrekking",
            ingetrokkenBesluitId=grant_id,
            grondslagen=["artikel 54 lid 3 Participatiewet: inlichtingenplicht geschonden"],
        ),
    )

    grant = (await client.get(f"/v1/besluiten/{grant_id}", headers=OFFICER)).json()

    assert (grant["vervaldatum"], grant["vervalreden"]) == ("2026-04-01", "ingetrokken_overheid")


async def test_the_applicants_withdrawal_of_the_application_is_decided_as_an_intrekking(
    client: httpx.AsyncClient,
) -> None:
    behandeling_id = await offer_red(client)

    besluit = await decide(
        client, behandeling_id, proposal("intrekking", toelichting="U hebt uw aanvraag telefonisch ingetrokken.")
    )

    assert (besluit["besluittype"], besluit["ingetrokkenBesluitId"]) == ("intrekking", None)


async def test_a_split_request_is_decided_per_part(client: httpx.AsyncClient) -> None:
    created = await offer(client, split_request(income_route="oranje"))
    await record_findings(client, created["id"])
    await decide(client, created["id"], proposal("toekenning", product="inkomensaanvullende-uitkering"))

    handling = (await client.get(f"/v1/behandelingen/{created['id']}", headers=OFFICER)).json()

    assert (handling["status"], handling["openDelen"]) == ("in-werkvoorraad", ["bedrijfskapitaal"])


async def test_a_split_request_is_decided_when_every_part_is(client: httpx.AsyncClient) -> None:
    created = await offer(client, split_request(income_route="groen"))
    await decide(client, created["id"], proposal("afwijzing", product="bedrijfskapitaal"))

    handling = (await client.get(f"/v1/behandelingen/{created['id']}", headers=OFFICER)).json()

    assert [b["besluittype"] for b in handling["besluiten"]] == ["toekenning", "afwijzing"]


async def test_a_split_request_needs_the_part_named(client: httpx.AsyncClient) -> None:
    created = await offer(client, split_request(income_route="oranje"))

    response = await propose(client, created["id"], proposal("afwijzing"))

    assert response.json()["invalidParams"][0]["name"] == "product"


async def test_a_part_already_decided_is_not_decided_again(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)
    await decide(client, behandeling_id, proposal("afwijzing"))

    response = await propose(client, behandeling_id, proposal("afwijzing"))

    assert response.status_code == 409


async def test_every_decision_gets_an_objection_deadline_six_weeks_after_sending(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)

    besluit = await decide(client, behandeling_id, proposal("afwijzing"))

    assert (besluit["verzenddatum"], besluit["uiterlijkeReactiedatum"]) == ("2026-03-02", "2026-04-13")


def test_decisions_made_in_the_same_millisecond_have_different_references() -> None:
    same_moment = 1_790_000_000_000_000_000
    references = {kenmerk(new_id(same_moment), 2026) for _ in range(1000)}

    assert len(references) == 1000
