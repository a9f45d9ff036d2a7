"""Business capital loans: created by a grant of bedrijfskapitaal within the dated maximum for the doelgroep,
at the policy rate; paid out only after the loan deed (akte van geldlening) is signed; annuity repayment;
deferral within its limits; immediately claimable on misuse, closure, transfer, suspension or bankruptcy."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.db import new_id
from bbz_common.problems import InvalidInput, InvalidParam, NotFound, UnprocessableState
from decision_api.behandelingen.models import Behandeling
from decision_api.besluiten.models import Besluit
from decision_api.betalingen.models import Betaalopdracht
from decision_api.betalingen.schemas import OpdrachtStatus
from decision_api.clock import Clock
from decision_api.leningen import regels, repository
from decision_api.leningen.models import Lening
from decision_api.leningen.schemas import (
    AflossingsTermijn,
    AkteOndertekenen,
    LeningOut,
    LeningStatus,
    Omzetting,
    OpeisbaarheidReden,
    Opeisen,
    Rentekwijtschelding,
    UitstelAanvragen,
    UitstelOut,
)
from decision_api.normen import regels as normregels
from decision_api.normen import service as normen
from decision_api.normen.schemas import Huishouden, HuishoudenGegevens
from decision_api.parameters import service as parameters
from decision_api.parameters.schemas import ParameterNaam


async def maximum(session: AsyncSession, doelgroep: str, peildatum: dt.date, gemeentecode: str) -> parameters.Waarde:
    naam = (
        ParameterNaam.BEDRIJFSKAPITAAL_MAXIMUM_STARTER
        if doelgroep == "starter"
        else ParameterNaam.BEDRIJFSKAPITAAL_MAXIMUM_GEVESTIGDE
    )
    return await parameters.waarde(session, naam, peildatum, gemeentecode)


async def controleer_voorstel(
    session: AsyncSession, b: Behandeling, bedrag: int | None, looptijd: int | None, peildatum: dt.date
) -> None:
    """A loan names its amount, within the dated maximum for the doelgroep, and a term within the maximum."""
    if not bedrag:
        raise InvalidInput(
            "A grant of business capital names the amount.",
            invalid_params=[InvalidParam(name="bedrag", code="missing", reason="required for bedrijfskapitaal")],
        )
    top = await maximum(session, b.doelgroep, peildatum, b.gemeentecode)
    if bedrag > top.waarde:
        raise InvalidInput(
            f"The amount exceeds the maximum of {top.waarde} cents for this doelgroep.",
            invalid_params=[InvalidParam(name="bedrag", code="above_maximum", reason=f"at most {top.waarde} cents")],
        )
    longest = await parameters.waarde(session, ParameterNaam.LENING_MAXIMALE_LOOPTIJD, peildatum, b.gemeentecode)
    if looptijd is not None and looptijd > longest.waarde:
        raise InvalidInput(
            f"The term exceeds the maximum of {longest.waarde} months.",
            invalid_params=[
                InvalidParam(name="looptijdMaanden", code="above_maximum", reason=f"at most {longest.waarde}")
            ],
        )


def _first_due(day: dt.date) -> dt.date:
    """Repayment starts on the first day of the second month after the decision."""
    month = day.month + 1
    return dt.date(day.year + month // 12, month % 12 + 1, 1)


async def aanmaken(
    session: AsyncSession, b: Behandeling, besluit: Besluit, looptijd: int | None, clock: Clock
) -> Lening:
    rente = await parameters.waarde(session, ParameterNaam.LENING_RENTE, besluit.datum, b.gemeentecode)
    longest = await parameters.waarde(session, ParameterNaam.LENING_MAXIMALE_LOOPTIJD, besluit.datum, b.gemeentecode)
    lening = Lening(
        id=new_id(),
        besluit_id=besluit.id,
        behandeling_id=b.id,
        hoofdsom=besluit.bedrag or 0,
        rente_basispunten=rente.waarde,
        looptijd_maanden=looptijd or longest.waarde,
        eerste_vervaldatum=_first_due(besluit.datum),
        status=LeningStatus.AKTE_VEREIST.value,
        akte_ondertekend_op=None,
        uitstel=[],
        kwijtgescholden_jaren=[],
        omgezet_bedrag=0,
        opeisbaar_reden=None,
        opeisbaar_op=None,
        opeisbaar_bedrag=None,
        toelichting=None,
        parameters=[rente.bronvermelding(), longest.bronvermelding()],
        aangemaakt_op=clock.now(),
    )
    session.add(lening)
    return lening


def _uitstel(lening: Lening) -> list[regels.Uitstel]:
    return [regels.Uitstel(u["vanafTermijn"], u["maanden"], u["ookRente"]) for u in lening.uitstel]


def schema_van(lening: Lening) -> list[regels.Termijn]:
    return regels.schema(
        lening.hoofdsom - lening.omgezet_bedrag,
        lening.rente_basispunten,
        lening.looptijd_maanden,
        lening.eerste_vervaldatum,
        _uitstel(lening),
        [int(j) for j in lening.kwijtgescholden_jaren],
    )


def to_out(lening: Lening) -> LeningOut:
    return LeningOut(
        id=lening.id,
        besluitId=lening.besluit_id,
        behandelingId=lening.behandeling_id,
        hoofdsom=lening.hoofdsom,
        renteBasispunten=lening.rente_basispunten,
        looptijdMaanden=lening.looptijd_maanden,
        eersteVervaldatum=lening.eerste_vervaldatum,
        maandbedrag=regels.annuiteit(
            lening.hoofdsom - lening.omgezet_bedrag, lening.rente_basispunten, lening.looptijd_maanden
        ),
        status=LeningStatus(lening.status),
        akteOndertekendOp=lening.akte_ondertekend_op,
        uitstel=[UitstelOut.model_validate(u) for u in lening.uitstel],
        kwijtgescholdenJaren=[int(j) for j in lening.kwijtgescholden_jaren],
        omgezetBedrag=lening.omgezet_bedrag,
        opeisbaarReden=OpeisbaarheidReden(lening.opeisbaar_reden) if lening.opeisbaar_reden else None,
        opeisbaarOp=lening.opeisbaar_op,
        opeisbaarBedrag=lening.opeisbaar_bedrag,
    )


async def load(session: AsyncSession, lening_id: uuid.UUID) -> Lening:
    lening = await session.get(Lening, lening_id)
    if lening is None:
        raise NotFound("No loan with this id.")
    return lening


async def lijst(session: AsyncSession, behandeling_id: uuid.UUID | None, limit: int, offset: int) -> list[LeningOut]:
    """A page of the loans (of one handling, if given), in the order of ``repository.pagina``: one query."""
    return [to_out(x) for x in await repository.pagina(session, behandeling_id, limit, offset)]


async def aflossingsschema(session: AsyncSession, lening_id: uuid.UUID) -> list[AflossingsTermijn]:
    lening = await load(session, lening_id)
    return [AflossingsTermijn.model_validate(t, from_attributes=True) for t in schema_van(lening)]


async def akte_ondertekenen(
    session: AsyncSession, lening_id: uuid.UUID, body: AkteOndertekenen, clock: Clock
) -> LeningOut:
    """The signed deed releases the payout: only now is the payment order for the loan set out."""
    lening = await load(session, lening_id)
    if lening.status != LeningStatus.AKTE_VEREIST.value:
        raise UnprocessableState("The deed of this loan was signed already.")
    if body.ondertekendOp > clock.today():
        raise InvalidInput(
            "A deed cannot be signed in the future.",
            invalid_params=[InvalidParam(name="ondertekendOp", code="in_future", reason="after today")],
        )
    besluit = await session.get(Besluit, lening.besluit_id)
    b = await session.get(Behandeling, lening.behandeling_id)
    assert besluit is not None and b is not None
    today = clock.today()
    order_id = new_id()
    session.add(
        Betaalopdracht(
            id=order_id,
            besluit_id=besluit.id,
            behandeling_id=b.id,
            gemeentecode=b.gemeentecode,
            product="bedrijfskapitaal",
            periode_van=today,
            periode_tot=today,
            uitvoerdatum=today,
            bedrag=lening.hoofdsom,
            iban=b.iban,
            naam=str((b.aanvrager or {}).get("naam") or "Aanvrager Bbz")[:70],
            omschrijving=f"Bbz bedrijfskapitaal kenmerk {besluit.identificatie or besluit.id}"[:140],
            end_to_end_id=order_id.hex,
            status=OpdrachtStatus.GEREED.value,
            goedgekeurd_door=None,
            betaalbestand_id=None,
            annuleringsreden=None,
            aangemaakt_op=clock.now(),
        )
    )
    lening.status = LeningStatus.LOPEND.value
    lening.akte_ondertekend_op = body.ondertekendOp
    return to_out(lening)


async def uitstel_verlenen(
    session: AsyncSession, lening_id: uuid.UUID, body: UitstelAanvragen, clock: Clock
) -> LeningOut:
    lening = await load(session, lening_id)
    if lening.status != LeningStatus.LOPEND.value:
        raise UnprocessableState(f"The loan is {lening.status}: repayment cannot be deferred.")
    b = await session.get(Behandeling, lening.behandeling_id)
    assert b is not None
    top = await parameters.waarde(session, ParameterNaam.UITSTEL_MAXIMUM, clock.today(), b.gemeentecode)
    nieuw = regels.Uitstel(body.vanafTermijn, body.maanden, body.ookRente)
    allowed, reason = regels.uitstel_toegestaan(_uitstel(lening), nieuw, top.waarde)
    if not allowed:
        raise UnprocessableState(reason, code="deferral_not_allowed")
    lening.uitstel = [
        *lening.uitstel,
        {"vanafTermijn": body.vanafTermijn, "maanden": body.maanden, "ookRente": body.ookRente},
    ]
    return to_out(lening)


def restschuld_op(lening: Lening, peildatum: dt.date) -> int:
    """The debt after the instalments due on or before ``peildatum`` (the principal when nothing was due)."""
    rows = [t for t in schema_van(lening) if t.vervaldatum <= peildatum]
    return rows[-1].restschuld if rows else lening.hoofdsom


async def opeisen(session: AsyncSession, lening_id: uuid.UUID, body: Opeisen, clock: Clock) -> LeningOut:
    """The loan becomes immediately claimable: the remaining debt is due; an unpaid payout is cancelled."""
    lening = await load(session, lening_id)
    if lening.status == LeningStatus.OPEISBAAR.value:
        raise UnprocessableState("The loan is claimable already.")
    today = clock.today()
    rows = await session.execute(
        select(Betaalopdracht).where(
            Betaalopdracht.besluit_id == lening.besluit_id,
            Betaalopdracht.status.in_((OpdrachtStatus.GEREED.value, OpdrachtStatus.GOEDGEKEURD.value)),
        )
    )
    unpaid = list(rows.scalars())
    for order in unpaid:
        order.status = OpdrachtStatus.GEANNULEERD.value
        order.annuleringsreden = f"Lening opeisbaar: {body.reden.value}"
    paid_out = lening.status == LeningStatus.LOPEND.value and not unpaid
    lening.status = LeningStatus.OPEISBAAR.value
    lening.opeisbaar_reden = body.reden.value
    lening.opeisbaar_op = today
    lening.opeisbaar_bedrag = restschuld_op(lening, today) if paid_out else 0
    lening.toelichting = body.toelichting
    return to_out(lening)


async def _maandnorm(session: AsyncSession, huishouden: HuishoudenGegevens, peildatum: dt.date) -> int:
    tabel, gehuwden = await normen.geldende_normen(session, huishouden.soort, peildatum)
    norm, _, _ = normregels.toepasselijke_norm(
        tabel.bedrag, gehuwden.bedrag, huishouden.soort is Huishouden.GEHUWDEN, huishouden.kostendelers
    )
    return norm


async def rente_kwijtschelden(session: AsyncSession, lening_id: uuid.UUID, body: Rentekwijtschelding) -> LeningOut:
    """Interest of loan year 1 or 2 is remitted when the income of that year stayed below the annual norm."""
    lening = await load(session, lening_id)
    if lening.status != LeningStatus.LOPEND.value:
        raise UnprocessableState(f"The loan is {lening.status}: no interest is remitted.")
    if body.leningjaar in lening.kwijtgescholden_jaren:
        raise UnprocessableState("The interest of this loan year was remitted already.")
    year_start = lening.eerste_vervaldatum.replace(year=lening.eerste_vervaldatum.year + body.leningjaar - 1)
    if not regels.inkomen_onder_jaarnorm(body.jaarinkomen, await _maandnorm(session, body.huishouden, year_start)):
        raise UnprocessableState(
            "The income of that year was not below the annual norm: no interest remission.", code="income_too_high"
        )
    lening.kwijtgescholden_jaren = sorted([*lening.kwijtgescholden_jaren, body.leningjaar])
    lening.toelichting = body.toelichting
    return to_out(lening)


async def omzetten(session: AsyncSession, lening_id: uuid.UUID, body: Omzetting) -> LeningOut:
    """(Part of) the principal becomes a grant when the income of the application year or the year before was
    below the annual norm; the schedule is recomputed on the remaining principal."""
    lening = await load(session, lening_id)
    if lening.status == LeningStatus.OPEISBAAR.value:
        raise UnprocessableState("A claimable loan is not converted into a grant.")
    besluit = await session.get(Besluit, lening.besluit_id)
    assert besluit is not None
    if body.jaar not in (besluit.datum.year, besluit.datum.year - 1):
        raise UnprocessableState(
            "Only the income of the application year or the year before can carry a conversion.", code="wrong_year"
        )
    if not regels.inkomen_onder_jaarnorm(
        body.jaarinkomen, await _maandnorm(session, body.huishouden, dt.date(body.jaar, 12, 31))
    ):
        raise UnprocessableState(
            "The income of that year was not below the annual norm: no conversion.", code="income_too_high"
        )
    if lening.omgezet_bedrag + body.bedrag > lening.hoofdsom:
        raise UnprocessableState("More than the principal cannot be converted.")
    lening.omgezet_bedrag += body.bedrag
    lening.toelichting = body.toelichting
    return to_out(lening)
