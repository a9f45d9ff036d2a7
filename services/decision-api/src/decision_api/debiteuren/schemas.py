from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from bbz_common.types import Cents
from decision_api.datums import Datum


class OntvangstRegistreren(BaseModel):
    model_config = ConfigDict(extra="forbid")

    bedrag: Cents
    ontvangenOp: Datum


class OntvangstOut(BaseModel):
    id: uuid.UUID
    bedrag: int
    ontvangenOp: dt.date


class Stand(StrEnum):
    BIJ = "bij"  # up to date
    ACHTERSTAND = "achterstand"  # in arrears
    UITSTEL = "uitstel"  # repayment deferred now
    OPEISBAAR = "opeisbaar"
    AFGELOST = "afgelost"
    AKTE_VEREIST = "akte-vereist"


class Schuldpositie(BaseModel):
    soort: str = Field(description="lening or vordering")
    id: uuid.UUID
    behandelingId: uuid.UUID
    stand: Stand
    vervallen: int
    ontvangen: int
    achterstand: int
    openstaand: int
    herinneringVerschuldigd: bool


class Debiteur(BaseModel):
    """Per applicant the loans and claims with their standing. This service holds no BSN: an applicant is known
    by the pseudonymous key intake-api sends (aanvragerSleutel), else each handling stands on its own."""

    aanvragerSleutel: str | None
    behandelingIds: list[uuid.UUID]
    naam: str | None
    posities: list[Schuldpositie]
    totaleAchterstand: int
    herinneringVerschuldigd: bool
