"""final determination: the data of a proposal, and recovery claims

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bbz_common.db import JSONType, UTCDateTime

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("besluitvoorstellen") as b:
        b.add_column(sa.Column("gegevens", JSONType, nullable=True))
    op.create_table(
        "vorderingen",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("besluit_id", sa.Uuid(), nullable=False),
        sa.Column("behandeling_id", sa.Uuid(), nullable=False),
        sa.Column("bedrag", sa.BigInteger(), nullable=False),
        sa.Column("termijnen", JSONType, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("aangemaakt_op", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["besluit_id"], ["besluiten.id"], name="fk_vorderingen_besluit_id_besluiten"),
        sa.ForeignKeyConstraint(
            ["behandeling_id"], ["behandelingen.id"], name="fk_vorderingen_behandeling_id_behandelingen"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_vorderingen"),
        sa.UniqueConstraint("besluit_id", name="uq_vorderingen_besluit_id"),
    )
    op.create_index("ix_vorderingen_behandeling_id", "vorderingen", ["behandeling_id"])
    op.create_index("ix_vorderingen_status", "vorderingen", ["status"])


def downgrade() -> None:
    op.drop_table("vorderingen")
    with op.batch_alter_table("besluitvoorstellen") as b:
        b.drop_column("gegevens")
