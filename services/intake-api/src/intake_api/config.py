from functools import lru_cache

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from bbz_common.settings import ClientCredential, ServiceSettings, demo_clients


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="INTAKE_", env_nested_delimiter="__", extra="ignore")

    service_name: str = "intake-api"
    registers_url: str = "http://127.0.0.1:8003/v1"
    routing_url: str = "http://127.0.0.1:8002/v1"
    decision_url: str = "http://127.0.0.1:8004/v1"
    # This service's own credentials towards the other services.
    service_api_key: SecretStr = SecretStr("demo-intake-service-key")
    # Key of the pseudonymous applicant key sent to decision-api (an HMAC of the BSN, never the BSN).
    pseudonym_key: SecretStr = SecretStr("demo-intake-pseudonym-key-change-me")
    clients: list[ClientCredential] = Field(default_factory=demo_clients)
    # Common Ground layering per caller: which other service may call which pipeline step here.
    service_scopes: dict[str, list[str]] = Field(
        default_factory=lambda: {"decision-api": ["besluiten-melden", "status-melden"]}
    )
    # Messages in delivery at once: the steps after intake go in batches (intake_api.verwerking), whose calls
    # to the other services run concurrently.
    outbox_concurrency: int = 64
    # The requests of a batch go to each service as one bulk request (`POST .../bulk`) where it offers one.
    bulk_calls: bool = True
    # Prefill: the applicant waits for the registers-adapter, so a short time-out.
    prefill_timeout_seconds: float = 5.0
    # Drafts (concepten) expire this many days after they were last saved.
    concept_bewaartermijn_dagen: int = 30
    # Attachments (bijlagen): the largest file accepted, in bytes (after base64 decoding).
    bijlage_max_bytes: int = 10 * 1024 * 1024


@lru_cache
def get_settings() -> Settings:
    return Settings()
