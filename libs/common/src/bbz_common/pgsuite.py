"""PostgreSQL for the cross-service suite: one role and one database per service, as in production.

``suite_database_urls()`` returns ``{}`` unless ``BBZ_TEST_POSTGRES_URL`` is set (by
``deploy/postgres/throwaway.sh`` or by hand); then it creates, for each service, a fresh login role and a
database owned by it that no other role may connect to, and returns each service's SQLAlchemy URL. Pass
the result to ``Suite(database_urls=...)``. The base role needs ``CREATEDB CREATEROLE``."""

from __future__ import annotations

import asyncio
import os
import secrets
import threading
from collections.abc import Coroutine, Iterable
from typing import Any

import asyncpg
from sqlalchemy.engine import make_url

from bbz_common.suite import SERVICES

ENV_VAR = "BBZ_TEST_POSTGRES_URL"


def _run(coro: Coroutine[Any, Any, None]) -> None:
    """Run a coroutine to completion, also when called from inside a running event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(coro)
        return
    errors: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(coro)
        except BaseException as exc:  # pragma: no cover - re-raised below
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


def service_sql(role: str, database: str, password: str) -> list[str]:
    """The statements that give a service its own role and database (also what deploy/README.md shows)."""
    return [
        f"CREATE ROLE \"{role}\" LOGIN PASSWORD '{password}'",
        f'CREATE DATABASE "{database}" OWNER "{role}"',
        f'REVOKE ALL ON DATABASE "{database}" FROM PUBLIC',
    ]


def create_service_database(base_url: str, service: str) -> str:
    """Create a fresh role and database for ``service``; return the service's SQLAlchemy URL (asyncpg)."""
    base = make_url(base_url)
    suffix = secrets.token_hex(5)
    name = f"t_{service.replace('-', '_')}_{suffix}"
    password = secrets.token_hex(16)
    plain = base.set(drivername="postgresql").render_as_string(hide_password=False)

    async def create() -> None:
        conn = await asyncpg.connect(plain)
        try:
            statements = service_sql(name, name, password)
            await conn.execute(statements[0])
            # PostgreSQL 15: a CREATEROLE role must be a member of a role to make it a database owner.
            await conn.execute(f'GRANT "{name}" TO CURRENT_USER')
            for statement in statements[1:]:
                await conn.execute(statement)
        finally:
            await conn.close()

    _run(create())
    url = base.set(drivername="postgresql+asyncpg", username=name, password=password, database=name)
    return url.render_as_string(hide_password=False)


def suite_database_urls(names: Iterable[str] | None = None, base_url: str | None = None) -> dict[str, str]:
    """Per-service PostgreSQL URLs when BBZ_TEST_POSTGRES_URL is set, else ``{}`` (SQLite under var_dir)."""
    base = base_url or os.environ.get(ENV_VAR)
    if not base:
        return {}
    wanted = list(names) if names is not None else [spec.name for spec in SERVICES]
    return {name: create_service_database(base, name) for name in wanted}


def query_scalar(url: str, sql: str) -> Any:
    """One value from a service's database, SQLite or PostgreSQL alike (for tests that count rows)."""
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    result: list[Any] = []

    async def run() -> None:
        engine = create_async_engine(url)
        try:
            async with engine.connect() as conn:
                result.append((await conn.execute(text(sql))).scalar())
        finally:
            await engine.dispose()

    _run(run())
    return result[0]
