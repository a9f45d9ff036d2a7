"""Determinations over HTTP: recorded, retrievable, deterministic, re-determinable, overridable with a reason."""

import asyncio

import httpx
import pytest
from fastapi import FastAPI
from routing_cases import AUDITOR, OFFICER, POLICY_ADMIN, SERVICE, change, green_request
from routing_db import determinations, statements

from bbz_common.db import Database, utcnow
from bbz_common.idempotency import request_fingerprint
from routing_api.models import IdempotencyRecord
from routing_api.routering.schemas import Routering, RouteringVerzoek

STABLE = ("route", "redenen", "regels", "beleidsversie", "deelroutes", "invoerHash")


def stable(body: dict[str, object]) -> dict[str, object]:
    return {k: body[k] for k in STABLE}


async def test_a_determination_is_recorded_and_can_be_fetched(client: httpx.AsyncClient) -> None:
    created = (await client.post("/v1/routeringen", json=green_request(), headers=SERVICE)).json()
    fetched = (await client.get(f"/v1/routeringen/{created['id']}", headers=AUDITOR)).json()
    assert fetched == created


async def test_a_determination_records_the_policy_version_and_its_hash(client: httpx.AsyncClient) -> None:
    created = (await client.post("/v1/routeringen", json=green_request(), headers=SERVICE)).json()
    version = (await client.get("/v1/beleidsversies/standaard-2026", headers=AUDITOR)).json()
    assert created["beleidsversie"] == {"id": "standaard-2026", "inhoudHash": version["inhoudHash"]}


async def test_the_same_facts_give_the_same_determination(client: httpx.AsyncClient) -> None:
    first = (await client.post("/v1/routeringen", json=green_request(), headers=SERVICE)).json()
    second = (await client.post("/v1/routeringen", json=green_request(), headers=SERVICE)).json()
    assert stable(first) == stable(second)


async def test_a_rule_lists_its_inputs_with_source(client: httpx.AsyncClient) -> None:
    created = (await client.post("/v1/routeringen", json=green_request(), headers=SERVICE)).json()
    g10a = next(r for r in created["regels"] if r["regel"] == "G10a")
    assert {"naam": "kvkInschrijving", "waarde": "2017-07-10", "bron": "KVK"} in g10a["invoer"]


async def test_a_split_request_answers_with_a_route_per_product(client: httpx.AsyncClient) -> None:
    body = change(green_request(), **{"aanvraag.typeAanvraag": "beide", "aanvraag.bedrag": 500000})
    created = (await client.post("/v1/routeringen", json=body, headers=SERVICE)).json()
    assert [(d["product"], d["route"]) for d in created["deelroutes"]] == [
        ("inkomensaanvullende-uitkering", "groen"),
        ("bedrijfskapitaal", "rood"),
    ]


async def test_an_unknown_field_is_a_400(client: httpx.AsyncClient) -> None:
    body = change(green_request(), **{"antwoorden.vermogen": 12})
    refused = await client.post("/v1/routeringen", json=body, headers=SERVICE)
    assert (refused.status_code, refused.json()["invalidParams"][0]["name"]) == (400, "antwoorden.vermogen")


@pytest.mark.parametrize(
    "body",
    [
        green_request(),
        change(green_request(), doelgroep="starter"),
        change(green_request(), **{"aanvraag.typeAanvraag": "beide", "aanvraag.bedrag": 500000}),
        change(green_request(), **{"antwoorden.medebewoners": [{"leeftijd": 30}], "antwoorden.inkomsten": None}),
    ],
    ids=["groen", "rood", "beide", "oranje"],
)
async def test_a_determination_is_exactly_the_published_routering(
    client: httpx.AsyncClient, body: dict[str, object]
) -> None:
    created = (await client.post("/v1/routeringen", json=body, headers=SERVICE)).json()
    assert Routering.model_validate(created).model_dump(mode="json") == created


async def test_the_same_idempotency_key_gives_the_same_determination(client: httpx.AsyncClient) -> None:
    headers = {**SERVICE, "Idempotency-Key": "route-1"}
    first = (await client.post("/v1/routeringen", json=green_request(), headers=headers)).json()
    second = (await client.post("/v1/routeringen", json=green_request(), headers=headers)).json()
    assert first["id"] == second["id"]


async def test_a_replay_answers_the_first_response_byte_for_byte_and_determines_nothing_again(
    app: FastAPI, app_client: httpx.AsyncClient
) -> None:
    headers = {**SERVICE, "Idempotency-Key": "route-2"}
    first = await app_client.post("/v1/routeringen", json=green_request(), headers=headers)
    second = await app_client.post("/v1/routeringen", json=green_request(), headers=headers)
    assert (second.status_code, second.headers["location"], second.content, await determinations(app)) == (
        201,
        first.headers["location"],
        first.content,
        1,
    )


async def test_concurrent_requests_with_the_same_key_determine_once_and_all_answer_the_same(
    app: FastAPI, app_client: httpx.AsyncClient
) -> None:
    headers = {**SERVICE, "Idempotency-Key": "route-5"}
    answers = await asyncio.gather(
        *(app_client.post("/v1/routeringen", json=green_request(), headers=headers) for _ in range(5))
    )
    assert (
        {(a.status_code, a.content) for a in answers} == {(201, answers[0].content)},
        await determinations(app),
    ) == (True, 1)


async def test_on_postgresql_a_keyed_determination_is_one_statement_outside_a_transaction(
    app: FastAPI, app_client: httpx.AsyncClient
) -> None:
    """The key's claim and the record in one statement, without BEGIN and COMMIT; the municipality's active
    policy versions are read by the first determination only."""
    db: Database = app.state.db
    if db.dialect_name != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has no round trips to save and no INSERT in a WITH")
    with statements(db) as seen:
        created = [
            await app_client.post("/v1/routeringen", json=green_request(), headers={**SERVICE, "Idempotency-Key": k})
            for k in ("route-6", "route-7")
        ]
    assert ([c.status_code for c in created], seen, await determinations(app)) == (
        [201, 201],
        [("SELECT", "AUTOCOMMIT"), ("WITH", "AUTOCOMMIT"), ("WITH", "AUTOCOMMIT")],
        2,
    )


async def test_the_same_idempotency_key_with_other_facts_is_a_409_and_determines_nothing(
    app: FastAPI, app_client: httpx.AsyncClient
) -> None:
    headers = {**SERVICE, "Idempotency-Key": "route-3"}
    await app_client.post("/v1/routeringen", json=green_request(), headers=headers)
    other = await app_client.post("/v1/routeringen", json=change(green_request(), doelgroep="starter"), headers=headers)
    assert (other.status_code, await determinations(app)) == (409, 1)


async def test_a_request_that_fails_leaves_its_idempotency_key_unused(
    app: FastAPI, app_client: httpx.AsyncClient
) -> None:
    headers = {**SERVICE, "Idempotency-Key": "route-4"}
    refused = await app_client.post("/v1/routeringen", json=green_request(aanvraagdatum="2001-01-01"), headers=headers)
    created = await app_client.post("/v1/routeringen", json=green_request(), headers=headers)
    assert (refused.status_code, created.status_code, await determinations(app)) == (400, 201, 1)


async def test_a_key_recorded_with_the_whole_body_before_release_0003_still_replays_it(
    app: FastAPI, app_client: httpx.AsyncClient
) -> None:
    first = await app_client.post("/v1/routeringen", json=green_request(), headers=SERVICE)
    db: Database = app.state.db
    async with db.transaction() as session:
        session.add(
            IdempotencyRecord(
                scope="routeringen:intake-api",
                key="route-legacy",
                request_hash=request_fingerprint(
                    RouteringVerzoek.model_validate(green_request()).model_dump(mode="json")
                ),
                status_code=201,
                response_body=first.json(),
                response_headers={"Location": first.headers["location"]},
                created_at=utcnow(),
            )
        )
    replay = await app_client.post(
        "/v1/routeringen", json=green_request(), headers={**SERVICE, "Idempotency-Key": "route-legacy"}
    )
    assert (replay.status_code, replay.json(), await determinations(app)) == (201, first.json(), 1)


async def test_a_redetermination_with_the_same_idempotency_key_is_replayed(client: httpx.AsyncClient) -> None:
    created = (await client.post("/v1/routeringen", json=green_request(), headers=SERVICE)).json()
    headers = {**OFFICER, "Idempotency-Key": "again-1"}
    url = f"/v1/routeringen/{created['id']}/herbepalingen"
    first = await client.post(url, json={"reden": "Controle"}, headers=headers)
    second = await client.post(url, json={"reden": "Controle"}, headers=headers)
    other = await client.post(url, json={"reden": "Andere reden"}, headers=headers)
    assert (first.status_code, second.content, other.status_code) == (201, first.content, 409)


async def test_a_redetermination_under_another_version_is_linked_to_the_first(client: httpx.AsyncClient) -> None:
    created = (await client.post("/v1/routeringen", json=green_request(), headers=SERVICE)).json()
    again = await client.post(
        f"/v1/routeringen/{created['id']}/herbepalingen",
        json={"beleidsversieId": "standaard-2022", "reden": "Vergelijking met het beleid van 2022"},
        headers=OFFICER,
    )
    assert (again.status_code, again.json()["herbepalingVan"], again.json()["beleidsversie"]["id"]) == (
        201,
        created["id"],
        "standaard-2022",
    )


async def test_a_redetermination_with_the_same_version_gives_the_same_route(client: httpx.AsyncClient) -> None:
    created = (await client.post("/v1/routeringen", json=green_request(), headers=SERVICE)).json()
    again = (
        await client.post(f"/v1/routeringen/{created['id']}/herbepalingen", json={"reden": "Controle"}, headers=OFFICER)
    ).json()
    assert stable(again) == stable(created)


async def test_an_officer_overrides_a_route_with_a_reason_recorded_with_who(client: httpx.AsyncClient) -> None:
    created = (await client.post("/v1/routeringen", json=green_request(), headers=SERVICE)).json()
    await client.post(
        f"/v1/routeringen/{created['id']}/overschrijving",
        json={"route": "rood", "reden": "Signaal van het Inlichtingenbureau over vermogen"},
        headers=OFFICER,
    )
    fetched = (await client.get(f"/v1/routeringen/{created['id']}", headers=AUDITOR)).json()
    assert (fetched["route"], fetched["geldendeRoute"], fetched["overschrijving"]["door"]) == (
        "groen",
        "rood",
        "demo-behandelaar",
    )


async def test_an_override_without_a_reason_is_refused(client: httpx.AsyncClient) -> None:
    created = (await client.post("/v1/routeringen", json=green_request(), headers=SERVICE)).json()
    refused = await client.post(
        f"/v1/routeringen/{created['id']}/overschrijving", json={"route": "rood"}, headers=OFFICER
    )
    assert refused.status_code == 400


async def test_a_policy_administrator_cannot_override_a_route(client: httpx.AsyncClient) -> None:
    created = (await client.post("/v1/routeringen", json=green_request(), headers=SERVICE)).json()
    refused = await client.post(
        f"/v1/routeringen/{created['id']}/overschrijving",
        json={"route": "rood", "reden": "Zomaar een andere route"},
        headers=POLICY_ADMIN,
    )
    assert refused.status_code == 403


async def test_an_unknown_determination_is_a_404(client: httpx.AsyncClient) -> None:
    fetched = await client.get("/v1/routeringen/00000000-0000-4000-8000-000000000000", headers=AUDITOR)
    assert fetched.status_code == 404
