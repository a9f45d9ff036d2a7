"""Route selection (seed 001): groen when all green conditions hold, oranje when orange conditions hold and all
other green ones do, rood otherwise; missing or contradictory data never groen; split requests."""

import pytest
from routing_cases import change, determine, green_request, outcome, policy, policy_with, route

GREEN = green_request()


def test_an_application_meeting_every_green_condition_goes_green() -> None:
    assert route(GREEN) == "groen"


def test_every_rule_of_the_seed_is_reported() -> None:
    ids = [r.regel for r in determine(GREEN).regels]
    assert ids == [
        "G1", "G2", "G3", "G4", "G6", "G7", "G8", "G9", "G10a", "G10b", "G10c", "G10d", "G10e",
        "O1", "O2", "O3", "O4", "O5", "O6",
        "R1", "R2", "R3a", "R3b", "R3c", "R3d",
    ]  # fmt: skip


def test_every_rule_names_the_source_of_every_input() -> None:
    sources = {bron.value for r in determine(GREEN).regels for _, _, bron in r.invoer}
    assert sources == {"formulier", "BRP", "KVK", "beleid"}


# Orange: one or more orange conditions and all other green conditions ---------------------------------


@pytest.mark.parametrize(
    ("scenario", "changes", "held"),
    [
        ("co-resident aged 21", {"antwoorden.medebewoners": [{"leeftijd": 21}]}, "O1"),
        ("assets above the limit", {"antwoorden.liquideMiddelen": 900000}, "O2"),
        (
            "premium above the cap",
            {"antwoorden.arbeidsongeschiktheidsverzekering": True, "antwoorden.premiePerMaand": 20000},
            "O3",
        ),
        (
            "housing-cost supplement above the cap",
            {"antwoorden.woonsituatie": {"woning": "kamerhuur", "kaleHuurPerMaand": 120000}},
            "O4",
        ),
        (
            "registered on the reference date",
            {"registers.kvkInschrijving": {"waarde": "2019-01-01", "bron": "KVK"}},
            "O5",
        ),
        (
            "profit short in the reference year, enough in both years before",
            {
                "antwoorden.voldoendeWinstReferentiejaar": False,
                "antwoorden.voldoendeWinstJaarMin1": True,
                "antwoorden.voldoendeWinstJaarMin2": True,
            },
            "O6",
        ),
    ],
)
def test_each_orange_condition_alone_sends_an_otherwise_green_application_orange(
    scenario: str, changes: dict[str, object], held: str
) -> None:
    body = change(GREEN, **changes)
    d = determine(body)
    assert (
        d.route.value,
        [r.regel for r in d.regels if r.regel.startswith("O") and r.uitkomst.value == "voldaan"],
    ) == (
        "oranje",
        [held],
    ), scenario


def test_profit_short_in_the_reference_year_and_in_only_one_earlier_year_goes_red() -> None:
    body = change(
        GREEN,
        **{
            "antwoorden.voldoendeWinstReferentiejaar": False,
            "antwoorden.voldoendeWinstJaarMin1": True,
            "antwoorden.voldoendeWinstJaarMin2": False,
        },
    )
    assert (route(body), outcome(body, "R3a")) == ("rood", "voldaan")


def test_profit_short_in_the_reference_year_with_earlier_years_unanswered_goes_orange_for_a_closer_look() -> None:
    body = change(GREEN, **{"antwoorden.voldoendeWinstReferentiejaar": False})
    assert (route(body), outcome(body, "R3a")) == ("oranje", "onbekend")


def test_two_orange_conditions_together_still_go_orange() -> None:
    body = change(GREEN, **{"antwoorden.medebewoners": [{"leeftijd": 30}], "antwoorden.liquideMiddelen": 900000})
    assert route(body) == "oranje"


# Red ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doelgroep", "expected"),
    [("starter", "rood"), ("oudere-zelfstandige", "rood"), ("ioaz", "rood"), ("beeindiging", "rood")],
)
def test_r1_every_target_group_other_than_established_goes_red(doelgroep: str, expected: str) -> None:
    assert route(change(GREEN, doelgroep=doelgroep)) == expected


def test_r1_holds_for_a_starter() -> None:
    assert outcome(change(GREEN, doelgroep="starter"), "R1") == "voldaan"


def test_r2_credit_only_goes_red() -> None:
    assert route(change(GREEN, **{"aanvraag.typeAanvraag": "bedrijfskapitaal"})) == "rood"


def test_r2_credit_only_has_no_split() -> None:
    assert determine(change(GREEN, **{"aanvraag.typeAanvraag": "bedrijfskapitaal"})).deelroutes is None


def test_r3b_unpayable_debts_go_red() -> None:
    assert route(change(GREEN, **{"antwoorden.onbetaalbareSchulden": True})) == "rood"


def test_r3c_needing_longer_than_n_months_goes_red() -> None:
    body = change(
        GREEN, **{"antwoorden.zelfvoorzienendBinnenTermijn": False, "aanvraag.verwachteEinddatum": "2026-12-31"}
    )
    assert route(body) == "rood"


def test_r3d_a_listed_sector_goes_red() -> None:
    assert route(change(GREEN, **{"registers.kvkSbiCodes": {"waarde": ["5610"], "bron": "KVK"}})) == "rood"


def test_an_exclusion_ground_goes_red_not_orange() -> None:
    assert route(change(GREEN, **{"registers.woongemeentecode": {"waarde": "0363", "bron": "BRP"}})) == "rood"


def test_income_above_the_norm_goes_red() -> None:
    body = change(GREEN, **{"antwoorden.inkomsten": [{"periode": "maand", "nettoBedrag": 200000}]})
    assert route(body) == "rood"


def test_a_longer_period_than_m_months_goes_red() -> None:
    assert route(change(GREEN, **{"aanvraag.verwachteEinddatum": "2026-10-31"})) == "rood"


def test_a_red_condition_wins_over_an_orange_one() -> None:
    body = change(GREEN, doelgroep="starter", **{"antwoorden.medebewoners": [{"leeftijd": 30}]})
    assert route(body) == "rood"


# Missing or contradictory data never gives green ------------------------------------------------------


@pytest.mark.parametrize(
    "missing",
    [
        "antwoorden.inkomsten",
        "antwoorden.liquideMiddelen",
        "antwoorden.woonsituatie",
        "antwoorden.urencriterium",
        "antwoorden.onbetaalbareSchulden",
        "antwoorden.arbeidsongeschiktheidsverzekering",
        "registers.geboortedatum",
        "registers.woongemeentecode",
    ],
)
def test_a_missing_answer_or_register_value_never_gives_green(missing: str) -> None:
    assert route(change(GREEN, **{missing: None})) == "oranje"


def test_the_form_saying_registered_before_the_reference_date_while_the_kvk_says_later_is_not_green() -> None:
    body = change(
        GREEN,
        **{
            "antwoorden.ingeschrevenVoorPeildatum": True,
            "registers.kvkInschrijving": {"waarde": "2019-03-01", "bron": "KVK"},
        },
    )
    assert route(body) == "oranje"


def test_a_contradiction_between_answers_is_named_in_the_reasons() -> None:
    body = change(
        GREEN, **{"aanvraag.verwachteEinddatum": "2026-08-31", "antwoorden.zelfvoorzienendBinnenTermijn": False}
    )
    assert any(r.startswith("G10d: Tegenstrijdig") for r in determine(body).redenen)


# Split requests ("beide") -----------------------------------------------------------------------------


def test_both_income_support_and_credit_splits_into_a_green_income_part_and_a_red_credit_part() -> None:
    body = change(GREEN, **{"aanvraag.typeAanvraag": "beide", "aanvraag.bedrag": 1_000_000})
    split = determine(body).deelroutes
    assert [(p.value, r.value) for p, r, _ in split or []] == [
        ("inkomensaanvullende-uitkering", "groen"),
        ("bedrijfskapitaal", "rood"),
    ]


def test_both_with_an_orange_income_part_keeps_the_income_part_orange() -> None:
    body = change(GREEN, **{"aanvraag.typeAanvraag": "beide", "antwoorden.medebewoners": [{"leeftijd": 25}]})
    split = determine(body).deelroutes
    assert [r.value for _, r, _ in split or []] == ["oranje", "rood"]


def test_both_as_a_whole_goes_red() -> None:
    assert route(change(GREEN, **{"aanvraag.typeAanvraag": "beide"})) == "rood"


# Determinism and policy periods -----------------------------------------------------------------------


def test_the_same_application_and_policy_give_the_same_determination() -> None:
    assert determine(GREEN) == determine(green_request())


def test_a_municipal_red_condition_that_fails_sends_the_application_red() -> None:
    beleid = policy_with(
        aanvullendeVoorwaarden=[
            {
                "id": "GM1",
                "omschrijving": "Geen Tozo ontvangen",
                "feit": "tozoOntvangen",
                "operator": "gelijk",
                "waarde": False,
                "routeAlsNietVoldaan": "rood",
            }
        ]
    )
    assert route(change(GREEN, **{"antwoorden.tozoOntvangen": True}), beleid) == "rood"


def test_a_municipal_orange_condition_that_fails_sends_the_application_orange() -> None:
    beleid = policy_with(
        aanvullendeVoorwaarden=[
            {
                "id": "GM1",
                "omschrijving": "Liquide middelen ten hoogste 1000 euro",
                "feit": "liquideMiddelen",
                "operator": "kleiner-of-gelijk",
                "waarde": 100000,
                "routeAlsNietVoldaan": "oranje",
            }
        ]
    )
    assert route(GREEN, beleid) == "oranje"


def test_a_municipal_condition_on_an_unknown_fact_is_unknown() -> None:
    beleid = policy_with(
        aanvullendeVoorwaarden=[
            {
                "id": "GM7",
                "omschrijving": "Geen Tozo ontvangen",
                "feit": "tozoOntvangen",
                "operator": "gelijk",
                "waarde": False,
                "routeAlsNietVoldaan": "rood",
            }
        ]
    )
    assert outcome(GREEN, "GM7", beleid) == "onbekend"


def test_the_seed_q4_2021_version_routes_a_seed_era_application_green() -> None:
    body = change(
        GREEN,
        aanvraagdatum="2021-11-15",
        **{
            "aanvraag.gewensteIngangsdatum": "2021-11-15",
            "aanvraag.verwachteEinddatum": "2022-03-31",
            "antwoorden.liquideMiddelen": None,
        },
    )
    assert route(body, policy("standaard-2021-q4")) == "groen"


def test_a_municipal_condition_reads_tozo_from_the_municipal_registration_before_the_form() -> None:
    beleid = policy_with(
        aanvullendeVoorwaarden=[
            {
                "id": "GM2",
                "omschrijving": "Geen Tozo ontvangen",
                "feit": "tozoOntvangen",
                "operator": "gelijk",
                "waarde": False,
                "routeAlsNietVoldaan": "oranje",
            }
        ]
    )
    body = change(
        GREEN,
        **{
            "antwoorden.tozoOntvangen": False,
            "registers.tozoOntvangen": {"waarde": True, "bron": "gemeentelijke-registratie"},
        },
    )
    assert outcome(body, "GM2", beleid) == "niet-voldaan"


def test_a_municipality_can_send_a_reapplication_after_a_short_viability_test_to_red() -> None:
    beleid = policy_with(
        aanvullendeVoorwaarden=[
            {
                "id": "GM3",
                "omschrijving": "Na een korte levensvatbaarheidstoets volgt bij een vervolgaanvraag de uitgebreide",
                "feit": "eerdereLevensvatbaarheidstoets",
                "operator": "ongelijk",
                "waarde": "kort",
                "routeAlsNietVoldaan": "rood",
            }
        ]
    )
    body = change(
        GREEN, **{"registers.eerdereLevensvatbaarheidstoets": {"waarde": "kort", "bron": "gemeentelijke-registratie"}}
    )
    assert route(body, beleid) == "rood"
