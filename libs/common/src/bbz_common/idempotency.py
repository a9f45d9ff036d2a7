"""Idempotency-Key for POST: the same key and body give the same response; the same key with another body
is a 409 problem; nothing is created twice. The key row is written in the same transaction as the work."""

from __future__ import annotations

import codecs
import hashlib
import json
import re
import uuid
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

import orjson
from fastapi.responses import JSONResponse, Response
from sqlalchemy import Select, String, UniqueConstraint, and_, func, literal_column, or_, select, true
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from bbz_common.db import array_of, new_id, utcnow
from bbz_common.problems import Conflict, InvalidInput, InvalidParam

MAX_KEY_LENGTH = 255


class IdempotencyMixin:
    __tablename__ = "idempotency_keys"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    scope: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(MAX_KEY_LENGTH))
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int]
    response_body: Mapped[dict[str, Any]]
    response_headers: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]

    @declared_attr.directive
    def __table_args__(self) -> tuple[Any, ...]:
        return (UniqueConstraint("scope", "key", name="uq_idempotency_keys_scope_key"),)


@dataclass
class StoredResponse:
    status_code: int
    body: dict[str, Any] | None  # None: no body (the caller asked for `Prefer: return=minimal`)
    headers: dict[str, str] = field(default_factory=dict)
    replayed: bool = False

    @property
    def document(self) -> dict[str, Any]:
        """The body, of a response that has one (any but a minimal one)."""
        if self.body is None:
            raise ValueError(f"the {self.status_code} response has no body")
        return self.body

    def as_response(self) -> Response:
        """The HTTP response: the body as JSON, or none at all for a minimal response (not ``null``)."""
        if self.body is None:
            return Response(status_code=self.status_code, headers=self.headers)
        return JSONResponse(self.body, status_code=self.status_code, headers=self.headers)


def request_fingerprint(payload: Any) -> str:
    return hashlib.sha256(canonical_json(payload)).hexdigest()


# Types orjson would write otherwise than json.dumps(default=str) are left to the fallback (orjson raises).
_ORJSON_CANONICAL = (
    orjson.OPT_SORT_KEYS
    | orjson.OPT_PASSTHROUGH_SUBCLASS
    | orjson.OPT_PASSTHROUGH_DATETIME
    | orjson.OPT_PASSTHROUGH_DATACLASS
)
# orjson writes floats as repr does, but for those from 1e-9 to 1e-5: 1e-05 as 0.00001, 1e-06 as 1e-6
# (tests/test_fingerprint.py sweeps the exponents). Either form also matches some text: then json.dumps.
_SMALL_FLOAT_DECIMAL = b"0.0000"
_SMALL_FLOAT_EXPONENT = re.compile(rb"e-[5-9](?![0-9])")


def _escape_as_json(error: UnicodeError) -> tuple[str, int]:
    """json.dumps's ensure_ascii: a character outside ASCII as \\uXXXX, beyond the BMP as a surrogate pair."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    escaped = []
    for char in error.object[error.start : error.end]:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            escaped.append(f"\\u{0xD800 | (code >> 10):04x}\\u{0xDC00 | (code & 0x3FF):04x}")
        else:
            escaped.append(f"\\u{code:04x}")
    return "".join(escaped), error.end


codecs.register_error("bbz-json-ascii", _escape_as_json)


def canonical_json(payload: Any) -> bytes:
    """The payload as ``json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)`` writes it:
    the form of the fingerprints stored with keys and of routing-api's published ``invoerHash``.

    orjson writes the same bytes about four times faster, once its non-ASCII characters (only ever inside
    strings) are escaped as json.dumps escapes them, and DEL too; a payload with a float it writes otherwise,
    or with a type it does not take as JSON, is written by json.dumps itself. Meant for JSON-mode data
    (pydantic's ``mode="json"``, what the services pass). Two values are still written as orjson writes them:
    an ``Enum`` member (its value) and a NaN or an infinity (null, where json.dumps writes NaN; no request
    fingerprinted today has a float field)."""
    try:
        fast = orjson.dumps(payload, option=_ORJSON_CANONICAL)
    except TypeError:  # a type it does not take (a date, a set, an int beyond 64 bits, a lone surrogate)
        pass
    else:
        if not fast.isascii():
            fast = fast.decode().encode("ascii", "bbz-json-ascii")
        if b"\x7f" in fast:
            fast = fast.replace(b"\x7f", b"\\u007f")
        if _SMALL_FLOAT_DECIMAL not in fast and _SMALL_FLOAT_EXPONENT.search(fast) is None:
            return fast
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str).encode()


def validate_key(key: str | None) -> str | None:
    if key is None:
        return None
    if not key.strip() or len(key) > MAX_KEY_LENGTH:
        raise InvalidInput(
            "Idempotency-Key must be 1 to 255 characters.",
            invalid_params=[InvalidParam(name="Idempotency-Key", code="invalid", reason="1 to 255 characters")],
        )
    return key


async def _find(session: AsyncSession, model: type[IdempotencyMixin], scope: str, key: str) -> Any:
    # Core on the session's connection: these two statements run on every keyed POST, and the ORM's
    # select and unit of work cost about twice as much per statement (bench/results).
    table = cast(Any, model).__table__
    connection = await session.connection()
    result = await connection.execute(select(table).where(table.c.scope == scope, table.c.key == key))
    return result.first()


def _replay(record: Any, fingerprint: str) -> StoredResponse:
    if record.request_hash != fingerprint:
        raise Conflict("This Idempotency-Key was used before with another request body.", code="idempotency_key_reused")
    return StoredResponse(record.status_code, record.response_body, dict(record.response_headers), replayed=True)


async def run_idempotent(
    session: AsyncSession,
    model: type[IdempotencyMixin],
    *,
    scope: str,
    key: str | None,
    payload: Any,
    action: Callable[[], Awaitable[StoredResponse]],
) -> StoredResponse:
    """Run ``action`` once per (scope, key); replay its stored response for a repeated request.

    The caller commits the session; the key row and the action's writes land together or not at all."""
    if key is None:
        return await action()
    fingerprint = request_fingerprint(payload)
    existing = await _find(session, model, scope, key)
    if existing is not None:
        return _replay(existing, fingerprint)
    response = await action()
    try:
        if session.new or session.dirty or session.deleted:
            await session.flush()  # the action's own rows first, as before: their errors surface here
        await _insert_record(session, model, scope, key, fingerprint, response)
    except IntegrityError:
        # A concurrent request with the same key won the race: undo ours and answer as it did.
        await session.rollback()
        winner = await _find(session, model, scope, key)
        if winner is None:
            raise
        return _replay(winner, fingerprint)
    return response


async def _insert_record(
    session: AsyncSession,
    model: type[IdempotencyMixin],
    scope: str,
    key: str,
    fingerprint: str,
    response: StoredResponse,
) -> None:
    row = {
        "id": new_id(),
        "scope": scope,
        "key": key,
        "request_hash": fingerprint,
        "status_code": response.status_code,
        "response_body": response.body,
        "response_headers": response.headers,
        "created_at": utcnow(),
    }
    connection = await session.connection()
    await connection.execute(cast(Any, model).__table__.insert(), [row])


async def claim_first(
    session: AsyncSession,
    model: type[IdempotencyMixin],
    *,
    scope: str,
    key: str,
    payload: Any,
    response: StoredResponse,
) -> StoredResponse | None:
    """The same semantics as `run_idempotent` in one statement, for a response known before the work (e.g. it
    names the id the work will create): the key is claimed first, with that response.

    None: claimed; do the work in the same transaction, and an error undoes the claim with it. Otherwise the
    key was used before: its response for the same body (``replayed``), a 409 problem for another body.
    Call it before anything else is written in the transaction: a taken key rolls the transaction back."""
    fingerprint = request_fingerprint(payload)
    try:
        await _insert_record(session, model, scope, key, fingerprint, response)
    except IntegrityError:
        await session.rollback()
        earlier = await _find(session, model, scope, key)
        if earlier is None:
            raise  # the insert failed on something else than this key
        return _replay(earlier, fingerprint)
    return None


# ---- a batch of requests in one transaction (bbz_common.groupcommit) ----------------------------------------


@dataclass(frozen=True)
class KeyedRequest:
    scope: str
    key: str | None
    fingerprint: str


class SameKeyInBatch:
    def __repr__(self) -> str:
        return "SAME_KEY_IN_BATCH"


# A later request of a batch with the key of an earlier one: decide it after the earlier one is committed.
SAME_KEY_IN_BATCH = SameKeyInBatch()


async def claim_many(
    session: AsyncSession, model: type[IdempotencyMixin], requests: Sequence[KeyedRequest]
) -> list[StoredResponse | Conflict | SameKeyInBatch | None]:
    """The semantics of `run_idempotent` for a batch, with one look-up for all keys. Per request: None, do
    the work and record it with `record_many` in the same transaction; a replayed response; a 409 problem
    (the key was used with another body); or ``SAME_KEY_IN_BATCH``."""
    keys = {(r.scope, r.key) for r in requests if r.key is not None}
    found: dict[tuple[str, str], Any] = {}
    if keys:
        connection = await session.connection()
        rows = await connection.execute(keys_lookup(connection.dialect.name, model, keys))
        found = {(row.scope, row.key): row for row in rows}
    claimed: set[tuple[str, str]] = set()
    verdicts: list[StoredResponse | Conflict | SameKeyInBatch | None] = []
    for request in requests:
        if request.key is None:
            verdicts.append(None)
            continue
        pair = (request.scope, request.key)
        if pair in found:
            try:
                verdicts.append(_replay(found[pair], request.fingerprint))
            except Conflict as conflict:
                verdicts.append(conflict)
        elif pair in claimed:
            verdicts.append(SAME_KEY_IN_BATCH)
        else:
            claimed.add(pair)
            verdicts.append(None)
    return verdicts


def keys_lookup(dialect_name: str, model: type[IdempotencyMixin], keys: Iterable[tuple[str, str]]) -> Select[Any]:
    """The key rows of several (scope, key) pairs. On SQLite `scope = ? AND key IN (...)` per scope: a row
    value `(scope, key) IN (...)` reads the whole table there (no index for it), on every batch."""
    table = cast(Any, model).__table__
    if dialect_name == "postgresql":
        return _keys_lookup_per_pair(table, list(keys))
    by_scope: dict[str, list[str]] = {}
    for scope, key in keys:
        by_scope.setdefault(scope, []).append(key)
    return select(table).where(
        or_(*(and_(table.c.scope == scope, table.c.key.in_(scoped)) for scope, scoped in by_scope.items()))
    )


def _keys_lookup_per_pair(table: Any, pairs: list[tuple[str, str]]) -> Select[Any]:
    """keys_lookup on PostgreSQL: the pairs as two arrays, each pair found by its own look-up in the unique
    index. The same statement for any batch (see bbz_common.db.one_of), and one plan for any size of table:
    asyncpg's prepared statement is soon run with a plan made on the still empty table, and for
    `scope = $1 AND key = ANY($2)` that plan reads all of the scope's keys and filters (bench: 2,800 blocks a
    batch on average over 6,000 applications). A lateral subquery with a LIMIT is never merged into a join, so each
    pair is an equality on the whole unique key, the cheapest plan at any size."""
    asked = (
        func.unnest(array_of(table.c.scope, [s for s, _ in pairs]), array_of(table.c.key, [k for _, k in pairs]))
        .table_valued("scope", "key")
        .render_derived(name="gevraagd")
    )
    found = (
        select(table)
        .where(table.c.scope == asked.c.scope, table.c.key == asked.c.key)
        .limit(literal_column("1"))
        .lateral("gevonden")
    )
    return select(found).select_from(asked).join(found, true())


async def record_many(
    session: AsyncSession, model: type[IdempotencyMixin], done: Sequence[tuple[KeyedRequest, StoredResponse]]
) -> None:
    """The key rows of a batch's new requests, in one statement (requests without a key are skipped)."""
    now = utcnow()
    rows = [
        {
            "id": new_id(),
            "scope": request.scope,
            "key": request.key,
            "request_hash": request.fingerprint,
            "status_code": response.status_code,
            "response_body": response.body,
            "response_headers": response.headers,
            "created_at": now,
        }
        for request, response in done
        if request.key is not None
    ]
    if rows:
        connection = await session.connection()
        await connection.execute(cast(Any, model).__table__.insert(), rows)
