from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, Field


class BeschikkingOut(BaseModel):
    """The stored beschikking of a decision, with the checksums of both renderings."""

    id: uuid.UUID
    besluitId: uuid.UUID
    sjabloon: str = Field(description="Template and its version")
    htmlSha256: str
    pdfSha256: str
    html: str = Field(description="Path of the HTML rendering")
    pdf: str = Field(description="Path of the PDF rendering")
    aangemaaktOp: dt.datetime
