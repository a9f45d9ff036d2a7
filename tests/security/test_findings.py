"""Findings of issue 8, kept as the specification they broke (both fixed in bbz_common): a correlation id is
never masked as a BSN, and a 405 names every method of the path in `Allow`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from inprocess_apps import build_app
from starlette.testclient import TestClient

from bbz_common.logging import mask_personal_data


def test_a_correlation_id_is_never_masked_in_a_log_line() -> None:
    correlation_id = "a999990020bcdef0a4f2492c05bb33be"

    logged = mask_personal_data(None, "info", {"correlation_id": correlation_id})

    assert logged["correlation_id"] == correlation_id


@pytest.fixture
def routing(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(build_app("routing-api", tmp_path), raise_server_exceptions=False) as client:
        yield client


def test_a_405_lists_every_method_of_the_path_in_allow(routing: TestClient) -> None:
    response = routing.options("/v1/beleidsversies", headers={"Authorization": "Bearer demo-beleid-key"})

    assert (response.status_code, set(response.headers["Allow"].replace(" ", "").split(","))) == (
        405,
        {"GET", "POST"},
    )
