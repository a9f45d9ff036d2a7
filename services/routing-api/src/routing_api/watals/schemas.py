"""What-if: many applications under a candidate policy version against the active versions."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, Field, StrictInt

from bbz_common.problems import InvalidParam
from routing_api.routering.schemas import BeleidsversieRef, Route


class Tellingen(BaseModel):
    groen: StrictInt = 0
    oranje: StrictInt = 0
    rood: StrictInt = 0


class Overgang(BaseModel):
    van: Route | None = Field(description="Route under the active version (null: no active version valid)")
    naar: Route
    aantal: StrictInt


class Wijziging(BaseModel):
    regelnummer: StrictInt = Field(description="1-based line number in the NDJSON body")
    aanvraagId: uuid.UUID | None
    van: Route | None
    naar: Route


class OngeldigeRegel(BaseModel):
    regelnummer: StrictInt
    fouten: list[InvalidParam]


class WatAlsAnalyse(BaseModel):
    kandidaat: BeleidsversieRef
    aantal: StrictInt = Field(description="Applications evaluated (valid lines)")
    aantalOngeldig: StrictInt = Field(description="Lines that are not a valid RouteringVerzoek")
    aantalAndereGemeente: StrictInt = Field(
        description="Applications of another municipality than the candidate's (skipped; 0 for a default candidate)"
    )
    ongeldig: list[OngeldigeRegel] = Field(description="The first invalid lines (at most 100)")
    verdelingKandidaat: Tellingen = Field(description="Route distribution under the candidate version")
    verdelingActief: Tellingen = Field(description="Route distribution under the active versions")
    zonderActieveVersie: StrictInt = Field(description="Applications for which no active version is valid")
    aantalGewijzigd: StrictInt = Field(description="Applications whose route changes under the candidate")
    overgangen: list[Overgang] = Field(description="Counts per (active route, candidate route) that differ")
    gewijzigd: list[Wijziging] = Field(description="The applications that change route (up to maxGewijzigd)")
    gewijzigdAfgekapt: bool = Field(description="True when more applications changed than are listed")
