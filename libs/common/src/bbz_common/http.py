"""Outbound HTTP: one httpx client per downstream, with time-outs, the caller's credentials and the
correlation id on every request. Status codes are mapped to outbox semantics (retry or dead-letter)."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

import httpx
import pydantic_core
import structlog

from bbz_common.correlation import REQUEST_ID_HEADER, current_correlation_id
from bbz_common.http1 import Http1Transport
from bbz_common.outbox import DeliveryDeferred, OutboxDelivery, PermanentDeliveryError, for_each

log = structlog.get_logger("bbz.http")
T = TypeVar("T")


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


# ---- bulk requests to another service (its `POST .../bulk`, bbz_common.bulk) --------------------------------

# A provider without the bulk endpoint (a version from before it) is asked again after this long: a rolling
# upgrade then picks it up without a restart.
BULK_RETRY_AFTER_S = 300.0


@dataclass(frozen=True)
class Minimal:
    """A success answered without a body, as asked for with ``Prefer: return=minimal`` (RFC 7240): its
    ``Location``, the URL of what the request created, if it created something."""

    location: str | None = None


def answer_of(response: httpx.Response) -> Any:
    """A successful response's JSON body, or `Minimal` when it has none."""
    if not response.content:
        return Minimal(response.headers.get("Location"))
    return pydantic_core.from_json(response.content)


class BulkNotUsable(Exception):
    """The bulk request cannot be used for these requests: send them one by one."""


@dataclass
class BulkEndpoint:
    """A provider's bulk endpoint, used where it is offered; requests of one are sent one by one otherwise."""

    client: httpx.AsyncClient
    path: str
    enabled: bool = True
    headers: dict[str, str] = field(default_factory=dict)
    _not_offered_until: float = field(default=0.0, repr=False)

    def wanted_for(self, count: int) -> bool:
        return self.enabled and count > 1 and time.monotonic() >= self._not_offered_until

    async def post(self, requests: Sequence[tuple[Any, str | None, str | None]]) -> list[Any]:
        """Each request (body, Idempotency-Key, correlation id) answered (its JSON body, or `Minimal`), or the
        delivery error its result means, in order. Raises what a failed single request raises when the bulk as
        a whole failed (every request to be retried), and `BulkNotUsable` when the requests should go one by
        one."""
        body = {"verzoeken": [_item(verzoek, key, request_id) for verzoek, key, request_id in requests]}
        response = await self.client.post(
            self.path, content=pydantic_core.to_json(body), headers={"Content-Type": "application/json", **self.headers}
        )
        if response.status_code in (404, 405):
            # A provider from before the bulk endpoint (405: the path reads as `<collection>/{id}`).
            self._not_offered_until = time.monotonic() + BULK_RETRY_AFTER_S
            log.warning("bulk_not_offered", path=self.path, status=response.status_code)
            raise BulkNotUsable(self.path)
        if response.status_code == 400:
            # One request the provider refuses makes the whole bulk invalid; one by one, only that one fails.
            raise BulkNotUsable(self.path)
        raise_for_delivery(response)
        results = pydantic_core.from_json(response.content)["resultaten"]
        if len(results) != len(requests):
            raise RuntimeError(f"POST {self.path} answered {len(results)} results for {len(requests)} requests")
        return [
            _answer(result)
            if 200 <= result["status"] < 300
            else delivery_error(result["status"], result.get("probleem"), f"POST {self.path}")
            for result in results
        ]


def _answer(result: dict[str, Any]) -> Any:
    """One successful bulk result's answer, as `answer_of` reads a single response."""
    resultaat = result.get("resultaat")
    return Minimal(result.get("location")) if resultaat is None else resultaat


def _item(verzoek: Any, key: str | None, request_id: str | None) -> dict[str, Any]:
    item: dict[str, Any] = {"verzoek": verzoek}
    if key is not None:
        item["idempotencyKey"] = key
    if request_id is not None:
        item["requestId"] = request_id
    return item


async def deliver_in_bulk(
    deliveries: list[OutboxDelivery],
    endpoint: BulkEndpoint,
    verzoek: Callable[[OutboxDelivery], Any],
    single: Callable[[OutboxDelivery], Awaitable[T]],
) -> list[tuple[OutboxDelivery, Any]]:
    """Deliver a batch of outbox messages to one provider operation: in one bulk request where it is offered,
    else one request each, concurrently (``single``). Returns the deliveries answered, with their answers;
    the others are failed as their own request would have failed them (retried or dead-lettered)."""
    if endpoint.wanted_for(len(deliveries)):
        # Each request keeps its message's correlation id, as a single request would carry it.
        requests = [(verzoek(d), d.idempotency_key, d.correlation_id or d.message_id.hex) for d in deliveries]
        try:
            outcomes = await endpoint.post(requests)
        except BulkNotUsable:
            pass
        except Exception as exc:  # the bulk as a whole failed: each of its requests is retried
            for delivery in deliveries:
                delivery.fail(exc)
            return []
        else:
            answered = []
            for delivery, outcome in zip(deliveries, outcomes, strict=True):
                if isinstance(outcome, Exception):
                    delivery.fail(outcome)
                else:
                    answered.append((delivery, outcome))
            return answered
    return await for_each(deliveries, single)
