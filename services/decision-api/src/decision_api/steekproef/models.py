import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bbz_common.db import new_id
from decision_api.db import Base, hoort_bij

if TYPE_CHECKING:
    from decision_api.behandelingen.models import Behandeling
    from decision_api.besluiten.models import Besluit


class Steekproefcontrole(Base):
    """A green grant drawn for an evidence check afterwards (seed 001 phase 4), and the check's result."""

    __tablename__ = "steekproefcontroles"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    besluit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("besluiten.id"), unique=True)
    besluit: Mapped["Besluit"] = hoort_bij("Besluit")
    behandeling_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("behandelingen.id"), index=True)
    behandeling: Mapped["Behandeling"] = hoort_bij("Behandeling")
    getrokken_op: Mapped[date]
    percentage_basispunten: Mapped[int]
    lot: Mapped[int]
    status: Mapped[str] = mapped_column(String(20), index=True)
    resultaat: Mapped[str | None] = mapped_column(String(30))
    toelichting: Mapped[str | None] = mapped_column(Text)
    gecontroleerd_door: Mapped[str | None] = mapped_column(String(100))
    gecontroleerd_op: Mapped[datetime | None]
