"""Idempotency-Key for the backoffice's POSTs that create something (a request to complete, a note, a proposal,
an approval, a receipt, a payment file): a retried request with the same key and body replays the first answer
and creates nothing twice."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.auth import Principal
from bbz_common.idempotency import StoredResponse, run_idempotent, validate_key
from decision_api.models import IdempotencyRecord


async def eenmalig(
    session: AsyncSession,
    caller: Principal,
    key: str | None,
    scope: str,
    payload: Any,
    action: Callable[[], Awaitable[BaseModel]],
    status_code: int = 201,
) -> JSONResponse:
    async def run() -> StoredResponse:
        result = await action()
        return StoredResponse(status_code, result.model_dump(mode="json"))

    stored = await run_idempotent(
        session,
        IdempotencyRecord,
        scope=f"{scope}:{caller.name}",
        key=validate_key(key),
        payload=payload,
        action=run,
    )
    return JSONResponse(stored.body, status_code=stored.status_code, headers=stored.headers)
