"""The HTTP adapter of an upstream register: httpx, its API key, time-outs and transport errors as problems."""

from __future__ import annotations

from typing import Any

import httpx

from registers_adapter.upstreams.errors import unavailable


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
        try:
            response = await self.http.request(method, path, headers=self._headers(headers), **kwargs)
        except httpx.TimeoutException as exc:
            raise unavailable(self.register, "time-out") from exc
        except httpx.TransportError as exc:
            raise unavailable(self.register, "not reachable") from exc
        check_available(self.register, response.status_code)
        return response

    async def call(
        self, method: str, path: str, *, headers: dict[str, str] | None = None, **kwargs: Any
    ) -> tuple[int, Any]:
        """Status and JSON body of one request; an error body that is no JSON reads as None (a 200 must be)."""
        response = await self.request(method, path, headers=headers, **kwargs)
        if response.status_code == 200:
            return 200, response.json()
        try:
            return response.status_code, response.json()
        except ValueError:
            return response.status_code, None

    async def aclose(self) -> None:
        await self.http.aclose()


def check_available(register: str, status: int) -> None:
    """5xx and 429 mean the register is down or busy: worth a retry later, whichever adapter asked."""
    if status >= 500 or status == 429:
        raise unavailable(register, f"HTTP {status}")


def fout_code(body: Any) -> str | None:
    """The `code` of a KVK (`{"fout": [...]}`) or Suwinet (`{"fout": {...}}`) error body."""
    fout = body.get("fout") if isinstance(body, dict) else None
    if isinstance(fout, list) and fout and isinstance(fout[0], dict):
        return str(fout[0].get("code"))
    if isinstance(fout, dict):
        return str(fout.get("code"))
    return None
