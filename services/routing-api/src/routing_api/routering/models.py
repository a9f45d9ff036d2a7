import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bbz_common.db import new_id
from routing_api.db import Base


class Routering(Base):
    """A recorded route determination: facts read, policy version used, outcome rule by rule."""

    __tablename__ = "routeringen"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    aanvraag_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    gemeentecode: Mapped[str] = mapped_column(String(4))
    route: Mapped[str] = mapped_column(String(10), index=True)
    beleidsversie_id: Mapped[str] = mapped_column(String(100))
    beleidsversie_hash: Mapped[str] = mapped_column(String(64))
    invoer_hash: Mapped[str] = mapped_column(String(64))
    invoer: Mapped[dict[str, Any]]
    # The determination as JSON text, exactly the body that was answered: serialised once, then stored and
    # sent (and replayed for an Idempotency-Key) as is.
    resultaat: Mapped[str] = mapped_column(Text)
    bepaald_op: Mapped[datetime]
    herbepaling_van: Mapped[uuid.UUID | None]
    overschrijving: Mapped[dict[str, Any] | None]
