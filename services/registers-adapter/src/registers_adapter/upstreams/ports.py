"""The port of each base register: what the look-up asks of it, whoever answers.

Two adapters implement each port: the HTTP clients (brp.py, kvk.py, suwinet.py) for a configured upstream URL,
and the in-process adapters of embedded.py for the built-in mock (the default), which call the mock's data
layer without an HTTP/JSON round trip. Both read an answer with the same functions, so a look-up gives the same
result either way. Answers are read-only: they may share the mock's data."""

from __future__ import annotations

from typing import Any, Protocol

from registers_adapter.upstreams.brp import Doelbinding


class BrpRegister(Protocol):
    async def raadpleeg(self, bsn: str, fields: list[str], doel: Doelbinding) -> dict[str, Any] | None: ...

    async def bewoners(
        self, adresseerbaar_object: str, fields: list[str], doel: Doelbinding
    ) -> list[dict[str, Any]]: ...

    async def aclose(self) -> None: ...


class KvkRegister(Protocol):
    async def basisprofiel(self, kvk_nummer: str) -> dict[str, Any] | None: ...

    async def aclose(self) -> None: ...


class SuwinetRegister(Protocol):
    async def raadpleeg(self, dienst: str, bsn: str) -> dict[str, Any] | None: ...

    async def aclose(self) -> None: ...


class GemeenteRegister(Protocol):
    async def bbz_historie(self, bsn: str) -> dict[str, Any]: ...

    async def aclose(self) -> None: ...
