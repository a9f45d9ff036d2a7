"""Client of the BRP API Personen 2.7.0 (Haal Centraal), behind a gateway that wants the purpose headers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from registers_adapter.upstreams.base import UpstreamClient
from registers_adapter.upstreams.errors import rejected

REGISTER = "BRP"


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


def personen_uit(status: int, body: Any) -> list[dict[str, Any]]:
    """The persons in the BRP's answer (an available register's); every other status is a refusal."""
    if status != 200:
        raise rejected(REGISTER, status)
    personen: list[dict[str, Any]] = body.get("personen", [])
    return personen


def raadpleeg_body(bsn: str, fields: list[str]) -> dict[str, Any]:
    return {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": [bsn], "fields": fields}


def bewoners_body(adresseerbaar_object: str, fields: list[str]) -> dict[str, Any]:
    return {
        "type": "ZoekMetAdresseerbaarObjectIdentificatie",
        "adresseerbaarObjectIdentificatie": adresseerbaar_object,
        "fields": fields,
    }


class BrpClient(UpstreamClient):
    register = REGISTER

    async def _personen(self, body: dict[str, Any], doel: Doelbinding) -> list[dict[str, Any]]:
        return personen_uit(
            *await self.call(
                "POST",
                "/personen",
                json=body,
                headers={"Content-Type": "application/json; charset=utf-8", **doel.headers()},
            )
        )

    async def raadpleeg(self, bsn: str, fields: list[str], doel: Doelbinding) -> dict[str, Any] | None:
        personen = await self._personen(raadpleeg_body(bsn, fields), doel)
        return personen[0] if personen else None

    async def bewoners(self, adresseerbaar_object: str, fields: list[str], doel: Doelbinding) -> list[dict[str, Any]]:
        return await self._personen(bewoners_body(adresseerbaar_object, fields), doel)
