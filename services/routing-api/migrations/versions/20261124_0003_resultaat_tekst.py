"""the recorded determination as the JSON text that was answered (serialised once, stored and replayed as is)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bbz_common.db import JSONType

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("routeringen") as batch:
        batch.alter_column(
            "resultaat",
            existing_type=JSONType,
            type_=sa.Text(),
            existing_nullable=False,
            postgresql_using="resultaat::text",
        )


def downgrade() -> None:
    with op.batch_alter_table("routeringen") as batch:
        batch.alter_column(
            "resultaat",
            existing_type=sa.Text(),
            type_=JSONType,
            existing_nullable=False,
            postgresql_using="resultaat::jsonb",
        )
