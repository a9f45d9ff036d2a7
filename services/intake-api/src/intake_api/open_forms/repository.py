from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from intake_api.open_forms.models import FormulierKoppeling, Registratie


class OpenFormsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def koppeling(self, formulier: str) -> FormulierKoppeling | None:
        stmt = select(FormulierKoppeling).where(FormulierKoppeling.formulier == formulier)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def koppelingen(self) -> list[FormulierKoppeling]:
        stmt = select(FormulierKoppeling).order_by(FormulierKoppeling.formulier)
        return list((await self.session.execute(stmt)).scalars())

    def add(self, entity: FormulierKoppeling | Registratie) -> None:
        self.session.add(entity)

    async def delete(self, entity: FormulierKoppeling) -> None:
        await self.session.delete(entity)

    async def registratie(self, leverancier: str, public_reference: str) -> Registratie | None:
        stmt = select(Registratie).where(
            Registratie.leverancier == leverancier, Registratie.public_reference == public_reference
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()
