"""How the HTTP adapter reaches an upstream: over the network (a configured URL) or, when asked to, the built-in
mock through httpx's ASGI transport (still over the real HTTP contract); with optional fault injection."""

from __future__ import annotations

import asyncio
import random
from typing import Any

import httpx
from fastapi import FastAPI

from bbz_common.correlation import REQUEST_ID_HEADER, current_correlation_id
from registers_adapter.config import Upstream


class Faults:
    """The fault injection of one upstream (tests, chaos drills): added latency and a share of calls that fail.
    Both adapters of an upstream use it, so an embedded mock fails the way one called over HTTP does."""

    def __init__(self, upstream: Upstream) -> None:
        self.latency = upstream.fault_latency_ms / 1000
        self.error_rate = upstream.fault_error_rate
        self.timeout = upstream.timeout_seconds
        self.random = random.Random(upstream.fault_seed)
        self.active = bool(self.latency or self.error_rate)

    async def inject(self) -> bool:
        """Wait the added latency; True when this call is to be answered 503. A latency at or beyond the
        time-out waits the time-out and raises TimeoutError."""
        if self.latency:
            if self.latency >= self.timeout:
                await asyncio.sleep(self.timeout)
                raise TimeoutError("injected latency exceeded the time-out")
            await asyncio.sleep(self.latency)
        return bool(self.error_rate) and self.random.random() < self.error_rate


class FaultInjectingTransport(httpx.AsyncBaseTransport):
    """Adds latency and random 503 answers, and enforces the time-out also on in-process calls (httpx's ASGI
    transport ignores time-outs)."""

    def __init__(
        self, inner: httpx.AsyncBaseTransport, upstream: Upstream, fault: tuple[str, dict[str, Any]] | None = None
    ) -> None:
        self.inner = inner
        # The 503 answer this register gives when it is down: (content type, body).
        self.fault = fault or ("application/problem+json", {"status": 503, "title": "Service Unavailable"})
        self.faults = Faults(upstream)
        self.timeout = upstream.timeout_seconds

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.faults.active:
            try:
                failing = await self.faults.inject()
            except TimeoutError as exc:
                raise httpx.ReadTimeout(str(exc), request=request) from exc
            if failing:
                content_type, body = self.fault
                return httpx.Response(503, json=body, headers={"content-type": content_type}, request=request)
        try:
            return await asyncio.wait_for(self.inner.handle_async_request(request), timeout=self.timeout)
        except TimeoutError as exc:
            raise httpx.ReadTimeout("the upstream did not answer within the time-out", request=request) from exc

    async def aclose(self) -> None:
        await self.inner.aclose()


async def _add_correlation_id(request: httpx.Request) -> None:
    correlation_id = current_correlation_id()
    if correlation_id:
        request.headers[REQUEST_ID_HEADER] = correlation_id


def create_http_client(
    upstream: Upstream, *, mock: FastAPI, mock_base_url: str, fault: tuple[str, dict[str, Any]] | None = None
) -> httpx.AsyncClient:
    inner: httpx.AsyncBaseTransport
    if upstream.base_url:
        base_url = upstream.base_url
        inner = httpx.AsyncHTTPTransport(retries=1)
    else:
        base_url = mock_base_url
        inner = httpx.ASGITransport(app=mock)
    return httpx.AsyncClient(
        base_url=base_url.rstrip("/"),
        transport=FaultInjectingTransport(inner, upstream, fault),
        timeout=httpx.Timeout(upstream.timeout_seconds, connect=min(upstream.timeout_seconds, 3.0)),
        event_hooks={"request": [_add_correlation_id]},
    )
