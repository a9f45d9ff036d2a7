import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from bbz_common.db import new_id
from registers_adapter.db import Base


class Verwerking(Base):
    """A processing record (logregel in the sense of the Logboek Dataverwerkingen) of one register read."""

    __tablename__ = "verwerkingen"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    trace_id: Mapped[str] = mapped_column(String(64), index=True)
    naam: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(10))
    start_tijd: Mapped[datetime]
    eind_tijd: Mapped[datetime]
    afnemer: Mapped[str] = mapped_column(String(100))
    verwerkingsactiviteit: Mapped[str] = mapped_column(String(200))
    doelbinding: Mapped[str] = mapped_column(String(300))
    aanvraag_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    # Pseudonym (HMAC) of the BSN: an auditor can list per person without the log holding the BSN.
    betrokkene_pseudoniem: Mapped[str] = mapped_column(String(64), index=True)
    register: Mapped[str] = mapped_column(String(20))
    velden: Mapped[list[Any]]
