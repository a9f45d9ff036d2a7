"""The Open Forms "generic JSON" envelope as the plugin sends it, and a municipality's per-form mapping."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictStr

from intake_api.bijlagen.schemas import VraagId


def _utf8(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("text must be valid Unicode (no lone surrogates)") from exc
    return value


class OpenFormsRegistratie(BaseModel):
    """Exactly the four keys of `JSONDocumentData.serialize()` (Open Forms `json_dump` plugin)."""

    model_config = ConfigDict(extra="forbid")

    values: dict[str, Any] = Field(description="One property per selected form variable (component keys)")
    values_schema: dict[str, Any] = Field(description="JSON Schema of `values` (kept, not enforced)")
    metadata: dict[str, Any] = Field(
        description="Metadata variables; `public_reference` is required: it makes a resend a no-op"
    )
    metadata_schema: dict[str, Any] = Field(description="JSON Schema of `metadata` (kept, not enforced)")


class Omzetting(StrEnum):
    """Conversions for the usual formio components."""

    EURO_NAAR_CENTEN = "euroNaarCenten"  # a currency/number component (euros, decimals) to integer cents
    JA_NEE_NAAR_BOOLEAN = "jaNeeNaarBoolean"  # a radio/select with "ja"/"nee" to true/false


Pad = Annotated[
    StrictStr,
    Field(
        min_length=1,
        max_length=200,
        pattern=r"^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$",
        description="Dotted path in the application, e.g. `personalia.burgerservicenummer`",
    ),
]
ComponentKey = Annotated[
    StrictStr,
    Field(
        min_length=1,
        max_length=200,
        pattern=r"^[A-Za-z0-9_][A-Za-z0-9_\-]*(\.[A-Za-z0-9_][A-Za-z0-9_\-]*)*$",
        description="A formio component key (letters, digits, `_`, `-`; dots for nested keys)",
    ),
]


class VeldKoppeling(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pad: Pad
    omzetting: Omzetting | None = None


class KoppelingIn(BaseModel):
    """How one Open Forms form maps onto an application. Component keys not listed are ignored."""

    model_config = ConfigDict(extra="forbid")

    omschrijving: Annotated[StrictStr, Field(max_length=500), AfterValidator(_utf8)] | None = None
    velden: dict[ComponentKey, Pad | VeldKoppeling] = Field(
        description="Open Forms component key (dotted for nested keys) -> path in the application, or "
        "`{pad, omzetting}`",
        examples=[
            {
                "bsn": "personalia.burgerservicenummer",
                "huur": {"pad": "woonsituatie.kaleHuurPerMaand", "omzetting": "euroNaarCenten"},
            }
        ],
    )
    bijlagen: dict[ComponentKey, VraagId] = Field(
        default_factory=dict, description="File component key -> the model-form question it is evidence for"
    )
    vasteWaarden: dict[Pad, Any] = Field(
        default_factory=dict,
        description="Values the form does not ask, set for every submission (e.g. `gemeentecode`)",
        examples=[{"gemeentecode": "0518"}],
    )


class KoppelingOut(KoppelingIn):
    formulier: str = Field(description="The Open Forms form: its `form_id` (uuid) or `form_name`")
    bijgewerktOp: dt.datetime
    bijgewerktDoor: str


class RegistratieBijlage(BaseModel):
    id: uuid.UUID
    vraagId: str
    bestandsnaam: str
    sha256: str


class RegistratieAntwoord(BaseModel):
    """What Open Forms stores as `registration_result.api_response` (it needs JSON)."""

    aanvraagId: uuid.UUID
    status: str
    ontvangenOp: dt.datetime
    publicReference: str
    koppeling: str = Field(description="The mapping used: the form identifier, or `standaard`")
    bijlagen: list[RegistratieBijlage]
    genegeerdeVelden: list[str] = Field(description="Keys in `values` that the mapping does not use")
