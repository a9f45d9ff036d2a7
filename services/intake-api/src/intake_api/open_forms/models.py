import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bbz_common.db import new_id
from intake_api.db import Base


class FormulierKoppeling(Base):
    """How one Open Forms form's component keys map onto our application, as a municipality configured it."""

    __tablename__ = "open_forms_koppelingen"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    formulier: Mapped[str] = mapped_column(String(200), unique=True)
    omschrijving: Mapped[str | None] = mapped_column(Text)
    velden: Mapped[dict[str, Any]]
    bijlagen: Mapped[dict[str, Any]]
    vaste_waarden: Mapped[dict[str, Any]]
    bijgewerkt_op: Mapped[datetime]
    bijgewerkt_door: Mapped[str] = mapped_column(String(100))


class Registratie(Base):
    """One Open Forms submission, by its public reference: a resend answers from here and creates nothing.
    The reference is unique per caller (each municipality's Open Forms counts on its own)."""

    __tablename__ = "open_forms_registraties"
    __table_args__ = (
        UniqueConstraint("leverancier", "public_reference", name="uq_open_forms_registraties_leverancier"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    public_reference: Mapped[str] = mapped_column(String(100))
    leverancier: Mapped[str] = mapped_column(String(100))
    formulier: Mapped[str | None] = mapped_column(String(200))
    aanvraag_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("aanvragen.id", ondelete="SET NULL"))
    status_code: Mapped[int]
    antwoord: Mapped[dict[str, Any]]
    ontvangen_op: Mapped[datetime]
    aantal_ontvangen: Mapped[int]
