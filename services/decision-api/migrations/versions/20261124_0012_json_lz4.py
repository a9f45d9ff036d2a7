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

from bbz_common.migrations import compress_with_lz4

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = {
    "behandelingen": ("routering",),
    "besluiten": ("rapport",),
    "idempotency_keys": ("response_body",),
}


def upgrade() -> None:
    compress_with_lz4(COLUMNS)


def downgrade() -> None:
    compress_with_lz4(COLUMNS, undo=True)
