"""Row ids: unique, and time-ordered so that new rows are appended to the primary-key index."""

from bbz_common.db import new_id


def test_a_later_id_sorts_after_an_earlier_one_and_both_are_version_7() -> None:
    earlier, later = new_id(1_700_000_000_000_000_000), new_id(1_700_000_000_001_000_000)

    assert (earlier.version, later.version, earlier.hex < later.hex) == (7, 7, True)


def test_ids_made_in_the_same_millisecond_are_still_unique() -> None:
    ids = {new_id(1_700_000_000_000_000_000) for _ in range(10_000)}

    assert len(ids) == 10_000
