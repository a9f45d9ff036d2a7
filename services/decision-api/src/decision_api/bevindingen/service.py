"""Findings per legal condition. A grant lacking a finding on any required condition cannot be approved."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.auth import Principal
from bbz_common.db import new_id
from bbz_common.problems import InvalidInput, InvalidParam, UnprocessableState
from decision_api.bevindingen import repository
from decision_api.bevindingen.models import Bevinding
from decision_api.bevindingen.schemas import (
    VEREISTE_VOORWAARDEN,
    BevindingOut,
    BevindingVastleggen,
    Documentsoort,
    Uitkomst,
    Voorwaarde,
)
from decision_api.clock import Clock


def to_out(b: Bevinding) -> BevindingOut:
    return BevindingOut(
        voorwaarde=Voorwaarde(b.voorwaarde),
        uitkomst=Uitkomst(b.uitkomst),
        grondslag=b.grondslag,
        toelichting=b.toelichting,
        documentsoort=Documentsoort(b.documentsoort) if b.documentsoort else None,
        documentGeldigTot=b.document_geldig_tot,
        vastgesteldDoor=b.vastgesteld_door,
        vastgesteldOp=b.vastgesteld_op,
    )


def _check_identity(voorwaarde: Voorwaarde, body: BevindingVastleggen, today: dt.date) -> None:
    if voorwaarde is not Voorwaarde.IDENTITEITSDOCUMENT:
        if body.identiteitsdocument is not None:
            raise InvalidInput(
                "An identity document belongs to the condition `identiteitsdocument` only.",
                invalid_params=[InvalidParam(name="identiteitsdocument", code="not_allowed", reason="wrong condition")],
            )
        return
    if body.uitkomst is Uitkomst.VOLDAAN:
        if body.identiteitsdocument is None:
            raise InvalidInput(
                "A met identity check names the document that was checked.",
                invalid_params=[InvalidParam(name="identiteitsdocument", code="missing", reason="required")],
            )
        if body.identiteitsdocument.geldigTot < today:
            raise InvalidInput(
                "An expired identity document is not a valid identity document.",
                invalid_params=[
                    InvalidParam(name="identiteitsdocument.geldigTot", code="expired", reason="document has expired")
                ],
            )


async def vastleggen(
    session: AsyncSession,
    behandeling_id: uuid.UUID,
    voorwaarde: Voorwaarde,
    body: BevindingVastleggen,
    caller: Principal,
    clock: Clock,
) -> BevindingOut:
    """Record (or replace) the finding on one condition; the latest finding per condition counts."""
    _check_identity(voorwaarde, body, clock.today())
    existing = await repository.one(session, behandeling_id, voorwaarde.value)
    row = existing or Bevinding(id=new_id(), behandeling_id=behandeling_id, voorwaarde=voorwaarde.value)
    row.uitkomst = body.uitkomst.value
    row.grondslag = body.grondslag
    row.toelichting = body.toelichting
    row.documentsoort = body.identiteitsdocument.soort.value if body.identiteitsdocument else None
    row.document_geldig_tot = body.identiteitsdocument.geldigTot if body.identiteitsdocument else None
    row.vastgesteld_door = caller.name
    row.vastgesteld_op = clock.now()
    if existing is None:
        session.add(row)
    await session.flush()
    return to_out(row)


async def lijst(session: AsyncSession, behandeling_id: uuid.UUID) -> list[BevindingOut]:
    return [to_out(b) for b in await repository.of_behandeling(session, behandeling_id)]


async def eis_volledig_voor_toekenning(session: AsyncSession, behandeling_id: uuid.UUID) -> None:
    """A grant needs a met finding, with its basis, on every required condition."""
    found = {b.voorwaarde: b for b in await repository.of_behandeling(session, behandeling_id)}
    missing = [v for v in VEREISTE_VOORWAARDEN if v.value not in found]
    unmet = [v for v in VEREISTE_VOORWAARDEN if v.value in found and found[v.value].uitkomst != Uitkomst.VOLDAAN]
    if missing or unmet:
        params = [InvalidParam(name=f"bevindingen.{v.value}", code="missing", reason="no finding") for v in missing]
        params += [InvalidParam(name=f"bevindingen.{v.value}", code="not_met", reason="not met") for v in unmet]
        parts = []
        if missing:
            parts.append("no finding on: " + ", ".join(v.value for v in missing))
        if unmet:
            parts.append("not met: " + ", ".join(v.value for v in unmet))
        raise UnprocessableState(
            "A grant cannot be approved: " + "; ".join(parts) + ".", code="findings_incomplete", invalid_params=params
        )
