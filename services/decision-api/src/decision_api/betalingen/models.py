import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bbz_common.db import new_id
from decision_api.db import Base, hoort_bij

if TYPE_CHECKING:
    from decision_api.behandelingen.models import Behandeling
    from decision_api.besluiten.models import Besluit


class Betaalopdracht(Base):
    """One payment to the applicant's IBAN: a month of income support (or a loan payout)."""

    __tablename__ = "betaalopdrachten"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    besluit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("besluiten.id"), index=True)
    besluit: Mapped["Besluit"] = hoort_bij("Besluit")
    behandeling_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("behandelingen.id"), index=True)
    behandeling: Mapped["Behandeling"] = hoort_bij("Behandeling")
    gemeentecode: Mapped[str] = mapped_column(String(4))
    product: Mapped[str] = mapped_column(String(40))
    periode_van: Mapped[date]
    periode_tot: Mapped[date]
    uitvoerdatum: Mapped[date] = mapped_column(index=True)
    bedrag: Mapped[int] = mapped_column(BigInteger)
    iban: Mapped[str] = mapped_column(String(34))
    naam: Mapped[str] = mapped_column(String(70))
    omschrijving: Mapped[str] = mapped_column(String(140))
    end_to_end_id: Mapped[str] = mapped_column(String(35), unique=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    goedgekeurd_door: Mapped[str | None] = mapped_column(String(100))
    betaalbestand_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    annuleringsreden: Mapped[str | None] = mapped_column(Text)
    aangemaakt_op: Mapped[datetime]


class Betaalbestand(Base):
    """One SEPA credit-transfer file (ISO 20022 pain.001.001.03): one batch per export run."""

    __tablename__ = "betaalbestanden"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    gemeentecode: Mapped[str] = mapped_column(String(4))
    bericht_id: Mapped[str] = mapped_column(String(35), unique=True)
    uitvoerdatum: Mapped[date]
    aantal: Mapped[int]
    totaal: Mapped[int] = mapped_column(BigInteger)
    xml: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    aangemaakt_door: Mapped[str] = mapped_column(String(100))
    aangemaakt_op: Mapped[datetime]
