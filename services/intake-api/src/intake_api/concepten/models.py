import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from bbz_common.db import new_id
from intake_api.db import Base


class Concept(Base):
    """A draft application of one vendor: any partial form, until it is submitted or expires."""

    __tablename__ = "concepten"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    leverancier: Mapped[str] = mapped_column(String(100))
    formulier: Mapped[dict[str, Any]]
    aangemaakt_op: Mapped[datetime]
    bijgewerkt_op: Mapped[datetime]
    verloopt_op: Mapped[datetime]
    ingediend_op: Mapped[datetime | None]
    aanvraag_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("aanvragen.id", ondelete="SET NULL"))

    __table_args__ = (Index("ix_concepten_leverancier_verloopt", "leverancier", "verloopt_op"),)
