import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bbz_common.db import Database

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common_models import Base


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'common.db'}")
    async with database.engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    yield database
    await database.dispose()
