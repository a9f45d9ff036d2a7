import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from bbz_common.testing import migrated_database, running_app
from routing_api.config import Settings
from routing_api.main import create_app

SERVICE_DIR = Path(__file__).resolve().parents[1]
# Test helper modules of this service (names prefixed `routing_` so they never collide across services).
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(database_url=migrated_database(SERVICE_DIR, tmp_path, "routing-api"), log_json=False)


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with running_app(create_app(settings)) as c:
        yield c


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[FastAPI]:
    """The app with its lifespan running, for a test that also looks inside it (its database)."""
    app = create_app(settings)
    async with running_app(app):
        yield app


@pytest.fixture
async def app_client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as c:
        yield c
