"""Clients for the services intake-api drives, speaking their published contracts (openapi/*.json)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
import pydantic_core
import structlog

from bbz_common.http import create_client, delivery_error, raise_for_delivery
from intake_api.config import Settings

log = structlog.get_logger("intake.verwerking")

# A provider without bulk endpoints (a version from before them) is asked again after this long: a rolling
# upgrade then picks them up without a restart.
BULK_RETRY_AFTER_S = 300.0


@dataclass
class Downstream:
    registers: httpx.AsyncClient
    routing: httpx.AsyncClient
    decision: httpx.AsyncClient
    # Send the requests of a batch as one bulk request (bbz_common.bulk) where the provider offers it.
    bulk: bool = True

    @classmethod
    def from_settings(cls, settings: Settings) -> Downstream:
        key = settings.service_api_key.get_secret_value()
        timeout = settings.http_timeout_seconds
        return cls(
            registers=create_client(settings.registers_url, api_key=key, timeout=timeout),
            routing=create_client(settings.routing_url, api_key=key, timeout=timeout),
            decision=create_client(settings.decision_url, api_key=key, timeout=timeout),
            bulk=settings.bulk_calls,
        )

    async def aclose(self) -> None:
        for client in (self.registers, self.routing, self.decision):
            await client.aclose()


async def post_json(client: httpx.AsyncClient, path: str, body: dict[str, Any], idempotency_key: str) -> Any:
    # pydantic-core's JSON (Rust) both ways: these bodies (up to ~10 KB for a route) are on every application's
    # path, and the standard library's encoder and decoder were a tenth of intake-api's CPU (py-spy, bench).
    response = await client.post(
        path,
        content=pydantic_core.to_json(body),
        headers={"Idempotency-Key": idempotency_key, "Content-Type": "application/json"},
    )
    raise_for_delivery(response)
    return pydantic_core.from_json(response.content)


class BulkNotUsable(Exception):
    """The bulk request cannot be used for this batch: send its requests one by one."""


@dataclass
class Operation:
    """One operation of a provider: `POST <path>`, and `POST <path>/bulk` for several requests at once."""

    client: httpx.AsyncClient
    path: str
    bulk: bool = True
    _bulk_not_offered_until: float = field(default=0.0, repr=False)

    def wants_bulk(self, count: int) -> bool:
        return self.bulk and count > 1 and time.monotonic() >= self._bulk_not_offered_until

    async def post(self, body: dict[str, Any], idempotency_key: str) -> Any:
        return await post_json(self.client, self.path, body, idempotency_key)

    async def post_bulk(self, requests: Sequence[tuple[dict[str, Any], str, str | None]]) -> list[Any]:
        """Each request (body, Idempotency-Key, correlation id) answered, or the delivery error its result
        means, in order. Raises what a failed
        single request raises when the bulk as a whole failed (every request to be retried), and
        `BulkNotUsable` when the requests should go one by one."""
        body = {
            "verzoeken": [
                {"idempotencyKey": key, "requestId": request_id, "verzoek": verzoek}
                if request_id
                else {"idempotencyKey": key, "verzoek": verzoek}
                for verzoek, key, request_id in requests
            ]
        }
        response = await self.client.post(
            f"{self.path}/bulk", content=pydantic_core.to_json(body), headers={"Content-Type": "application/json"}
        )
        if response.status_code in (404, 405):
            # A provider from before the bulk endpoints (405: the path reads as `<path>/{id}`).
            self._bulk_not_offered_until = time.monotonic() + BULK_RETRY_AFTER_S
            log.warning("bulk_not_offered", operation=self.path, status=response.status_code)
            raise BulkNotUsable(self.path)
        if response.status_code == 400:
            # One request the provider refuses makes the whole bulk invalid; one by one, only that one fails.
            raise BulkNotUsable(self.path)
        raise_for_delivery(response)
        results = pydantic_core.from_json(response.content)["resultaten"]
        if len(results) != len(requests):
            raise RuntimeError(f"POST {self.path}/bulk answered {len(results)} results for {len(requests)} requests")
        return [
            result["resultaat"]
            if 200 <= result["status"] < 300
            else delivery_error(result["status"], result.get("probleem"), f"POST {self.path} (bulk)")
            for result in results
        ]
