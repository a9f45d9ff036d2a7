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
    """A register value as the registers-adapter gave it, with its source. Kept loose (`waarde` of any JSON
    type) for backward compatibility; a value of the wrong type is reported as unknown, never guessed."""

    waarde: Any
    bron: Bron


class AanvraagFeiten(Input):
    typeAanvraag: TypeAanvraag = Field(description="A2")
    gewensteIngangsdatum: StrictDate = Field(description="A4")
    verwachteEinddatum: StrictDate = Field(
        description="A5: when the entrepreneur expects to be self-supporting again (T5); also read by G10d"
    )
    bedrag: Cents | None = Field(default=None, description="A6: business capital requested, in cents (C5)")


class Periode(StrEnum):
    EENMALIG = "eenmalig"
    DAG = "dag"
    WEEK = "week"
    VIER_WEKEN = "vier-weken"
    MAAND = "maand"


class Persoon(StrEnum):
    AANVRAGER = "aanvrager"
    PARTNER = "partner"


class InkomenBuitenBedrijf(Input):
    """One income outside the business (I6-I9, I10-I13; I16 for the partner)."""

    van: Persoon = Field(default=Persoon.AANVRAGER, description="aanvrager, or partner (I16)")
    soort: Annotated[StrictStr, Field(max_length=100)] | None = Field(default=None, description="I7 / I11")
    periode: Periode = Field(description="I8 / I12: eenmalig, dag, week, vier-weken, maand")
    nettoBedrag: Cents = Field(description="I9 / I13: net amount per period, in cents")


class Woning(StrEnum):
    SOCIALE_HUUR = "sociale-huurwoning"
    VRIJE_SECTOR_HUUR = "vrije-sector-huurwoning"
    KOOPWONING = "koopwoning"
    KAMERHUUR = "kamerhuur"
    FAMILIE_VRIENDEN = "familie-vrienden"
    ANDERS = "anders"


class Woonsituatie(Input):
    """W1-W8: the housing costs that decide whether a housing-cost supplement (woonkostentoeslag) is needed."""

    woning: Woning = Field(description="W1")
    kaleHuurPerMaand: Cents | None = Field(default=None, description="W2 (C12): basic rent per month, cents")
    hypotheekrentePerMaand: Cents | None = Field(default=None, description="W3 (C13)")
    onroerendezaakbelastingPerJaar: Cents | None = Field(default=None, description="W4 (C13): property tax per year")
    opstalverzekeringPerMaand: Cents | None = Field(default=None, description="W5 (C13)")
    erfpachtPerJaar: Cents | None = Field(default=None, description="W6 (C13)")
    waterschapslastenPerMaand: Cents | None = Field(default=None, description="W7 (C13)")
    rioolheffingPerMaand: Cents | None = Field(default=None, description="W8 (C13)")
    bouwjaar: StrictInt | None = Field(default=None, ge=1000, le=2100, description="W9 (C13): not read by the rules")


class Medebewoner(Input):
    """W10-W12: one co-resident (not the partner); only age and study, never a person record (T14)."""

    leeftijd: StrictInt = Field(ge=0, le=130, description="W10: age in years")
    relatie: Annotated[StrictStr, Field(max_length=50)] | None = Field(default=None, description="W11")
    studerend: StrictBool = Field(
        default=False, description="W12: follows a study with student finance (WSF) or a BBL programme"
    )


class Bedrijfsresultaat(Input):
    """The net business result of one financial year (I2, I3, I4, L7, L9)."""

    boekjaar: StrictInt = Field(ge=1990, le=2100)
    bedrag: StrictInt = Field(description="Cents; may be negative")


class Antwoorden(Input):
    """Answers from the application form (model form question ids in the descriptions). Every field is
    optional: an unanswered question makes the rules that read it `onbekend`, never `voldaan`."""

    urencriterium: StrictBool | None = Field(default=None, description="U2")
    rechtmatigGevestigd: StrictBool | None = Field(default=None, description="U3")
    ingeschrevenVoorPeildatum: StrictBool | None = Field(default=None, description="L1 (KVK prevails)")
    voldoendeWinstReferentiejaar: StrictBool | None = Field(default=None, description="L2")
    voldoendeWinstJaarMin1: StrictBool | None = Field(default=None, description="L6")
    voldoendeWinstJaarMin2: StrictBool | None = Field(default=None, description="L8")
    onbetaalbareSchulden: StrictBool | None = Field(default=None, description="L3")
    zelfvoorzienendBinnenTermijn: StrictBool | None = Field(default=None, description="L4")
    arbeidsongeschiktheidsverzekering: StrictBool | None = Field(default=None, description="OV1")
    premiePerMaand: Cents | None = Field(default=None, description="OV3")
    sbiCodes: list[SbiCode] | None = Field(default=None, max_length=20, description="L5 as SBI codes")
    partner: StrictBool | None = Field(default=None, description="P25: has a partner (BRP prevails)")
    inkomsten: list[InkomenBuitenBedrijf] | None = Field(
        default=None,
        max_length=50,
        description="I6-I13 and I16: every income outside the business of applicant and partner; [] when "
        "I6 and I10 (and the partner's) are answered nee; absent when not asked (G2 then onbekend)",
    )
    nettoBedrijfsresultaatReferentiejaar: StrictInt | None = Field(
        default=None, description="I3: net business result of the reference year, cents (may be negative)"
    )
    nettoBedrijfsresultaatJaarMin1: StrictInt | None = Field(default=None, description="L7, cents")
    nettoBedrijfsresultaatJaarMin2: StrictInt | None = Field(default=None, description="L9, cents")
    nettoBedrijfsresultaten: list[Bedrijfsresultaat] | None = Field(
        default=None,
        max_length=20,
        description="I2/I3 (and L7/L9) by financial year, as the form has them: the rules pick the policy's "
        "reference year and the two before it (the three fields above, where given, prevail)",
    )
    liquideMiddelen: StrictInt | None = Field(
        default=None,
        description="V2 (+V8): sum of the balances of the private bank and savings accounts of applicant and "
        "partner, cents (may be negative); absent when not asked (G7 then onbekend where the test applies)",
    )
    woonsituatie: Woonsituatie | None = Field(default=None, description="W1-W8 (G9)")
    medebewoners: list[Medebewoner] | None = Field(
        default=None, max_length=30, description="W10-W12: every co-resident; [] when none (G6)"
    )
    tozoOntvangen: StrictBool | None = Field(default=None, description="OV4 (only for municipal conditions)")


class RegisterFeiten(Input):
    """Register values as the registers-adapter gave them, each with its source."""

    geboortedatum: BronWaarde | None = Field(default=None, description="BRP: ISO date")
    woongemeentecode: BronWaarde | None = Field(default=None, description="BRP: CBS code")
    kvkInschrijving: BronWaarde | None = Field(default=None, description="KVK: registration date, ISO date")
    kvkSbiCodes: BronWaarde | None = Field(default=None, description="KVK: list of SBI codes")
    aantalMedebewoners21Plus: BronWaarde | None = Field(
        default=None, description="BRP: number of co-residents (not partner) aged 21+ on the look-up date"
    )
    aantalMedebewoners21PlusMetStudiefinanciering: BronWaarde | None = Field(
        default=None, description="Of those aged 21+, the number with study finance (DUO): not cost-sharers"
    )
    heeftPartner: BronWaarde | None = Field(default=None, description="BRP: true/false")
    inkomstenPerMaand: BronWaarde | None = Field(
        default=None,
        description="Suwinet: net income outside the business of applicant and partner, cents/month "
        "(registers-adapter inkomsten.totaalNettoPerMaand)",
    )
    tozoOntvangen: BronWaarde | None = Field(
        default=None, description="Municipal registration: Tozo received (prevails over OV4)"
    )
    eerdereLevensvatbaarheidstoets: BronWaarde | None = Field(
        default=None,
        description="Municipal registration, for a re-application: the viability test done before: geen, kort "
        "(short test: the municipality may want the extended one now) or uitgebreid (no repeat); read by "
        "municipal conditions (seed 001, 'Periods')",
    )


class RouteringVerzoek(Input):
    aanvraagId: uuid.UUID | None = None
    gemeentecode: Gemeentecode
    aanvraagdatum: StrictDate = Field(description="Date of receipt: selects the policy version")
    doelgroep: Doelgroep = Field(description="A1")
    aanvraag: AanvraagFeiten
    antwoorden: Antwoorden
    registers: RegisterFeiten = Field(default_factory=RegisterFeiten)


class Invoer(BaseModel):
    naam: str
    waarde: Any
    bron: Bron


class RegelResultaat(BaseModel):
    regel: Annotated[
        StrictStr, Field(description="Rule id of seed 001 (G1..G10e, O1..O6, R1..R3d) or of the municipality (GM..)")
    ]
    uitkomst: Uitkomst
    toelichting: str = Field(description="Short Dutch explanation for a report")
    invoer: list[Invoer] = Field(description="The inputs the rule read, each with its source")
    voorwaarde: str | None = Field(default=None, description="The condition as the seed (or municipality) words it")


class BeleidsversieRef(BaseModel):
    id: str
    inhoudHash: str = Field(description="SHA-256 of the version's canonical JSON content")


class Deelroute(BaseModel):
    product: TypeAanvraag
    route: Route
    redenen: list[str] = Field(default_factory=list)


class Overschrijving(BaseModel):
    route: Route
    reden: str
    door: str
    op: dt.datetime


class Routering(BaseModel):
    id: uuid.UUID
    aanvraagId: uuid.UUID | None
    route: Route = Field(description="The route the rules determined (see `overschrijving` for an override)")
    redenen: list[str]
    regels: list[RegelResultaat]
    beleidsversie: BeleidsversieRef
    deelroutes: list[Deelroute] | None = Field(
        default=None, description="For typeAanvraag beide: the income part and the credit part, each its route"
    )
    bepaaldOp: dt.datetime
    invoerHash: str = Field(description="Hash of the facts the determination read")
    herbepalingVan: uuid.UUID | None = Field(default=None, description="The determination this one re-does")
    overschrijving: Overschrijving | None = Field(
        default=None, description="A consultant's override of the route, with reason, who and when"
    )
    geldendeRoute: Route | None = Field(default=None, description="The route that applies: override or determined")


class HerbepalingVerzoek(Input):
    beleidsversieId: Annotated[StrictStr, Field(max_length=80)] | None = Field(
        default=None, description="Use this version instead of the one valid on the application date"
    )
    reden: Annotated[StrictStr, Field(min_length=3, max_length=2000)]


class OverschrijvingVerzoek(Input):
    route: Route
    reden: Annotated[StrictStr, Field(min_length=10, max_length=2000, description="Why the route is overridden")]
