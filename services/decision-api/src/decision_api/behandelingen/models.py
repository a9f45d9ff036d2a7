import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from bbz_common.db import new_id
from decision_api.db import Base


class Behandeling(Base):
    """The handling of one routed application: on the green route decided at once, else in the work queue."""

    __tablename__ = "behandelingen"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    aanvraag_id: Mapped[uuid.UUID] = mapped_column(unique=True)
    gemeentecode: Mapped[str] = mapped_column(String(4))
    ontvangstdatum: Mapped[date]
    doelgroep: Mapped[str] = mapped_column(String(30))
    type_aanvraag: Mapped[str] = mapped_column(String(40))
    ingangsdatum: Mapped[date]
    einddatum: Mapped[date]
    prioriteit: Mapped[bool]
    iban: Mapped[str] = mapped_column(String(34))
    route: Mapped[str] = mapped_column(String(10), index=True)
    routering: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(30), index=True)
    aangemaakt_op: Mapped[datetime]
