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

from bbz_common.migrations import compress_with_lz4

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = {
    "aanvragen": ("formulier", "registergegevens", "routering"),
    "aanvraag_versies": ("formulier",),
}


def upgrade() -> None:
    compress_with_lz4(COLUMNS)


def downgrade() -> None:
    compress_with_lz4(COLUMNS, undo=True)
