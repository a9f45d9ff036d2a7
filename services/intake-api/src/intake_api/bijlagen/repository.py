import uuid

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import undefer

from intake_api.bijlagen.models import Bijlage


class BijlageRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, bijlage: Bijlage) -> None:
        self.session.add(bijlage)

    async def get(self, bijlage_id: uuid.UUID, *, with_content: bool = False) -> Bijlage | None:
        stmt = select(Bijlage).where(Bijlage.id == bijlage_id)
        if with_content:
            stmt = stmt.options(undefer(Bijlage.inhoud))
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def for_aanvraag(self, aanvraag_id: uuid.UUID) -> list[Bijlage]:
        stmt = select(Bijlage).where(Bijlage.aanvraag_id == aanvraag_id).order_by(Bijlage.aangemaakt_op)
        return list((await self.session.execute(stmt)).scalars())

    async def for_concept(self, concept_id: uuid.UUID) -> list[Bijlage]:
        stmt = select(Bijlage).where(Bijlage.concept_id == concept_id).order_by(Bijlage.aangemaakt_op)
        return list((await self.session.execute(stmt)).scalars())

    async def link_concept_to_aanvraag(self, concept_id: uuid.UUID, aanvraag_id: uuid.UUID) -> None:
        await self.session.execute(
            update(Bijlage).where(Bijlage.concept_id == concept_id).values(aanvraag_id=aanvraag_id)
        )

    async def delete(self, bijlage: Bijlage) -> None:
        await self.session.delete(bijlage)
