"""Receiving routed applications. The green route is automatic and only grants; orange and red go to the
work queue for an officer (four-eyes decisions follow there)."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.auth import Principal
from bbz_common.db import new_id, utcnow
from bbz_common.idempotency import StoredResponse, run_idempotent
from bbz_common.problems import NotFound
from decision_api.behandelingen.models import Behandeling
from decision_api.behandelingen.schemas import (
    BehandelingAanbieden,
    BehandelingOut,
    BehandelingStatus,
    BesluitSamenvatting,
    Route,
    WerkvoorraadItem,
)
from decision_api.besluiten import service as besluiten
from decision_api.besluiten.models import Besluit
from decision_api.models import IdempotencyRecord


async def aanbieden(
    session: AsyncSession, body: BehandelingAanbieden, caller: Principal, key: str | None
) -> StoredResponse:
    async def action() -> StoredResponse:
        existing = (
            await session.execute(select(Behandeling).where(Behandeling.aanvraag_id == body.aanvraagId))
        ).scalar_one_or_none()
        if existing is not None:
            # The same application offered again (a redelivery): nothing new is created.
            return StoredResponse(200, (await to_out(session, existing)).model_dump(mode="json"))
        behandeling = Behandeling(
            id=new_id(),
            aanvraag_id=body.aanvraagId,
            gemeentecode=body.gemeentecode,
            ontvangstdatum=body.ontvangstdatum,
            doelgroep=body.doelgroep,
            type_aanvraag=body.typeAanvraag,
            ingangsdatum=body.ingangsdatum,
            einddatum=body.einddatum,
            prioriteit=body.prioriteit,
            iban=body.iban,
            route=body.routering.route.value,
            routering=body.routering.model_dump(mode="json"),
            status=BehandelingStatus.IN_WERKVOORRAAD.value,
            aangemaakt_op=utcnow(),
        )
        session.add(behandeling)
        if body.routering.route is Route.GROEN:
            await besluiten.grant_automatically(session, behandeling)
            behandeling.status = BehandelingStatus.BESLOTEN.value
        await session.flush()
        out = await to_out(session, behandeling)
        return StoredResponse(201, out.model_dump(mode="json"), {"Location": f"/v1/behandelingen/{behandeling.id}"})

    return await run_idempotent(
        session,
        IdempotencyRecord,
        scope=f"behandelingen:{caller.name}",
        key=key,
        payload=body.model_dump(mode="json"),
        action=action,
    )


async def to_out(session: AsyncSession, b: Behandeling) -> BehandelingOut:
    rows = await session.execute(select(Besluit).where(Besluit.behandeling_id == b.id).order_by(Besluit.aangemaakt_op))
    return BehandelingOut(
        id=b.id,
        aanvraagId=b.aanvraag_id,
        gemeentecode=b.gemeentecode,
        route=Route(b.route),
        status=BehandelingStatus(b.status),
        prioriteit=b.prioriteit,
        ontvangstdatum=b.ontvangstdatum,
        redenen=list(b.routering.get("redenen", [])),
        besluiten=[
            BesluitSamenvatting(id=r.id, besluittype=r.besluittype, product=r.product, datum=r.datum)
            for r in rows.scalars()
        ],
    )


async def get(session: AsyncSession, behandeling_id: uuid.UUID) -> BehandelingOut:
    b = await session.get(Behandeling, behandeling_id)
    if b is None:
        raise NotFound("No handling with this id.")
    return await to_out(session, b)


async def werkvoorraad(session: AsyncSession, limit: int, offset: int) -> list[WerkvoorraadItem]:
    """Open work: threatening situations first, then the oldest receipt (the deadline runs from receipt)."""
    rows = await session.execute(
        select(Behandeling)
        .where(Behandeling.status == BehandelingStatus.IN_WERKVOORRAAD.value)
        .order_by(Behandeling.prioriteit.desc(), Behandeling.ontvangstdatum, Behandeling.aangemaakt_op)
        .limit(limit)
        .offset(offset)
    )
    return [
        WerkvoorraadItem(
            behandelingId=b.id,
            aanvraagId=b.aanvraag_id,
            route=Route(b.route),
            prioriteit=b.prioriteit,
            ontvangstdatum=b.ontvangstdatum,
            redenen=list(b.routering.get("redenen", [])),
        )
        for b in rows.scalars()
    ]
