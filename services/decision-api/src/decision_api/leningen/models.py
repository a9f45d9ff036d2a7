import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bbz_common.db import new_id
from decision_api.db import Base, hoort_bij

if TYPE_CHECKING:
    from decision_api.behandelingen.models import Behandeling
    from decision_api.besluiten.models import Besluit


class Lening(Base):
    """A business capital loan granted by a decision: paid out only after the loan deed is signed."""

    __tablename__ = "leningen"
    __table_args__ = (
        # The loans in their list's order (repository.pagina): a page is read, not every loan sorted (0014).
        Index("ix_leningen_aangemaakt_op_id", "aangemaakt_op", "id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    besluit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("besluiten.id"), unique=True)
    besluit: Mapped["Besluit"] = hoort_bij("Besluit")
    behandeling_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("behandelingen.id"), index=True)
    behandeling: Mapped["Behandeling"] = hoort_bij("Behandeling")
    hoofdsom: Mapped[int] = mapped_column(BigInteger)
    rente_basispunten: Mapped[int]
    looptijd_maanden: Mapped[int]
    eerste_vervaldatum: Mapped[date]
    status: Mapped[str] = mapped_column(String(20), index=True)
    akte_ondertekend_op: Mapped[date | None]
    uitstel: Mapped[list[Any]]
    kwijtgescholden_jaren: Mapped[list[Any]]
    omgezet_bedrag: Mapped[int] = mapped_column(BigInteger)
    opeisbaar_reden: Mapped[str | None] = mapped_column(String(30))
    opeisbaar_op: Mapped[date | None]
    opeisbaar_bedrag: Mapped[int | None] = mapped_column(BigInteger)
    toelichting: Mapped[str | None] = mapped_column(Text)
    parameters: Mapped[list[Any]]
    aangemaakt_op: Mapped[datetime]
