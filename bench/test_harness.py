"""Smoke test of the benchmark harness (a few seconds; no timing is asserted): the synthetic applications pass
intake's own schema in the Tozo mix, and both load generators talk to the bare endpoint over loopback."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import random
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import uvicorn

from bench import ab, report
from bench.apps import INCOME, build_corpus, distinct_periods
from bench.bare_app import app
from bench.loadgen import closed_loop, open_loop, percentile

ROOT = Path(__file__).resolve().parents[1]


def test_the_corpus_is_valid_and_mostly_income_support() -> None:
    corpus = build_corpus(ROOT)
    assert corpus.income and corpus.credit
    assert corpus.refused == []
    rng = random.Random(1)
    picks = [corpus.sample(rng)["aanvraag"]["typeAanvraag"] for _ in range(2000)]
    assert 0.88 < picks.count(INCOME) / len(picks) < 0.95


def test_a_run_that_crosses_midnight_submits_no_start_date_in_the_past() -> None:
    from intake_api.aanvragen.voorwaarden import schendingen  # the service's own date checks (A4)

    built_on = dt.date.today()
    corpus = build_corpus(ROOT)
    bodies = corpus.income + corpus.credit
    bodies += distinct_periods(bodies[:50] * 3)  # repeated applicants get later periods
    next_day = built_on + dt.timedelta(days=1)
    assert [s for body in bodies for s in schendingen(body, today=next_day)] == []


def test_the_connections_a_process_serves_on_a_port_are_counted() -> None:
    import os

    from bench.monitor import connections_per_process

    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        port = server.getsockname()[1]
        clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(3)]
        served = [server.accept()[0] for _ in range(3)]
        try:
            assert connections_per_process(os.getpid(), port) == [3]
        finally:
            for s in clients + served:
                s.close()


def test_percentile() -> None:
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0
    assert percentile([], 99) != percentile([], 99)  # NaN


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_both_load_generators_reach_the_bare_endpoint() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    body = json.dumps(build_corpus(ROOT).income[0]).encode()

    async def scenario() -> None:
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        task = asyncio.create_task(server.serve())
        while not server.started:
            await asyncio.sleep(0.05)
        try:
            url = f"http://127.0.0.1:{port}/v1/aanvragen"
            closed = await closed_loop(url, lambda i: body, {}, concurrency=4, duration_s=5, max_requests=40)
            assert closed.ok == 40 and closed.statuses == {"201": 40}
            opened = await open_loop(url, lambda i: body, {}, rate=50, duration_s=0.5)
            assert opened.ok == opened.sent == 25
        finally:
            server.should_exit = True
            await task

    asyncio.run(scenario())


def test_only_loopback_is_a_target() -> None:
    with pytest.raises(ValueError):
        asyncio.run(
            closed_loop("http://example.org/x", lambda i: b"{}", {}, concurrency=1, duration_s=1, max_requests=1)
        )


async def test_a_kept_alive_connection_the_server_closed_while_idle_is_reopened_not_counted_as_an_error() -> None:
    from bench.loadgen import Connection

    answer = b"HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}"
    connections = 0

    async def one_request_then_hang_up(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal connections
        connections += 1
        await reader.readuntil(b"\r\n\r\n")
        writer.write(answer)
        await writer.drain()
        writer.close()  # as uvicorn does with a connection idle past its keep-alive time

    server = await asyncio.start_server(one_request_then_hang_up, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    head = f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()
    connection = Connection("127.0.0.1", port)
    try:
        first = await connection.request(head, b"")
        await asyncio.sleep(0.05)
        second = await connection.request(head, b"")
    finally:
        connection.close()
        server.close()

    assert (first, second, connections) == ((201, b"{}"), (201, b"{}"), 2)


def test_an_ab_comparison_runs_each_side_first_as_often_as_second() -> None:
    sides = ab.order(rounds=2)
    pairs = [sides[i : i + 2] for i in range(0, len(sides), 2)]
    assert [pair[0] for pair in pairs].count(ab.THIS) == [pair[0] for pair in pairs].count(ab.BASE)


def test_an_ab_summary_gives_this_side_against_the_base() -> None:
    def run(side: str, rate: float, intake_ms: float) -> dict[str, object]:
        cpu = dict.fromkeys(ab.SERVICES, 0.0) | {"intake-api": intake_ms}
        rss = dict.fromkeys(ab.MEMORY, 100.0)
        return {"side": side, "rate_per_s": rate, "cpu_ms": cpu, "rss_mib": rss, "load_average_at_start": 0.5}

    text = ab.summary(
        [run(ab.THIS, 300, 2.0), run(ab.BASE, 200, 4.0), run(ab.BASE, 200, 4.0), run(ab.THIS, 300, 2.0)], "main", "v1"
    )
    assert text.splitlines()[-1].endswith("applications/s 1.500x, CPU per application 0.500x")


def test_an_ab_summary_gives_each_sides_mean_peak_memory_per_service() -> None:
    def run(side: str, intake_mib: float) -> dict[str, object]:
        rss = dict.fromkeys(ab.MEMORY, 100.0) | {"intake-api": intake_mib}
        cpu = dict.fromkeys(ab.SERVICES, 1.0)
        return {"side": side, "rate_per_s": 200, "cpu_ms": cpu, "rss_mib": rss, "load_average_at_start": 0.5}

    text = ab.summary([run(ab.THIS, 150), run(ab.BASE, 210), run(ab.BASE, 190), run(ab.THIS, 170)], "main", "v1")

    means = [line for line in text.splitlines() if line.startswith("| mean")]
    assert [line.split(" | ")[-4] for line in means] == ["160", "200"]


def test_the_machines_speed_is_the_cpu_to_validate_one_application() -> None:
    bodies = [json.dumps(body).encode() for body in build_corpus(ROOT).income[:20]]

    assert report.machine_speed(bodies, seconds=0.05) > 0


def test_the_results_file_names_the_machines_speed_at_the_start_and_the_end_and_the_time_stolen() -> None:
    machine = {
        "cpus": 2,
        "cpu_model": "a test CPU",
        "memory_gib": 4.0,
        "python": "3.11",
        "platform": "Linux",
        "git_commit": "abc1234",
        "git_dirty_services_or_libs": False,
        "load_average_at_start": [0.5, 0.5, 0.5],
        "load_average_at_end": [0.5, 0.5, 0.5],
        "validation_us_at_start": 120.0,
        "validation_us_at_end": 150.0,
        "cpu_steal_s_at_start": 10.0,
        "cpu_steal_s_at_end": 12.5,
    }
    results = {"started": "2026-11-24T20:00:00+00:00", "storage": "sqlite", "mode": "default", "workers": 1,
               "machine": machine, "not_measured": "a test"}  # fmt: skip

    text = report.markdown(results)

    assert "in 120.0 µs of CPU at the start and 150.0 µs at the end" in text and "during the run: 2.5 s" in text


def test_the_accepts_parts_are_measured_with_every_post_accepted() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "accept_parts.py"), "--posts", "80", "--rounds", "1", "--runs", "1",
         "--variants", "all,without-sql"],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip

    rows = [line.split(" | ")[0] for line in out.stdout.splitlines() if line.startswith("| ") and "CPU" not in line]
    assert (out.returncode, rows) == (0, ["| intake-api, all of it", "| and without the group commit's SQL"])
