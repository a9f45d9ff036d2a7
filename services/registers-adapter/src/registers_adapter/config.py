from functools import lru_cache

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import SettingsConfigDict

from bbz_common.settings import ClientCredential, ServiceSettings, demo_clients

# The keys the built-in mocks demand by default (demo values, like the demo API keys of the services).
MOCK_KEYS = {"brp": "demo-brp-mock-key", "kvk": "demo-kvk-mock-key", "suwinet": "demo-suwinet-mock-key",
             "gemeente": "demo-gemeente-mock-key"}  # fmt: skip


class Upstream(BaseModel):
    """One base register the adapter reads.

    `base_url` empty (the default): the built-in mock, called in-process through its data layer (upstreams/
    embedded.py), with the same answers as over its HTTP contract. A URL (`REGISTERS_BRP__BASE_URL=https://proefomgeving.haalcentraal.nl/haalcentraal/api/brp`,
    or this service's own `/mock/...` mount over loopback) is called over the network with httpx."""

    base_url: str = ""
    api_key: SecretStr | None = None
    timeout_seconds: float = Field(default=5.0, gt=0)
    # Fault injection (tests, chaos drills): added latency and the share of calls that fail with a 503.
    fault_latency_ms: int = Field(default=0, ge=0)
    fault_error_rate: float = Field(default=0.0, ge=0.0, le=1.0)
    fault_seed: int | None = None


def _mock(name: str) -> Upstream:
    return Upstream(api_key=SecretStr(MOCK_KEYS[name]))


def _mock_keys() -> dict[str, SecretStr | None]:
    return {name: SecretStr(key) for name, key in MOCK_KEYS.items()}


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="REGISTERS_", env_nested_delimiter="__", extra="ignore")

    service_name: str = "registers-adapter"
    # Key for pseudonymising the data subject in processing records (Logboek Dataverwerkingen advises it).
    pseudonym_key: SecretStr = SecretStr("demo-pseudonym-key-change-me")
    clients: list[ClientCredential] = Field(default_factory=demo_clients)
    # Common Ground layering per caller: which other service may call which pipeline step here.
    service_scopes: dict[str, list[str]] = Field(default_factory=lambda: {"intake-api": ["bbz-gegevens"]})

    brp: Upstream = Field(default_factory=lambda: _mock("brp"))
    kvk: Upstream = Field(default_factory=lambda: _mock("kvk"))
    suwinet: Upstream = Field(default_factory=lambda: _mock("suwinet"))
    gemeente: Upstream = Field(default_factory=lambda: _mock("gemeente"))
    # Whether the mock registers are also served over HTTP on this service (/mock/..., outside /v1). On for the
    # embedded default and tests; off wherever real registers are used (the prod overlay), so a deployed
    # adapter never answers with demo persons to whoever finds the path.
    mount_mocks: bool = True
    # The keys the mounted mocks accept (None: the mock accepts any caller).
    mock_keys: dict[str, SecretStr | None] = Field(default_factory=lambda: _mock_keys())
    # Sent to the BRP gateway as x-verwerking: the processing activity this adapter performs.
    verwerking: str = "Bbz 2004 aanvraag beoordelen"
    # URI of this processing activity in the municipality's register of processing activities (LDV).
    verwerkingsactiviteit_uri: str = "https://open-bbz.example.org/verwerkingsactiviteiten/bbz-aanvraag-beoordelen"


@lru_cache
def get_settings() -> Settings:
    return Settings()
