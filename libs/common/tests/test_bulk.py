"""Bulk requests: each request of a bulk is answered as its single endpoint would answer it, in its own
transaction, and an invalid bulk is refused whole."""

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated, Any

import httpx
import pytest
from common_models import Base, IdempotencyRecord, Result
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.app import create_service_app
from bbz_common.auth import SERVICE, Principal, require_roles
from bbz_common.bulk import BulkRequest, BulkResponse, Outcome, problem_outcome, run_bulk
from bbz_common.correlation import current_correlation_id
from bbz_common.db import Database, new_id
from bbz_common.idempotency import StoredResponse, run_idempotent
from bbz_common.problems import Conflict, InvalidInput, InvalidParam
from bbz_common.settings import ServiceSettings, demo_clients
from bbz_common.testing import INTAKE_SERVICE_KEY, auth, running_app


class Waarde(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    waarde: str
    aantal: int = 1


class WaardeUit(BaseModel):
    id: str
    waarde: str


class Waarden(BulkRequest[Waarde]):
    pass


class WaardeResultaten(BulkResponse[WaardeUit]):
    pass


async def store(session: AsyncSession, verzoek: Waarde, key: str | None) -> Outcome:
    """The single endpoint's work: store a value; 'bezet' is refused, 'kapot' fails unexpectedly, and
    'uitgesteld' is answered 503 with its attempt still stored (as a register look-up logs its failures)."""

    async def action() -> StoredResponse:
        if verzoek.waarde == "bezet":
            raise Conflict("This value is taken.", code="taken")
        if verzoek.waarde == "te-vroeg":
            invalid = [InvalidParam(name="waarde", code="too_early", reason="not yet")]
            raise InvalidInput("Not yet.", invalid_params=invalid)
        if verzoek.waarde == "kapot":
            raise RuntimeError("boom")
        row_id = new_id()
        connection = await session.connection()
        await connection.execute(insert(Result), [{"id": row_id, "message_id": row_id, "value": verzoek.waarde}])
        return StoredResponse(201, {"id": str(row_id), "waarde": verzoek.waarde}, {"Location": f"/v1/waarden/{row_id}"})

    if verzoek.waarde == "wie-vraagt":  # answers the correlation id it runs under
        return Outcome(200, {"id": "-", "waarde": current_correlation_id()})
    if verzoek.waarde == "half":  # writes, then is refused: its write must not stay
        connection = await session.connection()
        row_id = new_id()
        await connection.execute(insert(Result), [{"id": row_id, "message_id": row_id, "value": "half"}])
        raise Conflict("Refused halfway.", code="halfway")
    if verzoek.waarde == "terugdraaien":  # rolls the session back, as a lost Idempotency-Key race does
        await session.rollback()
    if verzoek.waarde == "uitgesteld":
        connection = await session.connection()
        row_id = new_id()
        await connection.execute(insert(Result), [{"id": row_id, "message_id": row_id, "value": "poging"}])
        return problem_outcome(503, "Upstream unavailable", "Try again later.", code="upstream_unavailable")
    stored = await run_idempotent(
        session, IdempotencyRecord, scope="waarden", key=key, payload=verzoek.model_dump(), action=action
    )
    return Outcome(stored.status_code, stored.body, stored.headers)


router = APIRouter()


@router.post("/waarden/bulk", response_model=WaardeResultaten)
async def bulk(
    body: Waarden, request: Request, caller: Annotated[Principal, Depends(require_roles(SERVICE))]
) -> Response:
    return await run_bulk(request.app.state.db, body.verzoeken, store, path=request.url.path)


@router.post("/apart/bulk", response_model=WaardeResultaten)
async def bulk_apart(
    body: Waarden, request: Request, caller: Annotated[Principal, Depends(require_roles(SERVICE))]
) -> Response:
    return await run_bulk(request.app.state.db, body.verzoeken, store, path=request.url.path, together=False)


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    settings = ServiceSettings(
        service_name="toy", database_url=f"sqlite+aiosqlite:///{tmp_path / 'bulk.db'}", clients=demo_clients()
    )
    app = create_service_app(settings=settings, title="t", description="t", routers=[router])
    db: Database = app.state.db
    async with db.engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    async with running_app(app) as http:
        http.headers.update(auth(INTAKE_SERVICE_KEY))
        yield http


async def post(client: httpx.AsyncClient, *items: dict[str, Any]) -> httpx.Response:
    return await client.post("/v1/waarden/bulk", json={"verzoeken": list(items)})


async def values(client: httpx.AsyncClient) -> list[str]:
    db: Database = client._transport.app.state.db  # type: ignore[attr-defined]
    async with db.sessionmaker() as session:
        return sorted((await session.execute(select(Result.value))).scalars())


async def test_each_request_is_answered_in_order_with_its_status_location_and_body(
    client: httpx.AsyncClient,
) -> None:
    response = await post(client, {"verzoek": {"waarde": "a"}}, {"verzoek": {"waarde": "b"}})

    results = response.json()["resultaten"]
    assert [(r["status"], r["resultaat"]["waarde"], r["location"].endswith(r["resultaat"]["id"])) for r in results] == [
        (201, "a", True),
        (201, "b", True),
    ]


async def test_a_refused_request_gets_its_problem_and_the_others_are_stored(client: httpx.AsyncClient) -> None:
    response = await post(
        client, {"verzoek": {"waarde": "a"}}, {"verzoek": {"waarde": "bezet"}}, {"verzoek": {"waarde": "c"}}
    )

    statuses = [(r["status"], (r.get("probleem") or {}).get("code")) for r in response.json()["resultaten"]]
    assert (response.status_code, statuses, await values(client)) == (
        200,
        [(201, None), (409, "taken"), (201, None)],
        ["a", "c"],
    )


async def test_each_problem_names_the_request_it_answers_as_its_instance(client: httpx.AsyncClient) -> None:
    response = await post(
        client,
        {"verzoek": {"waarde": "a"}},
        {"verzoek": {"waarde": "bezet"}},
        {"verzoek": {"waarde": "kapot"}},
        {"verzoek": {"waarde": "uitgesteld"}},
    )

    instances = [r["probleem"]["instance"] for r in response.json()["resultaten"] if "probleem" in r]
    assert instances == [
        "/v1/waarden/bulk#/verzoeken/1",
        "/v1/waarden/bulk#/verzoeken/2",
        "/v1/waarden/bulk#/verzoeken/3",
    ]


async def test_an_unexpected_error_is_that_requests_500_and_rolls_back_only_its_own_work(
    client: httpx.AsyncClient,
) -> None:
    response = await post(client, {"verzoek": {"waarde": "kapot"}}, {"verzoek": {"waarde": "b"}})

    assert ([r["status"] for r in response.json()["resultaten"]], await values(client)) == ([500, 201], ["b"])


async def test_a_problem_answered_rather_than_raised_keeps_what_the_request_stored(client: httpx.AsyncClient) -> None:
    response = await post(client, {"verzoek": {"waarde": "uitgesteld"}})

    result = response.json()["resultaten"][0]
    assert (result["status"], result["probleem"]["code"], await values(client)) == (
        503,
        "upstream_unavailable",
        ["poging"],
    )


async def test_a_repeated_key_replays_the_stored_answer_also_within_one_bulk(client: httpx.AsyncClient) -> None:
    first = await post(client, {"idempotencyKey": "k1", "verzoek": {"waarde": "a"}})
    again = await post(
        client,
        {"idempotencyKey": "k1", "verzoek": {"waarde": "a"}},
        {"idempotencyKey": "k2", "verzoek": {"waarde": "b"}},
        {"idempotencyKey": "k2", "verzoek": {"waarde": "b"}},
    )

    ids = [r["resultaat"]["id"] for r in [*first.json()["resultaten"], *again.json()["resultaten"]]]
    assert (ids[0] == ids[1], ids[2] == ids[3], await values(client)) == (True, True, ["a", "b"])


async def test_a_key_used_with_another_body_is_that_requests_409(client: httpx.AsyncClient) -> None:
    await post(client, {"idempotencyKey": "k1", "verzoek": {"waarde": "a"}})

    response = await post(client, {"idempotencyKey": "k1", "verzoek": {"waarde": "anders"}})

    result = response.json()["resultaten"][0]
    assert (result["status"], result["probleem"]["code"]) == (409, "idempotency_key_reused")


async def test_an_invalid_request_anywhere_refuses_the_whole_bulk_naming_every_invalid_field(
    client: httpx.AsyncClient,
) -> None:
    response = await post(
        client,
        {"verzoek": {"waarde": "a"}},
        {"verzoek": {"waarde": 7}},
        {"idempotencyKey": " ", "verzoek": {"waarde": "c", "extra": 1}},
    )

    names = sorted(p["name"] for p in response.json()["invalidParams"])
    assert (response.status_code, names, await values(client)) == (
        400,
        ["verzoeken.1.verzoek.waarde", "verzoeken.2.idempotencyKey", "verzoeken.2.verzoek.extra"],
        [],
    )


@pytest.mark.parametrize("count", [0, 101])
async def test_a_bulk_holds_one_to_a_hundred_requests(client: httpx.AsyncClient, count: int) -> None:
    response = await post(client, *({"verzoek": {"waarde": str(n)}} for n in range(count)))

    assert (response.status_code, response.json()["invalidParams"][0]["name"]) == (400, "verzoeken")


async def test_a_refusal_naming_a_field_keeps_its_invalid_params(client: httpx.AsyncClient) -> None:
    response = await post(client, {"verzoek": {"waarde": "te-vroeg"}})

    problem = response.json()["resultaten"][0]["probleem"]
    assert (problem["status"], problem["invalidParams"]) == (
        400,
        [{"name": "waarde", "code": "too_early", "reason": "not yet"}],
    )


async def test_each_request_runs_under_its_own_correlation_id_where_given_else_the_bulks(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post(
        "/v1/waarden/bulk",
        json={
            "verzoeken": [
                {"requestId": "aanvraag-1-correlatie", "verzoek": {"waarde": "wie-vraagt"}},
                {"verzoek": {"waarde": "wie-vraagt"}},
            ]
        },
        headers={"X-Request-ID": "de-bulk-zelf"},
    )

    assert [r["resultaat"]["waarde"] for r in response.json()["resultaten"]] == [
        "aanvraag-1-correlatie",
        "de-bulk-zelf",
    ]


async def test_requests_each_in_a_transaction_of_their_own_are_answered_in_order_and_one_by_one_committed(
    client: httpx.AsyncClient,
) -> None:
    commits = count_commits(client)
    names = ["a", "bezet", "c"]

    response = await client.post("/v1/apart/bulk", json={"verzoeken": [{"verzoek": {"waarde": n}} for n in names]})

    results = response.json()["resultaten"]
    assert ([r["status"] for r in results], commits[0], await values(client)) == ([201, 409, 201], 2, ["a", "c"])


async def test_the_contract_names_a_bulks_schemas_in_camel_case(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/v1/openapi.json")).json()

    bulk_schemas = sorted(name for name in spec["components"]["schemas"] if name.lower().startswith("bulk"))
    assert bulk_schemas == ["BulkitemWaarde", "BulkresultaatWaardeUit"]


# ---- the requests of a bulk share one transaction where they can ---------------------------------------------


def count_commits(client: httpx.AsyncClient) -> list[int]:
    db: Database = client._transport.app.state.db  # type: ignore[attr-defined]
    commits = [0]

    def counted(_: AsyncSession) -> None:
        commits[0] += 1

    db.after_commit_hooks.append(counted)
    return commits


async def test_the_requests_of_a_bulk_are_written_in_one_transaction(client: httpx.AsyncClient) -> None:
    commits = count_commits(client)

    await post(client, *({"verzoek": {"waarde": name}} for name in ("a", "b", "c")))

    assert (commits[0], await values(client)) == (1, ["a", "b", "c"])


async def test_a_request_refused_after_it_wrote_leaves_nothing_and_the_others_are_kept(
    client: httpx.AsyncClient,
) -> None:
    response = await post(
        client, {"verzoek": {"waarde": "a"}}, {"verzoek": {"waarde": "half"}}, {"verzoek": {"waarde": "c"}}
    )

    assert ([r["status"] for r in response.json()["resultaten"]], await values(client)) == ([201, 409, 201], ["a", "c"])


async def test_a_request_that_rolls_the_session_back_does_not_lose_the_work_of_those_before_it(
    client: httpx.AsyncClient,
) -> None:
    response = await post(
        client, {"verzoek": {"waarde": "a"}}, {"verzoek": {"waarde": "terugdraaien"}}, {"verzoek": {"waarde": "c"}}
    )

    assert ([r["status"] for r in response.json()["resultaten"]], await values(client)) == (
        [201, 201, 201],
        ["a", "c", "terugdraaien"],
    )
