import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from bbz_common.testing import migrated_database, running_app
from registers_adapter.config import Settings
from registers_adapter.main import create_app

SERVICE_DIR = Path(__file__).resolve().parents[1]
# Test helper modules of this service (names prefixed `registers_` so they never collide across services).
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(database_url=migrated_database(SERVICE_DIR, tmp_path, "registers-adapter"), log_json=False)


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with running_app(create_app(settings)) as c:
        yield c
