"""`make bench`: a national Tozo-size peak on one small machine (issue 9).

Starts the four services as in production (uvicorn, `--workers N`) on their own ports (BBZ_PORT_BASE, default
9900) with their own databases under /tmp, drives them with an asyncio httpx load generator (loopback only,
bounded in count and time) and writes bench/results/YYYY-MM-DD-<storage>.md and .json. Every figure comes
from the same run on the same machine; the targets are reported, never asserted.

    .venv/bin/python bench/run.py                      # SQLite, the default run (< 10 minutes)
    .venv/bin/python bench/run.py --quick              # ~1-2 minutes
    .venv/bin/python bench/run.py --storage postgres   # a throw-away PostgreSQL 15 cluster (deploy/postgres)
    .venv/bin/python bench/run.py --profile            # also py-spy each service during the end-to-end phase
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import datetime as dt
import importlib.util
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def ensure_tools() -> None:
    """psutil, py-spy and pyinstrument into the repo .venv (bench/requirements.txt), once."""
    missing = [m for m in ("psutil", "pyinstrument") if importlib.util.find_spec(m) is None]
    if missing or not (Path(sys.executable).parent / "py-spy").exists():
        print(f"bench: installing bench/requirements.txt ({', '.join(missing) or 'py-spy'})", flush=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "-r", str(ROOT / "bench" / "requirements.txt")],
            check=True,
        )


ensure_tools()

import httpx  # noqa: E402

from bbz_common.suite import SERVICES, Suite  # noqa: E402
from bench import report  # noqa: E402
from bench.apps import build_corpus, distinct_periods  # noqa: E402
from bench.loadgen import closed_loop, open_loop  # noqa: E402
from bench.monitor import Monitor, connections_per_process, cores_busy, cpu_delta, machine_times  # noqa: E402
from bench.observe import Observer  # noqa: E402
from bench.profiling import Profiler  # noqa: E402

VENDOR = {"Authorization": "Bearer demo-vendor-key"}
SERVICE = {"Authorization": "Bearer demo-intake-service-key"}
POLICY = {"Authorization": "Bearer demo-beleid-key"}
TOZO_APPLICATIONS = 343_000
# The abuse limits (bbz_common.ratelimit: 100 requests/s per API key) would cap one vendor key, and every
# service-to-service hop, at 100/s: off for the bench, and reported. routing-api's what-if endpoint takes
# NDJSON, which the default media-type check refuses (reported): allowed here so that it can be measured.
SERVICE_ENV = {
    **{f"{spec.env_prefix}RATE_LIMIT_ENABLED": "false" for spec in SERVICES},
    "ROUTING_ACCEPTED_MEDIA_TYPES": '["application/json", "application/*+json", "application/x-ndjson"]',
}


@dataclass(frozen=True)
class Plan:
    rounds: int  # bare/intake rounds, interleaved so that noise hits both alike
    round_s: float
    concurrency: int
    e2e_n: int
    e2e_concurrency: int
    settle_timeout_s: float
    routing_rate: float
    routing_s: float
    whatif_n: int
    http_whatif_n: int


PLANS = {
    "quick": Plan(1, 5, 64, 400, 32, 120, 500, 8, 20_000, 5_000),
    "default": Plan(3, 10, 64, 6000, 32, 300, 500, 15, 100_000, 20_000),
}


CORES = os.cpu_count() or 1


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# ---- storage ----------------------------------------------------------------------------------------


class Postgres:
    """deploy/postgres/throwaway.sh: a PostgreSQL 15 cluster on a free loopback port, deleted afterwards."""

    def __init__(self) -> None:
        self.script = ROOT / "deploy" / "postgres" / "throwaway.sh"
        self.dir = f"/tmp/bbz-bench-pg-{os.getpid()}"
        self.url: str | None = None

    def available(self) -> str | None:
        if not self.script.exists():
            return "deploy/postgres/throwaway.sh is not in this checkout"
        return None

    def start(self) -> str:
        env = {**os.environ, "BBZ_PG_DIR": self.dir}
        out = subprocess.run([str(self.script), "start"], env=env, check=True, capture_output=True, text=True)
        line = next(x for x in out.stdout.splitlines() if "BBZ_TEST_POSTGRES_URL=" in x)
        self.url = line.split("=", 1)[1].strip().strip("'")
        return self.url

    def stop(self) -> None:
        env = {**os.environ, "BBZ_PG_DIR": self.dir}
        subprocess.run([str(self.script), "stop"], env=env, check=False, capture_output=True)

    def server_pid(self) -> int | None:
        """The postmaster's pid: its process tree is every backend, so the server's CPU is measured too."""
        try:
            return int((Path(self.dir) / "data" / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def server_version(self) -> str:
        try:
            out = subprocess.run(["psql", "--version"], capture_output=True, text=True, check=False)
            return out.stdout.strip()
        except OSError:
            return "?"


# ---- processes ----------------------------------------------------------------------------------------


def start_bare(port: int, workers: int, var_dir: Path, shared_socket: bool = False) -> subprocess.Popen[bytes]:
    # Served as the services are (bbz_common.suite): a socket per worker unless --shared-socket.
    cmd = [
        sys.executable, "-m", "uvicorn" if shared_socket else "bbz_common.serve", "bench.bare_app:app",
        "--host", "127.0.0.1", "--port", str(port),
        "--no-access-log", "--timeout-graceful-shutdown", "5", "--workers", str(workers),
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    log_file = open(var_dir / "log" / "bare-endpoint.log", "ab")  # noqa: SIM115 (owned by the child)
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"bare endpoint exited; see {var_dir}/log/bare-endpoint.log")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return proc
        time.sleep(0.1)
    raise TimeoutError("bare endpoint not ready")


def stop_process(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def migrate_one(suite: Suite, name: str) -> None:
    spec = next(s for s in SERVICES if s.name == name)
    suite.var_dir.mkdir(parents=True, exist_ok=True)
    folder = ROOT / "services" / name
    subprocess.run(
        [sys.executable, "-m", "alembic", "-c", str(folder / "alembic.ini"), "upgrade", "head"],
        check=True,
        env=suite.env_for(spec),
        cwd=folder,
        capture_output=True,
    )


# ---- phases ------------------------------------------------------------------------------------------


async def settle(observer: Observer, expected_total: int, timeout_s: float, started: float) -> dict[str, Any]:
    """Wait until every application is finished, or nothing moves any more, or the time is up."""
    deadline = time.monotonic() + timeout_s
    stable = 0
    previous: tuple[int, int] | None = None
    progress = await observer.progress()
    while time.monotonic() < deadline:
        progress = await observer.progress()
        if progress.total >= expected_total and progress.final >= progress.total:
            break
        state = (progress.final, progress.outbox_pending)
        stable = stable + 1 if (state == previous and progress.outbox_pending == 0) else 0
        if stable >= 5:  # nothing pending and nothing finishing: the rest is stuck (reported)
            break
        previous = state
        await asyncio.sleep(0.5)
    last = progress.last_change.timestamp() if progress.last_change else time.time()
    return {
        "total": progress.total,
        "final": progress.final,
        "timed_out": time.monotonic() >= deadline,
        "last_final_wall": last,
        "seconds": round(last - started, 3),
    }


def bodies(corpus_seq: list[bytes]) -> Any:
    return lambda i: corpus_seq[i % len(corpus_seq)]


async def intake_vs_bare(plan: Plan, suite: Suite, bare_url: str, body: Any, monitor: Monitor) -> dict[str, Any]:
    intake_url = suite.url("intake-api") + "/v1/aanvragen"
    # Warm both up (imports, connection pools, SQLite page cache).
    await closed_loop(bare_url, body, VENDOR, concurrency=8, duration_s=1.5, max_requests=500)
    await closed_loop(intake_url, body, VENDOR, concurrency=8, duration_s=1.5, max_requests=300)
    rounds: list[dict[str, Any]] = []

    async def measured(url: str, name: str) -> tuple[Any, list[int]]:
        # Halfway through the round: how its connections fell on the workers.
        run = asyncio.ensure_future(
            closed_loop(url, body, VENDOR, concurrency=plan.concurrency, duration_s=plan.round_s, max_requests=10**7)
        )
        await asyncio.sleep(plan.round_s / 2)
        port = httpx.URL(url).port or 80
        split = await asyncio.to_thread(connections_per_process, monitor.pids[name], port)
        return await run, split

    for r in range(plan.rounds):
        cpu0 = monitor.cpu()
        bare, bare_split = await measured(bare_url, "bare-endpoint")
        cpu1 = monitor.cpu()
        intake, intake_split = await measured(intake_url, "intake-api (accept only)")
        cpu2 = monitor.cpu()
        ratio = intake.rate / bare.rate if bare.rate else 0.0
        log(
            f"round {r + 1}: bare {bare.rate:.0f}/s ({bare_split}), intake {intake.rate:.0f}/s ({intake_split}) "
            f"({ratio:.0%})"
        )
        rounds.append(
            {
                "bare": bare.summary(),
                "intake": intake.summary(),
                "ratio": round(ratio, 3),
                "cpu_s_bare": cpu_delta(cpu0, cpu1),
                "cpu_s_intake": cpu_delta(cpu1, cpu2),
                "connections_per_worker": {"bare": bare_split, "intake": intake_split},
            }
        )
    bare_rate = sum(r["bare"]["rate_per_s"] for r in rounds) / len(rounds)
    intake_rate = sum(r["intake"]["rate_per_s"] for r in rounds) / len(rounds)
    return {
        "rounds": rounds,
        "bare_rate": round(bare_rate, 1),
        "intake_rate": round(intake_rate, 1),
        "ratio": round(intake_rate / bare_rate, 3) if bare_rate else None,
    }


async def end_to_end(
    plan: Plan, suite: Suite, observer: Observer, body: Any, monitor: Monitor, profiler: Profiler | None
) -> dict[str, Any]:
    before = await observer.progress()
    letters_before = await observer.letters()
    cpu0 = monitor.cpu()
    machine0 = machine_times()
    if profiler is not None:
        profiler.start({name: p.pid for name, p in suite.processes.items()})
    submitted = await closed_loop(
        suite.url("intake-api") + "/v1/aanvragen",
        body,
        VENDOR,
        concurrency=plan.e2e_concurrency,
        duration_s=plan.settle_timeout_s,
        max_requests=plan.e2e_n,
    )
    log(f"end-to-end: {submitted.ok} submitted at {submitted.rate:.0f}/s; waiting for the pipeline")
    machine_submitted = machine_times()
    done = await settle(observer, before.total + submitted.ok, plan.settle_timeout_s, submitted.first_send_wall)
    cpu_decided = cpu_delta(cpu0, monitor.cpu())
    machine_decided = machine_times()
    letters = await drain_letters(observer, letters_before, plan.settle_timeout_s, submitted.first_send_wall)
    letters["seconds"] = max(letters["seconds"], done["seconds"])
    machine_letters = machine_times()
    if profiler is not None:
        profiler.stop()
    cpu1 = monitor.cpu()
    finished = done["final"] - before.final
    rate = finished / done["seconds"] if done["seconds"] > 0 else 0.0
    drained_rate = finished / letters["seconds"] if letters["seconds"] > 0 else 0.0
    cpu = cpu_delta(cpu0, cpu1)
    return {
        "submitted": submitted.summary(),
        "finished": finished,
        "settle": done,
        "rate_per_s": round(rate, 1),
        "letters": letters,
        "rate_drained_per_s": round(drained_rate, 1),
        "cpu_s": cpu,
        # Of the machine's cores, how many were busy: all of them is a pipeline bound by CPU, fewer is one
        # that waits somewhere (a stage's concurrency, a poll, a lock).
        "cores_busy": {
            "while_submitting": cores_busy(machine0, machine_submitted, CORES),
            "after_submitting": cores_busy(machine_submitted, machine_decided, CORES),
            "until_last_final_status": cores_busy(machine0, machine_decided, CORES),
            "rendering_the_rest_of_the_letters": cores_busy(machine_decided, machine_letters, CORES),
        },
        "cpu_ms_per_application": {k: round(v * 1000 / max(1, finished), 2) for k, v in cpu.items()},
        "cpu_ms_per_application_until_decided": {
            k: round(v * 1000 / max(1, finished), 2) for k, v in cpu_decided.items()
        },
    }


async def drain_letters(
    observer: Observer, before: tuple[int, int, Any], timeout_s: float, started: float
) -> dict[str, Any]:
    """decision-api renders beschikkingen after the decision (when deciding pauses): wait for that backlog
    too, so the CPU it takes is counted and the drained time is known."""
    deadline = time.monotonic() + timeout_s
    total, pending, last = await observer.letters()
    while pending > 0 and time.monotonic() < deadline:
        await asyncio.sleep(0.5)
        total, pending, last = await observer.letters()
    end = last.timestamp() if last is not None and total > before[0] else time.time()
    return {
        "new": total - before[0],
        "still_to_render": pending,
        "timed_out": pending > 0,
        "seconds": round(max(end, started) - started, 3),
    }


async def routing_http(plan: Plan, suite: Suite, observer: Observer, monitor: Monitor) -> dict[str, Any]:
    inputs = await observer.routing_inputs(2000)
    if not inputs:
        return {"error": "no recorded route determinations to replay"}
    total = int(plan.routing_rate * plan.routing_s)
    seq = [json.dumps({**inputs[i % len(inputs)], "aanvraagId": str(uuid.uuid4())}).encode() for i in range(total)]
    url = suite.url("routing-api") + "/v1/routeringen"
    await open_loop(url, bodies(seq), SERVICE, rate=100, duration_s=2)
    cpu0 = monitor.cpu()
    result = await open_loop(url, bodies(seq), SERVICE, rate=plan.routing_rate, duration_s=plan.routing_s)
    cpu1 = monitor.cpu()
    log(f"routing: {result.summary()['p50_ms']} / {result.summary()['p99_ms']} ms at {plan.routing_rate}/s")
    return {
        "rate_offered": plan.routing_rate,
        "distinct_inputs": len(inputs),
        **result.summary(),
        "cpu_s": cpu_delta(cpu0, cpu1),
    }


def whatif_in_process(inputs: list[dict[str, Any]], n: int) -> dict[str, Any]:
    """The pure rule function of routing-api, timed over many generated requests in this process."""
    try:
        from routing_api.beleid.service import builtin_versions
        from routing_api.regels.afhandelroutes import bepaal_alleen_route
        from routing_api.routering.schemas import RouteringVerzoek
    except ImportError as exc:
        return {"error": f"routing_api has no pure rule function to import: {exc}"}
    today = dt.date.today()
    versions = [v for v in builtin_versions() if v.gemeentecode is None and v.geldig_op(today)] or list(
        builtin_versions()
    )
    beleid = max(versions, key=lambda v: v.geldigVanaf)
    raw = [json.dumps(i).encode() for i in inputs]
    parsed = [RouteringVerzoek.model_validate_json(r) for r in raw]
    for v in parsed[:200]:
        bepaal_alleen_route(v, beleid)  # warm
    t0 = time.perf_counter()
    routes: dict[str, int] = {}
    for i in range(n):
        route = bepaal_alleen_route(parsed[i % len(parsed)], beleid)
        routes[str(route)] = routes.get(str(route), 0) + 1
    evaluate_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for i in range(n):
        bepaal_alleen_route(RouteringVerzoek.model_validate_json(raw[i % len(raw)]), beleid)
    parse_s = time.perf_counter() - t0
    return {
        "policy": beleid.id,
        "evaluations": n,
        "distinct_inputs": len(parsed),
        "per_s_rules_only": round(n / evaluate_s),
        "per_s_with_json_parsing": round(n / parse_s),
        "routes": routes,
    }


async def whatif_http(suite: Suite, inputs: list[dict[str, Any]], n: int) -> dict[str, Any]:
    base = suite.url("routing-api") + "/v1"
    async with httpx.AsyncClient(timeout=300, trust_env=False) as client:
        versions = (await client.get(base + "/beleidsversies", headers=POLICY)).json()
        active = [v for v in versions if v.get("status") == "actief"]
        if not active:
            return {"error": "no active policy version"}
        candidate = active[-1]["id"]
        lines = b"\n".join(
            json.dumps({**inputs[i % len(inputs)], "aanvraagId": str(uuid.uuid4())}).encode() for i in range(n)
        )
        t0 = time.perf_counter()
        response = await client.post(
            base + "/wat-als-analyses",
            params={"kandidaatBeleidsversieId": candidate, "maxGewijzigd": 100},
            content=lines,
            headers={**POLICY, "Content-Type": "application/x-ndjson"},
        )
        elapsed = time.perf_counter() - t0
    if response.status_code != 200:
        return {"error": f"{response.status_code}: {response.text[:300]}"}
    return {
        "candidate": candidate,
        "lines": n,
        "seconds": round(elapsed, 3),
        "per_s": round(n / elapsed),
        "counted": response.json().get("aantal"),
    }


# ---- the run -----------------------------------------------------------------------------------------


async def run(args: argparse.Namespace) -> dict[str, Any]:
    plan = PLANS["quick" if args.quick else "default"]
    if args.e2e_applications is not None:
        plan = dataclasses.replace(plan, e2e_n=args.e2e_applications)
    results: dict[str, Any] = {
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "mode": "quick" if args.quick else "default",
        "storage": args.storage,
        "workers": args.workers,
        "service_workers": dict(args.service_workers),
        "listening": "one socket shared by the workers" if args.shared_socket else "a socket per worker",
        "plan": plan.__dict__,
        "machine": report.machine_info(ROOT),
        "config": {"extra_env": {**SERVICE_ENV, **dict(args.env)}},
    }
    corpus = build_corpus(ROOT)
    rng = random.Random(2020)
    picks = [corpus.sample(rng) for _ in range(4000)]
    income = sum(1 for p in picks if p["aanvraag"]["typeAanvraag"] == "inkomensaanvullende-uitkering")
    results["corpus"] = {
        "personas": corpus.personas,
        "income_variants": len(corpus.income),
        "credit_variants": len(corpus.credit),
        "refused_by_schema": corpus.refused,
        "income_share": round(income / len(picks), 3),
    }
    seq = [json.dumps(p).encode() for p in picks]
    body = bodies(seq)
    results["machine"]["validation_us_at_start"] = report.machine_speed(seq)
    # End to end, every application of an applicant gets its own period: no possible duplicates.
    e2e_picks = distinct_periods([corpus.sample(rng) for _ in range(plan.e2e_n)])
    e2e_body = bodies([json.dumps(p).encode() for p in e2e_picks])

    var_dir = Path(tempfile.mkdtemp(prefix=f"bbz-bench-{args.storage}-"))
    (var_dir / "log").mkdir()
    postgres: Postgres | None = None
    database_urls: dict[str, str] = {}
    if args.storage == "postgres":
        postgres = Postgres()
        reason = postgres.available()
        if reason:
            results["not_measured"] = reason
            return results
        log("starting a throw-away PostgreSQL cluster")
        from bbz_common.pgsuite import suite_database_urls

        database_urls = suite_database_urls(base_url=postgres.start())
        results["machine"]["postgres"] = postgres.server_version() + " (throw-away cluster: fsync=off)"
    env = {**SERVICE_ENV, **dict(args.env)}
    services_root = ROOT
    if args.services_from is not None:
        # Another revision's services (and common library and migrations) under this revision's harness: an
        # A/B of the services' code with the same load (bench/ab.py).
        services_root = args.services_from.resolve()
        env["PYTHONPATH"] = os.pathsep.join(str(p) for p in source_dirs(services_root))
        results["services_from"] = {"path": str(services_root), "git_commit": report.git_commit(services_root)}
    suite = Suite(services_root, var_dir, port_base=args.port_base, database_urls=database_urls, extra_env=env)
    suite.workers = args.workers
    suite.service_workers = dict(args.service_workers)
    suite.shared_socket = args.shared_socket
    # Intake on its own (own database and port, processing off) for the accept figure against the bare
    # endpoint: the pipeline's work would otherwise share the cores during the comparison.
    solo_urls = {}
    if postgres is not None and postgres.url:
        from bbz_common.pgsuite import create_service_database

        solo_urls = {"intake-api": create_service_database(postgres.url, "intake-api")}
    solo = Suite(
        services_root,
        var_dir / "intake-only",
        port_base=args.port_base + 10,
        database_urls=solo_urls,
        extra_env={**env, "INTAKE_OUTBOX_ENABLED": "false"},
    )
    # Intake alone and the bare endpoint run with the same number of workers: a fair ceiling.
    solo.workers = suite.service_workers.get("intake-api", args.workers)
    solo.shared_socket = args.shared_socket
    monitor = Monitor()
    observer: Observer | None = None
    bare: subprocess.Popen[bytes] | None = None
    profiler = Profiler(ROOT / "bench" / "results" / "profiles", args.storage) if args.profile else None
    try:
        log(f"migrating and starting the suite ({args.storage}, {args.workers} worker(s)) in {var_dir}")
        suite.migrate()
        suite.start()
        migrate_one(solo, "intake-api")
        solo.start(("intake-api",))
        suite.wait_ready(timeout=120)
        solo.wait_ready(timeout=120, names=("intake-api",))
        for name, proc in suite.processes.items():
            monitor.watch(name, proc.pid)
        monitor.watch("intake-api (accept only)", solo.processes["intake-api"].pid)
        bare_port = args.port_base + 9
        bare = start_bare(bare_port, solo.workers, var_dir, shared_socket=args.shared_socket)
        monitor.watch("bare-endpoint", bare.pid)
        server_pid = postgres.server_pid() if postgres is not None else None
        if server_pid is not None:
            # One cluster serves the suite and intake on its own: in each phase, the CPU of the one at work.
            monitor.watch("postgresql-server", server_pid)
        monitor.start()
        observer = Observer({spec.name: suite.database_url(spec) for spec in SERVICES})

        if "intake" in args.phases:
            log("phase 1: intake (on its own, processing off) against the bare endpoint")
            results["intake"] = await intake_vs_bare(
                plan, solo, f"http://127.0.0.1:{bare_port}/v1/aanvragen", body, monitor
            )
        stop_process(bare)
        bare = None
        solo.stop()

        if "e2e" in args.phases:
            log(f"phase 2: end to end, {plan.e2e_n} applications")
            results["end_to_end"] = await end_to_end(plan, suite, observer, e2e_body, monitor, profiler)
            e2e_rate = results["end_to_end"]["rate_per_s"]
            drained_rate = results["end_to_end"]["rate_drained_per_s"]
            log(f"end-to-end: {e2e_rate}/s decided, {drained_rate}/s with every beschikking rendered")
            results["tozo_projection"] = {
                "applications": TOZO_APPLICATIONS,
                "seconds_at_e2e_rate": round(TOZO_APPLICATIONS / e2e_rate) if e2e_rate else None,
                "seconds_at_drained_rate": round(TOZO_APPLICATIONS / drained_rate) if drained_rate else None,
            }
            results["statuses"] = await observer.routes()
            results["outbox"] = await observer.outbox()

        if "routing" in args.phases:
            log("phase 3: route determination over HTTP at a fixed rate")
            results["routing"] = await routing_http(plan, suite, observer, monitor)

        if "whatif" in args.phases:
            log("phase 4: what-if, in process and over HTTP")
            inputs = await observer.routing_inputs(2000)
            results["whatif"] = whatif_in_process(inputs, plan.whatif_n) if inputs else {"error": "no inputs"}
            try:
                results["whatif_http"] = await whatif_http(suite, inputs, plan.http_whatif_n) if inputs else {}
            except Exception as exc:
                results["whatif_http"] = {"error": repr(exc)[:300]}
        monitor.sample()
        results["rss"] = monitor.report()
        if profiler is not None:
            results["profiles"] = profiler.summaries()
    finally:
        monitor.stop()
        if observer is not None:
            await observer.close()
        if bare is not None:
            stop_process(bare)
        solo.stop()
        suite.stop()
        if postgres is not None:
            postgres.stop()
        if not args.keep:
            shutil.rmtree(var_dir, ignore_errors=True)
        else:
            log(f"kept {var_dir}")
    results["finished"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["machine"]["cpu_steal_s_at_end"] = report.cpu_steal_s()
    results["machine"]["validation_us_at_end"] = report.machine_speed(seq)
    return results


DEFAULT_SERVICE_WORKERS = {"intake-api": 2, "routing-api": 2}


def source_dirs(root: Path) -> list[Path]:
    """The import roots of a checkout: the common library and each service."""
    return [root / "libs" / "common" / "src", *sorted((root / "services").glob("*/src"))]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--storage", choices=("sqlite", "postgres", "both"), default="sqlite")
    parser.add_argument("--quick", action="store_true", help="about 1-2 minutes per storage")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("BBZ_BENCH_WORKERS", "1")))
    parser.add_argument(
        "--service-workers",
        action="append",
        default=[],
        type=lambda s: (s.split("=", 1)[0], int(s.split("=", 1)[1])),
        help="SERVICE=N workers for one service (overrides --workers; default intake-api=2 and routing-api=2)",
    )
    parser.add_argument(
        "--shared-socket",
        action="store_true",
        help="uvicorn's own --workers (one listening socket shared by the workers) instead of a socket per worker",
    )
    parser.add_argument("--port-base", type=int, default=int(os.environ.get("BBZ_PORT_BASE", "9900")))
    parser.add_argument("--profile", action="store_true", help="py-spy the services in the end-to-end phase")
    parser.add_argument("--suffix", default="", help="results file name suffix, e.g. -before")
    parser.add_argument("--keep", action="store_true", help="keep the var dir (databases, logs)")
    parser.add_argument(
        "--phases",
        default="intake,e2e,routing,whatif",
        type=lambda s: set(s.split(",")),
        help="comma-separated subset of intake,e2e,routing,whatif (routing and what-if replay e2e's inputs)",
    )
    parser.add_argument(
        "--e2e-applications",
        type=int,
        help="applications in the end-to-end phase (default 6000; 400 with --quick)",
    )
    parser.add_argument("--no-write", action="store_true", help="print only; write no results file")
    parser.add_argument("--json-out", type=Path, help="also write the raw figures to this JSON file")
    parser.add_argument(
        "--services-from",
        type=Path,
        help="a checkout of another revision: its services, common library and migrations run under this harness",
    )
    parser.add_argument(
        "--env", action="append", default=[], type=lambda s: tuple(s.split("=", 1)), help="NAME=VALUE for services"
    )
    args = parser.parse_args(argv)
    # As in production: the two services on every application's synchronous path get a worker per core.
    args.service_workers = [*DEFAULT_SERVICE_WORKERS.items(), *args.service_workers]
    if args.port_base in range(7990, 8010):
        parser.error("the default ports 8001-8004 belong to `make run`; choose another --port-base")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    storages = ("sqlite", "postgres") if args.storage == "both" else (args.storage,)
    for storage in storages:
        args.storage = storage
        try:
            import uvloop  # the services run on uvloop; so does the load generator

            results = uvloop.run(run(args))
        except ImportError:
            results = asyncio.run(run(args))
        text = report.markdown(results)
        print(text)
        if args.json_out is not None:
            args.json_out.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
        if not args.no_write:
            md, js = report.write(ROOT / "bench" / "results", results, args.suffix)
            log(f"wrote {md.relative_to(ROOT)} and {js.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
