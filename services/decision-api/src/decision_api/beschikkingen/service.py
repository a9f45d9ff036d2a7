"""The beschikking of a decision: generated from the template of its type, stored with checksums, retrievable
by the backoffice and by the vendor that submitted the application (for the applicant's inbox)."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from bbz_common.auth import VENDOR, Principal
from bbz_common.db import new_id
from bbz_common.problems import NotFound, UnprocessableState
from decision_api.behandelingen.models import Behandeling
from decision_api.beschikkingen import render, repository
from decision_api.beschikkingen.models import Beschikking
from decision_api.beschikkingen.schemas import BeschikkingOut
from decision_api.besluiten.models import Besluit
from decision_api.clock import Clock

VOORWAARDE_LABELS = {
    "nationaliteit-verblijf": "Nationaliteit en rechtmatig verblijf",
    "leeftijd": "Leeftijd",
    "urencriterium": "Urencriterium",
    "kvk-inschrijving": "Inschrijving Kamer van Koophandel",
    "inkomen": "Inkomen",
    "voorliggende-voorzieningen": "Voorliggende voorzieningen",
    "uitsluitingsgronden": "Uitsluitingsgronden",
    "identiteitsdocument": "Geldig identiteitsbewijs",
}
PRODUCT_OMSCHRIJVING = {
    "inkomensaanvullende-uitkering": "een uitkering voor levensonderhoud (inkomensaanvullende uitkering)",
    "bedrijfskapitaal": "bijstand voor bedrijfskapitaal",
}
TITELS = {
    "toekenning": "Beschikking: toekenning",
    "afwijzing": "Beschikking: afwijzing",
    "buiten-behandeling": "Beschikking: buiten behandeling stellen van uw aanvraag",
    "intrekking": "Beschikking: intrekking",
    "definitieve-vaststelling": "Beschikking: definitieve vaststelling",
}


class Bevindingregel(Protocol):
    """What a letter shows of a finding: a stored one (``Bevinding``) or one of a grant being recorded."""

    @property
    def voorwaarde(self) -> str: ...

    @property
    def uitkomst(self) -> str: ...

    @property
    def grondslag(self) -> str: ...


def context(
    behandeling: Behandeling,
    besluit: Besluit,
    bevindingen: Sequence[Bevindingregel],
    bezwaartermijn_weken: int,
    extra: dict[str, Any],
) -> dict[str, Any]:
    aanvrager = behandeling.aanvrager or {}
    naam = str(aanvrager.get("naam") or "De aanvrager")
    adres = aanvrager.get("adres") or {}
    regels = []
    if adres:
        straat = " ".join(str(adres[k]) for k in ("straat", "huisnummer", "huisnummertoevoeging") if adres.get(k))
        plaats = " ".join(str(adres[k]) for k in ("postcode", "woonplaats") if adres.get(k))
        regels = [r for r in (straat, plaats) if r]
    bestuursorgaan = besluit.bestuursorgaan or "het college van burgemeester en wethouders"
    ctx: dict[str, Any] = {
        "titel": TITELS[besluit.besluittype],
        "onderwerp": f"Uw aanvraag Bbz 2004 ({besluit.product})",
        "aanvrager_naam": naam,
        "adresregels": regels,
        "aanhef": aanvrager.get("aanhef") or "heer/mevrouw",
        "kenmerk": besluit.identificatie or str(besluit.id),
        "datum": render.datum_nl(besluit.datum),
        "ontvangstdatum": render.datum_nl(behandeling.ontvangstdatum),
        "product_omschrijving": PRODUCT_OMSCHRIJVING.get(besluit.product, besluit.product),
        "ingangsdatum": render.datum_nl(besluit.ingangsdatum),
        "vervaldatum": render.datum_nl(besluit.vervaldatum) if besluit.vervaldatum else None,
        "bedrag_per_maand": render.bedrag_nl(besluit.bedrag_per_maand) if besluit.bedrag_per_maand else None,
        "bedrag": render.bedrag_nl(besluit.bedrag) if besluit.bedrag else None,
        "voorschot": besluit.besluittype == "toekenning" and besluit.product == "inkomensaanvullende-uitkering",
        "toelichting": besluit.toelichting,
        "grondslagen": list(besluit.grondslagen or []),
        "bevindingen": [
            {
                "label": VOORWAARDE_LABELS.get(b.voorwaarde, b.voorwaarde),
                "uitkomst": "voldaan" if b.uitkomst == "voldaan" else "niet voldaan",
                "grondslag": b.grondslag,
            }
            for b in bevindingen
        ],
        "bezwaartermijn_weken": bezwaartermijn_weken,
        "uiterlijke_reactiedatum": render.datum_nl(besluit.uiterlijke_reactiedatum or besluit.datum),
        "bestuursorgaan": bestuursorgaan,
        "bestuursorgaan_hoofdletter": bestuursorgaan[:1].upper() + bestuursorgaan[1:],
        "ingetrokken_besluit": None,
        "herstelverzoek_verzenddatum": None,
        "herstelverzoek_einddatum": None,
    }
    ctx.update(extra)
    return ctx


# Set on a session that stored a beschikking to render: the renderer is woken once it commits.
TE_RENDEREN = "beschikking_te_renderen"


def vastleggen(
    session: AsyncSession,
    behandeling: Behandeling,
    besluit: Besluit,
    bevindingen: Sequence[Bevindingregel],
    bezwaartermijn_weken: int,
    clock: Clock,
    extra: dict[str, Any] | None = None,
) -> Beschikking:
    """Fix the beschikking's content with the decision, in the decision's transaction. Rendering it (HTML and
    PDF, the costly part) is left to the renderer, so that deciding and reporting the decision never wait for
    it; a crash in between loses nothing, since the content is stored and the renderer looks for unrendered
    rows. Every printed value is in the content already formatted, so a rendering at any later moment gives
    the same bytes."""
    row = Beschikking(
        id=new_id(),
        besluit_id=besluit.id,
        sjabloon=render.sjabloonversie(besluit.besluittype),
        inhoud=context(behandeling, besluit, bevindingen, bezwaartermijn_weken, extra or {}),
        aangemaakt_op=clock.now(),
    )
    session.add(row)
    session.info[TE_RENDEREN] = True
    return row


def renderen(inhoud: dict[str, Any], besluittype: str, datum: dt.date, sjabloon: str) -> render.Document:
    return render.vastgelegd(inhoud, besluittype, datum, sjabloon)


async def zorg_voor_rendering(session: AsyncSession, row: Beschikking, besluit: Besluit, clock: Clock) -> None:
    """A beschikking read before the renderer reached it is rendered now and stored: the reader always gets
    the document, and it is the very document the renderer would have made."""
    if row.pdf_sha256 is not None:
        return
    if row.inhoud is None:  # pragma: no cover - rows without content were rendered when they were made
        raise UnprocessableState("This beschikking has neither a rendering nor its content.")
    # fpdf is pure Python: in a worker thread the event loop keeps serving other requests meanwhile.
    document = await asyncio.to_thread(renderen, row.inhoud, besluit.besluittype, besluit.datum, row.sjabloon)
    gerenderd_op = clock.now()
    await repository.rendering_opslaan(session, row.id, document, gerenderd_op)
    # Stored by the UPDATE above: the loaded row learns the values without being flushed a second time.
    for name, value in (
        ("html", document.html),
        ("html_sha256", document.html_sha256),
        ("pdf", document.pdf),
        ("pdf_sha256", document.pdf_sha256),
        ("gerenderd_op", gerenderd_op),
    ):
        set_committed_value(row, name, value)


def rendering(row: Beschikking) -> render.Document:
    """The renderings of a beschikking read through ``ophalen`` (which renders it if need be)."""
    if row.html is None or row.html_sha256 is None or row.pdf is None or row.pdf_sha256 is None:
        raise RuntimeError(f"beschikking {row.id} was read without its rendering")
    return render.Document(row.sjabloon, row.html, row.html_sha256, row.pdf, row.pdf_sha256)


def to_out(row: Beschikking) -> BeschikkingOut:
    base = f"/v1/besluiten/{row.besluit_id}/beschikking"
    document = rendering(row)
    return BeschikkingOut(
        id=row.id,
        besluitId=row.besluit_id,
        sjabloon=row.sjabloon,
        htmlSha256=document.html_sha256,
        pdfSha256=document.pdf_sha256,
        html=f"{base}/html",
        pdf=f"{base}/pdf",
        aangemaaktOp=row.aangemaakt_op,
    )


async def ophalen(session: AsyncSession, besluit_id: uuid.UUID, caller: Principal, clock: Clock) -> Beschikking:
    """The rendered beschikking; a vendor sees only those of applications it submitted (404 otherwise, as for
    none)."""
    besluit = await session.get(Besluit, besluit_id)
    row = await repository.of_besluit(session, besluit_id) if besluit is not None else None
    if besluit is None or row is None:
        raise NotFound("No beschikking for this decision.")
    if caller.roles == frozenset({VENDOR}):
        behandeling = await session.get(Behandeling, besluit.behandeling_id)
        if behandeling is None or behandeling.leverancier != caller.name:
            raise NotFound("No beschikking for this decision.")
    await zorg_voor_rendering(session, row, besluit, clock)
    return row
