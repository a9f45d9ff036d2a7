"""Determine and record routes. The evaluation itself is a pure function (routing_api.regels)."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.db import new_id, utcnow
from bbz_common.idempotency import StoredResponse, request_fingerprint, run_idempotent
from bbz_common.problems import InvalidInput, InvalidParam, NotFound
from routing_api.beleid.policy import version_for
from routing_api.models import IdempotencyRecord
from routing_api.regels.afhandelroutes import bepaal_route, deelroutes
from routing_api.routering.models import Routering as RouteringRow
from routing_api.routering.schemas import BeleidsversieRef, Deelroute, Routering, RouteringVerzoek


def determine(verzoek: RouteringVerzoek) -> Routering:
    beleid = version_for(verzoek.gemeentecode, verzoek.aanvraagdatum)
    if beleid is None:
        raise InvalidInput(
            "No route policy is valid for this municipality on the application date.",
            invalid_params=[InvalidParam(name="aanvraagdatum", code="no_policy", reason="no policy version valid")],
        )
    bepaling = bepaal_route(verzoek, beleid)
    split = deelroutes(verzoek, beleid)
    return Routering(
        id=new_id(),
        aanvraagId=verzoek.aanvraagId,
        route=bepaling.route,
        redenen=bepaling.redenen,
        regels=bepaling.regels,
        beleidsversie=BeleidsversieRef(id=beleid.id, inhoudHash=beleid.content_hash),
        deelroutes=[Deelroute(product=p, route=r) for p, r in split] if split else None,
        bepaaldOp=utcnow(),
        invoerHash=request_fingerprint(verzoek.model_dump(mode="json", exclude={"aanvraagId"})),
    )


async def create(session: AsyncSession, verzoek: RouteringVerzoek, caller: str, key: str | None) -> StoredResponse:
    async def action() -> StoredResponse:
        routering = determine(verzoek)
        session.add(
            RouteringRow(
                id=routering.id,
                aanvraag_id=routering.aanvraagId,
                gemeentecode=verzoek.gemeentecode,
                route=routering.route.value,
                beleidsversie_id=routering.beleidsversie.id,
                beleidsversie_hash=routering.beleidsversie.inhoudHash,
                invoer_hash=routering.invoerHash,
                invoer=verzoek.model_dump(mode="json"),
                resultaat=routering.model_dump(mode="json"),
                bepaald_op=routering.bepaaldOp,
            )
        )
        return StoredResponse(201, routering.model_dump(mode="json"), {"Location": f"/v1/routeringen/{routering.id}"})

    payload = verzoek.model_dump(mode="json")
    return await run_idempotent(
        session, IdempotencyRecord, scope=f"routeringen:{caller}", key=key, payload=payload, action=action
    )


async def get(session: AsyncSession, routering_id: uuid.UUID) -> Routering:
    row = await session.get(RouteringRow, routering_id)
    if row is None:
        raise NotFound("No route determination with this id.")
    return Routering.model_validate(row.resultaat)
