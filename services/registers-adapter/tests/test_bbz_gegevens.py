"""The Bbz look-up as a domain specification: what the form prefills and the routing needs, each value with
its source, and the household rules of the model form (T14) and the Participatiewet (kostendeler)."""

from __future__ import annotations

import httpx
from registers_helpers import SERVICE, bsn_of, gegevens, lookup

from bbz_common.testing import AUDITOR_KEY, VENDOR_KEY, auth


async def test_the_applicants_birth_date_comes_from_the_brp(client: httpx.AsyncClient) -> None:
    body = await gegevens(client, "gevestigde-groen")
    assert body["persoon"]["geboortedatum"] == {"waarde": "1975-03-14", "bron": "BRP"}


async def test_the_municipality_of_residence_comes_from_the_brp(client: httpx.AsyncClient) -> None:
    body = await gegevens(client, "andere-gemeente")
    assert body["persoon"]["gemeentecode"] == {"waarde": "0599", "bron": "BRP"}


async def test_the_registration_date_comes_from_the_kvk(client: httpx.AsyncClient) -> None:
    body = await gegevens(client, "na-peildatum")
    assert body["onderneming"]["datumInschrijving"] == {"waarde": "2020-06-01", "bron": "KVK"}


async def test_the_sbi_codes_come_from_the_kvk(client: httpx.AsyncClient) -> None:
    body = await gegevens(client, "branche-nevenactiviteit")
    assert body["onderneming"]["sbiCodes"] == {"waarde": ["7729", "9329"], "bron": "KVK"}


async def test_the_legal_form_comes_from_the_kvk(client: httpx.AsyncClient) -> None:
    body = await gegevens(client, "vof-vennoten")
    assert body["onderneming"]["rechtsvorm"]["waarde"] == "Vennootschap onder firma"


async def test_a_kvk_number_without_registration_is_not_found(client: httpx.AsyncClient) -> None:
    body = await gegevens(client, "geen-kvk")
    assert body["onderneming"]["gevonden"] is False


async def test_an_unknown_bsn_is_not_found_and_nothing_else_is_read(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/bbz-gegevens", json={"burgerservicenummer": "999990019", "doelbinding": "Bbz 2004"}, headers=SERVICE
    )
    assert (response.json()["persoon"]["gevonden"], response.json()["inkomsten"]) == (False, None)


async def test_an_adult_son_at_home_is_a_co_resident_aged_21_plus(client: httpx.AsyncClient) -> None:
    body = await gegevens(client, "kostendeler-oranje")
    assert body["huishouden"]["aantalMedebewoners21Plus"] == {"waarde": 1, "bron": "BRP"}


async def test_a_co_resident_of_19_is_not_counted_as_21_plus(client: httpx.AsyncClient) -> None:
    body = await gegevens(client, "medebewoner-19")
    counts = body["huishouden"]
    assert (counts["aantalMedebewoners"]["waarde"], counts["aantalMedebewoners21Plus"]["waarde"]) == (1, 0)


async def test_a_co_resident_studying_with_study_finance_is_counted_from_suwinet(client: httpx.AsyncClient) -> None:
    body = await gegevens(client, "kostgangers-mix")
    assert body["huishouden"]["aantalMedebewoners21PlusMetStudiefinanciering"] == {"waarde": 1, "bron": "Suwinet"}


async def test_the_partner_is_not_a_co_resident(client: httpx.AsyncClient) -> None:
    body = await gegevens(client, "partner-en-kostendeler")
    assert body["huishouden"]["aantalMedebewoners"]["waarde"] == 1


async def test_resident_children_under_18_are_returned(client: httpx.AsyncClient) -> None:
    body = await gegevens(client, "gezin-kinderen")
    assert body["huishouden"]["kinderen"]["waarde"] == [
        {"voornamen": "Lieke", "geboortedatum": "2014-03-03"},
        {"voornamen": "Daan", "geboortedatum": "2017-08-08"},
    ]


async def test_partner_data_is_returned_where_there_is_a_partner(client: httpx.AsyncClient) -> None:
    body = await gegevens(client, "partner-zonder-inkomen")
    assert body["partner"]["voornamen"] == {"waarde": "Fatima", "bron": "BRP"}


async def test_there_is_no_partner_section_without_a_partner(client: httpx.AsyncClient) -> None:
    body = await gegevens(client, "gevestigde-groen")
    assert body["partner"] is None


async def test_the_partners_income_comes_from_suwinet_in_cents(client: httpx.AsyncClient) -> None:
    body = await gegevens(client, "partner-met-inkomen")
    inkomen = body["partner"]["inkomsten"]["waarde"][0]
    assert (inkomen["soortInkomsten"], inkomen["nettoBedrag"]) == ("inkomsten uit arbeid", 235000)


async def test_a_uwv_benefit_is_income_of_the_applicant(client: httpx.AsyncClient) -> None:
    body = await gegevens(client, "starter-ww")
    soorten = [i["soortInkomsten"] for i in body["inkomsten"]["aanvrager"]["waarde"]]
    assert soorten == ["werkloosheidsuitkering"]


async def test_ended_employment_of_the_last_ten_years_is_the_employment_history(client: httpx.AsyncClient) -> None:
    body = await gegevens(client, "starter-ww")
    assert [i["instantie"] for i in body["inkomsten"]["arbeidsverleden"]["waarde"]] == ["Reclamebureau Zuid BV"]


async def test_a_pension_from_the_svb_is_income_of_the_kind_pension(client: httpx.AsyncClient) -> None:
    body = await gegevens(client, "pensioenleeftijd")
    assert body["inkomsten"]["aanvrager"]["waarde"][0]["soortInkomsten"] == "pensioen"


async def test_vehicles_and_real_estate_come_from_suwinet(client: httpx.AsyncClient) -> None:
    body = await gegevens(client, "vermogen")
    vermogen = body["vermogen"]
    assert (len(vermogen["voertuigen"]["waarde"]), len(vermogen["onroerendeZaken"]["waarde"])) == (2, 2)


async def test_tozo_received_comes_from_the_municipal_registration(client: httpx.AsyncClient) -> None:
    body = await gegevens(client, "tozo-herhaal")
    assert body["gemeentelijkeRegistratie"]["tozoOntvangen"] == {"waarde": True, "bron": "gemeentelijke-registratie"}


async def test_earlier_bbz_decisions_come_from_the_municipal_registration(client: httpx.AsyncClient) -> None:
    body = await gegevens(client, "bbz-afgewezen")
    assert body["gemeentelijkeRegistratie"]["eerdereBbzBesluiten"]["waarde"][0]["uitkomst"] == "afgewezen"


async def test_a_residence_permit_is_returned_where_the_brp_has_one(client: httpx.AsyncClient) -> None:
    body = await gegevens(client, "partner-zonder-inkomen")
    assert body["persoon"]["verblijfstitel"]["waarde"]["code"] == "27"


async def test_a_shielded_business_address_is_not_returned(client: httpx.AsyncClient) -> None:
    body = await gegevens(client, "bv-afgeschermd")
    assert body["onderneming"]["vestigingsadres"] is None


async def test_a_vendor_key_may_not_read_the_registers_directly(client: httpx.AsyncClient) -> None:
    body = {"burgerservicenummer": bsn_of("gevestigde-groen"), "doelbinding": "Vooraf invullen"}
    response = await client.post("/v1/bbz-gegevens", json=body, headers=auth(VENDOR_KEY))
    assert response.status_code == 403


async def test_the_household_income_per_month_adds_the_partners_net_income(client: httpx.AsyncClient) -> None:
    body = await gegevens(client, "partner-met-inkomen")
    assert body["inkomsten"]["totaalNettoPerMaand"] == {"waarde": 235000, "bron": "Suwinet"}


async def test_a_quarterly_child_benefit_is_no_income(client: httpx.AsyncClient) -> None:
    body = await gegevens(client, "alleenstaande-ouder")
    assert body["inkomsten"]["totaalNettoPerMaand"]["waarde"] == 0


async def test_an_auditor_may_not_look_up_persons(client: httpx.AsyncClient) -> None:
    body = {"burgerservicenummer": bsn_of("gevestigde-groen"), "doelbinding": "Nieuwsgierig"}
    response = await client.post("/v1/bbz-gegevens", json=body, headers=auth(AUDITOR_KEY))
    assert response.status_code == 403


async def test_an_invalid_request_lists_every_invalid_field(client: httpx.AsyncClient) -> None:
    body = {"burgerservicenummer": "123456789", "kvkNummer": "1", "doelbinding": "x", "extra": 1}
    response = await client.post("/v1/bbz-gegevens", json=body, headers=SERVICE)
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert (response.status_code, names) == (400, {"burgerservicenummer", "kvkNummer", "doelbinding", "extra"})


async def test_a_look_up_without_kvk_number_has_no_business_section(client: httpx.AsyncClient) -> None:
    response = await lookup(client, "gevestigde-groen", kvkNummer=None)
    assert response.json()["onderneming"] is None


async def test_a_dissolved_marriage_is_no_partner(client: httpx.AsyncClient) -> None:
    body = await gegevens(client, "gescheiden")
    assert (body["huishouden"]["heeftPartner"]["waarde"], body["partner"]) == (False, None)


async def test_the_minor_persona_is_16_whatever_the_date(client: httpx.AsyncClient) -> None:
    body = await gegevens(client, "minderjarig")
    assert body["persoon"]["leeftijd"] == {"waarde": 16, "bron": "BRP"}


async def test_the_partners_vehicles_come_from_suwinet(client: httpx.AsyncClient) -> None:
    body = await gegevens(client, "partner-met-inkomen")
    assert [v["kenteken"] for v in body["partner"]["vermogen"]["voertuigen"]["waarde"]] == ["PP-77-PP"]
