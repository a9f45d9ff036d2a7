"""The Prefer request header (RFC 7240): a caller that needs no answer body says so."""

import pytest

from bbz_common.app import wants_minimal


@pytest.mark.parametrize(
    ("prefer", "minimal"),
    [
        ("return=minimal", True),
        ("Return=Minimal", True),
        ("respond-async, return=minimal", True),
        ("return=minimal; foo=bar", True),
        ("return=representation", False),
        ("handling=lenient", False),
        ("", False),
        (None, False),
    ],
)
def test_a_caller_asks_for_no_body_only_with_return_minimal(prefer: str | None, minimal: bool) -> None:
    assert wants_minimal(prefer) is minimal
