"""behandelingen: an index in the work queue's order, so that a page of GET /werkvoorraad is read from the index
instead of sorting the whole queue

The queue (``status = 'in-werkvoorraad'``, threatening situations first, then the last day to decide, the day
of receipt and the hand-over) was found by the status index and then sorted in full for every page: a cost
growing with the queue, which at a national peak holds every orange and red application not yet decided.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_behandelingen_werkvoorraad",
        "behandelingen",
        ["status", sa.text("prioriteit DESC"), "uiterste_beslisdatum", "ontvangstdatum", "aangemaakt_op"],
    )


def downgrade() -> None:
    op.drop_index("ix_behandelingen_werkvoorraad", table_name="behandelingen")
