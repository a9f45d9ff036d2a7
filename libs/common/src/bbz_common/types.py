"""Strict scalar types for JSON input: no silent coercion of `false` to 0 or of `0` to a date."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, StrictInt


def _require_str(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError("a date must be a string in the form YYYY-MM-DD")
    return value


StrictDate = Annotated[dt.date, BeforeValidator(_require_str)]
Cents = Annotated[StrictInt, Field(ge=0, le=10_000_000_000, description="An amount in euro cents.")]
