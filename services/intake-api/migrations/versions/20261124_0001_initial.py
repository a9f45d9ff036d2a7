"""initial: applications, status history, outbox, idempotency keys

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bbz_common.db import JSONType, UTCDateTime
from bbz_common.migrations import create_idempotency_table, create_outbox_table, drop_infrastructure_tables

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "aanvragen",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("gemeentecode", sa.String(4), nullable=False),
        sa.Column("leverancier", sa.String(100), nullable=False),
        sa.Column("kanaal", sa.String(20), nullable=False),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("prioriteit", sa.Boolean(), nullable=False),
        sa.Column("burgerservicenummer", sa.String(9), nullable=False),
        sa.Column("formulier", JSONType, nullable=False),
        sa.Column("registergegevens", JSONType, nullable=True),
        sa.Column("routering", JSONType, nullable=True),
        sa.Column("behandeling_id", sa.Uuid(), nullable=True),
        sa.Column("besluiten", JSONType, nullable=False),
        sa.Column("ontvangen_op", UTCDateTime(), nullable=False),
        sa.Column("bijgewerkt_op", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_aanvragen"),
    )
    op.create_index("ix_aanvragen_leverancier_ontvangen", "aanvragen", ["leverancier", "ontvangen_op"])
    op.create_table(
        "status_wijzigingen",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("aanvraag_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("tijdstip", UTCDateTime(), nullable=False),
        sa.Column("toelichting", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["aanvraag_id"], ["aanvragen.id"], name="fk_status_wijzigingen_aanvraag_id_aanvragen", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_status_wijzigingen"),
    )
    op.create_index("ix_status_wijzigingen_aanvraag_id", "status_wijzigingen", ["aanvraag_id"])
    create_outbox_table()
    create_idempotency_table()


def downgrade() -> None:
    drop_infrastructure_tables()
    op.drop_index("ix_status_wijzigingen_aanvraag_id", table_name="status_wijzigingen")
    op.drop_table("status_wijzigingen")
    op.drop_index("ix_aanvragen_leverancier_ontvangen", table_name="aanvragen")
    op.drop_table("aanvragen")
