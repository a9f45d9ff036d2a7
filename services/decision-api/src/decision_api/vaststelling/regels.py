"""Final determination (definitieve vaststelling) of income support paid as an advance, pure.

Per paid month: the entitlement is the top-up to that month's norm minus the actual income that counts, pro rata
for a partial month, exactly as the advance was. Paid more than the entitlement: a recovery claim, repaid in
monthly instalments; otherwise the advance becomes a grant (om niet), with a back payment of any shortfall."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class BetaaldeMaand:
    periode_van: dt.date
    periode_tot: dt.date
    dagen_in_maand: int
    betaald: int
    norm: int


@dataclass(frozen=True)
class Uitkomst:
    betaald: int
    recht: int
    verschil: int  # paid minus entitlement: positive is paid too much

    @property
    def terugvordering(self) -> bool:
        return self.verschil > 0


def _share(amount: int, days: int, days_in_month: int) -> int:
    return int(Fraction(days, days_in_month) * amount + Fraction(1, 2))


def vaststellen(maanden: Sequence[BetaaldeMaand], werkelijk_inkomen_per_maand: int) -> Uitkomst:
    paid = sum(m.betaald for m in maanden)
    entitled = 0
    for m in maanden:
        days = (m.periode_tot - m.periode_van).days + 1
        entitled += _share(max(m.norm - werkelijk_inkomen_per_maand, 0), days, m.dagen_in_maand)
    return Uitkomst(paid, entitled, paid - entitled)


def aflossingstermijnen(bedrag: int, termijnen: int) -> list[int]:
    """Equal monthly instalments in cents; the first ones carry the remainder."""
    if termijnen <= 0:
        raise ValueError("at least one instalment")
    base, rest = divmod(bedrag, termijnen)
    return [base + (1 if i < rest else 0) for i in range(termijnen) if base + (1 if i < rest else 0) > 0]
