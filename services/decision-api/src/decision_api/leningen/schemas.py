from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr

from bbz_common.types import Cents
from decision_api.datums import Datum
from decision_api.normen.schemas import HuishoudenGegevens


class LeningStatus(StrEnum):
    AKTE_VEREIST = "akte-vereist"  # granted; no payout before the loan deed is signed
    LOPEND = "lopend"  # deed signed, paid out (or ready to be), being repaid
    OPEISBAAR = "opeisbaar"  # immediately claimable


class OpeisbaarheidReden(StrEnum):
    """The events that make the loan immediately claimable (digest-002 §4.7)."""

    MISBRUIK = "misbruik"
    BEEINDIGING = "beeindiging"
    OVERDRACHT = "overdracht"
    SURSEANCE = "surseance"
    FAILLISSEMENT = "faillissement"


class AkteOndertekenen(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ondertekendOp: Datum


class UitstelAanvragen(BaseModel):
    """Defer repayment: principal always, interest too when `ookRente` (principal before interest)."""

    model_config = ConfigDict(extra="forbid")

    vanafTermijn: Annotated[StrictInt, Field(ge=1, le=600)]
    maanden: Annotated[StrictInt, Field(ge=1, le=120)]
    ookRente: StrictBool = False
    toelichting: Annotated[StrictStr, Field(min_length=3, max_length=2000)]


class Opeisen(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reden: OpeisbaarheidReden
    toelichting: Annotated[StrictStr, Field(min_length=3, max_length=2000)]


class Rentekwijtschelding(BaseModel):
    """Remit the interest of loan year 1 or 2 when the income of that year stayed below the annual norm."""

    model_config = ConfigDict(extra="forbid")

    leningjaar: Annotated[StrictInt, Field(ge=1, le=2)]
    jaarinkomen: Cents = Field(description="Income that counts over that year, in cents")
    huishouden: HuishoudenGegevens
    toelichting: Annotated[StrictStr, Field(min_length=3, max_length=2000)]


class Omzetting(BaseModel):
    """Convert (part of) the loan into a grant (om niet) when the income of the application year or the year
    before was below the annual norm."""

    model_config = ConfigDict(extra="forbid")

    bedrag: Cents = Field(description="The part of the principal that becomes a grant, in cents")
    jaar: Annotated[StrictInt, Field(ge=2000, le=2199)]
    jaarinkomen: Cents
    huishouden: HuishoudenGegevens
    toelichting: Annotated[StrictStr, Field(min_length=3, max_length=2000)]


class UitstelOut(BaseModel):
    vanafTermijn: int
    maanden: int
    ookRente: bool


class LeningOut(BaseModel):
    id: uuid.UUID
    besluitId: uuid.UUID
    behandelingId: uuid.UUID
    hoofdsom: int = Field(description="In euro cents")
    renteBasispunten: int
    looptijdMaanden: int
    eersteVervaldatum: dt.date
    maandbedrag: int = Field(description="The annuity per month, in euro cents")
    status: LeningStatus
    akteOndertekendOp: dt.date | None
    uitstel: list[UitstelOut]
    kwijtgescholdenJaren: list[int]
    omgezetBedrag: int = Field(description="Part of the principal converted into a grant (om niet), in cents")
    opeisbaarReden: OpeisbaarheidReden | None
    opeisbaarOp: dt.date | None
    opeisbaarBedrag: int | None


class AflossingsTermijn(BaseModel):
    nummer: int
    vervaldatum: dt.date
    rente: int
    aflossing: int
    betaling: int
    restschuld: int
    uitstel: bool
