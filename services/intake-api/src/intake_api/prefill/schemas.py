"""Prefill: our request (BSN in the body), the registers-adapter's answer as we read it, and our answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from bbz_common.nl import Burgerservicenummer, Gemeentecode, KvkNummer


class PrefillVerzoek(BaseModel):
    """After DigiD login: who the applicant is, and optionally the business and the municipality."""

    model_config = ConfigDict(extra="forbid")

    burgerservicenummer: Burgerservicenummer = Field(description="From the DigiD login; never put in a URL")
    kvkNummer: KvkNummer | None = Field(default=None, description="To prefill the Onderneming block (O1-O16)")
    gemeentecode: Gemeentecode | None = Field(
        default=None, description="The municipality the application is for (to prefill U4)"
    )


class Bronwaarde(BaseModel):
    waarde: Any
    bron: str = Field(description="`BRP`, `KVK`, `Suwinet` or `gemeentelijke-registratie`")


class PrefillVeld(BaseModel):
    pad: str = Field(description="Dotted path of the field in the application, e.g. `personalia.geboortedatum`")
    vraagId: str = Field(description="The model-form question (ids of shared/domain/model-form.md)")
    waarde: Any
    bron: str = Field(description="`BRP`, `KVK`, `Suwinet` or `gemeentelijke-registratie`")


class Huishouden(BaseModel):
    """Of co-residents only the numbers: the applicant enters age, relation and study (W10-W12) themselves."""

    heeftPartner: Bronwaarde | None = None
    aantalKinderen: Bronwaarde | None = None
    aantalMedebewoners: Bronwaarde | None = Field(default=None, description="Co-residents besides partner and children")
    aantalMedebewoners21Plus: Bronwaarde | None = Field(default=None, description="Of them aged 21 or over")
    aantalMedebewoners21PlusMetStudiefinanciering: Bronwaarde | None = Field(
        default=None, description="Of those aged 21+, with study finance (then not cost-sharers)"
    )


class PrefillAntwoord(BaseModel):
    peildatum: dt.date = Field(description="The date the registers were read")
    persoonGevonden: bool
    ondernemingGevonden: bool | None = Field(description="null when no kvkNummer was given")
    velden: list[PrefillVeld] = Field(description="Prefillable form fields, to show the applicant for confirmation")
    huishouden: Huishouden
    woontInGemeente: Bronwaarde | None = Field(
        default=None, description="U4: whether the BRP address lies in the given municipality"
    )


# ---- the registers-adapter's answer (openapi/registers-adapter.json, BbzGegevens) ---------------------
# Read leniently: fields the adapter adds later are ignored until we map them.


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="ignore")


class RegisterWaarde(_Lenient):
    waarde: Any
    bron: str


class RegisterPersoon(_Lenient):
    gevonden: bool
    voornamen: RegisterWaarde | None = None
    voorletters: RegisterWaarde | None = None
    voorvoegsel: RegisterWaarde | None = None
    geslachtsnaam: RegisterWaarde | None = None
    geboortedatum: RegisterWaarde | None = None
    geslacht: RegisterWaarde | None = None
    nationaliteit: RegisterWaarde | None = None
    verblijfstitel: RegisterWaarde | None = None
    gemeentecode: RegisterWaarde | None = None
    adres: RegisterWaarde | None = None


class RegisterPartner(_Lenient):
    burgerservicenummer: RegisterWaarde
    voornamen: RegisterWaarde | None = None
    voorletters: RegisterWaarde | None = None
    voorvoegsel: RegisterWaarde | None = None
    geslachtsnaam: RegisterWaarde | None = None
    geboortedatum: RegisterWaarde | None = None
    geslacht: RegisterWaarde | None = None


class RegisterInkomsten(_Lenient):
    aanvrager: RegisterWaarde | None = None
    arbeidsverleden: RegisterWaarde | None = None


class RegisterGemeentelijkeRegistratie(_Lenient):
    tozoOntvangen: RegisterWaarde | None = None


class RegisterHuishouden(_Lenient):
    heeftPartner: RegisterWaarde | None = None
    aantalKinderen: RegisterWaarde | None = None
    aantalMedebewoners: RegisterWaarde | None = None
    aantalMedebewoners21Plus: RegisterWaarde | None = None
    aantalMedebewoners21PlusMetStudiefinanciering: RegisterWaarde | None = None


class RegisterOnderneming(_Lenient):
    gevonden: bool
    kvkNummer: str | None = None
    naam: RegisterWaarde | None = None
    rechtsvorm: RegisterWaarde | None = None
    datumInschrijving: RegisterWaarde | None = None
    datumAanvang: RegisterWaarde | None = None
    sbiCodes: RegisterWaarde | None = None
    vestigingsadres: RegisterWaarde | None = None


class RegisterGegevens(_Lenient):
    peildatum: dt.date
    persoon: RegisterPersoon
    huishouden: RegisterHuishouden
    onderneming: RegisterOnderneming | None = None
    partner: RegisterPartner | None = None
    inkomsten: RegisterInkomsten | None = None
    gemeentelijkeRegistratie: RegisterGemeentelijkeRegistratie | None = None
