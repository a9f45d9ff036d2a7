from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, model_validator

from bbz_common.types import Cents
from decision_api.datums import Datum
from decision_api.vaststelling.schemas import VaststellingGegevens


class Besluittype(StrEnum):
    TOEKENNING = "toekenning"
    AFWIJZING = "afwijzing"
    BUITEN_BEHANDELING = "buiten-behandeling"
    INTREKKING = "intrekking"
    DEFINITIEVE_VASTSTELLING = "definitieve-vaststelling"


class Product(StrEnum):
    INKOMENSAANVULLENDE_UITKERING = "inkomensaanvullende-uitkering"
    BEDRIJFSKAPITAAL = "bedrijfskapitaal"


class Vervalreden(StrEnum):
    """ZGW Besluiten `vervalreden` values for a withdrawn grant."""

    INGETROKKEN_OVERHEID = "ingetrokken_overheid"
    INGETROKKEN_BELANGHEBBENDE = "ingetrokken_belanghebbende"


class VoorstelStatus(StrEnum):
    VOORGESTELD = "voorgesteld"
    GEFIATTEERD = "gefiatteerd"
    TERUGGESTUURD = "teruggestuurd"


Tekst = Annotated[StrictStr, Field(min_length=3, max_length=4000)]
Grondslag = Annotated[StrictStr, Field(min_length=3, max_length=500)]


class BesluitVoorstellen(BaseModel):
    """A proposed decision on one part of the application (four-eyes: another officer approves it).

    - `toekenning`: period (defaults to the requested one) and, where known, the amount.
    - `afwijzing`: the legal grounds (`grondslagen`) are required.
    - `buiten-behandeling`: only after a timely request to complete whose repair period passed (Awb 4:5).
    - `intrekking`: of an earlier grant (`ingetrokkenBesluitId`, with `grondslagen`), or, without it, the
      applicant's withdrawal of the application."""

    model_config = ConfigDict(extra="forbid")

    besluittype: Besluittype
    product: Product | None = Field(default=None, description="The part decided on; required for a split request.")
    ingangsdatum: Datum | None = None
    vervaldatum: Datum | None = None
    toelichting: Tekst
    grondslagen: list[Grondslag] = Field(default_factory=list, max_length=20)
    bedragPerMaand: Cents | None = Field(default=None, description="Income support per month, in euro cents.")
    bedrag: Cents | None = Field(default=None, description="Business capital, in euro cents.")
    looptijdMaanden: Annotated[StrictInt, Field(ge=1, le=600)] | None = Field(
        default=None, description="Term of a business capital loan; default the dated maximum"
    )
    ingetrokkenBesluitId: uuid.UUID | None = None
    vervalreden: Vervalreden | None = None
    vaststelling: VaststellingGegevens | None = Field(
        default=None, description="Required for a `definitieve-vaststelling` (final determination of an advance)"
    )

    @model_validator(mode="after")
    def _consistent(self) -> BesluitVoorstellen:
        problems: list[str] = []
        if self.besluittype is Besluittype.AFWIJZING and not self.grondslagen:
            problems.append("grondslagen: a rejection names its legal grounds")
        if self.ingetrokkenBesluitId is not None and self.besluittype is not Besluittype.INTREKKING:
            problems.append("ingetrokkenBesluitId: only for an intrekking")
        if self.besluittype is Besluittype.INTREKKING and self.ingetrokkenBesluitId and not self.grondslagen:
            problems.append("grondslagen: withdrawing a grant names its legal grounds")
        if self.besluittype is not Besluittype.TOEKENNING and (
            self.bedragPerMaand is not None or self.bedrag or self.looptijdMaanden
        ):
            problems.append("bedragPerMaand/bedrag: only for a toekenning")
        if (self.besluittype is Besluittype.DEFINITIEVE_VASTSTELLING) != (self.vaststelling is not None):
            problems.append("vaststelling: required for, and only for, a definitieve-vaststelling")
        if self.ingangsdatum and self.vervaldatum and self.vervaldatum < self.ingangsdatum:
            problems.append("vervaldatum: before ingangsdatum")
        if problems:
            raise ValueError("; ".join(problems))
        return self


class Fiattering(BaseModel):
    """The second officer's verdict on a proposal: approve (it becomes the decision) or send back."""

    model_config = ConfigDict(extra="forbid")

    akkoord: StrictBool
    toelichting: Annotated[StrictStr, Field(max_length=4000)] | None = None


class BesluitvoorstelOut(BaseModel):
    id: uuid.UUID
    behandelingId: uuid.UUID
    besluittype: Besluittype
    product: Product
    ingangsdatum: dt.date | None
    vervaldatum: dt.date | None
    toelichting: str
    grondslagen: list[str]
    bedragPerMaand: int | None
    bedrag: int | None
    looptijdMaanden: int | None
    ingetrokkenBesluitId: uuid.UUID | None
    status: VoorstelStatus
    voorgesteldDoor: str
    voorgesteldOp: dt.datetime
    beoordeeldDoor: str | None
    beoordeeldOp: dt.datetime | None
    beoordelingToelichting: str | None
    besluitId: uuid.UUID | None


class BesluitOut(BaseModel):
    """A decision; names follow the ZGW Besluiten API (identificatie, besluittype, datum, toelichting,
    bestuursorgaan, ingangsdatum, vervaldatum, vervalreden, verzenddatum, uiterlijkeReactiedatum)."""

    id: uuid.UUID
    identificatie: str | None
    behandelingId: uuid.UUID
    besluittype: str
    product: str
    datum: dt.date
    ingangsdatum: dt.date
    vervaldatum: dt.date | None
    vervalreden: str | None
    verzenddatum: dt.date | None
    uiterlijkeReactiedatum: dt.date | None = Field(description="Last day to object (bezwaartermijn).")
    bestuursorgaan: str | None
    toelichting: str
    grondslagen: list[str]
    bedragPerMaand: int | None
    bedrag: int | None
    ingetrokkenBesluitId: uuid.UUID | None
    automatisch: bool
    voorgesteldDoor: str | None
    gefiatteerdDoor: str | None
    rapport: dict[str, Any]
    beschikking: str | None = Field(description="Path of the beschikking's metadata")
