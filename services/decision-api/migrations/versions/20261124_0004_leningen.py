"""business capital loans: the loan table, the loan term of a proposal, and the loan parameters

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

import datetime as dt
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bbz_common.db import JSONType, UTCDateTime

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_START = dt.date(2004, 1, 1)
_OUTDATED = "digest-002 (c. 2011, geen peiljaar): VEROUDERD, de gemeente controleert het actuele bedrag (Bbz 2004)"
PARAMETERS = [
    ("bedrijfskapitaal-maximum-starter", 3_413_400, "centen", _OUTDATED),
    ("bedrijfskapitaal-maximum-gevestigde", 18_540_200, "centen", _OUTDATED),
    (
        "lening-rente",
        500,
        "basispunten",
        "Beleid: rente volgt de banken; voorbeeldwaarde 5%, door de gemeente vast te stellen",
    ),
    ("lening-maximale-looptijd", 120, "maanden", "digest-002: aflossing in ten hoogste 10 jaar. Te verifiëren."),
    ("uitstel-maximum", 36, "maanden", "digest-002: ten hoogste 3 jaar uitstel over de looptijd. Te verifiëren."),
    ("terugvordering-termijnen", 12, "maanden", "Beleid: terugbetaling van een vordering in 12 maandtermijnen."),
]


def upgrade() -> None:
    with op.batch_alter_table("besluitvoorstellen") as b:
        b.add_column(sa.Column("looptijd_maanden", sa.Integer(), nullable=True))
    op.create_table(
        "leningen",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("besluit_id", sa.Uuid(), nullable=False),
        sa.Column("behandeling_id", sa.Uuid(), nullable=False),
        sa.Column("hoofdsom", sa.BigInteger(), nullable=False),
        sa.Column("rente_basispunten", sa.Integer(), nullable=False),
        sa.Column("looptijd_maanden", sa.Integer(), nullable=False),
        sa.Column("eerste_vervaldatum", sa.Date(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("akte_ondertekend_op", sa.Date(), nullable=True),
        sa.Column("uitstel", JSONType, nullable=False),
        sa.Column("opeisbaar_reden", sa.String(30), nullable=True),
        sa.Column("opeisbaar_op", sa.Date(), nullable=True),
        sa.Column("opeisbaar_bedrag", sa.BigInteger(), nullable=True),
        sa.Column("toelichting", sa.Text(), nullable=True),
        sa.Column("parameters", JSONType, nullable=False),
        sa.Column("aangemaakt_op", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["besluit_id"], ["besluiten.id"], name="fk_leningen_besluit_id_besluiten"),
        sa.ForeignKeyConstraint(
            ["behandeling_id"], ["behandelingen.id"], name="fk_leningen_behandeling_id_behandelingen"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_leningen"),
        sa.UniqueConstraint("besluit_id", name="uq_leningen_besluit_id"),
    )
    op.create_index("ix_leningen_behandeling_id", "leningen", ["behandeling_id"])
    op.create_index("ix_leningen_status", "leningen", ["status"])
    parameters = sa.table(
        "parameters",
        sa.column("id", sa.Uuid()),
        sa.column("naam", sa.String()),
        sa.column("gemeentecode", sa.String()),
        sa.column("waarde", sa.BigInteger()),
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
                "id": uuid.uuid5(uuid.NAMESPACE_URL, f"open-bbz:parameter:{naam}:{_START.isoformat()}"),
                "naam": naam,
                "gemeentecode": None,
                "waarde": waarde,
                "eenheid": eenheid,
                "geldig_vanaf": _START,
                "geldig_tot": None,
                "bron": bron,
                "aangemaakt_op": dt.datetime(2026, 11, 24, tzinfo=dt.UTC),
            }
            for naam, waarde, eenheid, bron in PARAMETERS
        ],
    )


def downgrade() -> None:
    names = [p[0] for p in PARAMETERS]
    op.execute(sa.text("DELETE FROM parameters WHERE naam IN (" + ", ".join(f"'{n}'" for n in names) + ")"))
    op.drop_table("leningen")
    with op.batch_alter_table("besluitvoorstellen") as b:
        b.drop_column("looptijd_maanden")
