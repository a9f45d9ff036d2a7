"""behandelingen: the duplicate look-up searches the applicant's handlings that end on or after the new period's
start, not all of the applicant's open handlings

The look-up of every hand-over asks for an applicant's handlings in the given statuses whose period overlaps the
new one. By (key, status) it read every open handling of the applicant, a cost growing with each applicant's
history (bench: ~50 personas, 120 applications each: 820 blocks a hand-over on PostgreSQL). By (key, end date)
it reads only the handlings ending on or after the new start. The status stays in the index, last, as 0010 had
it. The index still serves a look-up by the key alone (the debtors' list).

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-24
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_behandelingen_aanvrager_sleutel_einddatum", "behandelingen", ["aanvrager_sleutel", "einddatum", "status"]
    )
    op.drop_index("ix_behandelingen_aanvrager_sleutel_status", table_name="behandelingen")


def downgrade() -> None:
    op.create_index("ix_behandelingen_aanvrager_sleutel_status", "behandelingen", ["aanvrager_sleutel", "status"])
    op.drop_index("ix_behandelingen_aanvrager_sleutel_einddatum", table_name="behandelingen")
