"""policy versions as data; re-determinations and overrides of route determinations

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bbz_common.db import JSONType, UTCDateTime

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "beleidsversies",
        sa.Column("id", sa.String(80), nullable=False),
        sa.Column("gemeentecode", sa.String(4), nullable=True),
        sa.Column("geldig_vanaf", sa.Date(), nullable=False),
        sa.Column("geldig_tot_en_met", sa.Date(), nullable=True),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("inhoud", JSONType, nullable=False),
        sa.Column("inhoud_hash", sa.String(64), nullable=False),
        sa.Column("aangemaakt_door", sa.String(100), nullable=False),
        sa.Column("aangemaakt_op", UTCDateTime(), nullable=False),
        sa.Column("geactiveerd_door", sa.String(100), nullable=True),
        sa.Column("geactiveerd_op", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_beleidsversies"),
    )
    op.create_index("ix_beleidsversies_gemeentecode", "beleidsversies", ["gemeentecode"])
    op.create_index("ix_beleidsversies_status", "beleidsversies", ["status"])
    with op.batch_alter_table("routeringen") as batch:
        batch.add_column(sa.Column("herbepaling_van", sa.Uuid(), nullable=True))
        batch.add_column(sa.Column("overschrijving", JSONType, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("routeringen") as batch:
        batch.drop_column("overschrijving")
        batch.drop_column("herbepaling_van")
    op.drop_table("beleidsversies")
