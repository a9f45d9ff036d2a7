"""Attachments: checked (type by content, size), fingerprinted (SHA-256), linked to a question and to a draft
or an application. Once on an application an attachment is never changed or removed: evidence that arrives
later is added next to it."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.auth import APPROVER, AUDITOR, OFFICER, VENDOR, Principal
from bbz_common.db import new_id, utcnow
from bbz_common.idempotency import StoredResponse, run_idempotent
from bbz_common.problems import Forbidden, NotFound, UnprocessableState
from intake_api.aanvragen.models import Aanvraag
from intake_api.bijlagen import inhoud
from intake_api.bijlagen.models import Bijlage
from intake_api.bijlagen.repository import BijlageRepository
from intake_api.bijlagen.schemas import BijlageKanaal, BijlageOut, BijlageUpload, Mediatype, bijlage_out
from intake_api.concepten import service as concepten_service
from intake_api.models import IdempotencyRecord

BACKOFFICE = (OFFICER, APPROVER, AUDITOR)


def store(
    session: AsyncSession,
    *,
    content: bytes,
    mediatype: Mediatype,
    vraag_id: str,
    bestandsnaam: str,
    leverancier: str,
    kanaal: BijlageKanaal,
    aanvraag_id: uuid.UUID | None = None,
    concept_id: uuid.UUID | None = None,
) -> Bijlage:
    bijlage = Bijlage(
        id=new_id(),
        leverancier=leverancier,
        aanvraag_id=aanvraag_id,
        concept_id=concept_id,
        vraag_id=vraag_id,
        bestandsnaam=bestandsnaam,
        mediatype=mediatype.value,
        grootte=len(content),
        sha256=inhoud.sha256(content),
        kanaal=kanaal.value,
        aangemaakt_op=utcnow(),
        inhoud=content,
    )
    BijlageRepository(session).add(bijlage)
    return bijlage


async def aanvraag_for(session: AsyncSession, aanvraag_id: uuid.UUID, caller: Principal) -> Aanvraag:
    """The application, if the caller may see it: a vendor only its own, the backoffice every one."""
    aanvraag = await session.get(Aanvraag, aanvraag_id)
    if aanvraag is None:
        raise NotFound("No application with this id.")
    if not caller.has_any(*BACKOFFICE) and aanvraag.leverancier != caller.name:
        raise NotFound("No application with this id.")
    return aanvraag


async def _upload(
    session: AsyncSession,
    upload: BijlageUpload,
    caller: Principal,
    idempotency_key: str | None,
    max_bytes: int,
    *,
    aanvraag_id: uuid.UUID | None,
    concept_id: uuid.UUID | None,
) -> StoredResponse:
    content, mediatype = inhoud.decode(upload.inhoud, max_bytes=max_bytes)

    async def create() -> StoredResponse:
        bijlage = store(
            session,
            content=content,
            mediatype=mediatype,
            vraag_id=upload.vraagId,
            bestandsnaam=upload.bestandsnaam,
            leverancier=caller.name,
            kanaal=BijlageKanaal.UPLOAD,
            aanvraag_id=aanvraag_id,
            concept_id=concept_id,
        )
        await session.flush()
        body = bijlage_out(bijlage).model_dump(mode="json")
        return StoredResponse(201, body, {"Location": f"/v1/bijlagen/{bijlage.id}"})

    return await run_idempotent(
        session,
        IdempotencyRecord,
        scope=f"bijlagen:{caller.name}",
        key=idempotency_key,
        payload={
            "aanvraagId": str(aanvraag_id) if aanvraag_id else None,
            "conceptId": str(concept_id) if concept_id else None,
            "vraagId": upload.vraagId,
            "bestandsnaam": upload.bestandsnaam,
            "sha256": inhoud.sha256(content),
        },
        action=create,
    )


async def upload_for_concept(
    session: AsyncSession,
    concept_id: uuid.UUID,
    upload: BijlageUpload,
    caller: Principal,
    idempotency_key: str | None,
    max_bytes: int,
) -> StoredResponse:
    concept = await concepten_service.get_own(session, concept_id, caller)
    if concept.ingediend_op is not None:
        raise UnprocessableState(
            f"This draft was submitted as application {concept.aanvraag_id}: add evidence to the application.",
            code="concept_ingediend",
        )
    return await _upload(session, upload, caller, idempotency_key, max_bytes, aanvraag_id=None, concept_id=concept.id)


async def upload_for_aanvraag(
    session: AsyncSession,
    aanvraag_id: uuid.UUID,
    upload: BijlageUpload,
    caller: Principal,
    idempotency_key: str | None,
    max_bytes: int,
) -> StoredResponse:
    aanvraag = await aanvraag_for(session, aanvraag_id, caller)
    if not (caller.has_any(OFFICER) or (caller.has_any(VENDOR) and aanvraag.leverancier == caller.name)):
        raise Forbidden("Only the submitting vendor or an officer can add evidence to an application.")
    return await _upload(session, upload, caller, idempotency_key, max_bytes, aanvraag_id=aanvraag.id, concept_id=None)


async def list_for_aanvraag(session: AsyncSession, aanvraag_id: uuid.UUID, caller: Principal) -> list[BijlageOut]:
    aanvraag = await aanvraag_for(session, aanvraag_id, caller)
    return [bijlage_out(b) for b in await BijlageRepository(session).for_aanvraag(aanvraag.id)]


async def list_for_concept(session: AsyncSession, concept_id: uuid.UUID, caller: Principal) -> list[BijlageOut]:
    concept = await concepten_service.get_own(session, concept_id, caller)
    return [bijlage_out(b) for b in await BijlageRepository(session).for_concept(concept.id)]


async def get_visible(
    session: AsyncSession, bijlage_id: uuid.UUID, caller: Principal, *, with_content: bool = False
) -> Bijlage:
    bijlage = await BijlageRepository(session).get(bijlage_id, with_content=with_content)
    if bijlage is None:
        raise NotFound("No attachment with this id.")
    if bijlage.aanvraag_id is not None:
        await aanvraag_for(session, bijlage.aanvraag_id, caller)
    elif bijlage.concept_id is not None:
        await concepten_service.get_own(session, bijlage.concept_id, caller)
    else:
        raise NotFound("No attachment with this id.")
    return bijlage


async def delete(session: AsyncSession, bijlage_id: uuid.UUID, caller: Principal) -> None:
    """Only from an open draft: evidence on an application stays."""
    bijlage = await get_visible(session, bijlage_id, caller)
    if bijlage.aanvraag_id is not None:
        raise UnprocessableState(
            "This attachment belongs to a submitted application and cannot be removed.", code="bijlage_ingediend"
        )
    await BijlageRepository(session).delete(bijlage)
