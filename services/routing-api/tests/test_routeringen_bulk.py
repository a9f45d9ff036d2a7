"""Determinations in bulk: each request answered as `POST /v1/routeringen` answers it, in its own transaction,
with its own Idempotency-Key in the single endpoint's scope; an invalid bulk is refused whole."""

from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from routing_cases import POLICY_ADMIN, SERVICE, change, green_request
from routing_db import determinations, statements

from bbz_common.db import Database

STABLE = ("route", "redenen", "regels", "beleidsversie", "deelroutes", "invoerHash", "aanvraagId")

BODIES = [
    green_request(aanvraagId="00000000-0000-4000-8000-000000000001"),
    change(green_request(), doelgroep="starter"),
    change(green_request(), **{"aanvraag.typeAanvraag": "beide", "aanvraag.bedrag": 500000}),
    change(green_request(), **{"antwoorden.medebewoners": [{"leeftijd": 30}], "antwoorden.inkomsten": None}),
]


def stable(body: dict[str, Any]) -> dict[str, Any]:
    return {k: body.get(k) for k in STABLE}


async def bulk(
    app_client: httpx.AsyncClient, *items: dict[str, Any], headers: dict[str, str] = SERVICE
) -> httpx.Response:
    return await app_client.post("/v1/routeringen/bulk", json={"verzoeken": list(items)}, headers=headers)


async def test_each_request_is_answered_in_order_as_the_single_endpoint_answers_it(
    app_client: httpx.AsyncClient,
) -> None:
    singles = [await app_client.post("/v1/routeringen", json=body, headers=SERVICE) for body in BODIES]

    response = await bulk(app_client, *({"verzoek": body} for body in BODIES))

    results = response.json()["resultaten"]
    assert [
        (r["status"], r["location"] == f"/v1/routeringen/{r['resultaat']['id']}", stable(r["resultaat"]))
        for r in results
    ] == [(s.status_code, True, stable(s.json())) for s in singles]


async def test_a_bulk_determination_is_recorded_as_answered(app_client: httpx.AsyncClient) -> None:
    result = (await bulk(app_client, {"verzoek": green_request()})).json()["resultaten"][0]

    fetched = await app_client.get(result["location"], headers=SERVICE)

    assert fetched.json() == result["resultaat"]


async def test_a_key_used_on_the_single_endpoint_replays_in_the_bulk(
    app: FastAPI, app_client: httpx.AsyncClient
) -> None:
    single = await app_client.post(
        "/v1/routeringen", json=green_request(), headers={**SERVICE, "Idempotency-Key": "k-1"}
    )

    result = (await bulk(app_client, {"idempotencyKey": "k-1", "verzoek": green_request()})).json()["resultaten"][0]

    assert (result["status"], result["location"], result["resultaat"], await determinations(app)) == (
        201,
        single.headers["location"],
        single.json(),
        1,
    )


async def test_a_key_used_in_the_bulk_replays_on_the_single_endpoint(
    app: FastAPI, app_client: httpx.AsyncClient
) -> None:
    result = (await bulk(app_client, {"idempotencyKey": "k-2", "verzoek": green_request()})).json()["resultaten"][0]

    single = await app_client.post(
        "/v1/routeringen", json=green_request(), headers={**SERVICE, "Idempotency-Key": "k-2"}
    )

    assert (single.status_code, single.headers["location"], single.json(), await determinations(app)) == (
        201,
        result["location"],
        result["resultaat"],
        1,
    )


async def test_a_request_that_fails_gets_its_own_problem_and_the_others_are_determined(
    app: FastAPI, app_client: httpx.AsyncClient
) -> None:
    await app_client.post("/v1/routeringen", json=green_request(), headers={**SERVICE, "Idempotency-Key": "k-3"})

    response = await bulk(
        app_client,
        {"idempotencyKey": "k-4", "verzoek": green_request()},
        {"idempotencyKey": "k-5", "verzoek": green_request(aanvraagdatum="2001-01-01")},
        {"idempotencyKey": "k-3", "verzoek": change(green_request(), doelgroep="starter")},
        {"verzoek": green_request()},
    )

    outcomes = [(r["status"], (r.get("probleem") or {}).get("code")) for r in response.json()["resultaten"]]
    assert (response.status_code, outcomes, await determinations(app)) == (
        200,
        [(201, None), (400, "invalid_input"), (409, "idempotency_key_reused"), (201, None)],
        3,
    )


async def test_a_failed_request_leaves_its_key_unused(app_client: httpx.AsyncClient) -> None:
    await bulk(app_client, {"idempotencyKey": "k-6", "verzoek": green_request(aanvraagdatum="2001-01-01")})

    retried = (await bulk(app_client, {"idempotencyKey": "k-6", "verzoek": green_request()})).json()["resultaten"][0]

    assert retried["status"] == 201


async def test_an_invalid_request_refuses_the_whole_bulk_naming_the_field(
    app: FastAPI, app_client: httpx.AsyncClient
) -> None:
    response = await bulk(
        app_client, {"verzoek": green_request()}, {"verzoek": change(green_request(), **{"antwoorden.vermogen": 12})}
    )

    names = [p["name"] for p in response.json()["invalidParams"]]
    assert (response.status_code, names, await determinations(app)) == (
        400,
        ["verzoeken.1.verzoek.antwoorden.vermogen"],
        0,
    )


async def test_a_caller_without_the_role_cannot_determine_in_bulk(app: FastAPI, app_client: httpx.AsyncClient) -> None:
    refused = await bulk(app_client, {"verzoek": green_request()}, headers=POLICY_ADMIN)

    assert (refused.status_code, await determinations(app)) == (403, 0)


async def test_on_postgresql_each_keyed_request_of_a_bulk_is_one_statement_outside_a_transaction(
    app: FastAPI, app_client: httpx.AsyncClient
) -> None:
    """As on the single endpoint: the key's claim and the record in one statement, without BEGIN and COMMIT."""
    db: Database = app.state.db
    if db.dialect_name != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has no round trips to save and no INSERT in a WITH")
    with statements(db) as seen:
        response = await bulk(app_client, *({"idempotencyKey": k, "verzoek": green_request()} for k in ("k-7", "k-8")))
    assert ([r["status"] for r in response.json()["resultaten"]], seen, await determinations(app)) == (
        [201, 201],
        [("SELECT", "AUTOCOMMIT"), ("WITH", "AUTOCOMMIT"), ("WITH", "AUTOCOMMIT")],
        2,
    )
