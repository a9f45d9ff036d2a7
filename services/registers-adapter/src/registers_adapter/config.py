from functools import lru_cache

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from bbz_common.settings import ClientCredential, ServiceSettings, demo_clients


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="REGISTERS_", env_nested_delimiter="__", extra="ignore")

    service_name: str = "registers-adapter"
    # Key for pseudonymising the data subject in processing records (Logboek Dataverwerkingen advises it).
    pseudonym_key: SecretStr = SecretStr("demo-pseudonym-key-change-me")
    clients: list[ClientCredential] = Field(default_factory=demo_clients)


@lru_cache
def get_settings() -> Settings:
    return Settings()
