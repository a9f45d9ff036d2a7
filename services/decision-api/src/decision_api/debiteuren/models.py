import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from bbz_common.db import new_id
from decision_api.db import Base


class Ontvangst(Base):
    """Money received from a debtor on a loan or a recovery claim."""

    __tablename__ = "ontvangsten"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    soort: Mapped[str] = mapped_column(String(20))  # lening | vordering
    referentie_id: Mapped[uuid.UUID] = mapped_column(index=True)
    behandeling_id: Mapped[uuid.UUID] = mapped_column(index=True)
    bedrag: Mapped[int] = mapped_column(BigInteger)
    ontvangen_op: Mapped[date]
    geregistreerd_door: Mapped[str] = mapped_column(String(100))
    aangemaakt_op: Mapped[datetime]
