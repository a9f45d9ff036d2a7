import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import BigInteger, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bbz_common.db import new_id
from decision_api.db import Base, hoort_bij

if TYPE_CHECKING:
    from decision_api.behandelingen.models import Behandeling


class Besluit(Base):
    """A decision; field names follow the ZGW Besluiten API where the concept matches."""

    __tablename__ = "besluiten"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    behandeling_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("behandelingen.id"), index=True)
    behandeling: Mapped["Behandeling"] = hoort_bij("Behandeling")
    besluittype: Mapped[str] = mapped_column(String(40))
    product: Mapped[str] = mapped_column(String(40))
    datum: Mapped[date]
    ingangsdatum: Mapped[date]
    vervaldatum: Mapped[date | None]
    toelichting: Mapped[str] = mapped_column(Text)
    automatisch: Mapped[bool]
    rapport: Mapped[dict[str, Any]]
    aangemaakt_op: Mapped[datetime]
    identificatie: Mapped[str | None] = mapped_column(String(50))
    bestuursorgaan: Mapped[str | None] = mapped_column(String(200))
    verzenddatum: Mapped[date | None]
    uiterlijke_reactiedatum: Mapped[date | None]
    vervalreden: Mapped[str | None] = mapped_column(String(40))
    grondslagen: Mapped[list[Any] | None]
    bedrag_per_maand: Mapped[int | None] = mapped_column(BigInteger)
    bedrag: Mapped[int | None] = mapped_column(BigInteger)
    voorstel_id: Mapped[uuid.UUID | None]
    ingetrokken_besluit_id: Mapped[uuid.UUID | None]
    voorgesteld_door: Mapped[str | None] = mapped_column(String(100))
    gefiatteerd_door: Mapped[str | None] = mapped_column(String(100))


class Besluitvoorstel(Base):
    """A proposed decision outside the green route; it becomes a decision only when another officer approves."""

    __tablename__ = "besluitvoorstellen"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    behandeling_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("behandelingen.id"), index=True)
    behandeling: Mapped["Behandeling"] = hoort_bij("Behandeling")
    besluittype: Mapped[str] = mapped_column(String(40))
    product: Mapped[str] = mapped_column(String(40))
    ingangsdatum: Mapped[date | None]
    vervaldatum: Mapped[date | None]
    toelichting: Mapped[str] = mapped_column(Text)
    grondslagen: Mapped[list[Any]]
    bedrag_per_maand: Mapped[int | None] = mapped_column(BigInteger)
    bedrag: Mapped[int | None] = mapped_column(BigInteger)
    looptijd_maanden: Mapped[int | None]
    gegevens: Mapped[dict[str, Any] | None]
    ingetrokken_besluit_id: Mapped[uuid.UUID | None]
    vervalreden: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), index=True)
    voorgesteld_door: Mapped[str] = mapped_column(String(100))
    voorgesteld_op: Mapped[datetime]
    beoordeeld_door: Mapped[str | None] = mapped_column(String(100))
    beoordeeld_op: Mapped[datetime | None]
    beoordeling_toelichting: Mapped[str | None] = mapped_column(Text)
    besluit_id: Mapped[uuid.UUID | None]
