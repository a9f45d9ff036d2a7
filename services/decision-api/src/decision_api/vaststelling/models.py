import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import BigInteger, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from bbz_common.db import new_id
from decision_api.db import Base, hoort_bij

if TYPE_CHECKING:
    from decision_api.behandelingen.models import Behandeling
    from decision_api.besluiten.models import Besluit


class Vordering(Base):
    """A recovery claim from a final determination, with its payment schedule."""

    __tablename__ = "vorderingen"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    besluit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("besluiten.id"), unique=True)
    besluit: Mapped["Besluit"] = hoort_bij("Besluit")
    behandeling_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("behandelingen.id"), index=True)
    behandeling: Mapped["Behandeling"] = hoort_bij("Behandeling")
    bedrag: Mapped[int] = mapped_column(BigInteger)
    termijnen: Mapped[list[Any]]
    status: Mapped[str] = mapped_column(String(20), index=True)
    aangemaakt_op: Mapped[datetime]
