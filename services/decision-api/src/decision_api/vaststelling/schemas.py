from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from bbz_common.types import Cents
from decision_api.normen.schemas import HuishoudenGegevens


class VaststellingGegevens(BaseModel):
    """What a final determination rests on: the advance, the financial year and the actual income."""

    model_config = ConfigDict(extra="forbid")

    voorschotBesluitId: uuid.UUID = Field(description="The grant of income support paid as an advance")
    boekjaar: Annotated[StrictInt, Field(ge=2000, le=2199)]
    werkelijkInkomenPerMaand: Cents = Field(
        description="Actual income that counts, per month, from the annual accounts"
    )
    huishouden: HuishoudenGegevens


class Aflossing(BaseModel):
    vervaldatum: dt.date
    bedrag: int


class VorderingOut(BaseModel):
    id: uuid.UUID
    besluitId: uuid.UUID
    behandelingId: uuid.UUID
    bedrag: int = Field(description="In euro cents")
    termijnen: list[Aflossing]
    status: str
