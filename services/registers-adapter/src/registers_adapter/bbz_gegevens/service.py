"""Assemble the Bbz look-up from the registers, minimised, and log every read as a processing record.

Order of work: the BRP first (the applicant; then the address, to count co-residents); when the BRP knows the
person, Suwinet (income, study finance, vehicles, real estate; the partner's income; the study finance of
co-residents aged 21+) and the municipal registration, concurrently; the KVK whenever a number is given.

Privacy rule of the model form (T14): of co-residents only numbers leave the adapter."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.auth import Principal
from registers_adapter.bbz_gegevens.huishouden import Bewoner, Indeling, indelen
from registers_adapter.bbz_gegevens.schemas import (
    BbzGegevens,
    BbzGegevensVerzoek,
    Bron,
    GemeentelijkeRegistratie,
    Huishouden,
    Inkomsten,
    Onderneming,
    Partner,
    Persoon,
    Vermogen,
    Waarde,
)
from registers_adapter.config import Settings
from registers_adapter.mocks.suwinet import (
    DUO_STUDIEFINANCIERING,
    KADASTER_ONROERENDE_ZAKEN,
    RDW_VOERTUIGEN,
    SVB_PERSOON,
    UWV_INKOMSTEN,
)
from registers_adapter.upstreams.brp import Doelbinding
from registers_adapter.upstreams.registry import Registers
from registers_adapter.verwerkingen.service import ProcessingLog, new_span_id

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

UWV_SOORTEN = {
    "dienstbetrekking": "inkomsten uit arbeid",
    "WW": "werkloosheidsuitkering",
    "WIA": "arbeidsongeschiktheidsuitkering",
    "WAO": "arbeidsongeschiktheidsuitkering",
    "ZW": "arbeidsongeschiktheidsuitkering",
    "Wajong": "Wajong",
}
SVB_SOORTEN = {"AOW": "pensioen", "ANW": "overige uitkering"}  # child benefit is no income for the Pw


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


def huidige_partners(brp: dict[str, Any]) -> list[dict[str, Any]]:
    """The BRP also delivers the last dissolved partner: only a partner without dissolution is a partner."""
    return [p for p in brp.get("partners") or [] if "ontbindingHuwelijkPartnerschap" not in p]


def _w(waarde: Any, bron: Bron) -> Waarde:
    return Waarde(waarde=waarde, bron=bron)


def _brp(waarde: Any) -> Waarde | None:
    return Waarde(waarde=waarde, bron=Bron.BRP) if waarde is not None else None


def _datum(datum: dict[str, Any] | None) -> str | None:
    return datum.get("datum") if datum else None


def _leeftijd(geboortedatum: str, peildatum: dt.date) -> int:
    born = dt.date.fromisoformat(geboortedatum)
    return peildatum.year - born.year - ((peildatum.month, peildatum.day) < (born.month, born.day))


def _kvk_datum(value: str | None) -> str | None:
    if not value or value == "00000000":
        return None
    return dt.datetime.strptime(value, "%Y%m%d").date().isoformat()


PER_MAAND = {"maand": (1, 1), "week": (52, 12), "vier weken": (13, 12), "kwartaal": (1, 3), "jaar": (1, 12)}


def netto_per_maand(inkomsten: list[dict[str, Any]]) -> int:
    """Sum of net amounts in cents per month; one-off and daily amounts are no monthly income and are left out."""
    total = 0
    for inkomen in inkomsten:
        factor = PER_MAAND.get(inkomen["periode"])
        if factor is not None:
            total += inkomen["nettoBedrag"] * factor[0] // factor[1]
    return total


def _actueel(item: dict[str, Any], peildatum: dt.date) -> bool:
    einde = item.get("datumEinde")
    return einde is None or dt.date.fromisoformat(einde) >= peildatum


@dataclass
class Lookup:
    """One look-up in progress: the registers, the processing log and the gateway headers."""

    registers: Registers
    log: ProcessingLog
    doel: Doelbinding
    peildatum: dt.date

    async def suwinet(self, dienst: str, bsn: str, naam: str, velden: list[str], **span: Any) -> dict[str, Any]:
        dossier = await self.log.read(
            "Suwinet", naam, velden, bsn, self.registers.suwinet.raadpleeg(dienst, bsn), **span
        )
        return dossier or {}

    async def inkomsten(self, bsn: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Current income (I6-I9) and employment ended in the past ten years (I14-I15)."""
        uwv, svb = await gather(
            self.suwinet(UWV_INKOMSTEN, bsn, "Raadplegen inkomstenverhoudingen (UWV)", ["inkomstenverhoudingen"]),
            self.suwinet(SVB_PERSOON, bsn, "Raadplegen uitkeringen (SVB)", ["uitkeringen"]),
        )
        actueel: list[dict[str, Any]] = []
        verleden: list[dict[str, Any]] = []
        tien_jaar_geleden = self.peildatum.replace(year=self.peildatum.year - 10)
        for item in uwv.get("inkomstenverhoudingen", []):
            inkomen = {
                "soortInkomsten": UWV_SOORTEN.get(item["soort"], "overige uitkering"),
                "instantie": item["inhoudingsplichtige"],
                "periode": item["periode"],
                "brutoBedrag": item["brutoBedrag"],
                "nettoBedrag": item["nettoBedrag"],
                "ingangsdatum": item["datumAanvang"],
                "einddatum": item["datumEinde"],
            }
            if _actueel(item, self.peildatum):
                actueel.append(inkomen)
            elif dt.date.fromisoformat(item["datumEinde"]) >= tien_jaar_geleden:
                verleden.append(inkomen)
        for item in svb.get("uitkeringen", []):
            if item["regeling"] in SVB_SOORTEN and _actueel(item, self.peildatum):
                actueel.append(
                    {
                        "soortInkomsten": SVB_SOORTEN[item["regeling"]],
                        "instantie": f"SVB ({item['regeling']})",
                        "periode": item["periode"],
                        "brutoBedrag": item["brutoBedrag"],
                        "nettoBedrag": item["nettoBedrag"],
                        "ingangsdatum": item["datumAanvang"],
                        "einddatum": item.get("datumEinde"),
                    }
                )
        return actueel, verleden

    async def studiefinanciering(self, bsn: str, **span: Any) -> list[dict[str, Any]]:
        dossier = await self.suwinet(
            DUO_STUDIEFINANCIERING, bsn, "Raadplegen studiefinanciering (DUO)", ["studiefinanciering"], **span
        )
        return [sf for sf in dossier.get("studiefinanciering", []) if _actueel(sf, self.peildatum)]

    async def vermogen(self, bsn: str) -> Vermogen:
        rdw, kadaster = await gather(
            self.suwinet(RDW_VOERTUIGEN, bsn, "Raadplegen voertuigen (RDW)", ["voertuigen"]),
            self.suwinet(KADASTER_ONROERENDE_ZAKEN, bsn, "Raadplegen onroerende zaken (Kadaster)", ["onroerendeZaken"]),
        )
        voertuigen = [
            {k: v[k] for k in ("kenteken", "merk", "handelsbenaming", "datumEersteToelating")}
            for v in rdw.get("voertuigen", [])
        ]
        zaken = [
            {k: z[k] for k in ("soort", "eigenWoning", "aandeel", "wozWaarde", "hypotheek")}
            for z in kadaster.get("onroerendeZaken", [])
        ]
        return Vermogen(voertuigen=_w(voertuigen, Bron.SUWINET), onroerendeZaken=_w(zaken, Bron.SUWINET))

    async def gemeente(self, bsn: str) -> GemeentelijkeRegistratie:
        historie = await self.log.read(
            "gemeentelijke registratie",
            "Raadplegen Tozo- en Bbz-historie",
            ["tozo", "bbzBesluiten"],
            bsn,
            self.registers.gemeente.bbz_historie(bsn),
        )
        return GemeentelijkeRegistratie(
            tozoOntvangen=_w(bool(historie["tozo"]), Bron.GEMEENTE),
            tozo=_w(historie["tozo"], Bron.GEMEENTE),
            eerdereBbzBesluiten=_w(historie["bbzBesluiten"], Bron.GEMEENTE),
        )

    async def huishouden(self, bsn: str, brp: dict[str, Any]) -> tuple[Indeling | None, int | None]:
        """Who lives at the address, counted; the study finance of co-residents aged 21+ (cost-sharer rule)."""
        adres = (brp.get("verblijfplaats") or {}).get("adresseerbaarObjectIdentificatie")
        if adres is None:
            return None, None
        span = new_span_id()
        bewoners = await self.log.read(
            "BRP",
            "Zoeken bewoners van het adres (BRP)",
            BEWONER_FIELDS,
            bsn,
            self.registers.brp.bewoners(adres, BEWONER_FIELDS, self.doel),
            span_id=span,
        )
        partners = huidige_partners(brp)
        indeling = indelen(
            bsn,
            partners[0].get("burgerservicenummer") if partners else None,
            {k["burgerservicenummer"] for k in brp.get("kinderen", []) if "burgerservicenummer" in k},
            [Bewoner(b["burgerservicenummer"], b.get("leeftijd", 0)) for b in bewoners if "burgerservicenummer" in b],
        )
        # LDV: one record per data subject; the co-residents' records are child actions of the address search.
        for medebewoner in indeling.medebewoners:
            self.log.record(
                "BRP", "Tellen medebewoner (BRP)", BEWONER_FIELDS, medebewoner.burgerservicenummer, parent_span_id=span
            )
        studerend = await gather(
            *(
                self.studiefinanciering(m.burgerservicenummer, parent_span_id=span)
                for m in indeling.medebewoners_21_plus
            )
        )
        return indeling, sum(1 for sf in studerend if sf)


def _persoon(brp: dict[str, Any], peildatum: dt.date) -> Persoon:
    naam = brp.get("naam", {})
    adres = (brp.get("verblijfplaats") or {}).get("verblijfadres")
    nationaliteiten = [
        n["nationaliteit"]["omschrijving"] for n in brp.get("nationaliteiten", []) if "nationaliteit" in n
    ]
    gemeente = brp.get("gemeenteVanInschrijving") or {}
    geboortedatum = _datum((brp.get("geboorte") or {}).get("datum"))
    leeftijd = brp.get("leeftijd")
    if leeftijd is None and geboortedatum:
        leeftijd = _leeftijd(geboortedatum, peildatum)
    return Persoon(
        gevonden=True,
        voornamen=_brp(naam.get("voornamen")),
        voorletters=_brp(naam.get("voorletters")),
        voorvoegsel=_brp(naam.get("voorvoegsel")),
        geslachtsnaam=_brp(naam.get("geslachtsnaam")),
        geboortedatum=_brp(geboortedatum),
        leeftijd=_brp(leeftijd),
        geslacht=_brp((brp.get("geslacht") or {}).get("omschrijving")),
        nationaliteit=_brp(", ".join(nationaliteiten) if nationaliteiten else None),
        verblijfstitel=_brp((brp.get("verblijfstitel") or {}).get("aanduiding")),
        gemeentecode=_brp(gemeente.get("code")),
        gemeentenaam=_brp(gemeente.get("omschrijving")),
        adres=_brp(
            {
                "straat": adres.get("officieleStraatnaam"),
                "huisnummer": adres.get("huisnummer"),
                "huisletter": adres.get("huisletter"),
                "huisnummertoevoeging": adres.get("huisnummertoevoeging"),
                "postcode": adres.get("postcode"),
                "woonplaats": adres.get("woonplaats"),
            }
            if adres
            else None
        ),
    )


def _partner(partner: dict[str, Any], inkomsten: list[dict[str, Any]]) -> Partner:
    naam = partner.get("naam", {})
    return Partner(
        burgerservicenummer=_w(partner["burgerservicenummer"], Bron.BRP),
        voornamen=_brp(naam.get("voornamen")),
        voorletters=_brp(naam.get("voorletters")),
        voorvoegsel=_brp(naam.get("voorvoegsel")),
        geslachtsnaam=_brp(naam.get("geslachtsnaam")),
        geboortedatum=_brp(_datum((partner.get("geboorte") or {}).get("datum"))),
        geslacht=_brp((partner.get("geslacht") or {}).get("omschrijving")),
        soortVerbintenis=_brp((partner.get("soortVerbintenis") or {}).get("omschrijving")),
        inkomsten=_w(inkomsten, Bron.SUWINET),
    )


def _huishouden(brp: dict[str, Any], indeling: Indeling | None, studerend: int | None) -> Huishouden:
    partners = huidige_partners(brp)
    huishouden = Huishouden(heeftPartner=_w(bool(partners), Bron.BRP))
    if indeling is None:
        return huishouden
    inwonend = set(indeling.inwonende_kinderen)
    kinderen = [
        {
            "voornamen": k.get("naam", {}).get("voornamen"),
            "geboortedatum": _datum((k.get("geboorte") or {}).get("datum")),
        }
        for k in brp.get("kinderen", [])
        if k.get("burgerservicenummer") in inwonend
    ]
    huishouden.aantalKinderen = _w(len(kinderen), Bron.BRP)
    huishouden.kinderen = _w(kinderen, Bron.BRP)
    huishouden.aantalMedebewoners = _w(len(indeling.medebewoners), Bron.BRP)
    huishouden.aantalMedebewoners21Plus = _w(len(indeling.medebewoners_21_plus), Bron.BRP)
    huishouden.aantalMedebewoners21PlusMetStudiefinanciering = _w(studerend or 0, Bron.SUWINET)
    return huishouden


def _onderneming(kvk_nummer: str, profiel: dict[str, Any] | None) -> Onderneming:
    if profiel is None:
        return Onderneming(gevonden=False, kvkNummer=kvk_nummer)
    embedded = profiel.get("_embedded", {})
    eigenaar = embedded.get("eigenaar", {})
    vestiging = embedded.get("hoofdvestiging", {})
    bezoekadres = next((a for a in vestiging.get("adressen", []) if a.get("type") == "bezoekadres"), None)
    activiteiten = profiel.get("sbiActiviteiten", [])

    def kvk(waarde: Any) -> Waarde | None:
        return Waarde(waarde=waarde, bron=Bron.KVK) if waarde is not None else None

    return Onderneming(
        gevonden=True,
        kvkNummer=profiel["kvkNummer"],
        naam=kvk(profiel.get("naam")),
        handelsnamen=kvk([h["naam"] for h in sorted(profiel.get("handelsnamen", []), key=lambda h: h["volgorde"])]),
        rechtsvorm=kvk(eigenaar.get("rechtsvorm")),
        uitgebreideRechtsvorm=kvk(eigenaar.get("uitgebreideRechtsvorm")),
        rsin=kvk(eigenaar.get("rsin")),
        datumInschrijving=kvk(_kvk_datum(profiel.get("formeleRegistratiedatum"))),
        datumAanvang=kvk(_kvk_datum((profiel.get("materieleRegistratie") or {}).get("datumAanvang"))),
        sbiCodes=kvk([a["sbiCode"] for a in activiteiten]),
        sbiActiviteiten=kvk(
            [
                {
                    "sbiCode": a["sbiCode"],
                    "omschrijving": a.get("sbiOmschrijving"),
                    "hoofdactiviteit": a.get("indHoofdactiviteit") == "Ja",
                }
                for a in activiteiten
            ]
        ),
        vestigingsadres=kvk(
            {k: bezoekadres.get(k) for k in ("straatnaam", "huisnummer", "huisletter", "postcode", "plaats")}
            if bezoekadres and bezoekadres.get("indAfgeschermd") != "Ja"
            else None
        ),
        aantalWerkzamePersonen=kvk(profiel.get("totaalWerkzamePersonen")),
    )


async def lookup(
    session: AsyncSession,
    verzoek: BbzGegevensVerzoek,
    caller: Principal,
    settings: Settings,
    registers: Registers,
    peildatum: dt.date,
) -> BbzGegevens:
    bsn = verzoek.burgerservicenummer
    log = ProcessingLog(
        session,
        caller=caller,
        doelbinding=verzoek.doelbinding,
        aanvraag_id=verzoek.aanvraagId,
        pseudonym_key=settings.pseudonym_key.get_secret_value(),
        activity_uri=settings.verwerkingsactiviteit_uri,
    )
    doel = Doelbinding(doelbinding=verzoek.doelbinding, verwerking=settings.verwerking, gebruiker=caller.name)
    work = Lookup(registers, log, doel, peildatum)

    async def onderneming() -> Onderneming | None:
        if verzoek.kvkNummer is None:
            return None
        profiel = await log.read(
            "KVK",
            "Raadplegen basisprofiel (KVK)",
            ["naam", "handelsnamen", "rechtsvorm", "formeleRegistratiedatum", "sbiActiviteiten", "hoofdvestiging"],
            bsn,
            registers.kvk.basisprofiel(verzoek.kvkNummer),
        )
        return _onderneming(verzoek.kvkNummer, profiel)

    brp = await log.read(
        "BRP", "Raadplegen persoon (BRP)", AANVRAGER_FIELDS, bsn, registers.brp.raadpleeg(bsn, AANVRAGER_FIELDS, doel)
    )
    if brp is None:
        return BbzGegevens(
            peildatum=peildatum,
            persoon=Persoon(gevonden=False),
            huishouden=Huishouden(),
            onderneming=await onderneming(),
        )

    partners = huidige_partners(brp)
    partner_bsn = partners[0].get("burgerservicenummer") if partners else None

    async def partner_inkomsten() -> list[dict[str, Any]]:
        return (await work.inkomsten(partner_bsn))[0] if partner_bsn else []

    (
        (indeling, studerend),
        (inkomsten, _verleden),
        partner_ink,
        eigen_sf,
        vermogen,
        gemeente,
        bedrijf,
    ) = await gather(
        work.huishouden(bsn, brp),
        work.inkomsten(bsn),
        partner_inkomsten(),
        work.studiefinanciering(bsn),
        work.vermogen(bsn),
        work.gemeente(bsn),
        onderneming(),
    )
    return BbzGegevens(
        peildatum=peildatum,
        persoon=_persoon(brp, peildatum),
        partner=_partner(partners[0], partner_ink) if partner_bsn else None,
        huishouden=_huishouden(brp, indeling, studerend),
        onderneming=bedrijf,
        inkomsten=Inkomsten(
            aanvrager=_w(inkomsten, Bron.SUWINET),
            totaalNettoPerMaand=_w(netto_per_maand(inkomsten + partner_ink), Bron.SUWINET),
            arbeidsverleden=_w(_verleden, Bron.SUWINET),
        ),
        vermogen=vermogen,
        studiefinanciering=_w(eigen_sf, Bron.SUWINET),
        gemeentelijkeRegistratie=gemeente,
    )
