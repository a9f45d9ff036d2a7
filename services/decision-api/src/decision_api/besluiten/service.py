"""Decisions. The green route grants automatically (never rejects); every other decision is proposed by one
officer and approved by another (four-eyes). A decision is recorded with its beschikking and reported to
intake-api through the outbox (intake-api owns the application's status)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.auth import Principal
from bbz_common.db import new_id
from bbz_common.outbox import enqueue
from bbz_common.problems import InvalidInput, InvalidParam, NotFound, UnprocessableState
from decision_api.behandelingen.models import Behandeling
from decision_api.behandelingen.schemas import BehandelingStatus, Route
from decision_api.beschikkingen import repository as beschikkingen_repo
from decision_api.beschikkingen import service as beschikkingen
from decision_api.beschikkingen.render import bedrag_nl, datum_nl
from decision_api.beschikkingen.service import Bevindingregel
from decision_api.besluiten import repository
from decision_api.besluiten.models import Besluit, Besluitvoorstel
from decision_api.besluiten.rapport import GroeneBevinding, groene_bevindingen
from decision_api.besluiten.schemas import (
    BesluitOut,
    Besluittype,
    BesluitVoorstellen,
    BesluitvoorstelOut,
    Fiattering,
    Product,
    Vervalreden,
    VoorstelStatus,
)
from decision_api.betalingen import service as betalingen
from decision_api.bevindingen import repository as bevindingen_repo
from decision_api.bevindingen import service as bevindingen
from decision_api.bevindingen.models import Bevinding
from decision_api.clock import Clock
from decision_api.config import Settings
from decision_api.db import nieuwe_rijen
from decision_api.leningen import service as leningen
from decision_api.models import OutboxMessage
from decision_api.normen import service as normen
from decision_api.normen.schemas import HuishoudenGegevens
from decision_api.parameters import service as parameters
from decision_api.parameters.schemas import ParameterNaam
from decision_api.steekproef import service as steekproef
from decision_api.termijnen import service as termijnen
from decision_api.termijnen.models import Herstelverzoek
from decision_api.vaststelling import regels as vaststellingsregels
from decision_api.vaststelling import service as vaststelling
from decision_api.vaststelling.schemas import VaststellingGegevens

TOPIC_BESLUIT_MELDEN = "besluit.melden"
TOEKENNING = Besluittype.TOEKENNING.value
PRODUCT_LEVENSONDERHOUD = Product.INKOMENSAANVULLENDE_UITKERING.value
AUTOMATISCH = "automatisch"
# A decision of one of these types settles its part of the application (a withdrawn grant does not reopen it).
_AFSLUITEND = {Besluittype.TOEKENNING.value, Besluittype.AFWIJZING.value, Besluittype.BUITEN_BEHANDELING.value}


# --- parts of a (split) request ------------------------------------------------------------------------------


def delen(b: Behandeling) -> list[Product]:
    if b.type_aanvraag == "beide":
        return [Product.INKOMENSAANVULLENDE_UITKERING, Product.BEDRIJFSKAPITAAL]
    return [Product(b.type_aanvraag)]


def deelroute(b: Behandeling, product: Product) -> Route:
    for deel in b.routering.get("deelroutes") or []:
        if deel.get("product") == product.value:
            return Route(deel["route"])
    return Route(b.route)


def sluit_deel_af(besluit: Besluit) -> bool:
    return besluit.besluittype in _AFSLUITEND or (
        besluit.besluittype == Besluittype.INTREKKING.value and besluit.ingetrokken_besluit_id is None
    )


def open_delen(b: Behandeling, besluiten: list[Besluit]) -> list[Product]:
    closed = {x.product for x in besluiten if sluit_deel_af(x)}
    return [p for p in delen(b) if p.value not in closed]


# --- recording a decision -------------------------------------------------------------------------------------


@dataclasses.dataclass
class Inhoud:
    besluittype: Besluittype
    product: Product
    ingangsdatum: dt.date
    vervaldatum: dt.date | None
    toelichting: str
    grondslagen: list[str]
    bedrag_per_maand: int | None = None
    bedrag: int | None = None
    looptijd_maanden: int | None = None
    ingetrokken: Besluit | None = None
    vervalreden: str | None = None
    herstelverzoek: Herstelverzoek | None = None
    vaststelling: tuple[vaststellingsregels.Uitkomst, dict[str, Any]] | None = None


def bestuursorgaan(settings: Settings, gemeentecode: str) -> str:
    naam = settings.gemeenten.get(gemeentecode, f"de gemeente met CBS-code {gemeentecode}")
    return f"het college van burgemeester en wethouders van {naam}"


def kenmerk(besluit_id: uuid.UUID, jaar: int) -> str:
    """The decision's reference on its letter and payments: 12 hex digits of the id's random part (ids are
    time-ordered, so their start is shared by every decision of the same moment)."""
    return f"BBZ-{jaar}-{besluit_id.hex[-12:].upper()}"


async def _vastleggen(
    session: AsyncSession,
    b: Behandeling,
    inhoud: Inhoud,
    *,
    automatisch: bool,
    rapport: dict[str, Any],
    clock: Clock,
    settings: Settings,
    voorstel: Besluitvoorstel | None = None,
    gefiatteerd_door: str | None = None,
    bevindingen_bekend: list[Bevindingregel] | None = None,
    eerdere_besluiten: list[Besluit] | None = None,
) -> Besluit:
    """Record a decision with its payments, beschikking and report to intake-api. A caller that knows the
    handling's findings and earlier decisions (the automatic grant of a handling just offered) passes them:
    they need not be read back."""
    today = clock.today()
    bezwaar = await parameters.waarde(session, ParameterNaam.BEZWAARTERMIJN, today, b.gemeentecode)
    besluit_id = new_id()
    besluit = Besluit(
        id=besluit_id,
        identificatie=kenmerk(besluit_id, today.year),
        behandeling_id=b.id,
        besluittype=inhoud.besluittype.value,
        product=inhoud.product.value,
        datum=today,
        ingangsdatum=inhoud.ingangsdatum,
        vervaldatum=inhoud.vervaldatum,
        toelichting=inhoud.toelichting,
        grondslagen=list(inhoud.grondslagen),
        bedrag_per_maand=inhoud.bedrag_per_maand,
        bedrag=inhoud.bedrag,
        automatisch=automatisch,
        rapport={
            **rapport,
            "parameters": [bezwaar.bronvermelding()],
            **({"definitieveVaststelling": inhoud.vaststelling[1]} if inhoud.vaststelling else {}),
        },
        bestuursorgaan=bestuursorgaan(settings, b.gemeentecode),
        verzenddatum=today,
        uiterlijke_reactiedatum=today + bezwaar.as_days(),
        vervalreden=None,
        voorstel_id=voorstel.id if voorstel else None,
        ingetrokken_besluit_id=inhoud.ingetrokken.id if inhoud.ingetrokken else None,
        voorgesteld_door=voorstel.voorgesteld_door if voorstel else None,
        gefiatteerd_door=gefiatteerd_door,
        aangemaakt_op=clock.now(),
    )
    session.add(besluit)
    extra: dict[str, Any] = {}
    if inhoud.ingetrokken is not None:
        inhoud.ingetrokken.vervaldatum = inhoud.ingangsdatum
        inhoud.ingetrokken.vervalreden = inhoud.vervalreden or Vervalreden.INGETROKKEN_OVERHEID.value
        await betalingen.annuleren(
            session, inhoud.ingetrokken.id, inhoud.ingangsdatum, f"Ingetrokken bij besluit {besluit.identificatie}"
        )
    if inhoud.vaststelling is not None:
        await vaststelling.afwikkelen(session, b, besluit, inhoud.vaststelling[0], clock)
        uitkomst = inhoud.vaststelling[0]
        extra.update(
            boekjaar=inhoud.vaststelling[1]["boekjaar"],
            betaald=bedrag_nl(uitkomst.betaald),
            recht=bedrag_nl(uitkomst.recht),
            verschil=bedrag_nl(abs(uitkomst.verschil)),
            terugvordering=uitkomst.terugvordering,
            nabetaling=uitkomst.verschil < 0,
        )
    if inhoud.besluittype is Besluittype.TOEKENNING:
        betalingen.klaarzetten(session, b, besluit, clock)
        if inhoud.product is Product.BEDRIJFSKAPITAAL:
            await leningen.aanmaken(session, b, besluit, inhoud.looptijd_maanden, clock)
    if inhoud.ingetrokken is not None:
        extra["ingetrokken_besluit"] = {
            "datum": datum_nl(inhoud.ingetrokken.datum),
            "kenmerk": inhoud.ingetrokken.identificatie or str(inhoud.ingetrokken.id),
        }
    if inhoud.herstelverzoek is not None:
        extra["herstelverzoek_verzenddatum"] = datum_nl(inhoud.herstelverzoek.verzenddatum)
        extra["herstelverzoek_einddatum"] = datum_nl(inhoud.herstelverzoek.einddatum_hersteltermijn)
    found = (
        await bevindingen_repo.of_behandeling(session, b.id)
        if bevindingen_bekend is None
        else sorted(bevindingen_bekend, key=lambda f: f.voorwaarde)  # the repository's order
    )
    beschikkingen.vastleggen(session, b, besluit, found, bezwaar.waarde, clock, extra)
    besluiten = (
        await repository.of_behandeling(session, b.id) if eerdere_besluiten is None else [*eerdere_besluiten, besluit]
    )
    afgerond = not open_delen(b, besluiten)
    announce(session, b, besluit, afgerond=afgerond)
    if afgerond and b.status == BehandelingStatus.IN_WERKVOORRAAD.value:
        b.status = BehandelingStatus.BESLOTEN.value
        b.besloten_op = today
    return besluit


async def grant_automatically(
    session: AsyncSession, b: Behandeling, clock: Clock, settings: Settings
) -> Besluit | None:
    """The green route, for a handling just offered (it has no findings or decisions yet): a grant of income
    support as an advance, with a report of the rules that held, the findings per legal condition and their
    basis, the beschikking, and the draw for the random sample. Only the income part is ever granted here;
    nothing is rejected automatically."""
    product = Product.INKOMENSAANVULLENDE_UITKERING
    if product not in delen(b) or deelroute(b, product) is not Route.GROEN:
        return None
    regels = list(b.routering.get("regels", []))
    held = [r for r in regels if r["uitkomst"] == "voldaan" and r["regel"].startswith("G")]
    findings = groene_bevindingen(regels)
    bevindingen_rows = [
        {
            "id": new_id(),
            "behandeling_id": b.id,
            "voorwaarde": f["voorwaarde"],
            "uitkomst": f["uitkomst"],
            "grondslag": f["grondslag"],
            "toelichting": None,
            "documentsoort": None,
            "document_geldig_tot": None,
            "vastgesteld_door": AUTOMATISCH,
            "vastgesteld_op": clock.now(),
        }
        for f in findings
    ]
    berekening = None
    berekening_niet_mogelijk = None
    if b.huishouden is not None and b.inkomen_per_maand is not None:
        try:
            # The norm table is not written here: no need to flush the new handling before reading it (it is
            # written once, complete, at the end).
            with session.no_autoflush:
                berekening = await normen.bereken(
                    session, HuishoudenGegevens.model_validate(b.huishouden), b.inkomen_per_maand, b.ingangsdatum
                )
        except UnprocessableState as exc:
            # A gap in the norm table never blocks a grant: the amount then follows from an officer.
            berekening_niet_mogelijk = exc.detail
    # Plain rows where the session writes with Core (the hand-over), else ORM objects.
    nieuwe_rijen(session, Bevinding, bevindingen_rows)
    rapport = {
        "route": Route.GROEN.value,
        "beleidsversie": b.routering["beleidsversie"],
        "routeringId": b.routering["routeringId"],
        "voldaneVoorwaarden": [{"regel": r["regel"], "toelichting": r["toelichting"]} for r in held],
        "bevindingen": findings,
        "berekening": berekening.model_dump(mode="json") if berekening else None,
        "berekeningNietMogelijk": berekening_niet_mogelijk,
    }
    besluit = await _vastleggen(
        session,
        b,
        Inhoud(
            besluittype=Besluittype.TOEKENNING,
            product=product,
            ingangsdatum=b.ingangsdatum,
            vervaldatum=b.einddatum,
            toelichting=(
                "Toegekend via de snelle route (groen): aan alle voorwaarden is voldaan. De uitkering is een "
                "voorschot; na afloop van het boekjaar volgt de definitieve vaststelling."
            ),
            grondslagen=["artikel 78f Participatiewet", "Besluit bijstandverlening zelfstandigen 2004"],
            bedrag_per_maand=berekening.bedragPerMaand if berekening else None,
        ),
        automatisch=True,
        rapport=rapport,
        clock=clock,
        settings=settings,
        bevindingen_bekend=[GroeneBevinding(f["voorwaarde"], f["uitkomst"], f["grondslag"]) for f in findings],
        eerdere_besluiten=[],
    )
    await steekproef.trekken(session, b, besluit, settings.steekproef_seed, clock)
    return besluit


def announce(session: AsyncSession, behandeling: Behandeling, besluit: Besluit, *, afgerond: bool) -> None:
    """Report a decision to intake-api; `afgerond` tells whether every part of the application is now settled
    (a split request is decided only when both parts are)."""
    enqueue(
        session,
        OutboxMessage,
        TOPIC_BESLUIT_MELDEN,
        {
            "aanvraagId": str(behandeling.aanvraag_id),
            "melding": {
                "besluitId": str(besluit.id),
                "behandelingId": str(behandeling.id),
                "besluittype": besluit.besluittype,
                "product": besluit.product,
                "datum": besluit.datum.isoformat(),
                "toelichting": besluit.toelichting[:2000],
                "url": f"/v1/besluiten/{besluit.id}",
                "behandelingAfgerond": afgerond,
            },
        },
    )


# --- four-eyes: propose, approve --------------------------------------------------------------------------------


async def _behandeling(session: AsyncSession, behandeling_id: uuid.UUID) -> Behandeling:
    b = await session.get(Behandeling, behandeling_id)
    if b is None:
        raise NotFound("No handling with this id.")
    return b


def _product(b: Behandeling, product: Product | None) -> Product:
    parts = delen(b)
    if product is None:
        if len(parts) > 1:
            raise InvalidInput(
                "A split request is decided per part: name the product.",
                invalid_params=[InvalidParam(name="product", code="missing", reason="required for a split request")],
            )
        return parts[0]
    if product not in parts:
        raise InvalidInput(
            f"The application does not ask for {product.value}.",
            invalid_params=[InvalidParam(name="product", code="not_requested", reason="not part of the application")],
        )
    return product


async def _inhoud(session: AsyncSession, b: Behandeling, v: Besluitvoorstel, clock: Clock) -> Inhoud:
    """Check a proposal against the state of the handling (at proposal and again at approval)."""
    besluittype = Besluittype(v.besluittype)
    product = Product(v.product)
    besluiten = await repository.of_behandeling(session, b.id)
    inhoud = Inhoud(
        besluittype=besluittype,
        product=product,
        ingangsdatum=v.ingangsdatum or (b.ingangsdatum if besluittype is Besluittype.TOEKENNING else clock.today()),
        vervaldatum=v.vervaldatum,
        toelichting=v.toelichting,
        grondslagen=list(v.grondslagen),
        bedrag_per_maand=v.bedrag_per_maand,
        bedrag=v.bedrag,
        looptijd_maanden=v.looptijd_maanden,
        vervalreden=v.vervalreden,
    )
    if b.status == BehandelingStatus.GESLOTEN.value:
        raise UnprocessableState("The handling was closed without a decision (duplicate application).")
    if besluittype is Besluittype.DEFINITIEVE_VASTSTELLING:
        gegevens = VaststellingGegevens.model_validate(v.gegevens)
        _, uitkomst, rapport = await vaststelling.berekenen(session, b, gegevens, besluiten)
        inhoud.vaststelling = (uitkomst, rapport)
        inhoud.ingangsdatum = dt.date(gegevens.boekjaar, 1, 1)
        inhoud.vervaldatum = dt.date(gegevens.boekjaar, 12, 31)
        inhoud.bedrag = abs(uitkomst.verschil)
        if not inhoud.grondslagen:
            inhoud.grondslagen = ["Bbz 2004: definitieve vaststelling van de als voorschot verstrekte bijstand"]
        return inhoud
    if besluittype is Besluittype.INTREKKING and v.ingetrokken_besluit_id is not None:
        target = next((x for x in besluiten if x.id == v.ingetrokken_besluit_id), None)
        if target is None or target.besluittype != TOEKENNING or target.product != product.value:
            raise UnprocessableState("Only a grant of this part of this handling can be withdrawn.")
        if target.vervalreden is not None:
            raise UnprocessableState("This grant was already withdrawn.")
        inhoud.ingetrokken = target
        return inhoud
    if product not in open_delen(b, besluiten):
        raise UnprocessableState(f"The part {product.value} has already been decided.", code="already_decided")
    if besluittype is Besluittype.TOEKENNING and inhoud.vervaldatum is None:
        inhoud.vervaldatum = b.einddatum if product is Product.INKOMENSAANVULLENDE_UITKERING else None
    if inhoud.vervaldatum is not None and inhoud.vervaldatum < inhoud.ingangsdatum:
        raise InvalidInput(
            "vervaldatum lies before ingangsdatum.",
            invalid_params=[InvalidParam(name="vervaldatum", code="before_start", reason="before ingangsdatum")],
        )
    if besluittype is Besluittype.TOEKENNING and product is Product.BEDRIJFSKAPITAAL:
        await leningen.controleer_voorstel(session, b, inhoud.bedrag, inhoud.looptijd_maanden, clock.today())
    if besluittype is Besluittype.BUITEN_BEHANDELING:
        inhoud.herstelverzoek = await termijnen.eis_buitenbehandelingstelling_toegestaan(session, b, clock)
        if not inhoud.grondslagen:
            inhoud.grondslagen = ["artikel 4:5 Algemene wet bestuursrecht"]
    if besluittype is Besluittype.INTREKKING and not inhoud.grondslagen:
        inhoud.grondslagen = ["intrekking van de aanvraag door de aanvrager"]
    return inhoud


async def voorstellen(
    session: AsyncSession, behandeling_id: uuid.UUID, body: BesluitVoorstellen, caller: Principal, clock: Clock
) -> BesluitvoorstelOut:
    b = await _behandeling(session, behandeling_id)
    product = _product(b, body.product)
    pending = [
        v
        for v in await repository.voorstellen_of_behandeling(session, b.id)
        if v.status == VoorstelStatus.VOORGESTELD.value and v.product == product.value
    ]
    if pending:
        raise UnprocessableState("A proposal for this part awaits approval already.", code="proposal_pending")
    v = Besluitvoorstel(
        id=new_id(),
        behandeling_id=b.id,
        besluittype=body.besluittype.value,
        product=product.value,
        ingangsdatum=body.ingangsdatum,
        vervaldatum=body.vervaldatum,
        toelichting=body.toelichting,
        grondslagen=list(body.grondslagen),
        bedrag_per_maand=body.bedragPerMaand,
        bedrag=body.bedrag,
        looptijd_maanden=body.looptijdMaanden,
        gegevens=body.vaststelling.model_dump(mode="json") if body.vaststelling else None,
        ingetrokken_besluit_id=body.ingetrokkenBesluitId,
        vervalreden=(
            body.vervalreden.value
            if body.vervalreden
            else (Vervalreden.INGETROKKEN_OVERHEID.value if body.ingetrokkenBesluitId else None)
        ),
        status=VoorstelStatus.VOORGESTELD.value,
        voorgesteld_door=caller.name,
        voorgesteld_op=clock.now(),
    )
    await _inhoud(session, b, v, clock)
    session.add(v)
    await session.flush()
    return voorstel_out(v)


async def fiatteren(
    session: AsyncSession,
    voorstel_id: uuid.UUID,
    body: Fiattering,
    caller: Principal,
    clock: Clock,
    settings: Settings,
) -> BesluitvoorstelOut:
    v = await session.get(Besluitvoorstel, voorstel_id)
    if v is None:
        raise NotFound("No proposal with this id.")
    if v.status != VoorstelStatus.VOORGESTELD.value:
        raise UnprocessableState(f"This proposal is {v.status} already.")
    if v.voorgesteld_door == caller.name:
        raise UnprocessableState(
            "Four-eyes principle: the officer who proposed a decision cannot approve it.", code="four_eyes"
        )
    v.beoordeeld_door = caller.name
    v.beoordeeld_op = clock.now()
    v.beoordeling_toelichting = body.toelichting
    if not body.akkoord:
        v.status = VoorstelStatus.TERUGGESTUURD.value
        return voorstel_out(v)
    b = await _behandeling(session, v.behandeling_id)
    inhoud = await _inhoud(session, b, v, clock)
    if inhoud.besluittype is Besluittype.TOEKENNING:
        await bevindingen.eis_volledig_voor_toekenning(session, b.id)
    rapport = {
        "route": deelroute(b, inhoud.product).value,
        "beleidsversie": b.routering.get("beleidsversie"),
        "routeringId": b.routering.get("routeringId"),
        "vierOgen": {"voorgesteldDoor": v.voorgesteld_door, "gefiatteerdDoor": caller.name},
        "bevindingen": [
            {"voorwaarde": f.voorwaarde, "uitkomst": f.uitkomst, "grondslag": f.grondslag}
            for f in await bevindingen_repo.of_behandeling(session, b.id)
        ],
    }
    besluit = await _vastleggen(
        session,
        b,
        inhoud,
        automatisch=False,
        rapport=rapport,
        clock=clock,
        settings=settings,
        voorstel=v,
        gefiatteerd_door=caller.name,
    )
    v.status = VoorstelStatus.GEFIATTEERD.value
    v.besluit_id = besluit.id
    return voorstel_out(v)


def voorstel_out(v: Besluitvoorstel) -> BesluitvoorstelOut:
    return BesluitvoorstelOut(
        id=v.id,
        behandelingId=v.behandeling_id,
        besluittype=Besluittype(v.besluittype),
        product=Product(v.product),
        ingangsdatum=v.ingangsdatum,
        vervaldatum=v.vervaldatum,
        toelichting=v.toelichting,
        grondslagen=list(v.grondslagen),
        bedragPerMaand=v.bedrag_per_maand,
        bedrag=v.bedrag,
        looptijdMaanden=v.looptijd_maanden,
        ingetrokkenBesluitId=v.ingetrokken_besluit_id,
        status=VoorstelStatus(v.status),
        voorgesteldDoor=v.voorgesteld_door,
        voorgesteldOp=v.voorgesteld_op,
        beoordeeldDoor=v.beoordeeld_door,
        beoordeeldOp=v.beoordeeld_op,
        beoordelingToelichting=v.beoordeling_toelichting,
        besluitId=v.besluit_id,
    )


async def voorstellen_lijst(
    session: AsyncSession, status: VoorstelStatus, limit: int, offset: int
) -> list[BesluitvoorstelOut]:
    return [voorstel_out(v) for v in await repository.voorstellen_met_status(session, status.value, limit, offset)]


async def voorstel(session: AsyncSession, voorstel_id: uuid.UUID) -> BesluitvoorstelOut:
    v = await session.get(Besluitvoorstel, voorstel_id)
    if v is None:
        raise NotFound("No proposal with this id.")
    return voorstel_out(v)


# --- reading ------------------------------------------------------------------------------------------------


async def to_out(session: AsyncSession, b: Besluit) -> BesluitOut:
    document = await beschikkingen_repo.of_besluit(session, b.id)
    return BesluitOut(
        id=b.id,
        identificatie=b.identificatie,
        behandelingId=b.behandeling_id,
        besluittype=b.besluittype,
        product=b.product,
        datum=b.datum,
        ingangsdatum=b.ingangsdatum,
        vervaldatum=b.vervaldatum,
        vervalreden=b.vervalreden,
        verzenddatum=b.verzenddatum,
        uiterlijkeReactiedatum=b.uiterlijke_reactiedatum,
        bestuursorgaan=b.bestuursorgaan,
        toelichting=b.toelichting,
        grondslagen=list(b.grondslagen or []),
        bedragPerMaand=b.bedrag_per_maand,
        bedrag=b.bedrag,
        ingetrokkenBesluitId=b.ingetrokken_besluit_id,
        automatisch=b.automatisch,
        voorgesteldDoor=b.voorgesteld_door,
        gefiatteerdDoor=b.gefiatteerd_door,
        rapport=b.rapport,
        beschikking=f"/v1/besluiten/{b.id}/beschikking" if document else None,
    )


async def get(session: AsyncSession, besluit_id: uuid.UUID) -> BesluitOut:
    b = await session.get(Besluit, besluit_id)
    if b is None:
        raise NotFound("No decision with this id.")
    return await to_out(session, b)
