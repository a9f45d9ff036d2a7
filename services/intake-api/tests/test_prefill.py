"""Prefill after DigiD login: the registers' values laid onto the form's fields, each with its source."""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
import respx

from bbz_common.testing import AUDITOR_KEY, VENDOR_KEY, auth
from intake_api.aanvragen.schemas import AanvraagIndienen
from intake_api.config import Settings
from intake_api.open_forms.mapping import bestaand_pad

CONTRACT = json.loads(
    (Path(__file__).resolve().parents[3] / "openapi" / "registers-adapter.json").read_text(encoding="utf-8")
)
BSN = "999990020"


def contract_validator(component: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        {"$ref": f"#/components/schemas/{component}", "components": CONTRACT["components"]}
    )


def waarde(value: Any, bron: str = "BRP") -> dict[str, Any]:
    return {"waarde": value, "bron": bron}


def register_answer(**changes: Any) -> dict[str, Any]:
    """A BbzGegevens answer as the registers-adapter gives it for persona 999990020 (Dagobert Groen)."""
    answer: dict[str, Any] = {
        "peildatum": "2026-11-24",
        "persoon": {
            "gevonden": True,
            "voornamen": waarde("Dagobert Jan"),
            "geslachtsnaam": waarde("Groen"),
            "geboortedatum": waarde("1975-03-14"),
            "nationaliteit": waarde("Nederlandse"),
            "gemeentecode": waarde("0518"),
            "adres": waarde({"straat": "Spui", "huisnummer": 70, "postcode": "2511 BT", "woonplaats": "'s-Gravenhage"}),
        },
        "huishouden": {
            "heeftPartner": waarde(False),
            "aantalKinderen": waarde(0),
            "aantalMedebewoners": waarde(1),
            "aantalMedebewoners21Plus": waarde(1),
        },
        "onderneming": {
            "gevonden": True,
            "kvkNummer": "69599084",
            "naam": waarde("Test EMZ Dagobert", "KVK"),
            "rechtsvorm": waarde("Eenmanszaak", "KVK"),
            "datumInschrijving": waarde("2017-07-10", "KVK"),
            "datumAanvang": waarde("2017-07-01", "KVK"),
            "sbiCodes": waarde(["6201"], "KVK"),
        },
    }
    answer.update(changes)
    contract_validator("BbzGegevens").validate(answer)
    return answer


REGISTERS = Settings.model_fields["registers_url"].default


@pytest.fixture
def registers(settings: Settings) -> Iterator[respx.MockRouter]:
    # Mocked at the httpx client (the services' own transport is not httpcore); the test's in-process
    # client to the app itself passes through.
    with respx.mock(assert_all_called=False, using="httpx") as router:
        router.route(host="testserver").pass_through()
        yield router


async def prefill(client: httpx.AsyncClient, **body: Any) -> httpx.Response:
    return await client.post("/v1/prefill", json={"burgerservicenummer": BSN, **body}, headers=auth(VENDOR_KEY))


def fields(response: httpx.Response) -> dict[str, Any]:
    return {v["pad"]: (v["waarde"], v["bron"]) for v in response.json()["velden"]}


async def test_our_lookup_request_matches_the_registers_adapter_contract(
    client: httpx.AsyncClient, registers: respx.MockRouter
) -> None:
    route = registers.post(REGISTERS + "/bbz-gegevens").respond(200, json=register_answer())

    await prefill(client, kvkNummer="69599084", gemeentecode="0518")

    contract_validator("BbzGegevensVerzoek").validate(json.loads(route.calls.last.request.content))


async def test_the_lookup_uses_the_intakes_own_service_key_not_the_vendors(
    client: httpx.AsyncClient, registers: respx.MockRouter, settings: Settings
) -> None:
    route = registers.post(REGISTERS + "/bbz-gegevens").respond(200, json=register_answer())

    await prefill(client)

    expected = f"Bearer {settings.service_api_key.get_secret_value()}"
    assert route.calls.last.request.headers["Authorization"] == expected


async def test_the_birth_date_is_prefilled_from_the_brp(client: httpx.AsyncClient, registers: respx.MockRouter) -> None:
    registers.post(REGISTERS + "/bbz-gegevens").respond(200, json=register_answer())

    assert fields(await prefill(client))["personalia.geboortedatum"] == ("1975-03-14", "BRP")


async def test_the_initials_are_derived_from_the_brp_first_names(
    client: httpx.AsyncClient, registers: respx.MockRouter
) -> None:
    registers.post(REGISTERS + "/bbz-gegevens").respond(200, json=register_answer())

    assert fields(await prefill(client))["personalia.voorletters"] == ("D.J.", "BRP")


async def test_the_registered_address_fills_the_address_block(
    client: httpx.AsyncClient, registers: respx.MockRouter
) -> None:
    registers.post(REGISTERS + "/bbz-gegevens").respond(200, json=register_answer())

    prefilled = fields(await prefill(client))

    assert {k: v[0] for k, v in prefilled.items() if k.startswith("adres.")} == {
        "adres.soortAdres": "inschrijvingsadres",
        "adres.straatnaam": "Spui",
        "adres.huisnummer": 70,
        "adres.postcode": "2511 BT",
        "adres.plaats": "'s-Gravenhage",
    }


async def test_a_dutch_national_gets_no_nationality_question(
    client: httpx.AsyncClient, registers: respx.MockRouter
) -> None:
    registers.post(REGISTERS + "/bbz-gegevens").respond(200, json=register_answer())

    prefilled = fields(await prefill(client))

    assert (prefilled["personalia.nederlandseNationaliteit"][0], "personalia.nationaliteit" in prefilled) == (
        True,
        False,
    )


async def test_the_trade_name_and_legal_form_come_from_the_kvk_as_form_options(
    client: httpx.AsyncClient, registers: respx.MockRouter
) -> None:
    registers.post(REGISTERS + "/bbz-gegevens").respond(200, json=register_answer())

    prefilled = fields(await prefill(client, kvkNummer="69599084"))

    assert (prefilled["onderneming.handelsnaam"], prefilled["onderneming.rechtsvorm"]) == (
        ("Test EMZ Dagobert", "KVK"),
        ("eenmanszaak", "KVK"),
    )


async def test_of_co_residents_only_the_numbers_are_given(
    client: httpx.AsyncClient, registers: respx.MockRouter
) -> None:
    registers.post(REGISTERS + "/bbz-gegevens").respond(200, json=register_answer())

    huishouden = (await prefill(client)).json()["huishouden"]

    assert huishouden["aantalMedebewoners21Plus"] == {"waarde": 1, "bron": "BRP"}


async def test_living_in_the_municipality_of_the_application_is_derived_from_the_brp(
    client: httpx.AsyncClient, registers: respx.MockRouter
) -> None:
    registers.post(REGISTERS + "/bbz-gegevens").respond(200, json=register_answer())

    assert (await prefill(client, gemeentecode="0363")).json()["woontInGemeente"] == {"waarde": False, "bron": "BRP"}


async def test_fields_the_adapter_adds_later_are_tolerated(
    client: httpx.AsyncClient, registers: respx.MockRouter
) -> None:
    answer = register_answer()
    answer["suwinet"] = {"inkomsten": waarde([], "Suwinet")}
    answer["persoon"]["nieuwVeld"] = waarde("x")
    registers.post(REGISTERS + "/bbz-gegevens").respond(200, json=answer)

    assert (await prefill(client)).status_code == 200


async def test_an_unknown_person_gives_an_empty_prefill_not_an_error(
    client: httpx.AsyncClient, registers: respx.MockRouter
) -> None:
    registers.post(REGISTERS + "/bbz-gegevens").respond(
        200, json=register_answer(persoon={"gevonden": False}, huishouden={}, onderneming=None)
    )

    response = await prefill(client)

    assert (response.status_code, response.json()["persoonGevonden"], response.json()["velden"]) == (200, False, [])


async def test_an_unreachable_registers_adapter_is_a_503_problem(
    client: httpx.AsyncClient, registers: respx.MockRouter
) -> None:
    registers.post(REGISTERS + "/bbz-gegevens").mock(side_effect=httpx.ConnectError("refused"))

    response = await prefill(client)

    assert (response.status_code, response.headers["content-type"]) == (503, "application/problem+json")


async def test_a_failing_registers_adapter_is_a_503_problem(
    client: httpx.AsyncClient, registers: respx.MockRouter
) -> None:
    registers.post(REGISTERS + "/bbz-gegevens").respond(500, json={"title": "boom"})

    assert (await prefill(client)).status_code == 503


async def test_an_invalid_bsn_is_refused_before_any_register_is_read(
    client: httpx.AsyncClient, registers: respx.MockRouter
) -> None:
    route = registers.post(REGISTERS + "/bbz-gegevens").respond(200, json=register_answer())

    response = await client.post("/v1/prefill", json={"burgerservicenummer": "123456789"}, headers=auth(VENDOR_KEY))

    assert (response.status_code, route.called) == (400, False)


async def test_an_auditor_cannot_prefill(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/prefill", json={"burgerservicenummer": BSN}, headers=auth(AUDITOR_KEY))

    assert response.status_code == 403


async def test_the_registered_partner_fills_the_partners_personalia(
    client: httpx.AsyncClient, registers: respx.MockRouter
) -> None:
    partner = {"burgerservicenummer": waarde("999990044"), "geslachtsnaam": waarde("Groen-Oranje")}
    registers.post(REGISTERS + "/bbz-gegevens").respond(200, json=register_answer(partner=partner))

    prefilled = fields(await prefill(client))

    assert prefilled["partner.personalia.burgerservicenummer"] == ("999990044", "BRP")


async def test_tozo_received_is_prefilled_from_the_municipal_registration(
    client: httpx.AsyncClient, registers: respx.MockRouter
) -> None:
    gemeente = {
        "tozoOntvangen": waarde(True, "gemeentelijke-registratie"),
        "tozo": waarde([], "gemeentelijke-registratie"),
        "eerdereBbzBesluiten": waarde([], "gemeentelijke-registratie"),
    }
    registers.post(REGISTERS + "/bbz-gegevens").respond(200, json=register_answer(gemeentelijkeRegistratie=gemeente))

    assert fields(await prefill(client))["overig.tozoOntvangen"] == (True, "gemeentelijke-registratie")


async def test_current_income_outside_the_business_is_prefilled_from_suwinet(
    client: httpx.AsyncClient, registers: respx.MockRouter
) -> None:
    inkomen = {"soortInkomsten": "werkloosheidsuitkering", "periode": "maand", "nettoBedrag": 45000}
    registers.post(REGISTERS + "/bbz-gegevens").respond(
        200, json=register_answer(inkomsten={"aanvrager": waarde([inkomen], "Suwinet")})
    )

    prefilled = fields(await prefill(client))

    assert prefilled["inkomen.inkomstenArbeidOfUitkering"] == (
        [{"soort": "werkloosheidsuitkering", "periode": "maand", "nettoBedrag": 45000}],
        "Suwinet",
    )


async def test_the_establishment_address_comes_from_the_kvk(
    client: httpx.AsyncClient, registers: respx.MockRouter
) -> None:
    answer = register_answer()
    answer["onderneming"]["vestigingsadres"] = waarde(
        {"straatnaam": "Spui", "huisnummer": 70, "huisletter": "A", "postcode": "2511 BT", "plaats": "Den Haag"}, "KVK"
    )
    registers.post(REGISTERS + "/bbz-gegevens").respond(200, json=answer)

    prefilled = fields(await prefill(client, kvkNummer="69599084"))

    assert prefilled["onderneming.vestigingsadres.huisnummertoevoeging"] == ("A", "KVK")


async def test_every_prefilled_path_is_a_field_of_an_application(
    client: httpx.AsyncClient, registers: respx.MockRouter
) -> None:
    answer = register_answer(
        partner={"burgerservicenummer": waarde("999990044"), "geslachtsnaam": waarde("Oranje")},
        inkomsten={
            "aanvrager": waarde([{"soortInkomsten": "pensioen", "periode": "maand", "nettoBedrag": 1}], "Suwinet"),
            "arbeidsverleden": waarde([{"soortInkomsten": "inkomsten uit arbeid", "instantie": "X"}], "Suwinet"),
        },
    )
    answer["persoon"].update(verblijfstitel=waarde("EU-burger"), nationaliteit=waarde("Belgische"))
    answer["onderneming"]["vestigingsadres"] = waarde({"straatnaam": "Spui", "postcode": "2511 BT"}, "KVK")
    registers.post(REGISTERS + "/bbz-gegevens").respond(200, json=answer)

    paths = fields(await prefill(client, kvkNummer="69599084"))

    assert [p for p in paths if not bestaand_pad(AanvraagIndienen, p)] == []


async def test_the_lookups_purpose_names_the_vendor_it_is_done_for(
    client: httpx.AsyncClient, registers: respx.MockRouter
) -> None:
    route = registers.post(REGISTERS + "/bbz-gegevens").respond(200, json=register_answer())

    await prefill(client)

    assert json.loads(route.calls.last.request.content)["doelbinding"].endswith("namens demo-leverancier")
