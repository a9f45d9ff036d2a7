from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from intake_api.bijlagen.schemas import BijlageOut


def _storable(value: Any, depth: int = 0) -> Any:
    """Text a database can store as JSON: no NUL characters, no lone surrogates; nesting within reason."""
    if depth > MAX_DEPTH:
        raise ValueError(f"nested deeper than {MAX_DEPTH} levels")
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError("text may not contain NUL characters")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ValueError("text must be valid Unicode (no lone surrogates)") from exc
    elif isinstance(value, dict):
        for k, v in value.items():
            _storable(k, depth + 1)
            _storable(v, depth + 1)
    elif isinstance(value, list):
        for v in value:
            _storable(v, depth + 1)
    return value


MAX_DEPTH = 32


class ConceptIn(BaseModel):
    """A draft: any part of the application (the same JSON as POST /aanvragen), checked only when submitted."""

    model_config = ConfigDict(extra="forbid")

    formulier: Annotated[dict[str, Any], AfterValidator(_storable)] = Field(
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
