"""The migrations go up and down."""

from pathlib import Path

import sqlalchemy as sa

from bbz_common import testing
from bbz_common.migrations import downgrade, upgrade

SERVICE_DIR = Path(__file__).resolve().parents[1]


def test_every_migration_goes_down_and_up_again(tmp_path: Path) -> None:
    url = testing.test_database_url(tmp_path, "decision-migrations")
    upgrade(SERVICE_DIR, url)
    downgrade(SERVICE_DIR, url, "base")
    upgrade(SERVICE_DIR, url)

    engine = sa.create_engine(url.replace("+aiosqlite", "").replace("+asyncpg", "+psycopg"))
    with engine.connect() as connection:
        count = connection.execute(sa.text("SELECT count(*) FROM parameters")).scalar_one()
    engine.dispose()

    assert count == 13
