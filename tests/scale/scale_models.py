"""A service-shaped outbox table plus a table of results, for the scale tests."""

import uuid

from sqlalchemy import MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from bbz_common.db import NAMING_CONVENTION, TYPE_ANNOTATION_MAP, new_id
from bbz_common.outbox import OutboxMixin


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = TYPE_ANNOTATION_MAP


class OutboxMessage(OutboxMixin, Base):
    pass


class Result(Base):
    """What a handler writes, in the same transaction as the message's delivery mark."""

    __tablename__ = "results"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    message_id: Mapped[uuid.UUID]
    relay: Mapped[str] = mapped_column(String(64))
