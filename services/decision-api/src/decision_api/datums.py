"""Dates accepted as input: strict ISO strings, within a range where date arithmetic (deadlines, schedules)
cannot overflow."""

import datetime as dt
from typing import Annotated

from pydantic import Field

from bbz_common.types import StrictDate

Datum = Annotated[StrictDate, Field(ge=dt.date(1900, 1, 1), le=dt.date(2199, 12, 31))]
