"""The random sample after the fact (seed 001, phase 4): a configurable percentage of green grants is drawn
for an evidence check. The draw is reproducible: a hash of the configured seed and the application's id."""

from __future__ import annotations

import hashlib
import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.auth import Principal
from bbz_common.db import new_id
from bbz_common.problems import NotFound, UnprocessableState
from decision_api.behandelingen.models import Behandeling
from decision_api.besluiten.models import Besluit
from decision_api.clock import Clock
from decision_api.parameters import service as parameters
from decision_api.parameters.schemas import ParameterNaam
from decision_api.steekproef.models import Steekproefcontrole
from decision_api.steekproef.schemas import ControleResultaat as Resultaat
from decision_api.steekproef.schemas import (
    ControleResultaatVastleggen,
    ControleStatus,
    SteekproefcontroleOut,
)


def lot(seed: str, aanvraag_id: uuid.UUID) -> int:
    """A number 0..9999, the same for the same seed and application on every run."""
    digest = hashlib.sha256(f"{seed}:{aanvraag_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % 10_000


async def trekken(
    session: AsyncSession, behandeling: Behandeling, besluit: Besluit, seed: str, clock: Clock
) -> Steekproefcontrole | None:
    percentage = await parameters.waarde(
        session, ParameterNaam.STEEKPROEFPERCENTAGE, besluit.datum, behandeling.gemeentecode
    )
    drawn = lot(seed, behandeling.aanvraag_id)
    besluit.rapport = {
        **besluit.rapport,
        "steekproef": {
            "lot": drawn,
            "percentageBasispunten": percentage.waarde,
            "getrokken": drawn < percentage.waarde,
        },
    }
    if drawn >= percentage.waarde:
        return None
    row = Steekproefcontrole(
        id=new_id(),
        besluit_id=besluit.id,
        behandeling_id=behandeling.id,
        getrokken_op=clock.today(),
        percentage_basispunten=percentage.waarde,
        lot=drawn,
        status=ControleStatus.OPEN.value,
    )
    session.add(row)
    return row


def to_out(r: Steekproefcontrole) -> SteekproefcontroleOut:
    return SteekproefcontroleOut(
        id=r.id,
        besluitId=r.besluit_id,
        behandelingId=r.behandeling_id,
        getrokkenOp=r.getrokken_op,
        percentageBasispunten=r.percentage_basispunten,
        lot=r.lot,
        status=ControleStatus(r.status),
        resultaat=Resultaat(r.resultaat) if r.resultaat else None,
        toelichting=r.toelichting,
        gecontroleerdDoor=r.gecontroleerd_door,
        gecontroleerdOp=r.gecontroleerd_op,
    )


async def lijst(
    session: AsyncSession, status: ControleStatus | None, limit: int, offset: int
) -> list[SteekproefcontroleOut]:
    query = select(Steekproefcontrole).order_by(Steekproefcontrole.getrokken_op, Steekproefcontrole.id)
    if status is not None:
        query = query.where(Steekproefcontrole.status == status.value)
    rows = await session.execute(query.limit(limit).offset(offset))
    return [to_out(r) for r in rows.scalars()]


async def resultaat_vastleggen(
    session: AsyncSession, controle_id: uuid.UUID, body: ControleResultaatVastleggen, caller: Principal, clock: Clock
) -> SteekproefcontroleOut:
    row = await session.get(Steekproefcontrole, controle_id)
    if row is None:
        raise NotFound("No sample check with this id.")
    if row.status == ControleStatus.AFGEROND.value:
        raise UnprocessableState("The result of this check was already recorded.")
    row.status = ControleStatus.AFGEROND.value
    row.resultaat = body.resultaat.value
    row.toelichting = body.toelichting
    row.gecontroleerd_door = caller.name
    row.gecontroleerd_op = clock.now()
    return to_out(row)
