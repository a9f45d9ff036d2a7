from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import SettingsConfigDict

from bbz_common.settings import ClientCredential, ServiceSettings, demo_clients

# Names of a few municipalities for the beschikking's letterhead; a municipality sets its own by configuration.
DEFAULT_GEMEENTEN = {
    "0014": "Groningen",
    "0344": "Utrecht",
    "0363": "Amsterdam",
    "0518": "'s-Gravenhage",
    "0599": "Rotterdam",
}


class Betaalrekening(BaseModel):
    """The municipality's account that SEPA payments are made from."""

    iban: str
    bic: str


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="DECISION_", env_nested_delimiter="__", extra="ignore")

    service_name: str = "decision-api"
    intake_url: str = "http://127.0.0.1:8001/v1"
    service_api_key: SecretStr = SecretStr("demo-decision-service-key")
    # Reports to intake-api in delivery at once: they go in batches, sent concurrently (meldingen.handlers).
    outbox_concurrency: int = 32
    # The reports of a batch go to intake-api as one bulk request (`POST .../bulk`) where it offers one.
    bulk_calls: bool = True
    clients: list[ClientCredential] = Field(default_factory=demo_clients)
    # Municipality names by CBS code, for the beschikking (bestuursorgaan, objection clause).
    gemeenten: dict[str, str] = Field(default_factory=lambda: dict(DEFAULT_GEMEENTEN))
    # The seed of the reproducible random sample (steekproef) of green grants; the percentage is a dated parameter.
    steekproef_seed: str = "open-bbz-steekproef"
    # Possible duplicates (same pseudonymous applicant key, overlapping period) are queued instead of granted
    # automatically: against open handlings ("open"), also against decided ones ("open-en-besloten"), or not.
    dubbelcontrole: Literal["uit", "open", "open-en-besloten"] = "open"
    # The services that may offer routed applications (POST /behandelingen): intake-api only, by client name.
    aanbieders: list[str] = Field(default_factory=lambda: ["intake-api"])
    # The paying account (demo values); per municipality by CBS code where it differs.
    betaalrekening: Betaalrekening = Betaalrekening(iban="NL02ABNA0123456789", bic="ABNANL2A")
    betaalrekeningen: dict[str, Betaalrekening] = Field(default_factory=dict)
    # Beschikkingen are rendered (HTML, PDF) after the decision, by a background renderer in this process;
    # off, they are rendered on their first read only. The renderer is woken by each decision and polls too.
    beschikkingen_renderen: bool = True
    beschikkingen_poll_interval_seconds: float = 2.0
    # The renderer gives way to deciding: it renders once no decision came for this many seconds (0: at once),
    # and renders a letter that waited longer than the second setting even while decisions keep coming.
    beschikkingen_rust_seconds: float = 2.0
    beschikkingen_uiterlijk_seconds: float = 900.0
    # Letters rendered in this many processes of their own, as many at once; 0: in a thread of this process, where
    # fpdf, pure Python, holds the GIL that the event loop serving requests needs too. Measured (bench/README.md,
    # fifth round): a process halves request latency while letters render (p50 0.9 -> 0.5 ms), at ~60 MB of
    # memory each and ~8% more CPU per letter; rendering waits for quiet moments anyway, so 0 by default.
    beschikkingen_render_processen: int = Field(default=0, ge=0, le=16)


@lru_cache
def get_settings() -> Settings:
    return Settings()
