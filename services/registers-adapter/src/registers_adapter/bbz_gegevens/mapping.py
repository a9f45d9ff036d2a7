"""From the registers' answers (BRP API Personen, KVK Basisprofiel, Suwinet) to the Bbz look-up's sourced values:
one place to read which register field becomes which value of the model form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from registers_adapter.bbz_gegevens.huishouden import Indeling
from registers_adapter.bbz_gegevens.schemas import (
    Bron,
    Huishouden,
    Onderneming,
    Partner,
    Persoon,
    Vermogen,
    Waarde,
)

UWV_SOORTEN = {
    "dienstbetrekking": "inkomsten uit arbeid",
    "WW": "werkloosheidsuitkering",
    "WIA": "arbeidsongeschiktheidsuitkering",
    "WAO": "arbeidsongeschiktheidsuitkering",
    "ZW": "arbeidsongeschiktheidsuitkering",
    "Wajong": "Wajong",
}
SVB_SOORTEN = {"AOW": "pensioen", "ANW": "overige uitkering"}  # child benefit is no income for the Pw


def huidige_partners(brp: dict[str, Any]) -> list[dict[str, Any]]:
    """The BRP also delivers the last dissolved partner: only a partner without dissolution is a partner."""
    return [p for p in brp.get("partners") or [] if "ontbindingHuwelijkPartnerschap" not in p]


def waarde(waarde: Any, bron: Bron) -> Waarde:
    return Waarde(waarde=waarde, bron=bron)


def brp_waarde(waarde: Any) -> Waarde | None:
    return Waarde(waarde=waarde, bron=Bron.BRP) if waarde is not None else None


def datum(datum: dict[str, Any] | None) -> str | None:
    return datum.get("datum") if datum else None


def leeftijd_op(geboortedatum: str, peildatum: dt.date) -> int:
    born = dt.date.fromisoformat(geboortedatum)
    return peildatum.year - born.year - ((peildatum.month, peildatum.day) < (born.month, born.day))


def kvk_datum(value: str | None) -> str | None:
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


def actueel(item: dict[str, Any], peildatum: dt.date) -> bool:
    einde = item.get("datumEinde")
    return einde is None or dt.date.fromisoformat(einde) >= peildatum


def inkomsten_uit_suwinet(
    uwv: dict[str, Any], svb: dict[str, Any], peildatum: dt.date
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """UWV income relations and SVB benefits as the form's Inkomen items: current ones (I6-I9), and employment
    ended in the past ten years (I14-I15)."""
    actuele: list[dict[str, Any]] = []
    verleden: list[dict[str, Any]] = []
    tien_jaar_geleden = peildatum.replace(year=peildatum.year - 10)
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
        if actueel(item, peildatum):
            actuele.append(inkomen)
        elif dt.date.fromisoformat(item["datumEinde"]) >= tien_jaar_geleden:
            verleden.append(inkomen)
    for item in svb.get("uitkeringen", []):
        if item["regeling"] in SVB_SOORTEN and actueel(item, peildatum):
            actuele.append(
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
    return actuele, verleden


def vermogen_uit_suwinet(rdw: dict[str, Any], kadaster: dict[str, Any]) -> Vermogen:
    """V3: vehicles and real estate, without the cadastral designation (not needed to value them)."""
    voertuigen = [
        {k: v[k] for k in ("kenteken", "merk", "handelsbenaming", "datumEersteToelating")}
        for v in rdw.get("voertuigen", [])
    ]
    zaken = [
        {k: z[k] for k in ("soort", "eigenWoning", "aandeel", "wozWaarde", "hypotheek")}
        for z in kadaster.get("onroerendeZaken", [])
    ]
    return Vermogen(voertuigen=waarde(voertuigen, Bron.SUWINET), onroerendeZaken=waarde(zaken, Bron.SUWINET))


def persoon_uit_brp(brp: dict[str, Any], peildatum: dt.date) -> Persoon:
    naam = brp.get("naam", {})
    adres = (brp.get("verblijfplaats") or {}).get("verblijfadres")
    nationaliteiten = [
        n["nationaliteit"]["omschrijving"] for n in brp.get("nationaliteiten", []) if "nationaliteit" in n
    ]
    gemeente = brp.get("gemeenteVanInschrijving") or {}
    geboortedatum = datum((brp.get("geboorte") or {}).get("datum"))
    leeftijd = brp.get("leeftijd")
    if leeftijd is None and geboortedatum:
        leeftijd = leeftijd_op(geboortedatum, peildatum)
    return Persoon(
        gevonden=True,
        voornamen=brp_waarde(naam.get("voornamen")),
        voorletters=brp_waarde(naam.get("voorletters")),
        voorvoegsel=brp_waarde(naam.get("voorvoegsel")),
        geslachtsnaam=brp_waarde(naam.get("geslachtsnaam")),
        geboortedatum=brp_waarde(geboortedatum),
        leeftijd=brp_waarde(leeftijd),
        geslacht=brp_waarde((brp.get("geslacht") or {}).get("omschrijving")),
        nationaliteit=brp_waarde(", ".join(nationaliteiten) if nationaliteiten else None),
        verblijfstitel=brp_waarde((brp.get("verblijfstitel") or {}).get("aanduiding")),
        gemeentecode=brp_waarde(gemeente.get("code")),
        gemeentenaam=brp_waarde(gemeente.get("omschrijving")),
        adres=brp_waarde(
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


def partner_uit_brp(partner: dict[str, Any], inkomsten: list[dict[str, Any]], vermogen: Vermogen | None) -> Partner:
    naam = partner.get("naam", {})
    return Partner(
        burgerservicenummer=waarde(partner["burgerservicenummer"], Bron.BRP),
        voornamen=brp_waarde(naam.get("voornamen")),
        voorletters=brp_waarde(naam.get("voorletters")),
        voorvoegsel=brp_waarde(naam.get("voorvoegsel")),
        geslachtsnaam=brp_waarde(naam.get("geslachtsnaam")),
        geboortedatum=brp_waarde(datum((partner.get("geboorte") or {}).get("datum"))),
        geslacht=brp_waarde((partner.get("geslacht") or {}).get("omschrijving")),
        soortVerbintenis=brp_waarde((partner.get("soortVerbintenis") or {}).get("omschrijving")),
        inkomsten=waarde(inkomsten, Bron.SUWINET),
        vermogen=vermogen,
    )


def huishouden_uit_brp(brp: dict[str, Any], indeling: Indeling | None, studerend: int | None) -> Huishouden:
    partners = huidige_partners(brp)
    huishouden = Huishouden(heeftPartner=waarde(bool(partners), Bron.BRP))
    if indeling is None:
        return huishouden
    inwonend = set(indeling.inwonende_kinderen)
    kinderen = [
        {
            "voornamen": k.get("naam", {}).get("voornamen"),
            "geboortedatum": datum((k.get("geboorte") or {}).get("datum")),
        }
        for k in brp.get("kinderen", [])
        if k.get("burgerservicenummer") in inwonend
    ]
    huishouden.aantalKinderen = waarde(len(kinderen), Bron.BRP)
    huishouden.kinderen = waarde(kinderen, Bron.BRP)
    huishouden.aantalMedebewoners = waarde(len(indeling.medebewoners), Bron.BRP)
    huishouden.aantalMedebewoners21Plus = waarde(len(indeling.medebewoners_21_plus), Bron.BRP)
    huishouden.aantalMedebewoners21PlusMetStudiefinanciering = waarde(studerend or 0, Bron.SUWINET)
    return huishouden


def onderneming_uit_kvk(kvk_nummer: str, profiel: dict[str, Any] | None) -> Onderneming:
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
        datumInschrijving=kvk(kvk_datum(profiel.get("formeleRegistratiedatum"))),
        datumAanvang=kvk(kvk_datum((profiel.get("materieleRegistratie") or {}).get("datumAanvang"))),
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
