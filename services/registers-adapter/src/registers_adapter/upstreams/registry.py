"""The four upstream clients of one running adapter, built from settings, and the mock apps they default to."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI

from registers_adapter.config import Settings
from registers_adapter.mocks import brp as brp_mock
from registers_adapter.mocks import gemeente as gemeente_mock
from registers_adapter.mocks import kvk as kvk_mock
from registers_adapter.mocks import suwinet as suwinet_mock
from registers_adapter.upstreams.brp import BrpClient
from registers_adapter.upstreams.kvk import KvkClient
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
        brp_app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
        brp_app.include_router(brp_mock.create_router(key("brp")))
        return cls(
            brp=brp_app,
            kvk=kvk_app,
            suwinet=suwinet_mock.create_app(key("suwinet")),
            gemeente=gemeente_mock.create_app(key("gemeente")),
        )

    def mount_on(self, root: FastAPI) -> None:
        for name, (mount, _) in MOCK_MOUNTS.items():
            root.mount(mount, getattr(self, name))


@dataclass
class Registers:
    brp: BrpClient
    kvk: KvkClient
    suwinet: SuwinetClient
    gemeente: GemeenteClient

    @classmethod
    def create(cls, settings: Settings, mocks: MockApps) -> Registers:
        def http(name: str):  # type: ignore[no-untyped-def]
            upstream = getattr(settings, name)
            key = upstream.api_key.get_secret_value() if upstream.api_key is not None else None
            client = create_http_client(
                upstream, mock=getattr(mocks, name), mock_base_url=f"http://{name}.mock{MOCK_MOUNTS[name][1]}"
            )
            return client, key

        return cls(
            brp=BrpClient(*http("brp")),
            kvk=KvkClient(*http("kvk")),
            suwinet=SuwinetClient(*http("suwinet")),
            gemeente=GemeenteClient(*http("gemeente")),
        )

    async def aclose(self) -> None:
        for client in (self.brp, self.kvk, self.suwinet, self.gemeente):
            await client.aclose()
