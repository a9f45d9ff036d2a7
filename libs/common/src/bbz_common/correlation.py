"""Correlation id: read from X-Request-ID or W3C traceparent, carried on outbound calls, echoed in responses."""

from __future__ import annotations

import re
import time
import uuid
from contextvars import ContextVar

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID_HEADER = "X-Request-ID"
_correlation_id: ContextVar[str | None] = ContextVar("correlation_id", default=None)
VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._\-]{8,128}$")
_TRACEPARENT = re.compile(r"^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$")

log = structlog.get_logger("bbz.request")


def current_correlation_id() -> str | None:
    return _correlation_id.get()


def new_correlation_id() -> str:
    return uuid.uuid4().hex


def bind_correlation_id(value: str | None) -> None:
    value = value or new_correlation_id()
    _correlation_id.set(value)
    structlog.contextvars.bind_contextvars(correlation_id=value)


def _incoming_id(headers: dict[bytes, bytes]) -> str:
    given = headers.get(b"x-request-id", b"").decode("latin-1").strip()
    if given and VALID_REQUEST_ID.match(given):
        return given
    match = _TRACEPARENT.match(headers.get(b"traceparent", b"").decode("latin-1").strip())
    if match:
        return match.group(1)
    return new_correlation_id()


class CorrelationMiddleware:
    """Pure ASGI middleware: correlation id in, API-Version and X-Request-ID out, one access log line."""

    def __init__(self, app: ASGIApp, api_version: str) -> None:
        self.app = app
        self.api_version = api_version.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        correlation_id = _incoming_id(headers)
        token = _correlation_id.set(correlation_id)
        log_context = structlog.contextvars.get_contextvars()
        structlog.contextvars.bind_contextvars(correlation_id=correlation_id)
        started = time.perf_counter()
        status_holder = {"status": 500}

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
                raw = list(message.get("headers", []))
                raw.append((b"api-version", self.api_version))
                raw.append((b"x-request-id", correlation_id.encode()))
                message["headers"] = raw
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            route = scope.get("route")
            # The route template, never the raw path: paths carry ids only, but templates keep logs uniform.
            path = getattr(route, "path_format", None) or "<unmatched>"
            if path not in ("/livez", "/readyz", "/metrics"):
                log.info(
                    "request",
                    method=scope.get("method"),
                    route=path,
                    status=status_holder["status"],
                    duration_ms=round((time.perf_counter() - started) * 1000, 2),
                )
            # Restore the log context as it was: nothing of this request (caller, ids) leaks into the next.
            structlog.contextvars.clear_contextvars()
            structlog.contextvars.bind_contextvars(**log_context)
            _correlation_id.reset(token)
