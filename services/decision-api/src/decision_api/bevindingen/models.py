import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bbz_common.db import new_id
from decision_api.db import Base, hoort_bij

if TYPE_CHECKING:
    from decision_api.behandelingen.models import Behandeling


class Bevinding(Base):
    """The finding on one legal condition and its basis (the audit found files without them)."""

    __tablename__ = "bevindingen"
    __table_args__ = (UniqueConstraint("behandeling_id", "voorwaarde", name="uq_bevindingen_behandeling_voorwaarde"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    behandeling_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("behandelingen.id"), index=True)
    behandeling: Mapped["Behandeling"] = hoort_bij("Behandeling")
    voorwaarde: Mapped[str] = mapped_column(String(40))
    uitkomst: Mapped[str] = mapped_column(String(20))
    grondslag: Mapped[str] = mapped_column(Text)
    toelichting: Mapped[str | None] = mapped_column(Text)
    documentsoort: Mapped[str | None] = mapped_column(String(30))
    document_geldig_tot: Mapped[date | None]
    vastgesteld_door: Mapped[str] = mapped_column(String(100))
    vastgesteld_op: Mapped[datetime]
