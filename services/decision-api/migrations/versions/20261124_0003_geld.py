"""money: dated norms, household data for the amount, payment orders and SEPA payment files

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

import datetime as dt
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bbz_common.db import JSONType, UTCDateTime

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TOZO = "Normenbrief SZW (digest-004, tabel 1): historisch voorbeeld, Tozo 1"
_CHECK = (
    "VOORBEELDWAARDE, geen officiele norm: de gemeente vervangt deze door de normen uit de actuele Normenbrief "
    "van SZW (netto per maand, 21 jaar tot AOW-leeftijd, inclusief vakantietoeslag)"
)
# (huishouden, cents per month, from, to, source, to be checked)
NORMEN = [
    ("alleenstaande", 105_232, dt.date(2020, 1, 1), dt.date(2020, 6, 30), _TOZO, False),
    ("alleenstaande-ouder", 105_232, dt.date(2020, 1, 1), dt.date(2020, 6, 30), _TOZO, False),
    ("gehuwden", 150_331, dt.date(2020, 1, 1), dt.date(2020, 6, 30), _TOZO, False),
    ("alleenstaande", 105_903, dt.date(2020, 7, 1), dt.date(2020, 12, 31), _TOZO, False),
    ("alleenstaande-ouder", 105_903, dt.date(2020, 7, 1), dt.date(2020, 12, 31), _TOZO, False),
    ("gehuwden", 151_290, dt.date(2020, 7, 1), dt.date(2020, 12, 31), _TOZO, False),
    ("alleenstaande", 140_000, dt.date(2026, 1, 1), None, _CHECK, True),
    ("alleenstaande-ouder", 140_000, dt.date(2026, 1, 1), None, _CHECK, True),
    ("gehuwden", 200_000, dt.date(2026, 1, 1), None, _CHECK, True),
]


def upgrade() -> None:
    with op.batch_alter_table("behandelingen") as b:
        b.add_column(sa.Column("huishouden", JSONType, nullable=True))
        b.add_column(sa.Column("inkomen_per_maand", sa.BigInteger(), nullable=True))

    op.create_table(
        "normen",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("huishouden", sa.String(30), nullable=False),
        sa.Column("bedrag", sa.BigInteger(), nullable=False),
        sa.Column("geldig_vanaf", sa.Date(), nullable=False),
        sa.Column("geldig_tot", sa.Date(), nullable=True),
        sa.Column("bron", sa.Text(), nullable=False),
        sa.Column("te_controleren", sa.Boolean(), nullable=False),
        sa.Column("aangemaakt_op", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_normen"),
    )
    op.create_index("ix_normen_huishouden", "normen", ["huishouden"])
    normen = sa.table(
        "normen",
        sa.column("id", sa.Uuid()),
        sa.column("huishouden", sa.String()),
        sa.column("bedrag", sa.BigInteger()),
        sa.column("geldig_vanaf", sa.Date()),
        sa.column("geldig_tot", sa.Date()),
        sa.column("bron", sa.Text()),
        sa.column("te_controleren", sa.Boolean()),
        sa.column("aangemaakt_op", UTCDateTime()),
    )
    created = dt.datetime(2026, 11, 24, tzinfo=dt.UTC)
    op.bulk_insert(
        normen,
        [
            {
                "id": uuid.uuid5(uuid.NAMESPACE_URL, f"open-bbz:norm:{h}:{van.isoformat()}"),
                "huishouden": h,
                "bedrag": bedrag,
                "geldig_vanaf": van,
                "geldig_tot": tot,
                "bron": bron,
                "te_controleren": check,
                "aangemaakt_op": created,
            }
            for h, bedrag, van, tot, bron, check in NORMEN
        ],
    )

    op.create_table(
        "betaalbestanden",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("gemeentecode", sa.String(4), nullable=False),
        sa.Column("bericht_id", sa.String(35), nullable=False),
        sa.Column("uitvoerdatum", sa.Date(), nullable=False),
        sa.Column("aantal", sa.Integer(), nullable=False),
        sa.Column("totaal", sa.BigInteger(), nullable=False),
        sa.Column("xml", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("aangemaakt_door", sa.String(100), nullable=False),
        sa.Column("aangemaakt_op", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_betaalbestanden"),
        sa.UniqueConstraint("bericht_id", name="uq_betaalbestanden_bericht_id"),
    )
    op.create_table(
        "betaalopdrachten",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("besluit_id", sa.Uuid(), nullable=False),
        sa.Column("behandeling_id", sa.Uuid(), nullable=False),
        sa.Column("gemeentecode", sa.String(4), nullable=False),
        sa.Column("product", sa.String(40), nullable=False),
        sa.Column("periode_van", sa.Date(), nullable=False),
        sa.Column("periode_tot", sa.Date(), nullable=False),
        sa.Column("uitvoerdatum", sa.Date(), nullable=False),
        sa.Column("bedrag", sa.BigInteger(), nullable=False),
        sa.Column("iban", sa.String(34), nullable=False),
        sa.Column("naam", sa.String(70), nullable=False),
        sa.Column("omschrijving", sa.String(140), nullable=False),
        sa.Column("end_to_end_id", sa.String(35), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("goedgekeurd_door", sa.String(100), nullable=True),
        sa.Column("betaalbestand_id", sa.Uuid(), nullable=True),
        sa.Column("annuleringsreden", sa.Text(), nullable=True),
        sa.Column("aangemaakt_op", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["besluit_id"], ["besluiten.id"], name="fk_betaalopdrachten_besluit_id_besluiten"),
        sa.ForeignKeyConstraint(
            ["behandeling_id"], ["behandelingen.id"], name="fk_betaalopdrachten_behandeling_id_behandelingen"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_betaalopdrachten"),
        sa.UniqueConstraint("end_to_end_id", name="uq_betaalopdrachten_end_to_end_id"),
    )
    op.create_index("ix_betaalopdrachten_besluit_id", "betaalopdrachten", ["besluit_id"])
    op.create_index("ix_betaalopdrachten_behandeling_id", "betaalopdrachten", ["behandeling_id"])
    op.create_index("ix_betaalopdrachten_uitvoerdatum", "betaalopdrachten", ["uitvoerdatum"])
    op.create_index("ix_betaalopdrachten_status", "betaalopdrachten", ["status"])
    op.create_index("ix_betaalopdrachten_betaalbestand_id", "betaalopdrachten", ["betaalbestand_id"])


def downgrade() -> None:
    op.drop_table("betaalopdrachten")
    op.drop_table("betaalbestanden")
    op.drop_table("normen")
    with op.batch_alter_table("behandelingen") as b:
        b.drop_column("inkomen_per_maand")
        b.drop_column("huishouden")
