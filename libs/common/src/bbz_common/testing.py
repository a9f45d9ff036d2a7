"""Test helpers shared by every service's tests: a migrated throw-away database, an app with its lifespan
running (so the outbox relay runs), and an HTTP client to it."""

from __future__ import annotations

import atexit
import os
import re
import shutil
import socket
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from sqlalchemy import event

from bbz_common.migrations import upgrade

VENDOR_KEY = "demo-vendor-key"
OTHER_VENDOR_KEY = "demo-vendor-2-key"
OFFICER_KEY = "demo-behandelaar-key"
OFFICER_2_KEY = "demo-behandelaar-2-key"
APPROVER_KEY = "demo-fiatteur-key"
POLICY_ADMIN_KEY = "demo-beleid-key"
AUDITOR_KEY = "demo-auditor-key"
INTAKE_SERVICE_KEY = "demo-intake-service-key"
DECISION_SERVICE_KEY = "demo-decision-service-key"


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_database_url(tmp_path: Path, name: str) -> str:
    """SQLite under tmp_path, or a fresh PostgreSQL schema when BBZ_TEST_POSTGRES_URL is set (see tests/README)."""
    base = os.environ.get("BBZ_TEST_POSTGRES_URL")
    if base:
        from bbz_common.pgtest import fresh_database

        return fresh_database(base, name)
    return f"sqlite+aiosqlite:///{tmp_path / (name + '.db')}"


_SQLITE_TEMPLATES: dict[Path, Path] = {}


def migrated_database(service_dir: Path, tmp_path: Path, name: str) -> str:
    """A database at the head revision. On SQLite the migrations run once per test session into a template
    that each test copies (most of a suite's time was spent migrating); on PostgreSQL every test migrates."""
    if os.environ.get("BBZ_TEST_POSTGRES_URL"):
        url = test_database_url(tmp_path, name)
        upgrade(service_dir, url)
        return url
    template = _SQLITE_TEMPLATES.get(service_dir)
    if template is None or not template.exists():
        directory = tempfile.mkdtemp(prefix=f"bbz-{name}-template-")
        # Gone with the test process: every process of every run left one per service under /tmp.
        atexit.register(shutil.rmtree, directory, ignore_errors=True)
        template = Path(directory) / f"{name}.db"
        upgrade(service_dir, f"sqlite+aiosqlite:///{template}")
        _SQLITE_TEMPLATES[service_dir] = template
    target = tmp_path / f"{name}.db"
    shutil.copyfile(template, target)
    return f"sqlite+aiosqlite:///{target}"


@asynccontextmanager
async def running_app(app: FastAPI, base_url: str = "http://testserver") -> AsyncIterator[httpx.AsyncClient]:
    """The app with its lifespan (relay, clients) started, and an in-process client to it."""
    async with (
        LifespanManager(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=base_url) as client,
    ):
        yield client


def free_port_base() -> int:
    """A base port with base+1..base+4 free (a suite of the four services uses base+1..base+4)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            base = int(s.getsockname()[1]) - 1
        if base + 4 > 65000:
            continue
        try:
            for offset in range(1, 5):
                with socket.socket() as probe:
                    probe.bind(("127.0.0.1", base + offset))
        except OSError:
            continue
        return base
    raise RuntimeError("no free ports")


@asynccontextmanager
async def executed_statements(db: Any, prefix: str) -> AsyncIterator[list[tuple[str, Any]]]:
    """Every statement starting with ``prefix`` that runs inside the block, as the driver got it (SQL text,
    parameters)."""
    executed: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if statement.lstrip().upper().startswith(prefix.upper()):
            executed.append((statement, parameters))

    engine = db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", capture)
    try:
        yield executed
    finally:
        event.remove(engine, "before_cursor_execute", capture)


@asynccontextmanager
async def postgres_statements(db: Any, prefix: str) -> AsyncIterator[set[str]]:
    """The distinct SQL texts starting with ``prefix`` run inside the block, filled in when it ends: to pin
    that a statement has one shape whatever its number of values. asyncpg prepares each distinct text on each
    connection and keeps 100, so a shape per batch size is prepared again and again. On another database the
    test is skipped."""
    if db.dialect_name != "postgresql":
        pytest.skip("counts the statements PostgreSQL's driver prepares")
    texts: set[str] = set()
    async with executed_statements(db, prefix) as executed:
        yield texts
    texts.update(statement for statement, _ in executed)


@asynccontextmanager
async def postgres_generic_plans(db: Any, prefix: str) -> AsyncIterator[list[str]]:
    """PostgreSQL's generic plan (EXPLAIN, a line per node or condition, without the ``->``) of every distinct
    statement starting with ``prefix`` that runs inside the block, filled in when the block ends. asyncpg
    prepares each statement, and from its sixth run on a connection PostgreSQL may reuse one plan made without
    the values: on a new install, made while the tables were (nearly) empty, and kept until the table is next
    analyzed. A plan that reads the whole table, or a whole index range, is cheap on an empty table and costs
    more with every row (bench: a duplicate look-up read 650 blocks, a key look-up 2,800). Planned here on the
    test's fresh database, as on a new install. On another database the test is skipped."""
    if db.dialect_name != "postgresql":
        pytest.skip("reads PostgreSQL's generic plans")
    plans: list[str] = []
    async with executed_statements(db, prefix) as executed:
        yield plans
    import asyncpg

    # A connection of its own: the pool's keep asyncpg's prepared statements and settings.
    raw = await asyncpg.connect(db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False))
    try:
        await raw.execute("SET plan_cache_mode = force_generic_plan")
        for number, statement in enumerate(dict.fromkeys(statement for statement, _ in executed)):
            parameters = len(set(re.findall(r"\$(\d+)", statement)))
            await raw.execute(f"PREPARE generic_{number} AS {statement}")
            # The values do not matter: a generic plan is made without them.
            arguments = f"({', '.join(['NULL'] * parameters)})" if parameters else ""
            rows = await raw.fetch(f"EXPLAIN EXECUTE generic_{number}{arguments}")
            plans.extend(row[0].strip().removeprefix("->").strip() for row in rows)
    finally:
        await raw.close()


@asynccontextmanager
async def sqlite_plans(db: Any, prefix: str) -> AsyncIterator[list[str]]:
    """SQLite's query plan (EXPLAIN QUERY PLAN, one line per step) of every statement starting with
    ``prefix`` that runs inside the block, filled in when the block ends: to pin that a statement finds its
    rows by an index (``SEARCH``) instead of reading the whole table (``SCAN <table>``). On another database
    the test is skipped."""
    if db.dialect_name != "sqlite":
        pytest.skip("reads SQLite's query plan")
    plans: list[str] = []
    async with executed_statements(db, prefix) as executed:
        yield plans
    async with db.engine.connect() as connection:
        for statement, parameters in executed:
            rows = await connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            plans.extend(row[-1] for row in rows)
