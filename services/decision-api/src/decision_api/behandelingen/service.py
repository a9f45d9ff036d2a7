"""Receiving routed applications and the work queue. The green route is automatic and only grants; orange and
red go to the work queue, where officers are assigned, keep notes, ask for more information and propose
decisions (four-eyes, see besluiten)."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.app import PREFERENCE_APPLIED_MINIMAL
from bbz_common.auth import APPROVER, OFFICER, Principal
from bbz_common.db import new_id
from bbz_common.idempotency import StoredResponse, run_idempotent
from bbz_common.problems import InvalidInput, InvalidParam, NotFound, UnprocessableState
from decision_api.behandelingen import repository
from decision_api.behandelingen.models import Behandeling, Notitie
from decision_api.behandelingen.schemas import (
    Afsluiten,
    Afsluitreden,
    BehandelingAanbieden,
    BehandelingOut,
    BehandelingStatus,
    BesluitSamenvatting,
    Deelroute,
    NotitieToevoegen,
    RegelUitkomst,
    Route,
    Toewijzing,
    WerkvoorraadItem,
)
from decision_api.behandelingen.schemas import Notitie as NotitieOut
from decision_api.besluiten import repository as besluiten_repo
from decision_api.besluiten import service as besluiten
from decision_api.besluiten.models import Besluit, Besluitvoorstel
from decision_api.besluiten.schemas import VoorstelStatus
from decision_api.clock import Clock
from decision_api.config import Settings
from decision_api.db import nieuwe_rijen_met_core
from decision_api.models import IdempotencyRecord
from decision_api.termijnen import service as termijnen


async def aanbieden(
    session: AsyncSession,
    body: BehandelingAanbieden,
    caller: Principal,
    key: str | None,
    clock: Clock,
    settings: Settings,
    *,
    minimal: bool = False,
) -> StoredResponse:
    """``minimal``: the caller asked for no body (``Prefer: return=minimal``): a new handling is answered with its
    ``Location`` only. A handling offered before is answered in full all the same (a preference, not a demand),
    so a caller reads the id from either."""
    # Dumped once: the Idempotency-Key's fingerprint, and the route and household as stored.
    offered = body.model_dump(mode="json")

    async def action() -> StoredResponse:
        nieuwe_rijen_met_core(session)  # the hand-over only inserts: its rows go as Core INSERTs
        statuses: tuple[str, ...] = ()
        if body.aanvragerSleutel is not None and settings.dubbelcontrole != "uit":
            statuses = (BehandelingStatus.IN_WERKVOORRAAD.value,)
            if settings.dubbelcontrole == "open-en-besloten":
                statuses += (BehandelingStatus.BESLOTEN.value,)
        existing, earlier = await repository.eerder_aangeboden(
            session, body.aanvraagId, body.aanvragerSleutel, body.ingangsdatum, body.einddatum, statuses
        )
        if existing is not None:
            # The same application offered again (a redelivery): nothing new is created.
            return StoredResponse(200, (await get(session, existing)).model_dump(mode="json"))
        behandeling = Behandeling(
            id=new_id(),
            aanvraag_id=body.aanvraagId,
            gemeentecode=body.gemeentecode,
            ontvangstdatum=body.ontvangstdatum,
            doelgroep=body.doelgroep,
            type_aanvraag=body.typeAanvraag,
            ingangsdatum=body.ingangsdatum,
            einddatum=body.einddatum,
            prioriteit=body.prioriteit,
            iban=body.iban,
            route=body.routering.route.value,
            routering=offered["routering"],
            status=BehandelingStatus.IN_WERKVOORRAAD.value,
            aanvrager=body.aanvrager.model_dump(mode="json", exclude_none=True) if body.aanvrager else None,
            leverancier=body.leverancier,
            huishouden=offered["huishouden"],
            aanvrager_sleutel=body.aanvragerSleutel,
            inkomen_per_maand=body.inkomenPerMaand,
            aangemaakt_op=clock.now(),
            mogelijk_dubbel_van=earlier,
        )
        await termijnen.eerste_termijn(session, behandeling)
        session.add(behandeling)
        besluit = None
        if behandeling.mogelijk_dubbel_van is None:
            # A possible duplicate is never granted automatically: an officer closes it or handles it.
            besluit = await besluiten.grant_automatically(session, behandeling, clock, settings)
        # Everything is written in one flush at the end (no read in between needs it): the handling is inserted
        # with its deadline and final status, the decision with its whole report.
        location = {"Location": f"/v1/behandelingen/{behandeling.id}"}
        if minimal:
            # Nor is the answer built: intake-api needs only the id, and the route explanation it sent (most of
            # the ~3 KB answer) would be serialised, stored with the key and parsed again for nothing.
            return StoredResponse(201, None, {**location, **PREFERENCE_APPLIED_MINIMAL})
        out = await to_out(session, behandeling, [besluit] if besluit else [])
        return StoredResponse(201, out.model_dump(mode="json"), location)

    return await run_idempotent(
        session,
        IdempotencyRecord,
        scope=f"behandelingen:{caller.name}",
        key=key,
        payload=offered,
        action=action,
    )


async def to_out(session: AsyncSession, b: Behandeling, decided: list[Besluit] | None = None) -> BehandelingOut:
    """``decided``: the handling's decisions when the caller knows them (a handling just offered)."""
    rows = await besluiten_repo.of_behandeling(session, b.id) if decided is None else decided
    deelroutes = b.routering.get("deelroutes")
    return BehandelingOut(
        id=b.id,
        aanvraagId=b.aanvraag_id,
        gemeentecode=b.gemeentecode,
        route=Route(b.route),
        status=BehandelingStatus(b.status),
        prioriteit=b.prioriteit,
        ontvangstdatum=b.ontvangstdatum,
        uitersteBeslisdatum=b.uiterste_beslisdatum,
        behandelaar=b.behandelaar,
        redenen=list(b.routering.get("redenen", [])),
        regels=[RegelUitkomst.model_validate(r) for r in b.routering.get("regels", [])],
        deelroutes=[Deelroute.model_validate(d) for d in deelroutes] if deelroutes else None,
        openDelen=[p.value for p in besluiten.open_delen(b, rows)] if b.status != BehandelingStatus.GESLOTEN else [],
        afsluitreden=Afsluitreden(b.afsluitreden) if b.afsluitreden else None,
        dubbelVan=b.dubbel_van,
        mogelijkDubbelVan=b.mogelijk_dubbel_van,
        besluiten=[
            BesluitSamenvatting(id=r.id, besluittype=r.besluittype, product=r.product, datum=r.datum) for r in rows
        ],
    )


async def load(session: AsyncSession, behandeling_id: uuid.UUID) -> Behandeling:
    b = await session.get(Behandeling, behandeling_id)
    if b is None:
        raise NotFound("No handling with this id.")
    return b


async def get(session: AsyncSession, behandeling_id: uuid.UUID) -> BehandelingOut:
    return await to_out(session, await load(session, behandeling_id))


async def werkvoorraad(
    session: AsyncSession, limit: int, offset: int, behandelaar: str | None = None, route: Route | None = None
) -> list[WerkvoorraadItem]:
    """A page of the work queue. A fixed number of queries per page: the page, then the decisions and the
    proposals of all its handlings at once."""
    rows = await repository.open_work(
        session, BehandelingStatus.IN_WERKVOORRAAD.value, behandelaar, route.value if route else None, limit, offset
    )
    if not rows:
        return []
    ids = [b.id for b, _ in rows]
    decided = await besluiten_repo.of_behandelingen(session, ids)
    proposals = await besluiten_repo.voorstellen_of_behandelingen(session, ids)
    return [_werkvoorraad_item(b, redenen, decided.get(b.id, []), proposals.get(b.id, [])) for b, redenen in rows]


def _werkvoorraad_item(
    b: Behandeling, redenen: list[str], decided: list[Besluit], proposals: list[Besluitvoorstel]
) -> WerkvoorraadItem:
    return WerkvoorraadItem(
        behandelingId=b.id,
        aanvraagId=b.aanvraag_id,
        route=Route(b.route),
        prioriteit=b.prioriteit,
        ontvangstdatum=b.ontvangstdatum,
        uitersteBeslisdatum=b.uiterste_beslisdatum,
        behandelaar=b.behandelaar,
        openDelen=[p.value for p in besluiten.open_delen(b, decided)],
        voorstelInAfwachting=any(v.status == VoorstelStatus.VOORGESTELD.value for v in proposals),
        mogelijkDubbelVan=b.mogelijk_dubbel_van,
        redenen=redenen,
    )


async def toewijzen(
    session: AsyncSession, behandeling_id: uuid.UUID, body: Toewijzing, settings: Settings
) -> BehandelingOut:
    b = await load(session, behandeling_id)
    if b.status != BehandelingStatus.IN_WERKVOORRAAD.value:
        raise UnprocessableState(f"The handling is {b.status}: there is no work to assign.")
    officers = {c.name for c in settings.clients if {OFFICER, APPROVER} & set(c.roles)}
    if body.behandelaar not in officers:
        raise InvalidInput(
            "Work can be assigned to an officer only.",
            invalid_params=[InvalidParam(name="behandelaar", code="unknown_officer", reason="not an officer")],
        )
    b.behandelaar = body.behandelaar
    return await to_out(session, b)


def _notitie_out(n: Notitie) -> NotitieOut:
    return NotitieOut(id=n.id, auteur=n.auteur, tekst=n.tekst, aangemaaktOp=n.aangemaakt_op)


async def notitie_toevoegen(
    session: AsyncSession, behandeling_id: uuid.UUID, body: NotitieToevoegen, caller: Principal, clock: Clock
) -> NotitieOut:
    b = await load(session, behandeling_id)
    n = Notitie(id=new_id(), behandeling_id=b.id, auteur=caller.name, tekst=body.tekst, aangemaakt_op=clock.now())
    session.add(n)
    await session.flush()
    return _notitie_out(n)


async def notities(session: AsyncSession, behandeling_id: uuid.UUID) -> list[NotitieOut]:
    b = await load(session, behandeling_id)
    return [_notitie_out(n) for n in await repository.notities(session, b.id)]


async def afsluiten(
    session: AsyncSession, behandeling_id: uuid.UUID, body: Afsluiten, caller: Principal, clock: Clock
) -> BehandelingOut:
    """A duplicate application is closed as a duplicate: no decision, no beschikking (digest-004 §1.8)."""
    b = await load(session, behandeling_id)
    if b.status != BehandelingStatus.IN_WERKVOORRAAD.value:
        raise UnprocessableState(f"The handling is {b.status}: it cannot be closed as a duplicate.")
    if await besluiten_repo.of_behandeling(session, b.id):
        raise UnprocessableState("A part of this application was decided already: it is not a mere duplicate.")
    if body.dubbelVan == b.id:
        raise InvalidInput(
            "An application cannot duplicate itself.",
            invalid_params=[InvalidParam(name="dubbelVan", code="self", reason="the same handling")],
        )
    original = await session.get(Behandeling, body.dubbelVan)
    if original is None:
        raise InvalidInput(
            "The original handling does not exist.",
            invalid_params=[InvalidParam(name="dubbelVan", code="not_found", reason="no such handling")],
        )
    b.status = BehandelingStatus.GESLOTEN.value
    b.afsluitreden = body.reden.value
    b.dubbel_van = original.id
    b.afgesloten_op = clock.now()
    session.add(
        Notitie(
            id=new_id(),
            behandeling_id=b.id,
            auteur=caller.name,
            tekst=f"Gesloten als dubbele aanvraag van behandeling {original.id}: {body.toelichting}",
            aangemaakt_op=clock.now(),
        )
    )
    # The applicant's status page shows the closure (intake-api owns the application's status).
    termijnen.status_melden(session, b, "gesloten", "Gesloten als dubbele aanvraag; er volgt geen besluit", None)
    return await to_out(session, b)
