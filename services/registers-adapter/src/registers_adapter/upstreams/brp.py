"""Client of the BRP API Personen 2.7.0 (Haal Centraal), behind a gateway that wants the purpose headers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from registers_adapter.upstreams.base import UpstreamClient


@dataclass(frozen=True)
class Doelbinding:
    """What a BRP gateway wants to know of every request: purpose, processing activity, user."""

    doelbinding: str
    verwerking: str
    gebruiker: str

    def headers(self) -> dict[str, str]:
        safe = " ,.;:/()-_'"  # header values are ASCII: anything else travels percent-encoded
        return {
            "x-doelbinding": quote(self.doelbinding, safe=safe),
            "x-verwerking": quote(self.verwerking, safe=safe),
            "x-gebruiker": quote(self.gebruiker, safe=safe),
        }


class BrpClient(UpstreamClient):
    register = "BRP"

    async def _personen(self, body: dict[str, Any], doel: Doelbinding) -> list[dict[str, Any]]:
        response = await self.request(
            "POST",
            "/personen",
            json=body,
            headers={"Content-Type": "application/json; charset=utf-8", **doel.headers()},
        )
        if response.status_code != 200:
            raise self.reject(response)
        personen: list[dict[str, Any]] = response.json().get("personen", [])
        return personen

    async def raadpleeg(self, bsn: str, fields: list[str], doel: Doelbinding) -> dict[str, Any] | None:
        body = {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": [bsn], "fields": fields}
        personen = await self._personen(body, doel)
        return personen[0] if personen else None

    async def bewoners(self, adresseerbaar_object: str, fields: list[str], doel: Doelbinding) -> list[dict[str, Any]]:
        body = {
            "type": "ZoekMetAdresseerbaarObjectIdentificatie",
            "adresseerbaarObjectIdentificatie": adresseerbaar_object,
            "fields": fields,
        }
        return await self._personen(body, doel)
