"""What intake-api hands to decision-api for the amount: the household for the norm and the income that
counts, read from the registers where they know it and from the form where they do not."""

from typing import Any

import pytest
from intake_factories import gevestigde_levensonderhoud, with_changes

from intake_api.verwerking.mapping import _huishouden, _inkomen_per_maand, applicant_key


def sourced(value: Any) -> dict[str, Any]:
    return {"waarde": value, "bron": "BRP"}


HOUSEHOLDS = [
    ("single", {}, {}, {"soort": "alleenstaande", "kostendelers": 0}),
    (
        "couple by the BRP",
        {},
        {"huishouden": {"heeftPartner": sourced(True)}},
        {"soort": "gehuwden", "kostendelers": 0},
    ),
    (
        "single parent",
        {"medebewoners": [{"leeftijd": 9, "relatie": "kind", "studerend": False}]},
        {},
        {"soort": "alleenstaande-ouder", "kostendelers": 0},
    ),
    (
        "adult child is a cost-sharer",
        {"medebewoners": [{"leeftijd": 24, "relatie": "kind", "studerend": False}]},
        {},
        {"soort": "alleenstaande", "kostendelers": 1},
    ),
    (
        "studying adult is not",
        {"medebewoners": [{"leeftijd": 24, "relatie": "kind", "studerend": True}]},
        {},
        {"soort": "alleenstaande", "kostendelers": 0},
    ),
    (
        "aged 20 is not",
        {"medebewoners": [{"leeftijd": 20, "relatie": "huisgenoot", "studerend": False}]},
        {},
        {"soort": "alleenstaande", "kostendelers": 0},
    ),
    (
        "the BRP's count prevails, less students with study finance",
        {"medebewoners": []},
        {
            "huishouden": {
                "aantalMedebewoners21Plus": sourced(3),
                "aantalMedebewoners21PlusMetStudiefinanciering": sourced(1),
            }
        },
        {"soort": "alleenstaande", "kostendelers": 2},
    ),
]


@pytest.mark.parametrize(("case", "form", "registers", "expected"), HOUSEHOLDS, ids=[h[0] for h in HOUSEHOLDS])
def test_the_household_for_the_norm(
    case: str, form: dict[str, Any], registers: dict[str, Any], expected: dict[str, Any]
) -> None:
    assert _huishouden(with_changes(gevestigde_levensonderhoud(), form), registers) == expected


def test_the_form_income_is_converted_to_a_month() -> None:
    form = with_changes(
        gevestigde_levensonderhoud(),
        {
            "inkomen.inkomstenUitArbeidOfUitkering": True,
            "inkomen.inkomstenArbeidOfUitkering": [
                {"soort": "inkomsten-uit-arbeid", "periode": "week", "nettoBedrag": 12_000},
                {"soort": "werkloosheidsuitkering", "periode": "vier-weken", "nettoBedrag": 48_000},
            ],
        },
    )

    assert _inkomen_per_maand(form, {}) == 52_000 + 52_000


def test_suwinets_income_prevails_over_the_form() -> None:
    assert (
        _inkomen_per_maand(gevestigde_levensonderhoud(), {"inkomsten": {"totaalNettoPerMaand": sourced(81_234)}})
        == 81_234
    )


def test_the_applicant_key_is_a_pseudonym_not_the_bsn() -> None:
    key = applicant_key("999990020", "secret")

    assert ("999990020" not in key, key == applicant_key("999990020", "secret"), len(key)) == (True, True, 64)
