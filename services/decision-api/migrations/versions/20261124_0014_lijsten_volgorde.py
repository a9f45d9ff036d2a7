"""behandelingen, leningen: the indexes of two lists in a total order, so that their pages neither skip nor repeat
a row and are read from an index instead of sorting the whole list

The work queue (GET /werkvoorraad) ended its order on ``aangemaakt_op``: two handlings handed over at the same
moment could swap between pages, so a page could skip or repeat one. Its order now ends on the id, and the index
of 0011 is replaced by one ending on the id, so a page is still read in the index's order (no sort).

The loans (GET /leningen) are paged in the order of their creation, then the id; without an index every call
read and sorted every loan.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WERKVOORRAAD = ["status", sa.text("prioriteit DESC"), "uiterste_beslisdatum", "ontvangstdatum", "aangemaakt_op"]


def upgrade() -> None:
    op.drop_index("ix_behandelingen_werkvoorraad", table_name="behandelingen")
    op.create_index("ix_behandelingen_werkvoorraad", "behandelingen", [*WERKVOORRAAD, "id"])
    op.create_index("ix_leningen_aangemaakt_op_id", "leningen", ["aangemaakt_op", "id"])


def downgrade() -> None:
    op.drop_index("ix_leningen_aangemaakt_op_id", table_name="leningen")
    op.drop_index("ix_behandelingen_werkvoorraad", table_name="behandelingen")
    op.create_index("ix_behandelingen_werkvoorraad", "behandelingen", WERKVOORRAAD)
