import functools
from typing import Any, cast

from sqlalchemy import Insert, MetaData, Table, event, inspect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapper, Session, relationship

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


# session.info keys: the session writes its new rows with Core; the plain rows waiting for its next flush.
_CORE = "nieuwe_rijen_met_core"
_RIJEN = "nieuwe_rijen"


def nieuwe_rijen_met_core(session: AsyncSession) -> None:
    """From now on the session's flush writes the objects added to it, and the rows given to ``nieuwe_rijen``, as
    Core INSERTs, one (executemany) statement per table in foreign key order, and then lets the objects go: the
    same rows the unit of work writes, without its bookkeeping, which cost about as much as the rest of a green
    hand-over (bench_overdracht.py). The flush still happens where it did (an IntegrityError surfaces where it
    always did).

    For a transaction that adds new rows with their keys set in Python and never reads them back through the
    session (the hand-over builds its answer from the objects themselves). A flush that also has changed or
    deleted rows, or an object with a relationship set, is left to the unit of work as usual."""
    session.info[_CORE] = True
    event.listen(session.sync_session, "before_flush", _nieuwe_als_core)
    event.listen(session.sync_session, "after_soft_rollback", _vergeet_rijen)


def nieuwe_rijen(session: AsyncSession, model: type[Base], rows: list[dict[str, Any]]) -> None:
    """Add new rows of ``model`` (keyed by attribute name), as ``session.add_all`` of its objects would. A session
    that writes with Core (``nieuwe_rijen_met_core``) and has new objects, so a flush to come, takes them as plain
    rows: no ORM object each (about 35 µs apiece, a dozen per green hand-over)."""
    if session.info.get(_CORE) and session.new:
        session.info.setdefault(_RIJEN, []).extend((model, row) for row in rows)
    else:
        session.add_all([model(**row) for row in rows])


def _vergeet_rijen(session: Session, _previous_transaction: Any) -> None:
    session.info.pop(_RIJEN, None)


def _kolommen(mapper: Mapper[Any], values: dict[str, Any]) -> dict[str, Any]:
    """A new row's values by column, as the unit of work writes them: an attribute never set is left to its
    column's default (or NULL); a None is written as None (JSON null for a JSON column), except that a column
    with a default gets that."""
    row: dict[str, Any] = {}
    for prop in mapper.column_attrs:
        column = prop.columns[0]
        has_default = column.default is not None or column.server_default is not None
        if prop.key in values:
            value = values[prop.key]
            if value is None and has_default and not column.type.should_evaluate_none:
                continue
            row[column.key] = value
        elif not has_default and not column.primary_key and not column.type.should_evaluate_none:
            row[column.key] = None
    return row


def _nieuwe_als_core(session: Session, _flush_context: Any, _objects: Any) -> None:
    new = list(session.new)
    rijen: list[tuple[type[Base], dict[str, Any]]] = session.info.pop(_RIJEN, [])
    if not new and not rijen:
        return
    if (
        session.dirty
        or session.deleted
        or any(rel.key in obj.__dict__ for obj in new for rel in inspect(obj).mapper.relationships)
    ):
        # The unit of work orders and links related objects, and writes changes: leave the whole flush to it.
        session.add_all([model(**row) for model, row in rijen])
        return
    per_table: dict[Table, dict[tuple[str, ...], list[dict[str, Any]]]] = {}

    def bewaar(mapper: Mapper[Any], values: dict[str, Any]) -> None:
        row = _kolommen(mapper, values)
        per_table.setdefault(cast(Table, mapper.local_table), {}).setdefault(tuple(row), []).append(row)

    for obj in new:
        bewaar(inspect(obj).mapper, obj.__dict__)
    for model, values in rijen:
        bewaar(inspect(model), values)
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
