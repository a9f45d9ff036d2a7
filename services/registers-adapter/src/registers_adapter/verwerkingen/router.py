import datetime as dt
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, ConfigDict
from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.app import get_db_session
from bbz_common.auth import AUDITOR, Principal, require_roles
from bbz_common.nl import Burgerservicenummer
from registers_adapter.verwerkingen import service
from registers_adapter.verwerkingen.models import Verwerking

router = APIRouter(tags=["verwerkingen"])
SessionDep = Annotated[AsyncSession, Depends(get_db_session, scope="function")]
Auditor = Annotated[Principal, Depends(require_roles(AUDITOR))]


class VerwerkingOut(BaseModel):
    id: uuid.UUID
    traceId: str
    spanId: str
    parentSpanId: str | None
    naam: str
    status: str
    startTijd: dt.datetime
    eindTijd: dt.datetime
    afnemer: str
    verwerkingsactiviteit: str
    doelbinding: str
    aanvraagId: uuid.UUID | None
    betrokkeneType: str
    bronregister: str
    velden: list[str]
    foutmelding: str | None

    @classmethod
    def of(cls, v: Verwerking) -> "VerwerkingOut":
        return cls(
            id=v.id,
            traceId=v.trace_id,
            spanId=v.span_id,
            parentSpanId=v.parent_span_id,
            naam=v.naam,
            status=v.status,
            startTijd=v.start_tijd,
            eindTijd=v.eind_tijd,
            afnemer=v.afnemer,
            verwerkingsactiviteit=v.verwerkingsactiviteit,
            doelbinding=v.doelbinding,
            aanvraagId=v.aanvraag_id,
            betrokkeneType=v.betrokkene_type,
            bronregister=v.register,
            velden=v.velden,
            foutmelding=v.foutmelding,
        )


class VerwerkingenPerPersoon(BaseModel):
    model_config = ConfigDict(extra="forbid")
    burgerservicenummer: Burgerservicenummer


@router.get("/verwerkingen", response_model=list[VerwerkingOut], summary="Processing records of one application")
async def list_verwerkingen(
    aanvraagId: Annotated[uuid.UUID, Query()], session: SessionDep, caller: Auditor
) -> list[VerwerkingOut]:
    return [VerwerkingOut.of(v) for v in await service.list_for_application(session, aanvraagId)]


@router.post(
    "/verwerkingen/zoeken",
    response_model=list[VerwerkingOut],
    summary="Processing records of one person (BSN in the body, never in a URL)",
    responses={403: {}},
)
async def search_verwerkingen(
    body: VerwerkingenPerPersoon, request: Request, session: SessionDep, caller: Auditor
) -> list[VerwerkingOut]:
    key = request.app.state.settings.pseudonym_key.get_secret_value()
    return [VerwerkingOut.of(v) for v in await service.list_for_person(session, body.burgerservicenummer, key)]
