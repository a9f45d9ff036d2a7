"""Business capital loans (Bbz 2004), pure: the annuity schedule with deferrals, and the deferral limits.

Amounts in cents; the annual rate in basis points, paid monthly (rate / 12). Each month's interest is rounded to
cents; the annuity is recomputed over the remaining term after a deferral; the last payment clears the rest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Uitstel:
    """A deferral of ``maanden`` months from month number ``vanaf`` (1 = the first repayment month). Principal
    is always deferred; ``rente`` also defers interest (it is then added to the debt)."""

    vanaf: int
    maanden: int
    rente: bool = False


@dataclass(frozen=True)
class Termijn:
    nummer: int
    vervaldatum: dt.date
    rente: int
    aflossing: int
    betaling: int
    restschuld: int
    uitstel: bool


def _cents(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def annuiteit(hoofdsom: int, rente_basispunten: int, maanden: int) -> int:
    """The fixed monthly payment that repays ``hoofdsom`` with interest in ``maanden`` months."""
    if maanden <= 0:
        raise ValueError("the term is at least one month")
    r = Decimal(rente_basispunten) / Decimal(10_000) / Decimal(12)
    if r == 0:
        return _cents(Decimal(hoofdsom) / maanden)
    return _cents(Decimal(hoofdsom) * r / (1 - (1 + r) ** -maanden))


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    return dt.date(year, month % 12 + 1, 1)


def schema(
    hoofdsom: int,
    rente_basispunten: int,
    looptijd: int,
    eerste_vervaldatum: dt.date,
    uitstel: Sequence[Uitstel] = (),
    kwijtgescholden_jaren: Sequence[int] = (),
) -> list[Termijn]:
    """The repayment schedule: ``looptijd`` repayment months, plus the deferred months, which extend the loan.
    Interest of a remitted loan year (1 = the first twelve months) is not charged: the principal plan stays."""
    rows = _schema(hoofdsom, rente_basispunten, looptijd, eerste_vervaldatum, uitstel)
    remitted = {m for jaar in kwijtgescholden_jaren for m in range((jaar - 1) * 12 + 1, jaar * 12 + 1)}
    return [
        Termijn(t.nummer, t.vervaldatum, 0, t.aflossing, t.aflossing, t.restschuld, t.uitstel)
        if t.nummer in remitted and not (t.uitstel and t.betaling == 0)
        else t
        for t in rows
    ]


def _schema(
    hoofdsom: int, rente_basispunten: int, looptijd: int, eerste_vervaldatum: dt.date, uitstel: Sequence[Uitstel]
) -> list[Termijn]:
    deferred: dict[int, Uitstel] = {}
    for u in uitstel:
        for k in range(u.maanden):
            deferred[u.vanaf + k] = u
    r = Decimal(rente_basispunten) / Decimal(10_000) / Decimal(12)
    balance = hoofdsom
    paid_months = 0
    rows: list[Termijn] = []
    number = 0
    payment = annuiteit(hoofdsom, rente_basispunten, looptijd)
    while balance > 0 and paid_months < looptijd:
        number += 1
        interest = _cents(Decimal(balance) * r)
        due = _add_months(eerste_vervaldatum, number - 1)
        if number in deferred:
            if deferred[number].rente:
                balance += interest
                rows.append(Termijn(number, due, interest, 0, 0, balance, True))
            else:
                rows.append(Termijn(number, due, interest, 0, interest, balance, True))
            if number + 1 not in deferred:
                payment = annuiteit(balance, rente_basispunten, looptijd - paid_months)
            continue
        paid_months += 1
        principal = balance if paid_months == looptijd else min(payment - interest, balance)
        balance -= principal
        rows.append(Termijn(number, due, interest, principal, interest + principal, balance, False))
    return rows


def uitstel_toegestaan(eerder: Sequence[Uitstel], nieuw: Uitstel, maximum_maanden: int) -> tuple[bool, str]:
    """At most ``maximum_maanden`` of deferral over the loan's life; interest is deferred only with principal
    (principal before interest), and deferrals do not overlap."""
    total = sum(u.maanden for u in eerder) + nieuw.maanden
    if total > maximum_maanden:
        return False, f"Uitstel van in totaal {total} maanden is meer dan het maximum van {maximum_maanden} maanden."
    taken = {u.vanaf + k for u in eerder for k in range(u.maanden)}
    if any(nieuw.vanaf + k in taken for k in range(nieuw.maanden)):
        return False, "Deze maanden zijn al uitgesteld."
    return True, "Uitstel binnen het maximum."


def inkomen_onder_jaarnorm(jaarinkomen: int, maandnorm: int) -> bool:
    """The test of the booklet for a gift or interest remission: income below the annual norm (12 x the norm)."""
    return jaarinkomen < 12 * maandnorm
