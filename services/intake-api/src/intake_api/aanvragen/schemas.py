"""The application as an e-form vendor posts it: every category and question of the Model Digitaal
Aanvraagformulier Bbz (`shared/domain/model-form.md`, question ids in each field's description).

Field names are the form's Dutch terms in camelCase. Conditional questions ("Indien ...") are optional here
and governed by the rules table in `voorwaarden.py`: required when their condition holds, refused when not.
Every violation, of a type or of a rule, is reported at once."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated, Any, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    ModelWrapValidatorHandler,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from bbz_common.bulk import BulkRequest, BulkResponse
from bbz_common.nl import Burgerservicenummer, Gemeentecode, Iban, KvkNummer, Postcode, SbiCode
from bbz_common.types import Cents, StrictDate
from intake_api.aanvragen.voorwaarden import schendingen


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


Text = Annotated[StrictStr, Field(min_length=1, max_length=200)]
LongText = Annotated[StrictStr, Field(min_length=1, max_length=4000)]
SignedCents = Annotated[
    StrictInt, Field(ge=-10_000_000_000, le=10_000_000_000, description="Euro cents; may be negative")
]
Telefoonnummer = Annotated[StrictStr, Field(pattern=r"^\+?[0-9 ()-]{6,20}$")]


# ---- choice lists (answer options of the source, as kebab-case values) --------------------------------


class Geslacht(StrEnum):
    MAN = "man"
    VROUW = "vrouw"
    ANDERS = "anders"


class SoortIdentiteitsbewijs(StrEnum):
    PASPOORT = "paspoort"
    IDENTITEITSKAART = "identiteitskaart"
    VREEMDELINGENDOCUMENT = "vreemdelingendocument"


class SoortAdres(StrEnum):
    INSCHRIJVINGSADRES = "inschrijvingsadres"
    VERBLIJFSADRES = "verblijfsadres"  # the source writes "verblijfadres" (sic)
    BRIEFADRES = "briefadres"


class Doelgroep(StrEnum):
    """A1: the target group."""

    STARTER = "starter"
    GEVESTIGDE = "gevestigde"
    OUDERE_ZELFSTANDIGE = "oudere-zelfstandige"
    BEEINDIGING = "beeindiging"
    IOAZ = "ioaz"


class TypeAanvraag(StrEnum):
    """A2: what is requested."""

    INKOMENSAANVULLENDE_UITKERING = "inkomensaanvullende-uitkering"
    BEDRIJFSKAPITAAL = "bedrijfskapitaal"
    BEIDE = "beide"


class Kanaal(StrEnum):
    DIGITAAL = "digitaal"
    PAPIER = "papier"


class Rechtsvorm(StrEnum):
    EENMANSZAAK = "eenmanszaak"
    VOF = "vennootschap-onder-firma"
    CV = "commanditaire-vennootschap"
    MAATSCHAP = "maatschap"
    BV = "besloten-vennootschap"
    COOPERATIE = "cooperatie"


class Bedrijfspand(StrEnum):
    GEEN = "geen"
    HUUR = "huur"
    EIGENDOM = "eigendom"


class WijzeBeeindiging(StrEnum):
    OPHEFFING = "opheffing"
    VERKOOP = "verkoop"
    OVERDRACHT = "overdracht"


class SituatieVoorafgaand(StrEnum):
    WW = "ww"
    DREIGEND_ONTSLAG = "dreigend-ontslag"
    OPZEGGING = "opzegging"
    ANDERS = "anders"


class Woning(StrEnum):
    SOCIALE_HUURWONING = "sociale-huurwoning"
    VRIJE_SECTOR_HUURWONING = "vrije-sector-huurwoning"
    KOOPWONING = "koopwoning"
    KAMERHUUR = "kamerhuur"
    FAMILIE_VRIENDEN = "familie-vrienden"
    ANDERS = "anders"


class RelatieMedebewoner(StrEnum):
    PLEEGKIND_OF_KIND = "kind"
    OUDER = "ouder"
    BROER_ZUS = "broer-zus"
    HUISGENOOT = "huisgenoot"
    ONDERHUURDER = "onderhuurder"
    ANDERS = "anders"


class SoortInkomstenArbeidUitkering(StrEnum):
    ARBEID = "inkomsten-uit-arbeid"
    WERKLOOSHEIDSUITKERING = "werkloosheidsuitkering"
    ARBEIDSONGESCHIKTHEIDSUITKERING = "arbeidsongeschiktheidsuitkering"
    WAJONG = "wajong"
    OVERIGE_UITKERING = "overige-uitkering"
    PENSIOEN = "pensioen"


class SoortOverigeInkomsten(StrEnum):
    KINDERALIMENTATIE = "kinderalimentatie"
    PARTNERALIMENTATIE = "partneralimentatie"
    VOORLOPIGE_TERUGGAVE = "voorlopige-teruggave"
    STUDIEFINANCIERING = "studiefinanciering"
    VERHUUR = "verhuur-onderhuur"
    KOSTGELD = "kostgeld"
    ERFENIS = "erfenis"
    DIVIDEND = "dividend"
    PERIODIEKE_GIFTEN = "periodieke-giften"
    OVERIG = "overig"


class Periode(StrEnum):
    EENMALIG = "eenmalig"
    DAG = "dag"
    WEEK = "week"
    VIER_WEKEN = "vier-weken"
    MAAND = "maand"


class SoortPriveVermogen(StrEnum):
    EIGEN_WONING = "eigen-woning"
    ONROEREND_GOED = "onroerend-goed"
    VOERTUIG = "voertuig"
    EFFECTEN = "effecten"
    LIJFRENTE = "lijfrente"
    PENSIOENVERZEKERING = "pensioenverzekering"
    LEVENSVERZEKERING = "levensverzekering"
    OVERIG = "overig"


# ---- 1. Personalia en adres ---------------------------------------------------------------------------


class Personalia(Input):
    burgerservicenummer: Burgerservicenummer = Field(description="P1")
    voorletters: Annotated[StrictStr, Field(min_length=1, max_length=20, description="P2 (BRP)")]
    voorvoegsel: Annotated[StrictStr, Field(min_length=1, max_length=20)] | None = Field(
        default=None, description="P3 (BRP)"
    )
    achternaam: Annotated[StrictStr, Field(min_length=1, max_length=200, description="P4 (BRP)")]
    geboortedatum: StrictDate = Field(description="P5 = U1 (BRP): asked once")
    geslacht: Geslacht = Field(description="P6 (BRP)")
    nederlandseNationaliteit: StrictBool = Field(description="Has Dutch nationality (BRP); drives C1 and C2")
    nationaliteit: Text | None = Field(default=None, description="P7 (C1: only when not Dutch)")


class Identiteitsbewijs(Input):
    """P8-P10. How the applicant is identified is municipal policy (T2): the block is optional."""

    soort: SoortIdentiteitsbewijs = Field(description="P8")
    documentnummer: Annotated[StrictStr, Field(pattern=r"^[A-Z0-9]{6,20}$", description="P9")]
    geldigTot: StrictDate = Field(description="P10")


class Verblijfstitel(Input):
    """P11-P13 (C2)."""

    heeftVerblijfstitel: StrictBool = Field(description="P11")
    soort: Text | None = Field(default=None, description="P12 (the source gives no list)")
    geldigTot: StrictDate | None = Field(default=None, description="P13")


class Adresregels(Input):
    straatnaam: Text = Field(description="P15 (BRP)")
    huisnummer: Annotated[StrictInt, Field(ge=1, le=99999, description="P16 (BRP)")]
    huisnummertoevoeging: Annotated[StrictStr, Field(min_length=1, max_length=10)] | None = Field(
        default=None, description="P17 (BRP)"
    )
    postcode: Postcode = Field(description="P18 (BRP)")
    plaats: Text = Field(description="P19 (BRP); also exclusion ground U4 (place of residence)")


class Adres(Adresregels):
    soortAdres: SoortAdres = Field(description="P14")
    verblijfOpInschrijvingsadres: StrictBool = Field(description="P20")
    woonadres: Adresregels | None = Field(default=None, description="P21 (C3)")
    toelichtingVerblijf: LongText | None = Field(default=None, description="P22 (C3)")


class Contact(Input):
    emailadres: EmailStr = Field(description="P23")
    telefoonnummers: list[Telefoonnummer] = Field(default_factory=list, max_length=5, description="P24")


class PartnerPersonalia(Input):
    """P26: the partner's personalia (P1-P7)."""

    burgerservicenummer: Burgerservicenummer
    voorletters: Annotated[StrictStr, Field(min_length=1, max_length=20)]
    voorvoegsel: Annotated[StrictStr, Field(min_length=1, max_length=20)] | None = None
    achternaam: Annotated[StrictStr, Field(min_length=1, max_length=200)]
    geboortedatum: StrictDate
    geslacht: Geslacht
    nederlandseNationaliteit: StrictBool
    nationaliteit: Text | None = Field(default=None, description="C1, as for the applicant")


class Partner(Input):
    heeftPartner: StrictBool = Field(description="P25")
    personalia: PartnerPersonalia | None = Field(default=None, description="P26 (C4)")
    identiteitsbewijs: Identiteitsbewijs | None = Field(default=None, description="P27 (C4)")
    contact: Contact | None = Field(default=None, description="P28 (C4)")


class Betalen(Input):
    iban: Iban = Field(description="P29: the account the benefit is paid to")


# ---- 2. Aanvraag en doelgroep -------------------------------------------------------------------------


class AanvraagGegevens(Input):
    typeAanvraag: TypeAanvraag = Field(description="A2")
    reden: Annotated[StrictStr, Field(min_length=1, max_length=2000, description="A3")]
    gewensteIngangsdatum: StrictDate = Field(description="A4: from today on")
    verwachteEinddatum: StrictDate = Field(description="A5: when the entrepreneur expects to be self-supporting")
    bedrag: Cents | None = Field(default=None, description="A6: capital requested, in cents (C5)")
    noodzakelijkVoorVoortbestaan: StrictBool | None = Field(default=None, description="A7 (C5)")
    andereFinancieringsmogelijkheden: StrictBool | None = Field(default=None, description="A8 (C5)")


class DreigendeSituatie(Input):
    huisuitzetting: StrictBool = Field(default=False, description="A9")
    afsluitingEnergieOfWater: StrictBool = Field(default=False, description="A10")
    beslaglegging: StrictBool = Field(default=False, description="A11")


# ---- 3. Uitsluitingsgronden ---------------------------------------------------------------------------


class Uitsluitingsgronden(Input):
    """U1 (birth date) is P5 and U4 (place of residence) is P19: each asked once."""

    urencriterium: StrictBool = Field(description="U2: meets the hours criterion")
    rechtmatigGevestigd: StrictBool = Field(description="U3: business lawfully established")


# ---- 4. Onderneming -----------------------------------------------------------------------------------


class Beeindiging(Input):
    perDirect: StrictBool = Field(description="O26: immediately, or on verwachteDatum")
    verwachteDatum: StrictDate | None = Field(default=None, description="O26")
    wijze: WijzeBeeindiging | None = Field(default=None, description="O27")

    @model_validator(mode="after")
    def _date_unless_immediate(self) -> Self:
        if self.perDirect == (self.verwachteDatum is not None):
            raise PydanticCustomError("conditional_required", "verwachteDatum: required unless perDirect (O26)")
        return self


class Onderneming(Input):
    """One block for every doelgroep; which questions apply is set by rules C6-C11 (see voorwaarden.py)."""

    kvkNummer: KvkNummer | None = Field(default=None, description="O1 / O17 / O33 (and for oudere zelfstandige, IOAZ)")
    handelsnaam: Text | None = Field(default=None, description="O2 / O18 / O34 (KVK)")
    datumInschrijving: StrictDate | None = Field(default=None, description="O3 / O19 / O35 (KVK)")
    datumVestiging: StrictDate | None = Field(default=None, description="O4 / O20 / O29")
    rechtsvorm: Rechtsvorm | None = Field(default=None, description="O5 / O21 / O36 (KVK)")
    sbiCodes: list[SbiCode] | None = Field(
        default=None, min_length=1, max_length=20, description="O6 / O22 / O37 (KVK)"
    )
    omschrijvingHandelsregister: LongText | None = Field(default=None, description="O7 / O23 / O38 (KVK)")
    omschrijvingActiviteiten: LongText | None = Field(default=None, description="O8 / O24 / O32")
    bedrijfspand: Bedrijfspand | None = Field(default=None, description="O9 / O25 / O30")
    aantalVennoten: Annotated[StrictInt, Field(ge=2, le=100)] | None = Field(default=None, description="O10 (C7)")
    directeurGrootaandeelhouder: StrictBool | None = Field(default=None, description="O11 (C8)")
    vestigingsadres: Adresregels | None = Field(default=None, description="O12-O16 (KVK)")
    beeindiging: Beeindiging | None = Field(default=None, description="O26-O27 (C9; optional, T11)")
    ingeschreven: StrictBool | None = Field(default=None, description="O28 (C10)")
    situatieVoorafgaand: SituatieVoorafgaand | None = Field(default=None, description="O31 (C10)")


# ---- 5. Woon- en leefsituatie -------------------------------------------------------------------------


class Woonsituatie(Input):
    woning: Woning = Field(description="W1")
    kaleHuurPerMaand: Cents | None = Field(default=None, description="W2 (C12); the source gives no period: per month")
    hypotheekrentePerMaand: Cents | None = Field(default=None, description="W3 (C13)")
    onroerendezaakbelastingPerJaar: Cents | None = Field(default=None, description="W4 (C13)")
    opstalverzekeringPerMaand: Cents | None = Field(default=None, description="W5 (C13)")
    erfpachtPerJaar: Cents | None = Field(default=None, description="W6 (C13)")
    waterschapslastenPerMaand: Cents | None = Field(default=None, description="W7 (C13)")
    rioolheffingPerMaand: Cents | None = Field(default=None, description="W8 (C13)")
    bouwjaar: Annotated[StrictInt, Field(ge=1000, le=2100)] | None = Field(default=None, description="W9 (C13)")


class Medebewoner(Input):
    """W10-W12. Data minimisation (T14): the age, not the birth date; no names, no BSN."""

    leeftijd: Annotated[StrictInt, Field(ge=0, le=130, description="W10")]
    relatie: RelatieMedebewoner = Field(description="W11")
    studerend: StrictBool = Field(description="W12: a study with study finance or BBL (then not a cost-sharer)")


# ---- 6. Inkomen ---------------------------------------------------------------------------------------


class Bedrijfsresultaat(Input):
    boekjaar: Annotated[StrictInt, Field(ge=1990, le=2100)]
    bedrag: SignedCents


class InkomstenArbeidOfUitkering(Input):
    soort: SoortInkomstenArbeidUitkering = Field(description="I7")
    periode: Periode = Field(description="I8")
    nettoBedrag: Cents = Field(description="I9")


class OverigeInkomsten(Input):
    soort: SoortOverigeInkomsten = Field(description="I11")
    periode: Periode = Field(description="I12")
    nettoBedrag: Cents = Field(description="I13")


class Tijdvak(Input):
    van: StrictDate
    tot: StrictDate | None = None


class Arbeidsverleden(Input):
    omschrijving: LongText = Field(description="I14")
    periode: Tijdvak = Field(description="I15")


class InkomenBuitenBedrijf(Input):
    inkomstenUitArbeidOfUitkering: StrictBool = Field(description="I6")
    inkomstenArbeidOfUitkering: list[InkomstenArbeidOfUitkering] = Field(
        default_factory=list, max_length=20, description="I7-I9 (C15)"
    )
    overigeInkomsten: StrictBool = Field(description="I10")
    overigeInkomstenPosten: list[OverigeInkomsten] = Field(
        default_factory=list, max_length=20, description="I11-I13 (C16)"
    )


class Inkomen(InkomenBuitenBedrijf):
    zelfstandigenaftrek: StrictBool = Field(description="I1")
    nettoBedrijfsresultaten: list[Bedrijfsresultaat] = Field(
        default_factory=list,
        max_length=10,
        description="I2, I3: net business result per year (the source fixes 2020, 2019)",
    )
    verwachtNettoBedrijfsresultaat: Bedrijfsresultaat | None = Field(default=None, description="I4")
    toelichtingZelfstandigenaftrek: LongText | None = Field(default=None, description="I5 (C14)")
    arbeidsverleden: list[Arbeidsverleden] | None = Field(default=None, max_length=30, description="I14-I15 (C17)")
    partner: InkomenBuitenBedrijf | None = Field(default=None, description="I16 (C18): I6-I13 for the partner")


# ---- 7. Vermogen --------------------------------------------------------------------------------------


class Rekening(Input):
    iban: Iban = Field(description="V1 / V12")
    saldo: SignedCents = Field(description="V2 / V13")


class PriveVermogensbestanddeel(Input):
    soort: SoortPriveVermogen = Field(description="V3")
    waarde: Cents = Field(description="V4: own home the WOZ value, a vehicle its current value (T16)")


class ZakelijkVermogensbestanddeel(Input):
    soort: Literal["roerende-zaken", "onroerende-zaken"] = Field(description="V14")
    waarde: Cents = Field(description="V15")


class Schuld(Input):
    schuldeiser: Text = Field(description="V5 / V16")
    omvang: Cents = Field(description="V6 / V17")
    betaalverplichting: StrictBool = Field(description="V7 / V18")


class PartnerVermogen(Input):
    rekeningen: list[Rekening] = Field(default_factory=list, max_length=20, description="V8")
    vermogensbestanddelen: list[PriveVermogensbestanddeel] = Field(
        default_factory=list, max_length=20, description="V9"
    )
    schulden: list[Schuld] = Field(default_factory=list, max_length=50, description="V10")


class Vermogen(Input):
    """V11 ('aanspraak vermogen partner') has no block in the source (ambiguity 9) and is not asked."""

    priveRekeningen: list[Rekening] = Field(default_factory=list, max_length=20, description="V1-V2")
    priveVermogensbestanddelen: list[PriveVermogensbestanddeel] = Field(
        default_factory=list, max_length=20, description="V3-V4"
    )
    priveSchulden: list[Schuld] = Field(default_factory=list, max_length=50, description="V5-V7")
    partner: PartnerVermogen | None = Field(default=None, description="V8-V10 (C19)")
    zakelijkeRekeningen: list[Rekening] = Field(default_factory=list, max_length=20, description="V12-V13")
    zakelijkeVermogensbestanddelen: list[ZakelijkVermogensbestanddeel] = Field(
        default_factory=list, max_length=20, description="V14-V15"
    )
    zakelijkeSchulden: list[Schuld] = Field(default_factory=list, max_length=50, description="V16-V18")


# ---- 8. Beschikbaarheid arbeidsmarkt (IOAZ) -----------------------------------------------------------


class Beschikbaarheid(Input):
    arbeidsongeschikt: StrictBool = Field(description="B1")
    beschikbaarVoor38Uur: StrictBool = Field(description="B2 (38 hours per week)")
    percentageArbeidsongeschikt: Annotated[StrictInt, Field(ge=1, le=100)] | None = Field(
        default=None, description="B3 (C21)"
    )
    toelichtingArbeidsongeschiktheid: LongText | None = Field(default=None, description="B4 (C21)")
    aantalUurBeschikbaar: Annotated[StrictInt, Field(ge=0, le=37)] | None = Field(
        default=None, description="B5 (C22), per week"
    )
    redenOnvolledigeBeschikbaarheid: LongText | None = Field(default=None, description="B6 (C22)")


# ---- 9. Levensvatbaarheid -----------------------------------------------------------------------------


class Levensvatbaarheid(Input):
    """L1-L9: the short viability test. The source's years (2019 and the two before) are the municipal
    policy's reference year; the answers are relative to it."""

    ingeschrevenVoorPeildatum: StrictBool = Field(description="L1: registered before the reference date")
    voldoendeWinstReferentiejaar: StrictBool = Field(description="L2: enough profit in the reference year")
    onbetaalbareSchulden: StrictBool = Field(description="L3: debts built up that cannot be paid")
    zelfvoorzienendBinnenTermijn: StrictBool = Field(description="L4: self-supporting within n months")
    branche: Text | None = Field(default=None, description="L5: from the municipality's list")
    voldoendeWinstJaarMin1: StrictBool | None = Field(default=None, description="L6 (C23)")
    nettoBedrijfsresultaatJaarMin1: SignedCents | None = Field(default=None, description="L7 (C23)")
    voldoendeWinstJaarMin2: StrictBool | None = Field(default=None, description="L8 (C23)")
    nettoBedrijfsresultaatJaarMin2: SignedCents | None = Field(default=None, description="L9 (C23)")


# ---- 10. Overig ---------------------------------------------------------------------------------------


class Overig(Input):
    arbeidsongeschiktheidsverzekering: StrictBool = Field(description="OV1")
    naamVerzekeraar: Text | None = Field(default=None, description="OV2 (C24)")
    premiePerMaand: Cents | None = Field(default=None, description="OV3 (C24)")
    tozoOntvangen: StrictBool | None = Field(default=None, description="OV4 (gemeentelijke registratie; optional)")


def _as_custom(error: Any) -> InitErrorDetails:
    message = str(error.get("msg", "invalid")).replace("{", "{{").replace("}", "}}")
    return {
        "type": PydanticCustomError(str(error.get("type", "invalid")), message),
        "loc": tuple(error["loc"]),
        "input": None,
    }


class AanvraagIndienen(Input):
    """POST body: a Bbz application, every category of the model form."""

    gemeentecode: Gemeentecode = Field(description="CBS code of the municipality the application is for")
    kanaal: Kanaal = Field(default=Kanaal.DIGITAAL, description="Digital form, or a paper form entered by an officer")
    personalia: Personalia
    identiteitsbewijs: Identiteitsbewijs | None = None
    verblijfstitel: Verblijfstitel | None = Field(default=None, description="P11-P13 (C2)")
    adres: Adres
    contact: Contact
    partner: Partner
    betalen: Betalen
    doelgroep: Doelgroep = Field(description="A1")
    aanvraag: AanvraagGegevens
    dreigendeSituatie: DreigendeSituatie = Field(default_factory=DreigendeSituatie)
    uitsluitingsgronden: Uitsluitingsgronden
    onderneming: Onderneming
    woonsituatie: Woonsituatie
    medebewoners: list[Medebewoner] = Field(default_factory=list, max_length=20, description="W10-W12")
    inkomen: Inkomen
    vermogen: Vermogen = Field(default_factory=Vermogen)
    beschikbaarheid: Beschikbaarheid | None = Field(default=None, description="B1-B6 (C20: IOAZ only, optional)")
    levensvatbaarheid: Levensvatbaarheid
    overig: Overig

    @model_validator(mode="wrap")
    @classmethod
    def _every_violation_at_once(cls, data: Any, handler: ModelWrapValidatorHandler[Self]) -> Self:
        """Type errors and conditional-rule violations are reported together, in one problem."""
        rule_errors: list[InitErrorDetails] = []
        if isinstance(data, dict):
            rule_errors = [
                {"type": PydanticCustomError(v.code, v.message), "loc": v.path, "input": None}
                for v in schendingen(data)
            ]
        try:
            model = handler(data)
        except ValidationError as exc:
            raise ValidationError.from_exception_data(
                cls.__name__, [_as_custom(e) for e in exc.errors()] + rule_errors
            ) from None
        if rule_errors:
            raise ValidationError.from_exception_data(cls.__name__, rule_errors)
        return model


# ---- responses ---------------------------------------------------------------------------------------


class Status(StrEnum):
    ONTVANGEN = "ontvangen"
    VERRIJKT = "verrijkt"
    GEROUTEERD = "gerouteerd"
    IN_BEHANDELING = "in-behandeling"
    HERSTELTERMIJN = "hersteltermijn"
    BESLOTEN = "besloten"
    GESLOTEN = "gesloten"  # closed without a decision, e.g. as a duplicate of another application


class StatusWijzigingOut(BaseModel):
    status: Status
    tijdstip: dt.datetime
    toelichting: str | None = None


class RegelUitkomst(BaseModel):
    regel: str
    uitkomst: Literal["voldaan", "niet-voldaan", "onbekend"]
    toelichting: str


class RouteringOut(BaseModel):
    route: Literal["groen", "oranje", "rood"]
    routeringId: uuid.UUID
    beleidsversie: str
    redenen: list[str] = Field(description="Short Dutch reasons for the route")
    regels: list[RegelUitkomst]
    deelroutes: list[dict[str, Any]] | None = None


class BesluitOut(BaseModel):
    besluitId: uuid.UUID
    besluittype: str
    product: str
    datum: dt.date
    toelichting: str | None = None
    url: str | None = None


class Waarschuwing(BaseModel):
    code: str
    vraagId: str | None = None
    melding: str


class AanvraagOut(BaseModel):
    id: uuid.UUID
    gemeentecode: str
    kanaal: Kanaal
    leverancier: str = Field(description="The vendor that submitted the application")
    status: Status
    prioriteit: bool = Field(description="A threatening situation (eviction, disconnection, seizure) was reported")
    versie: int = Field(description="Version of the form; a correction makes a new one")
    verlengingVan: uuid.UUID | None = Field(default=None, description="The earlier application this one renews")
    waarschuwingen: list[Waarschuwing] = Field(
        description="The pre-check's warnings, e.g. an exclusion ground seems to apply. Never a refusal."
    )
    ontvangenOp: dt.datetime
    statusHistorie: list[StatusWijzigingOut]
    routering: RouteringOut | None = None
    behandelingId: uuid.UUID | None = None
    besluiten: list[BesluitOut]
    formulier: dict[str, Any] = Field(description="The application as submitted")


class AanvraagIngediend(BaseModel):
    id: uuid.UUID
    status: Status
    ontvangenOp: dt.datetime


class AanvraagSamenvatting(BaseModel):
    id: uuid.UUID
    status: Status
    route: Literal["groen", "oranje", "rood"] | None
    prioriteit: bool
    doelgroep: Doelgroep
    typeAanvraag: TypeAanvraag
    ontvangenOp: dt.datetime
    bijgewerktOp: dt.datetime


class AanvragenZoeken(Input):
    """Find a person's applications (e.g. for the applicant's "my status" page after DigiD login).
    The BSN travels in the body, never in a URL."""

    burgerservicenummer: Burgerservicenummer


class StatusMelding(Input):
    """A change in the handling reported by decision-api (service role), e.g. a request to complete the
    application starts a repair period (hersteltermijn)."""

    status: Literal["hersteltermijn", "in-behandeling", "gesloten"]
    toelichting: Annotated[StrictStr, Field(min_length=1, max_length=2000)] | None = None
    termijnTot: StrictDate | None = Field(default=None, description="End of the repair period")


class CorrectieIndienen(Input):
    """A correction of a submitted application: the whole corrected form, and why."""

    reden: Annotated[StrictStr, Field(min_length=1, max_length=2000)]
    formulier: AanvraagIndienen


class VerlengingIndienen(Input):
    """A renewal (verlenging) re-uses the earlier application's answers: `wijzigingen` is a JSON merge
    patch (RFC 7386) over them. New dates are needed, as the start date cannot lie in the past."""

    wijzigingen: dict[str, Any] = Field(
        description='JSON merge patch over the earlier form, e.g. {"aanvraag": {"gewensteIngangsdatum": ...}}'
    )


class VersieOut(BaseModel):
    versie: int
    ingediendOp: dt.datetime
    ingediendDoor: str
    reden: str | None
    formulier: dict[str, Any]


class BesluitMelding(Input):
    """A decision, reported by decision-api (service role)."""

    besluitId: uuid.UUID
    behandelingId: uuid.UUID
    besluittype: Annotated[StrictStr, Field(min_length=1, max_length=60)]
    product: Annotated[StrictStr, Field(min_length=1, max_length=60)]
    datum: StrictDate
    toelichting: Annotated[StrictStr, Field(max_length=2000)] | None = None
    url: Annotated[StrictStr, Field(max_length=500)] | None = None
    behandelingAfgerond: StrictBool | None = Field(
        default=None,
        description="Every part of the application is settled by now (false for the first part of a split "
        "request); absent means true",
    )


class AanvraagBesluitMelding(Input):
    """A decision reported for one application: its id (the single endpoint's path) and the report."""

    aanvraagId: uuid.UUID
    melding: BesluitMelding


class AanvraagStatusMelding(Input):
    """A change in the handling reported for one application: its id and the report."""

    aanvraagId: uuid.UUID
    melding: StatusMelding


class BesluitMeldingen(BulkRequest[AanvraagBesluitMelding]):
    """Several decision reports in one request."""


class StatusMeldingen(BulkRequest[AanvraagStatusMelding]):
    """Several handling reports in one request."""


class MeldingResultaten(BulkResponse[AanvraagOut]):
    """One result per report, in the order of `verzoeken`: 204 without a body when the caller asked for
    `Prefer: return=minimal`, else 200 with the application."""
