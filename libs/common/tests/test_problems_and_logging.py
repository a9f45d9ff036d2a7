"""Problem details for every error, ADR-shaped contracts, and no BSN in a log line."""

import json
from typing import Any

import httpx
import structlog
from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict

from bbz_common.logging import configure_logging, get_logger, mask_personal_data
from bbz_common.openapi import shape_openapi


def test_a_bsn_passing_the_elfproef_is_masked_in_every_log_field() -> None:
    event: dict[str, Any] = {"event": "lookup for 999990020 done", "bsn": 999990020, "count": 123456789}

    masked = mask_personal_data(None, "info", event)

    assert masked == {"event": "lookup for ********* done", "bsn": "*********", "count": 123456789}


def test_a_bsn_alone_or_within_a_text_is_masked_and_a_shorter_number_or_an_id_is_not() -> None:
    event: dict[str, Any] = {"kort": "12345678", "bsn": "999990020", "tekst": "bsn=999990020;", "id": "a999990020"}

    masked = mask_personal_data(None, "info", event)

    assert masked == {"kort": "12345678", "bsn": "*********", "tekst": "bsn=*********;", "id": "a999990020"}


def test_a_log_line_is_one_json_object_even_for_values_json_encoders_differ_on(capsys: Any) -> None:
    configure_logging("test-service")
    get_logger("test").info("geteld", groot=2**70, naam="Zoë", sleutels={1: "een"})

    line = json.loads(capsys.readouterr().out.splitlines()[-1])

    assert (line["groot"], line["naam"], line["sleutels"], line["service"]) == (
        2**70,
        "Zoë",
        {"1": "een"},
        "test-service",
    )


def test_the_shaped_contract_answers_invalid_input_with_400_problem_json_never_422() -> None:
    app = FastAPI()

    class Body(BaseModel):
        model_config = ConfigDict(extra="forbid")
        naam: str

    @app.post("/dingen", status_code=201)
    async def create(body: Body) -> dict[str, str]:
        return {"naam": body.naam}

    spec = shape_openapi(app.openapi())
    responses = spec["paths"]["/dingen"]["post"]["responses"]

    assert ("422" in responses, list(responses["400"]["content"])) == (False, ["application/problem+json"])


def test_every_success_response_in_the_contract_declares_the_api_version_header() -> None:
    app = FastAPI()

    @app.get("/dingen")
    async def list_() -> list[str]:
        return []

    spec = shape_openapi(app.openapi())

    assert "API-Version" in spec["paths"]["/dingen"]["get"]["responses"]["200"]["headers"]


async def test_an_unknown_route_is_a_404_problem_with_the_api_version_header(tmp_path: Any) -> None:
    from bbz_common.app import create_service_app
    from bbz_common.settings import ServiceSettings

    app = create_service_app(
        settings=ServiceSettings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'x.db'}", log_json=False),
        title="t",
        description="d",
        routers=[],
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        response = await client.get("/v1/bestaat-niet")

    assert (response.status_code, response.headers["content-type"], "API-Version" in response.headers) == (
        404,
        "application/problem+json",
        True,
    )


def test_log_lines_are_json_with_the_correlation_id(capsys: Any) -> None:
    from bbz_common.correlation import bind_correlation_id
    from bbz_common.logging import configure_logging

    configure_logging("test-service", json=True)
    bind_correlation_id("corr-1234567890")
    structlog.get_logger("t").info("something_happened")
    line = json.loads(capsys.readouterr().out.strip().splitlines()[-1])

    assert (line["correlation_id"], line["service"], line["event"]) == (
        "corr-1234567890",
        "test-service",
        "something_happened",
    )


async def test_a_write_that_fails_at_commit_is_an_error_answer_not_a_success(tmp_path: Any) -> None:
    import uuid

    from common_models import Base, IdempotencyRecord
    from fastapi import APIRouter

    from bbz_common.app import SessionDep, create_service_app
    from bbz_common.settings import ServiceSettings

    router = APIRouter(tags=["t"])

    @router.post("/dubbel", status_code=201)
    async def dubbel(session: SessionDep) -> dict[str, str]:
        for _ in range(2):  # the same (scope, key) twice: the unique constraint fails at commit
            session.add(
                IdempotencyRecord(
                    id=uuid.uuid4(), scope="s", key="k", request_hash="h", status_code=201,
                    response_body={}, response_headers={}, created_at=__import__("bbz_common.db").db.utcnow(),
                )
            )  # fmt: skip
        return {"status": "created"}

    app = create_service_app(
        settings=ServiceSettings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'c.db'}", log_json=False),
        title="t",
        description="d",
        routers=[router],
    )
    async with app.state.db.engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        response = await client.post("/v1/dubbel")

    assert (response.status_code, response.headers["content-type"]) == (500, "application/problem+json")


def test_a_correlation_id_is_never_mistaken_for_a_bsn() -> None:
    event: dict[str, Any] = {
        "correlation_id": "999990020f0a4f2492c05bb33bee9094",
        "outbox_id": "5e1d1a65-0999-9900-2000-000999990020",
    }

    assert mask_personal_data(None, "info", dict(event)) == event


async def test_a_wrong_method_names_every_allowed_method(tmp_path: Any) -> None:
    from fastapi import APIRouter

    from bbz_common.app import create_service_app
    from bbz_common.settings import ServiceSettings

    router = APIRouter(tags=["t"])

    @router.get("/dingen")
    async def list_() -> list[str]:
        return []

    @router.post("/dingen", status_code=201)
    async def create() -> dict[str, str]:
        return {}

    app = create_service_app(
        settings=ServiceSettings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'm.db'}", log_json=False),
        title="t",
        description="d",
        routers=[router],
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        response = await client.delete("/v1/dingen")

    assert (response.status_code, response.headers["Allow"]) == (405, "GET, POST")
