import os
import shutil
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from bbz_common.testing import migrated_database, running_app
from decision_api.clock import FixedClock
from decision_api.config import Settings
from decision_api.main import create_app

SERVICE_DIR = Path(__file__).resolve().parents[1]
# Test helper modules of this service (names prefixed `decision_` so they never collide across services).
sys.path.insert(0, str(Path(__file__).resolve().parent))

from decision_factories import RECEIVED  # noqa: E402


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """SQLite: migrate once per session and give every test a copy (the migrations are tested on their own)."""
    if os.environ.get("BBZ_TEST_POSTGRES_URL"):
        return None
    directory = tmp_path_factory.mktemp("decision-template")
    migrated_database(SERVICE_DIR, directory, "decision-api")
    return directory / "decision-api.db"


@pytest.fixture
def settings(tmp_path: Path, migrated_template: Path | None) -> Settings:
    if migrated_template is None:
        url = migrated_database(SERVICE_DIR, tmp_path, "decision-api")
    else:
        shutil.copy(migrated_template, tmp_path / "decision-api.db")
        url = f"sqlite+aiosqlite:///{tmp_path / 'decision-api.db'}"
    # intake-api is not running in these tests: the relay is off (the outbox rows are still written). The
    # background renderer is off too: beschikkingen are rendered on their first read, or by a test that runs
    # the renderer itself (test_beschikkingen), which then renders at once instead of waiting for a quiet moment,
    # in a thread of the test's process (the tests of its own processes say so).
    return Settings(
        database_url=url,
        outbox_enabled=False,
        beschikkingen_renderen=False,
        beschikkingen_rust_seconds=0,
        beschikkingen_render_processen=0,
        log_json=False,
    )


@pytest.fixture
def clock() -> FixedClock:
    """The service's clock, standing on the day of receipt until a test moves it."""
    return FixedClock(RECEIVED)


@pytest.fixture
def app(settings: Settings, clock: FixedClock) -> FastAPI:
    return create_app(settings, clock=clock)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with running_app(app) as c:
        yield c
