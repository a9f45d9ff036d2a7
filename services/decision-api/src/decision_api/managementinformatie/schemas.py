from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field


class Telling(BaseModel):
    sleutel: str
    aantal: int


class Maandcijfers(BaseModel):
    maand: str = Field(description="YYYY-MM", pattern=r"^\d{4}-\d{2}$")
    ontvangen: int
    besluiten: int
    toekenningen: int
    afwijzingen: int


class Betalingscijfers(BaseModel):
    maand: str = Field(description="YYYY-MM", pattern=r"^\d{4}-\d{2}$")
    product: str
    aantal: int
    bedrag: int = Field(description="Paid (or exported for payment), in euro cents")


class Doorlooptijd(BaseModel):
    route: str | None = Field(description="None for all routes together")
    aantal: int
    gemiddeldeDagen: float | None
    mediaanDagen: float | None


class Termijnoverschrijdingen(BaseModel):
    besluitenNaUitersteBeslisdatum: int = Field(description="Decisions taken after the last day to decide")
    openNaUitersteBeslisdatum: int = Field(description="Open handlings whose last day to decide has passed")


class Managementinformatie(BaseModel):
    """Figures the backoffice can chart, over handlings received and decisions taken in the period."""

    vanaf: dt.date
    tot: dt.date
    perRoute: list[Telling]
    perBesluittype: list[Telling]
    perProduct: list[Telling]
    perMaand: list[Maandcijfers]
    doorlooptijden: list[Doorlooptijd] = Field(
        description="Days from receipt to the decision that closed the last part"
    )
    termijnoverschrijdingen: Termijnoverschrijdingen
    afgeslotenAlsDubbel: int
    betalingenPerMaand: list[Betalingscijfers] = Field(description="Payments per month and product")
