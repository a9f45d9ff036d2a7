"""Every service's alembic history, walked on SQLite and (with BBZ_TEST_POSTGRES_URL) on PostgreSQL.

The tests read the revisions from each service's script directory, so every future release is covered
without editing this file: one head; every revision goes up, down and up again (the "stairway"); the whole
history goes up from empty and back down to empty; an upgrade from every earlier revision (a previous
release) reaches head; and the schema at head is exactly what the SQLAlchemy models declare."""

from __future__ import annotations

import asyncio
import importlib
import itertools
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import Script, ScriptDirectory
from sqlalchemy import Index, MetaData, inspect
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from bbz_common.migrations import alembic_config, downgrade, upgrade
from bbz_common.suite import SERVICES, ServiceSpec, find_repo_root
from bbz_common.testing import test_database_url as database_url

ROOT = find_repo_root(Path(__file__))
SPECS = {spec.name: spec for spec in SERVICES}


def service_dir(spec: ServiceSpec) -> Path:
    return ROOT / "services" / spec.name


def history(spec: ServiceSpec) -> list[Script]:
    """The revisions from the first to head."""
    script = ScriptDirectory.from_config(alembic_config(service_dir(spec), "sqlite://"))
    return list(reversed(list(script.walk_revisions("base", "heads"))))


def metadata_of(spec: ServiceSpec) -> MetaData:
    importlib.import_module(f"{spec.package}.models")  # registers every table
    return importlib.import_module(f"{spec.package}.db").Base.metadata  # type: ignore[no-any-return]


def inspect_db(url: str, fn: Any) -> Any:
    async def run() -> Any:
        engine = create_async_engine(url)
        try:
            async with engine.connect() as conn:
                return await conn.run_sync(fn)
        finally:
            await engine.dispose()

    return asyncio.run(run())


def current_revision(url: str) -> str | None:
    return inspect_db(url, lambda conn: MigrationContext.configure(conn).get_current_revision())  # type: ignore[no-any-return]


def user_tables(url: str) -> set[str]:
    return inspect_db(url, lambda conn: set(inspect(conn).get_table_names()) - {"alembic_version"})  # type: ignore[no-any-return]


def schema_diff(url: str, metadata: MetaData) -> list[Any]:
    def compare(conn: Connection) -> list[Any]:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": False})
        diff = list(compare_metadata(context, metadata))
        return without_sort_order(diff) if conn.dialect.name == "sqlite" else diff

    return inspect_db(url, compare)  # type: ignore[no-any-return]


def without_sort_order(diff: list[Any]) -> list[Any]:
    """SQLite reflects an index's columns without their order (``prioriteit DESC``), so an index with a descending
    column looks removed and added again under its own name: the same index, which PostgreSQL compares in full."""

    def columns(index: Index) -> list[str]:  # "behandelingen.prioriteit" and desc("prioriteit") alike: "prioriteit"
        return [str(getattr(expression, "element", expression)).rsplit(".", 1)[-1] for expression in index.expressions]

    removed = {entry[1].name: entry[1] for entry in diff if entry[0] == "remove_index"}
    added = {entry[1].name: entry[1] for entry in diff if entry[0] == "add_index"}
    same = {name for name in removed.keys() & added.keys() if columns(removed[name]) == columns(added[name])}
    return [entry for entry in diff if not (entry[0] in ("remove_index", "add_index") and entry[1].name in same)]


@pytest.fixture(params=sorted(SPECS), ids=sorted(SPECS))
def spec(request: pytest.FixtureRequest) -> ServiceSpec:
    return SPECS[request.param]


def test_one_head_and_a_linear_history(spec: ServiceSpec) -> None:
    script = ScriptDirectory.from_config(alembic_config(service_dir(spec), "sqlite://"))
    assert len(script.get_heads()) == 1, f"{spec.name}: several heads {script.get_heads()}; merge them"
    revisions = history(spec)
    assert revisions, f"{spec.name} has no migrations"
    assert revisions[0].down_revision is None
    for previous, revision in itertools.pairwise(revisions):
        assert revision.down_revision == previous.revision


def test_every_revision_goes_up_down_and_up_again(spec: ServiceSpec, tmp_path: Path) -> None:
    url = database_url(tmp_path, f"mig_{spec.package}")
    directory = service_dir(spec)
    assert user_tables(url) == set()
    for revision in history(spec):
        before = user_tables(url)
        upgrade(directory, url, revision.revision)
        assert current_revision(url) == revision.revision
        after = user_tables(url)
        downgrade(directory, url, revision.down_revision or "base")  # type: ignore[arg-type]
        assert current_revision(url) == revision.down_revision
        assert user_tables(url) == before, (
            f"{spec.name} {revision.revision}: downgrade left {user_tables(url) - before}"
        )
        upgrade(directory, url, revision.revision)
        assert user_tables(url) == after
    # head reached; now all the way down, one step at a time, to an empty database
    for revision in reversed(history(spec)):
        downgrade(directory, url, revision.down_revision or "base")  # type: ignore[arg-type]
        assert current_revision(url) == revision.down_revision
    assert user_tables(url) == set()


def test_upgrade_from_every_earlier_release_reaches_head(spec: ServiceSpec, tmp_path: Path) -> None:
    directory = service_dir(spec)
    revisions = history(spec)
    head = revisions[-1].revision
    for index, start in enumerate([None, *[r.revision for r in revisions[:-1]]]):
        url = database_url(tmp_path, f"rel_{spec.package}_{index}")
        if start is not None:
            upgrade(directory, url, start)
        upgrade(directory, url, "head")
        assert current_revision(url) == head


def test_schema_at_head_matches_the_models(spec: ServiceSpec, tmp_path: Path) -> None:
    url = database_url(tmp_path, f"head_{spec.package}")
    upgrade(service_dir(spec), url, "head")
    diff = schema_diff(url, metadata_of(spec))
    assert diff == [], f"{spec.name}: the migrations and the models differ (write a migration):\n{diff}"


# The large JSON values that PostgreSQL compresses on every write: lz4, not the slower pglz (bench).
LZ4_COLUMNS = {
    "intake-api": {
        "aanvragen.formulier",
        "aanvragen.registergegevens",
        "aanvragen.routering",
        "aanvraag_versies.formulier",
    },
    "routing-api": {"routeringen.resultaat"},
    "decision-api": {"behandelingen.routering", "besluiten.rapport", "idempotency_keys.response_body"},
}


@pytest.mark.parametrize("name", sorted(LZ4_COLUMNS))
def test_on_postgresql_the_large_json_values_are_compressed_with_lz4(name: str, tmp_path: Path) -> None:
    url = database_url(tmp_path, f"lz4_{SPECS[name].package}")
    if not url.startswith("postgresql"):
        pytest.skip("PostgreSQL's TOAST compression")
    upgrade(service_dir(SPECS[name]), url, "head")

    def lz4_columns(conn: Connection) -> set[str]:
        if not conn.exec_driver_sql(LZ4_IN_SERVER).scalar():
            pytest.skip("this PostgreSQL is built without lz4")
        rows = conn.exec_driver_sql(
            "SELECT c.relname || '.' || a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
            "WHERE a.attcompression = 'l' AND c.relkind = 'r'"
        )
        return {row[0] for row in rows}

    assert inspect_db(url, lz4_columns) == LZ4_COLUMNS[name]


LZ4_IN_SERVER = "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
