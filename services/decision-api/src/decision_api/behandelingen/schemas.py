from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr

from bbz_common.nl import Gemeentecode, Iban
from bbz_common.types import StrictDate


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Route(StrEnum):
    GROEN = "groen"
    ORANJE = "oranje"
    ROOD = "rood"


class BehandelingStatus(StrEnum):
    IN_WERKVOORRAAD = "in-werkvoorraad"
    BESLOTEN = "besloten"


class RegelUitkomst(Input):
    regel: Annotated[StrictStr, Field(max_length=10)]
    uitkomst: Literal["voldaan", "niet-voldaan", "onbekend"]
    toelichting: Annotated[StrictStr, Field(max_length=2000)]


class RouteringGegevens(Input):
    routeringId: uuid.UUID
    route: Route
    beleidsversie: Annotated[StrictStr, Field(max_length=100)]
    redenen: list[Annotated[StrictStr, Field(max_length=2000)]] = Field(max_length=50)
    regels: list[RegelUitkomst] = Field(max_length=60)


class BehandelingAanbieden(Input):
    """A routed application, offered by intake-api."""

    aanvraagId: uuid.UUID
    gemeentecode: Gemeentecode
    ontvangstdatum: StrictDate
    doelgroep: Literal["starter", "gevestigde", "oudere-zelfstandige", "beeindiging", "ioaz"]
    typeAanvraag: Literal["inkomensaanvullende-uitkering", "bedrijfskapitaal", "beide"]
    ingangsdatum: StrictDate
    einddatum: StrictDate
    prioriteit: StrictBool
    iban: Iban
    routering: RouteringGegevens


class BesluitSamenvatting(BaseModel):
    id: uuid.UUID
    besluittype: str
    product: str
    datum: dt.date


class BehandelingOut(BaseModel):
    id: uuid.UUID
    aanvraagId: uuid.UUID
    gemeentecode: str
    route: Route
    status: BehandelingStatus
    prioriteit: bool
    ontvangstdatum: dt.date
    redenen: list[str]
    besluiten: list[BesluitSamenvatting]


class WerkvoorraadItem(BaseModel):
    behandelingId: uuid.UUID
    aanvraagId: uuid.UUID
    route: Route
    prioriteit: bool
    ontvangstdatum: dt.date
    redenen: list[str]
