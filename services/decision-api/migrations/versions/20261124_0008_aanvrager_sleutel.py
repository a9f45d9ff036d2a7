"""possible duplicates: a pseudonymous key of the applicant (never the BSN) and the earlier handling it matches

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("behandelingen") as b:
        b.add_column(sa.Column("aanvrager_sleutel", sa.String(128), nullable=True))
        b.add_column(sa.Column("mogelijk_dubbel_van", sa.Uuid(), nullable=True))
        b.create_index("ix_behandelingen_aanvrager_sleutel", ["aanvrager_sleutel"])


def downgrade() -> None:
    with op.batch_alter_table("behandelingen") as b:
        b.drop_index("ix_behandelingen_aanvrager_sleutel")
        b.drop_column("mogelijk_dubbel_van")
        b.drop_column("aanvrager_sleutel")
