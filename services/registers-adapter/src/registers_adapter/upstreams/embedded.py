"""The in-process adapters: the built-in mock registers (the default configuration) called through their data
layer, without an HTTP request, JSON encoding or a log line per call inside the process.

They keep what a caller of the mock over HTTP would notice: the mock's API key (a wrong key is a refusal, 502),
the BRP's request validation and gateway headers, the fault injection of the upstream's settings (503 and
time-outs), and the status codes of the mock's answers, read by the same functions as the HTTP adapters'."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from registers_adapter.config import Upstream
from registers_adapter.mocks import brp as brp_mock
from registers_adapter.mocks import gemeente as gemeente_mock
from registers_adapter.mocks import kvk as kvk_mock
from registers_adapter.mocks import suwinet as suwinet_mock
from registers_adapter.upstreams import brp, kvk, suwinet
from registers_adapter.upstreams.base import check_available
from registers_adapter.upstreams.errors import rejected, unavailable
from registers_adapter.upstreams.transport import Faults

# The base of the in-process KVK's HAL links: what the mock renders when the HTTP adapter calls it in-process.
KVK_BASE_URL = "http://kvk.mock"
BSN = re.compile(r"\d{9}")  # what the Suwinet and municipal mocks accept as a BSN


class EmbeddedRegister:
    register = "upstream"

    def __init__(self, upstream: Upstream, mock_key: str | None) -> None:
        api_key = upstream.api_key.get_secret_value() if upstream.api_key is not None else None
        # The mock refuses a wrong key with a 401; that does not change while the process runs.
        self.refused = mock_key is not None and api_key != mock_key
        self.faults = Faults(upstream)

    async def admit(self) -> None:
        """What happens before the mock answers: the key check and the injected faults."""
        if self.faults.active:
            try:
                failing = await self.faults.inject()
            except TimeoutError:
                raise unavailable(self.register, "time-out") from None
            if failing:
                raise unavailable(self.register, "HTTP 503")
        if self.refused:
            raise rejected(self.register, 401)

    def answer(self, status: int) -> int:
        check_available(self.register, status)
        return status

    async def aclose(self) -> None:
        return None


class EmbeddedBrp(EmbeddedRegister):
    register = brp.REGISTER

    async def _personen(self, body: dict[str, Any], doel: brp.Doelbinding) -> list[dict[str, Any]]:
        await self.admit()
        if not (doel.doelbinding and doel.verwerking and doel.gebruiker) or brp_mock.validate(body):
            return brp.personen_uit(400, None)  # the mock's 400 paramsValidation
        return brp.personen_uit(200, {"personen": brp_mock.zoek_personen(body, dt.date.today())})

    async def raadpleeg(self, bsn: str, fields: list[str], doel: brp.Doelbinding) -> dict[str, Any] | None:
        personen = await self._personen(brp.raadpleeg_body(bsn, fields), doel)
        return personen[0] if personen else None

    async def bewoners(
        self, adresseerbaar_object: str, fields: list[str], doel: brp.Doelbinding
    ) -> list[dict[str, Any]]:
        return await self._personen(brp.bewoners_body(adresseerbaar_object, fields), doel)


class EmbeddedKvk(EmbeddedRegister):
    register = kvk.REGISTER

    async def basisprofiel(self, kvk_nummer: str) -> dict[str, Any] | None:
        await self.admit()
        status, body = kvk_mock.profiel_van(kvk_nummer, KVK_BASE_URL)
        return kvk.basisprofiel_uit(self.answer(status), body)


class EmbeddedSuwinet(EmbeddedRegister):
    register = suwinet.SUWINET

    async def raadpleeg(self, dienst: str, bsn: str) -> dict[str, Any] | None:
        await self.admit()
        if dienst not in suwinet_mock.DIENSTEN:
            return suwinet.dossier_uit(404, suwinet_mock.fout_body("OnbekendeDienst", "Deze dienst bestaat niet."))
        if not BSN.fullmatch(bsn):
            return suwinet.dossier_uit(400, suwinet_mock.fout_body("OngeldigVerzoek", "Geen burgerservicenummer."))
        status, body = suwinet_mock.dossier(dienst, bsn)
        return suwinet.dossier_uit(self.answer(status), body)


class EmbeddedGemeente(EmbeddedRegister):
    register = suwinet.GEMEENTE

    async def bbz_historie(self, bsn: str) -> dict[str, Any]:
        await self.admit()
        return suwinet.historie_uit(200 if BSN.fullmatch(bsn) else 400, gemeente_mock.bbz_historie(bsn))
