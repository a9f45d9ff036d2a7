import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from bbz_common.testing import migrated_database, running_app
from decision_api.clock import FixedClock
from decision_api.config import Settings
from decision_api.main import create_app

SERVICE_DIR = Path(__file__).resolve().parents[1]
# Test helper modules of this service (names prefixed `decision_` so they never collide across services).
sys.path.insert(0, str(Path(__file__).resolve().parent))

from decision_factories import RECEIVED  # noqa: E402


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    # intake-api is not running in these tests: the relay is off (the outbox rows are still written).
    return Settings(
        database_url=migrated_database(SERVICE_DIR, tmp_path, "decision-api"), outbox_enabled=False, log_json=False
    )


@pytest.fixture
def clock() -> FixedClock:
    """The service's clock, standing on the day of receipt until a test moves it."""
    return FixedClock(RECEIVED)


@pytest.fixture
async def client(settings: Settings, clock: FixedClock) -> AsyncIterator[httpx.AsyncClient]:
    async with running_app(create_app(settings, clock=clock)) as c:
        yield c
