import uuid
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from intake_api.concepten.models import Concept


class ConceptRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, concept: Concept) -> None:
        self.session.add(concept)

    async def get(self, concept_id: uuid.UUID) -> Concept | None:
        stmt = select(Concept).where(Concept.id == concept_id)
        if self.session.bind is not None and self.session.bind.dialect.name == "postgresql":
            stmt = stmt.with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def delete(self, concept: Concept) -> None:
        await self.session.delete(concept)

    async def purge_expired(self, now: datetime) -> None:
        """Unsubmitted drafts past their date go, with their attachments (ON DELETE CASCADE)."""
        await self.session.execute(delete(Concept).where(Concept.verloopt_op < now, Concept.ingediend_op.is_(None)))
