"""Doelgroep pre-check: a likely target group and exclusion grounds, always a warning and never a refusal."""

import datetime as dt
from typing import Any

import httpx
import pytest
from intake_factories import gevestigde_levensonderhoud

from bbz_common.testing import VENDOR_KEY, auth
from intake_api.voorcheck.parameters import ParameterTabel, standaard_tabel
from intake_api.voorcheck.schemas import DoelgroepCheckVerzoek
from intake_api.voorcheck.service import check, warnings_for

PEILDATUM = dt.date(2026, 11, 24)


def judge(**answers: Any) -> Any:
    return check(DoelgroepCheckVerzoek(peildatum=PEILDATUM, **answers))


def test_someone_who_has_not_started_yet_is_a_starter() -> None:
    assert judge(geboortedatum=dt.date(1995, 1, 1)).doelgroep == "starter"


def test_a_business_started_a_year_ago_is_a_starter() -> None:
    assert judge(startdatumOnderneming=dt.date(2025, 11, 24)).doelgroep == "starter"


def test_a_business_started_exactly_one_and_a_half_years_ago_is_established() -> None:
    assert judge(startdatumOnderneming=dt.date(2025, 5, 24)).doelgroep == "gevestigde"


def test_an_established_entrepreneur_of_55_is_likely_an_older_self_employed_person_or_established() -> None:
    result = judge(geboortedatum=dt.date(1971, 11, 1), startdatumOnderneming=dt.date(2000, 1, 1))

    assert (result.doelgroep, result.ookMogelijk) == ("oudere-zelfstandige", ["gevestigde"])


def test_an_entrepreneur_of_61_who_wants_to_stop_is_likely_ioaz() -> None:
    result = judge(geboortedatum=dt.date(1965, 1, 1), startdatumOnderneming=dt.date(1990, 1, 1), wilStoppen=True)

    assert result.doelgroep == "ioaz"


def test_an_entrepreneur_under_60_who_wants_to_stop_is_not_ioaz() -> None:
    result = judge(geboortedatum=dt.date(1970, 1, 1), startdatumOnderneming=dt.date(1990, 1, 1), wilStoppen=True)

    assert "ioaz" not in [result.doelgroep, *result.ookMogelijk]


def test_an_entrepreneur_forced_to_stop_is_likely_beeindiging() -> None:
    result = judge(startdatumOnderneming=dt.date(2010, 1, 1), moetStoppen=True)

    assert result.doelgroep == "beeindiging"


def test_the_hours_criterion_not_met_is_exclusion_ground_u2_and_a_likely_no_right() -> None:
    result = judge(voldoetAanUrencriterium=False)

    assert ([g.vraagId for g in result.uitsluitingsgronden], result.waarschijnlijkGeenRecht) == (["U2"], True)


def test_not_lawfully_established_is_exclusion_ground_u3() -> None:
    assert [g.vraagId for g in judge(rechtmatigGevestigd=False).uitsluitingsgronden] == ["U3"]


def test_living_outside_the_municipality_is_exclusion_ground_u4() -> None:
    assert [g.vraagId for g in judge(woontInGemeente=False).uitsluitingsgronden] == ["U4"]


def test_a_17_year_old_is_excluded_by_age() -> None:
    result = judge(geboortedatum=dt.date(2009, 11, 25))

    assert [g.code for g in result.uitsluitingsgronden] == ["jonger-dan-minimumleeftijd"]


def test_someone_past_the_pension_age_of_the_peildatum_is_excluded_by_age() -> None:
    # In 2026 the pension age is 67: born 1959-11-23 reached it the day before the peildatum.
    result = judge(geboortedatum=dt.date(1959, 11, 23))

    assert [g.code for g in result.uitsluitingsgronden] == ["pensioenleeftijd-bereikt"]


def test_the_pension_age_is_read_from_the_dated_table_of_the_peildatum() -> None:
    # Born 1955-06-01: 66 years and 5 months on 2021-11-01, past the 2021 pension age of 66y4m.
    result = check(DoelgroepCheckVerzoek(peildatum=dt.date(2021, 11, 1), geboortedatum=dt.date(1955, 6, 1)))

    assert [p.waarde for p in result.parameters if p.naam == "pensioenleeftijd"] == [{"jaren": 66, "maanden": 4}]


def test_income_above_the_norm_is_a_warning_of_likely_no_right() -> None:
    assert judge(inkomenBovenNorm=True).waarschijnlijkGeenRecht is True


def test_the_answer_names_every_parameter_it_used_with_its_source() -> None:
    result = judge(startdatumOnderneming=dt.date(2025, 11, 24))

    assert [(p.naam, p.waarde) for p in result.parameters] == [("starterMaximaleDuurMaanden", 18)]


def test_a_changed_parameter_applies_from_its_date_on() -> None:
    tabel = ParameterTabel(
        {
            "starterMaximaleDuurMaanden": [
                {"geldigVanaf": "2004-01-01", "waarde": 18, "bron": "t", "status": "t"},
                {"geldigVanaf": "2026-01-01", "waarde": 24, "bron": "t", "status": "t"},
            ],
        }
    )
    verzoek = DoelgroepCheckVerzoek(peildatum=PEILDATUM, startdatumOnderneming=dt.date(2025, 1, 1))

    assert check(verzoek, tabel=tabel).doelgroep == "starter"


def test_a_parameter_read_on_many_dates_keeps_the_value_of_each_date() -> None:
    tabel = ParameterTabel(
        {
            "starterMaximaleDuurMaanden": [
                {"geldigVanaf": "2004-01-01", "waarde": 18, "bron": "t", "status": "t"},
                {"geldigVanaf": "2026-01-01", "waarde": 24, "bron": "t", "status": "t"},
            ],
        }
    )
    dagen = [dt.date(2025, 1, 1) + dt.timedelta(days=n) for n in range(1000)]

    waarden = [[w.waarde if (w := tabel.op("starterMaximaleDuurMaanden", d)) else None for d in dagen] for _ in "ab"]

    assert waarden == [[18 if d < dt.date(2026, 1, 1) else 24 for d in dagen]] * 2


def test_every_parameter_of_the_table_has_a_value_today() -> None:
    tabel = standaard_tabel()

    assert [n for n in tabel.namen() if tabel.op(n, dt.date.today()) is None] == []


@pytest.mark.parametrize("field", ["peildatum", "geboortedatum", "startdatumOnderneming"])
async def test_a_date_must_be_a_date_string(client: httpx.AsyncClient, field: str) -> None:
    response = await client.post("/v1/doelgroep-checks", json={field: 20200101}, headers=auth(VENDOR_KEY))

    assert [p["name"] for p in response.json()["invalidParams"]] == [field]


async def test_the_endpoint_answers_the_check_and_stores_nothing(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/doelgroep-checks",
        json={"peildatum": "2026-11-24", "startdatumOnderneming": "2026-01-01", "woontInGemeente": False},
        headers=auth(VENDOR_KEY),
    )

    body = response.json()
    assert (response.status_code, body["doelgroep"], body["aanvragenBlijftMogelijk"]) == (200, "starter", True)


async def test_the_pre_check_needs_credentials(client: httpx.AsyncClient) -> None:
    assert (await client.post("/v1/doelgroep-checks", json={})).status_code == 401


# ---- warnings on a submitted application --------------------------------------------------------------


def test_a_valid_application_without_doubts_has_no_warnings() -> None:
    assert warnings_for(gevestigde_levensonderhoud()) == []


def test_an_application_that_does_not_meet_the_hours_criterion_is_marked_not_refused() -> None:
    form = gevestigde_levensonderhoud()
    form["uitsluitingsgronden"]["urencriterium"] = False

    assert [w["code"] for w in warnings_for(form)] == ["urencriterium-niet-voldaan", "waarschijnlijk-geen-recht"]


def test_an_established_entrepreneur_whose_business_is_a_year_old_gets_a_doelgroep_warning() -> None:
    form = gevestigde_levensonderhoud()
    form["onderneming"]["datumVestiging"] = (dt.date.today() - dt.timedelta(days=365)).isoformat()

    assert warnings_for(form)[0]["vraagId"] == "A1"


def test_warnings_are_json_ready_dicts_with_code_question_and_message() -> None:
    form = gevestigde_levensonderhoud()
    form["uitsluitingsgronden"]["rechtmatigGevestigd"] = False

    assert set(warnings_for(form)[0]) == {"code", "vraagId", "melding"}


async def test_an_application_with_an_exclusion_ground_is_accepted_and_marked(client: httpx.AsyncClient) -> None:
    form = gevestigde_levensonderhoud()
    form["uitsluitingsgronden"]["rechtmatigGevestigd"] = False
    submitted = await client.post("/v1/aanvragen", json=form, headers=auth(VENDOR_KEY))

    application = await client.get(submitted.headers["Location"], headers=auth(VENDOR_KEY))

    assert (submitted.status_code, [w["vraagId"] for w in application.json()["waarschuwingen"]]) == (
        201,
        ["U3", None],
    )


async def test_a_peildatum_before_the_parameters_is_a_400_naming_it(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/doelgroep-checks", json={"peildatum": "2000-01-01"}, headers=auth(VENDOR_KEY))

    assert (response.status_code, [p["name"] for p in response.json()["invalidParams"]]) == (400, ["peildatum"])


def test_the_pension_age_table_covers_every_date_since_the_bbz_2004() -> None:
    assert standaard_tabel().op("pensioenleeftijd", dt.date(2004, 1, 1)) is not None


def test_a_submission_is_never_stopped_when_the_pre_check_cannot_be_made() -> None:
    leeg = ParameterTabel({naam: [] for naam in standaard_tabel().namen()})

    assert [w["code"] for w in warnings_for(gevestigde_levensonderhoud(), tabel=leeg)] == ["voorcheck-niet-mogelijk"]
