"""Deadlines of a handling: the decision period with its one extension, requests to complete that suspend it,
and the rule that setting aside needs a timely request whose repair period has passed."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.auth import Principal
from bbz_common.db import new_id
from bbz_common.outbox import enqueue
from bbz_common.problems import NotFound, UnprocessableState
from decision_api.behandelingen.models import Behandeling
from decision_api.behandelingen.schemas import BehandelingStatus, Route
from decision_api.clock import Clock
from decision_api.models import OutboxMessage
from decision_api.parameters import service as parameters
from decision_api.parameters.schemas import ParameterNaam, ParameterVersie
from decision_api.termijnen import regels, repository
from decision_api.termijnen.models import Herstelverzoek
from decision_api.termijnen.schemas import (
    HerstelverzoekOut,
    HerstelverzoekVersturen,
    TermijnOut,
    TermijnSignaal,
    Verlengen,
)

TOPIC_STATUS_MELDEN = "status.melden"


def status_melden(session: AsyncSession, b: Behandeling, status: str, toelichting: str, tot: dt.date | None) -> None:
    """Tell intake-api (which owns the application's status) that a repair period started or ended."""
    melding: dict[str, str] = {"status": status, "toelichting": toelichting[:2000]}
    if tot is not None:
        melding["termijnTot"] = tot.isoformat()
    enqueue(session, OutboxMessage, TOPIC_STATUS_MELDEN, {"aanvraagId": str(b.aanvraag_id), "melding": melding})


def _verzoek(h: Herstelverzoek) -> regels.Verzoek:
    return regels.Verzoek(h.verzenddatum, h.einddatum_hersteltermijn, h.aanvuldatum)


async def bereken(session: AsyncSession, b: Behandeling) -> tuple[regels.Termijn, list[Herstelverzoek]]:
    """The deadline as the law computes it from receipt, with the period in force on the day of receipt."""
    rows = await repository.of_behandeling(session, b.id)
    return await _bereken(session, b, rows), rows


async def _bereken(session: AsyncSession, b: Behandeling, rows: list[Herstelverzoek]) -> regels.Termijn:
    """``bereken`` with the handling's requests to complete already read."""
    periode = await parameters.waarde(session, ParameterNaam.BESLISTERMIJN, b.ontvangstdatum, b.gemeentecode)
    verlenging = dt.timedelta(weeks=b.verlenging_weken) if b.verlenging_weken else None
    return regels.bereken(b.ontvangstdatum, periode.as_days(), verlenging, [_verzoek(h) for h in rows])


async def eerste_termijn(session: AsyncSession, b: Behandeling) -> None:
    """The deadline of a handling just received: no extension and no request to complete exist yet, so there
    are none to read."""
    periode = await parameters.waarde(session, ParameterNaam.BESLISTERMIJN, b.ontvangstdatum, b.gemeentecode)
    b.uiterste_beslisdatum = regels.bereken(b.ontvangstdatum, periode.as_days(), None, []).uiterste_beslisdatum


async def herbereken(session: AsyncSession, b: Behandeling) -> regels.Termijn:
    termijn, _ = await bereken(session, b)
    b.uiterste_beslisdatum = termijn.uiterste_beslisdatum
    return termijn


# Open handlings recomputed per chunk after a new version of the decision period: a bounded unit of memory.
_HERBEREKEN_PER = 500


async def na_nieuwe_versie(session: AsyncSession, versie: ParameterVersie) -> int:
    """A new version of the decision period (beslistermijn) changes the last day to decide of the open handlings
    received in its period: their stored one, by which the deadline list chooses and orders them, is recomputed
    in the same transaction, so that it never differs from the one the list and the handling show. A version of
    another parameter changes no stored deadline (an extension stores its weeks; a request to complete its end
    date). Returns how many handlings got another last day to decide."""
    if versie.naam is not ParameterNaam.BESLISTERMIJN:
        return 0
    gewijzigd = 0
    na: uuid.UUID | None = None
    while rows := await repository.received_between(
        session,
        BehandelingStatus.IN_WERKVOORRAAD.value,
        versie.gemeentecode,
        versie.geldigVanaf,
        versie.geldigTot,
        na,
        _HERBEREKEN_PER,
    ):
        per_behandeling = await repository.of_behandelingen(session, [b.id for b in rows])
        await parameters.inlezen(session, {b.gemeentecode for b in rows})
        for b in rows:
            termijn = await _bereken(session, b, per_behandeling.get(b.id, []))
            if termijn.uiterste_beslisdatum != b.uiterste_beslisdatum:
                b.uiterste_beslisdatum = termijn.uiterste_beslisdatum
                gewijzigd += 1
        await session.flush()
        na = rows[-1].id
    return gewijzigd


async def termijn_out(session: AsyncSession, b: Behandeling, clock: Clock) -> TermijnOut:
    termijn, rows = await bereken(session, b)
    return TermijnOut(
        ontvangstdatum=b.ontvangstdatum,
        uitersteBeslisdatum=termijn.uiterste_beslisdatum,
        verlengdOp=b.verlengd_op,
        verlengingWeken=b.verlenging_weken,
        opgeschorteDagen=termijn.opgeschort.days,
        opgeschort=regels.opgeschort_op([_verzoek(h) for h in rows], termijn.tijdig, clock.today()),
    )


async def verzoeken_out(session: AsyncSession, b: Behandeling) -> list[HerstelverzoekOut]:
    termijn, rows = await bereken(session, b)
    return [_out(h, ok) for h, ok in zip(rows, termijn.tijdig, strict=True)]


def _out(h: Herstelverzoek, tijdig: bool) -> HerstelverzoekOut:
    return HerstelverzoekOut(
        id=h.id,
        omschrijving=h.omschrijving,
        gevraagdeStukken=list(h.gevraagde_stukken),
        verzenddatum=h.verzenddatum,
        einddatumHersteltermijn=h.einddatum_hersteltermijn,
        aanvuldatum=h.aanvuldatum,
        tijdig=tijdig,
        verstuurdDoor=h.verstuurd_door,
    )


def _require_open(b: Behandeling) -> None:
    if b.status != BehandelingStatus.IN_WERKVOORRAAD.value:
        raise UnprocessableState(f"The handling is {b.status}: it is no longer open.")


async def herstelverzoek_versturen(
    session: AsyncSession, b: Behandeling, body: HerstelverzoekVersturen, caller: Principal, clock: Clock
) -> HerstelverzoekOut:
    _require_open(b)
    today = clock.today()
    periode = await parameters.waarde(session, ParameterNaam.HERSTELTERMIJN, today, b.gemeentecode)
    h = Herstelverzoek(
        id=new_id(),
        behandeling_id=b.id,
        omschrijving=body.omschrijving,
        gevraagde_stukken=list(body.gevraagdeStukken),
        verzenddatum=today,
        einddatum_hersteltermijn=today + periode.as_days(),
        aanvuldatum=None,
        verstuurd_door=caller.name,
        aangemaakt_op=clock.now(),
    )
    session.add(h)
    await session.flush()
    status_melden(session, b, "hersteltermijn", "Verzoek om aanvulling verstuurd", h.einddatum_hersteltermijn)
    termijn = await herbereken(session, b)
    rows = await repository.of_behandeling(session, b.id)
    return _out(h, termijn.tijdig[[r.id for r in rows].index(h.id)])


async def aanvulling_ontvangen(
    session: AsyncSession, b: Behandeling, verzoek_id: uuid.UUID, clock: Clock
) -> HerstelverzoekOut:
    _require_open(b)
    h = await session.get(Herstelverzoek, verzoek_id)
    if h is None or h.behandeling_id != b.id:
        raise NotFound("No request to complete with this id for this handling.")
    if h.aanvuldatum is not None:
        raise UnprocessableState("The completion of this request was already recorded.")
    h.aanvuldatum = clock.today()
    if not any(r.aanvuldatum is None and r.id != h.id for r in await repository.of_behandeling(session, b.id)):
        status_melden(session, b, "in-behandeling", "Aanvraag aangevuld", None)
    termijn = await herbereken(session, b)
    rows = await repository.of_behandeling(session, b.id)
    return _out(h, termijn.tijdig[[r.id for r in rows].index(h.id)])


async def verlengen(session: AsyncSession, b: Behandeling, body: Verlengen, clock: Clock) -> TermijnOut:
    """Extend the decision period, once, and only before it has run out (Awb 4:14)."""
    _require_open(b)
    if b.verlenging_weken:
        raise UnprocessableState("The decision period can be extended only once.", code="already_extended")
    today = clock.today()
    termijn, _ = await bereken(session, b)
    if today > termijn.uiterste_beslisdatum:
        raise UnprocessableState(
            f"The decision period ended on {termijn.uiterste_beslisdatum.isoformat()}: it can no longer be extended.",
            code="deadline_passed",
        )
    weken = await parameters.waarde(session, ParameterNaam.VERLENGINGSTERMIJN, b.ontvangstdatum, b.gemeentecode)
    b.verlenging_weken = weken.waarde
    b.verlengd_op = today
    b.verlenging_reden = body.reden
    await herbereken(session, b)
    return await termijn_out(session, b, clock)


async def eis_buitenbehandelingstelling_toegestaan(
    session: AsyncSession, b: Behandeling, clock: Clock
) -> Herstelverzoek:
    """Awb 4:5: refused unless a request to complete was sent within the decision period and its repair period
    has passed unused. Returns the request the setting aside rests on."""
    termijn, rows = await bereken(session, b)
    verzoeken = [_verzoek(h) for h in rows]
    allowed, reason = regels.buitenbehandelingstelling_toegestaan(verzoeken, termijn.tijdig, clock.today())
    if not allowed:
        raise UnprocessableState("Setting aside is not allowed: " + reason, code="setting_aside_not_allowed")
    passed = [
        h
        for h, ok in zip(rows, termijn.tijdig, strict=True)
        if ok and h.aanvuldatum is None and h.einddatum_hersteltermijn < clock.today()
    ]
    return passed[-1]


async def termijnbewaking(
    session: AsyncSession, binnen_dagen: int | None, limit: int, offset: int, clock: Clock
) -> list[TermijnSignaal]:
    """A page of the open handlings nearing (within the signalling period) or past their last day to decide. The
    page is chosen and ordered by the stored last day to decide; each signal shows the deadline as ``bereken``
    computes it. A fixed number of queries per page: the page, then the requests to complete and the parameters
    of all its handlings at once."""
    today = clock.today()
    if binnen_dagen is None:
        # A list across municipalities: the national signalling period.
        window = await parameters.landelijke_waarde(session, ParameterNaam.SIGNALERINGSTERMIJN, today)
        binnen_dagen = window.as_days().days
    rows = await repository.open_due_before(
        session, BehandelingStatus.IN_WERKVOORRAAD.value, today + dt.timedelta(days=binnen_dagen), limit, offset
    )
    if not rows:
        return []
    per_behandeling = await repository.of_behandelingen(session, [b.id for b in rows])
    await parameters.inlezen(session, {b.gemeentecode for b in rows})
    return [await _signaal(session, b, per_behandeling.get(b.id, []), today) for b in rows]


async def _signaal(session: AsyncSession, b: Behandeling, rows: list[Herstelverzoek], today: dt.date) -> TermijnSignaal:
    termijn = await _bereken(session, b, rows)
    return TermijnSignaal(
        behandelingId=b.id,
        aanvraagId=b.aanvraag_id,
        route=Route(b.route),
        prioriteit=b.prioriteit,
        behandelaar=b.behandelaar,
        uitersteBeslisdatum=termijn.uiterste_beslisdatum,
        dagenResterend=(termijn.uiterste_beslisdatum - today).days,
        overschreden=today > termijn.uiterste_beslisdatum,
        opgeschort=regels.opgeschort_op([_verzoek(h) for h in rows], termijn.tijdig, today),
    )
