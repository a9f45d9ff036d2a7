"""Debtor overview: per applicant the loans and recovery claims, up to date, in arrears or deferred, and the
reminders due (the booklet: municipalities still keep this in Excel)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict

from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.auth import Principal
from bbz_common.db import new_id
from bbz_common.problems import NotFound
from decision_api.behandelingen.models import Behandeling
from decision_api.clock import Clock
from decision_api.debiteuren import regels, repository
from decision_api.debiteuren.models import Ontvangst
from decision_api.debiteuren.schemas import Debiteur, OntvangstOut, OntvangstRegistreren, Schuldpositie, Stand
from decision_api.leningen import service as leningen
from decision_api.leningen.models import Lening
from decision_api.leningen.schemas import LeningStatus
from decision_api.parameters import service as parameters
from decision_api.parameters.schemas import ParameterNaam
from decision_api.vaststelling.models import Vordering


async def registreren(
    session: AsyncSession,
    soort: str,
    referentie_id: uuid.UUID,
    body: OntvangstRegistreren,
    caller: Principal,
    clock: Clock,
) -> OntvangstOut:
    target: Lening | Vordering | None = (
        await session.get(Lening, referentie_id) if soort == "lening" else await session.get(Vordering, referentie_id)
    )
    if target is None:
        raise NotFound(f"No {soort} with this id.")
    row = Ontvangst(
        id=new_id(),
        soort=soort,
        referentie_id=referentie_id,
        behandeling_id=target.behandeling_id,
        bedrag=body.bedrag,
        ontvangen_op=body.ontvangenOp,
        geregistreerd_door=caller.name,
        aangemaakt_op=clock.now(),
    )
    session.add(row)
    return OntvangstOut(id=row.id, bedrag=row.bedrag, ontvangenOp=row.ontvangen_op)


def _in_deferral(lening: Lening, today: dt.date) -> bool:
    rows = leningen.schema_van(lening)
    return any(t.uitstel and t.vervaldatum.year == today.year and t.vervaldatum.month == today.month for t in rows)


async def overzicht(session: AsyncSession, clock: Clock, limit: int, offset: int) -> list[Debiteur]:
    """One page of debtors (see ``repository.pagina`` for the order). The same six queries for any page: the
    page, its handlings, loans, claims and receipts, and the parameters of all their municipalities at once."""
    today = clock.today()
    page = await repository.pagina(session, limit, offset)
    if not page.debiteuren:
        return []
    owners = {b.id: b for b in await repository.behandelingen(session, page)}
    owner_ids = list(owners)
    loans = await repository.leningen(session, owner_ids)
    claims = await repository.vorderingen(session, owner_ids)
    received = await repository.ontvangen(session, owner_ids)
    indebted = {lening.behandeling_id for lening in loans} | {v.behandeling_id for v in claims}
    await parameters.inlezen(session, {owners[b].gemeentecode for b in indebted})
    terms: dict[str, parameters.Waarde] = {}

    async def herinneringstermijn(behandeling_id: uuid.UUID) -> parameters.Waarde:
        gemeentecode = owners[behandeling_id].gemeentecode
        if gemeentecode not in terms:
            terms[gemeentecode] = await parameters.waarde(
                session, ParameterNaam.HERINNERINGSTERMIJN, today, gemeentecode
            )
        return terms[gemeentecode]

    by_handling: dict[uuid.UUID, list[Schuldpositie]] = defaultdict(list)
    for lening in loans:
        termijn = await herinneringstermijn(lening.behandeling_id)
        if lening.status == LeningStatus.OPEISBAAR.value:
            schema = [(lening.opeisbaar_op or today, lening.opeisbaar_bedrag or 0)]
        else:
            schema = [(t.vervaldatum, t.betaling) for t in leningen.schema_van(lening)]
        p = regels.positie(schema, received.get(lening.id, 0), today)
        stand = (
            Stand.AKTE_VEREIST
            if lening.status == LeningStatus.AKTE_VEREIST.value
            else Stand.OPEISBAAR
            if lening.status == LeningStatus.OPEISBAAR.value
            else Stand.AFGELOST
            if p.openstaand == 0
            else Stand.ACHTERSTAND
            if p.achterstand > 0
            else Stand.UITSTEL
            if _in_deferral(lening, today)
            else Stand.BIJ
        )
        by_handling[lening.behandeling_id].append(
            Schuldpositie(
                soort="lening",
                id=lening.id,
                behandelingId=lening.behandeling_id,
                stand=stand,
                vervallen=p.vervallen,
                ontvangen=p.ontvangen,
                achterstand=p.achterstand,
                openstaand=p.openstaand,
                herinneringVerschuldigd=regels.herinnering_verschuldigd(p, today, termijn.as_days()),
            )
        )
    for v in claims:
        termijn = await herinneringstermijn(v.behandeling_id)
        schema = [(dt.date.fromisoformat(t["vervaldatum"]), int(t["bedrag"])) for t in v.termijnen]
        p = regels.positie(schema, received.get(v.id, 0), today)
        stand = Stand.AFGELOST if p.openstaand == 0 else Stand.ACHTERSTAND if p.achterstand > 0 else Stand.BIJ
        by_handling[v.behandeling_id].append(
            Schuldpositie(
                soort="vordering",
                id=v.id,
                behandelingId=v.behandeling_id,
                stand=stand,
                vervallen=p.vervallen,
                ontvangen=p.ontvangen,
                achterstand=p.achterstand,
                openstaand=p.openstaand,
                herinneringVerschuldigd=regels.herinnering_verschuldigd(p, today, termijn.as_days()),
            )
        )
    people: dict[repository.Debiteursleutel, list[tuple[Behandeling, list[Schuldpositie]]]] = defaultdict(list)
    for behandeling_id, posities in by_handling.items():
        b = owners[behandeling_id]
        people[repository.debiteur_van(b)].append((b, posities))
    out = []
    for handlings in (people[d] for d in page.debiteuren if d in people):
        first = handlings[0][0]
        all_positions = [p for _, ps in handlings for p in ps]
        out.append(
            Debiteur(
                aanvragerSleutel=first.aanvrager_sleutel,
                behandelingIds=[b.id for b, _ in handlings],
                naam=(first.aanvrager or {}).get("naam"),
                posities=all_positions,
                totaleAchterstand=sum(p.achterstand for p in all_positions),
                herinneringVerschuldigd=any(p.herinneringVerschuldigd for p in all_positions),
            )
        )
    return out
