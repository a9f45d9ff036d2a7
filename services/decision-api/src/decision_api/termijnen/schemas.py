from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from decision_api.behandelingen.schemas import Route


class HerstelverzoekVersturen(BaseModel):
    """A request to the applicant to complete the application (Awb 4:5). Sent today (the service's clock); the
    repair period is the dated parameter `hersteltermijn`."""

    model_config = ConfigDict(extra="forbid")

    omschrijving: Annotated[StrictStr, Field(min_length=3, max_length=4000)]
    gevraagdeStukken: list[Annotated[StrictStr, Field(min_length=2, max_length=300)]] = Field(
        min_length=1, max_length=30
    )


class HerstelverzoekOut(BaseModel):
    id: uuid.UUID
    omschrijving: str
    gevraagdeStukken: list[str]
    verzenddatum: dt.date
    einddatumHersteltermijn: dt.date
    aanvuldatum: dt.date | None
    tijdig: bool = Field(description="Sent within the decision period: only then can it carry a setting aside.")
    verstuurdDoor: str


class Verlengen(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reden: Annotated[StrictStr, Field(min_length=3, max_length=2000)]


class TermijnOut(BaseModel):
    ontvangstdatum: dt.date
    uitersteBeslisdatum: dt.date
    verlengdOp: dt.date | None
    verlengingWeken: int | None
    opgeschorteDagen: int
    opgeschort: bool = Field(description="A request to complete is open: the clock stands still.")


class TermijnSignaal(BaseModel):
    behandelingId: uuid.UUID
    aanvraagId: uuid.UUID
    route: Route
    prioriteit: bool
    behandelaar: str | None
    uitersteBeslisdatum: dt.date
    dagenResterend: int = Field(description="Days left until the last day to decide; negative when past.")
    overschreden: bool
    opgeschort: bool
