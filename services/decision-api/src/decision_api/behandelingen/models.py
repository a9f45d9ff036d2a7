import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text, desc
from sqlalchemy.orm import Mapped, mapped_column

from bbz_common.db import new_id
from decision_api.db import Base, hoort_bij


class Behandeling(Base):
    """The handling of one routed application: on the green route decided at once, else in the work queue."""

    __tablename__ = "behandelingen"
    __table_args__ = (
        # The duplicate look-up of every hand-over: one applicant's handlings that end on or after the new start
        # (migration 0015; 0010 had key and status).
        Index("ix_behandelingen_aanvrager_sleutel_einddatum", "aanvrager_sleutel", "einddatum", "status"),
        # The work queue in its order (repository.open_work): a page is read, not the whole queue sorted (0011;
        # ending on id, the order's tie-breaker, since 0014).
        Index(
            "ix_behandelingen_werkvoorraad",
            "status",
            desc("prioriteit"),
            "uiterste_beslisdatum",
            "ontvangstdatum",
            "aangemaakt_op",
            "id",
        ),
        # The deadline list in its order (termijnen.repository.open_due_before): a page is read, not every open
        # handling within the window sorted (0013).
        Index("ix_behandelingen_termijnbewaking", "status", "uiterste_beslisdatum", desc("prioriteit"), "id"),
    )

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
    # Optional data from intake-api for the beschikking and the vendor's inbox.
    aanvrager: Mapped[dict[str, Any] | None]
    leverancier: Mapped[str | None] = mapped_column(String(100))
    # Optional data for the amount of income support (norm by household, minus the income that counts).
    huishouden: Mapped[dict[str, Any] | None]
    inkomen_per_maand: Mapped[int | None] = mapped_column(BigInteger)
    # Work queue and deadlines.
    behandelaar: Mapped[str | None] = mapped_column(String(100), index=True)
    uiterste_beslisdatum: Mapped[date | None] = mapped_column(index=True)
    verlenging_weken: Mapped[int | None]
    verlengd_op: Mapped[date | None]
    verlenging_reden: Mapped[str | None] = mapped_column(Text)
    # Closed without a decision (a duplicate application).
    afsluitreden: Mapped[str | None] = mapped_column(String(40))
    dubbel_van: Mapped[uuid.UUID | None]
    # A pseudonymous key of the applicant from intake-api (never the BSN), to spot a second application.
    aanvrager_sleutel: Mapped[str | None] = mapped_column(String(128))
    mogelijk_dubbel_van: Mapped[uuid.UUID | None]
    afgesloten_op: Mapped[datetime | None]
    besloten_op: Mapped[date | None]


class Notitie(Base):
    __tablename__ = "notities"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    behandeling_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("behandelingen.id"), index=True)
    behandeling: Mapped["Behandeling"] = hoort_bij("Behandeling")
    auteur: Mapped[str] = mapped_column(String(100))
    tekst: Mapped[str] = mapped_column(Text)
    aangemaakt_op: Mapped[datetime]
