from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from bbz_common.nl import Gemeentecode
from decision_api.datums import Datum


class ParameterNaam(StrEnum):
    """The dated numbers this service reads. Periods are in weeks or days, the sample in basis points."""

    BESLISTERMIJN = "beslistermijn"
    VERLENGINGSTERMIJN = "verlengingstermijn"
    HERSTELTERMIJN = "hersteltermijn"
    BEZWAARTERMIJN = "bezwaartermijn"
    SIGNALERINGSTERMIJN = "signaleringstermijn"
    STEEKPROEFPERCENTAGE = "steekproefpercentage"
    BEDRIJFSKAPITAAL_MAXIMUM_STARTER = "bedrijfskapitaal-maximum-starter"
    BEDRIJFSKAPITAAL_MAXIMUM_GEVESTIGDE = "bedrijfskapitaal-maximum-gevestigde"
    LENING_RENTE = "lening-rente"
    LENING_MAXIMALE_LOOPTIJD = "lening-maximale-looptijd"
    UITSTEL_MAXIMUM = "uitstel-maximum"
    TERUGVORDERING_TERMIJNEN = "terugvordering-termijnen"
    HERINNERINGSTERMIJN = "herinneringstermijn"


class Eenheid(StrEnum):
    WEKEN = "weken"
    DAGEN = "dagen"
    BASISPUNTEN = "basispunten"
    CENTEN = "centen"
    MAANDEN = "maanden"


class ParameterVersie(BaseModel):
    """A parameter version; a decision records the versions it used."""

    id: uuid.UUID
    naam: ParameterNaam
    gemeentecode: str | None
    waarde: int
    eenheid: Eenheid
    geldigVanaf: dt.date
    geldigTot: dt.date | None
    bron: str


class ParameterVersieNieuw(BaseModel):
    """A new version of a parameter (policy administrator): a municipality's own, or a national one."""

    model_config = ConfigDict(extra="forbid")

    naam: ParameterNaam
    gemeentecode: Gemeentecode | None = None
    waarde: Annotated[StrictInt, Field(ge=0, le=2_000_000_000)]
    geldigVanaf: Datum
    geldigTot: Datum | None = None
    bron: Annotated[StrictStr, Field(min_length=3, max_length=1000)]
