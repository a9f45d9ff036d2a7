"""Contract of a route determination: the facts in (form answers and register values with their source),
the route out with every rule evaluated."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr

from bbz_common.nl import Gemeentecode, SbiCode
from bbz_common.types import Cents, StrictDate


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Doelgroep(StrEnum):
    STARTER = "starter"
    GEVESTIGDE = "gevestigde"
    OUDERE_ZELFSTANDIGE = "oudere-zelfstandige"
    BEEINDIGING = "beeindiging"
    IOAZ = "ioaz"


class TypeAanvraag(StrEnum):
    INKOMENSAANVULLENDE_UITKERING = "inkomensaanvullende-uitkering"
    BEDRIJFSKAPITAAL = "bedrijfskapitaal"
    BEIDE = "beide"


class Route(StrEnum):
    GROEN = "groen"
    ORANJE = "oranje"
    ROOD = "rood"


class Uitkomst(StrEnum):
    VOLDAAN = "voldaan"
    NIET_VOLDAAN = "niet-voldaan"
    ONBEKEND = "onbekend"


class Bron(StrEnum):
    FORMULIER = "formulier"
    BRP = "BRP"
    KVK = "KVK"
    SUWINET = "Suwinet"
    GEMEENTE = "gemeentelijke-registratie"
    BELEID = "beleid"


class BronWaarde(Input):
    waarde: Any
    bron: Bron


class AanvraagFeiten(Input):
    typeAanvraag: TypeAanvraag
    gewensteIngangsdatum: StrictDate
    verwachteEinddatum: StrictDate


class Antwoorden(Input):
    """Answers from the application form (model form question ids in the descriptions)."""

    urencriterium: StrictBool | None = Field(default=None, description="U2")
    rechtmatigGevestigd: StrictBool | None = Field(default=None, description="U3")
    ingeschrevenVoorPeildatum: StrictBool | None = Field(default=None, description="L1")
    voldoendeWinstReferentiejaar: StrictBool | None = Field(default=None, description="L2")
    voldoendeWinstJaarMin1: StrictBool | None = Field(default=None, description="L6")
    voldoendeWinstJaarMin2: StrictBool | None = Field(default=None, description="L8")
    onbetaalbareSchulden: StrictBool | None = Field(default=None, description="L3")
    zelfvoorzienendBinnenTermijn: StrictBool | None = Field(default=None, description="L4")
    arbeidsongeschiktheidsverzekering: StrictBool | None = Field(default=None, description="OV1")
    premiePerMaand: Cents | None = Field(default=None, description="OV3")
    sbiCodes: list[SbiCode] | None = Field(default=None, max_length=20, description="L5 as SBI codes")


class RegisterFeiten(Input):
    """Register values as the registers-adapter gave them, each with its source."""

    geboortedatum: BronWaarde | None = None
    woongemeentecode: BronWaarde | None = None
    kvkInschrijving: BronWaarde | None = None
    kvkSbiCodes: BronWaarde | None = None
    aantalMedebewoners21Plus: BronWaarde | None = None


class RouteringVerzoek(Input):
    aanvraagId: uuid.UUID | None = None
    gemeentecode: Gemeentecode
    aanvraagdatum: StrictDate = Field(description="Date of receipt: selects the policy version")
    doelgroep: Doelgroep
    aanvraag: AanvraagFeiten
    antwoorden: Antwoorden
    registers: RegisterFeiten = Field(default_factory=RegisterFeiten)


class Invoer(BaseModel):
    naam: str
    waarde: Any
    bron: Bron


class RegelResultaat(BaseModel):
    regel: Annotated[StrictStr, Field(description="Rule id of seed 001 (G1..G10e, O1..O6, R1..R3d)")]
    uitkomst: Uitkomst
    toelichting: str = Field(description="Short Dutch explanation for a report")
    invoer: list[Invoer]


class BeleidsversieRef(BaseModel):
    id: str
    inhoudHash: str


class Deelroute(BaseModel):
    product: TypeAanvraag
    route: Route


class Routering(BaseModel):
    id: uuid.UUID
    aanvraagId: uuid.UUID | None
    route: Route
    redenen: list[str]
    regels: list[RegelResultaat]
    beleidsversie: BeleidsversieRef
    deelroutes: list[Deelroute] | None = None
    bepaaldOp: dt.datetime
    invoerHash: str = Field(description="Hash of the facts the determination read")


class Tellingen(BaseModel):
    groen: StrictInt
    oranje: StrictInt
    rood: StrictInt
