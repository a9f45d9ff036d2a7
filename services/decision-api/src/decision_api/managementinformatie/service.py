"""Management information: counts per route, decision type, product and month; lead times; deadline breaches."""

from __future__ import annotations

import datetime as dt
import statistics
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


def _doorlooptijd(route: str | None, days: list[int]) -> Doorlooptijd:
    return Doorlooptijd(
        route=route,
        aantal=len(days),
        gemiddeldeDagen=round(statistics.fmean(days), 1) if days else None,
        mediaanDagen=float(statistics.median(days)) if days else None,
    )


async def berekenen(session: AsyncSession, vanaf: dt.date, tot: dt.date, clock: Clock) -> Managementinformatie:
    received = await repository.received_between(session, vanaf, tot)
    decided = await repository.decided_between(session, vanaf, tot)
    months: dict[str, Counter[str]] = defaultdict(Counter)
    for h in received:
        months[h.ontvangstdatum.strftime("%Y-%m")]["ontvangen"] += 1
    for besluit, _ in decided:
        month = months[besluit.datum.strftime("%Y-%m")]
        month["besluiten"] += 1
        month[besluit.besluittype] += 1
    # One lead time per handling: the day its last part was decided.
    per_handling: dict[object, tuple[str, int]] = {}
    for besluit, h in decided:
        if h.besloten_op is not None and besluit.datum == h.besloten_op:
            per_handling[h.id] = (h.route, (h.besloten_op - h.ontvangstdatum).days)
    by_route: dict[str, list[int]] = defaultdict(list)
    for route, days in per_handling.values():
        by_route[route].append(days)
    late = sum(
        1 for besluit, h in decided if h.uiterste_beslisdatum is not None and besluit.datum > h.uiterste_beslisdatum
    )
    payments: dict[tuple[str, str], list[int]] = defaultdict(list)
    paid_statuses = (OpdrachtStatus.BETAALD.value, OpdrachtStatus.GEEXPORTEERD.value)
    for order in await repository.paid_between(session, paid_statuses, vanaf, tot):
        payments[(order.uitvoerdatum.strftime("%Y-%m"), order.product)].append(order.bedrag)
    return Managementinformatie(
        vanaf=vanaf,
        tot=tot,
        perRoute=_tellingen(Counter(h.route for h in received)),
        perBesluittype=_tellingen(Counter(b.besluittype for b, _ in decided)),
        perProduct=_tellingen(Counter(b.product for b, _ in decided)),
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
            _doorlooptijd(None, [d for _, d in per_handling.values()]),
            *(_doorlooptijd(r, by_route[r]) for r in sorted(by_route)),
        ],
        termijnoverschrijdingen=Termijnoverschrijdingen(
            besluitenNaUitersteBeslisdatum=late,
            openNaUitersteBeslisdatum=await repository.open_past(
                session, BehandelingStatus.IN_WERKVOORRAAD.value, clock.today()
            ),
        ),
        afgeslotenAlsDubbel=sum(1 for h in received if h.afsluitreden == "dubbele-aanvraag"),
        betalingenPerMaand=[
            Betalingscijfers(maand=m, product=p, aantal=len(amounts), bedrag=sum(amounts))
            for (m, p), amounts in sorted(payments.items())
        ],
    )
