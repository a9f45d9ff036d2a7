"""The green conditions of seed 001 (G1..G10e), each at its boundaries, under standaard-2026 unless named."""

from routing_cases import change, green_request, outcome, policy, policy_with, rule

GREEN = green_request()


# G1: no exclusion ground ------------------------------------------------------------------------------


def test_g1_holds_for_an_adult_below_pension_age_living_in_the_municipality() -> None:
    assert outcome(GREEN, "G1") == "voldaan"


def test_g1_fails_on_the_day_the_applicant_reaches_pension_age() -> None:
    body = change(GREEN, **{"registers.geboortedatum": {"waarde": "1959-03-02", "bron": "BRP"}})
    assert outcome(body, "G1") == "niet-voldaan"


def test_g1_holds_the_day_before_the_applicant_reaches_pension_age() -> None:
    body = change(GREEN, **{"registers.geboortedatum": {"waarde": "1959-03-03", "bron": "BRP"}})
    assert outcome(body, "G1") == "voldaan"


def test_g1_fails_for_an_applicant_one_day_short_of_eighteen() -> None:
    body = change(GREEN, **{"registers.geboortedatum": {"waarde": "2008-03-03", "bron": "BRP"}})
    assert outcome(body, "G1") == "niet-voldaan"


def test_g1_holds_for_an_applicant_who_turns_eighteen_on_the_application_date() -> None:
    body = change(GREEN, **{"registers.geboortedatum": {"waarde": "2008-03-02", "bron": "BRP"}})
    assert outcome(body, "G1") == "voldaan"


def test_g1_fails_for_an_applicant_living_in_another_municipality() -> None:
    body = change(GREEN, **{"registers.woongemeentecode": {"waarde": "0363", "bron": "BRP"}})
    assert outcome(body, "G1") == "niet-voldaan"


def test_g1_fails_when_the_hours_criterion_is_not_met() -> None:
    assert outcome(change(GREEN, **{"antwoorden.urencriterium": False}), "G1") == "niet-voldaan"


def test_g1_is_unknown_without_a_birth_date() -> None:
    assert outcome(change(GREEN, **{"registers.geboortedatum": None}), "G1") == "onbekend"


def test_g1_reads_a_birth_date_that_is_not_a_date_as_unknown() -> None:
    body = change(GREEN, **{"registers.geboortedatum": {"waarde": "14-03-1975", "bron": "BRP"}})
    assert outcome(body, "G1") == "onbekend"


# G2: no income above the norm -------------------------------------------------------------------------


def income(amount: int, periode: str = "maand", van: str = "aanvrager") -> dict[str, object]:
    return {"van": van, "periode": periode, "nettoBedrag": amount}


def test_g2_holds_for_income_equal_to_the_norm() -> None:
    body = change(GREEN, **{"antwoorden.inkomsten": [income(139000)]})
    assert outcome(body, "G2") == "voldaan"


def test_g2_fails_for_income_one_cent_above_the_norm() -> None:
    body = change(GREEN, **{"antwoorden.inkomsten": [income(139001)]})
    assert outcome(body, "G2") == "niet-voldaan"


def test_g2_counts_weekly_income_as_52_weeks_over_12_months() -> None:
    body = change(GREEN, **{"antwoorden.inkomsten": [income(32100, "week")]})  # 1391.00 a month
    assert outcome(body, "G2") == "niet-voldaan"


def test_g2_does_not_count_a_one_off_amount_as_monthly_income() -> None:
    body = change(GREEN, **{"antwoorden.inkomsten": [income(500000, "eenmalig")]})
    assert outcome(body, "G2") == "voldaan"


def test_g2_uses_the_couple_norm_when_the_brp_registers_a_partner() -> None:
    body = change(
        GREEN,
        **{
            "antwoorden.inkomsten": [income(150000, van="partner")],
            "antwoorden.partner": True,
            "registers.heeftPartner": {"waarde": True, "bron": "BRP"},
        },
    )
    assert outcome(body, "G2") == "voldaan"


def test_g2_the_brp_prevails_over_the_form_on_a_partner() -> None:
    body = change(
        GREEN,
        **{"antwoorden.inkomsten": [income(150000, van="partner")], "antwoorden.partner": True},
    )  # the BRP says no partner: the single norm applies
    assert outcome(body, "G2") == "niet-voldaan"


def test_g2_suwinet_income_above_the_stated_income_prevails() -> None:
    body = change(GREEN, **{"registers.inkomstenPerMaand": {"waarde": 200000, "bron": "Suwinet"}})
    assert outcome(body, "G2") == "niet-voldaan"


def test_g2_notes_when_suwinet_differs_from_the_form() -> None:
    body = change(GREEN, **{"registers.inkomstenPerMaand": {"waarde": 10000, "bron": "Suwinet"}})
    assert "Suwinet" in rule(body, "G2").toelichting


def test_g2_is_unknown_when_income_was_not_asked_and_suwinet_has_nothing() -> None:
    assert outcome(change(GREEN, **{"antwoorden.inkomsten": None}), "G2") == "onbekend"


# G3: established entrepreneur -------------------------------------------------------------------------


def test_g3_fails_for_a_starter() -> None:
    assert outcome(change(GREEN, doelgroep="starter"), "G3") == "niet-voldaan"


def test_g3_is_unknown_when_the_kvk_registration_is_younger_than_eighteen_months() -> None:
    body = change(GREEN, **{"registers.kvkInschrijving": {"waarde": "2024-09-03", "bron": "KVK"}})
    assert outcome(body, "G3") == "onbekend"


def test_g3_holds_when_the_kvk_registration_is_exactly_eighteen_months_old() -> None:
    body = change(GREEN, **{"registers.kvkInschrijving": {"waarde": "2024-09-02", "bron": "KVK"}})
    assert outcome(body, "G3") == "voldaan"


# G4: income support only, at most m months ------------------------------------------------------------


def test_g4_holds_for_exactly_m_months() -> None:
    body = change(GREEN, **{"aanvraag.gewensteIngangsdatum": "2026-03-09", "aanvraag.verwachteEinddatum": "2026-09-09"})
    assert outcome(body, "G4") == "voldaan"


def test_g4_fails_for_m_months_and_one_day() -> None:
    body = change(GREEN, **{"aanvraag.gewensteIngangsdatum": "2026-03-09", "aanvraag.verwachteEinddatum": "2026-09-10"})
    assert outcome(body, "G4") == "niet-voldaan"


def test_g4_fails_for_credit_only() -> None:
    assert outcome(change(GREEN, **{"aanvraag.typeAanvraag": "bedrijfskapitaal"}), "G4") == "niet-voldaan"


def test_g4_fails_for_both_income_support_and_credit() -> None:
    assert outcome(change(GREEN, **{"aanvraag.typeAanvraag": "beide"}), "G4") == "niet-voldaan"


# G6: no cost-sharers ----------------------------------------------------------------------------------


def co_resident(age: int, studying: bool = False) -> dict[str, object]:
    return {"leeftijd": age, "studerend": studying}


def test_g6_holds_for_a_co_resident_aged_20() -> None:
    body = change(GREEN, **{"antwoorden.medebewoners": [co_resident(20)]})
    assert outcome(body, "G6") == "voldaan"


def test_g6_fails_for_a_co_resident_aged_21() -> None:
    body = change(GREEN, **{"antwoorden.medebewoners": [co_resident(21)]})
    assert outcome(body, "G6") == "niet-voldaan"


def test_g6_holds_for_a_studying_co_resident_aged_21() -> None:
    body = change(
        GREEN,
        **{
            "antwoorden.medebewoners": [co_resident(21, studying=True)],
            "registers.aantalMedebewoners21Plus": {"waarde": 1, "bron": "BRP"},
        },
    )
    assert outcome(body, "G6") == "voldaan"


def test_g6_fails_when_the_brp_counts_more_adult_co_residents_than_the_form() -> None:
    body = change(GREEN, **{"registers.aantalMedebewoners21Plus": {"waarde": 1, "bron": "BRP"}})
    assert outcome(body, "G6") == "niet-voldaan"


def test_g6_fails_on_the_brp_count_alone_when_the_form_has_no_co_residents_answer() -> None:
    body = change(
        GREEN,
        **{"antwoorden.medebewoners": None, "registers.aantalMedebewoners21Plus": {"waarde": 1, "bron": "BRP"}},
    )
    assert outcome(body, "G6") == "niet-voldaan"


def test_g6_is_unknown_without_form_answer_and_brp_count() -> None:
    body = change(GREEN, **{"antwoorden.medebewoners": None, "registers.aantalMedebewoners21Plus": None})
    assert outcome(body, "G6") == "onbekend"


# G7: no liquid assets above the limit (lapses in Q4 2021) ---------------------------------------------


def test_g7_holds_for_assets_equal_to_the_limit() -> None:
    assert outcome(change(GREEN, **{"antwoorden.liquideMiddelen": 795000}), "G7") == "voldaan"


def test_g7_fails_for_assets_one_cent_above_the_limit() -> None:
    assert outcome(change(GREEN, **{"antwoorden.liquideMiddelen": 795001}), "G7") == "niet-voldaan"


def test_g7_holds_in_q4_2021_whatever_the_assets_because_the_test_lapsed() -> None:
    body = change(GREEN, aanvraagdatum="2021-11-15", **{"antwoorden.liquideMiddelen": 10_000_000})
    assert outcome(body, "G7", policy("standaard-2021-q4")) == "voldaan"


def test_g7_applies_again_from_1_january_2022() -> None:
    body = change(GREEN, aanvraagdatum="2022-01-03", **{"antwoorden.liquideMiddelen": 10_000_000})
    assert outcome(body, "G7", policy("standaard-2022")) == "niet-voldaan"


def test_g7_is_unknown_when_assets_were_not_asked_and_the_test_applies() -> None:
    assert outcome(change(GREEN, **{"antwoorden.liquideMiddelen": None}), "G7") == "onbekend"


# G8: disability insurance -----------------------------------------------------------------------------

SEPARATE = policy_with(
    **{
        "bijzondereBijstand": {
            "drempelPremieArbeidsongeschiktheidPerMaand": 15000,
            "drempelWoonkostentoeslagPerMaand": 5000,
            "woonkostenNormdeelPerMaand": 90000,
        }
    }
)


def insured(premium: int) -> dict[str, object]:
    return change(GREEN, **{"antwoorden.arbeidsongeschiktheidsverzekering": True, "antwoorden.premiePerMaand": premium})


def test_g8_holds_for_a_premium_equal_to_the_threshold() -> None:
    assert outcome(insured(15000), "G8", SEPARATE) == "voldaan"


def test_g8_fails_for_a_premium_one_cent_above_the_threshold() -> None:
    assert outcome(insured(15001), "G8", SEPARATE) == "niet-voldaan"


def test_g8_fails_for_any_premium_under_the_seed_q4_2021_policy() -> None:
    body = change(insured(100), aanvraagdatum="2021-11-15")
    assert outcome(body, "G8", policy("standaard-2021-q4")) == "niet-voldaan"


def test_g8_is_unknown_for_an_insured_applicant_without_a_premium() -> None:
    body = change(GREEN, **{"antwoorden.arbeidsongeschiktheidsverzekering": True})
    assert outcome(body, "G8", SEPARATE) == "onbekend"


def test_g8_under_a_combined_cap_holds_for_premium_and_supplement_together_equal_to_the_cap() -> None:
    body = change(
        insured(5000), **{"antwoorden.woonsituatie": {"woning": "vrije-sector-huurwoning", "kaleHuurPerMaand": 100000}}
    )  # supplement 1000.00 - 900.00 = 100.00; with the premium 150.00 = the cap
    assert outcome(body, "G8") == "voldaan"


def test_g8_under_a_combined_cap_fails_when_premium_and_supplement_together_exceed_it() -> None:
    body = change(
        insured(5001), **{"antwoorden.woonsituatie": {"woning": "vrije-sector-huurwoning", "kaleHuurPerMaand": 100000}}
    )
    assert outcome(body, "G8") == "niet-voldaan"


# G9: housing-cost supplement --------------------------------------------------------------------------


def renting(rent: int) -> dict[str, object]:
    return change(GREEN, **{"antwoorden.woonsituatie": {"woning": "vrije-sector-huurwoning", "kaleHuurPerMaand": rent}})


def test_g9_holds_for_a_supplement_equal_to_the_threshold() -> None:
    assert outcome(renting(95000), "G9", SEPARATE) == "voldaan"


def test_g9_fails_for_a_supplement_one_cent_above_the_threshold() -> None:
    assert outcome(renting(95001), "G9", SEPARATE) == "niet-voldaan"


def test_g9_counts_yearly_owner_costs_per_month() -> None:
    body = change(
        GREEN,
        **{
            "antwoorden.woonsituatie": {
                "woning": "koopwoning",
                "hypotheekrentePerMaand": 80000,
                "onroerendezaakbelastingPerJaar": 180000,
            }
        },
    )  # 800.00 + 150.00 = 950.00 a month: supplement 50.00
    assert outcome(body, "G9", SEPARATE) == "voldaan"


def test_g9_holds_in_social_housing_where_rent_benefit_comes_first() -> None:
    assert outcome(GREEN, "G9", SEPARATE) == "voldaan"


def test_g9_is_unknown_for_a_private_tenant_without_the_rent() -> None:
    body = change(GREEN, **{"antwoorden.woonsituatie": {"woning": "vrije-sector-huurwoning"}})
    assert outcome(body, "G9", SEPARATE) == "onbekend"


# G10a: registered before the reference date -----------------------------------------------------------


def registered(day: str) -> dict[str, object]:
    return change(GREEN, **{"registers.kvkInschrijving": {"waarde": day, "bron": "KVK"}})


def test_g10a_holds_for_registration_the_day_before_the_reference_date() -> None:
    assert outcome(registered("2018-12-31"), "G10a") == "voldaan"


def test_g10a_fails_for_registration_on_the_reference_date() -> None:
    assert outcome(registered("2019-01-01"), "G10a") == "niet-voldaan"


def test_g10a_fails_for_registration_the_day_after_the_reference_date() -> None:
    assert outcome(registered("2019-01-02"), "G10a") == "niet-voldaan"


def test_g10a_under_the_seed_q4_2021_policy_fails_on_1_january_2019() -> None:
    body = change(registered("2019-01-01"), aanvraagdatum="2021-11-15")
    assert outcome(body, "G10a", policy("standaard-2021-q4")) == "niet-voldaan"


def test_g10a_follows_a_municipal_reference_date() -> None:
    beleid = policy_with(
        **{
            "levensvatbaarheid.peildatumInschrijving": "2024-01-01",
            "levensvatbaarheid.referentiejaar": 2024,
            "levensvatbaarheid.schuldenjaren": [2025],
        }
    )
    assert outcome(registered("2023-12-31"), "G10a", beleid) == "voldaan"


def test_g10a_the_kvk_prevails_over_the_form() -> None:
    body = change(registered("2019-06-01"), **{"antwoorden.ingeschrevenVoorPeildatum": True})
    assert outcome(body, "G10a") == "niet-voldaan"


def test_g10a_notes_that_the_form_said_otherwise() -> None:
    body = change(registered("2019-06-01"), **{"antwoorden.ingeschrevenVoorPeildatum": True})
    assert "KVK-inschrijving is leidend" in rule(body, "G10a").toelichting


def test_g10a_follows_the_form_when_the_kvk_date_is_not_known() -> None:
    assert outcome(change(GREEN, **{"registers.kvkInschrijving": None}), "G10a") == "voldaan"


# G10b: profit in the reference year -------------------------------------------------------------------


def test_g10b_fails_when_the_profit_of_the_reference_year_was_not_enough() -> None:
    assert outcome(change(GREEN, **{"antwoorden.voldoendeWinstReferentiejaar": False}), "G10b") == "niet-voldaan"


LIMIT = policy_with(**{"levensvatbaarheid.winstToets": "grensbedrag", "levensvatbaarheid.winstgrensPerJaar": 1800000})


def test_g10b_by_amount_holds_for_a_net_result_equal_to_the_limit() -> None:
    body = change(GREEN, **{"antwoorden.nettoBedrijfsresultaatReferentiejaar": 1800000})
    assert outcome(body, "G10b", LIMIT) == "voldaan"


def test_g10b_by_amount_fails_one_cent_below_the_limit() -> None:
    body = change(GREEN, **{"antwoorden.nettoBedrijfsresultaatReferentiejaar": 1799999})
    assert outcome(body, "G10b", LIMIT) == "niet-voldaan"


def test_g10b_by_amount_is_unknown_without_the_net_result() -> None:
    assert outcome(GREEN, "G10b", LIMIT) == "onbekend"


# G10c, G10d, G10e -------------------------------------------------------------------------------------


def test_g10c_fails_with_debts_that_cannot_be_paid() -> None:
    assert outcome(change(GREEN, **{"antwoorden.onbetaalbareSchulden": True}), "G10c") == "niet-voldaan"


def test_g10d_fails_when_the_applicant_expects_to_need_longer_than_n_months() -> None:
    body = change(
        GREEN, **{"antwoorden.zelfvoorzienendBinnenTermijn": False, "aanvraag.verwachteEinddatum": "2026-12-31"}
    )
    assert outcome(body, "G10d") == "niet-voldaan"


def test_g10d_is_unknown_when_the_answer_contradicts_the_expected_end_date() -> None:
    body = change(GREEN, **{"aanvraag.verwachteEinddatum": "2026-12-31"})  # answer: within 6 months
    assert outcome(body, "G10d") == "onbekend"


def test_g10d_follows_the_expected_end_date_when_the_question_was_not_asked() -> None:
    assert outcome(change(GREEN, **{"antwoorden.zelfvoorzienendBinnenTermijn": None}), "G10d") == "voldaan"


def test_g10e_fails_for_a_listed_sector_by_sbi_prefix() -> None:
    body = change(GREEN, **{"registers.kvkSbiCodes": {"waarde": ["56101"], "bron": "KVK"}})
    assert outcome(body, "G10e") == "niet-voldaan"


def test_g10e_fails_for_a_listed_sector_as_a_side_activity() -> None:
    body = change(GREEN, **{"registers.kvkSbiCodes": {"waarde": ["10110", "5630"], "bron": "KVK"}})
    assert outcome(body, "G10e") == "niet-voldaan"


def test_g10e_is_unknown_without_any_sbi_code() -> None:
    assert outcome(change(GREEN, **{"registers.kvkSbiCodes": None}), "G10e") == "onbekend"


def test_g6_holds_when_the_only_adult_co_resident_in_the_registers_has_study_finance() -> None:
    body = change(
        GREEN,
        **{
            "antwoorden.medebewoners": None,
            "registers.aantalMedebewoners21Plus": {"waarde": 1, "bron": "BRP"},
            "registers.aantalMedebewoners21PlusMetStudiefinanciering": {"waarde": 1, "bron": "Suwinet"},
        },
    )
    assert outcome(body, "G6") == "voldaan"


def test_g6_fails_when_one_of_two_adult_co_residents_in_the_registers_has_no_study_finance() -> None:
    body = change(
        GREEN,
        **{
            "antwoorden.medebewoners": None,
            "registers.aantalMedebewoners21Plus": {"waarde": 2, "bron": "BRP"},
            "registers.aantalMedebewoners21PlusMetStudiefinanciering": {"waarde": 1, "bron": "Suwinet"},
        },
    )
    assert outcome(body, "G6") == "niet-voldaan"


def test_g4_handles_an_end_date_at_the_end_of_the_calendar() -> None:
    body = change(GREEN, **{"aanvraag.gewensteIngangsdatum": "9999-11-30", "aanvraag.verwachteEinddatum": "9999-12-31"})
    assert outcome(body, "G4") == "voldaan"


def test_g10b_by_amount_reads_the_reference_year_from_the_results_by_financial_year() -> None:
    body = change(
        GREEN,
        **{
            "antwoorden.nettoBedrijfsresultaten": [
                {"boekjaar": 2019, "bedrag": 900000},
                {"boekjaar": 2020, "bedrag": 3000000},
            ]
        },
    )
    assert outcome(body, "G10b", LIMIT) == "niet-voldaan"
