"""The migrations go up and down."""

import asyncio
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import create_async_engine

from bbz_common import testing
from bbz_common.migrations import downgrade, upgrade

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
