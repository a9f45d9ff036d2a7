from functools import lru_cache

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from bbz_common.settings import ClientCredential, ServiceSettings, demo_clients


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="ROUTING_", env_nested_delimiter="__", extra="ignore")

    service_name: str = "routing-api"
    clients: list[ClientCredential] = Field(default_factory=demo_clients)
    # Common Ground layering per caller: which other service may call which pipeline step here.
    service_scopes: dict[str, list[str]] = Field(default_factory=lambda: {"intake-api": ["routeren"]})
    # The what-if endpoint takes NDJSON (one application per line) and streams it: 100,000 applications are
    # about 100 MB. JSON bodies are parsed whole by the other endpoints, whose models bound their size.
    accepted_media_types: list[str] = Field(
        default_factory=lambda: ["application/json", "application/*+json", "application/x-ndjson"]
    )
    max_request_body_bytes: int = 512 * 1024 * 1024


@lru_cache
def get_settings() -> Settings:
    return Settings()
