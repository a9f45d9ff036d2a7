"""Write or check the committed contracts: openapi/<service>.json from each service's code.

`write` regenerates them; `check` fails (listing the services) when the committed files differ from the code."""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
from pathlib import Path

from openapi_spec_validator import validate

from bbz_common.openapi import dump_openapi

ROOT = Path(__file__).resolve().parents[1]
SERVICES = {
    "intake-api": "intake_api",
    "routing-api": "routing_api",
    "registers-adapter": "registers_adapter",
    "decision-api": "decision_api",
}


def generate(service: str) -> str:
    # No database is opened to build the contract; an in-memory URL keeps it side-effect free.
    prefix = {
        "intake-api": "INTAKE_",
        "routing-api": "ROUTING_",
        "registers-adapter": "REGISTERS_",
        "decision-api": "DECISION_",
    }
    os.environ[f"{prefix[service]}DATABASE_URL"] = "sqlite+aiosqlite:///:memory:"
    module = importlib.import_module(f"{SERVICES[service]}.main")
    app = module.create_app()
    spec = app.state.api.openapi()
    validate(spec)
    return dump_openapi(spec)


def main(mode: str, only: list[str]) -> int:
    out = ROOT / "openapi"
    out.mkdir(exist_ok=True)
    drift = []
    for service in only or list(SERVICES):
        text = generate(service)
        target = out / f"{service}.json"
        if mode == "write":
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(ROOT)}")
        elif not target.exists() or target.read_text(encoding="utf-8") != text:
            drift.append(service)
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as tmp:
                tmp.write(text)
            print(f"DRIFT {service}: committed contract differs from the code (generated copy: {tmp.name})")
    if not only or "intake-api" in only:
        # The JSON Schema of an application that vendors validate against before they post.
        from intake_api import schema_export

        if schema_export.main(mode) != 0:
            drift.append("aanvraag.schema.json")
    if drift:
        print("run `make openapi` and commit the result", file=sys.stderr)
        return 1
    if mode == "check":
        print("contracts match the code")
    return 0


if __name__ == "__main__":
    # scripts/openapi.py write|check [service ...]
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "check", sys.argv[2:]))
