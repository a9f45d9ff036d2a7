"""The application as an e-form vendor posts it: the categories of the Model Digitaal Aanvraagformulier Bbz.

Field names are the form's Dutch terms in camelCase; question ids of `shared/domain/model-form.md` are
given in each description. Conditional questions ("Indien ...") are required when their condition holds
and refused when it does not; every violation is reported at once."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from bbz_common.nl import Burgerservicenummer, Gemeentecode, Iban, KvkNummer, SbiCode
from bbz_common.types import Cents, StrictDate


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _conditional_errors(model: BaseModel, problems: list[tuple[tuple[str | int, ...], str, str]]) -> None:
    """Raise one validation error that lists every conditional-rule violation."""
    if not problems:
        return
    details: list[InitErrorDetails] = [
        {"type": PydanticCustomError(code, message), "loc": loc, "input": None} for loc, code, message in problems
    ]
    raise ValidationError.from_exception_data(type(model).__name__, details)


def _require(problems: list[Any], loc: tuple[str, ...], value: Any, condition: bool, rule: str, why: str) -> None:
    if condition and value is None:
        problems.append((loc, "conditional_required", f"required {why} ({rule})"))
    elif not condition and value is not None:
        problems.append((loc, "conditional_forbidden", f"only asked {why} ({rule})"))


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


class Personalia(Input):
    burgerservicenummer: Burgerservicenummer = Field(description="P1")


class Betalen(Input):
    iban: Iban = Field(description="P35: the account the benefit is paid to")


class AanvraagGegevens(Input):
    typeAanvraag: TypeAanvraag = Field(description="A2")
    reden: Annotated[StrictStr, Field(min_length=1, max_length=2000, description="A3")]
    gewensteIngangsdatum: StrictDate = Field(description="A4: from today on")
    verwachteEinddatum: StrictDate = Field(description="A5: when the entrepreneur expects to be self-supporting")
    bedrag: Cents | None = Field(default=None, description="A6: capital requested, in cents (C5)")
    noodzakelijkVoorVoortbestaan: StrictBool | None = Field(default=None, description="A7 (C5)")
    andereFinancieringsmogelijkheden: StrictBool | None = Field(default=None, description="A8 (C5)")

    @model_validator(mode="after")
    def _conditions(self) -> AanvraagGegevens:
        problems: list[Any] = []
        capital = self.typeAanvraag in (TypeAanvraag.BEDRIJFSKAPITAAL, TypeAanvraag.BEIDE)
        why = "when business capital is requested"
        _require(problems, ("bedrag",), self.bedrag, capital, "C5", why)
        _require(problems, ("noodzakelijkVoorVoortbestaan",), self.noodzakelijkVoorVoortbestaan, capital, "C5", why)
        _require(
            problems, ("andereFinancieringsmogelijkheden",), self.andereFinancieringsmogelijkheden, capital, "C5", why
        )
        if self.gewensteIngangsdatum < dt.date.today():
            problems.append((("gewensteIngangsdatum",), "date_in_past", "must be today or later"))
        if self.verwachteEinddatum <= self.gewensteIngangsdatum:
            problems.append((("verwachteEinddatum",), "date_order", "must be after gewensteIngangsdatum"))
        _conditional_errors(self, problems)
        return self


class DreigendeSituatie(Input):
    huisuitzetting: StrictBool = Field(default=False, description="A9")
    afsluitingEnergieOfWater: StrictBool = Field(default=False, description="A10")
    beslaglegging: StrictBool = Field(default=False, description="A11")


class Uitsluitingsgronden(Input):
    urencriterium: StrictBool = Field(description="U2: meets the hours criterion")
    rechtmatigGevestigd: StrictBool = Field(description="U3: business lawfully established")


class Onderneming(Input):
    kvkNummer: KvkNummer = Field(description="O3/O19/O35")
    sbiCodes: list[SbiCode] | None = Field(
        default=None, max_length=20, description="branche as the applicant states it"
    )


class Levensvatbaarheid(Input):
    ingeschrevenVoorPeildatum: StrictBool = Field(description="L1: registered before the reference date")
    voldoendeWinstReferentiejaar: StrictBool = Field(description="L2: enough profit in the reference year")
    onbetaalbareSchulden: StrictBool = Field(description="L3: debts built up that cannot be paid")
    zelfvoorzienendBinnenTermijn: StrictBool = Field(description="L4: self-supporting within n months")
    branche: Annotated[StrictStr, Field(max_length=200)] | None = Field(default=None, description="L5")
    voldoendeWinstJaarMin1: StrictBool | None = Field(default=None, description="L6 (C23)")
    nettoBedrijfsresultaatJaarMin1: int | None = Field(default=None, description="L7 in cents (C23)", strict=True)
    voldoendeWinstJaarMin2: StrictBool | None = Field(default=None, description="L8 (C23)")
    nettoBedrijfsresultaatJaarMin2: int | None = Field(default=None, description="L9 in cents (C23)", strict=True)

    @model_validator(mode="after")
    def _conditions(self) -> Levensvatbaarheid:
        problems: list[Any] = []
        not_enough = not self.voldoendeWinstReferentiejaar
        why = "when the profit in the reference year was not enough"
        for name in (
            "voldoendeWinstJaarMin1",
            "nettoBedrijfsresultaatJaarMin1",
            "voldoendeWinstJaarMin2",
            "nettoBedrijfsresultaatJaarMin2",
        ):
            _require(problems, (name,), getattr(self, name), not_enough, "C23", why)
        _conditional_errors(self, problems)
        return self


class Overig(Input):
    arbeidsongeschiktheidsverzekering: StrictBool = Field(default=False, description="OV1")
    naamVerzekeraar: Annotated[StrictStr, Field(min_length=1, max_length=200)] | None = Field(
        default=None, description="OV2 (C24)"
    )
    premiePerMaand: Cents | None = Field(default=None, description="OV3 (C24)")
    tozoOntvangen: StrictBool | None = Field(default=None, description="OV4")

    @model_validator(mode="after")
    def _conditions(self) -> Overig:
        problems: list[Any] = []
        insured = self.arbeidsongeschiktheidsverzekering
        why = "when the applicant has disability insurance"
        _require(problems, ("naamVerzekeraar",), self.naamVerzekeraar, insured, "C24", why)
        _require(problems, ("premiePerMaand",), self.premiePerMaand, insured, "C24", why)
        _conditional_errors(self, problems)
        return self


class AanvraagIndienen(Input):
    """POST body: a Bbz application (the categories of the model form)."""

    gemeentecode: Gemeentecode = Field(description="CBS code of the municipality the application is for")
    kanaal: Kanaal = Kanaal.DIGITAAL
    personalia: Personalia
    betalen: Betalen
    doelgroep: Doelgroep = Field(description="A1")
    aanvraag: AanvraagGegevens
    dreigendeSituatie: DreigendeSituatie = Field(default_factory=DreigendeSituatie)
    uitsluitingsgronden: Uitsluitingsgronden
    onderneming: Onderneming
    levensvatbaarheid: Levensvatbaarheid
    overig: Overig = Field(default_factory=Overig)


# ---- responses ---------------------------------------------------------------------------------------


class Status(StrEnum):
    ONTVANGEN = "ontvangen"
    VERRIJKT = "verrijkt"
    GEROUTEERD = "gerouteerd"
    IN_BEHANDELING = "in-behandeling"
    BESLOTEN = "besloten"


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


class AanvraagOut(BaseModel):
    id: uuid.UUID
    gemeentecode: str
    kanaal: Kanaal
    status: Status
    prioriteit: bool = Field(description="A threatening situation (eviction, disconnection, seizure) was reported")
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


class BesluitMelding(Input):
    """A decision, reported by decision-api (service role)."""

    besluitId: uuid.UUID
    behandelingId: uuid.UUID
    besluittype: Annotated[StrictStr, Field(min_length=1, max_length=60)]
    product: Annotated[StrictStr, Field(min_length=1, max_length=60)]
    datum: StrictDate
    toelichting: Annotated[StrictStr, Field(max_length=2000)] | None = None
    url: Annotated[StrictStr, Field(max_length=500)] | None = None
