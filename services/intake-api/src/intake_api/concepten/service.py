"""Drafts: saved by one vendor, visible only to it, gone when they expire, frozen once submitted."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.auth import Principal
from bbz_common.db import new_id, utcnow
from bbz_common.idempotency import StoredResponse
from bbz_common.problems import InvalidInput, NotFound, UnprocessableState, invalid_params_from_errors
from intake_api.aanvragen import service as aanvragen_service
from intake_api.aanvragen.schemas import AanvraagIndienen
from intake_api.bijlagen.repository import BijlageRepository
from intake_api.bijlagen.schemas import bijlage_out
from intake_api.concepten.models import Concept
from intake_api.concepten.repository import ConceptRepository
from intake_api.concepten.schemas import ConceptIn, ConceptOut, ConceptStatus


async def to_out(session: AsyncSession, concept: Concept) -> ConceptOut:
    bijlagen = await BijlageRepository(session).for_concept(concept.id)
    return ConceptOut(
        id=concept.id,
        status=ConceptStatus.INGEDIEND if concept.ingediend_op else ConceptStatus.CONCEPT,
        formulier=concept.formulier,
        aangemaaktOp=concept.aangemaakt_op,
        bijgewerktOp=concept.bijgewerkt_op,
        verlooptOp=concept.verloopt_op,
        ingediendOp=concept.ingediend_op,
        aanvraagId=concept.aanvraag_id,
        bijlagen=[bijlage_out(b) for b in bijlagen],
    )


async def get_own(session: AsyncSession, concept_id: uuid.UUID, caller: Principal) -> Concept:
    """The caller's own draft; another vendor's draft, or an expired one, does not exist for the caller."""
    concept = await ConceptRepository(session).get(concept_id)
    if concept is None or concept.leverancier != caller.name:
        raise NotFound("No draft with this id.")
    if concept.ingediend_op is None and concept.verloopt_op <= utcnow():
        raise NotFound("This draft has expired and was deleted.", code="concept_verlopen")
    return concept


def _open(concept: Concept) -> None:
    if concept.ingediend_op is not None:
        raise UnprocessableState(
            f"This draft was submitted as application {concept.aanvraag_id}; a submitted application is immutable.",
            code="concept_ingediend",
        )


async def create(session: AsyncSession, body: ConceptIn, caller: Principal, bewaartermijn: dt.timedelta) -> Concept:
    repo = ConceptRepository(session)
    now = utcnow()
    await repo.purge_expired(now)
    concept = Concept(
        id=new_id(),
        leverancier=caller.name,
        formulier=body.formulier,
        aangemaakt_op=now,
        bijgewerkt_op=now,
        verloopt_op=now + bewaartermijn,
        ingediend_op=None,
        aanvraag_id=None,
    )
    repo.add(concept)
    await session.flush()
    return concept


async def update(
    session: AsyncSession, concept_id: uuid.UUID, body: ConceptIn, caller: Principal, bewaartermijn: dt.timedelta
) -> Concept:
    concept = await get_own(session, concept_id, caller)
    _open(concept)
    now = utcnow()
    concept.formulier = body.formulier
    concept.bijgewerkt_op = now
    concept.verloopt_op = now + bewaartermijn
    await session.flush()
    return concept


async def delete(session: AsyncSession, concept_id: uuid.UUID, caller: Principal) -> None:
    concept = await get_own(session, concept_id, caller)
    _open(concept)
    await ConceptRepository(session).delete(concept)


def validate_form(formulier: dict[str, Any]) -> AanvraagIndienen:
    """The stored draft checked exactly as POST /aanvragen checks a body: every invalid field at once."""
    try:
        return AanvraagIndienen.model_validate(formulier)
    except ValidationError as exc:
        params = invalid_params_from_errors(exc.errors())
        names = ", ".join(sorted({p.name for p in params}))
        raise InvalidInput(
            f"The draft is not a complete, valid application yet: {len(params)} invalid field(s): {names}",
            invalid_params=params,
        ) from exc


async def submit(
    session: AsyncSession, concept_id: uuid.UUID, caller: Principal, idempotency_key: str | None
) -> StoredResponse:
    """Submit the draft as an application. Repeating it answers the same application and creates nothing."""
    concept = await get_own(session, concept_id, caller)
    payload = validate_form(concept.formulier)
    # Without a key of the caller's own, the draft's id is the key: a retry of this call replays.
    key = idempotency_key or f"concept:{concept.id}"
    stored = await aanvragen_service.submit(session, payload, caller, key)
    aanvraag_id = uuid.UUID(str(stored.document["id"]))
    if concept.aanvraag_id is not None and concept.aanvraag_id != aanvraag_id:
        raise UnprocessableState(
            f"This draft was already submitted as application {concept.aanvraag_id}.", code="concept_ingediend"
        )
    if concept.ingediend_op is None:
        concept.ingediend_op = utcnow()
        concept.aanvraag_id = aanvraag_id
        await BijlageRepository(session).link_concept_to_aanvraag(concept.id, aanvraag_id)
        await session.flush()
    return stored
