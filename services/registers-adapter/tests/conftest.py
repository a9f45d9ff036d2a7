import os
import shutil
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


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """SQLite: migrate once and copy the file per test (fast). PostgreSQL: None, every test migrates its own."""
    if os.environ.get("BBZ_TEST_POSTGRES_URL"):
        return None
    folder = tmp_path_factory.mktemp("template")
    migrated_database(SERVICE_DIR, folder, "registers-adapter")
    return folder / "registers-adapter.db"


@pytest.fixture
def settings(tmp_path: Path, migrated_template: Path | None) -> Settings:
    if migrated_template is None:
        url = migrated_database(SERVICE_DIR, tmp_path, "registers-adapter")
    else:
        shutil.copy(migrated_template, tmp_path / "registers-adapter.db")
        url = f"sqlite+aiosqlite:///{tmp_path / 'registers-adapter.db'}"
    return Settings(database_url=url, log_json=False)


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with running_app(create_app(settings)) as c:
        yield c
