from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from bbz_common.types import Cents
from decision_api.datums import Datum


class Huishouden(StrEnum):
    ALLEENSTAANDE = "alleenstaande"
    ALLEENSTAANDE_OUDER = "alleenstaande-ouder"
    GEHUWDEN = "gehuwden"  # married or cohabiting, both 21 up to the pension age


class HuishoudenGegevens(BaseModel):
    """The household as far as the norm is concerned (Pw art. 21, 22a)."""

    model_config = ConfigDict(extra="forbid")

    soort: Huishouden
    kostendelers: Annotated[StrictInt, Field(ge=0, le=100)] = Field(
        default=0, description="Co-residents aged 21+ who share costs, not counting the applicant and partner"
    )


class Berekenen(BaseModel):
    model_config = ConfigDict(extra="forbid")

    huishouden: HuishoudenGegevens
    inkomenPerMaand: Cents = Field(description="Income that counts, per month, in cents")
    peildatum: Datum = Field(description="The month the amount is for: the norm valid on this date applies")


class NormOut(BaseModel):
    id: uuid.UUID
    huishouden: Huishouden
    bedrag: int
    geldigVanaf: dt.date
    geldigTot: dt.date | None
    bron: str
    teControleren: bool = Field(description="An example figure the municipality must check against the SZW table")


class Berekening(BaseModel):
    """The monthly top-up: the applicable norm (with the cost-sharer norm where cost-sharers live in) minus income."""

    norm: int = Field(description="The applicable norm per month, in cents")
    normversie: NormOut
    kostendelersnorm: bool
    aantalKostendelersInWoning: int = Field(description="A in Pw art. 22a: everyone 21+ in the home, incl. applicant")
    inkomenPerMaand: int
    bedragPerMaand: int
