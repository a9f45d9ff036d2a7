"""Clients for the services intake-api drives, speaking their published contracts (openapi/*.json)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx
import pydantic_core

from bbz_common.http import BulkEndpoint, answer_of, create_client, raise_for_delivery
from intake_api.config import Settings


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


# Asked of a provider whose answer intake-api does not store (RFC 7240): a preference, which it may ignore.
PREFER_MINIMAL = {"Prefer": "return=minimal"}


async def post_json(
    client: httpx.AsyncClient,
    path: str,
    body: dict[str, Any],
    idempotency_key: str,
    headers: dict[str, str] | None = None,
) -> Any:
    # pydantic-core's JSON (Rust) both ways: these bodies (up to ~10 KB for a route) are on every application's
    # path, and the standard library's encoder and decoder were a tenth of intake-api's CPU (py-spy, bench).
    response = await client.post(
        path,
        content=pydantic_core.to_json(body),
        headers={"Idempotency-Key": idempotency_key, "Content-Type": "application/json", **(headers or {})},
    )
    raise_for_delivery(response)
    return answer_of(response)


@dataclass
class Operation:
    """One operation of a provider: `POST <path>` for one request, `POST <path>/bulk` for several; its answers
    are JSON bodies, or `Minimal` where the provider answered without one."""

    client: httpx.AsyncClient
    path: str
    bulk: BulkEndpoint
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(
        cls, client: httpx.AsyncClient, path: str, *, bulk: bool, headers: dict[str, str] | None = None
    ) -> Operation:
        headers = headers or {}
        return cls(client, path, BulkEndpoint(client, f"{path}/bulk", enabled=bulk, headers=headers), headers)

    async def post(self, body: dict[str, Any], idempotency_key: str) -> Any:
        return await post_json(self.client, self.path, body, idempotency_key, self.headers)
