"""The facts the route rules read: the request and the policy, the inputs with their source, and the few
derived values (age, months, income per month, housing costs, cost-sharers) more than one rule needs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from routing_api.beleid.schemas import BeleidsversieInhoud
from routing_api.routering.schemas import Bron, BronWaarde, Periode, RouteringVerzoek, Uitkomst, Woning

# One input a rule read: (name, value, source). A plain tuple: the rules create many, and fast.
Gelezen = tuple[str, object, Bron]


class Regeluitkomst(NamedTuple):
    regel: str
    uitkomst: Uitkomst
    toelichting: str
    invoer: Sequence[Gelezen]
    voorwaarde: str


# An amount a rule derived (None: unknown), the inputs it read, and why it is unknown.
Bedrag = tuple[int | None, list[Gelezen], str]


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the last day of the month where that day does not exist)."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    if year > dt.MAXYEAR:
        return dt.date.max
    if year < dt.MINYEAR:
        return dt.date.min
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError("unreachable")


def age_on(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def register_waarde(value: BronWaarde | None) -> tuple[object, Bron] | None:
    return (value.waarde, value.bron) if value is not None and value.waarde is not None else None


def register_datum(value: BronWaarde | None, naam: str) -> tuple[dt.date | None, Gelezen | None]:
    """A register date (ISO string); a value that is not a date is read as unknown and still reported."""
    raw = register_waarde(value)
    if raw is None:
        return None, None
    gelezen: Gelezen = (naam, raw[0], raw[1])
    if isinstance(raw[0], str):
        try:
            return dt.date.fromisoformat(raw[0]), gelezen
        except ValueError:
            return None, gelezen
    return None, gelezen


def register_getal(value: BronWaarde | None) -> tuple[int | None, Bron | None]:
    raw = register_waarde(value)
    if raw is None or isinstance(raw[0], bool) or not isinstance(raw[0], int):
        return None, raw[1] if raw else None
    return raw[0], raw[1]


# datum and euro are cached: the policy's dates and amounts recur in nearly every evaluation, and formatting
# them costs more than the rule that reports them.
@lru_cache(maxsize=4096)
def datum(day: dt.date) -> str:
    """A date in Dutch notation: 01-03-2020."""
    return f"{day.day:02d}-{day.month:02d}-{day.year}"


@lru_cache(maxsize=4096)
def euro(cents: int) -> str:
    """An amount in Dutch notation: € 1.390,00."""
    whole, rest = divmod(abs(cents), 100)
    grouped = f"{whole:,}".replace(",", ".")
    return f"{'-' if cents < 0 else ''}€ {grouped},{rest:02d}"


# Monthly factors of an income period (numerator, denominator): integer arithmetic, deterministic.
_PER_MAAND: dict[Periode, tuple[int, int]] = {
    Periode.DAG: (365, 12),
    Periode.WEEK: (52, 12),
    Periode.VIER_WEKEN: (13, 12),
    Periode.MAAND: (1, 1),
}


def inkomsten_formulier(v: RouteringVerzoek) -> int | None:
    """I6-I13, I16: the net monthly income outside the business (one-off amounts are not monthly income)."""
    entries = v.antwoorden.inkomsten
    if entries is None:
        return None
    total = 0
    for e in entries:
        factor = _PER_MAAND.get(e.periode)
        if factor is not None:
            total += e.nettoBedrag * factor[0] // factor[1]
    return total


def woonkosten(v: RouteringVerzoek) -> tuple[int | None, str]:
    """W1-W8: monthly housing costs that a supplement could be asked for, or None with the reason."""
    w = v.antwoorden.woonsituatie
    if w is None:
        return None, "woonsituatie niet beantwoord"
    if w.woning in (Woning.SOCIALE_HUUR, Woning.FAMILIE_VRIENDEN):
        return 0, ""
    if w.woning in (Woning.VRIJE_SECTOR_HUUR, Woning.KAMERHUUR):
        if w.kaleHuurPerMaand is None:
            return None, "kale huur niet beantwoord"
        return w.kaleHuurPerMaand, ""
    monthly = (w.hypotheekrentePerMaand, w.opstalverzekeringPerMaand, w.waterschapslastenPerMaand)
    yearly = (w.onroerendezaakbelastingPerJaar, w.erfpachtPerJaar)
    if w.woning is Woning.KOOPWONING and w.hypotheekrentePerMaand is None:
        return None, "hypotheekrente niet beantwoord"
    given = [x for x in (*monthly, w.rioolheffingPerMaand, w.kaleHuurPerMaand) if x is not None]
    given_yearly = [x for x in yearly if x is not None]
    if w.woning is Woning.ANDERS and not given and not given_yearly:
        return None, "woonkosten niet opgegeven"
    return sum(given) + sum(given_yearly) // 12, ""


def kostendelers(v: RouteringVerzoek, minimum_leeftijd: int) -> int | None:
    """W10-W12: co-residents of the minimum age who are not studying with student finance or BBL."""
    mb = v.antwoorden.medebewoners
    if mb is None:
        return None
    return sum(1 for m in mb if m.leeftijd >= minimum_leeftijd and not m.studerend)


class Feiten:
    """The request and the policy, with the few derived values more than one rule reads."""

    __slots__ = ("beleid", "kvk_datum", "kvk_gelezen", "premie", "toeslag", "verzoek")

    def __init__(self, verzoek: RouteringVerzoek, beleid: BeleidsversieInhoud) -> None:
        self.verzoek = verzoek
        self.beleid = beleid
        self.kvk_datum, self.kvk_gelezen = register_datum(verzoek.registers.kvkInschrijving, "kvkInschrijving")
        # G8 and G9 both read the premium and the housing-cost supplement (combined cap): computed once.
        self.premie: Bedrag | None = None
        self.toeslag: Bedrag | None = None
