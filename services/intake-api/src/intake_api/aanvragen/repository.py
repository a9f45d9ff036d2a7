import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, Update, case, func, insert, literal, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.db import array_of, new_id, utcnow
from intake_api.aanvragen.models import Aanvraag, AanvraagVersie, StatusWijziging
from intake_api.db import Base

# The tables behind the models, for the hot-path statements that need no change tracking.
AANVRAGEN = cast(Table, Aanvraag.__table__)
VERSIES = cast(Table, AanvraagVersie.__table__)
STATUS_WIJZIGINGEN = cast(Table, StatusWijziging.__table__)


@dataclass(frozen=True)
class Move:
    """One application to move on: where it must still be (its versie), what to store, and the status note."""

    aanvraag_id: uuid.UUID
    versie: int
    changes: dict[str, Any]
    toelichting: str | None = None


class AanvraagRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, entity: Base) -> None:
        self.session.add(entity)

    async def insert_submissions(
        self, aanvragen: list[dict[str, Any]], versies: list[dict[str, Any]], statussen: list[dict[str, Any]]
    ) -> None:
        """New applications, their first versions and first statuses, as plain inserts (one statement per
        table for a whole batch): accepting is the hot path, and these rows need no change tracking."""
        connection = await self.session.connection()
        await connection.execute(insert(AANVRAGEN), aanvragen)
        await connection.execute(insert(VERSIES), versies)
        await connection.execute(insert(STATUS_WIJZIGINGEN), statussen)

    async def advance_many(
        self, *, expected_status: str, new_status: str, moves: list[Move], tijdstip: datetime
    ) -> set[uuid.UUID]:
        """Move several applications on at once, each only if it is still at ``expected_status`` and its
        ``versie``: one conditional UPDATE that returns the ids that moved (a CASE per changed column; on
        PostgreSQL the moves as arrays), and their status rows. The ids of applications that had moved on
        already are not returned."""
        if not moves:
            return set()
        connection = await self.session.connection()
        if connection.dialect.name == "postgresql":
            stmt = _advance_from_arrays(expected_status, new_status, moves, tijdstip)
        else:
            stmt = _advance_by_case(expected_status, new_status, moves, tijdstip)
        result = await connection.execute(stmt)
        moved = set(result.scalars())
        statuses = [
            {"id": new_id(), "aanvraag_id": m.aanvraag_id, "status": new_status, "tijdstip": tijdstip,
             "toelichting": m.toelichting}
            for m in moves if m.aanvraag_id in moved
        ]  # fmt: skip
        if statuses:
            await connection.execute(insert(STATUS_WIJZIGINGEN), statuses)
        return moved

    async def stand_for_update(self, aanvraag_id: uuid.UUID) -> Any:
        """Where an application stands (status, decisions, handling id), locked on PostgreSQL until the
        transaction ends: what a report from decision-api needs, without the form and register data."""
        table = AANVRAGEN
        stmt = select(table.c.status, table.c.besluiten, table.c.behandeling_id).where(table.c.id == aanvraag_id)
        if self.session.bind is not None and self.session.bind.dialect.name == "postgresql":
            stmt = stmt.with_for_update()
        connection = await self.session.connection()
        return (await connection.execute(stmt)).first()

    async def record_report(
        self,
        aanvraag_id: uuid.UUID,
        *,
        changes: dict[str, Any],
        statussen: list[tuple[str, str | None]],
        moves: bool,
    ) -> None:
        """Store what a report changed and its status rows, in order; the application takes the last status
        when ``moves``."""
        rows = [
            {"id": new_id(), "aanvraag_id": aanvraag_id, "status": status, "tijdstip": utcnow(), "toelichting": note}
            for status, note in statussen
        ]
        values = dict(changes)
        if moves and rows:
            values.update(status=rows[-1]["status"], bijgewerkt_op=rows[-1]["tijdstip"])
        connection = await self.session.connection()
        if values:
            await connection.execute(update(AANVRAGEN).where(AANVRAGEN.c.id == aanvraag_id).values(values))
        if rows:
            await connection.execute(insert(STATUS_WIJZIGINGEN), rows)

    async def get(self, aanvraag_id: uuid.UUID) -> Aanvraag | None:
        return await self.session.get(Aanvraag, aanvraag_id)

    async def get_for_update(self, aanvraag_id: uuid.UUID) -> Aanvraag | None:
        stmt = select(Aanvraag).where(Aanvraag.id == aanvraag_id)
        if self.session.bind is not None and self.session.bind.dialect.name == "postgresql":
            stmt = stmt.with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def add_status(self, aanvraag: Aanvraag, wijziging: StatusWijziging) -> None:
        self.session.add(wijziging)
        await self.session.flush()
        await self.session.refresh(aanvraag, attribute_names=["historie"])

    async def versions(self, aanvraag_id: uuid.UUID) -> list[AanvraagVersie]:
        rows = await self.session.execute(
            select(AanvraagVersie).where(AanvraagVersie.aanvraag_id == aanvraag_id).order_by(AanvraagVersie.versie)
        )
        return list(rows.scalars())

    async def list(
        self,
        *,
        leverancier: str | None,
        status: str | None,
        burgerservicenummer: str | None,
        limit: int,
        offset: int,
    ) -> list[Aanvraag]:
        stmt = select(Aanvraag).order_by(Aanvraag.ontvangen_op.desc(), Aanvraag.id).limit(limit).offset(offset)
        if leverancier is not None:
            stmt = stmt.where(Aanvraag.leverancier == leverancier)
        if status is not None:
            stmt = stmt.where(Aanvraag.status == status)
        if burgerservicenummer is not None:
            stmt = stmt.where(Aanvraag.burgerservicenummer == burgerservicenummer)
        return list((await self.session.execute(stmt)).scalars())


def _advance_by_case(expected_status: str, new_status: str, moves: list[Move], tijdstip: datetime) -> Update:
    """advance_many as one UPDATE with a CASE per changed column and the ids in IN lists."""
    table = AANVRAGEN
    values: dict[str, Any] = {"status": new_status, "bijgewerkt_op": tijdstip}
    for column in moves[0].changes:
        values[column] = case(
            {m.aanvraag_id: literal(m.changes[column], table.c[column].type) for m in moves}, value=table.c.id
        )
    return (
        update(table)
        .where(
            table.c.status == expected_status,
            # The ids first: SQLite finds them by the primary key, where the row value alone read every row.
            table.c.id.in_([m.aanvraag_id for m in moves]),
            tuple_(table.c.id, table.c.versie).in_([(m.aanvraag_id, m.versie) for m in moves]),
        )
        .values(values)
        .returning(table.c.id)
    )


def _advance_from_arrays(expected_status: str, new_status: str, moves: list[Move], tijdstip: datetime) -> Update:
    """advance_many on PostgreSQL: the moves as one array per column, joined as rows by ``unnest``. The CASE
    form is a statement per batch size, each prepared and kept on every connection (see bbz_common.db.one_of);
    this one is the same statement for any batch."""
    table = AANVRAGEN
    columns = list(moves[0].changes)
    given = (
        func.unnest(
            array_of(table.c.id, [m.aanvraag_id for m in moves]),
            array_of(table.c.versie, [m.versie for m in moves]),
            *(array_of(table.c[column], [m.changes[column] for m in moves]) for column in columns),
        )
        .table_valued("id", "versie", *columns)
        .render_derived(name="gegeven")
    )
    return (
        update(table)
        .where(table.c.status == expected_status, table.c.id == given.c.id, table.c.versie == given.c.versie)
        .values({"status": new_status, "bijgewerkt_op": tijdstip, **{c: given.c[c] for c in columns}})
        .returning(table.c.id)
    )
