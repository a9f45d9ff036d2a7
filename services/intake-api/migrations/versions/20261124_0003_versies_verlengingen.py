"""form versions (corrections), renewals, pre-check warnings on the application

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bbz_common.db import JSONType, UTCDateTime

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("aanvragen") as batch:
        batch.add_column(sa.Column("waarschuwingen", JSONType, nullable=False, server_default=sa.text("'[]'")))
        batch.add_column(sa.Column("versie", sa.Integer(), nullable=False, server_default=sa.text("1")))
        batch.add_column(sa.Column("verlenging_van", sa.Uuid(), nullable=True))
        batch.create_index("ix_aanvragen_verlenging_van", ["verlenging_van"])
    op.create_table(
        "aanvraag_versies",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("aanvraag_id", sa.Uuid(), nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.Column("formulier", JSONType, nullable=False),
        sa.Column("reden", sa.Text(), nullable=True),
        sa.Column("ingediend_door", sa.String(100), nullable=False),
        sa.Column("ingediend_op", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["aanvraag_id"], ["aanvragen.id"], name="fk_aanvraag_versies_aanvraag_id_aanvragen", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_aanvraag_versies"),
        sa.UniqueConstraint("aanvraag_id", "versie", name="uq_aanvraag_versies_aanvraag_id"),
    )
    op.create_index("ix_aanvraag_versies_aanvraag_id", "aanvraag_versies", ["aanvraag_id"])


def downgrade() -> None:
    op.drop_index("ix_aanvraag_versies_aanvraag_id", table_name="aanvraag_versies")
    op.drop_table("aanvraag_versies")
    with op.batch_alter_table("aanvragen") as batch:
        batch.drop_index("ix_aanvragen_verlenging_van")
        batch.drop_column("verlenging_van")
        batch.drop_column("versie")
        batch.drop_column("waarschuwingen")
