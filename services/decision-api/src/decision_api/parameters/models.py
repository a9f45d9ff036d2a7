import uuid
from datetime import date, datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bbz_common.db import new_id
from decision_api.db import Base


class Parameter(Base):
    """One version of a legal or policy number (a period, a percentage) with its validity and source.

    ``gemeentecode`` is empty for the national value; a municipality's own version takes precedence."""

    __tablename__ = "parameters"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    naam: Mapped[str] = mapped_column(String(60), index=True)
    gemeentecode: Mapped[str | None] = mapped_column(String(4))
    waarde: Mapped[int]
    eenheid: Mapped[str] = mapped_column(String(20))
    geldig_vanaf: Mapped[date]
    geldig_tot: Mapped[date | None]
    bron: Mapped[str] = mapped_column(Text)
    aangemaakt_op: Mapped[datetime]
