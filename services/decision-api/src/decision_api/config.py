from functools import lru_cache

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from bbz_common.settings import ClientCredential, ServiceSettings, demo_clients


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="DECISION_", env_nested_delimiter="__", extra="ignore")

    service_name: str = "decision-api"
    intake_url: str = "http://127.0.0.1:8001/v1"
    service_api_key: SecretStr = SecretStr("demo-decision-service-key")
    clients: list[ClientCredential] = Field(default_factory=demo_clients)


@lru_cache
def get_settings() -> Settings:
    return Settings()
