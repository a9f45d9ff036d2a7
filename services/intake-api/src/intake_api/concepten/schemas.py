from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from intake_api.bijlagen.schemas import BijlageOut


class ConceptIn(BaseModel):
    """A draft: any part of the application (the same JSON as POST /aanvragen), checked only when submitted."""

    model_config = ConfigDict(extra="forbid")

    formulier: dict[str, Any] = Field(
        description="The partial application, in the shape of POST /aanvragen (see GET /schemas/aanvraag)",
        examples=[{"doelgroep": "gevestigde", "personalia": {"burgerservicenummer": "999990020"}}],
    )


class ConceptStatus(StrEnum):
    CONCEPT = "concept"
    INGEDIEND = "ingediend"


class ConceptOut(BaseModel):
    id: uuid.UUID
    status: ConceptStatus
    formulier: dict[str, Any]
    aangemaaktOp: dt.datetime
    bijgewerktOp: dt.datetime
    verlooptOp: dt.datetime = Field(description="Unsubmitted drafts are deleted after this moment; saving extends it")
    ingediendOp: dt.datetime | None = None
    aanvraagId: uuid.UUID | None = Field(default=None, description="The application this draft became")
    bijlagen: list[BijlageOut]
