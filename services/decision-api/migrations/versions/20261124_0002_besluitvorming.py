"""decision making: work queue, deadlines, findings, proposals (four-eyes), beschikkingen, sample, parameters

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

import datetime as dt
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bbz_common.db import JSONType, UTCDateTime

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The national parameter versions this service starts with (shared/domain/parameters.md). A municipality adds
# its own versions through POST /v1/parameters; these rows are data, not code.
_START = dt.date(2004, 1, 1)
PARAMETERS = [
    (
        "beslistermijn",
        13,
        "weken",
        "Bbz 2004 / gemeentelijke uitvoeringspraktijk (bbzgemeente.nl): 13 weken. Te verifiëren.",
    ),
    ("verlengingstermijn", 13, "weken", "Eenmalige verlenging met ten hoogste 13 weken (Awb 4:14). Te verifiëren."),
    ("hersteltermijn", 2, "weken", "Awb 4:5: een redelijke termijn voor aanvulling; gemeentelijk beleid (2 weken)."),
    ("bezwaartermijn", 6, "weken", "Awb 6:7: zes weken na de dag van verzending van het besluit."),
    (
        "signaleringstermijn",
        14,
        "dagen",
        "Beleid: signaleer behandelingen vanaf 14 dagen voor de uiterste beslisdatum.",
    ),
    ("steekproefpercentage", 1000, "basispunten", "Beleid (seed 001 fase 4): 10% van de groene toekenningen."),
]


def upgrade() -> None:
    with op.batch_alter_table("behandelingen") as b:
        b.add_column(sa.Column("aanvrager", JSONType, nullable=True))
        b.add_column(sa.Column("leverancier", sa.String(100), nullable=True))
        b.add_column(sa.Column("behandelaar", sa.String(100), nullable=True))
        b.add_column(sa.Column("uiterste_beslisdatum", sa.Date(), nullable=True))
        b.add_column(sa.Column("verlenging_weken", sa.Integer(), nullable=True))
        b.add_column(sa.Column("verlengd_op", sa.Date(), nullable=True))
        b.add_column(sa.Column("verlenging_reden", sa.Text(), nullable=True))
        b.add_column(sa.Column("afsluitreden", sa.String(40), nullable=True))
        b.add_column(sa.Column("dubbel_van", sa.Uuid(), nullable=True))
        b.add_column(sa.Column("afgesloten_op", UTCDateTime(), nullable=True))
        b.add_column(sa.Column("besloten_op", sa.Date(), nullable=True))
        b.create_index("ix_behandelingen_behandelaar", ["behandelaar"])
        b.create_index("ix_behandelingen_uiterste_beslisdatum", ["uiterste_beslisdatum"])
    # Handlings received before this revision get the period as it was then: 13 weeks from receipt.
    behandelingen = sa.table(
        "behandelingen",
        sa.column("id", sa.Uuid()),
        sa.column("ontvangstdatum", sa.Date()),
        sa.column("uiterste_beslisdatum", sa.Date()),
    )
    conn = op.get_bind()
    for row_id, received in conn.execute(sa.select(behandelingen.c.id, behandelingen.c.ontvangstdatum)).all():
        conn.execute(
            behandelingen.update()
            .where(behandelingen.c.id == row_id)
            .values(uiterste_beslisdatum=received + dt.timedelta(weeks=13))
        )

    with op.batch_alter_table("besluiten") as b:
        b.add_column(sa.Column("identificatie", sa.String(50), nullable=True))
        b.add_column(sa.Column("bestuursorgaan", sa.String(200), nullable=True))
        b.add_column(sa.Column("verzenddatum", sa.Date(), nullable=True))
        b.add_column(sa.Column("uiterlijke_reactiedatum", sa.Date(), nullable=True))
        b.add_column(sa.Column("vervalreden", sa.String(40), nullable=True))
        b.add_column(sa.Column("grondslagen", JSONType, nullable=True))
        b.add_column(sa.Column("bedrag_per_maand", sa.BigInteger(), nullable=True))
        b.add_column(sa.Column("bedrag", sa.BigInteger(), nullable=True))
        b.add_column(sa.Column("voorstel_id", sa.Uuid(), nullable=True))
        b.add_column(sa.Column("ingetrokken_besluit_id", sa.Uuid(), nullable=True))
        b.add_column(sa.Column("voorgesteld_door", sa.String(100), nullable=True))
        b.add_column(sa.Column("gefiatteerd_door", sa.String(100), nullable=True))

    op.create_table(
        "parameters",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("naam", sa.String(60), nullable=False),
        sa.Column("gemeentecode", sa.String(4), nullable=True),
        sa.Column("waarde", sa.Integer(), nullable=False),
        sa.Column("eenheid", sa.String(20), nullable=False),
        sa.Column("geldig_vanaf", sa.Date(), nullable=False),
        sa.Column("geldig_tot", sa.Date(), nullable=True),
        sa.Column("bron", sa.Text(), nullable=False),
        sa.Column("aangemaakt_op", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_parameters"),
    )
    op.create_index("ix_parameters_naam", "parameters", ["naam"])
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
    created = dt.datetime(2026, 11, 24, tzinfo=dt.UTC)
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
                "aangemaakt_op": created,
            }
            for naam, waarde, eenheid, bron in PARAMETERS
        ],
    )

    op.create_table(
        "notities",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("behandeling_id", sa.Uuid(), nullable=False),
        sa.Column("auteur", sa.String(100), nullable=False),
        sa.Column("tekst", sa.Text(), nullable=False),
        sa.Column("aangemaakt_op", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["behandeling_id"], ["behandelingen.id"], name="fk_notities_behandeling_id_behandelingen"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_notities"),
    )
    op.create_index("ix_notities_behandeling_id", "notities", ["behandeling_id"])

    op.create_table(
        "herstelverzoeken",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("behandeling_id", sa.Uuid(), nullable=False),
        sa.Column("omschrijving", sa.Text(), nullable=False),
        sa.Column("gevraagde_stukken", JSONType, nullable=False),
        sa.Column("verzenddatum", sa.Date(), nullable=False),
        sa.Column("einddatum_hersteltermijn", sa.Date(), nullable=False),
        sa.Column("aanvuldatum", sa.Date(), nullable=True),
        sa.Column("verstuurd_door", sa.String(100), nullable=False),
        sa.Column("aangemaakt_op", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["behandeling_id"], ["behandelingen.id"], name="fk_herstelverzoeken_behandeling_id_behandelingen"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_herstelverzoeken"),
    )
    op.create_index("ix_herstelverzoeken_behandeling_id", "herstelverzoeken", ["behandeling_id"])

    op.create_table(
        "bevindingen",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("behandeling_id", sa.Uuid(), nullable=False),
        sa.Column("voorwaarde", sa.String(40), nullable=False),
        sa.Column("uitkomst", sa.String(20), nullable=False),
        sa.Column("grondslag", sa.Text(), nullable=False),
        sa.Column("toelichting", sa.Text(), nullable=True),
        sa.Column("documentsoort", sa.String(30), nullable=True),
        sa.Column("document_geldig_tot", sa.Date(), nullable=True),
        sa.Column("vastgesteld_door", sa.String(100), nullable=False),
        sa.Column("vastgesteld_op", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["behandeling_id"], ["behandelingen.id"], name="fk_bevindingen_behandeling_id_behandelingen"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_bevindingen"),
        sa.UniqueConstraint("behandeling_id", "voorwaarde", name="uq_bevindingen_behandeling_voorwaarde"),
    )
    op.create_index("ix_bevindingen_behandeling_id", "bevindingen", ["behandeling_id"])

    op.create_table(
        "besluitvoorstellen",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("behandeling_id", sa.Uuid(), nullable=False),
        sa.Column("besluittype", sa.String(40), nullable=False),
        sa.Column("product", sa.String(40), nullable=False),
        sa.Column("ingangsdatum", sa.Date(), nullable=True),
        sa.Column("vervaldatum", sa.Date(), nullable=True),
        sa.Column("toelichting", sa.Text(), nullable=False),
        sa.Column("grondslagen", JSONType, nullable=False),
        sa.Column("bedrag_per_maand", sa.BigInteger(), nullable=True),
        sa.Column("bedrag", sa.BigInteger(), nullable=True),
        sa.Column("ingetrokken_besluit_id", sa.Uuid(), nullable=True),
        sa.Column("vervalreden", sa.String(40), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("voorgesteld_door", sa.String(100), nullable=False),
        sa.Column("voorgesteld_op", UTCDateTime(), nullable=False),
        sa.Column("beoordeeld_door", sa.String(100), nullable=True),
        sa.Column("beoordeeld_op", UTCDateTime(), nullable=True),
        sa.Column("beoordeling_toelichting", sa.Text(), nullable=True),
        sa.Column("besluit_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["behandeling_id"], ["behandelingen.id"], name="fk_besluitvoorstellen_behandeling_id_behandelingen"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_besluitvoorstellen"),
    )
    op.create_index("ix_besluitvoorstellen_behandeling_id", "besluitvoorstellen", ["behandeling_id"])
    op.create_index("ix_besluitvoorstellen_status", "besluitvoorstellen", ["status"])

    op.create_table(
        "beschikkingen",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("besluit_id", sa.Uuid(), nullable=False),
        sa.Column("sjabloon", sa.String(60), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.Column("html_sha256", sa.String(64), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("pdf_sha256", sa.String(64), nullable=False),
        sa.Column("aangemaakt_op", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["besluit_id"], ["besluiten.id"], name="fk_beschikkingen_besluit_id_besluiten"),
        sa.PrimaryKeyConstraint("id", name="pk_beschikkingen"),
        sa.UniqueConstraint("besluit_id", name="uq_beschikkingen_besluit_id"),
    )

    op.create_table(
        "steekproefcontroles",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("besluit_id", sa.Uuid(), nullable=False),
        sa.Column("behandeling_id", sa.Uuid(), nullable=False),
        sa.Column("getrokken_op", sa.Date(), nullable=False),
        sa.Column("percentage_basispunten", sa.Integer(), nullable=False),
        sa.Column("lot", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("resultaat", sa.String(30), nullable=True),
        sa.Column("toelichting", sa.Text(), nullable=True),
        sa.Column("gecontroleerd_door", sa.String(100), nullable=True),
        sa.Column("gecontroleerd_op", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["besluit_id"], ["besluiten.id"], name="fk_steekproefcontroles_besluit_id_besluiten"),
        sa.ForeignKeyConstraint(
            ["behandeling_id"], ["behandelingen.id"], name="fk_steekproefcontroles_behandeling_id_behandelingen"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_steekproefcontroles"),
        sa.UniqueConstraint("besluit_id", name="uq_steekproefcontroles_besluit_id"),
    )
    op.create_index("ix_steekproefcontroles_behandeling_id", "steekproefcontroles", ["behandeling_id"])
    op.create_index("ix_steekproefcontroles_status", "steekproefcontroles", ["status"])


def downgrade() -> None:
    op.drop_table("steekproefcontroles")
    op.drop_table("beschikkingen")
    op.drop_table("besluitvoorstellen")
    op.drop_table("bevindingen")
    op.drop_table("herstelverzoeken")
    op.drop_table("notities")
    op.drop_table("parameters")
    with op.batch_alter_table("besluiten") as b:
        for column in (
            "gefiatteerd_door",
            "voorgesteld_door",
            "ingetrokken_besluit_id",
            "voorstel_id",
            "bedrag",
            "bedrag_per_maand",
            "grondslagen",
            "vervalreden",
            "uiterlijke_reactiedatum",
            "verzenddatum",
            "bestuursorgaan",
            "identificatie",
        ):
            b.drop_column(column)
    with op.batch_alter_table("behandelingen") as b:
        b.drop_index("ix_behandelingen_uiterste_beslisdatum")
        b.drop_index("ix_behandelingen_behandelaar")
        for column in (
            "besloten_op",
            "afgesloten_op",
            "dubbel_van",
            "afsluitreden",
            "verlenging_reden",
            "verlengd_op",
            "verlenging_weken",
            "uiterste_beslisdatum",
            "behandelaar",
            "leverancier",
            "aanvrager",
        ):
            b.drop_column(column)
