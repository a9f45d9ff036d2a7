"""The Bbz-facing look-up: what the form prefills and the routing needs, each value with its source."""

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
    model_config = ConfigDict(extra="forbid")

    burgerservicenummer: Burgerservicenummer
    kvkNummer: KvkNummer | None = None
    aanvraagId: uuid.UUID | None = Field(default=None, description="The application this look-up is for")
    gemeentecode: Gemeentecode | None = None
    doelbinding: Annotated[StrictStr, Field(min_length=3, max_length=300, description="Purpose of the look-up")]


class Waarde(BaseModel):
    """A value with the register it came from."""

    waarde: Any
    bron: Bron


class Persoon(BaseModel):
    gevonden: bool
    voornamen: Waarde | None = None
    voorvoegsel: Waarde | None = None
    geslachtsnaam: Waarde | None = None
    geboortedatum: Waarde | None = None
    nationaliteit: Waarde | None = None
    gemeentecode: Waarde | None = None
    adres: Waarde | None = None


class Huishouden(BaseModel):
    heeftPartner: Waarde | None = None
    aantalKinderen: Waarde | None = None
    aantalMedebewoners: Waarde | None = Field(default=None, description="Co-residents other than partner/children")
    aantalMedebewoners21Plus: Waarde | None = None


class Onderneming(BaseModel):
    gevonden: bool
    kvkNummer: str | None = None
    naam: Waarde | None = None
    rechtsvorm: Waarde | None = None
    datumInschrijving: Waarde | None = None
    datumAanvang: Waarde | None = None
    sbiCodes: Waarde | None = None


class BbzGegevens(BaseModel):
    peildatum: dt.date
    persoon: Persoon
    huishouden: Huishouden
    onderneming: Onderneming | None = None
