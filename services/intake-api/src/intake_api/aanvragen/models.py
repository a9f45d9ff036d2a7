import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bbz_common.db import new_id
from intake_api.db import Base


class Aanvraag(Base):
    """A submitted Bbz application: the form as submitted (immutable), and what the pipeline added to it."""

    __tablename__ = "aanvragen"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    gemeentecode: Mapped[str] = mapped_column(String(4))
    leverancier: Mapped[str] = mapped_column(String(100))
    kanaal: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(30))
    prioriteit: Mapped[bool]
    # Kept for the register look-ups; never written to a URL or a log line.
    burgerservicenummer: Mapped[str] = mapped_column(String(9))
    formulier: Mapped[dict[str, Any]]
    registergegevens: Mapped[dict[str, Any] | None]
    routering: Mapped[dict[str, Any] | None]
    behandeling_id: Mapped[uuid.UUID | None]
    besluiten: Mapped[list[Any]]
    # The pre-check's warnings (e.g. an exclusion ground seems to apply): shown, never a reason to refuse.
    waarschuwingen: Mapped[list[Any]]
    versie: Mapped[int]
    verlenging_van: Mapped[uuid.UUID | None] = mapped_column(index=True)
    ontvangen_op: Mapped[datetime]
    bijgewerkt_op: Mapped[datetime]

    historie: Mapped[list["StatusWijziging"]] = relationship(
        back_populates="aanvraag", order_by="StatusWijziging.tijdstip", lazy="selectin"
    )

    __table_args__ = (Index("ix_aanvragen_leverancier_ontvangen", "leverancier", "ontvangen_op"),)


class AanvraagVersie(Base):
    """Every version of the submitted form: a submitted application is immutable; a correction is a new
    version, and the history keeps them all."""

    __tablename__ = "aanvraag_versies"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    aanvraag_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("aanvragen.id", ondelete="CASCADE"), index=True)
    versie: Mapped[int]
    formulier: Mapped[dict[str, Any]]
    reden: Mapped[str | None] = mapped_column(Text)
    ingediend_door: Mapped[str] = mapped_column(String(100))
    ingediend_op: Mapped[datetime]

    __table_args__ = (UniqueConstraint("aanvraag_id", "versie", name="uq_aanvraag_versies_aanvraag_id"),)


class StatusWijziging(Base):
    __tablename__ = "status_wijzigingen"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    aanvraag_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("aanvragen.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(30))
    tijdstip: Mapped[datetime]
    toelichting: Mapped[str | None] = mapped_column(Text)

    aanvraag: Mapped[Aanvraag] = relationship(back_populates="historie")
