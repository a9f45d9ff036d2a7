"""The four services in-process (no ports): each on its own migrated throw-away database, relay off.

Shared by the security matrix and the contract fuzzing; the apps run their lifespan (startup hooks such as
routing-api's policy seed) inside a Starlette TestClient."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from bbz_common.app import api_of
from bbz_common.testing import migrated_database

REPO = Path(__file__).resolve().parents[2]
SERVICES = {
    "intake-api": "intake_api",
    "routing-api": "routing_api",
    "registers-adapter": "registers_adapter",
    "decision-api": "decision_api",
}

# The demo credentials of settings.demo_clients(), one per role (the fiatteur is also a behandelaar).
KEYS = {
    "vendor": "demo-vendor-key",
    "behandelaar": "demo-behandelaar-key",
    "fiatteur": "demo-fiatteur-key",
    "beleidsbeheerder": "demo-beleid-key",
    "auditor": "demo-auditor-key",
    "service": "demo-intake-service-key",
    "beheerder": "demo-beheerder-key",
}
ROLES_OF_KEY = {"fiatteur": {"fiatteur", "behandelaar"}}
# Service-to-service steps are scoped per calling service (settings.service_scopes): the service key that may
# call an operation, where it is not intake-api's.
SERVICE_CALLER_KEYS = {
    ("intake-api", "aanvragen-report_besluit"): "demo-decision-service-key",
    ("intake-api", "aanvragen-report_status"): "demo-decision-service-key",
    ("intake-api", "aanvragen-report_besluiten"): "demo-decision-service-key",
    ("intake-api", "aanvragen-report_statussen"): "demo-decision-service-key",
}


def key_for(role: str, service: str, operation_id: str) -> str:
    """The demo key a caller in `role` uses for this operation."""
    if role == "service":
        return SERVICE_CALLER_KEYS.get((service, operation_id), KEYS["service"])
    return KEYS[role]


def build_app(name: str, tmp_path: Path, **overrides: Any) -> FastAPI:
    package = SERVICES[name]
    config = importlib.import_module(f"{package}.config")
    main = importlib.import_module(f"{package}.main")
    tmp_path.mkdir(parents=True, exist_ok=True)
    url = migrated_database(REPO / "services" / name, tmp_path, name)
    options: dict[str, Any] = {
        "database_url": url,
        "outbox_enabled": False,
        "log_json": False,
        "rate_limit_enabled": False,
    }
    options.update(overrides)
    app: FastAPI = main.create_app(config.Settings(**options))
    return app


def operations(app: FastAPI) -> list[tuple[str, str, str]]:
    """(method, path, operationId) of every operation of the service's contract (/v1 prefix included)."""
    spec = api_of(app).openapi()
    found = []
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                found.append((method.upper(), "/v1" + path, operation["operationId"]))
    return found
