"""Delivery you can see and steer: an operator's view of a service's outbox, built once for every service.

``outbox_admin_router(OutboxMessage)`` gives ``GET /outbox-berichten`` (messages by status, dead letters with
their last error) and ``POST /outbox-berichten/{berichtId}/opnieuw-verzenden`` (send a dead letter again after
repair). Only the ``beheerder`` (operator) role may use them; payloads are never shown (they may carry ids of
persons' applications, and an operator needs the error, not the data)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.app import get_db_session
from bbz_common.auth import OPERATOR, Principal, require_roles
from bbz_common.outbox import DEAD, OutboxMixin, requeue
from bbz_common.problems import Conflict, NotFound

OutboxStatus = Literal["pending", "delivered", "dead"]
Operator = Annotated[Principal, Depends(require_roles(OPERATOR))]
Session = Annotated[AsyncSession, Depends(get_db_session)]
BerichtId = Annotated[uuid.UUID, Path(alias="berichtId", description="The id of the outbox message.")]


class OutboxBericht(BaseModel):
    """One message of the outbox: where it goes, how often it was tried, and why it failed last."""

    id: uuid.UUID
    topic: str = Field(description="What the message does, e.g. `aanvraag.verrijken`.")
    status: OutboxStatus = Field(description="`pending` (to be sent), `delivered`, or `dead` (dead letter).")
    pogingen: int = Field(description="Delivery attempts so far.")
    laatsteFout: str | None = Field(None, description="The error of the last failed attempt.")
    volgendePogingOp: datetime | None = Field(None, description="When a pending message is tried next.")
    aangemaaktOp: datetime
    afgeleverdOp: datetime | None = None
    correlatieId: str | None = None


def _bericht(message: OutboxMixin) -> OutboxBericht:
    return OutboxBericht(
        id=message.id,
        topic=message.topic,
        status=message.status,  # type: ignore[arg-type]
        pogingen=message.attempts,
        laatsteFout=message.last_error,
        volgendePogingOp=message.next_attempt_at if message.status == "pending" else None,
        aangemaaktOp=message.created_at,
        afgeleverdOp=message.delivered_at,
        correlatieId=message.correlation_id,
    )


def outbox_admin_router(model: type[OutboxMixin], *, tag: str = "outbox") -> APIRouter:
    """The operator's outbox endpoints for one service's outbox table."""
    router = APIRouter(tags=[tag])

    @router.get(
        "/outbox-berichten",
        response_model=list[OutboxBericht],
        summary="Outbox messages by status (dead letters with their last error)",
        responses={403: {}},
    )
    async def list_outbox_berichten(
        _: Operator,
        session: Session,
        status: Annotated[OutboxStatus | None, Query(description="Only messages in this state.")] = None,
        limit: Annotated[int, Query(ge=1, le=500, description="At most this many, oldest first.")] = 100,
    ) -> list[OutboxBericht]:
        stmt: Any = select(model).order_by(model.created_at, model.id).limit(limit)
        if status is not None:
            stmt = stmt.where(model.status == status)
        rows = (await session.execute(stmt)).scalars()
        return [_bericht(m) for m in rows]

    @router.post(
        "/outbox-berichten/{berichtId}/opnieuw-verzenden",
        response_model=OutboxBericht,
        summary="Send a dead letter again (after the cause was repaired)",
        responses={403: {}, 404: {}, 409: {}},
    )
    async def resend_outbox_bericht(bericht_id: BerichtId, _: Operator, session: Session) -> OutboxBericht:
        message = await session.get(model, bericht_id)
        if message is None:
            raise NotFound("No outbox message with this id.")
        if message.status != DEAD or not await requeue(session, model, bericht_id):
            raise Conflict(f"Only a dead letter can be sent again; this message is {message.status}.")
        await session.refresh(message)
        return _bericht(message)

    return router
