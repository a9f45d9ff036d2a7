"""`python -m bbz_common.serve`: uvicorn workers that each accept on a socket of their own (SO_REUSEPORT),
under a supervisor that holds the sockets, replaces a worker that dies and stops them all on SIGTERM."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from bbz_common.serve import ServeOptions, uvicorn_command

HERE = Path(__file__).resolve().parent
# pid_app touches this file once a worker is busy with `GET /busy` (one per test process).
BUSY_MARKER = Path(tempfile.gettempdir()) / f"pid-app-busy-{os.getpid()}"


def app_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(HERE), "PID_APP_BUSY_MARKER": str(BUSY_MARKER), **extra}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(port: int, workers: int = 2, *args: str, **env: str) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "bbz_common.serve", "pid_app:app", "--port", str(port), "--workers", str(workers),
           "--no-access-log", "--timeout-graceful-shutdown", "2", *args]  # fmt: skip
    return subprocess.Popen(
        cmd, cwd=HERE, env=app_env(**env),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip


def start_container_entrypoint(port: int, workers: int, tmp_path: Path) -> subprocess.Popen[bytes]:
    """deploy/docker/entrypoint.sh as the image runs it, for a service package whose app is pid_app."""
    package = tmp_path / "pid_service"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "main.py").write_text("from pid_app import app\n\n\ndef create_app():\n    return app\n")
    env = {
        **app_env(),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": f"{HERE}{os.pathsep}{tmp_path}",
        "BBZ_SERVICE": "pid-service",
        "BBZ_PORT": str(port),
        "BBZ_WORKERS": str(workers),
        "BBZ_GRACEFUL_SECONDS": "2",
    }
    entrypoint = HERE.parents[2] / "deploy" / "docker" / "entrypoint.sh"
    return subprocess.Popen(["sh", str(entrypoint), "serve"], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)  # fmt: skip


def wait_serving(proc: subprocess.Popen[bytes], port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else ""
        try:
            httpx.get(f"http://127.0.0.1:{port}/", timeout=1.0)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing serves port {port}")


@contextlib.contextmanager
def serving(proc: subprocess.Popen[bytes], port: int) -> Iterator[subprocess.Popen[bytes]]:
    """Once ``proc`` serves ``port``; terminated afterwards if it still runs."""
    try:
        wait_serving(proc, port)
        yield proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=30)


@pytest.fixture
def server() -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    port = free_port()
    with serving(start(port), port) as proc:
        yield proc, port


@pytest.fixture
def server_with_short_timeout() -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    port = free_port()
    with serving(start(port, 2, "--worker-timeout", "2"), port) as proc:
        yield proc, port


async def pids_of_new_connections(port: int, count: int) -> Counter[str]:
    """Opens ``count`` connections at once, one request on each: which worker served each connection."""
    clients = [httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10.0) for _ in range(count)]
    try:
        responses = await asyncio.gather(*(client.get("/") for client in clients))
    finally:
        await asyncio.gather(*(client.aclose() for client in clients))
    assert all(r.status_code == 200 for r in responses)
    return Counter(r.text for r in responses)


async def burst_while_one_worker_is_busy(port: int) -> tuple[str, Counter[str]]:
    """The pid of a worker kept busy for two seconds, and which workers served a burst of 32 new connections
    made meanwhile. With one shared socket (uvicorn --workers) the free worker accepts the whole burst."""
    BUSY_MARKER.unlink(missing_ok=True)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10.0) as sleeper:
            busy = asyncio.create_task(sleeper.get("/busy"))
            await _until(BUSY_MARKER.exists, timeout=10)  # the burst starts once a worker is busy, however slow
            served = await pids_of_new_connections(port, 32)
            return (await busy).text, served
    finally:
        BUSY_MARKER.unlink(missing_ok=True)


async def test_a_burst_of_connections_is_shared_by_the_workers_even_while_one_is_busy(
    server: tuple[subprocess.Popen[bytes], int],
) -> None:
    _, port = server
    busy_pid, served = await burst_while_one_worker_is_busy(port)
    # Hashed over two sockets, fewer than 5 of 32 on one socket has a chance of about 2 in 100,000.
    assert len(served) == 2 and min(served.values()) >= 5 and busy_pid in served


async def test_without_so_reuseport_the_workers_are_uvicorns_own_and_a_free_one_takes_the_whole_burst() -> None:
    port = free_port()
    options = ServeOptions("pid_app:app", port=port, workers=2, access_log=False, timeout_graceful_shutdown=2)
    proc = subprocess.Popen(uvicorn_command(options), cwd=HERE, env=app_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # fmt: skip
    with serving(proc, port):
        busy_pid, served = await burst_while_one_worker_is_busy(port)
    assert busy_pid not in served and sum(served.values()) == 32


async def test_the_container_serves_bbz_workers_workers_with_a_socket_each(tmp_path: Path) -> None:
    port = free_port()
    with serving(start_container_entrypoint(port, 2, tmp_path), port):
        busy_pid, served = await burst_while_one_worker_is_busy(port)
    assert len(served) == 2 and min(served.values()) >= 5 and busy_pid in served


async def test_connections_made_while_a_worker_is_replaced_wait_and_are_served(
    server: tuple[subprocess.Popen[bytes], int],
) -> None:
    proc, port = server
    before = await pids_of_new_connections(port, 16)
    victim = int(next(iter(before)))
    os.kill(victim, signal.SIGKILL)
    served = await pids_of_new_connections(port, 32)
    assert str(victim) not in served and len(served) == 2 and proc.poll() is None


async def test_a_worker_whose_event_loop_stands_still_is_replaced_after_the_worker_timeout() -> None:
    port = free_port()
    with serving(start(port, 2, "--worker-timeout", "2"), port) as proc:
        before = set(await pids_of_new_connections(port, 16))
        hanging = asyncio.create_task(_get(port, "/hang"))  # never answered: its worker is killed
        await _until(lambda: not all(_alive(int(pid)) for pid in before), timeout=30)
        served = set(await pids_of_new_connections(port, 32))
        await asyncio.gather(hanging, return_exceptions=True)
    output = proc.stdout.read() if proc.stdout else b""
    # The other worker served on; the hung one was replaced, after writing where it stood.
    assert (len(served), len(served & before), b"pid_app.py" in output) == (2, 1, True)


async def test_a_slow_start_up_and_an_idle_while_are_not_taken_for_a_worker_that_stands_still() -> None:
    port = free_port()
    proc = start(port, 2, "--worker-timeout", "2", PID_APP_STARTUP_SECONDS="4")
    with serving(proc, port):
        first = set(await pids_of_new_connections(port, 16))
        await asyncio.sleep(4)
        later = set(await pids_of_new_connections(port, 16))
    assert later == first and len(first) == 2


async def test_no_worker_is_killed_for_the_time_the_whole_server_was_paused(
    server_with_short_timeout: tuple[subprocess.Popen[bytes], int],
) -> None:
    proc, port = server_with_short_timeout
    first = set(await pids_of_new_connections(port, 16))
    paused = [proc.pid, *(int(pid) for pid in first)]
    try:
        for pid in paused:
            os.kill(pid, signal.SIGSTOP)  # as a paused container or machine: the supervisor stands still too
        await asyncio.sleep(4)
    finally:
        for pid in paused:
            os.kill(pid, signal.SIGCONT)
    await asyncio.sleep(3)
    later = set(await pids_of_new_connections(port, 16))
    assert later == first and len(first) == 2


def test_a_worker_timeout_shorter_than_two_beats_is_refused() -> None:
    proc = start(free_port(), 2, "--worker-timeout", "1")
    output, _ = proc.communicate(timeout=30)
    assert proc.returncode == 2 and b"--worker-timeout" in output


async def _get(port: int, path: str) -> httpx.Response:
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=60.0) as client:
        return await client.get(path)


async def _until(condition: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the condition did not come true in time"
        await asyncio.sleep(0.1)


def test_a_port_another_server_holds_is_refused_even_with_so_reuseport() -> None:
    with socket.socket() as holder:
        holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        proc = start(holder.getsockname()[1])
        output, _ = proc.communicate(timeout=30)
    assert proc.returncode == 1 and b"already in use" in output


def test_a_worker_that_cannot_start_stops_the_server_with_uvicorns_startup_failure_code() -> None:
    proc = start(free_port(), PID_APP_FAIL_STARTUP="1")
    proc.communicate(timeout=60)
    assert proc.returncode == 3


async def test_sigterm_stops_the_supervisor_and_every_worker(server: tuple[subprocess.Popen[bytes], int]) -> None:
    proc, port = server
    workers = [int(pid) for pid in await pids_of_new_connections(port, 16)]
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)
    still_running = [pid for pid in workers if _alive(pid)]
    assert proc.returncode == 0 and still_running == []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
