from typing import Any

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase, relationship

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
