"""The household rules and the income arithmetic, as pure functions."""

from registers_adapter.bbz_gegevens.huishouden import Bewoner, indelen
from registers_adapter.bbz_gegevens.mapping import netto_per_maand


def test_a_weekly_net_amount_counts_52_twelfths_per_month() -> None:
    assert netto_per_maand([{"periode": "week", "nettoBedrag": 12000}]) == 52000


def test_a_one_off_amount_is_no_monthly_income() -> None:
    assert netto_per_maand([{"periode": "eenmalig", "nettoBedrag": 99900}]) == 0


def test_a_child_of_17_at_home_belongs_to_the_household() -> None:
    indeling = indelen("A", None, {"K"}, [Bewoner("A", 40), Bewoner("K", 17)])
    assert (indeling.inwonende_kinderen, indeling.medebewoners) == (["K"], [])


def test_a_child_of_18_at_home_is_a_co_resident() -> None:
    indeling = indelen("A", None, {"K"}, [Bewoner("A", 40), Bewoner("K", 18)])
    assert indeling.medebewoners == [Bewoner("K", 18)]


def test_a_co_resident_of_21_counts_as_21_plus() -> None:
    indeling = indelen("A", "P", set(), [Bewoner("A", 40), Bewoner("P", 41), Bewoner("H", 21)])
    assert indeling.medebewoners_21_plus == [Bewoner("H", 21)]
