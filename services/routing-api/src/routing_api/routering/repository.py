"""SQL for recorded route determinations."""

from __future__ import annotations

import uuid
from typing import Any, cast

from sqlalchemy import Row, Table, bindparam, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from routing_api.models import IdempotencyRecord
from routing_api.routering.models import Routering


async def get(session: AsyncSession, routering_id: uuid.UUID) -> Routering | None:
    return await session.get(Routering, routering_id)


# The hot statements are built once and run as Core on the session's connection (same transaction): the
# ORM's unit of work and session.execute's ORM plumbing double the cost of a statement and are not needed for
# rows that a request only writes or reads as plain values.
_INSERT = insert(cast(Table, Routering.__table__))


async def insert_row(session: AsyncSession, **values: Any) -> None:
    await (await session.connection()).execute(_INSERT, values)


# The Idempotency-Key records of this service (bbz_common.idempotency's table), as two statements built once.
_CLAIM = insert(cast(Table, IdempotencyRecord.__table__))
_KEY_RECORD = select(
    IdempotencyRecord.request_hash,
    IdempotencyRecord.status_code,
    IdempotencyRecord.response_body,
    IdempotencyRecord.response_headers,
).where(IdempotencyRecord.scope == bindparam("scope"), IdempotencyRecord.key == bindparam("key"))


async def claim_key(session: AsyncSession, **values: Any) -> None:
    """Insert a key's record; IntegrityError when (scope, key) is taken."""
    await (await session.connection()).execute(_CLAIM, values)


KeyRecord = Row[tuple[str, int, Any, Any]]  # request_hash, status_code, response_body, response_headers


async def key_record(session: AsyncSession, scope: str, key: str) -> KeyRecord | None:
    return (await (await session.connection()).execute(_KEY_RECORD, {"scope": scope, "key": key})).one_or_none()
