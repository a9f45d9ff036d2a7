"""PostgreSQL: the recorded determination (`resultaat`, ~10 KB of JSON text) compressed with lz4 instead of pglz

pglz cost the server ~150 µs per determination, lz4 ~40 µs, for ~7% more space (2.9 → 3.1 KB per row). Only
values written from now on are affected; without lz4 in the server (built without it) and on SQLite nothing
changes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from collections.abc import Sequence

from bbz_common.migrations import compress_with_lz4

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = {"routeringen": ("resultaat",)}


def upgrade() -> None:
    compress_with_lz4(COLUMNS)


def downgrade() -> None:
    compress_with_lz4(COLUMNS, undo=True)
