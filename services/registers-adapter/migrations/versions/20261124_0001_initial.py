"""initial: processing records

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bbz_common.db import JSONType, UTCDateTime

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "verwerkingen",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("trace_id", sa.String(64), nullable=False),
        sa.Column("naam", sa.String(200), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("start_tijd", UTCDateTime(), nullable=False),
        sa.Column("eind_tijd", UTCDateTime(), nullable=False),
        sa.Column("afnemer", sa.String(100), nullable=False),
        sa.Column("verwerkingsactiviteit", sa.String(200), nullable=False),
        sa.Column("doelbinding", sa.String(300), nullable=False),
        sa.Column("aanvraag_id", sa.Uuid(), nullable=True),
        sa.Column("betrokkene_pseudoniem", sa.String(64), nullable=False),
        sa.Column("register", sa.String(20), nullable=False),
        sa.Column("velden", JSONType, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_verwerkingen"),
    )
    op.create_index("ix_verwerkingen_trace_id", "verwerkingen", ["trace_id"])
    op.create_index("ix_verwerkingen_aanvraag_id", "verwerkingen", ["aanvraag_id"])
    op.create_index("ix_verwerkingen_betrokkene_pseudoniem", "verwerkingen", ["betrokkene_pseudoniem"])


def downgrade() -> None:
    op.drop_table("verwerkingen")
