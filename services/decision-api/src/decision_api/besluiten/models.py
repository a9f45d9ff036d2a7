import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bbz_common.db import new_id
from decision_api.db import Base


class Besluit(Base):
    """A decision; field names follow the ZGW Besluiten API where the concept matches."""

    __tablename__ = "besluiten"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    behandeling_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("behandelingen.id"), index=True)
    besluittype: Mapped[str] = mapped_column(String(40))
    product: Mapped[str] = mapped_column(String(40))
    datum: Mapped[date]
    ingangsdatum: Mapped[date]
    vervaldatum: Mapped[date | None]
    toelichting: Mapped[str] = mapped_column(Text)
    automatisch: Mapped[bool]
    rapport: Mapped[dict[str, Any]]
    aangemaakt_op: Mapped[datetime]
