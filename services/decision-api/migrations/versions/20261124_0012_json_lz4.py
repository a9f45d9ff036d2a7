"""PostgreSQL: the large JSON values of a handling (the route with its explanation, ~10 KB, as intake-api
stored it; a decision's report; the stored answers of the Idempotency-Keys) compressed with lz4 instead of pglz

TOAST compresses every value over ~2 KB, on every insert and on every update that changes it; pglz is the
slowest of the two compressions. Only values written from now on are affected; without lz4 in the server
(built without it) and on SQLite nothing changes.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LZ4_AVAILABLE = "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
COLUMNS = {
    "behandelingen": ("routering",),
    "besluiten": ("rapport",),
    "idempotency_keys": ("response_body",),
}


def _set_compression(method: str) -> None:
    for table, columns in COLUMNS.items():
        for column in columns:
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET COMPRESSION {method}")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql" and bind.execute(sa.text(LZ4_AVAILABLE)).scalar():
        _set_compression("lz4")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _set_compression("default")
