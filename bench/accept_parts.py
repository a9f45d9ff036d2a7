"""Where intake-api's accept goes: `POST /v1/aanvragen` called in process (the ASGI app, no uvicorn, no network),
64 concurrent callers, the bench's bodies, with parts of the work taken away one at a time.

    .venv/bin/python bench/accept_parts.py              # every variant, two runs each, a markdown table
    .venv/bin/python bench/accept_parts.py --posts 500 --runs 1 --variants all,bare

Each variant runs in a process of its own (its parts replaced there only), on a fresh SQLite database with the
processing off and the rate limit off, as in the bench's intake phase. The figure is the process's CPU time per
POST over rounds of `--posts` POSTs, after a warm-up. The parts replaced are measurement only: a variant without
the group commit's SQL answers 201 for rows it never wrote. See bench/README.md, eighth round."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# name -> (what it leaves out, the parts it replaces); each variant also leaves out what the ones before it did,
# except `bare` (the bench's bare endpoint) and `without-log` (only the access log line).
VARIANTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "bare": ("the bare endpoint (validation, 201)", ()),
    "all": ("intake-api, all of it", ()),
    "without-log": ("without the access log line", ("log",)),
    "api-only": ("without the root app: the mounted API app called (no middleware, mount or log line)", ("root",)),
    "without-sql": ("and without the group commit's SQL", ("root", "sql")),
    "without-warnings": ("and without the pre-check's warnings", ("root", "sql", "warnings")),
    "without-fingerprint": ("and without the Idempotency-Key fingerprint", ("root", "sql", "warnings", "fingerprint")),
}
VENDOR = b"Bearer demo-vendor-key"


def _bodies(count: int = 500) -> list[bytes]:
    from bench.apps import build_corpus

    corpus = build_corpus(ROOT)
    rng = random.Random(1)
    return [json.dumps(corpus.sample(rng)).encode() for _ in range(count)]


async def _post(app: Any, path: str, body: bytes) -> int:
    headers = [
        (b"host", b"bench"),
        (b"content-type", b"application/json"),
        (b"authorization", VENDOR),
        (b"idempotency-key", f"bench-{uuid.uuid4().hex}".encode()),
        (b"content-length", str(len(body)).encode()),
    ]
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "", "headers": headers,
             "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8001), "state": {}}  # fmt: skip
    received = False

    async def receive() -> dict[str, Any]:
        nonlocal received
        if not received:
            received = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.Event().wait()  # the client never disconnects
        raise AssertionError

    status: list[int] = []

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status.append(message["status"])

    await app(scope, receive, send)
    return status[0]


async def _lifespan(app: Any) -> None:
    inbox: asyncio.Queue[dict[str, str]] = asyncio.Queue()
    outbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    asyncio.get_running_loop().create_task(
        app({"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}, inbox.get, outbox.put)
    )
    await inbox.put({"type": "lifespan.startup"})
    started = await outbox.get()
    if started["type"] != "lifespan.startup.complete":
        raise RuntimeError(f"the app did not start: {started}")


async def _round(
    app: Any, path: str, bodies: list[bytes], posts: int, callers: int = 64
) -> tuple[float, dict[int, int]]:
    """CPU ms per POST over ``posts`` POSTs by ``callers`` concurrent callers, and the statuses answered."""
    sent = 0
    statuses: dict[int, int] = {}

    async def caller() -> None:
        nonlocal sent
        while sent < posts:
            sent += 1
            status = await _post(app, path, bodies[sent % len(bodies)])
            statuses[status] = statuses.get(status, 0) + 1

    start = time.process_time()
    await asyncio.gather(*(caller() for _ in range(callers)))
    return (time.process_time() - start) / posts * 1000, statuses


def _app(parts: tuple[str, ...], variant: str) -> tuple[Any, str]:
    if variant == "bare":
        from bench.bare_app import app

        return app, "/v1/aanvragen"
    import intake_api.aanvragen.service as submissions
    import intake_api.main as intake

    replaced: dict[str, Callable[[], None]] = {
        "warnings": lambda: setattr(submissions, "warnings_for", lambda form: []),
        "fingerprint": lambda: setattr(submissions, "request_fingerprint", lambda payload: "-"),
        "sql": lambda: setattr(intake, "write_submissions", _answers_only),
        "log": _no_access_log,
    }
    for part in parts:
        if part in replaced:
            replaced[part]()
    app = intake.create_app()
    if "root" in parts:
        return app.state.api, "/aanvragen"
    return app, "/v1/aanvragen"


async def _answers_only(session: Any, indieningen: Any) -> list[Any]:
    return [indiening.response for indiening in indieningen]


def _no_access_log() -> None:
    import bbz_common.correlation as correlation

    class Silent:
        def info(self, *args: Any, **kwargs: Any) -> None:
            pass

    correlation.log = Silent()  # type: ignore[assignment]


def measure(variant: str, posts: int, rounds: int) -> dict[str, Any]:
    """One variant in this process: CPU ms per POST of each round."""
    folder = Path(tempfile.mkdtemp(prefix="bbz-accept-"))
    os.environ.update(
        INTAKE_DATABASE_URL=f"sqlite+aiosqlite:///{folder}/intake.db",
        INTAKE_OUTBOX_ENABLED="false",
        INTAKE_RATE_LIMIT_ENABLED="false",
    )
    service = ROOT / "services" / "intake-api"
    subprocess.run(
        [sys.executable, "-m", "alembic", "-c", str(service / "alembic.ini"), "upgrade", "head"],
        check=True,
        cwd=service,
        capture_output=True,
    )
    bodies = _bodies()
    app, path = _app(VARIANTS[variant][1], variant)

    async def run() -> dict[str, Any]:
        if variant != "bare":
            await _lifespan(app)
        await _round(app, path, bodies, min(posts, 300))
        results = [await _round(app, path, bodies, posts) for _ in range(rounds)]
        return {"cpu_ms": [round(ms, 3) for ms, _ in results], "statuses": results[-1][1]}

    # The access log goes to stdout: keep it out of the answer, as uvicorn's goes to a file.
    try:
        with open(folder / "stdout.log", "w", encoding="utf-8") as log, contextlib.redirect_stdout(log):
            return asyncio.run(run())
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=3000, help="POSTs per round (default 3000)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds per run (default 2)")
    parser.add_argument("--runs", type=int, default=2, help="runs of every variant, interleaved (default 2)")
    parser.add_argument(
        "--variants", default=",".join(VARIANTS), help="comma-separated subset of " + ",".join(VARIANTS)
    )
    parser.add_argument("--one", help=argparse.SUPPRESS)  # a single variant, in this process (internal)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one, args.posts, args.rounds)))
        return 0
    names = [name for name in args.variants.split(",") if name]
    unknown = [name for name in names if name not in VARIANTS]
    if unknown:
        parser.error(f"unknown variant(s): {', '.join(unknown)}")
    figures: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(args.runs):
        for name in names:
            out = subprocess.run(
                [sys.executable, __file__, "--one", name, "--posts", str(args.posts), "--rounds", str(args.rounds)],
                check=True,
                capture_output=True,
                text=True,
            )
            result = json.loads(out.stdout.strip().splitlines()[-1])
            if set(result["statuses"]) != {"201"}:  # JSON keys
                raise SystemExit(f"{name}: not every POST was accepted: {result['statuses']}")
            figures[name] += result["cpu_ms"]
    print("| | CPU ms per POST (in process) |\n|---|---|")
    for name in names:
        print(f"| {VARIANTS[name][0]} | {min(figures[name]):.2f}-{max(figures[name]):.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
