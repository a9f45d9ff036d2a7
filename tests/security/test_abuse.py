"""Abuse and bad input: a caller that floods gets 429 with Retry-After; too large, wrongly typed or malformed
bodies get a clear problem, and nothing is stored or sent on (no application, no outbox message).

Shown on intake-api (the service open to e-form vendors) with small limits set by configuration; the
middlewares are the same in every service (bbz_common.ratelimit, bbz_common.limits)."""

from __future__ import annotations

import base64
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e_helpers import green_application
from inprocess_apps import build_app
from starlette.testclient import TestClient

VENDOR = {"Authorization": "Bearer demo-vendor-key"}
OTHER_VENDOR = {"Authorization": "Bearer demo-vendor-2-key"}
MAX_BODY = 64 * 1024


@pytest.fixture
def intake(tmp_path: Path) -> Iterator[TestClient]:
    app = build_app(
        "intake-api",
        tmp_path,
        rate_limit_enabled=True,
        rate_limit_per_second=0.5,
        rate_limit_burst=5,
        max_request_body_bytes=MAX_BODY,
    )
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def stored(client: TestClient) -> tuple[int, int]:
    """(applications, outbox messages) in intake-api's database."""
    url: str = client.app.state.settings.database_url  # type: ignore[attr-defined]
    with sqlite3.connect(url.split("///", 1)[1]) as conn:
        return (
            conn.execute("SELECT count(*) FROM aanvragen").fetchone()[0],
            conn.execute("SELECT count(*) FROM outbox").fetchone()[0],
        )


def test_a_vendor_over_its_rate_gets_429_with_retry_after(intake: TestClient) -> None:
    statuses = [intake.get("/v1/schemas/aanvraag", headers=VENDOR) for _ in range(6)]

    last = statuses[-1]
    assert (last.status_code, last.headers["content-type"], int(last.headers["Retry-After"]) >= 1) == (
        429,
        "application/problem+json",
        True,
    )


def test_the_rate_limit_is_per_caller(intake: TestClient) -> None:
    for _ in range(6):
        intake.get("/v1/schemas/aanvraag", headers=VENDOR)

    assert intake.get("/v1/schemas/aanvraag", headers=OTHER_VENDOR).status_code != 429


def test_health_is_never_rate_limited(intake: TestClient) -> None:
    assert {intake.get("/livez").status_code for _ in range(20)} == {200}


def test_a_rate_limited_submission_stores_nothing(intake: TestClient) -> None:
    for _ in range(5):
        intake.get("/v1/schemas/aanvraag", headers=VENDOR)
    before = stored(intake)

    response = intake.post("/v1/aanvragen", json=green_application(), headers=VENDOR)

    assert (response.status_code, stored(intake)) == (429, before)


def test_a_body_over_the_size_limit_is_refused_with_413_and_stores_nothing(intake: TestClient) -> None:
    body = green_application()
    body["toelichting"] = "x" * (MAX_BODY + 1)

    response = intake.post("/v1/aanvragen", json=body, headers=VENDOR)

    assert (response.status_code, response.json()["status"], stored(intake)) == (413, 413, (0, 0))


def test_a_streamed_body_over_the_size_limit_is_refused_with_413(intake: TestClient) -> None:
    payload = json.dumps({**green_application(), "toelichting": "x" * (MAX_BODY + 1)}).encode()

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(payload), 8192):
            yield payload[start : start + 8192]

    response = intake.post("/v1/aanvragen", content=chunks(), headers={**VENDOR, "Content-Type": "application/json"})

    assert (response.status_code, stored(intake)) == (413, (0, 0))


def test_a_body_that_is_not_json_is_refused_with_415_and_stores_nothing(intake: TestClient) -> None:
    response = intake.post(
        "/v1/aanvragen", content=b"aanvrager=999990020", headers={**VENDOR, "Content-Type": "text/plain"}
    )

    assert (response.status_code, response.headers["content-type"], stored(intake)) == (
        415,
        "application/problem+json",
        (0, 0),
    )


def test_a_body_without_content_type_is_refused_with_415(intake: TestClient) -> None:
    response = intake.post("/v1/aanvragen", content=json.dumps(green_application()).encode(), headers=VENDOR)

    assert response.status_code == 415


def test_malformed_json_gets_a_400_problem_naming_the_body_and_stores_nothing(intake: TestClient) -> None:
    response = intake.post(
        "/v1/aanvragen", content=b'{"doelgroep": "gevestigd",', headers={**VENDOR, "Content-Type": "application/json"}
    )

    problem = response.json()
    assert (response.status_code, problem["invalidParams"][0]["name"], stored(intake)) == (400, "body", (0, 0))


def test_a_json_body_that_is_not_an_object_gets_a_400_problem(intake: TestClient) -> None:
    response = intake.post("/v1/aanvragen", json=[1, 2, 3], headers=VENDOR)

    assert (response.status_code, response.headers["content-type"]) == (400, "application/problem+json")


def test_a_deeply_nested_payload_gets_a_clear_problem_not_a_crash(intake: TestClient) -> None:
    nested = "[" * 5000 + "]" * 5000

    response = intake.post(
        "/v1/aanvragen", content=nested.encode(), headers={**VENDOR, "Content-Type": "application/json"}
    )

    assert (response.status_code, stored(intake)) == (400, (0, 0))


def bijlagen_stored(client: TestClient) -> int:
    url: str = client.app.state.settings.database_url  # type: ignore[attr-defined]
    with sqlite3.connect(url.split("///", 1)[1]) as conn:
        return int(conn.execute("SELECT count(*) FROM bijlagen").fetchone()[0])


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"MZ\x90\x00\x03\x00\x00\x00 this program cannot be run in DOS mode", id="windows-executable"),
        pytest.param(b"<html><script>alert(1)</script></html>", id="html"),
        pytest.param(b"PK\x03\x04 zip archive", id="zip"),
    ],
)
def test_an_attachment_named_pdf_that_is_not_one_is_refused_and_not_stored(intake: TestClient, content: bytes) -> None:
    aanvraag = intake.post("/v1/aanvragen", json=green_application(), headers=VENDOR).json()
    upload = {"vraagId": "I9", "bestandsnaam": "loonstrook.pdf", "inhoud": base64.b64encode(content).decode()}

    response = intake.post(f"/v1/aanvragen/{aanvraag['id']}/bijlagen", json=upload, headers=VENDOR)

    assert (response.status_code, bijlagen_stored(intake)) == (400, 0)


def test_another_open_bbz_service_is_not_rate_limited(intake: TestClient) -> None:
    service = {"Authorization": "Bearer demo-decision-service-key"}

    statuses = {intake.get("/v1/schemas/aanvraag", headers=service).status_code for _ in range(10)}

    assert 429 not in statuses
