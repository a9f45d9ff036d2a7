import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bbz_common.db import new_id
from decision_api.db import Base


class Norm(Base):
    """One social-assistance norm (Pw art. 21, 21 up to pension age) per month, in cents, with its validity."""

    __tablename__ = "normen"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    huishouden: Mapped[str] = mapped_column(String(30), index=True)
    bedrag: Mapped[int] = mapped_column(BigInteger)
    geldig_vanaf: Mapped[date]
    geldig_tot: Mapped[date | None]
    bron: Mapped[str] = mapped_column(Text)
    te_controleren: Mapped[bool]
    aangemaakt_op: Mapped[datetime]
