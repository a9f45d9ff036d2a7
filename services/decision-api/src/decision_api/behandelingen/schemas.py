from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr

from bbz_common.bulk import BulkRequest, BulkResponse
from bbz_common.nl import Gemeentecode, Iban
from bbz_common.types import Cents
from decision_api.datums import Datum
from decision_api.normen.schemas import HuishoudenGegevens


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Route(StrEnum):
    GROEN = "groen"
    ORANJE = "oranje"
    ROOD = "rood"


class BehandelingStatus(StrEnum):
    IN_WERKVOORRAAD = "in-werkvoorraad"
    BESLOTEN = "besloten"
    GESLOTEN = "gesloten"  # closed without a decision (a duplicate application)


class RegelUitkomst(Input):
    regel: Annotated[StrictStr, Field(max_length=10)]
    uitkomst: Literal["voldaan", "niet-voldaan", "onbekend"]
    toelichting: Annotated[StrictStr, Field(max_length=2000)]


class Deelroute(Input):
    """The route of one part of a split request (routing-api: income support on its merits, credit red)."""

    product: Literal["inkomensaanvullende-uitkering", "bedrijfskapitaal"]
    route: Route
    redenen: list[Annotated[StrictStr, Field(max_length=2000)]] = Field(default_factory=list, max_length=50)


class RouteringGegevens(Input):
    routeringId: uuid.UUID
    route: Route
    beleidsversie: Annotated[StrictStr, Field(max_length=100)]
    redenen: list[Annotated[StrictStr, Field(max_length=2000)]] = Field(max_length=50)
    regels: list[RegelUitkomst] = Field(max_length=60)
    deelroutes: list[Deelroute] | None = Field(
        default=None, max_length=2, description="Optional: per part of a split request"
    )


class Adres(Input):
    straat: Annotated[StrictStr, Field(max_length=200)] | None = None
    huisnummer: Annotated[StrictStr, Field(max_length=20)] | None = None
    huisnummertoevoeging: Annotated[StrictStr, Field(max_length=20)] | None = None
    postcode: Annotated[StrictStr, Field(max_length=10)] | None = None
    woonplaats: Annotated[StrictStr, Field(max_length=100)] | None = None


class Aanvrager(Input):
    """Optional: the applicant's name and address for the beschikking (no BSN: it is not needed here)."""

    naam: Annotated[StrictStr, Field(max_length=300)] = ""
    aanhef: Annotated[StrictStr, Field(max_length=100)] | None = None
    adres: Adres | None = None


class BehandelingAanbieden(Input):
    """A routed application, offered by intake-api."""

    aanvraagId: uuid.UUID
    gemeentecode: Gemeentecode
    ontvangstdatum: Datum
    doelgroep: Literal["starter", "gevestigde", "oudere-zelfstandige", "beeindiging", "ioaz"]
    typeAanvraag: Literal["inkomensaanvullende-uitkering", "bedrijfskapitaal", "beide"]
    ingangsdatum: Datum
    einddatum: Datum
    prioriteit: StrictBool
    iban: Iban
    routering: RouteringGegevens
    aanvrager: Aanvrager | None = None
    huishouden: HuishoudenGegevens | None = Field(
        default=None,
        description="Optional: the household for the norm; with inkomenPerMaand a green grant gets its amount",
    )
    inkomenPerMaand: Cents | None = Field(default=None, description="Optional: income that counts, per month, in cents")
    aanvragerSleutel: (
        Annotated[StrictStr, Field(min_length=16, max_length=128, pattern=r"^[A-Za-z0-9_\-]+$")] | None
    ) = Field(
        default=None,
        description="Optional: a pseudonymous key of the applicant (e.g. an HMAC of the BSN made by intake-api, "
        "never the BSN itself). A second application of the same applicant for an overlapping period is not "
        "granted automatically but queued as a possible duplicate.",
    )
    leverancier: Annotated[StrictStr, Field(min_length=1, max_length=100)] | None = Field(
        default=None,
        description="Optional: the client name of the vendor that submitted the application at intake-api; "
        "that vendor may then retrieve the beschikkingen for the applicant's inbox.",
    )


class BesluitSamenvatting(BaseModel):
    id: uuid.UUID
    besluittype: str
    product: str
    datum: dt.date


class Notitie(BaseModel):
    id: uuid.UUID
    auteur: str
    tekst: str
    aangemaaktOp: dt.datetime


class NotitieToevoegen(Input):
    tekst: Annotated[StrictStr, Field(min_length=1, max_length=8000)]


class Toewijzing(Input):
    behandelaar: Annotated[StrictStr, Field(min_length=1, max_length=100, description="The officer's client name")]


class Afsluitreden(StrEnum):
    DUBBELE_AANVRAAG = "dubbele-aanvraag"


class Afsluiten(Input):
    """Close a duplicate application without a decision (digest-004: 3 duplicates wrongly got a decision)."""

    reden: Afsluitreden
    dubbelVan: uuid.UUID = Field(description="The handling this application duplicates")
    toelichting: Annotated[StrictStr, Field(min_length=3, max_length=2000)]


class BehandelingOut(BaseModel):
    id: uuid.UUID
    aanvraagId: uuid.UUID
    gemeentecode: str
    route: Route
    status: BehandelingStatus
    prioriteit: bool
    ontvangstdatum: dt.date
    uitersteBeslisdatum: dt.date | None
    behandelaar: str | None
    redenen: list[str]
    regels: list[RegelUitkomst] = Field(description="The routing's rules and outcomes: the route explanation at hand")
    deelroutes: list[Deelroute] | None
    openDelen: list[str]
    afsluitreden: Afsluitreden | None
    dubbelVan: uuid.UUID | None
    mogelijkDubbelVan: uuid.UUID | None = Field(description="An earlier handling of the same applicant, overlapping")
    besluiten: list[BesluitSamenvatting]


class WerkvoorraadItem(BaseModel):
    behandelingId: uuid.UUID
    aanvraagId: uuid.UUID
    route: Route
    prioriteit: bool
    ontvangstdatum: dt.date
    uitersteBeslisdatum: dt.date | None
    behandelaar: str | None
    openDelen: list[str]
    voorstelInAfwachting: bool = Field(description="A proposed decision awaits approval (four-eyes)")
    mogelijkDubbelVan: uuid.UUID | None
    redenen: list[str]


class BehandelingenAanbieden(BulkRequest[BehandelingAanbieden]):
    """Several routed applications offered at once, each with its own Idempotency-Key."""


class BehandelingResultaten(BulkResponse[BehandelingOut]):
    """Per application offered, in order: what the single endpoint would have answered."""
