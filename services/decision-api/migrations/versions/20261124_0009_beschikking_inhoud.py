"""beschikkingen: the content is fixed with the decision, the renderings (HTML, PDF) follow it afterwards

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bbz_common.db import JSONType, UTCDateTime

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TE_RENDEREN = sa.text("pdf_sha256 IS NULL")
_RENDERINGEN = (
    ("html", sa.Text()),
    ("html_sha256", sa.String(64)),
    ("pdf", sa.LargeBinary()),
    ("pdf_sha256", sa.String(64)),
)


def upgrade() -> None:
    with op.batch_alter_table("beschikkingen") as b:
        b.add_column(sa.Column("inhoud", JSONType, nullable=True))
        b.add_column(sa.Column("gerenderd_op", UTCDateTime(), nullable=True))
        for column, kind in _RENDERINGEN:
            b.alter_column(column, existing_type=kind, nullable=True)
    op.create_index(
        "ix_beschikkingen_te_renderen",
        "beschikkingen",
        ["aangemaakt_op"],
        sqlite_where=_TE_RENDEREN,
        postgresql_where=_TE_RENDEREN,
    )


def downgrade() -> None:
    # The earlier schema cannot hold a beschikking without its rendering: let the service render them first.
    pending = op.get_bind().execute(sa.text("SELECT count(*) FROM beschikkingen WHERE pdf_sha256 IS NULL"))
    if pending.scalar_one():
        raise RuntimeError("Beschikkingen await rendering: start decision-api until none do, then downgrade.")
    op.drop_index("ix_beschikkingen_te_renderen", table_name="beschikkingen")
    with op.batch_alter_table("beschikkingen") as b:
        for column, kind in _RENDERINGEN:
            b.alter_column(column, existing_type=kind, nullable=False)
        b.drop_column("gerenderd_op")
        b.drop_column("inhoud")
