"""Settings base: one pydantic-settings class per service, each with its own env prefix."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

# The repository root when running from a checkout; embedded SQLite files live under var/.
REPO_ROOT = Path(__file__).resolve().parents[4]
VAR_DIR = Path.cwd() / "var" if not (REPO_ROOT / "Makefile").exists() else REPO_ROOT / "var"


def default_sqlite_url(service: str) -> str:
    return f"sqlite+aiosqlite:///{VAR_DIR / (service + '.db')}"


class ClientCredential(BaseModel):
    """A caller of this service: an e-form vendor, a backoffice user system or another service."""

    name: str
    key: SecretStr
    roles: list[str]


class ServiceSettings(BaseSettings):
    """Common settings. Subclasses set ``env_prefix`` (``INTAKE_``, ``ROUTING_``, ...)."""

    model_config = SettingsConfigDict(env_nested_delimiter="__", extra="ignore")

    service_name: str = "service"
    api_version: str = "1.0.0"
    database_url: str = ""
    log_level: str = "INFO"
    log_json: bool = True
    # Outbox relay tuning: retries with exponential backoff and jitter, then dead-letter.
    outbox_enabled: bool = True
    outbox_poll_interval_seconds: float = 0.5
    outbox_max_attempts: int = 12
    outbox_base_delay_seconds: float = 0.5
    outbox_max_delay_seconds: float = 300.0
    outbox_batch_size: int = 50
    outbox_concurrency: int = 8
    # How long a claimed message stays reserved for the relay that claimed it (a killed relay's claim expires).
    outbox_lease_seconds: float = 60.0
    http_timeout_seconds: float = 10.0
    # The cyclic garbage collector runs when this many more container objects were made than freed (CPython's
    # default is 700). A bulk request's JSON is thousands of objects alive at once: at 700 they tripped
    # collection after collection, each walking the young objects of every request in flight and moving them
    # to older generations to be walked again. 6.5% of intake-api's CPU went to the collector at 700, 1.8% at
    # 10,000, whose collections take a few milliseconds (bench/README.md, tenth round).
    gc_young_threshold: int = Field(default=10_000, ge=100)
    # Abuse limits (bbz_common.ratelimit, bbz_common.limits): generous defaults; per caller (API key hash).
    rate_limit_enabled: bool = True
    rate_limit_per_second: float = 100.0
    rate_limit_burst: int = 500
    rate_limit_exempt_roles: list[str] = Field(default_factory=lambda: ["service"])
    max_request_body_bytes: int = 32 * 1024 * 1024
    accepted_media_types: list[str] = Field(
        default_factory=lambda: ["application/json", "application/*+json", "application/x-ndjson"]
    )
    clients: list[ClientCredential] = Field(default_factory=list)
    # Which calling service may do what here: service name -> scopes (e.g. {"decision-api": ["besluiten-melden"]}).
    # An operation that names a scope refuses every other service; empty means no per-service scoping.
    service_scopes: dict[str, list[str]] = Field(default_factory=dict)

    def resolved_database_url(self) -> str:
        return self.database_url or default_sqlite_url(self.service_name)


def demo_clients() -> list[ClientCredential]:
    """Embedded defaults for `make run` and tests. Production sets `<PREFIX>CLIENTS` with real secrets."""
    rows = [
        ("demo-leverancier", "demo-vendor-key", ["vendor"]),
        ("andere-leverancier", "demo-vendor-2-key", ["vendor"]),
        ("demo-behandelaar", "demo-behandelaar-key", ["behandelaar"]),
        ("demo-behandelaar-2", "demo-behandelaar-2-key", ["behandelaar"]),
        ("demo-fiatteur", "demo-fiatteur-key", ["fiatteur", "behandelaar"]),
        ("demo-beleidsbeheerder", "demo-beleid-key", ["beleidsbeheerder"]),
        ("demo-auditor", "demo-auditor-key", ["auditor"]),
        ("demo-beheerder", "demo-beheerder-key", ["beheerder"]),
        ("intake-api", "demo-intake-service-key", ["service"]),
        ("routing-api", "demo-routing-service-key", ["service"]),
        ("decision-api", "demo-decision-service-key", ["service"]),
    ]
    return [ClientCredential(name=n, key=SecretStr(k), roles=r) for n, k, r in rows]
