"""debtor overview: money received on loans and claims, and the reminder period

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

import datetime as dt
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bbz_common.db import UTCDateTime

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_START = dt.date(2004, 1, 1)


def upgrade() -> None:
    op.create_table(
        "ontvangsten",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("soort", sa.String(20), nullable=False),
        sa.Column("referentie_id", sa.Uuid(), nullable=False),
        sa.Column("behandeling_id", sa.Uuid(), nullable=False),
        sa.Column("bedrag", sa.BigInteger(), nullable=False),
        sa.Column("ontvangen_op", sa.Date(), nullable=False),
        sa.Column("geregistreerd_door", sa.String(100), nullable=False),
        sa.Column("aangemaakt_op", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ontvangsten"),
    )
    op.create_index("ix_ontvangsten_referentie_id", "ontvangsten", ["referentie_id"])
    op.create_index("ix_ontvangsten_behandeling_id", "ontvangsten", ["behandeling_id"])
    parameters = sa.table(
        "parameters",
        sa.column("id", sa.Uuid()),
        sa.column("naam", sa.String()),
        sa.column("gemeentecode", sa.String()),
        sa.column("waarde", sa.Integer()),
        sa.column("eenheid", sa.String()),
        sa.column("geldig_vanaf", sa.Date()),
        sa.column("geldig_tot", sa.Date()),
        sa.column("bron", sa.Text()),
        sa.column("aangemaakt_op", UTCDateTime()),
    )
    op.bulk_insert(
        parameters,
        [
            {
                "id": uuid.uuid5(uuid.NAMESPACE_URL, f"open-bbz:parameter:herinneringstermijn:{_START.isoformat()}"),
                "naam": "herinneringstermijn",
                "gemeentecode": None,
                "waarde": 14,
                "eenheid": "dagen",
                "geldig_vanaf": _START,
                "geldig_tot": None,
                "bron": "Beleid: een herinnering wanneer een termijn meer dan 14 dagen achterstallig is.",
                "aangemaakt_op": dt.datetime(2026, 11, 24, tzinfo=dt.UTC),
            }
        ],
    )


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM parameters WHERE naam = 'herinneringstermijn'"))
    op.drop_table("ontvangsten")
