"""The doelgroep pre-check: a few answers in, a likely target group and warnings out (never a refusal)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from bbz_common.types import StrictDate
from intake_api.aanvragen.schemas import Doelgroep, Waarschuwing

__all__ = [
    "Doelgroep",
    "DoelgroepCheck",
    "DoelgroepCheckVerzoek",
    "GebruiktParameter",
    "Uitsluitingsgrond",
    "Waarschuwing",
]


class DoelgroepCheckVerzoek(BaseModel):
    """A few answers, all optional: what is not given is not judged."""

    model_config = ConfigDict(extra="forbid")

    peildatum: StrictDate | None = Field(default=None, description="The date to judge on; today when left out.")
    geboortedatum: StrictDate | None = Field(default=None, description="P5/U1")
    startdatumOnderneming: StrictDate | None = Field(
        default=None,
        description="When the business started (O4/O20/O29). Leave out when it has not started yet; "
        "a date after the peildatum also counts as not started.",
    )
    wilStoppen: StrictBool = Field(default=False, description="Wants to stop the business (within 1.5 years).")
    moetStoppen: StrictBool = Field(default=False, description="Is forced to stop the business (beëindiging).")
    voldoetAanUrencriterium: StrictBool | None = Field(default=None, description="U2")
    rechtmatigGevestigd: StrictBool | None = Field(default=None, description="U3")
    woontInGemeente: StrictBool | None = Field(
        default=None, description="U4: lives in the municipality the application is for"
    )
    inkomenBovenNorm: StrictBool | None = Field(
        default=None, description="The household income is above the social-assistance norm"
    )


class Uitsluitingsgrond(BaseModel):
    vraagId: Literal["U1", "U2", "U3", "U4"]
    code: str = Field(description="e.g. `jonger-dan-minimumleeftijd`, `pensioenleeftijd-bereikt`")
    melding: str = Field(description="Dutch text to show the applicant")


class GebruiktParameter(BaseModel):
    naam: str
    waarde: Any
    geldigVanaf: dt.date
    bron: str
    status: str = Field(description="How sure the source is: law, form guidance, verify, ...")


class DoelgroepCheck(BaseModel):
    peildatum: dt.date
    doelgroep: Doelgroep | None = Field(description="The most likely target group, or null when undecidable")
    ookMogelijk: list[Doelgroep] = Field(description="Other target groups the answers also fit")
    redenen: list[str] = Field(description="Why, in short Dutch sentences")
    uitsluitingsgronden: list[Uitsluitingsgrond]
    waarschijnlijkGeenRecht: bool = Field(description="The answers suggest no right to Bbz: a warning, not a refusal")
    aanvragenBlijftMogelijk: Literal[True] = Field(
        default=True, description="The applicant can always apply; the intake never refuses on this check"
    )
    waarschuwingen: list[Waarschuwing]
    parameters: list[GebruiktParameter] = Field(description="The dated parameters this answer used")
