import functools
from typing import Any, cast

from sqlalchemy import Insert, MetaData, Table, event, inspect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, Session, relationship

from bbz_common.db import NAMING_CONVENTION, TYPE_ANNOTATION_MAP


class Base(DeclarativeBase):
    """This service's own tables: one database per service, never shared."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = TYPE_ANNOTATION_MAP


def hoort_bij(target: str) -> Any:
    """The row this one belongs to (its foreign key), declared for the unit of work: when both are new in one
    flush it inserts the parent first, which a bare foreign key does not tell it. Never loaded (the code reads
    the ``..._id`` column), so it costs no query."""
    return relationship(target, lazy="raise")


def nieuwe_rijen_met_core(session: AsyncSession) -> None:
    """From now on the session's flush writes the objects added to it as Core INSERTs, one (executemany)
    statement per table in foreign key order, and then lets them go: the same rows the unit of work writes,
    without its bookkeeping, which cost about as much as the rest of a green hand-over (bench_overdracht.py).
    The flush still happens where it did (an IntegrityError surfaces where it always did).

    For a transaction that adds new rows with their keys set in Python and never reads them back through the
    session (the hand-over builds its answer from the objects themselves). A flush that also has changed or
    deleted rows, or an object with a relationship set, is left to the unit of work as usual."""
    event.listen(session.sync_session, "before_flush", _nieuwe_als_core)


def _nieuwe_als_core(session: Session, _flush_context: Any, _objects: Any) -> None:
    new = list(session.new)
    if not new or session.dirty or session.deleted:
        return
    per_table: dict[Table, dict[tuple[str, ...], list[dict[str, Any]]]] = {}
    for obj in new:
        mapper = inspect(obj).mapper
        state = obj.__dict__
        if any(rel.key in state for rel in mapper.relationships):
            return  # the unit of work orders and links related objects: leave the whole flush to it
        row: dict[str, Any] = {}
        # The unit of work's rules: an attribute never set is left to its column's default (or NULL); a None
        # is written as None (JSON null for a JSON column), except that a column with a default gets that.
        for prop in mapper.column_attrs:
            column = prop.columns[0]
            has_default = column.default is not None or column.server_default is not None
            if prop.key in state:
                value = state[prop.key]
                if value is None and has_default and not column.type.should_evaluate_none:
                    continue
                row[column.key] = value
            elif not has_default and not column.primary_key and not column.type.should_evaluate_none:
                row[column.key] = None
        table = cast(Table, mapper.local_table)
        per_table.setdefault(table, {}).setdefault(tuple(row), []).append(row)
    for obj in new:
        session.expunge(obj)
    connection = session.connection()
    for table, insert in _inserts():
        for rows in per_table.pop(table, {}).values():
            connection.execute(insert, rows)
    if per_table:  # pragma: no cover - every table of this service is in Base.metadata
        raise RuntimeError(f"tables outside this service's metadata: {[t.name for t in per_table]}")


@functools.cache
def _inserts() -> list[tuple[Table, Insert]]:
    """Every table of this service in foreign key order, with its INSERT (both built once)."""
    return [(table, table.insert()) for table in Base.metadata.sorted_tables]
