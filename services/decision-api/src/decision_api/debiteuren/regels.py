"""The position of a debt on a date, pure: what fell due, what came in, arrears, and whether a reminder is due."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Positie:
    vervallen: int
    ontvangen: int
    achterstand: int
    openstaand: int
    oudste_achterstand: dt.date | None


def positie(schema: Sequence[tuple[dt.date, int]], ontvangen: int, peildatum: dt.date) -> Positie:
    """``schema``: (due date, amount) per instalment. Receipts settle the oldest instalments first."""
    due = [(d, a) for d, a in sorted(schema) if d <= peildatum]
    vervallen = sum(a for _, a in due)
    total = sum(a for _, a in schema)
    left = ontvangen
    oldest = None
    for d, a in due:
        if left >= a:
            left -= a
            continue
        oldest = d
        break
    return Positie(
        vervallen=vervallen,
        ontvangen=ontvangen,
        achterstand=max(vervallen - ontvangen, 0),
        openstaand=max(total - ontvangen, 0),
        oudste_achterstand=oldest,
    )


def herinnering_verschuldigd(p: Positie, peildatum: dt.date, termijn: dt.timedelta) -> bool:
    return p.oudste_achterstand is not None and peildatum - p.oudste_achterstand > termijn
