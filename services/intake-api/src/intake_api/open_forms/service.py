"""Open Forms registrations: map the envelope with the form's mapping, validate as POST /aanvragen does,
submit through the application service, store the files as attachments. Open Forms resends a submission up
to 5 times in 48 hours without an idempotency header: `metadata.public_reference` makes a resend a no-op
that answers exactly as the first time."""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.auth import Principal
from bbz_common.db import new_id, utcnow
from bbz_common.problems import InvalidInput, InvalidParam, NotFound, ProblemError, invalid_params_from_errors
from intake_api.aanvragen import service as aanvragen_service
from intake_api.aanvragen.schemas import AanvraagIndienen
from intake_api.bijlagen import inhoud
from intake_api.bijlagen import service as bijlagen_service
from intake_api.bijlagen.schemas import BijlageKanaal, Mediatype
from intake_api.open_forms import mapping
from intake_api.open_forms.models import FormulierKoppeling, Registratie
from intake_api.open_forms.repository import OpenFormsRepository
from intake_api.open_forms.schemas import (
    KoppelingIn,
    KoppelingOut,
    OpenFormsRegistratie,
    RegistratieAntwoord,
    RegistratieBijlage,
    VeldKoppeling,
)

MAX_REFERENCE = 100


def _public_reference(metadata: dict[str, Any]) -> str:
    ref = metadata.get("public_reference")
    if not isinstance(ref, str) or not ref.strip() or len(ref) > MAX_REFERENCE:
        raise InvalidInput(
            "metadata.public_reference is required: without it a resend by Open Forms could not be recognised. "
            "Keep `public_reference` in the form's fixed metadata variables (the default).",
            invalid_params=[
                InvalidParam(name="metadata.public_reference", code="missing", reason="a non-empty reference")
            ],
        )
    return ref


def _koppeling_van(row: FormulierKoppeling) -> mapping.Koppeling:
    return mapping.Koppeling(
        naam=row.formulier,
        velden={k: VeldKoppeling.model_validate(v) for k, v in row.velden.items()},
        bijlagen=dict(row.bijlagen),
        vaste_waarden=dict(row.vaste_waarden),
    )


async def _koppeling_voor(repo: OpenFormsRepository, metadata: dict[str, Any]) -> mapping.Koppeling:
    """The form's mapping by `form_id`, else by `form_name`; the default mapping when none is configured."""
    for key in ("form_id", "form_name"):
        formulier = metadata.get(key)
        if isinstance(formulier, str) and formulier:
            row = await repo.koppeling(formulier)
            if row is not None:
                return _koppeling_van(row)
    return mapping.STANDAARD_KOPPELING


async def registreer(
    session: AsyncSession, envelope: OpenFormsRegistratie, caller: Principal, max_bytes: int
) -> tuple[int, dict[str, Any]]:
    ref = _public_reference(envelope.metadata)
    repo = OpenFormsRepository(session)
    earlier = await repo.registratie(caller.name, ref)
    if earlier is not None:
        earlier.aantal_ontvangen += 1
        return earlier.status_code, earlier.antwoord

    koppeling = await _koppeling_voor(repo, envelope.metadata)
    resultaat = mapping.toepassen(koppeling, envelope.values)
    fouten = list(resultaat.fouten)
    decoded: list[tuple[mapping.Bestand, bytes, Mediatype]] = []
    for bestand in resultaat.bestanden:
        try:
            content, mediatype = inhoud.decode(bestand.inhoud, max_bytes=max_bytes, veld=bestand.component)
        except ProblemError as exc:
            fouten.extend(exc.invalid_params or [])
            continue
        decoded.append((bestand, content, mediatype))
    payload: AanvraagIndienen | None = None
    try:
        payload = AanvraagIndienen.model_validate(resultaat.formulier)
    except ValidationError as exc:
        for p in invalid_params_from_errors(exc.errors()):
            fouten.append(InvalidParam(name=resultaat.component_voor(p.name), code=p.code, reason=p.reason))
    if fouten or payload is None:
        names = ", ".join(sorted({p.name for p in fouten}))
        raise InvalidInput(
            f"The submission does not map onto a valid application ({koppeling.naam} mapping): "
            f"{len(fouten)} invalid field(s): {names}",
            invalid_params=fouten,
        )

    stored = await aanvragen_service.submit(session, payload, caller, f"open-forms:{ref}")
    aanvraag_id = uuid.UUID(str(stored.document["id"]))
    bijlagen = []
    if not stored.replayed:
        for bestand, content, mediatype in decoded:
            bijlage = bijlagen_service.store(
                session,
                content=content,
                mediatype=mediatype,
                vraag_id=bestand.vraag_id,
                bestandsnaam=bestand.bestandsnaam,
                leverancier=caller.name,
                kanaal=BijlageKanaal.OPEN_FORMS,
                aanvraag_id=aanvraag_id,
            )
            bijlagen.append(
                RegistratieBijlage(
                    id=bijlage.id, vraagId=bijlage.vraag_id, bestandsnaam=bijlage.bestandsnaam, sha256=bijlage.sha256
                )
            )
    antwoord = RegistratieAntwoord(
        aanvraagId=aanvraag_id,
        status=stored.document["status"],
        ontvangenOp=stored.document["ontvangenOp"],
        publicReference=ref,
        koppeling=koppeling.naam,
        bijlagen=bijlagen,
        genegeerdeVelden=resultaat.genegeerd,
    ).model_dump(mode="json")
    repo.add(
        Registratie(
            id=new_id(),
            public_reference=ref,
            leverancier=caller.name,
            formulier=None if koppeling.standaard else koppeling.naam,
            aanvraag_id=aanvraag_id,
            status_code=201,
            antwoord=antwoord,
            ontvangen_op=utcnow(),
            aantal_ontvangen=1,
        )
    )
    await session.flush()
    return 201, antwoord


# ---- the mappings, managed by the beleidsbeheerder ------------------------------------------------------


def _out(row: FormulierKoppeling) -> KoppelingOut:
    return KoppelingOut(
        formulier=row.formulier,
        omschrijving=row.omschrijving,
        velden={k: VeldKoppeling.model_validate(v) for k, v in row.velden.items()},
        bijlagen=dict(row.bijlagen),
        vasteWaarden=dict(row.vaste_waarden),
        bijgewerktOp=row.bijgewerkt_op,
        bijgewerktDoor=row.bijgewerkt_door,
    )


def _check_paden(body: KoppelingIn) -> None:
    fouten = [
        InvalidParam(
            name=f"velden.{component}", code="unknown_path", reason=f"{doel.pad} is not a field of an application"
        )
        for component, doel in body.velden.items()
        if isinstance(doel, VeldKoppeling) and not mapping.bestaand_pad(AanvraagIndienen, doel.pad)
    ]
    fouten += [
        InvalidParam(name=f"velden.{component}", code="unknown_path", reason=f"{doel} is not a field of an application")
        for component, doel in body.velden.items()
        if isinstance(doel, str) and not mapping.bestaand_pad(AanvraagIndienen, doel)
    ]
    fouten += [
        InvalidParam(name=f"vasteWaarden.{pad}", code="unknown_path", reason=f"{pad} is not a field of an application")
        for pad in body.vasteWaarden
        if not mapping.bestaand_pad(AanvraagIndienen, pad)
    ]
    if fouten:
        raise InvalidInput("The mapping names fields an application does not have.", invalid_params=fouten)


async def zet_koppeling(session: AsyncSession, formulier: str, body: KoppelingIn, caller: Principal) -> KoppelingOut:
    _check_paden(body)
    repo = OpenFormsRepository(session)
    row = await repo.koppeling(formulier)
    velden = {
        k: (VeldKoppeling(pad=v) if isinstance(v, str) else v).model_dump(mode="json", exclude_none=True)
        for k, v in body.velden.items()
    }
    if row is None:
        row = FormulierKoppeling(id=new_id(), formulier=formulier)
        repo.add(row)
    row.omschrijving = body.omschrijving
    row.velden = velden
    row.bijlagen = dict(body.bijlagen)
    row.vaste_waarden = dict(body.vasteWaarden)
    row.bijgewerkt_op = utcnow()
    row.bijgewerkt_door = caller.name
    await session.flush()
    return _out(row)


async def koppeling(session: AsyncSession, formulier: str) -> KoppelingOut:
    row = await OpenFormsRepository(session).koppeling(formulier)
    if row is None:
        raise NotFound("No mapping for this form: its submissions use the default mapping.")
    return _out(row)


async def koppelingen(session: AsyncSession) -> list[KoppelingOut]:
    return [_out(row) for row in await OpenFormsRepository(session).koppelingen()]


async def verwijder_koppeling(session: AsyncSession, formulier: str) -> None:
    repo = OpenFormsRepository(session)
    row = await repo.koppeling(formulier)
    if row is None:
        raise NotFound("No mapping for this form.")
    await repo.delete(row)
