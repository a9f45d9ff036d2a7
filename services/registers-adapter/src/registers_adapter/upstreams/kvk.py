"""Client of the KVK API Basisprofiel v1."""

from __future__ import annotations

from typing import Any

from registers_adapter.upstreams.base import UpstreamClient, fout_code

NOT_DELIVERABLE = {"IPD0005", "IPD0004"}  # unknown or invalid number: "no registration"


class KvkClient(UpstreamClient):
    register = "KVK"
    key_header = "apikey"

    async def basisprofiel(self, kvk_nummer: str) -> dict[str, Any] | None:
        response = await self.request(
            "GET", f"/v1/basisprofielen/{kvk_nummer}", headers={"Accept": "application/hal+json, application/json"}
        )
        if response.status_code == 200:
            profiel: dict[str, Any] = response.json()
            return profiel
        if response.status_code in (400, 404) and fout_code(response) in NOT_DELIVERABLE:
            return None
        raise self.reject(response)
