"""A/B of the end-to-end phase: this checkout's services against another revision's, in one session.

    .venv/bin/python bench/ab.py --base 99ac5dd                 # 2 rounds: A B B A  A B B A
    .venv/bin/python bench/ab.py --base HEAD~3 --rounds 3 -- --env INTAKE_BULK_CALLS=false

Both sides run under this checkout's harness (same corpus, load generator and measurement); only the services,
the common library and the migrations differ (the base's come from a temporary git worktree, passed to
``run.py --services-from``). The runs alternate A B B A per round, because the order of a pair is not neutral
here: on 2026-11-24, alternating A B A B, the first run of each pair was the faster by up to 8% whichever code
it ran. The report gives each run's rate and CPU per application per service, each side's mean, and this side's
means over the base's, and each service's largest process at its peak (RSS).
Extra arguments after ``--`` go to every ``run.py``. Nothing is written to bench/results.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

# The process trees whose CPU per application is compared (PostgreSQL's own server with --storage postgres).
SERVICES = ("intake-api", "routing-api", "registers-adapter", "decision-api", "postgresql-server", "load-generator")
# The services whose largest process's peak RSS is compared (the 200 MB target is per service process).
MEMORY = ("intake-api", "routing-api", "registers-adapter", "decision-api")
THIS, BASE = "this", "base"


def order(rounds: int) -> list[str]:
    """The sides in the order they run: A B B A per round, so each side runs first as often as second."""
    return [THIS, BASE, BASE, THIS] * rounds


def run_once(side: str, tree: Path, port_base: int, extra: list[str], out: Path) -> dict[str, Any]:
    cmd = [sys.executable, str(ROOT / "bench" / "run.py"), "--phases", "e2e", "--no-write"]
    cmd += ["--port-base", str(port_base), "--json-out", str(out), *extra]
    if side == BASE:
        cmd += ["--services-from", str(tree)]
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    results: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    e2e = results["end_to_end"]
    cpu = e2e["cpu_ms_per_application_until_decided"]
    return {
        "side": side,
        "rate_per_s": e2e["rate_per_s"],
        "cpu_ms": {name: cpu.get(name, 0.0) for name in SERVICES},
        "rss_mib": {name: results["rss"].get(name, {}).get("peak_process_rss_mib", 0.0) for name in MEMORY},
        "load_average_at_start": results["machine"]["load_average_at_start"][0],
        "validation_us": results["machine"].get("validation_us_at_start"),
    }


def summary(runs: list[dict[str, Any]], this: str, base: str) -> str:
    head = "| run | side | load | validation µs | applications/s | "
    head += " | ".join(f"{s} ms" for s in SERVICES) + " | CPU ms | "
    head += " | ".join(f"{s} MiB" for s in MEMORY) + " |"
    lines = [head, "|" + "---|" * (6 + len(SERVICES) + len(MEMORY))]
    for n, r in enumerate(runs, 1):
        cpu = r["cpu_ms"]
        cells = " | ".join(f"{cpu[s]:.2f}" for s in SERVICES) + f" | {sum(cpu.values()):.2f} | "
        cells += " | ".join(f"{r['rss_mib'][s]:.0f}" for s in MEMORY)
        speed = r.get("validation_us")
        lines.append(f"| {n} | {r['side']} | {r['load_average_at_start']} | {speed} | {r['rate_per_s']} | {cells} |")
    means: dict[str, tuple[float, float]] = {}
    for side in (THIS, BASE):
        mine = [r for r in runs if r["side"] == side]
        rate = statistics.mean(r["rate_per_s"] for r in mine)
        cpu = statistics.mean(sum(r["cpu_ms"].values()) for r in mine)
        rss = " | ".join(f"{statistics.mean(r['rss_mib'][s] for r in mine):.0f}" for s in MEMORY)
        means[side] = (rate, cpu)
        lines.append(f"| mean | {side} | | | {rate:.1f} | " + " | " * len(SERVICES) + f"{cpu:.2f} | {rss} |")
    (rate_a, cpu_a), (rate_b, cpu_b) = means[THIS], means[BASE]
    lines += [
        "",
        f"this checkout ({this}) against {base}: applications/s {rate_a / rate_b:.3f}x, "
        f"CPU per application {cpu_a / cpu_b:.3f}x",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/ab.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="the revision to compare against (anything git accepts)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of A B B A (default 2: 4 runs a side)")
    parser.add_argument("--port-base", type=int, default=9920)
    parser.add_argument("extra", nargs="*", help="after --: arguments for every run.py")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bbz-ab-") as tmp:
        tree = Path(tmp) / "base"
        subprocess.run(["git", "worktree", "add", "--detach", str(tree), args.base], cwd=ROOT, check=True)
        try:
            runs = []
            for n, side in enumerate(order(args.rounds), 1):
                runs.append(run_once(side, tree, args.port_base, args.extra, Path(tmp) / f"{n}.json"))
                print(f"run {n} ({side}): {runs[-1]['rate_per_s']}/s", file=sys.stderr, flush=True)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=False)
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    print(summary(runs, f"git {head.stdout.strip()}", args.base))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
