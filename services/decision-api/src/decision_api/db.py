from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

from bbz_common.db import NAMING_CONVENTION, TYPE_ANNOTATION_MAP


class Base(DeclarativeBase):
    """This service's own tables: one database per service, never shared."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = TYPE_ANNOTATION_MAP
