"""The clock every date-dependent rule reads (deadlines, decision dates, objection periods).

Injected into the app (``create_app(clock=...)``) so that rules are tested on fixed dates, never on today."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Protocol

from fastapi import Depends, Request

from bbz_common.db import utcnow

# Municipal dates (decision date, receipt, deadlines) are Dutch calendar dates.
try:
    from zoneinfo import ZoneInfo

    AMSTERDAM: dt.tzinfo = ZoneInfo("Europe/Amsterdam")
except Exception:  # pragma: no cover - a system without tz data
    AMSTERDAM = dt.UTC


class Clock(Protocol):
    def now(self) -> dt.datetime: ...

    def today(self) -> dt.date: ...


class SystemClock:
    def now(self) -> dt.datetime:
        return utcnow()

    def today(self) -> dt.date:
        return utcnow().astimezone(AMSTERDAM).date()


class FixedClock:
    """A clock that stands still until moved: for tests and for replaying a case on a given date."""

    def __init__(self, today: dt.date) -> None:
        self._today = today

    def set(self, today: dt.date) -> None:
        self._today = today

    def advance(self, days: int) -> None:
        self._today += dt.timedelta(days=days)

    def now(self) -> dt.datetime:
        return dt.datetime.combine(self._today, dt.time(12, 0), tzinfo=dt.UTC)

    def today(self) -> dt.date:
        return self._today


async def get_clock(request: Request) -> Clock:
    # async: FastAPI runs a plain ``def`` dependency in a worker thread, a thread hop per request for nothing.
    clock: Clock = request.app.state.clock
    return clock


ClockDep = Annotated[Clock, Depends(get_clock)]
