"""The amount of income support (Pw art. 19 lid 2 with art. 21 and the cost-sharer norm of art. 22a), pure.

All amounts in cents. The cost-sharer norm per person is ((40 + A x 30) / A) % of the couple's norm, where A is
the number of people aged 21+ with their main residence in the home (the applicant and partner included)."""

from __future__ import annotations

from fractions import Fraction


def _round_cents(value: Fraction) -> int:
    """Half up, to whole cents."""
    return int(value + Fraction(1, 2)) if value >= 0 else -int(-value + Fraction(1, 2))


def kostendelersnorm_per_persoon(gehuwdennorm: int, aantal_in_woning: int) -> int:
    if aantal_in_woning < 1:
        raise ValueError("at least the applicant lives in the home")
    return _round_cents(Fraction(40 + aantal_in_woning * 30, aantal_in_woning * 100) * gehuwdennorm)


def toepasselijke_norm(tabelnorm: int, gehuwdennorm: int, gehuwd: bool, kostendelers: int) -> tuple[int, int, bool]:
    """(norm, A, cost-sharer norm applied). Without cost-sharers the table norm of the household applies."""
    in_home = kostendelers + (2 if gehuwd else 1)
    if kostendelers == 0:
        return tabelnorm, in_home, False
    per_person = kostendelersnorm_per_persoon(gehuwdennorm, in_home)
    return (2 * per_person if gehuwd else per_person), in_home, True


def aanvulling(norm: int, inkomen: int) -> int:
    """The monthly top-up to the norm: never negative."""
    return max(norm - inkomen, 0)
