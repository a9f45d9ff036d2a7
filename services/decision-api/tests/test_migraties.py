"""The migrations go up and down."""

import asyncio
from pathlib import Path

import pytest
import sqlalchemy as sa
from decision_factories import RECEIVED, behandeling, offer
from sqlalchemy.ext.asyncio import create_async_engine

from bbz_common import testing
from bbz_common.migrations import downgrade, upgrade
from bbz_common.testing import running_app
from decision_api.clock import FixedClock
from decision_api.config import Settings
from decision_api.main import create_app

SERVICE_DIR = Path(__file__).resolve().parents[1]


async def count_parameters(url: str) -> int:
    engine = create_async_engine(url)
    async with engine.connect() as connection:
        count = int((await connection.execute(sa.text("SELECT count(*) FROM parameters"))).scalar_one())
    await engine.dispose()
    return count


def test_every_migration_goes_down_and_up_again(tmp_path: Path) -> None:
    url = testing.test_database_url(tmp_path, "decision-migrations")
    upgrade(SERVICE_DIR, url)
    downgrade(SERVICE_DIR, url, "base")
    upgrade(SERVICE_DIR, url)

    assert asyncio.run(count_parameters(url)) == 13


def test_going_back_before_0009_waits_until_every_beschikking_is_rendered(settings: Settings) -> None:
    async def decide(render: bool) -> None:
        app = create_app(settings, clock=FixedClock(RECEIVED))
        async with running_app(app) as client:
            await offer(client, behandeling("groen"))
            if render:
                await app.state.renderer.run_once()

    asyncio.run(decide(render=False))
    with pytest.raises(RuntimeError, match="await rendering"):
        downgrade(SERVICE_DIR, settings.database_url, "0008")

    asyncio.run(decide(render=True))
    downgrade(SERVICE_DIR, settings.database_url, "0008")
