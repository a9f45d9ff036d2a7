"""initial: handlings, decisions, outbox, idempotency keys

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
        "behandelingen",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("aanvraag_id", sa.Uuid(), nullable=False),
        sa.Column("gemeentecode", sa.String(4), nullable=False),
        sa.Column("ontvangstdatum", sa.Date(), nullable=False),
        sa.Column("doelgroep", sa.String(30), nullable=False),
        sa.Column("type_aanvraag", sa.String(40), nullable=False),
        sa.Column("ingangsdatum", sa.Date(), nullable=False),
        sa.Column("einddatum", sa.Date(), nullable=False),
        sa.Column("prioriteit", sa.Boolean(), nullable=False),
        sa.Column("iban", sa.String(34), nullable=False),
        sa.Column("route", sa.String(10), nullable=False),
        sa.Column("routering", JSONType, nullable=False),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("aangemaakt_op", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_behandelingen"),
        sa.UniqueConstraint("aanvraag_id", name="uq_behandelingen_aanvraag_id"),
    )
    op.create_index("ix_behandelingen_route", "behandelingen", ["route"])
    op.create_index("ix_behandelingen_status", "behandelingen", ["status"])
    op.create_table(
        "besluiten",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("behandeling_id", sa.Uuid(), nullable=False),
        sa.Column("besluittype", sa.String(40), nullable=False),
        sa.Column("product", sa.String(40), nullable=False),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("ingangsdatum", sa.Date(), nullable=False),
        sa.Column("vervaldatum", sa.Date(), nullable=True),
        sa.Column("toelichting", sa.Text(), nullable=False),
        sa.Column("automatisch", sa.Boolean(), nullable=False),
        sa.Column("rapport", JSONType, nullable=False),
        sa.Column("aangemaakt_op", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["behandeling_id"], ["behandelingen.id"], name="fk_besluiten_behandeling_id_behandelingen"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_besluiten"),
    )
    op.create_index("ix_besluiten_behandeling_id", "besluiten", ["behandeling_id"])
    create_outbox_table()
    create_idempotency_table()


def downgrade() -> None:
    drop_infrastructure_tables()
    op.drop_table("besluiten")
    op.drop_table("behandelingen")
