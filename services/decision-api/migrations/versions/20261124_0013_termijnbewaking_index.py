"""behandelingen: an index in the deadline list's order, so that a page of GET /termijnbewaking is read from the
index instead of sorting every open handling within the window

The deadline list (``status = 'in-werkvoorraad'`` and the last day to decide on or before the end of the
signalling window; the nearest last day first, threatening situations first on the same day, then the id) found
its rows by the status index and sorted them all for every call: a cost growing with the backlog.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_behandelingen_termijnbewaking",
        "behandelingen",
        ["status", "uiterste_beslisdatum", sa.text("prioriteit DESC"), "id"],
    )


def downgrade() -> None:
    op.drop_index("ix_behandelingen_termijnbewaking", table_name="behandelingen")
