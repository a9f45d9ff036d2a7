"""The deadline rules of the Awb, as pure functions of dates (no clock, no database).

- The decision period (beslistermijn, Awb 4:13) runs from receipt; it may be extended once (Awb 4:14).
- A request to complete the application (herstelverzoek, Awb 4:5) suspends the period (Awb 4:15 lid 1 a) from
  the day after it was sent until the application is completed or the repair period (hersteltermijn) has
  passed unused.
- A request sent after the decision period has run out suspends nothing, and cannot carry a setting aside
  (CRvB 13-07-2006, ECLI:NL:CRVB:2006:AY3879; 3 of 150 audited Tozo files broke this, digest-004 §1.8).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Verzoek:
    """A request to complete the application, as far as the deadline rules are concerned."""

    verzenddatum: dt.date
    einddatum_hersteltermijn: dt.date
    aanvuldatum: dt.date | None = None

    @property
    def einde_opschorting(self) -> dt.date:
        if self.aanvuldatum is not None and self.aanvuldatum < self.einddatum_hersteltermijn:
            return self.aanvuldatum
        return self.einddatum_hersteltermijn

    @property
    def opschorting(self) -> dt.timedelta:
        return max(self.einde_opschorting - self.verzenddatum, dt.timedelta(0))


@dataclass(frozen=True)
class Termijn:
    uiterste_beslisdatum: dt.date
    opgeschort: dt.timedelta
    tijdig: tuple[bool, ...]  # per request (in the order given): sent within the decision period


def bereken(
    ontvangstdatum: dt.date,
    beslistermijn: dt.timedelta,
    verlenging: dt.timedelta | None,
    verzoeken: Sequence[Verzoek],
) -> Termijn:
    """The last day to decide: receipt + period (+ the one extension) + the suspensions of timely requests."""
    deadline = ontvangstdatum + beslistermijn + (verlenging or dt.timedelta(0))
    suspended = dt.timedelta(0)
    timely: dict[int, bool] = {}
    for index in sorted(range(len(verzoeken)), key=lambda i: verzoeken[i].verzenddatum):
        verzoek = verzoeken[index]
        on_time = verzoek.verzenddatum <= deadline
        timely[index] = on_time
        if on_time:
            deadline += verzoek.opschorting
            suspended += verzoek.opschorting
    return Termijn(deadline, suspended, tuple(timely[i] for i in range(len(verzoeken))))


def opgeschort_op(verzoeken: Sequence[Verzoek], tijdig: Sequence[bool], peildatum: dt.date) -> bool:
    """The clock stands still on ``peildatum`` while a timely request is neither answered nor expired."""
    return any(
        ok and v.verzenddatum <= peildatum < v.einde_opschorting for v, ok in zip(verzoeken, tijdig, strict=True)
    )


def buitenbehandelingstelling_toegestaan(
    verzoeken: Sequence[Verzoek], tijdig: Sequence[bool], peildatum: dt.date
) -> tuple[bool, str]:
    """Setting aside (Awb 4:5) only after a timely request whose repair period passed without completion."""
    if not verzoeken:
        return False, "Er is geen verzoek om aanvulling (hersteltermijn) verstuurd."
    candidates = [(v, ok) for v, ok in zip(verzoeken, tijdig, strict=True) if v.aanvuldatum is None]
    if not candidates:
        return False, "De aanvraag is na het verzoek om aanvulling aangevuld; beslis inhoudelijk."
    in_time = [v for v, ok in candidates if ok]
    if not in_time:
        return False, (
            "Het verzoek om aanvulling is na afloop van de beslistermijn verstuurd; buiten behandeling stellen "
            "is dan niet meer mogelijk (CRvB 13-07-2006, ECLI:NL:CRVB:2006:AY3879): beslis inhoudelijk."
        )
    if all(peildatum <= v.einddatum_hersteltermijn for v in in_time):
        last = max(v.einddatum_hersteltermijn for v in in_time)
        return False, f"De hersteltermijn loopt nog tot en met {last.isoformat()}."
    return True, "Verzoek om aanvulling tijdig verstuurd en de hersteltermijn is ongebruikt verstreken."
