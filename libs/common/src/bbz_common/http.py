"""Outbound HTTP: one httpx client per downstream, with time-outs, the caller's credentials and the
correlation id on every request. Status codes are mapped to outbox semantics (retry or dead-letter)."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from bbz_common.correlation import REQUEST_ID_HEADER, current_correlation_id
from bbz_common.http1 import Http1Transport
from bbz_common.outbox import DeliveryDeferred, PermanentDeliveryError


async def _add_correlation_id(request: httpx.Request) -> None:
    correlation_id = current_correlation_id()
    if correlation_id:
        request.headers[REQUEST_ID_HEADER] = correlation_id


def create_client(
    base_url: str, *, api_key: str | None = None, timeout: float = 10.0, max_connections: int = 50
) -> httpx.AsyncClient:
    headers = {"Accept": "application/json, application/problem+json"}
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    return httpx.AsyncClient(
        base_url=base_url,
        headers=headers,
        timeout=httpx.Timeout(timeout, connect=min(timeout, 3.0)),
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
        # Our services over plain http: the lean HTTP/1.1 transport (see http1); https goes through httpx's own.
        transport=Http1Transport(max_connections=max_connections, fallback=httpx.AsyncHTTPTransport(retries=1)),
        event_hooks={"request": [_add_correlation_id]},
    )


def raise_for_delivery(response: httpx.Response) -> None:
    """5xx, 408 and 429 are worth retrying; any other 4xx will not get better by itself."""
    if response.is_success:
        return
    summary = f"{response.request.method} {response.request.url.path} answered {response.status_code}"
    try:
        body: Any = response.json()
        detail = body.get("detail") if isinstance(body, dict) else None
        if detail:
            summary += f": {detail}"
    except ValueError:
        pass
    retry_after = _retry_after_seconds(response.headers.get("Retry-After"))
    if response.status_code in (429, 503) and retry_after is not None:
        raise DeliveryDeferred(summary, retry_after)
    if retryable(response.status_code):
        raise httpx.HTTPStatusError(summary, request=response.request, response=response)
    raise PermanentDeliveryError(summary)


def retryable(status: int) -> bool:
    return status in (408, 425, 429) or status >= 500


class RetryableStatus(Exception):
    """One request of a bulk (bbz_common.bulk) answered a status worth retrying: the outbox tries it again."""


def delivery_error(status: int, problem: Any, what: str) -> Exception:
    """The outbox's reading of one bulk result that is not a success, as `raise_for_delivery` reads a
    response: retry (5xx, 408, 425, 429) or give up (any other 4xx)."""
    summary = f"{what} answered {status}"
    detail = problem.get("detail") if isinstance(problem, dict) else None
    if detail:
        summary += f": {detail}"
    return RetryableStatus(summary) if retryable(status) else PermanentDeliveryError(summary)


def _retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as delay-seconds or an HTTP date (RFC 9110 10.2.3)."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
