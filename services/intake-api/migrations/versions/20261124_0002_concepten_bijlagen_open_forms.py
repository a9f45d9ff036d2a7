"""drafts (concepten), attachments (bijlagen), Open Forms form mappings and registrations

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bbz_common.db import JSONType, UTCDateTime

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "concepten",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("leverancier", sa.String(100), nullable=False),
        sa.Column("formulier", JSONType, nullable=False),
        sa.Column("aangemaakt_op", UTCDateTime(), nullable=False),
        sa.Column("bijgewerkt_op", UTCDateTime(), nullable=False),
        sa.Column("verloopt_op", UTCDateTime(), nullable=False),
        sa.Column("ingediend_op", UTCDateTime(), nullable=True),
        sa.Column("aanvraag_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["aanvraag_id"], ["aanvragen.id"], name="fk_concepten_aanvraag_id_aanvragen", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_concepten"),
    )
    op.create_index("ix_concepten_leverancier_verloopt", "concepten", ["leverancier", "verloopt_op"])
    op.create_table(
        "bijlagen",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("leverancier", sa.String(100), nullable=False),
        sa.Column("aanvraag_id", sa.Uuid(), nullable=True),
        sa.Column("concept_id", sa.Uuid(), nullable=True),
        sa.Column("vraag_id", sa.String(4), nullable=False),
        sa.Column("bestandsnaam", sa.String(255), nullable=False),
        sa.Column("mediatype", sa.String(50), nullable=False),
        sa.Column("grootte", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("kanaal", sa.String(20), nullable=False),
        sa.Column("aangemaakt_op", UTCDateTime(), nullable=False),
        sa.Column("inhoud", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["aanvraag_id"], ["aanvragen.id"], name="fk_bijlagen_aanvraag_id_aanvragen", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["concept_id"], ["concepten.id"], name="fk_bijlagen_concept_id_concepten", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_bijlagen"),
    )
    op.create_index("ix_bijlagen_aanvraag_id", "bijlagen", ["aanvraag_id"])
    op.create_index("ix_bijlagen_concept_id", "bijlagen", ["concept_id"])
    op.create_table(
        "open_forms_koppelingen",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("formulier", sa.String(200), nullable=False),
        sa.Column("omschrijving", sa.Text(), nullable=True),
        sa.Column("velden", JSONType, nullable=False),
        sa.Column("bijlagen", JSONType, nullable=False),
        sa.Column("vaste_waarden", JSONType, nullable=False),
        sa.Column("bijgewerkt_op", UTCDateTime(), nullable=False),
        sa.Column("bijgewerkt_door", sa.String(100), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_open_forms_koppelingen"),
        sa.UniqueConstraint("formulier", name="uq_open_forms_koppelingen_formulier"),
    )
    op.create_table(
        "open_forms_registraties",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("public_reference", sa.String(100), nullable=False),
        sa.Column("leverancier", sa.String(100), nullable=False),
        sa.Column("formulier", sa.String(200), nullable=True),
        sa.Column("aanvraag_id", sa.Uuid(), nullable=True),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("antwoord", JSONType, nullable=False),
        sa.Column("ontvangen_op", UTCDateTime(), nullable=False),
        sa.Column("aantal_ontvangen", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["aanvraag_id"],
            ["aanvragen.id"],
            name="fk_open_forms_registraties_aanvraag_id_aanvragen",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_open_forms_registraties"),
        sa.UniqueConstraint("leverancier", "public_reference", name="uq_open_forms_registraties_leverancier"),
    )


def downgrade() -> None:
    op.drop_table("open_forms_registraties")
    op.drop_table("open_forms_koppelingen")
    op.drop_index("ix_bijlagen_concept_id", table_name="bijlagen")
    op.drop_index("ix_bijlagen_aanvraag_id", table_name="bijlagen")
    op.drop_table("bijlagen")
    op.drop_index("ix_concepten_leverancier_verloopt", table_name="concepten")
    op.drop_table("concepten")
