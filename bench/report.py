"""The results file: bench/results/YYYY-MM-DD-<storage>[-quick][suffix].md and .json."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
import time
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

NOT_OUR_SERVICES = ("bare-endpoint", "postgresql-server")
TARGETS = {
    "intake_ratio": 0.60,
    "e2e_per_s": 400,
    "routing_p99_ms": 20,
    "whatif_per_s": 20_000,
    "rss_mib": 200,
}


def _git(root: Path, *args: str) -> str:
    out = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    return out.stdout.strip()


def git_commit(root: Path) -> str:
    return _git(root, "rev-parse", "--short", "HEAD")


def machine_info(root: Path) -> dict[str, Any]:
    import psutil  # type: ignore[import-untyped]  # bench/requirements.txt, installed by run.py on first use

    model = ""
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    versions: dict[str, str | None] = {}
    for package in ("fastapi", "starlette", "pydantic", "uvicorn", "uvloop", "httptools", "sqlalchemy", "httpx"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    dirty = bool(_git(root, "status", "--porcelain", "--", "services", "libs"))
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "git_commit": git_commit(root),
        "git_dirty_services_or_libs": dirty,
        "packages": versions,
        "cpu_steal_s_at_start": cpu_steal_s(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def machine_speed(bodies: Sequence[bytes], seconds: float = 1.0) -> float:
    """CPU microseconds for intake's schema to validate one application, in this process alone (run it while
    the suite is idle): a fixed piece of the services' own work, measured before and after a run. On a shared
    machine the same code took 30% more CPU per application in one run than in the next."""
    from intake_api.aanvragen.schemas import AanvraagIndienen

    for body in bodies[:50]:
        AanvraagIndienen.model_validate_json(body)
    count = 0
    start = time.process_time()
    while time.process_time() - start < seconds:
        AanvraagIndienen.model_validate_json(bodies[count % len(bodies)])
        count += 1
    return round((time.process_time() - start) / count * 1e6, 1)


def cpu_steal_s() -> float:
    """CPU seconds the hypervisor gave to others while this machine wanted them, since boot (0 elsewhere)."""
    import psutil  # type: ignore[import-untyped]

    return round(getattr(psutil.cpu_times(), "steal", 0.0), 1)


def _ok(good: bool | None) -> str:
    return "n/a" if good is None else ("met" if good else "**not met**")


def _get(d: dict[str, Any], *path: str) -> Any:
    for key in path:
        if not isinstance(d, dict) or key not in d:
            return None
        d = d[key]
    return d


def _steal(m: dict[str, Any]) -> float | str:
    if m.get("cpu_steal_s_at_end") is None:
        return "?"
    return round(float(m["cpu_steal_s_at_end"]) - float(m["cpu_steal_s_at_start"]), 1)


def markdown(r: dict[str, Any]) -> str:
    m = r["machine"]
    dirty = " + uncommitted changes in services/libs" if m["git_dirty_services_or_libs"] else ""
    refused = len(r.get("corpus", {}).get("refused_by_schema", []))
    lines = [
        f"# Benchmark {r['started'][:10]}: {r['storage']} ({r['mode']})",
        "",
        f"Machine: {m['cpus']} CPUs ({m['cpu_model']}), {m['memory_gib']} GiB; Python {m['python']}; "
        f"{m['platform']}; git {m['git_commit']}{dirty}. "
        + (
            f"Services from another checkout: git {r['services_from']['git_commit']} ({r['services_from']['path']}). "
            if r.get("services_from")
            else ""
        )
        + f"Services: uvicorn with {r['workers']} worker(s) each"
        f"{' except ' + str(r.get('service_workers')) if r.get('service_workers') else ''}"
        f"{' (' + r['listening'] + ')' if r.get('listening') else ''}"
        ", own ports, own databases under /tmp"
        + (f"; {m['postgres']}" if m.get("postgres") else "; SQLite WAL, synchronous=NORMAL")
        + f". Run {r['started']} to {r.get('finished', '?')}. "
        "Load generator: asyncio (raw HTTP/1.1 keep-alive client; httpx for control calls) in one process on the "
        "same machine (it competes for the same 2 cores: every figure includes that cost). "
        f"Load average (1/5/15 min) at start {m.get('load_average_at_start')}, at end {m.get('load_average_at_end')}: "
        "the machine is shared with other work."
        + (
            f" Machine speed: intake's schema validated one application in {m['validation_us_at_start']} µs of "
            f"CPU at the start and {m.get('validation_us_at_end')} µs at the end (the harness alone, the suite "
            "idle): a slower machine shows here, a neighbour busy only during the run may not. CPU time stolen by "
            f"the hypervisor during the run: {_steal(m)} s."
            if m.get("validation_us_at_start")
            else ""
        ),
        "",
    ]
    if r.get("not_measured"):
        lines += [f"**Not measured**: {r['not_measured']}", ""]
        return "\n".join(lines)
    if r["config"]["extra_env"]:
        lines += [f"Service settings: `{r['config']['extra_env']}`", ""]

    intake = r.get("intake", {})
    e2e = r.get("end_to_end", {})
    routing = r.get("routing", {})
    whatif = r.get("whatif", {})
    rss = r.get("rss", {})
    # The target is for our services: not the bare endpoint, nor PostgreSQL (whose backends each count the
    # shared buffers in their RSS).
    ours = {k: v for k, v in rss.items() if k not in NOT_OUR_SERVICES}
    worst_rss = max((v["peak_tree_rss_mib"] for v in ours.values()), default=None)
    worst_proc = max((v["peak_process_rss_mib"] for v in ours.values()), default=None)
    rounds = intake.get("rounds", [])
    p50 = sum(x["intake"]["p50_ms"] for x in rounds) / len(rounds) if rounds else None
    p99 = max((x["intake"]["p99_ms"] for x in rounds), default=None)
    seconds = _get(r, "tozo_projection", "seconds_at_e2e_rate")
    drained = _get(r, "tozo_projection", "seconds_at_drained_rate")
    lines += [
        "## Figures and targets",
        "",
        "| figure | measured | target | |",
        "|---|---|---|---|",
        f"| intake accepted/s (intake alone, processing off; {r['plan']['concurrency']} clients) | "
        f"{intake.get('intake_rate')} "
        f"(p50 {p50 and round(p50, 1)} ms, worst p99 {p99} ms) | | |",
        f"| bare FastAPI endpoint, same body validation, /s | {intake.get('bare_rate')} | | |",
        f"| intake / bare ratio | {intake.get('ratio')} | ≥ 0.60 | "
        f"{_ok(intake.get('ratio') >= TARGETS['intake_ratio'] if intake.get('ratio') else None)} |",
        f"| end-to-end applications/s (first POST to last final status, {e2e.get('finished')} applications) | "
        f"{e2e.get('rate_per_s')} | ≥ 400 | {_ok(e2e['rate_per_s'] >= TARGETS['e2e_per_s'] if e2e else None)} |",
        f"| end to end with every beschikking rendered too (decision-api renders after deciding) | "
        f"{e2e.get('rate_drained_per_s')} ({_get(r, 'end_to_end', 'letters', 'new')} letters) | | |",
        f"| 343,000 applications at the end-to-end rate | "
        f"{f'{seconds / 60:.0f} min ({seconds / 3600:.1f} h)' if seconds else '?'}; with the letters "
        f"{f'{drained / 60:.0f} min' if drained else '?'} | < 15 min | "
        f"{_ok(seconds < 900 if seconds else None)} |",
        f"| route determination HTTP p50 / p99 at {routing.get('rate_offered')} req/s open loop | "
        f"{routing.get('p50_ms')} / {routing.get('p99_ms')} ms ({routing.get('ok')} of {routing.get('sent')} ok) | "
        f"p99 < 20 ms | {_ok(routing['p99_ms'] < TARGETS['routing_p99_ms'] if routing.get('p99_ms') else None)} |",
        f"| what-if in process, evaluations/s (rules only / with JSON parsing) | "
        f"{whatif.get('per_s_rules_only')} / {whatif.get('per_s_with_json_parsing')} | ≥ 20,000 | "
        f"{_ok(whatif['per_s_rules_only'] >= TARGETS['whatif_per_s'] if whatif.get('per_s_rules_only') else None)} |",
        f"| what-if over HTTP (NDJSON, {_get(r, 'whatif_http', 'lines')} lines), applications/s | "
        f"{_get(r, 'whatif_http', 'per_s') or _get(r, 'whatif_http', 'error')} | | |",
        f"| peak RSS per service (largest process tree / largest single process) | {worst_rss} / {worst_proc} MiB "
        f"| < 200 MB | {_ok(worst_proc < TARGETS['rss_mib'] if worst_proc else None)} |",
        "",
        "## Details",
        "",
        "Intake against the bare endpoint, interleaved rounds (closed loop, same client, same body mix):",
        "",
        "| round | bare /s | bare p50/p99 ms | intake /s | intake p50/p99 ms | ratio | intake statuses "
        "| connections per worker, bare · intake |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for i, x in enumerate(rounds, 1):
        b, it = x["bare"], x["intake"]
        split = x.get("connections_per_worker") or {}
        lines.append(
            f"| {i} | {b['rate_per_s']} | {b['p50_ms']}/{b['p99_ms']} | {it['rate_per_s']} | "
            f"{it['p50_ms']}/{it['p99_ms']} | {x['ratio']} | {it['statuses']} | "
            f"{_split(split.get('bare'))} · {_split(split.get('intake'))} |"
        )
    if rounds:
        lines += ["", f"CPU seconds in the last round, intake: `{rounds[-1]['cpu_s_intake']}`"]
    if e2e:
        sub = e2e["submitted"]
        lines += [
            "",
            f"End to end: {sub['ok']} submitted at {sub['rate_per_s']}/s (p50 {sub['p50_ms']} ms, p99 "
            f"{sub['p99_ms']} ms, statuses {sub['statuses']}) with processing on; {e2e['finished']} finished "
            f"in {e2e['settle']['seconds']} s (timed out: {e2e['settle']['timed_out']}); every beschikking "
            f"rendered after {_get(r, 'end_to_end', 'letters', 'seconds')} s "
            f"(still to render: {_get(r, 'end_to_end', 'letters', 'still_to_render')}).",
            "",
            f"Cores busy (of {_get(r, 'machine', 'cpus')}, the whole machine): "
            f"{_get(r, 'end_to_end', 'cores_busy', 'while_submitting')} while submitting, "
            f"{_get(r, 'end_to_end', 'cores_busy', 'after_submitting')} after, "
            f"{_get(r, 'end_to_end', 'cores_busy', 'until_last_final_status')} until the last final status, "
            f"{_get(r, 'end_to_end', 'cores_busy', 'rendering_the_rest_of_the_letters')} rendering the rest of the "
            "letters.",
            "",
            "CPU milliseconds per finished application, per process tree (where the 2 cores go), until the last "
            "final status:",
            "",
            "| " + " | ".join(e2e.get("cpu_ms_per_application_until_decided", {})) + " |",
            "|" + "---|" * len(e2e.get("cpu_ms_per_application_until_decided", {})),
            "| " + " | ".join(str(v) for v in e2e.get("cpu_ms_per_application_until_decided", {}).values()) + " |",
            "",
            "and until every beschikking was rendered as well:",
            "",
            "| " + " | ".join(e2e["cpu_ms_per_application"]) + " |",
            "|" + "---|" * len(e2e["cpu_ms_per_application"]),
            "| " + " | ".join(str(v) for v in e2e["cpu_ms_per_application"].values()) + " |",
        ]
    if r.get("statuses"):
        lines += ["", f"Applications by status/route at the end: `{r['statuses']}`; outboxes: `{r.get('outbox')}`"]
    if routing:
        lines += [
            "",
            f"Routing (open loop, latency from the scheduled start): `{ {k: v for k, v in routing.items()} }`",
        ]
    if whatif:
        lines += ["", f"What-if in process: `{whatif}`", "", f"What-if over HTTP: `{r.get('whatif_http')}`"]
    if rss:
        lines += ["", "| process tree | peak tree RSS MiB | peak single-process RSS MiB |", "|---|---|---|"]
        lines += [f"| {k} | {v['peak_tree_rss_mib']} | {v['peak_process_rss_mib']} |" for k, v in rss.items()]
    corpus = r.get("corpus", {})
    lines += [
        "",
        f"Applications: {corpus.get('income_variants')} income-only and {corpus.get('credit_variants')} "
        f"credit/both variants from the 6 demo applications and {corpus.get('personas')} personas; sampled "
        f"income share {corpus.get('income_share')}; refused by intake's schema: {refused}.",
    ]
    for name, prof in (r.get("profiles") or {}).items():
        lines += ["", f"### py-spy: {name} ({prof['samples']} samples, file {prof['file']})", "", "own time:"]
        lines += [f"- {pct}% {frame}" for frame, pct in prof["own"][:10]]
        lines += ["", "inclusive:"]
        lines += [f"- {pct}% {frame}" for frame, pct in prof["inclusive"][:15]]
    lines.append("")
    return "\n".join(lines)


def write(folder: Path, results: dict[str, Any], suffix: str = "") -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    day = dt.date.fromisoformat(results["started"][:10]).isoformat()
    mode = "" if results["mode"] == "default" else f"-{results['mode']}"
    stem = f"{day}-{results['storage']}{mode}{suffix}"
    md = folder / f"{stem}.md"
    js = folder / f"{stem}.json"
    md.write_text(markdown(results), encoding="utf-8")
    js.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    return md, js


def _split(counts: list[int] | None) -> str:
    """Connections per worker, e.g. `41/23`; `?` where not measured (results from before the eleventh round)."""
    return "/".join(str(n) for n in counts) if counts else "?"
