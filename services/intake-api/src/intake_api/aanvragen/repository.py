import uuid
from typing import Any, cast

from sqlalchemy import Table, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import raiseload

from intake_api.aanvragen.models import Aanvraag, AanvraagVersie, StatusWijziging
from intake_api.db import Base

# The tables behind the models, for the hot-path statements that need no change tracking.
AANVRAGEN = cast(Table, Aanvraag.__table__)
VERSIES = cast(Table, AanvraagVersie.__table__)
STATUS_WIJZIGINGEN = cast(Table, StatusWijziging.__table__)


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

    async def advance(
        self,
        aanvraag_id: uuid.UUID,
        *,
        expected_status: str,
        versie: int,
        changes: dict[str, Any],
        status: dict[str, Any],
    ) -> bool | None:
        """Move an application on only if it is still at ``expected_status`` and ``versie``: one conditional
        UPDATE (atomic on both databases, no row loaded) and the status row. True when it moved, False when
        it had moved on already, None when there is no such application."""
        table = AANVRAGEN
        connection = await self.session.connection()
        result = await connection.execute(
            update(table)
            .where(table.c.id == aanvraag_id, table.c.status == expected_status, table.c.versie == versie)
            .values(**changes, status=status["status"], bijgewerkt_op=status["tijdstip"])
        )
        if result.rowcount == 1:
            await connection.execute(insert(STATUS_WIJZIGINGEN), [{"aanvraag_id": aanvraag_id, **status}])
            return True
        exists = await connection.execute(select(table.c.id).where(table.c.id == aanvraag_id))
        return False if exists.first() is not None else None

    async def get(self, aanvraag_id: uuid.UUID) -> Aanvraag | None:
        return await self.session.get(Aanvraag, aanvraag_id)

    async def get_for_update(self, aanvraag_id: uuid.UUID, *, with_history: bool = True) -> Aanvraag | None:
        stmt = select(Aanvraag).where(Aanvraag.id == aanvraag_id)
        if not with_history:
            stmt = stmt.options(raiseload(Aanvraag.historie))
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
