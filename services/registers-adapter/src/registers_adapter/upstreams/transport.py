"""How the adapter reaches an upstream: over the network (a configured URL) or in-process (the built-in mock,
through httpx's ASGI transport, still over the real HTTP contract), with optional fault injection."""

from __future__ import annotations

import asyncio
import random
from typing import Any

import httpx
from fastapi import FastAPI

from bbz_common.correlation import REQUEST_ID_HEADER, current_correlation_id
from registers_adapter.config import Upstream


class FaultInjectingTransport(httpx.AsyncBaseTransport):
    """Adds latency and random 503 answers, and enforces the time-out also on in-process calls (httpx's ASGI
    transport ignores time-outs)."""

    def __init__(
        self, inner: httpx.AsyncBaseTransport, upstream: Upstream, fault: tuple[str, dict[str, Any]] | None = None
    ) -> None:
        self.inner = inner
        # The 503 answer this register gives when it is down: (content type, body).
        self.fault = fault or ("application/problem+json", {"status": 503, "title": "Service Unavailable"})
        self.latency = upstream.fault_latency_ms / 1000
        self.error_rate = upstream.fault_error_rate
        self.timeout = upstream.timeout_seconds
        self.random = random.Random(upstream.fault_seed)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.latency:
            if self.latency >= self.timeout:
                await asyncio.sleep(self.timeout)
                raise httpx.ReadTimeout("injected latency exceeded the time-out", request=request)
            await asyncio.sleep(self.latency)
        if self.error_rate and self.random.random() < self.error_rate:
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
