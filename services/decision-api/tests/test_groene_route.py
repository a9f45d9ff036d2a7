"""The green route is automatic and only grants: a report, findings, a beschikking, no human step."""

import httpx
from decision_factories import OFFICER, SERVICE, behandeling, offer, split_request


async def test_a_green_application_is_granted_automatically(client: httpx.AsyncClient) -> None:
    created = await offer(client, behandeling("groen"))

    assert (created["status"], [b["besluittype"] for b in created["besluiten"]]) == ("besloten", ["toekenning"])


async def test_the_automatic_grant_reports_the_rules_that_held(client: httpx.AsyncClient) -> None:
    created = await offer(client, behandeling("groen"))

    besluit = (await client.get(f"/v1/besluiten/{created['besluiten'][0]['id']}", headers=OFFICER)).json()

    assert [r["regel"] for r in besluit["rapport"]["voldaneVoorwaarden"]] == ["G1", "G3", "G4", "G10a"]


async def test_the_automatic_grant_records_a_finding_with_its_basis_on_every_legal_condition(
    client: httpx.AsyncClient,
) -> None:
    created = await offer(client, behandeling("groen"))

    findings = (await client.get(f"/v1/behandelingen/{created['id']}/bevindingen", headers=OFFICER)).json()

    assert {f["voorwaarde"] for f in findings if f["grondslag"]} == {
        "nationaliteit-verblijf",
        "leeftijd",
        "urencriterium",
        "kvk-inschrijving",
        "inkomen",
        "voorliggende-voorzieningen",
        "uitsluitingsgronden",
        "identiteitsdocument",
    }


async def test_the_automatic_grant_is_an_advance_for_the_requested_period(client: httpx.AsyncClient) -> None:
    body = behandeling("groen")
    created = await offer(client, body)

    besluit = (await client.get(f"/v1/besluiten/{created['besluiten'][0]['id']}", headers=OFFICER)).json()

    assert (besluit["ingangsdatum"], besluit["vervaldatum"], besluit["automatisch"]) == (
        body["ingangsdatum"],
        body["einddatum"],
        True,
    )


async def test_an_orange_application_is_not_decided_automatically(client: httpx.AsyncClient) -> None:
    created = await offer(client, behandeling("oranje"))

    assert (created["status"], created["besluiten"]) == ("in-werkvoorraad", [])


async def test_a_split_request_grants_only_the_income_part_and_queues_the_credit_part(
    client: httpx.AsyncClient,
) -> None:
    created = await offer(client, split_request(income_route="groen"))

    assert ([b["product"] for b in created["besluiten"]], created["openDelen"]) == (
        ["inkomensaanvullende-uitkering"],
        ["bedrijfskapitaal"],
    )


async def test_offering_the_same_application_again_creates_nothing_new(client: httpx.AsyncClient) -> None:
    body = behandeling("groen")
    first = await offer(client, body)

    again = await client.post("/v1/behandelingen", json=body, headers=SERVICE)

    assert (again.status_code, again.json()["besluiten"]) == (200, first["besluiten"])


async def test_only_a_service_may_offer_applications(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/behandelingen", json=behandeling("groen"), headers=OFFICER)

    assert response.status_code == 403


async def test_only_intake_api_offers_applications_not_any_service(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/behandelingen", json=behandeling("groen"), headers={"Authorization": "Bearer demo-routing-service-key"}
    )

    assert response.status_code == 403


async def test_the_parts_of_a_split_request_may_carry_their_reasons(client: httpx.AsyncClient) -> None:
    body = split_request(income_route="groen")
    body["routering"]["deelroutes"][1]["redenen"] = ["R2: aanvraag voor krediet."]

    created = await offer(client, body)

    assert created["deelroutes"][1]["redenen"] == ["R2: aanvraag voor krediet."]
