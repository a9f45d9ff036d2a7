import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bbz_common.db import Database
from bbz_common.testing import test_database_url

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common_models import Base


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    """SQLite, or PostgreSQL when the suite runs against it (make test-postgres)."""
    database = Database(test_database_url(tmp_path, "common"))
    async with database.engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    yield database
    await database.dispose()
