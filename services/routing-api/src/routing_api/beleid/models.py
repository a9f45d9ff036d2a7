from datetime import date, datetime
from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from routing_api.db import Base


class BeleidsversieRij(Base):
    """A municipal policy version: immutable content with its hash, and its lifecycle (concept, actief)."""

    __tablename__ = "beleidsversies"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    gemeentecode: Mapped[str | None] = mapped_column(String(4), index=True)
    geldig_vanaf: Mapped[date]
    geldig_tot_en_met: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(10), index=True)
    inhoud: Mapped[dict[str, Any]]
    inhoud_hash: Mapped[str] = mapped_column(String(64))
    aangemaakt_door: Mapped[str] = mapped_column(String(100))
    aangemaakt_op: Mapped[datetime]
    geactiveerd_door: Mapped[str | None] = mapped_column(String(100))
    geactiveerd_op: Mapped[datetime | None]
