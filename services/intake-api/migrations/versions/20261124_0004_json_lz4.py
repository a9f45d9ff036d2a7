"""PostgreSQL: the large JSON values of an application (the form, twice: the application and its first
version; the register data; the route with its explanation, ~10 KB) compressed with lz4 instead of pglz

TOAST compresses every value over ~2 KB, on every insert and on every update that changes it; pglz is the
slowest of the two compressions. Only values written from now on are affected; without lz4 in the server
(built without it) and on SQLite nothing changes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LZ4_AVAILABLE = "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
COLUMNS = {
    "aanvragen": ("formulier", "registergegevens", "routering"),
    "aanvraag_versies": ("formulier",),
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
