"""Cross-service tests: the four services as real uvicorn processes on 127.0.0.1, talking HTTP."""

import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bbz_common.pgsuite import suite_database_urls
from bbz_common.suite import Suite, find_repo_root

sys.path.insert(0, str(Path(__file__).resolve().parent))


def free_port_base() -> int:
    """A base port with base+1..base+4 free (the suite uses base+1..base+4)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            base = s.getsockname()[1] - 1
        if base + 4 > 65000:
            continue
        ok = True
        for offset in range(1, 5):
            with socket.socket() as probe:
                try:
                    probe.bind(("127.0.0.1", base + offset))
                except OSError:
                    ok = False
                    break
        if ok:
            return base
    raise RuntimeError("no free ports")


@pytest.fixture(scope="session")
def suite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Suite]:
    var_dir = tmp_path_factory.mktemp("suite")
    # SQLite files under var_dir, or (with BBZ_TEST_POSTGRES_URL) a PostgreSQL database and role per service.
    running = Suite(
        root=find_repo_root(Path(__file__)),
        var_dir=var_dir,
        port_base=free_port_base(),
        database_urls=suite_database_urls(),
    )
    # Short retry delays: a retry on a loaded test machine must not wait minutes (the production cap is 300 s).
    running.extra_env = {
        "INTAKE_OUTBOX_BASE_DELAY_SECONDS": "0.2",
        "DECISION_OUTBOX_BASE_DELAY_SECONDS": "0.2",
        "INTAKE_OUTBOX_MAX_DELAY_SECONDS": "2",
        "DECISION_OUTBOX_MAX_DELAY_SECONDS": "2",
    }
    running.migrate()
    running.start()
    try:
        running.wait_ready(timeout=60)
        yield running
    finally:
        running.stop()
