import datetime as dt
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from bbz_common.app import SessionDep
from bbz_common.auth import AUDITOR, Principal, require_roles
from bbz_common.nl import Burgerservicenummer
from registers_adapter.verwerkingen import service
from registers_adapter.verwerkingen.models import Verwerking

router = APIRouter(tags=["verwerkingen"])
Auditor = Annotated[Principal, Depends(require_roles(AUDITOR))]


class VerwerkingOut(BaseModel):
    """A processing record; the field names follow the Logboek Dataverwerkingen (in brackets)."""

    id: uuid.UUID
    traceId: str = Field(description="(trace_id) the request's correlation id, shared across the services")
    spanId: str = Field(description="(span_id) this action")
    parentSpanId: str | None = Field(description="(parent_span_id) the action this one is part of")
    naam: str = Field(description="(name) what was done")
    status: str = Field(description="(status) Ok, or Error when the register failed")
    startTijd: dt.datetime = Field(description="(start_time)")
    eindTijd: dt.datetime = Field(description="(end_time)")
    afnemer: str = Field(description="(dpl.core.foreign_operation.processor) the calling client")
    verwerkingsactiviteit: str = Field(description="(dpl.core.processing_activity_id) URI of the activity")
    doelbinding: str = Field(description="The purpose the caller gave")
    aanvraagId: uuid.UUID | None = Field(description="The application the read was for")
    betrokkeneType: str = Field(description="(dpl.core.data_subject_id_type) the subject is held as a pseudonym")
    bronregister: str = Field(description="BRP, KVK, Suwinet or gemeentelijke-registratie (as `bron` in the look-up)")
    velden: list[str] = Field(description="The fields that were asked")
    foutmelding: str | None = Field(description="(exception.message) why the read failed")

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
