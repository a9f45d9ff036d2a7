"""The payment schedule of a grant of income support, pure: one order per calendar month of the granted period,
paid on the first day of the month (or on the decision date when that is later); a partial month pro rata."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Termijn:
    periode_van: dt.date
    periode_tot: dt.date
    uitvoerdatum: dt.date
    bedrag: int


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def maandtermijnen(van: dt.date, tot: dt.date, bedrag_per_maand: int, besluitdatum: dt.date) -> list[Termijn]:
    if tot < van:
        return []
    out: list[Termijn] = []
    start = van
    while start <= tot:
        end = min(_month_end(start), tot)
        days_in_month = calendar.monthrange(start.year, start.month)[1]
        days = (end - start).days + 1
        share = Fraction(days, days_in_month) * bedrag_per_maand
        amount = int(share + Fraction(1, 2))
        due = max(start.replace(day=1), besluitdatum)
        if amount > 0:
            out.append(Termijn(start, end, due, amount))
        start = end + dt.timedelta(days=1)
    return out
