"""PostgreSQL for tests: each test gets its own database, created from BBZ_TEST_POSTGRES_URL."""

from __future__ import annotations

import asyncio
import uuid

import asyncpg


def _plain_dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://")


def fresh_database(base_url: str, name: str) -> str:
    """Create an empty database and return its SQLAlchemy URL (asyncpg driver)."""
    db_name = f"t_{name.replace('-', '_')}_{uuid.uuid4().hex[:10]}"

    async def create() -> None:
        conn = await asyncpg.connect(_plain_dsn(base_url))
        try:
            await conn.execute(f'CREATE DATABASE "{db_name}"')
        finally:
            await conn.close()

    asyncio.run(create()) if not _in_loop() else _run_in_thread(create)
    prefix, _, _ = base_url.rpartition("/")
    return f"{prefix}/{db_name}"


def _in_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def _run_in_thread(factory: object) -> None:
    import threading

    errors: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(factory())  # type: ignore[operator]
        except BaseException as exc:  # pragma: no cover - surfaced below
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
