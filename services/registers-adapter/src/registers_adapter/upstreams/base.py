from __future__ import annotations

import time
from typing import Any

import httpx
import structlog

from registers_adapter.upstreams.errors import rejected, unavailable

log = structlog.get_logger("registers.upstream")


class UpstreamClient:
    register = "upstream"
    key_header = "X-API-KEY"

    def __init__(self, http: httpx.AsyncClient, api_key: str | None) -> None:
        self.http = http
        self.api_key = api_key

    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        headers = {"Accept": "application/json"}
        if self.api_key:
            headers[self.key_header] = self.api_key
        return {**headers, **(extra or {})}

    async def request(
        self, method: str, path: str, *, headers: dict[str, str] | None = None, **kwargs: Any
    ) -> httpx.Response:
        started = time.perf_counter()
        try:
            response = await self.http.request(method, path, headers=self._headers(headers), **kwargs)
        except httpx.TimeoutException as exc:
            self._observe(started, "time-out")
            raise unavailable(self.register, "time-out") from exc
        except httpx.TransportError as exc:
            self._observe(started, "not-reachable")
            raise unavailable(self.register, "not reachable") from exc
        self._observe(started, response.status_code)
        if response.status_code >= 500 or response.status_code == 429:
            raise unavailable(self.register, f"HTTP {response.status_code}")
        return response

    def _observe(self, started: float, outcome: int | str) -> None:
        """One log line per upstream call: which register, the outcome and the time it took (never the BSN)."""
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        log.info("register_call", register=self.register, outcome=outcome, duration_ms=duration_ms)

    def reject(self, response: httpx.Response) -> Exception:
        return rejected(self.register, response.status_code)

    async def aclose(self) -> None:
        await self.http.aclose()


def fout_code(response: httpx.Response) -> str | None:
    """The `code` of a KVK (`{"fout": [...]}`) or Suwinet (`{"fout": {...}}`) error body."""
    try:
        body = response.json()
    except ValueError:
        return None
    fout = body.get("fout") if isinstance(body, dict) else None
    if isinstance(fout, list) and fout and isinstance(fout[0], dict):
        return str(fout[0].get("code"))
    if isinstance(fout, dict):
        return str(fout.get("code"))
    return None
