"""The service application factory: every service gets the same ADR-conformant shell.

Layout of a service app: a root app with ``/livez``, ``/readyz`` and ``/metrics`` and the versioned API
mounted at ``/v1`` (whose contract is served at ``/v1/openapi.json``)."""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Header, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bbz_common.auth import ApiKeyAuthenticator
from bbz_common.correlation import CorrelationMiddleware
from bbz_common.db import Database
from bbz_common.limits import RequestLimitsMiddleware
from bbz_common.logging import configure_logging
from bbz_common.openapi import install_openapi
from bbz_common.outbox import Batched, Handler, OutboxMixin, OutboxRelay
from bbz_common.problems import install_problem_handlers, problem_response
from bbz_common.ratelimit import RateLimitMiddleware, exempt_callers
from bbz_common.settings import ServiceSettings

Hook = Callable[[FastAPI], Awaitable[None]]


class MetricsMiddleware:
    def __init__(self, app: ASGIApp, registry: CollectorRegistry) -> None:
        self.app = app
        self.requests = Counter(
            "http_requests_total", "HTTP requests", ["method", "route", "status"], registry=registry
        )
        self.latency = Histogram(
            "http_request_duration_seconds", "HTTP request latency", ["method", "route"], registry=registry
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = {"code": 500}

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            route = getattr(scope.get("route"), "path_format", "<unmatched>")
            method = scope.get("method", "")
            self.requests.labels(method, route, str(status["code"])).inc()
            self.latency.labels(method, route).observe(time.perf_counter() - started)


async def get_db_session(request: Request) -> AsyncIterator[AsyncSession]:
    """The unit of work of one request: committed when the operation succeeds, rolled back otherwise."""
    db: Database = request.app.state.db
    async with db.transaction() as session:
        yield session


# The session of a request, committed *before* the response is sent (scope="function"): a failed commit is
# an error answer, never a 201 for something that was not stored. Use this, not Depends(get_db_session).
SessionDep = Annotated[AsyncSession, Depends(get_db_session, scope="function")]

# The Idempotency-Key request header of a POST that creates something (bbz_common.idempotency does the rest).
IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        description="Repeat a request safely: the same key and body give the same response, nothing twice.",
    ),
]

# The Prefer request header (RFC 7240). A caller that only needs to know a report was recorded, or only the
# id of what it created, asks for ``return=minimal`` and gets 204, or 201 with the ``Location``, without the
# resource; a service applies it with ``wants_minimal``.
Prefer = Annotated[
    str | None,
    Header(
        alias="Prefer",
        description="`return=minimal`: answer without the resource in the body (RFC 7240): 204 No Content, or "
        "201 with only the `Location` of what was created.",
    ),
]
PREFERENCE_APPLIED_MINIMAL = {"Preference-Applied": "return=minimal"}


def wants_minimal(prefer: str | None) -> bool:
    """Whether a Prefer header asks for ``return=minimal`` (preferences are comma-separated, case-insensitive)."""
    if not prefer:
        return False
    return any(p.split(";")[0].strip().replace(" ", "").lower() == "return=minimal" for p in prefer.split(","))


_frozen = False


def create_service_app(
    *,
    settings: ServiceSettings,
    title: str,
    description: str,
    routers: Sequence[APIRouter],
    tags: list[dict[str, Any]] | None = None,
    outbox_model: type[OutboxMixin] | None = None,
    outbox_handlers: Mapping[str, Handler | Batched] | None = None,
    on_startup: Sequence[Hook] = (),
    on_shutdown: Sequence[Hook] = (),
    root_routers: Sequence[APIRouter] = (),
) -> FastAPI:
    configure_logging(settings.service_name, settings.log_level, settings.log_json)
    db = Database(settings.resolved_database_url())
    authenticator = ApiKeyAuthenticator(settings.clients)

    api = FastAPI(
        title=title,
        version=settings.api_version,
        openapi_url="/openapi.json",
        docs_url="/docs",
        redoc_url=None,
        openapi_tags=tags,
        generate_unique_id_function=lambda route: f"{route.tags[0] if route.tags else 'api'}-{route.name}",
    )
    for router in routers:
        api.include_router(router)
    install_problem_handlers(api)
    install_openapi(api, title=title, version=settings.api_version, description=description)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        relay = (
            OutboxRelay(
                db,
                outbox_model,
                outbox_handlers or {},
                poll_interval=settings.outbox_poll_interval_seconds,
                max_attempts=settings.outbox_max_attempts,
                base_delay=settings.outbox_base_delay_seconds,
                max_delay=settings.outbox_max_delay_seconds,
                batch_size=settings.outbox_batch_size,
                concurrency=settings.outbox_concurrency,
                lease_seconds=settings.outbox_lease_seconds,
            )
            if outbox_model is not None
            else None
        )
        for target in (app, api):
            target.state.relay = relay
        for hook in on_startup:
            await hook(app)
        if relay is not None and settings.outbox_enabled:
            relay.start()
        checkpointer = db.wal_checkpointer()
        if checkpointer is not None:
            checkpointer.start()
        # What exists now (modules, the app, schemas, policies) lives as long as the process: keep it out of
        # the cyclic collector's full passes, which otherwise walk it every time and stall requests.
        global _frozen
        if not _frozen:  # once per process: a test session starts many apps, whose garbage must stay collectable
            gc.collect()
            gc.freeze()
            _frozen = True
        # The collector is the process's: one service per process (in a test session, the last app started).
        _, *older = gc.get_threshold()
        gc.set_threshold(settings.gc_young_threshold, *older)
        try:
            yield
        finally:
            if relay is not None:
                await relay.stop()
            for hook in on_shutdown:
                await hook(app)
            if checkpointer is not None:
                await checkpointer.stop()
            await db.dispose()

    root = FastAPI(title=title, openapi_url=None, docs_url=None, redoc_url=None, lifespan=lifespan)
    registry = CollectorRegistry()
    for target in (root, api):
        target.state.settings = settings
        target.state.db = db
        target.state.authenticator = authenticator
        target.state.relay = None
    install_problem_handlers(root)

    @root.get("/livez", include_in_schema=False)
    async def livez() -> dict[str, str]:
        return {"status": "ok"}

    @root.get("/readyz", include_in_schema=False, response_model=None)
    async def readyz() -> Response:
        try:
            async with db.sessionmaker() as session:
                await asyncio.wait_for(session.execute(text("SELECT 1")), timeout=2)
        except Exception:
            return problem_response(503, "Service Unavailable", "The database is not reachable.")
        return JSONResponse({"status": "ready"})

    @root.get("/metrics", include_in_schema=False)
    async def metrics() -> Response:
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)

    for router in root_routers:
        root.include_router(router)
    root.mount("/v1", api)
    root.add_middleware(
        RequestLimitsMiddleware,
        max_body_bytes=settings.max_request_body_bytes,
        accepted_media_types=settings.accepted_media_types,
    )
    root.add_middleware(
        RateLimitMiddleware,
        rate_per_second=settings.rate_limit_per_second,
        burst=settings.rate_limit_burst,
        enabled=settings.rate_limit_enabled,
        exempt=exempt_callers(settings.clients, settings.rate_limit_exempt_roles),
    )
    root.add_middleware(MetricsMiddleware, registry=registry)
    root.add_middleware(CorrelationMiddleware, api_version=settings.api_version)
    root.state.api = api
    # Services may register their own Prometheus metrics here (e.g. register calls per upstream).
    for target in (root, api):
        target.state.metrics_registry = registry
    return root


def api_of(app: FastAPI) -> FastAPI:
    """The versioned API app mounted at /v1 (the one whose OpenAPI document is the contract)."""
    api: FastAPI = app.state.api
    return api
