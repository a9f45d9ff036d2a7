from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from bbz_common.nl import Gemeentecode
from decision_api.datums import Datum


class OpdrachtStatus(StrEnum):
    GEREED = "gereed"  # ready: set out by the grant, awaiting approval
    GOEDGEKEURD = "goedgekeurd"  # approved for payment
    GEEXPORTEERD = "geexporteerd"  # in a SEPA file
    BETAALD = "betaald"
    GEANNULEERD = "geannuleerd"  # cancelled (withdrawal or stop of the grant)


class BetaalopdrachtOut(BaseModel):
    id: uuid.UUID
    besluitId: uuid.UUID
    behandelingId: uuid.UUID
    product: str
    periodeVan: dt.date
    periodeTot: dt.date
    uitvoerdatum: dt.date
    bedrag: int = Field(description="In euro cents")
    iban: str
    omschrijving: str
    endToEndId: str
    status: OpdrachtStatus
    goedgekeurdDoor: str | None
    betaalbestandId: uuid.UUID | None


class Exporteren(BaseModel):
    """Export every approved, not yet exported order of a municipality due on or before `uitvoerdatumTot`."""

    model_config = ConfigDict(extra="forbid")

    gemeentecode: Gemeentecode
    uitvoerdatumTot: Datum


class BetaalbestandOut(BaseModel):
    id: uuid.UUID
    gemeentecode: str
    berichtId: str
    uitvoerdatum: dt.date
    aantal: int
    totaal: int = Field(description="In euro cents")
    sha256: str
    xml: str = Field(description="Path of the pain.001 file")
    aangemaaktDoor: str
    aangemaaktOp: dt.datetime
