"""Client of the KVK API Basisprofiel v1."""

from __future__ import annotations

from typing import Any

from registers_adapter.upstreams.base import UpstreamClient, fout_code
from registers_adapter.upstreams.errors import rejected

REGISTER = "KVK"
NOT_DELIVERABLE = {"IPD0005", "IPD0004"}  # unknown or invalid number: "no registration"


def basisprofiel_uit(status: int, body: Any) -> dict[str, Any] | None:
    """The profile from the KVK's answer (an available register's), or None when there is no registration."""
    if status == 200:
        profiel: dict[str, Any] = body
        return profiel
    if status in (400, 404) and fout_code(body) in NOT_DELIVERABLE:
        return None
    raise rejected(REGISTER, status)


class KvkClient(UpstreamClient):
    register = REGISTER
    key_header = "apikey"

    async def basisprofiel(self, kvk_nummer: str) -> dict[str, Any] | None:
        return basisprofiel_uit(
            *await self.call(
                "GET",
                f"/v1/basisprofielen/{kvk_nummer}",
                headers={"Accept": "application/hal+json, application/json"},
            )
        )
