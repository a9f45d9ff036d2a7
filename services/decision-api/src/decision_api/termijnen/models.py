import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bbz_common.db import new_id
from decision_api.db import Base, hoort_bij

if TYPE_CHECKING:
    from decision_api.behandelingen.models import Behandeling


class Herstelverzoek(Base):
    """A request to complete the application (Awb 4:5) with its repair period; it suspends the decision period."""

    __tablename__ = "herstelverzoeken"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    behandeling_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("behandelingen.id"), index=True)
    behandeling: Mapped["Behandeling"] = hoort_bij("Behandeling")
    omschrijving: Mapped[str] = mapped_column(Text)
    gevraagde_stukken: Mapped[list[Any]]
    verzenddatum: Mapped[date]
    einddatum_hersteltermijn: Mapped[date]
    aanvuldatum: Mapped[date | None]
    verstuurd_door: Mapped[str] = mapped_column(String(100))
    aangemaakt_op: Mapped[datetime]
