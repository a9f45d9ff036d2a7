import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bbz_common.db import new_id
from decision_api.db import Base


class Beschikking(Base):
    """The decision letter of one decision, as HTML and PDF, each with its SHA-256 checksum."""

    __tablename__ = "beschikkingen"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    besluit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("besluiten.id"), unique=True)
    sjabloon: Mapped[str] = mapped_column(String(60))
    html: Mapped[str] = mapped_column(Text)
    html_sha256: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    pdf_sha256: Mapped[str] = mapped_column(String(64))
    aangemaakt_op: Mapped[datetime]
