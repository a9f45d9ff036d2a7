"""The model form, category by category: every conditional rule ("Indien ...") is required when its
condition holds and refused when it does not; Dutch identifiers are checked; all violations come at once."""

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from intake_factories import TODAY, gevestigde_levensonderhoud, starter, with_changes

from bbz_common.suite import resolve_relative_dates
from bbz_common.testing import VENDOR_KEY, auth

PARTNER = {
    "burgerservicenummer": "999990044",
    "voorletters": "A.",
    "achternaam": "Groen",
    "geboortedatum": "1978-02-02",
    "geslacht": "vrouw",
    "nederlandseNationaliteit": True,
}
PARTNER_BLOCKS = {
    "partner.heeftPartner": True,
    "partner.personalia": PARTNER,
    "partner.contact": {"emailadres": "a.groen@example.nl"},
    "inkomen.partner": {"inkomstenUitArbeidOfUitkering": False, "overigeInkomsten": False},
    "vermogen.partner": {"rekeningen": []},
}
KOOPWONING = {
    "woonsituatie.woning": "koopwoning",
    "woonsituatie.hypotheekrentePerMaand": 45_000,
    "woonsituatie.onroerendezaakbelastingPerJaar": 60_000,
    "woonsituatie.opstalverzekeringPerMaand": 2_500,
    "woonsituatie.erfpachtPerJaar": 0,
    "woonsituatie.waterschapslastenPerMaand": 2_000,
    "woonsituatie.rioolheffingPerMaand": 1_500,
    "woonsituatie.bouwjaar": 1985,
}
IOAZ = {
    "doelgroep": "ioaz",
    "onderneming": {"kvkNummer": "69599084"},
    "inkomen.arbeidsverleden": [{"omschrijving": "Eigen slagerij", "periode": {"van": "2015-01-01"}}],
}
INCOME = {"soort": "werkloosheidsuitkering", "periode": "maand", "nettoBedrag": 80_000}
OTHER_INCOME = {"soort": "kinderalimentatie", "periode": "maand", "nettoBedrag": 25_000}


async def submit(client: httpx.AsyncClient, body: dict[str, Any]) -> httpx.Response:
    return await client.post("/v1/aanvragen", json=body, headers=auth(VENDOR_KEY))


def problems(response: httpx.Response) -> dict[str, str]:
    assert response.status_code == 400, response.text
    return {p["name"]: p["code"] for p in response.json()["invalidParams"]}


# (rule, a valid application in which the condition holds, the field it then requires)
REQUIRED_WHEN_CONDITION_HOLDS = [
    (
        "C1",
        {"personalia.nederlandseNationaliteit": False, "verblijfstitel": {"heeftVerblijfstitel": True}},
        "personalia.nationaliteit",
    ),
    ("C2", {"personalia.nederlandseNationaliteit": False, "personalia.nationaliteit": "Belgische"}, "verblijfstitel"),
    (
        "C3",
        {"adres.verblijfOpInschrijvingsadres": False, "adres.toelichtingVerblijf": "Tijdelijk bij familie"},
        "adres.woonadres",
    ),
    ("C4", {**PARTNER_BLOCKS, "partner.personalia": ...}, "partner.personalia"),
    (
        "C5",
        {
            "aanvraag.typeAanvraag": "bedrijfskapitaal",
            "aanvraag.noodzakelijkVoorVoortbestaan": True,
            "aanvraag.andereFinancieringsmogelijkheden": False,
        },
        "aanvraag.bedrag",
    ),
    ("C6", {"onderneming.bedrijfspand": ...}, "onderneming.bedrijfspand"),
    ("C7", {"onderneming.rechtsvorm": "vennootschap-onder-firma"}, "onderneming.aantalVennoten"),
    ("C8", {"onderneming.rechtsvorm": "besloten-vennootschap"}, "onderneming.directeurGrootaandeelhouder"),
    (
        "C9",
        {"doelgroep": "beeindiging", "onderneming": {"kvkNummer": "69599084", "bedrijfspand": "huur"}},
        "onderneming.omschrijvingActiviteiten",
    ),
    ("C12", {"woonsituatie.woning": "kamerhuur"}, "woonsituatie.kaleHuurPerMaand"),
    ("C13", {**KOOPWONING, "woonsituatie.bouwjaar": ...}, "woonsituatie.bouwjaar"),
    ("C14", {"inkomen.zelfstandigenaftrek": False}, "inkomen.toelichtingZelfstandigenaftrek"),
    ("C15", {"inkomen.inkomstenUitArbeidOfUitkering": True}, "inkomen.inkomstenArbeidOfUitkering"),
    ("C16", {"inkomen.overigeInkomsten": True}, "inkomen.overigeInkomstenPosten"),
    ("C17", {**IOAZ, "inkomen.arbeidsverleden": ...}, "inkomen.arbeidsverleden"),
    ("C18", {**PARTNER_BLOCKS, "inkomen.partner": ...}, "inkomen.partner"),
    (
        "C18/C15",
        {**PARTNER_BLOCKS, "inkomen.partner": {"inkomstenUitArbeidOfUitkering": True, "overigeInkomsten": False}},
        "inkomen.partner.inkomstenArbeidOfUitkering",
    ),
    ("C19", {**PARTNER_BLOCKS, "vermogen.partner": ...}, "vermogen.partner"),
    (
        "C21",
        {**IOAZ, "beschikbaarheid": {"arbeidsongeschikt": True, "beschikbaarVoor38Uur": True}},
        "beschikbaarheid.percentageArbeidsongeschikt",
    ),
    (
        "C22",
        {**IOAZ, "beschikbaarheid": {"arbeidsongeschikt": False, "beschikbaarVoor38Uur": False}},
        "beschikbaarheid.aantalUurBeschikbaar",
    ),
    ("C23", {"levensvatbaarheid.voldoendeWinstReferentiejaar": False}, "levensvatbaarheid.voldoendeWinstJaarMin1"),
    (
        "C24",
        {"overig.arbeidsongeschiktheidsverzekering": True, "overig.naamVerzekeraar": "Movir"},
        "overig.premiePerMaand",
    ),
]

# (rule, an application in which the condition does not hold, the conditional field answered anyway)
REFUSED_WHEN_CONDITION_DOES_NOT_HOLD = [
    ("C1", {"personalia.nationaliteit": "Nederlandse"}, "personalia.nationaliteit"),
    ("C2", {"verblijfstitel": {"heeftVerblijfstitel": True}}, "verblijfstitel"),
    ("C3", {"adres.toelichtingVerblijf": "Woon elders"}, "adres.toelichtingVerblijf"),
    ("C4", {"partner.personalia": PARTNER}, "partner.personalia"),
    ("C5", {"aanvraag.bedrag": 500_000}, "aanvraag.bedrag"),
    ("C6", {**IOAZ, "onderneming.bedrijfspand": "huur"}, "onderneming.bedrijfspand"),
    ("C7", {"onderneming.aantalVennoten": 2}, "onderneming.aantalVennoten"),
    ("C8", {"onderneming.directeurGrootaandeelhouder": True}, "onderneming.directeurGrootaandeelhouder"),
    ("C9", {"onderneming.beeindiging": {"perDirect": True}}, "onderneming.beeindiging"),
    ("C10", {"onderneming.situatieVoorafgaand": "ww"}, "onderneming.situatieVoorafgaand"),
    ("C12", {"woonsituatie.kaleHuurPerMaand": 70_000}, "woonsituatie.kaleHuurPerMaand"),
    ("C13", {"woonsituatie.bouwjaar": 1985}, "woonsituatie.bouwjaar"),
    ("C14", {"inkomen.toelichtingZelfstandigenaftrek": "Te weinig uren"}, "inkomen.toelichtingZelfstandigenaftrek"),
    ("C15", {"inkomen.inkomstenArbeidOfUitkering": [INCOME]}, "inkomen.inkomstenArbeidOfUitkering"),
    ("C16", {"inkomen.overigeInkomstenPosten": [OTHER_INCOME]}, "inkomen.overigeInkomstenPosten"),
    ("C17", {"inkomen.arbeidsverleden": [{"omschrijving": "Loondienst", "periode": {"van": "2016-01-01"}}]}, "inkomen.arbeidsverleden"),
    ("C18", {"inkomen.partner": {"inkomstenUitArbeidOfUitkering": False, "overigeInkomsten": False}}, "inkomen.partner"),
    ("C19", {"vermogen.partner": {"rekeningen": []}}, "vermogen.partner"),
    ("C20", {"beschikbaarheid": {"arbeidsongeschikt": False, "beschikbaarVoor38Uur": True}}, "beschikbaarheid"),
    ("C21", {**IOAZ, "beschikbaarheid": {"arbeidsongeschikt": False, "beschikbaarVoor38Uur": True, "percentageArbeidsongeschikt": 30}}, "beschikbaarheid.percentageArbeidsongeschikt"),
    ("C22", {**IOAZ, "beschikbaarheid": {"arbeidsongeschikt": False, "beschikbaarVoor38Uur": True, "aantalUurBeschikbaar": 20}}, "beschikbaarheid.aantalUurBeschikbaar"),
    ("C23", {"levensvatbaarheid.voldoendeWinstJaarMin1": True}, "levensvatbaarheid.voldoendeWinstJaarMin1"),
    ("C24", {"overig.premiePerMaand": 12_000}, "overig.premiePerMaand"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("rule", "changes", "field"), REQUIRED_WHEN_CONDITION_HOLDS, ids=[c[0] for c in REQUIRED_WHEN_CONDITION_HOLDS]
)
async def test_a_conditional_question_is_required_when_its_condition_holds(
    client: httpx.AsyncClient, rule: str, changes: dict[str, Any], field: str
) -> None:
    response = await submit(client, with_changes(gevestigde_levensonderhoud(), changes))

    assert problems(response).get(field) == "conditional_required"


@pytest.mark.parametrize(
    ("rule", "changes", "field"),
    REFUSED_WHEN_CONDITION_DOES_NOT_HOLD,
    ids=[c[0] for c in REFUSED_WHEN_CONDITION_DOES_NOT_HOLD],
)
async def test_a_conditional_question_is_refused_when_its_condition_does_not_hold(
    client: httpx.AsyncClient, rule: str, changes: dict[str, Any], field: str
) -> None:
    response = await submit(client, with_changes(gevestigde_levensonderhoud(), changes))

    assert problems(response).get(field) == "conditional_forbidden"


COMPLETE_VARIANTS = {
    "gevestigde with partner and every block": {
        **PARTNER_BLOCKS,
        **KOOPWONING,
        "inkomen.inkomstenUitArbeidOfUitkering": True,
        "inkomen.inkomstenArbeidOfUitkering": [INCOME],
        "inkomen.overigeInkomsten": True,
        "inkomen.overigeInkomstenPosten": [OTHER_INCOME],
        "medebewoners": [{"leeftijd": 23, "relatie": "kind", "studerend": True}],
        "onderneming.rechtsvorm": "vennootschap-onder-firma",
        "onderneming.aantalVennoten": 2,
        "aanvraag.typeAanvraag": "beide",
        "aanvraag.bedrag": 1_000_000,
        "aanvraag.noodzakelijkVoorVoortbestaan": True,
        "aanvraag.andereFinancieringsmogelijkheden": False,
        "overig.arbeidsongeschiktheidsverzekering": True,
        "overig.naamVerzekeraar": "Movir",
        "overig.premiePerMaand": 12_000,
    },
    "non-Dutch with a residence permit living elsewhere": {
        "personalia.nederlandseNationaliteit": False,
        "personalia.nationaliteit": "Poolse",
        "identiteitsbewijs": {
            "soort": "vreemdelingendocument",
            "documentnummer": "V1234567",
            "geldigTot": "2030-01-01",
        },
        "verblijfstitel": {"heeftVerblijfstitel": True, "soort": "regulier onbepaalde tijd", "geldigTot": "2030-01-01"},
        "adres.verblijfOpInschrijvingsadres": False,
        "adres.woonadres": {
            "straatnaam": "Kerkstraat",
            "huisnummer": 1,
            "postcode": "2512 AB",
            "plaats": "'s-Gravenhage",
        },
        "adres.toelichtingVerblijf": "Verbouwing",
    },
    "closing entrepreneur": {
        "doelgroep": "beeindiging",
        "onderneming": {
            "kvkNummer": "69599084",
            "omschrijvingActiviteiten": "Slagerij",
            "bedrijfspand": "eigendom",
            "beeindiging": {"perDirect": False, "verwachteDatum": "2027-06-30", "wijze": "verkoop"},
        },
    },
    "IOAZ with partial availability": {
        **IOAZ,
        "beschikbaarheid": {
            "arbeidsongeschikt": True,
            "beschikbaarVoor38Uur": False,
            "percentageArbeidsongeschikt": 35,
            "toelichtingArbeidsongeschiktheid": "Rugklachten",
            "aantalUurBeschikbaar": 20,
            "redenOnvolledigeBeschikbaarheid": "Mantelzorg",
        },
    },
    "profit not enough in the reference year": {
        "levensvatbaarheid.voldoendeWinstReferentiejaar": False,
        "levensvatbaarheid.voldoendeWinstJaarMin1": True,
        "levensvatbaarheid.nettoBedrijfsresultaatJaarMin1": 2_900_000,
        "levensvatbaarheid.voldoendeWinstJaarMin2": True,
        "levensvatbaarheid.nettoBedrijfsresultaatJaarMin2": -150_000,
    },
}


@pytest.mark.parametrize("changes", COMPLETE_VARIANTS.values(), ids=COMPLETE_VARIANTS.keys())
async def test_a_complete_application_of_every_shape_is_accepted(
    client: httpx.AsyncClient, changes: dict[str, Any]
) -> None:
    response = await submit(client, with_changes(gevestigde_levensonderhoud(), changes))

    assert response.status_code == 201, response.text


async def test_a_registered_starter_asking_for_both_is_accepted(client: httpx.AsyncClient) -> None:
    response = await submit(client, starter())

    assert response.status_code == 201, response.text


async def test_an_unregistered_starter_gives_no_kvk_number(client: httpx.AsyncClient) -> None:
    body = with_changes(starter(), {"onderneming.ingeschreven": False, "onderneming.kvkNummer": ...})

    response = await submit(client, body)

    assert response.status_code == 201, response.text


async def test_an_unregistered_starter_cannot_give_a_kvk_number(client: httpx.AsyncClient) -> None:
    body = with_changes(starter(), {"onderneming.ingeschreven": False})

    assert problems(await submit(client, body)) == {"onderneming.kvkNummer": "conditional_forbidden"}


async def test_the_kvk_number_is_always_asked_of_older_self_employed(client: httpx.AsyncClient) -> None:
    body = with_changes(gevestigde_levensonderhoud(), {**IOAZ, "doelgroep": "oudere-zelfstandige", "onderneming": {}})

    assert problems(await submit(client, body)) == {"onderneming.kvkNummer": "conditional_required"}


async def test_a_type_error_and_a_rule_violation_are_reported_together(client: httpx.AsyncClient) -> None:
    body = with_changes(gevestigde_levensonderhoud(), {"betalen.iban": "NL00XXXX", "overig.premiePerMaand": 5_000})

    assert problems(await submit(client, body)) == {
        "betalen.iban": "value_error",
        "overig.premiePerMaand": "conditional_forbidden",
    }


IDENTIFIERS = [
    ("personalia.burgerservicenummer", "999990021"),  # elfproef fails
    ("betalen.iban", "NL91ABNA0417164301"),  # checksum fails
    ("adres.postcode", "0123 AB"),  # no Dutch postcode starts with 0
    ("onderneming.kvkNummer", "6959908"),  # 7 digits
    ("gemeentecode", "518"),
    ("aanvraag.bedrag", -1),
    ("contact.emailadres", "geen-adres"),
    ("personalia.geboortedatum", (TODAY.replace(year=TODAY.year + 1)).isoformat()),
]


@pytest.mark.parametrize(("field", "value"), IDENTIFIERS, ids=[f for f, _ in IDENTIFIERS])
async def test_an_invalid_identifier_or_amount_is_named_in_the_problem(
    client: httpx.AsyncClient, field: str, value: Any
) -> None:
    changes: dict[str, Any] = {field: value}
    if field == "aanvraag.bedrag":
        changes |= {"aanvraag.typeAanvraag": "bedrijfskapitaal", "aanvraag.noodzakelijkVoorVoortbestaan": True,
                    "aanvraag.andereFinancieringsmogelijkheden": False}  # fmt: skip

    assert field in problems(await submit(client, with_changes(gevestigde_levensonderhoud(), changes)))


async def test_the_postcode_is_stored_in_its_normal_form(client: httpx.AsyncClient) -> None:
    created = await submit(client, with_changes(gevestigde_levensonderhoud(), {"adres.postcode": "2511bt"}))

    stored = await client.get(created.headers["Location"], headers=auth(VENDOR_KEY))

    assert stored.json()["formulier"]["adres"]["postcode"] == "2511 BT"


async def test_co_residents_are_given_by_age_and_never_by_name(client: httpx.AsyncClient) -> None:
    body = with_changes(
        gevestigde_levensonderhoud(),
        {"medebewoners": [{"leeftijd": 30, "relatie": "huisgenoot", "studerend": False, "naam": "Piet"}]},
    )

    assert problems(await submit(client, body)) == {"medebewoners.0.naam": "extra_forbidden"}


DEMO = sorted((Path(__file__).resolve().parents[3] / "demo" / "aanvragen").glob("*.json"))


@pytest.mark.parametrize("path", DEMO, ids=[p.stem for p in DEMO])
async def test_the_example_application_of_every_doelgroep_is_accepted(client: httpx.AsyncClient, path: Path) -> None:
    body = resolve_relative_dates(json.loads(path.read_text(encoding="utf-8")))

    assert (await submit(client, body)).status_code == 201


def test_there_is_an_example_for_every_doelgroep() -> None:
    assert {json.loads(p.read_text())["doelgroep"] for p in DEMO} == {
        "starter", "gevestigde", "oudere-zelfstandige", "beeindiging", "ioaz"
    }  # fmt: skip
