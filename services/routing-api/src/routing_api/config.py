from functools import lru_cache

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from bbz_common.settings import ClientCredential, ServiceSettings, demo_clients


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="ROUTING_", env_nested_delimiter="__", extra="ignore")

    service_name: str = "routing-api"
    clients: list[ClientCredential] = Field(default_factory=demo_clients)


@lru_cache
def get_settings() -> Settings:
    return Settings()
