"""The shipped policy versions are consistent data, and their hashes are stable."""

import pytest
from routing_cases import policy, policy_with

from routing_api.beleid.schemas import inconsistenties
from routing_api.beleid.service import builtin_versions


@pytest.mark.parametrize("versie", builtin_versions(), ids=[v.id for v in builtin_versions()])
def test_a_shipped_version_is_consistent(versie: object) -> None:
    assert inconsistenties(versie) == []  # type: ignore[arg-type]


def test_the_shipped_versions_follow_each_other_without_a_gap_until_2026() -> None:
    q4, v2022, v2026 = (policy(n) for n in ("standaard-2021-q4", "standaard-2022", "standaard-2026"))
    assert (str(q4.geldigTotEnMet), str(v2022.geldigVanaf), str(v2022.geldigTotEnMet), str(v2026.geldigVanaf)) == (
        "2021-12-31",
        "2022-01-01",
        "2025-12-31",
        "2026-01-01",
    )


def test_the_asset_test_lapses_only_in_q4_2021() -> None:
    versions = builtin_versions()
    assert [v.vermogenstoets.vanToepassing for v in versions] == [False, True, True]


def test_the_content_hash_changes_with_any_value() -> None:
    assert policy("standaard-2026").inhoud_hash() != policy_with(maandenLevensonderhoudGroen=5).inhoud_hash()


def test_the_content_hash_does_not_depend_on_key_order() -> None:
    assert policy("standaard-2026").inhoud_hash() == policy_with().inhoud_hash()
