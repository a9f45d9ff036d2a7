"""Attachments travel as base64 in JSON, as the ZGW Documenten API's `inhoud` and Open Forms do; the
content type is sniffed from the bytes, never taken from the sender."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictStr

from intake_api.bijlagen.models import Bijlage

# The questions of the model form (shared/domain/model-form.md): category letter(s) and the highest number.
VRAGEN = {"P": 29, "A": 11, "U": 4, "O": 38, "W": 12, "I": 16, "V": 18, "B": 6, "L": 9, "OV": 4}
VRAAG_IDS = frozenset(f"{cat}{n}" for cat, hoogste in VRAGEN.items() for n in range(1, hoogste + 1))


def _vraag_id(value: str) -> str:
    if value not in VRAAG_IDS:
        raise ValueError("not a question id of the model form (P1-P29, A1-A11, U1-U4, O1-O38, ..., OV1-OV4)")
    return value


def _bestandsnaam(value: str) -> str:
    if any(c in value for c in "/\\\x00") or value.strip() in ("", ".", ".."):
        raise ValueError("a file name without a path")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("a file name in valid Unicode") from exc
    return value


VraagId = Annotated[
    StrictStr,
    Field(min_length=2, max_length=4, examples=["I9"], description="The model-form question this is evidence for"),
    AfterValidator(_vraag_id),
]
Bestandsnaam = Annotated[StrictStr, Field(min_length=1, max_length=255), AfterValidator(_bestandsnaam)]


class Mediatype(StrEnum):
    PDF = "application/pdf"
    JPEG = "image/jpeg"
    PNG = "image/png"


class BijlageKanaal(StrEnum):
    UPLOAD = "upload"
    OPEN_FORMS = "open-forms"


class BijlageUpload(BaseModel):
    model_config = ConfigDict(extra="forbid")

    vraagId: VraagId
    bestandsnaam: Bestandsnaam = Field(examples=["loonstrook-oktober.pdf"])
    inhoud: StrictStr = Field(
        description="The file, base64 (RFC 4648, with padding). PDF, JPEG or PNG, recognised by its content; "
        "the size limit is a setting of the municipality (default 10 MiB).",
        examples=["JVBERi0xLjcK..."],
    )


class BijlageOut(BaseModel):
    id: uuid.UUID
    vraagId: str
    bestandsnaam: str
    mediatype: Mediatype = Field(description="Sniffed from the content")
    grootte: int = Field(description="Size in bytes")
    sha256: str = Field(description="SHA-256 of the content, hex")
    kanaal: BijlageKanaal
    aanvraagId: uuid.UUID | None
    conceptId: uuid.UUID | None
    aangemaaktOp: dt.datetime
    inhoudUrl: str = Field(description="Where to download the content")


def bijlage_out(b: Bijlage) -> BijlageOut:
    return BijlageOut(
        id=b.id,
        vraagId=b.vraag_id,
        bestandsnaam=b.bestandsnaam,
        mediatype=Mediatype(b.mediatype),
        grootte=b.grootte,
        sha256=b.sha256,
        kanaal=BijlageKanaal(b.kanaal),
        aanvraagId=b.aanvraag_id,
        conceptId=b.concept_id,
        aangemaaktOp=b.aangemaakt_op,
        inhoudUrl=f"/v1/bijlagen/{b.id}/inhoud",
    )
