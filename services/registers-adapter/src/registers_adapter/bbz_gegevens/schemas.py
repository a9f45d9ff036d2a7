"""The Bbz-facing look-up: what the model form prefills and the routing needs, each value with its source.

Every value is a `{"waarde", "bron"}` pair. Sections are absent (null) when the register was not asked or had
nothing; `partner` exists only when the BRP knows a partner. Co-residents appear only as numbers."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from bbz_common.nl import Burgerservicenummer, Gemeentecode, KvkNummer


class Bron(StrEnum):
    BRP = "BRP"
    KVK = "KVK"
    SUWINET = "Suwinet"
    GEMEENTE = "gemeentelijke-registratie"


class BbzGegevensVerzoek(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "burgerservicenummer": "999990020",
                    "kvkNummer": "69599084",
                    "aanvraagId": "0b3f8a52-6c1e-4a4e-9a59-1f6a2f0c7d11",
                    "gemeentecode": "0518",
                    "doelbinding": "Beoordelen aanvraag Bbz 2004",
                }
            ]
        },
    )

    burgerservicenummer: Burgerservicenummer
    kvkNummer: KvkNummer | None = None
    aanvraagId: uuid.UUID | None = Field(default=None, description="The application this look-up is for")
    gemeentecode: Gemeentecode | None = None
    doelbinding: Annotated[StrictStr, Field(min_length=3, max_length=300, description="Purpose of the look-up")]


class Waarde(BaseModel):
    """A value with the register it came from."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"waarde": "1975-03-14", "bron": "BRP"}]})

    waarde: Any = Field(description="The value: text, number, boolean, date (YYYY-MM-DD), list or object")
    bron: Bron


class Persoon(BaseModel):
    """The applicant (model form P2-P7, P11-P12, P15-P19, U1, U4)."""

    gevonden: bool = Field(description="Whether the BRP knows this BSN; false leaves every value out")
    voornamen: Waarde | None = None
    voorletters: Waarde | None = None
    voorvoegsel: Waarde | None = None
    geslachtsnaam: Waarde | None = None
    geboortedatum: Waarde | None = None
    leeftijd: Waarde | None = Field(default=None, description="Age in years on the peildatum")
    geslacht: Waarde | None = Field(default=None, description="man, vrouw or onbekend")
    nationaliteit: Waarde | None = None
    verblijfstitel: Waarde | None = Field(default=None, description="Only where the BRP has one (P11-P12)")
    gemeentecode: Waarde | None = Field(default=None, description="CBS code of the municipality of residence")
    gemeentenaam: Waarde | None = None
    adres: Waarde | None = Field(default=None, description="straat, huisnummer, postcode, woonplaats")


class Vermogen(BaseModel):
    """Private assets as registered (model form V3): vehicles (RDW) and real estate (Kadaster); WOZ in cents."""

    voertuigen: Waarde
    onroerendeZaken: Waarde


class Partner(BaseModel):
    """The applicant's partner (P26 and I16/V9): only present where the BRP records a partner."""

    burgerservicenummer: Waarde
    voornamen: Waarde | None = None
    voorletters: Waarde | None = None
    voorvoegsel: Waarde | None = None
    geslachtsnaam: Waarde | None = None
    geboortedatum: Waarde | None = None
    geslacht: Waarde | None = None
    soortVerbintenis: Waarde | None = None
    inkomsten: Waarde | None = Field(default=None, description="List of Inkomen (UWV, SVB), amounts in cents")
    vermogen: Vermogen | None = Field(default=None, description="The partner's vehicles and real estate (V9)")


class Huishouden(BaseModel):
    """The household. Of co-residents only numbers leave the adapter (model form T14): never their person data."""

    heeftPartner: Waarde | None = None
    aantalKinderen: Waarde | None = Field(default=None, description="Resident children under 18")
    kinderen: Waarde | None = Field(
        default=None, description="Resident children under 18: list of {voornamen, geboortedatum}"
    )
    aantalMedebewoners: Waarde | None = Field(
        default=None, description="Co-residents other than the partner and resident children under 18"
    )
    aantalMedebewoners21Plus: Waarde | None = Field(default=None, description="Of those, aged 21 or over")
    aantalMedebewoners21PlusMetStudiefinanciering: Waarde | None = Field(
        default=None,
        description="Of those aged 21+, the number receiving study finance (DUO): not cost-sharers (Pw art. 22a)",
    )


class Onderneming(BaseModel):
    """The business from the Handelsregister (model form O2-O7, O12-O16)."""

    gevonden: bool
    kvkNummer: str | None = None
    naam: Waarde | None = None
    handelsnamen: Waarde | None = None
    rechtsvorm: Waarde | None = None
    uitgebreideRechtsvorm: Waarde | None = None
    rsin: Waarde | None = Field(default=None, description="RSIN of the legal entity (BV, coöperatie), if any")
    datumInschrijving: Waarde | None = None
    datumAanvang: Waarde | None = None
    sbiCodes: Waarde | None = None
    sbiActiviteiten: Waarde | None = Field(default=None, description="List of {sbiCode, omschrijving, hoofdactiviteit}")
    vestigingsadres: Waarde | None = None
    aantalWerkzamePersonen: Waarde | None = None


class Inkomsten(BaseModel):
    """Income outside the business (model form I6-I9) and its kind, from Suwinet. Each list item is an Inkomen:
    {soortInkomsten, instantie, periode, brutoBedrag, nettoBedrag (cents), ingangsdatum, einddatum}."""

    aanvrager: Waarde
    totaalNettoPerMaand: Waarde | None = Field(
        default=None,
        description="Current net income outside the business of applicant and partner together, in cents per "
        "month (weekly, four-weekly, quarterly and yearly amounts converted): what the G2 income test reads",
    )
    arbeidsverleden: Waarde | None = Field(
        default=None, description="Employment ended in the past ten years (I14-I15, for older self-employed and IOAZ)"
    )


class GemeentelijkeRegistratie(BaseModel):
    """The municipality's own history: Tozo received (OV4) and earlier Bbz decisions."""

    tozoOntvangen: Waarde
    tozo: Waarde
    eerdereBbzBesluiten: Waarde


class BbzGegevens(BaseModel):
    peildatum: dt.date
    persoon: Persoon
    partner: Partner | None = None
    huishouden: Huishouden
    onderneming: Onderneming | None = None
    inkomsten: Inkomsten | None = None
    vermogen: Vermogen | None = None
    studiefinanciering: Waarde | None = Field(default=None, description="The applicant's own study finance (DUO)")
    gemeentelijkeRegistratie: GemeentelijkeRegistratie | None = None
