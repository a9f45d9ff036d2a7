"""`make run`'s runner: stopped from outside (kill, a service manager), it stops the four services with it."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from bbz_common.suite import find_repo_root
from bbz_common.testing import free_port_base


def listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def test_a_runner_told_to_terminate_stops_every_service_it_started(tmp_path: Path) -> None:
    base = free_port_base()
    ports = [base + n for n in range(1, 5)]
    env = {**os.environ, "BBZ_VAR_DIR": str(tmp_path)}
    env.pop("BBZ_TEST_POSTGRES_URL", None)
    runner = subprocess.Popen(
        [sys.executable, "-m", "bbz_common.suite", "run", "--port-base", str(base), "--no-demo"],
        cwd=find_repo_root(),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        while not all(listening(p) for p in ports) and time.monotonic() < deadline and runner.poll() is None:
            time.sleep(0.2)
        started = all(listening(p) for p in ports)
        runner.send_signal(signal.SIGTERM)
        runner.wait(timeout=30)
        deadline = time.monotonic() + 15
        while any(listening(p) for p in ports) and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        if runner.poll() is None:
            runner.kill()

    assert (started, [p for p in ports if listening(p)]) == (True, [])
