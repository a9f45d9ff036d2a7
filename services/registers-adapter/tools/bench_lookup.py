"""CPU cost of the Bbz look-up as intake-api asks it, in-process (no uvicorn, no network, no load generator).

    .venv/bin/python services/registers-adapter/tools/bench_lookup.py --rounds 3 --lookups 400

Builds the adapter with create_app() on a freshly migrated SQLite database, posts the look-up intake-api posts
for every persona in turn through httpx's ASGI transport and reports CPU milliseconds (time.process_time) per
look-up, plus SQL statements and log lines per look-up. Log lines are written (to a buffer), so their cost
counts. The figure includes the in-process HTTP client's work (about 0.3 ms). Compare two versions of the
adapter by running this against each in turn (PYTHONPATH=<other checkout>/services/registers-adapter/src)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import event

import registers_adapter
from bbz_common.testing import INTAKE_SERVICE_KEY, auth, migrated_database, running_app
from registers_adapter.config import Settings
from registers_adapter.main import create_app
from registers_adapter.personas import store

SERVICE_DIR = Path(registers_adapter.__file__).resolve().parents[2]


def requests() -> list[dict[str, Any]]:
    """The body intake-api's enrichment step sends (verwerking/mapping.py lookup_request), one per persona."""
    return [
        {
            "burgerservicenummer": p["burgerservicenummer"],
            "kvkNummer": p["kvkNummer"],
            "aanvraagId": None,
            "gemeentecode": "0518",
            "doelbinding": "Beoordelen aanvraag Bbz 2004",
        }
        for p in store.personas()
        if p["kvkNummer"]
    ]


async def run(url: str, rounds: int, lookups: int) -> dict[str, Any]:
    app = create_app(Settings(database_url=url, log_json=True))
    statements = 0

    def count(*_: Any) -> None:
        nonlocal statements
        statements += 1

    event.listen(app.state.db.engine.sync_engine, "before_cursor_execute", count)
    bodies = requests()
    headers = auth(INTAKE_SERVICE_KEY)
    per_round: list[float] = []
    lines = io.StringIO()
    async with running_app(app) as client:
        for body in bodies:  # warm up: every code path and persona once
            body["aanvraagId"] = str(uuid.uuid4())
            assert (await client.post("/v1/bbz-gegevens", json=body, headers=headers)).status_code == 200
        for _ in range(rounds):
            statements = 0
            lines = io.StringIO()
            with contextlib.redirect_stdout(lines):
                started = time.process_time()
                for i in range(lookups):
                    body = bodies[i % len(bodies)]
                    body["aanvraagId"] = str(uuid.uuid4())
                    response = await client.post("/v1/bbz-gegevens", json=body, headers=headers)
                    assert response.status_code == 200, response.text
                per_round.append((time.process_time() - started) * 1000 / lookups)
    return {
        "adapter": str(SERVICE_DIR),
        "lookups_per_round": lookups,
        "cpu_ms_per_lookup": [round(x, 3) for x in per_round],
        "median_cpu_ms_per_lookup": round(statistics.median(per_round), 3),
        "sql_statements_per_lookup": round(statements / lookups, 2),
        "log_lines_per_lookup": round(lines.getvalue().count("\n") / lookups, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--lookups", type=int, default=300)
    args = parser.parse_args()
    devnull = open(os.devnull, "w")  # noqa: SIM115 - the stdout the app's logger writes to, for the whole run
    real_stdout, sys.stdout = sys.stdout, devnull
    try:
        # Migrations run their own event loop: before ours.
        url = migrated_database(SERVICE_DIR, Path(tempfile.mkdtemp(prefix="bench-registers-")), "registers-adapter")
        result = asyncio.run(run(url, args.rounds, args.lookups))
    finally:
        sys.stdout = real_stdout
    print(json.dumps(result))


if __name__ == "__main__":
    main()
