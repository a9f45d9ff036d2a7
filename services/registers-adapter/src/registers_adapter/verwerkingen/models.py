import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bbz_common.db import new_id
from registers_adapter.db import Base


class Verwerking(Base):
    """A processing record (logregel in the sense of the Logboek Dataverwerkingen) of one register read.

    One record per Actie and per Betrokkene: reading a co-resident's age is a child Actie (`parent_span_id`) of
    the address search, with the co-resident as its Betrokkene."""

    __tablename__ = "verwerkingen"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    trace_id: Mapped[str] = mapped_column(String(64), index=True)
    span_id: Mapped[str] = mapped_column(String(16))
    parent_span_id: Mapped[str | None] = mapped_column(String(16))
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
    betrokkene_type: Mapped[str] = mapped_column(String(20))
    register: Mapped[str] = mapped_column(String(30))
    velden: Mapped[list[Any]]
    foutmelding: Mapped[str | None] = mapped_column(Text)
