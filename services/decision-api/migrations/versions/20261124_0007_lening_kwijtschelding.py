"""loans: interest remitted per loan year, and the part converted into a grant

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bbz_common.db import JSONType

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("leningen") as b:
        b.add_column(sa.Column("kwijtgescholden_jaren", JSONType, nullable=False, server_default="[]"))
        b.add_column(sa.Column("omgezet_bedrag", sa.BigInteger(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("leningen") as b:
        b.drop_column("omgezet_bedrag")
        b.drop_column("kwijtgescholden_jaren")
