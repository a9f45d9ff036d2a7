"""Management information: counts per route, decision type, product and month; lead times; deadline breaches."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from sqlalchemy.ext.asyncio import AsyncSession

from decision_api.behandelingen.schemas import BehandelingStatus
from decision_api.betalingen.schemas import OpdrachtStatus
from decision_api.clock import Clock
from decision_api.managementinformatie import repository
from decision_api.managementinformatie.schemas import (
    Betalingscijfers,
    Doorlooptijd,
    Maandcijfers,
    Managementinformatie,
    Telling,
    Termijnoverschrijdingen,
)


def _tellingen(counter: Counter[str]) -> list[Telling]:
    return [Telling(sleutel=k, aantal=v) for k, v in sorted(counter.items())]


def _doorlooptijd(route: str | None, days: Counter[int]) -> Doorlooptijd:
    """Mean and median of lead times given as how many handlings took how many days."""
    aantal = sum(days.values())
    return Doorlooptijd(
        route=route,
        aantal=aantal,
        gemiddeldeDagen=round(sum(d * n for d, n in days.items()) / aantal, 1) if aantal else None,
        mediaanDagen=_median(days, aantal) if aantal else None,
    )


def _median(days: Counter[int], aantal: int) -> float:
    ordered = sorted(days.items())
    positions = ((aantal - 1) // 2, aantal // 2)  # the middle one, or the two middle ones

    def at(position: int) -> int:
        seen = 0
        for value, count in ordered:
            seen += count
            if position < seen:
                return value
        raise IndexError(position)

    return (at(positions[0]) + at(positions[1])) / 2


def _month(day: dt.date) -> str:
    return day.strftime("%Y-%m")


async def berekenen(session: AsyncSession, vanaf: dt.date, tot: dt.date, clock: Clock) -> Managementinformatie:
    received = await repository.received_between(session, vanaf, tot)
    decided = await repository.decided_between(session, vanaf, tot)
    months: dict[str, Counter[str]] = defaultdict(Counter)
    per_route: Counter[str] = Counter()
    dubbel = 0
    for r in received:
        months[_month(r.ontvangstdatum)]["ontvangen"] += r.aantal
        per_route[r.route] += r.aantal
        dubbel += r.aantal if r.afsluitreden == "dubbele-aanvraag" else 0
    per_type: Counter[str] = Counter()
    per_product: Counter[str] = Counter()
    late = 0
    for d in decided:
        month = months[_month(d.datum)]
        month["besluiten"] += d.aantal
        month[d.besluittype] += d.aantal
        per_type[d.besluittype] += d.aantal
        per_product[d.product] += d.aantal
        late += int(d.te_laat or 0)
    # One lead time per handling: the day its last part was decided.
    all_days: Counter[int] = Counter()
    by_route: dict[str, Counter[int]] = defaultdict(Counter)
    for t in await repository.lead_times_between(session, vanaf, tot):
        days = (t.besloten_op - t.ontvangstdatum).days
        all_days[days] += t.aantal
        by_route[t.route][days] += t.aantal
    payments: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    paid_statuses = (OpdrachtStatus.BETAALD.value, OpdrachtStatus.GEEXPORTEERD.value)
    for p in await repository.paid_between(session, paid_statuses, vanaf, tot):
        totals = payments[(_month(p.uitvoerdatum), p.product)]
        totals[0] += p.aantal
        totals[1] += int(p.bedrag)
    return Managementinformatie(
        vanaf=vanaf,
        tot=tot,
        perRoute=_tellingen(per_route),
        perBesluittype=_tellingen(per_type),
        perProduct=_tellingen(per_product),
        perMaand=[
            Maandcijfers(
                maand=m,
                ontvangen=c["ontvangen"],
                besluiten=c["besluiten"],
                toekenningen=c["toekenning"],
                afwijzingen=c["afwijzing"],
            )
            for m, c in sorted(months.items())
        ],
        doorlooptijden=[
            _doorlooptijd(None, all_days),
            *(_doorlooptijd(r, by_route[r]) for r in sorted(by_route)),
        ],
        termijnoverschrijdingen=Termijnoverschrijdingen(
            besluitenNaUitersteBeslisdatum=late,
            openNaUitersteBeslisdatum=await repository.open_past(
                session, BehandelingStatus.IN_WERKVOORRAAD.value, clock.today()
            ),
        ),
        afgeslotenAlsDubbel=dubbel,
        betalingenPerMaand=[
            Betalingscijfers(maand=m, product=p, aantal=aantal, bedrag=bedrag)
            for (m, p), (aantal, bedrag) in sorted(payments.items())
        ],
    )
