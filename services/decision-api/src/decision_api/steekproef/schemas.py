from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictStr


class ControleStatus(StrEnum):
    OPEN = "open"
    AFGEROND = "afgerond"


class ControleResultaat(StrEnum):
    BEVESTIGD = "bevestigd"  # the evidence confirms what was declared
    AFWIJKING = "afwijking"  # the evidence differs: follow up (revision, recovery)
    NIET_AANGELEVERD = "niet-aangeleverd"  # the applicant did not provide the evidence


class ControleResultaatVastleggen(BaseModel):
    model_config = ConfigDict(extra="forbid")

    resultaat: ControleResultaat
    toelichting: Annotated[StrictStr, Field(min_length=3, max_length=4000)]


class SteekproefcontroleOut(BaseModel):
    id: uuid.UUID
    besluitId: uuid.UUID
    behandelingId: uuid.UUID
    getrokkenOp: dt.date
    percentageBasispunten: int = Field(description="The sample percentage in force, in basis points (1000 = 10%).")
    lot: int = Field(description="The reproducible draw (0-9999): selected when below the percentage.")
    status: ControleStatus
    resultaat: ControleResultaat | None
    toelichting: str | None
    gecontroleerdDoor: str | None
    gecontroleerdOp: dt.datetime | None
