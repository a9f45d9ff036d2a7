"""Rules the compose file must keep, beyond the compose-spec schema (check-jsonschema does that).

    python deploy/checks/compose.py deploy/compose/compose.yaml

- each service has a health check, runs read-only, and starts only after its migration succeeded;
- each migration runs `migrate` with the service's own image and database URL;
- images are pinned (no `latest`, no untagged image);
- registers-adapter shares a network with no service but intake-api, and no port on the host;
- a service's database network holds only PostgreSQL, the service and its migration;
- the PostgreSQL init script is the same in compose and in the dev overlay;
- deploy/docker/constraints.txt pins every run-time dependency (a warning: `make deploy-constraints`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

SERVICES = {
    "intake-api": "INTAKE_",
    "routing-api": "ROUTING_",
    "registers-adapter": "REGISTERS_",
    "decision-api": "DECISION_",
}
DEPLOY = Path(__file__).resolve().parents[1]


def networks_of(service: dict[str, Any]) -> set[str]:
    networks = service.get("networks") or []
    return set(networks if isinstance(networks, list) else networks.keys())


def check(path: Path) -> list[str]:
    compose = yaml.safe_load(path.read_text(encoding="utf-8"))
    services: dict[str, Any] = compose["services"]
    problems: list[str] = []

    def require(condition: bool, message: str) -> None:
        if not condition:
            problems.append(message)

    for name, service in services.items():
        image = service.get("image", "")
        require(
            ":" in image.rsplit("/", 1)[-1] and not image.endswith(":latest"), f"{name}: image {image!r} is not pinned"
        )
    for name, prefix in SERVICES.items():
        service, migrate = services.get(name), services.get(f"{name}-migrate")
        if service is None or migrate is None:
            problems.append(f"{name}: service or {name}-migrate missing")
            continue
        require("healthcheck" in service, f"{name}: no health check")
        require(service.get("read_only") is True, f"{name}: not read-only")
        require(
            (service.get("depends_on") or {}).get(f"{name}-migrate", {}).get("condition")
            == "service_completed_successfully",
            f"{name}: does not wait for {name}-migrate",
        )
        require(migrate.get("command") == ["migrate"], f"{name}-migrate: does not run `migrate`")
        require(migrate.get("image") == service.get("image"), f"{name}-migrate: another image than {name}")
        url_key = f"{prefix}DATABASE_URL"
        require(migrate.get("environment", {}).get(url_key) == service.get("environment", {}).get(url_key),
                f"{name}-migrate: another {url_key} than {name}")  # fmt: skip
        require(all(k.startswith(prefix) for k in service.get("environment", {})), f"{name}: a setting lacks {prefix}")

    registers = services.get("registers-adapter", {})
    require(not registers.get("ports"), "registers-adapter: publishes a port on the host")
    for other in SERVICES:
        if other in ("registers-adapter", "intake-api"):
            continue
        shared = networks_of(registers) & networks_of(services.get(other, {}))
        require(not shared, f"registers-adapter shares {sorted(shared)} with {other}: only intake-api may call it")
    for network in compose.get("networks", {}):
        if network.startswith("db-"):
            members = {n for n, s in services.items() if network in networks_of(s)}
            owner = next((s for s in SERVICES if s.startswith(network[3:])), None)
            require(owner is not None and members == {"postgres", owner, f"{owner}-migrate"},
                    f"network {network}: {sorted(members)}")  # fmt: skip

    init_compose = DEPLOY / "postgres" / "init-databases.sh"
    init_dev = DEPLOY / "k8s" / "overlays" / "dev" / "postgres" / "init-databases.sh"
    require(init_compose.read_bytes() == init_dev.read_bytes(), f"{init_dev} differs from {init_compose}")
    return problems


def missing_constraints() -> list[str]:
    sys.path.insert(0, str(DEPLOY / "docker"))
    try:
        from freeze_constraints import canonical, closure
    except Exception as exc:  # the packages are not installed here: nothing to compare
        return [f"(constraints not compared: {exc})"]
    pinned = {
        canonical(line.split("==")[0])
        for line in (DEPLOY / "docker" / "constraints.txt").read_text().splitlines()
        if "==" in line
    }
    return sorted(set(closure()) - pinned)


def main(paths: list[str]) -> int:
    problems = [p for path in paths for p in check(Path(path))]
    for problem in problems:
        print(f"compose: {problem}", file=sys.stderr)
    missing = missing_constraints()
    if missing:
        print(f"compose: WARNING deploy/docker/constraints.txt does not pin {missing}; run `make deploy-constraints`")
    if not problems:
        print("compose: the file keeps the rules (health checks, migrations first, pinned images, layering)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
