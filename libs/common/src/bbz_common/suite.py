"""Run the four services as separate uvicorn processes on 127.0.0.1: `python -m bbz_common.suite run|up|down`.

`run` migrates, starts all four in the foreground, loads the demo applications and stops all on Ctrl-C;
`up` does the same in the background and returns when all are ready; `down` stops them. The cross-service
tests use the same code with their own ports and databases."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx


@dataclass(frozen=True)
class ServiceSpec:
    name: str
    package: str
    env_prefix: str
    port_offset: int


SERVICES = (
    ServiceSpec("intake-api", "intake_api", "INTAKE_", 1),
    ServiceSpec("routing-api", "routing_api", "ROUTING_", 2),
    ServiceSpec("registers-adapter", "registers_adapter", "REGISTERS_", 3),
    ServiceSpec("decision-api", "decision_api", "DECISION_", 4),
)


def find_repo_root(start: Path | None = None) -> Path:
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "services").is_dir() and (candidate / "libs").is_dir():
            return candidate
    return Path(__file__).resolve().parents[4]


@dataclass
class Suite:
    root: Path
    var_dir: Path
    port_base: int = 8000
    database_urls: dict[str, str] = field(default_factory=dict)
    extra_env: dict[str, str] = field(default_factory=dict)
    workers: int = 1
    # Per service, overriding ``workers`` (e.g. routing-api, which answers every application synchronously).
    service_workers: dict[str, int] = field(default_factory=dict)
    # uvicorn's own --workers, one listening socket shared by the workers, instead of a socket per worker:
    # only to compare the two (bench/run.py --shared-socket).
    shared_socket: bool = False
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def port(self, spec: ServiceSpec) -> int:
        return self.port_base + spec.port_offset

    def url(self, name: str) -> str:
        spec = next(s for s in SERVICES if s.name == name)
        return f"http://127.0.0.1:{self.port(spec)}"

    def database_url(self, spec: ServiceSpec) -> str:
        return self.database_urls.get(spec.name) or f"sqlite+aiosqlite:///{self.var_dir / (spec.name + '.db')}"

    def env_for(self, spec: ServiceSpec) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            {
                f"{spec.env_prefix}DATABASE_URL": self.database_url(spec),
                "INTAKE_REGISTERS_URL": self.url("registers-adapter") + "/v1",
                "INTAKE_ROUTING_URL": self.url("routing-api") + "/v1",
                "INTAKE_DECISION_URL": self.url("decision-api") + "/v1",
                "DECISION_INTAKE_URL": self.url("intake-api") + "/v1",
            }
        )
        env.update(self.extra_env)
        return env

    def migrate(self) -> None:
        self.var_dir.mkdir(parents=True, exist_ok=True)
        for spec in SERVICES:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "alembic",
                    "-c",
                    str(self.root / "services" / spec.name / "alembic.ini"),
                    "upgrade",
                    "head",
                ],
                check=True,
                env=self.env_for(spec),
                cwd=self.root / "services" / spec.name,
            )

    def start(self, names: tuple[str, ...] | None = None) -> None:
        logs = self.var_dir / "log"
        logs.mkdir(parents=True, exist_ok=True)
        for spec in SERVICES:
            if names is not None and spec.name not in names:
                continue
            # uvicorn, with a socket per worker (bbz_common.serve) where a service has more than one.
            cmd = [
                sys.executable, "-m", "uvicorn" if self.shared_socket else "bbz_common.serve",
                f"{spec.package}.main:create_app", "--factory",
                "--host", "127.0.0.1", "--port", str(self.port(spec)), "--no-access-log",
                "--timeout-graceful-shutdown", "5",
                "--workers", str(self.service_workers.get(spec.name, self.workers)),
            ]  # fmt: skip
            log = open(logs / f"{spec.name}.log", "ab")  # noqa: SIM115 (owned by the child process)
            self.processes[spec.name] = subprocess.Popen(
                cmd, env=self.env_for(spec), stdout=log, stderr=subprocess.STDOUT, cwd=self.root, start_new_session=True
            )

    def wait_ready(self, timeout: float = 60.0, names: tuple[str, ...] | None = None) -> None:
        deadline = time.monotonic() + timeout
        for spec in SERVICES:
            if names is not None and spec.name not in names:
                continue
            url = self.url(spec.name) + "/readyz"
            while True:
                proc = self.processes.get(spec.name)
                if proc is not None and proc.poll() is not None:
                    raise RuntimeError(
                        f"{spec.name} exited with {proc.returncode}; see {self.var_dir}/log/{spec.name}.log"
                    )
                try:
                    if httpx.get(url, timeout=1.0).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{spec.name} not ready at {url}")
                time.sleep(0.1)

    def stop(self, names: tuple[str, ...] | None = None, sig: int = signal.SIGTERM) -> None:
        for name, proc in list(self.processes.items()):
            if names is not None and name not in names:
                continue
            if proc.poll() is None:
                os.killpg(proc.pid, sig)
        for name, proc in list(self.processes.items()):
            if names is not None and name not in names:
                continue
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            del self.processes[name]

    def kill(self, name: str) -> None:
        """kill -9: no shutdown, no cleanup (crash tests)."""
        self.stop((name,), sig=signal.SIGKILL)


_RELATIVE_DATE = re.compile(r"^VANDAAG(?:\+(\d+))?$")


def resolve_relative_dates(value: Any, today: dt.date | None = None) -> Any:
    """Demo and example files write dates as `VANDAAG` or `VANDAAG+120` (days), so they never go stale."""
    today = today or dt.date.today()
    if isinstance(value, dict):
        return {k: resolve_relative_dates(v, today) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve_relative_dates(v, today) for v in value]
    if isinstance(value, str) and (match := _RELATIVE_DATE.match(value)):
        return (today + dt.timedelta(days=int(match.group(1) or 0))).isoformat()
    return value


def load_demo(suite: Suite, api_key: str = "demo-vendor-key") -> int:
    """Submit the demo applications in demo/aanvragen (idempotent: the file name is the Idempotency-Key)."""
    folder = suite.root / "demo" / "aanvragen"
    count = 0
    for path in sorted(folder.glob("*.json")):
        body = resolve_relative_dates(json.loads(path.read_text(encoding="utf-8")))
        response = httpx.post(
            suite.url("intake-api") + "/v1/aanvragen",
            json=body,
            headers={"Authorization": f"Bearer {api_key}", "Idempotency-Key": f"demo-{path.stem}"},
            timeout=10,
        )
        if response.status_code in (200, 201):
            count += 1
        else:
            print(f"demo {path.name}: {response.status_code} {response.text}", file=sys.stderr)
    return count


def _pid_file(suite: Suite) -> Path:
    return suite.var_dir / "run" / "suite.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bbz-suite")
    parser.add_argument("command", choices=("run", "up", "down", "migrate"))
    parser.add_argument("--port-base", type=int, default=int(os.environ.get("BBZ_PORT_BASE", "8000")))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("BBZ_WORKERS", "1")))
    parser.add_argument("--no-demo", action="store_true")
    args = parser.parse_args(argv)
    root = find_repo_root()
    suite = Suite(
        root=root,
        var_dir=Path(os.environ.get("BBZ_VAR_DIR", root / "var")),
        port_base=args.port_base,
        workers=args.workers,
    )

    if args.command == "migrate":
        suite.migrate()
        return 0
    if args.command == "down":
        pid_file = _pid_file(suite)
        if not pid_file.exists():
            print("suite is not running")
            return 0
        pids: dict[str, int] = json.loads(pid_file.read_text())
        for pid in pids.values():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        for pid in pids.values():
            while time.monotonic() < deadline:
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                time.sleep(0.1)
        pid_file.unlink()
        print("suite stopped")
        return 0

    if args.command == "run":
        # A stop from outside (kill, a service manager, a CI job ending) stops them as Ctrl-C does, also while
        # they start: the services run in process groups of their own, so nothing else would reach them.
        signal.signal(signal.SIGTERM, _interrupt)
        signal.signal(signal.SIGHUP, _interrupt)
    suite.migrate()
    try:
        suite.start()
        suite.wait_ready()
        if not args.no_demo:
            print(f"loaded {load_demo(suite)} demo applications")
        for spec in SERVICES:
            print(f"{spec.name:18} {suite.url(spec.name)}/v1  (contract: {suite.url(spec.name)}/v1/openapi.json)")
        if args.command == "up":
            _pid_file(suite).parent.mkdir(parents=True, exist_ok=True)
            _pid_file(suite).write_text(json.dumps({n: p.pid for n, p in suite.processes.items()}))
            suite.processes.clear()  # leave them running
            return 0
        print("all four services running; logs in var/log; Ctrl-C stops them", flush=True)
        while all(p.poll() is None for p in suite.processes.values()):
            time.sleep(0.5)
        print("a service exited; stopping the others", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        suite.stop()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":
    raise SystemExit(main())
