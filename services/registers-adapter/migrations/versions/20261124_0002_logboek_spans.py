"""processing records: spans, data subject type and error text (Logboek Dataverwerkingen)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("verwerkingen") as batch:
        batch.add_column(sa.Column("span_id", sa.String(16), nullable=False, server_default="0000000000000000"))
        batch.add_column(sa.Column("parent_span_id", sa.String(16), nullable=True))
        batch.add_column(sa.Column("betrokkene_type", sa.String(20), nullable=False, server_default="BSN"))
        batch.add_column(sa.Column("foutmelding", sa.Text(), nullable=True))
        batch.alter_column("register", existing_type=sa.String(20), type_=sa.String(30), existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("verwerkingen") as batch:
        batch.alter_column("register", existing_type=sa.String(30), type_=sa.String(20), existing_nullable=False)
        batch.drop_column("foutmelding")
        batch.drop_column("betrokkene_type")
        batch.drop_column("parent_span_id")
        batch.drop_column("span_id")
