"""initial: route determinations, idempotency keys

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bbz_common.db import JSONType, UTCDateTime
from bbz_common.migrations import create_idempotency_table

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "routeringen",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("aanvraag_id", sa.Uuid(), nullable=True),
        sa.Column("gemeentecode", sa.String(4), nullable=False),
        sa.Column("route", sa.String(10), nullable=False),
        sa.Column("beleidsversie_id", sa.String(100), nullable=False),
        sa.Column("beleidsversie_hash", sa.String(64), nullable=False),
        sa.Column("invoer_hash", sa.String(64), nullable=False),
        sa.Column("invoer", JSONType, nullable=False),
        sa.Column("resultaat", JSONType, nullable=False),
        sa.Column("bepaald_op", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_routeringen"),
    )
    op.create_index("ix_routeringen_aanvraag_id", "routeringen", ["aanvraag_id"])
    op.create_index("ix_routeringen_route", "routeringen", ["route"])
    create_idempotency_table()


def downgrade() -> None:
    op.drop_table("idempotency_keys")
    op.drop_table("routeringen")
