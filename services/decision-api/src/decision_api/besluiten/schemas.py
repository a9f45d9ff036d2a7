from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from pydantic import BaseModel


class BesluitOut(BaseModel):
    """A decision; names follow the ZGW Besluiten API (besluittype, datum, ingangsdatum, vervaldatum, toelichting)."""

    id: uuid.UUID
    behandelingId: uuid.UUID
    besluittype: str
    product: str
    datum: dt.date
    ingangsdatum: dt.date
    vervaldatum: dt.date | None
    toelichting: str
    automatisch: bool
    rapport: dict[str, Any]
