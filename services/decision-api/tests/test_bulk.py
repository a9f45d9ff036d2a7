"""Offering several routed applications in one request (intake-api's batches): each is answered, and stored, as
`POST /v1/behandelingen` would have done it alone, in a transaction of its own."""

import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from decision_factories import OFFICER, SERVICE, behandeling, split_request
from fastapi import FastAPI
from sqlalchemy import func, select

from bbz_common.testing import migrated_database, running_app
from decision_api.behandelingen.models import Behandeling
from decision_api.clock import FixedClock
from decision_api.config import Settings
from decision_api.db import Base
from decision_api.main import create_app

SERVICE_DIR = Path(__file__).resolve().parents[1]


async def offer_bulk(client: httpx.AsyncClient, *items: dict[str, Any], headers: dict[str, str] = SERVICE) -> Any:
    return await client.post("/v1/behandelingen/bulk", json={"verzoeken": list(items)}, headers=headers)


async def results(client: httpx.AsyncClient, *items: dict[str, Any]) -> list[dict[str, Any]]:
    response = await offer_bulk(client, *items)
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()["resultaten"]
    return found


def without_ids(body: dict[str, Any]) -> dict[str, Any]:
    """An answer without what differs between two applications of the same shape (their ids)."""
    rest = {k: v for k, v in body.items() if k not in {"id", "aanvraagId"}}
    return {**rest, "besluiten": [{k: v for k, v in b.items() if k != "id"} for b in body["besluiten"]]}


@pytest.fixture
def another_database(tmp_path: Path) -> str:
    # A fixture, not a call in the test: on PostgreSQL the migrations run their own event loop.
    (tmp_path / "other").mkdir()
    return migrated_database(SERVICE_DIR, tmp_path / "other", "decision-api")


async def row_counts(app: FastAPI) -> dict[str, int]:
    async with app.state.db.sessionmaker() as session:
        return {
            table.name: (await session.execute(select(func.count()).select_from(table))).scalar_one()
            for table in Base.metadata.sorted_tables
        }


async def handlings(app: FastAPI) -> int:
    async with app.state.db.sessionmaker() as session:
        return (await session.execute(select(func.count()).select_from(Behandeling))).scalar_one()


async def test_each_application_is_answered_in_order_as_the_single_endpoint_answers_it(
    client: httpx.AsyncClient,
) -> None:
    shapes = [behandeling("groen"), behandeling("oranje"), split_request(income_route="groen")]
    singly = [
        (await client.post("/v1/behandelingen", json={**body, "aanvraagId": str(uuid.uuid4())}, headers=SERVICE)).json()
        for body in shapes
    ]

    answered = await results(client, *({"verzoek": body} for body in shapes))

    assert [(r["status"], r["location"], without_ids(r["resultaat"])) for r in answered] == [
        (201, f"/v1/behandelingen/{r['resultaat']['id']}", without_ids(single))
        for r, single in zip(answered, singly, strict=True)
    ]


async def test_a_green_application_in_a_bulk_stores_the_rows_a_single_offer_stores(
    app: FastAPI, client: httpx.AsyncClient, settings: Settings, clock: FixedClock, another_database: str
) -> None:
    """The grant, its payment orders, its report to intake-api, its letter to render, its sample draw: the same
    application offered singly to this decision-api and in a bulk to another one stores the same rows."""
    body = behandeling("groen", huishouden={"soort": "alleenstaande", "kostendelers": 0}, inkomenPerMaand=40_000)
    other = create_app(settings.model_copy(update={"database_url": another_database}), clock=clock)
    await client.post("/v1/behandelingen", json=body, headers=SERVICE)
    async with running_app(other) as bulk_client:
        await results(bulk_client, {"verzoek": body})

    assert await row_counts(other) == await row_counts(app)


async def test_an_application_offered_before_is_answered_200_with_its_existing_handling(
    client: httpx.AsyncClient,
) -> None:
    body = behandeling("groen")
    first = (await client.post("/v1/behandelingen", json=body, headers=SERVICE)).json()

    [again] = await results(client, {"verzoek": body})

    assert (again["status"], "location" in again, again["resultaat"]) == (200, False, first)


async def test_a_key_used_on_the_single_endpoint_replays_in_the_bulk(client: httpx.AsyncClient) -> None:
    body = behandeling("groen")
    single = await client.post("/v1/behandelingen", json=body, headers={**SERVICE, "Idempotency-Key": "aanvraag-1"})

    [replayed] = await results(client, {"idempotencyKey": "aanvraag-1", "verzoek": body})

    assert (replayed["status"], replayed["location"], replayed["resultaat"]) == (
        201,
        single.headers["Location"],
        single.json(),
    )


async def test_a_key_used_in_the_bulk_replays_on_the_single_endpoint(client: httpx.AsyncClient) -> None:
    body = behandeling("groen")
    [first] = await results(client, {"idempotencyKey": "aanvraag-1", "verzoek": body})

    replayed = await client.post("/v1/behandelingen", json=body, headers={**SERVICE, "Idempotency-Key": "aanvraag-1"})

    assert (replayed.status_code, replayed.headers["Location"], replayed.json()) == (
        201,
        first["location"],
        first["resultaat"],
    )


async def test_a_key_reused_with_another_application_is_that_requests_409_and_the_others_are_stored(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    await client.post("/v1/behandelingen", json=behandeling("groen"), headers={**SERVICE, "Idempotency-Key": "k"})

    answered = await results(
        client,
        {"idempotencyKey": "k1", "verzoek": behandeling("groen")},
        {"idempotencyKey": "k", "verzoek": behandeling("groen")},
        {"verzoek": behandeling("oranje")},
    )

    statuses = [(r["status"], (r.get("probleem") or {}).get("code")) for r in answered]
    assert (statuses, await handlings(app)) == (
        [(201, None), (409, "idempotency_key_reused"), (201, None)],
        3,
    )


async def test_an_invalid_application_refuses_the_whole_bulk_naming_the_field_and_stores_nothing(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    response = await offer_bulk(
        client, {"verzoek": behandeling("groen")}, {"verzoek": behandeling("groen", iban="NL00BANK0000000000")}
    )

    names = [p["name"] for p in response.json()["invalidParams"]]
    assert (response.status_code, names, await handlings(app)) == (400, ["verzoeken.1.verzoek.iban"], 0)


async def test_only_intake_api_offers_applications_in_bulk(client: httpx.AsyncClient) -> None:
    officer = await offer_bulk(client, {"verzoek": behandeling("groen")}, headers=OFFICER)
    routing = await offer_bulk(
        client, {"verzoek": behandeling("groen")}, headers={"Authorization": "Bearer demo-routing-service-key"}
    )

    assert (officer.status_code, routing.status_code) == (403, 403)


# ---- Prefer: return=minimal (intake-api stores only the handling's id) ----------------------------------------

MINIMAL = {"Prefer": "return=minimal"}


async def test_a_new_handling_asked_minimal_is_answered_201_with_only_its_location(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/behandelingen", json=behandeling("groen"), headers={**SERVICE, **MINIMAL})

    handling = await client.get(response.headers["Location"], headers=OFFICER)
    assert (
        response.status_code,
        response.content,
        response.headers["Preference-Applied"],
        handling.json()["status"],
    ) == (
        201,
        b"",
        "return=minimal",
        "besloten",
    )


async def test_a_minimal_answer_is_replayed_as_it_was_for_its_idempotency_key(client: httpx.AsyncClient) -> None:
    body = behandeling("groen")
    headers = {**SERVICE, **MINIMAL, "Idempotency-Key": "aanvraag-1"}
    first = await client.post("/v1/behandelingen", json=body, headers=headers)

    replayed = await client.post("/v1/behandelingen", json=body, headers=headers)

    assert (replayed.status_code, replayed.content, replayed.headers["Location"]) == (
        201,
        b"",
        first.headers["Location"],
    )


async def test_an_application_offered_before_is_answered_with_its_handling_even_when_asked_minimal(
    client: httpx.AsyncClient,
) -> None:
    body = behandeling("groen")
    first = await client.post("/v1/behandelingen", json=body, headers={**SERVICE, **MINIMAL})

    again = await client.post("/v1/behandelingen", json=body, headers={**SERVICE, **MINIMAL})

    assert (again.status_code, first.headers["Location"]) == (200, f"/v1/behandelingen/{again.json()['id']}")


async def test_in_a_bulk_asked_minimal_each_new_handling_has_its_location_and_no_result(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    response = await offer_bulk(
        client,
        {"idempotencyKey": "k1", "verzoek": behandeling("groen")},
        {"verzoek": behandeling("oranje")},
        headers={**SERVICE, **MINIMAL},
    )

    answered = response.json()["resultaten"]
    assert (
        response.headers["Preference-Applied"],
        [(r["status"], r["location"].startswith("/v1/behandelingen/"), r["resultaat"]) for r in answered],
        await handlings(app),
    ) == ("return=minimal", [(201, True, None), (201, True, None)], 2)
