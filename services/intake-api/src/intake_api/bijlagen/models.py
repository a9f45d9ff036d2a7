import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from bbz_common.db import new_id
from intake_api.db import Base


class Bijlage(Base):
    """Evidence for one question of the form, on a draft and/or an application. Append-only once on an
    application. The bytes are a deferred column: listing attachments never loads them."""

    __tablename__ = "bijlagen"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    leverancier: Mapped[str] = mapped_column(String(100))
    aanvraag_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("aanvragen.id", ondelete="CASCADE"), index=True)
    concept_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("concepten.id", ondelete="CASCADE"), index=True)
    vraag_id: Mapped[str] = mapped_column(String(4))
    bestandsnaam: Mapped[str] = mapped_column(String(255))
    mediatype: Mapped[str] = mapped_column(String(50))
    grootte: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    kanaal: Mapped[str] = mapped_column(String(20))
    aangemaakt_op: Mapped[datetime]
    inhoud: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
