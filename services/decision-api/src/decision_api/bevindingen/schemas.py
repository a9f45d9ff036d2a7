from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from decision_api.datums import Datum


class Voorwaarde(StrEnum):
    """The legal conditions on which every decision must record a finding and its basis (digest-004 §4)."""

    NATIONALITEIT_VERBLIJF = "nationaliteit-verblijf"  # art. 11 Pw: Dutch or treated as Dutch, lawful residence
    LEEFTIJD = "leeftijd"  # 18 up to the pension age
    URENCRITERIUM = "urencriterium"  # 1,225 hours a year
    KVK_INSCHRIJVING = "kvk-inschrijving"  # Handelsregister
    INKOMEN = "inkomen"  # income below the applicable norm
    VOORLIGGENDE_VOORZIENINGEN = "voorliggende-voorzieningen"  # art. 15 Pw
    UITSLUITINGSGRONDEN = "uitsluitingsgronden"  # art. 13 Pw
    IDENTITEITSDOCUMENT = "identiteitsdocument"  # a valid identity document was checked


VEREISTE_VOORWAARDEN: tuple[Voorwaarde, ...] = tuple(Voorwaarde)


class Uitkomst(StrEnum):
    VOLDAAN = "voldaan"
    NIET_VOLDAAN = "niet-voldaan"


class Documentsoort(StrEnum):
    PASPOORT = "paspoort"
    IDENTITEITSKAART = "identiteitskaart"
    RIJBEWIJS = "rijbewijs"
    VERBLIJFSDOCUMENT = "verblijfsdocument"


class Identiteitsdocument(BaseModel):
    model_config = ConfigDict(extra="forbid")

    soort: Documentsoort
    geldigTot: Datum = Field(description="Expiry date of the document; it must be valid on the day of the check.")


class BevindingVastleggen(BaseModel):
    """The finding on one condition: the outcome and what it rests on (a register, a document, a statement)."""

    model_config = ConfigDict(extra="forbid")

    uitkomst: Uitkomst
    grondslag: Annotated[StrictStr, Field(min_length=3, max_length=2000, description="The basis: source or evidence")]
    toelichting: Annotated[StrictStr, Field(max_length=4000)] | None = None
    identiteitsdocument: Identiteitsdocument | None = Field(
        default=None, description="Required for the condition `identiteitsdocument`."
    )


class BevindingOut(BaseModel):
    voorwaarde: Voorwaarde
    uitkomst: Uitkomst
    grondslag: str
    toelichting: str | None
    documentsoort: Documentsoort | None
    documentGeldigTot: dt.date | None
    vastgesteldDoor: str
    vastgesteldOp: dt.datetime
