import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from bbz_common.db import new_id
from decision_api.db import Base, hoort_bij

if TYPE_CHECKING:
    from decision_api.besluiten.models import Besluit

# Rows still to be rendered; a partial index keeps the renderer's look-up small however many letters exist.
_TE_RENDEREN = text("pdf_sha256 IS NULL")


class Beschikking(Base):
    """The decision letter of one decision. Its content (``inhoud``: every value the template prints) is fixed
    with the decision; the HTML and PDF renderings, each with its SHA-256 checksum, follow from it afterwards
    (beschikkingen.renderer) or on the first read, and are the same bytes whenever they are made."""

    __tablename__ = "beschikkingen"
    __table_args__ = (
        Index(
            "ix_beschikkingen_te_renderen",
            "aangemaakt_op",
            sqlite_where=_TE_RENDEREN,
            postgresql_where=_TE_RENDEREN,
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    besluit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("besluiten.id"), unique=True)
    besluit: Mapped["Besluit"] = hoort_bij("Besluit")
    sjabloon: Mapped[str] = mapped_column(String(60))
    # None only for letters rendered before the content was stored separately (they are rendered already).
    inhoud: Mapped[dict[str, Any] | None]
    html: Mapped[str | None] = mapped_column(Text)
    html_sha256: Mapped[str | None] = mapped_column(String(64))
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))
    aangemaakt_op: Mapped[datetime]
    gerenderd_op: Mapped[datetime | None]
