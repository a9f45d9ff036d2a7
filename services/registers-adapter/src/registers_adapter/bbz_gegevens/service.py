"""Assemble the Bbz look-up from the registers, minimised, and log every read as a processing record.

Order of work: the BRP first (the applicant; then the address, to count co-residents); when the BRP knows the
person, Suwinet (income, study finance, vehicles, real estate; the partner's income; the study finance of
co-residents aged 21+) and the municipal registration, concurrently; the KVK whenever a number is given.

Privacy rule of the model form (T14): of co-residents only numbers leave the adapter."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections import Counter
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.auth import Principal
from bbz_common.problems import ProblemError
from registers_adapter.bbz_gegevens import mapping
from registers_adapter.bbz_gegevens.huishouden import Bewoner, Indeling, indelen
from registers_adapter.bbz_gegevens.schemas import (
    BbzGegevens,
    BbzGegevensVerzoek,
    Bron,
    GemeentelijkeRegistratie,
    Huishouden,
    Inkomsten,
    Onderneming,
    Persoon,
    Vermogen,
)
from registers_adapter.config import Settings
from registers_adapter.upstreams.brp import Doelbinding
from registers_adapter.upstreams.registry import Registers
from registers_adapter.upstreams.suwinet import (
    DUO_STUDIEFINANCIERING,
    KADASTER_ONROERENDE_ZAKEN,
    RDW_VOERTUIGEN,
    SVB_PERSOON,
    UWV_INKOMSTEN,
)
from registers_adapter.verwerkingen.service import Call, ProcessingLog, new_span_id

logger = structlog.get_logger("registers.lookup")

# What the adapter asks the BRP (data minimisation: the fields the model form prefills, nothing else).
AANVRAGER_FIELDS = [
    "naam.voornamen",
    "naam.voorletters",
    "naam.voorvoegsel",
    "naam.geslachtsnaam",
    "geboorte.datum",
    "leeftijd",
    "geslacht",
    "nationaliteiten.nationaliteit",
    "verblijfstitel.aanduiding",
    "verblijfplaats.verblijfadres",
    "verblijfplaats.adresseerbaarObjectIdentificatie",
    "gemeenteVanInschrijving",
    "partners.burgerservicenummer",
    "partners.naam",
    "partners.geboorte.datum",
    "partners.geslacht",
    "partners.soortVerbintenis",
    "partners.ontbindingHuwelijkPartnerschap.datum",
    "kinderen.burgerservicenummer",
    "kinderen.naam.voornamen",
    "kinderen.geboorte.datum",
]
# Of everyone at the address: only who (to tell partner and children apart) and how old.
BEWONER_FIELDS = ["burgerservicenummer", "leeftijd"]


async def gather(*calls: Awaitable[Any]) -> list[Any]:
    """Run reads concurrently; the first failure cancels the others and is raised as itself."""
    try:
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(_awaited(call)) for call in calls]
    except BaseExceptionGroup as group_error:
        raise group_error.exceptions[0] from None
    return [task.result() for task in tasks]


async def _awaited(call: Awaitable[Any]) -> Any:
    return await call


@dataclass
class Lookup:
    """One look-up in progress: the registers, the processing log and the gateway headers."""

    registers: Registers
    log: ProcessingLog
    doel: Doelbinding
    peildatum: dt.date

    async def suwinet(self, dienst: str, bsn: str, naam: str, velden: list[str], **span: Any) -> dict[str, Any]:
        dossier = await self.log.read(
            Bron.SUWINET, naam, velden, bsn, self.registers.suwinet.raadpleeg(dienst, bsn), **span
        )
        return dossier or {}

    async def inkomsten(self, bsn: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Current income (I6-I9) and employment ended in the past ten years (I14-I15)."""
        uwv, svb = await gather(
            self.suwinet(UWV_INKOMSTEN, bsn, "Raadplegen inkomstenverhoudingen (UWV)", ["inkomstenverhoudingen"]),
            self.suwinet(SVB_PERSOON, bsn, "Raadplegen uitkeringen (SVB)", ["uitkeringen"]),
        )
        return mapping.inkomsten_uit_suwinet(uwv, svb, self.peildatum)

    async def studiefinanciering(self, bsn: str, **span: Any) -> list[dict[str, Any]]:
        dossier = await self.suwinet(
            DUO_STUDIEFINANCIERING, bsn, "Raadplegen studiefinanciering (DUO)", ["studiefinanciering"], **span
        )
        return [sf for sf in dossier.get("studiefinanciering", []) if mapping.actueel(sf, self.peildatum)]

    async def vermogen(self, bsn: str) -> Vermogen:
        rdw, kadaster = await gather(
            self.suwinet(RDW_VOERTUIGEN, bsn, "Raadplegen voertuigen (RDW)", ["voertuigen"]),
            self.suwinet(KADASTER_ONROERENDE_ZAKEN, bsn, "Raadplegen onroerende zaken (Kadaster)", ["onroerendeZaken"]),
        )
        return mapping.vermogen_uit_suwinet(rdw, kadaster)

    async def gemeente(self, bsn: str) -> GemeentelijkeRegistratie:
        historie = await self.log.read(
            Bron.GEMEENTE,
            "Raadplegen Tozo- en Bbz-historie",
            ["tozo", "bbzBesluiten"],
            bsn,
            self.registers.gemeente.bbz_historie(bsn),
        )
        return GemeentelijkeRegistratie(
            tozoOntvangen=mapping.waarde(bool(historie["tozo"]), Bron.GEMEENTE),
            tozo=mapping.waarde(historie["tozo"], Bron.GEMEENTE),
            eerdereBbzBesluiten=mapping.waarde(historie["bbzBesluiten"], Bron.GEMEENTE),
        )

    async def huishouden(self, bsn: str, brp: dict[str, Any]) -> tuple[Indeling | None, int | None]:
        """Who lives at the address, counted; the study finance of co-residents aged 21+ (cost-sharer rule)."""
        adres = (brp.get("verblijfplaats") or {}).get("adresseerbaarObjectIdentificatie")
        if adres is None:
            return None, None
        span = new_span_id()
        bewoners = await self.log.read(
            Bron.BRP,
            "Zoeken bewoners van het adres (BRP)",
            BEWONER_FIELDS,
            bsn,
            self.registers.brp.bewoners(adres, BEWONER_FIELDS, self.doel),
            span_id=span,
        )
        partners = mapping.huidige_partners(brp)
        indeling = indelen(
            bsn,
            partners[0].get("burgerservicenummer") if partners else None,
            {k["burgerservicenummer"] for k in brp.get("kinderen", []) if "burgerservicenummer" in k},
            [Bewoner(b["burgerservicenummer"], b.get("leeftijd", 0)) for b in bewoners if "burgerservicenummer" in b],
        )
        # LDV: one record per data subject; the co-residents' records are child actions of the address search.
        for medebewoner in indeling.medebewoners:
            self.log.record(
                Bron.BRP,
                "Tellen medebewoner (BRP)",
                BEWONER_FIELDS,
                medebewoner.burgerservicenummer,
                parent_span_id=span,
            )
        studerend = await gather(
            *(
                self.studiefinanciering(m.burgerservicenummer, parent_span_id=span)
                for m in indeling.medebewoners_21_plus
            )
        )
        return indeling, sum(1 for sf in studerend if sf)


async def read(
    verzoek: BbzGegevensVerzoek,
    caller: Principal,
    settings: Settings,
    registers: Registers,
    peildatum: dt.date,
) -> tuple[BbzGegevens | ProblemError, ProcessingLog]:
    """The register reads of one look-up, nothing written yet: its data, or the problem of a register that
    failed (503 unavailable, 502 refused), and the processing records of its reads (status Error included),
    for the caller's unit of work to write (`ProcessingLog.write`)."""
    log = ProcessingLog(
        caller=caller,
        doelbinding=verzoek.doelbinding,
        aanvraag_id=verzoek.aanvraagId,
        pseudonym_key=settings.pseudonym_key.get_secret_value(),
        activity_uri=settings.verwerkingsactiviteit_uri,
    )
    doel = Doelbinding(doelbinding=verzoek.doelbinding, verwerking=settings.verwerking, gebruiker=caller.name)
    started = time.perf_counter()
    outcome = "error"
    result: BbzGegevens | ProblemError
    try:
        result = await _lookup(verzoek, Lookup(registers, log, doel, peildatum))
        outcome = "ok"
    except ProblemError as exc:
        outcome = exc.code or "error"
        result = exc
    finally:
        summary(log.calls, outcome, started)
    return result, log


async def answer(
    session: AsyncSession,
    verzoek: BbzGegevensVerzoek,
    caller: Principal,
    settings: Settings,
    registers: Registers,
    peildatum: dt.date,
) -> BbzGegevens | ProblemError:
    """The look-up as the single endpoint answers it: a register that fails is answered as its problem, not
    raised, so that the unit of work still commits the processing records of the reads."""
    result, log = await read(verzoek, caller, settings, registers, peildatum)
    await log.write(session)
    return result


def summary(calls: list[Call], outcome: str, started: float) -> None:
    """The one log line of a look-up, for operations: per register the number of reads, the slowest read and
    the register that failed, if one did. Never who was looked up."""
    slowest = max(calls, key=lambda c: c.ms, default=None)
    failed = next((c.register for c in calls if c.status != "Ok"), None)
    logger.info(
        "bbz_lookup",
        outcome=outcome,
        reads=dict(Counter(str(c.register) for c in calls)),
        slowest_register=str(slowest.register) if slowest else None,
        slowest_ms=round(slowest.ms, 1) if slowest else None,
        failed_register=str(failed) if failed else None,
        duration_ms=round((time.perf_counter() - started) * 1000, 1),
    )


async def _lookup(verzoek: BbzGegevensVerzoek, work: Lookup) -> BbzGegevens:
    bsn = verzoek.burgerservicenummer
    log, registers, peildatum = work.log, work.registers, work.peildatum

    async def bedrijf() -> Onderneming | None:
        if verzoek.kvkNummer is None:
            return None
        profiel = await log.read(
            Bron.KVK,
            "Raadplegen basisprofiel (KVK)",
            ["naam", "handelsnamen", "rechtsvorm", "formeleRegistratiedatum", "sbiActiviteiten", "hoofdvestiging"],
            bsn,
            registers.kvk.basisprofiel(verzoek.kvkNummer),
        )
        return mapping.onderneming_uit_kvk(verzoek.kvkNummer, profiel)

    brp = await log.read(
        Bron.BRP,
        "Raadplegen persoon (BRP)",
        AANVRAGER_FIELDS,
        bsn,
        registers.brp.raadpleeg(bsn, AANVRAGER_FIELDS, work.doel),
    )
    if brp is None:
        return BbzGegevens(
            peildatum=peildatum,
            persoon=Persoon(gevonden=False),
            huishouden=Huishouden(),
            onderneming=await bedrijf(),
        )

    partners = mapping.huidige_partners(brp)
    partner_bsn = partners[0].get("burgerservicenummer") if partners else None

    async def partner_inkomsten() -> list[dict[str, Any]]:
        return (await work.inkomsten(partner_bsn))[0] if partner_bsn else []

    async def partner_vermogen() -> Vermogen | None:
        return await work.vermogen(partner_bsn) if partner_bsn else None

    (
        (indeling, studerend),
        (inkomsten, arbeidsverleden),
        partner_ink,
        partner_verm,
        eigen_sf,
        vermogen,
        gemeente,
        onderneming,
    ) = await gather(
        work.huishouden(bsn, brp),
        work.inkomsten(bsn),
        partner_inkomsten(),
        partner_vermogen(),
        work.studiefinanciering(bsn),
        work.vermogen(bsn),
        work.gemeente(bsn),
        bedrijf(),
    )
    return BbzGegevens(
        peildatum=peildatum,
        persoon=mapping.persoon_uit_brp(brp, peildatum),
        partner=mapping.partner_uit_brp(partners[0], partner_ink, partner_verm) if partner_bsn else None,
        huishouden=mapping.huishouden_uit_brp(brp, indeling, studerend),
        onderneming=onderneming,
        inkomsten=Inkomsten(
            aanvrager=mapping.waarde(inkomsten, Bron.SUWINET),
            totaalNettoPerMaand=mapping.waarde(mapping.netto_per_maand(inkomsten + partner_ink), Bron.SUWINET),
            arbeidsverleden=mapping.waarde(arbeidsverleden, Bron.SUWINET),
        ),
        vermogen=vermogen,
        studiefinanciering=mapping.waarde(eigen_sf, Bron.SUWINET),
        gemeentelijkeRegistratie=gemeente,
    )
