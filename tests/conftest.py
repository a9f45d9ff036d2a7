"""Cross-service tests: the four services as real uvicorn processes on 127.0.0.1, talking HTTP."""

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bbz_common.pgsuite import suite_database_urls
from bbz_common.suite import Suite, find_repo_root
from bbz_common.testing import free_port_base

sys.path.insert(0, str(Path(__file__).resolve().parent))


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
