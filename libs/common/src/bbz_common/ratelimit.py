"""Per-caller rate limiting: a token bucket per API key (by its hash, never the key itself), 429 when empty.

Pure ASGI, in front of the API: a caller that sends too much gets ``429 Too Many Requests`` as a problem with
``Retry-After`` (whole seconds) and nothing of its request is executed. Callers without credentials share a
bucket per client address. Health and metrics endpoints are never limited, and neither are callers whose role is
exempt (by default the other Open Bbz services: a backlog draining after an outage must not be throttled)."""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Iterable
from dataclasses import dataclass

from starlette.types import ASGIApp, Receive, Scope, Send

from bbz_common.problems import problem_response
from bbz_common.settings import ClientCredential

UNLIMITED_PATHS = frozenset({"/livez", "/readyz", "/metrics"})
MAX_BUCKETS = 10_000


@dataclass
class Bucket:
    tokens: float
    updated: float


class TokenBuckets:
    """``rate`` tokens per second up to ``burst``; one token per request."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate = rate
        self.burst = float(burst)
        self.buckets: dict[str, Bucket] = {}

    def take(self, caller: str, now: float) -> float:
        """Take a token for ``caller``; 0.0 when allowed, else the seconds until a token is available."""
        bucket = self.buckets.get(caller)
        if bucket is None:
            if len(self.buckets) >= MAX_BUCKETS:  # bounded memory: forget the idlest callers
                for key, _ in sorted(self.buckets.items(), key=lambda kv: kv[1].updated)[: MAX_BUCKETS // 10]:
                    del self.buckets[key]
            bucket = self.buckets[caller] = Bucket(self.burst, now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return 0.0
        return (1.0 - bucket.tokens) / self.rate if self.rate > 0 else 3600.0


def _key_hash(raw: bytes) -> str:
    return "key:" + hashlib.sha256(raw).hexdigest()[:32]


def exempt_callers(clients: Iterable[ClientCredential], roles: Iterable[str]) -> frozenset[str]:
    """The limiter's identities of the configured callers that hold one of ``roles``."""
    exempt = set(roles)
    return frozenset(_key_hash(c.key.get_secret_value().encode()) for c in clients if exempt & set(c.roles))


def caller_key(scope: Scope) -> str:
    """The caller's identity for limiting: a hash of its API key, else its address."""
    headers = dict(scope.get("headers") or [])
    raw = headers.get(b"x-api-key")
    authorization = headers.get(b"authorization", b"")
    if raw is None and authorization.lower().startswith(b"bearer "):
        raw = authorization[7:].strip()
    if raw:
        return _key_hash(raw)
    client = scope.get("client")
    return "addr:" + (str(client[0]) if client else "unknown")


class RateLimitMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        *,
        rate_per_second: float,
        burst: int,
        enabled: bool = True,
        exempt: frozenset[str] = frozenset(),
    ) -> None:
        self.app = app
        self.enabled = enabled
        self.exempt = exempt
        self.buckets = TokenBuckets(rate_per_second, burst)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.enabled or scope["type"] != "http" or scope.get("path") in UNLIMITED_PATHS:
            await self.app(scope, receive, send)
            return
        caller = caller_key(scope)
        wait = 0.0 if caller in self.exempt else self.buckets.take(caller, time.monotonic())
        if wait <= 0:
            await self.app(scope, receive, send)
            return
        retry_after = max(1, math.ceil(wait))
        response = problem_response(
            429,
            "Too Many Requests",
            f"This caller sent more requests than allowed; try again in {retry_after} second(s).",
            code="rate_limited",
            headers={"Retry-After": str(retry_after)},
        )
        await response(scope, receive, send)
