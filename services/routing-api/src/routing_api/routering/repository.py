"""SQL for recorded route determinations."""

from __future__ import annotations

import uuid
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from routing_api.beleid import repository as beleid_repository
from routing_api.models import IdempotencyRecord
from routing_api.routering.models import Routering


async def get(session: AsyncSession, routering_id: uuid.UUID) -> Routering | None:
    return await session.get(Routering, routering_id)


# The hot statements are built once and run as Core on the session's connection (same transaction): the
# ORM's unit of work and session.execute's ORM plumbing double the cost of a statement and are not needed for
# rows that a request only writes or reads as plain values.
_ROUTERINGEN = cast(Table, Routering.__table__)
_KEYS = cast(Table, IdempotencyRecord.__table__)
_INSERT = insert(_ROUTERINGEN)


async def insert_row(session: AsyncSession, **values: Any) -> None:
    await (await session.connection()).execute(_INSERT, values)


def _claim_and_insert() -> Any:
    """PostgreSQL: the Idempotency-Key claimed and the determination recorded in one statement,

        WITH claim AS (INSERT INTO idempotency_keys (...) SELECT $1, ... WHERE <the policy versions are unchanged>
                       ON CONFLICT (scope, key) DO NOTHING RETURNING id)
        INSERT INTO routeringen (...) SELECT $9, ... FROM claim RETURNING id

    so both rows or neither land, also without a transaction around it (one statement is atomic); and only
    while the municipality's active policy versions are those the version was chosen from in memory
    (`beleid.repository.unchanged`, parameters `b_gemeentecode` and `b_ids`). The key's parameters are named
    `k_<column>`, the determination's by its columns."""
    key_columns = list(_KEYS.columns)
    key_values = select(*[bindparam(f"k_{c.name}", type_=c.type) for c in key_columns]).where(
        beleid_repository.unchanged("b_gemeentecode", "b_ids")
    )
    claim = (
        pg_insert(_KEYS)
        .from_select([c.name for c in key_columns], key_values)
        .on_conflict_do_nothing(index_elements=[_KEYS.c.scope, _KEYS.c.key])
        .returning(_KEYS.c.id)
        .cte("claim")
    )
    columns = list(_ROUTERINGEN.columns)
    values = select(*[bindparam(c.name, type_=c.type) for c in columns]).select_from(claim)
    record = insert(_ROUTERINGEN).from_select([c.name for c in columns], values)
    return record.add_cte(claim).returning(_ROUTERINGEN.c.id)


_CLAIM_AND_INSERT = _claim_and_insert()


async def claim_and_insert(
    session: AsyncSession, key_row: dict[str, Any], values: dict[str, Any], policy_ids: list[str]
) -> bool:
    """True: the key was free and the policy versions unchanged; the key is now claimed and the determination
    recorded. False: the key was taken, or the active versions of the municipality are no longer `policy_ids`
    (nothing was written)."""
    params = {
        **values,
        **{f"k_{name}": value for name, value in key_row.items()},
        "b_gemeentecode": values["gemeentecode"],
        "b_ids": policy_ids,
    }
    result = await (await session.connection()).execute(_CLAIM_AND_INSERT, params)
    return result.first() is not None
