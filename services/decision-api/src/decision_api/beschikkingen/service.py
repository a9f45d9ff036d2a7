"""The beschikking of a decision: generated from the template of its type, stored with checksums, retrievable
by the backoffice and by the vendor that submitted the application (for the applicant's inbox)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.auth import VENDOR, Principal
from bbz_common.db import new_id
from bbz_common.problems import NotFound
from decision_api.behandelingen.models import Behandeling
from decision_api.beschikkingen import render, repository
from decision_api.beschikkingen.models import Beschikking
from decision_api.beschikkingen.schemas import BeschikkingOut
from decision_api.besluiten.models import Besluit
from decision_api.bevindingen.models import Bevinding
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


def context(
    behandeling: Behandeling,
    besluit: Besluit,
    bevindingen: list[Bevinding],
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


async def genereren(
    session: AsyncSession,
    behandeling: Behandeling,
    besluit: Besluit,
    bevindingen: list[Bevinding],
    bezwaartermijn_weken: int,
    clock: Clock,
    extra: dict[str, Any] | None = None,
) -> Beschikking:
    ctx = context(behandeling, besluit, bevindingen, bezwaartermijn_weken, extra or {})
    document = render.render(besluit.besluittype, ctx, besluit.datum)
    row = Beschikking(
        id=new_id(),
        besluit_id=besluit.id,
        sjabloon=document.sjabloon,
        html=document.html,
        html_sha256=document.html_sha256,
        pdf=document.pdf,
        pdf_sha256=document.pdf_sha256,
        aangemaakt_op=clock.now(),
    )
    session.add(row)
    return row


def to_out(row: Beschikking) -> BeschikkingOut:
    base = f"/v1/besluiten/{row.besluit_id}/beschikking"
    return BeschikkingOut(
        id=row.id,
        besluitId=row.besluit_id,
        sjabloon=row.sjabloon,
        htmlSha256=row.html_sha256,
        pdfSha256=row.pdf_sha256,
        html=f"{base}/html",
        pdf=f"{base}/pdf",
        aangemaaktOp=row.aangemaakt_op,
    )


async def ophalen(session: AsyncSession, besluit_id: uuid.UUID, caller: Principal) -> Beschikking:
    """The beschikking; a vendor sees only those of applications it submitted (404 otherwise, as for none)."""
    besluit = await session.get(Besluit, besluit_id)
    row = await repository.of_besluit(session, besluit_id) if besluit is not None else None
    if besluit is None or row is None:
        raise NotFound("No beschikking for this decision.")
    if caller.roles == frozenset({VENDOR}):
        behandeling = await session.get(Behandeling, besluit.behandeling_id)
        if behandeling is None or behandeling.leverancier != caller.name:
            raise NotFound("No beschikking for this decision.")
    return row
