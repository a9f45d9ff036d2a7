"""The four upstream registers of one running adapter, built from settings, and the mock apps they default to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
from fastapi import FastAPI

from registers_adapter.config import Settings, Upstream
from registers_adapter.mocks import brp as brp_mock
from registers_adapter.mocks import gemeente as gemeente_mock
from registers_adapter.mocks import kvk as kvk_mock
from registers_adapter.mocks import suwinet as suwinet_mock
from registers_adapter.upstreams.brp import BrpClient
from registers_adapter.upstreams.embedded import EmbeddedBrp, EmbeddedGemeente, EmbeddedKvk, EmbeddedSuwinet
from registers_adapter.upstreams.kvk import KvkClient
from registers_adapter.upstreams.ports import BrpRegister, GemeenteRegister, KvkRegister, SuwinetRegister
from registers_adapter.upstreams.suwinet import GemeenteClient, SuwinetClient
from registers_adapter.upstreams.transport import create_http_client

# Where the mocks are mounted on this service's root app (outside the /v1 contract), with the base path each
# real upstream has (so a URL copied from the real service's documentation maps one to one).
MOCK_MOUNTS = {
    "brp": ("/mock/brp", "/haalcentraal/api/brp"),
    "kvk": ("/mock/kvk", "/api"),
    "suwinet": ("/mock/suwinet", ""),
    "gemeente": ("/mock/gemeente", ""),
}


# What each register answers when it is down: the body fault injection returns.
FAULTS: dict[str, tuple[str, dict[str, Any]]] = {
    "brp": (
        "application/problem+json",
        {
            "type": "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.5.4",
            "title": "Bronservice BRP is tijdelijk niet beschikbaar.",
            "status": 503,
            "detail": "The service is currently unable to handle the request.",
            "code": "notAvailable",
        },
    ),
    "kvk": (
        "application/json",
        {"fout": [{"code": "IPD1002", "omschrijving": "De dienst is tijdelijk niet beschikbaar."}]},
    ),
    "suwinet": (
        "application/json",
        {"fout": {"code": "BronNietBeschikbaar", "omschrijving": "De bron is niet beschikbaar."}},
    ),
    "gemeente": ("application/problem+json", {"status": 503, "title": "Service Unavailable"}),
}


@dataclass
class MockApps:
    brp: FastAPI
    kvk: FastAPI
    suwinet: FastAPI
    gemeente: FastAPI

    @classmethod
    def create(cls, settings: Settings) -> MockApps:
        def key(name: str) -> str | None:
            secret = settings.mock_keys.get(name)
            return secret.get_secret_value() if secret is not None else None

        kvk_app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
        kvk_app.include_router(kvk_mock.create_router(key("kvk")), prefix="/api")
        return cls(
            brp=brp_mock.create_app(key("brp")),
            kvk=kvk_app,
            suwinet=suwinet_mock.create_app(key("suwinet")),
            gemeente=gemeente_mock.create_app(key("gemeente")),
        )

    def mount_on(self, root: FastAPI) -> None:
        for name, (mount, _) in MOCK_MOUNTS.items():
            root.mount(mount, getattr(self, name))


def _http(settings: Settings, mocks: MockApps, name: str) -> tuple[httpx.AsyncClient, str | None]:
    """The httpx client and key of one upstream: its URL, or else its mock through httpx's ASGI transport."""
    upstream: Upstream = getattr(settings, name)
    key = upstream.api_key.get_secret_value() if upstream.api_key is not None else None
    client = create_http_client(
        upstream,
        mock=getattr(mocks, name),
        mock_base_url=f"http://{name}.mock{MOCK_MOUNTS[name][1]}",
        fault=FAULTS[name],
    )
    return client, key


def _embedded(settings: Settings, name: str) -> tuple[Upstream, str | None] | None:
    """The settings of an upstream that is the built-in mock (no URL configured), with the key the mock wants."""
    upstream: Upstream = getattr(settings, name)
    if upstream.base_url:
        return None
    mock_key = settings.mock_keys.get(name)
    return upstream, mock_key.get_secret_value() if mock_key is not None else None


@dataclass
class Registers:
    """The four registers of one running adapter: each an HTTP adapter when a URL is configured, otherwise the
    built-in mock in-process (the default)."""

    brp: BrpRegister
    kvk: KvkRegister
    suwinet: SuwinetRegister
    gemeente: GemeenteRegister

    @classmethod
    def create(cls, settings: Settings, mocks: MockApps) -> Registers:
        brp = _embedded(settings, "brp")
        kvk = _embedded(settings, "kvk")
        suwinet = _embedded(settings, "suwinet")
        gemeente = _embedded(settings, "gemeente")
        return cls(
            brp=EmbeddedBrp(*brp) if brp else BrpClient(*_http(settings, mocks, "brp")),
            kvk=EmbeddedKvk(*kvk) if kvk else KvkClient(*_http(settings, mocks, "kvk")),
            suwinet=EmbeddedSuwinet(*suwinet) if suwinet else SuwinetClient(*_http(settings, mocks, "suwinet")),
            gemeente=EmbeddedGemeente(*gemeente) if gemeente else GemeenteClient(*_http(settings, mocks, "gemeente")),
        )

    @classmethod
    def over_http(cls, settings: Settings, mocks: MockApps) -> Registers:
        """Every register through its HTTP adapter, an unconfigured one as its mock through httpx's ASGI
        transport: the HTTP contract without a socket (tests compare it with the in-process default)."""
        return cls(
            brp=BrpClient(*_http(settings, mocks, "brp")),
            kvk=KvkClient(*_http(settings, mocks, "kvk")),
            suwinet=SuwinetClient(*_http(settings, mocks, "suwinet")),
            gemeente=GemeenteClient(*_http(settings, mocks, "gemeente")),
        )

    async def aclose(self) -> None:
        for client in (self.brp, self.kvk, self.suwinet, self.gemeente):
            await client.aclose()
