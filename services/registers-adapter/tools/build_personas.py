"""Build the mock registers' data (src/registers_adapter/personas/personas.json) and the persona table of the
README from one compact catalogue, so that BRP, KVK, Suwinet and the municipal registration stay consistent.

Run from the repository root after editing the catalogue:

    .venv/bin/python services/registers-adapter/tools/build_personas.py

BSNs come, in order, from the official BRP test set (../shared/contracts/brp-test-bsns.txt); the three
personas of the cross-service tests and the demo applications keep their fixed BSNs."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SERVICE = Path(__file__).resolve().parents[1]
REPO = SERVICE.parents[1]
TEST_BSNS = REPO.parent / "shared" / "contracts" / "brp-test-bsns.txt"
OUT = SERVICE / "src" / "registers_adapter" / "personas" / "personas.json"
README = SERVICE / "README.md"

FIXED = {
    # the cross-service tests and the demo applications (demo/aanvragen) use these
    "gevestigde-groen": "999990020",
    "starter-rood": "999990032",
    "kostendeler-oranje": "999990044",
    "oudere-zelfstandige": "999990068",
    "ioaz": "999990081",
    "beeindiger": "999990093",
}
UNKNOWN_BSN = "999990019"  # valid test BSN, deliberately absent from every register

GEMEENTEN = {"0518": "'s-Gravenhage", "0599": "Rotterdam", "0363": "Amsterdam", "0344": "Utrecht"}
NATIONALITEITEN = {"0001": "Nederlandse", "0052": "Poolse", "0263": "Marokkaanse", "0057": "Turkse"}


@dataclass
class Partner:
    voornamen: str
    geboortedatum: str
    geslacht: str
    inkomen: list[dict[str, Any]] = field(default_factory=list)
    ontbonden: str | None = None  # date the marriage was dissolved: the ex-partner lives elsewhere
    voertuigen: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Persona:
    key: str
    omschrijving: str
    doelgroep: str
    voornamen: str
    geslachtsnaam: str
    geboortedatum: str
    geslacht: str = "M"
    voorvoegsel: str | None = None
    gemeente: str = "0518"
    straat: str = "Spui"
    huisnummer: int = 1
    postcode: str = "2511 BT"
    nationaliteit: str = "0001"
    verblijfstitel: tuple[str, str] | None = None
    partner: Partner | None = None
    kinderen: list[str] = field(default_factory=list)
    # co-residents other than partner and children under 18: (birth date, studying with study finance)
    medebewoners: list[tuple[str, bool]] = field(default_factory=list)
    kvk: dict[str, Any] | None = None
    kvk_nummer: str | None = None  # a KVK number without a business of its own in the catalogue (e.g. unknown)
    inkomsten: list[dict[str, Any]] = field(default_factory=list)
    svb: list[dict[str, Any]] = field(default_factory=list)
    studiefinanciering: list[dict[str, Any]] = field(default_factory=list)
    voertuigen: list[dict[str, Any]] = field(default_factory=list)
    onroerend: list[dict[str, Any]] = field(default_factory=list)
    tozo: list[dict[str, Any]] = field(default_factory=list)
    bbz: list[dict[str, Any]] = field(default_factory=list)
    gebruik: str = ""


def kvk(
    nummer: str,
    naam: str,
    rechtsvorm: str,
    registratie: str,
    sbi: list[tuple[str, str]],
    *,
    aanvang: str | None = None,
    uitgebreid: str | None = None,
    rsin: str | None = None,
    straat: str = "Spui",
    huisnummer: int = 70,
    huisletter: str | None = None,
    postcode: str = "2511BT",
    plaats: str = "'s-Gravenhage",
    handelsnamen: list[str] | None = None,
    werkzaam: int = 1,
    afgeschermd: bool = False,
) -> dict[str, Any]:
    return {
        "kvkNummer": nummer,
        "naam": naam,
        "rechtsvorm": rechtsvorm,
        "uitgebreideRechtsvorm": uitgebreid or rechtsvorm,
        "rsin": rsin,
        "formeleRegistratiedatum": compact(registratie),
        "datumAanvang": compact(aanvang or registratie),
        "sbiActiviteiten": [
            {"sbiCode": code, "sbiOmschrijving": oms, "indHoofdactiviteit": "Ja" if i == 0 else "Nee"}
            for i, (code, oms) in enumerate(sbi)
        ],
        "handelsnamen": handelsnamen or [naam],
        "adres": {
            "straatnaam": straat,
            "huisnummer": huisnummer,
            **({"huisletter": huisletter} if huisletter else {}),
            "postcode": postcode,
            "plaats": plaats,
            "afgeschermd": afgeschermd,
        },
        "totaalWerkzamePersonen": werkzaam,
    }


def compact(datum: str) -> str:
    """KVK writes dates as YYYYMMDD; a relative date (VANDAAG-200D) is resolved when the mocks load."""
    return datum if datum.startswith("VANDAAG") else datum.replace("-", "")


def loon(werkgever: str, bruto: int, netto: int, aanvang: str, einde: str | None = None) -> dict[str, Any]:
    return {
        "soort": "dienstbetrekking",
        "inhoudingsplichtige": werkgever,
        "datumAanvang": aanvang,
        "datumEinde": einde,
        "periode": "maand",
        "brutoBedrag": bruto,
        "nettoBedrag": netto,
    }


def uitkering(soort: str, bruto: int, netto: int, aanvang: str, einde: str | None = None) -> dict[str, Any]:
    return {
        "soort": soort,
        "inhoudingsplichtige": "UWV",
        "datumAanvang": aanvang,
        "datumEinde": einde,
        "periode": "maand",
        "brutoBedrag": bruto,
        "nettoBedrag": netto,
    }


def aow(bruto: int, netto: int, aanvang: str) -> dict[str, Any]:
    return {"regeling": "AOW", "datumAanvang": aanvang, "periode": "maand", "brutoBedrag": bruto, "nettoBedrag": netto}


def auto(kenteken: str, merk: str, model: str, toelating: str) -> dict[str, Any]:
    return {"kenteken": kenteken, "merk": merk, "handelsbenaming": model, "datumEersteToelating": toelating}


def woning(
    aanduiding: str, woz: int, *, eigen: bool = True, aandeel: str = "1/1", hypotheek: int = 0
) -> dict[str, Any]:
    return {
        "kadastraleAanduiding": aanduiding,
        "soort": "woonhuis" if eigen else "overig onroerend goed",
        "eigenWoning": eigen,
        "aandeel": aandeel,
        "wozWaarde": woz,
        "hypotheek": hypotheek,
    }


def sf(onderwijs: str, bedrag: int, aanvang: str) -> dict[str, Any]:
    return {"onderwijssoort": onderwijs, "datumAanvang": aanvang, "datumEinde": None, "bedragPerMaand": bedrag}


HORECA = [("5610", "Restaurants, cafetaria's, ijssalons en dergelijke")]
ONTWERP = [("7410", "Industrieel ontwerp en vormgeving")]
IT = [("6201", "Ontwikkelen, produceren en uitgeven van software")]
BOUW = [("4332", "Bouwtimmeren")]
WINKEL = [("4791", "Detailhandel via internet")]
TAXI = [("4932", "Taxivervoer")]
KAPPER = [("9602", "Kappers")]
AGRO = [("0113", "Teelt van groenten in de volle grond")]
ZORG = [("8621", "Huisartsenpraktijken")]
ADVIES = [("7022", "Organisatie-adviesbureaus")]


def catalogue() -> list[Persona]:
    p = Persona
    return [
        # --- the three personas of the cross-service tests (meaning fixed) ---
        p(
            "gevestigde-groen",
            "Gevestigde eenmanszaak (KVK-testnummer), alleenstaand",
            "gevestigde",
            "Dagobert",
            "Groen",
            "1975-03-14",
            straat="Spui",
            huisnummer=70,
            postcode="2511 BT",
            kvk=kvk(
                "69599084",
                "Test EMZ Dagobert",
                "Eenmanszaak",
                "2017-07-10",
                [
                    ("10110", "Verwerking en conservering van vlees, met uitzondering van vlees van gevogelte"),
                    ("10120", "Verwerking en conservering van vlees van gevogelte"),
                    ("10130", "Vervaardiging van vleesproducten"),
                ],
                aanvang="2017-01-08",
                straat="Abebe Bikilalaan",
                huisnummer=17,
                huisletter="M",
                postcode="1034WL",
                plaats="Amsterdam",
                handelsnamen=["Test EMZ Dagobert", "Tweede handelsnaam 1MZ"],
            ),
            tozo=[{"regeling": "Tozo 1", "soort": "levensonderhoud", "datumBesluit": "2020-04-20", "bedrag": 315696}],
            gebruik="groene route",
        ),
        p(
            "starter-rood",
            "Starter, eenmanszaak ingeschreven in 2025",
            "starter",
            "Sanne",
            "Rood",
            "1998-07-01",
            geslacht="V",
            voorvoegsel="van",
            straat="Lange Voorhout",
            huisnummer=9,
            postcode="2514 EA",
            kvk=kvk("90000749", "Test Starter Sanne", "Eenmanszaak", "VANDAAG-270D", ONTWERP),
            gebruik="rode route (R1)",
        ),
        p(
            "kostendeler-oranje",
            "Gevestigde met een inwonende zoon van 26 (kostendeler)",
            "gevestigde",
            "Olaf",
            "Oranje",
            "1970-11-02",
            straat="Prinsegracht",
            huisnummer=12,
            postcode="2512 GA",
            kinderen=["2000-05-05"],
            kvk=kvk("69599068", "Test BV Oranje", "Eenmanszaak", "2012-01-01", WINKEL),
            gebruik="oranje route (O1): 1 medebewoner 21+",
        ),
        # --- doelgroepen ---
        p(
            "oudere-zelfstandige",
            "Oudere zelfstandige (58), eenmanszaak sinds 1995",
            "oudere zelfstandige",
            "Gerrit",
            "Ouwehand",
            "1968-02-11",
            huisnummer=3,
            kvk=kvk("91000011", "Ouwehand Timmerwerken", "Eenmanszaak", "1995-04-01", BOUW),
            inkomsten=[loon("Bouwbedrijf De Vries BV", 210000, 165000, "1988-01-01", "1995-03-31")],
            gebruik="rode route (R1)",
        ),
        p(
            "ioaz",
            "IOAZ: 62 jaar, wil het bedrijf binnen 1,5 jaar beëindigen",
            "IOAZ",
            "Hendrika",
            "Iking",
            "1964-06-30",
            geslacht="V",
            huisnummer=5,
            kvk=kvk(
                "91000023",
                "Iking Bloembinderij",
                "Eenmanszaak",
                "2001-09-01",
                [("4776", "Winkels in bloemen, planten, zaden en tuinbenodigdheden")],
            ),
            onroerend=[woning("s-Gravenhage A 1234", 31500000, hypotheek=9000000)],
            gebruik="rode route (R1)",
        ),
        p(
            "beeindiger",
            "Beëindiger: coöperatie (inactief, KVK-testnummer)",
            "beëindiger",
            "Bram",
            "Beekman",
            "1979-12-24",
            huisnummer=7,
            kvk=kvk(
                "96354429",
                "Test Coöperatie Inactief U.A.",
                "Coöperatie",
                "2010-05-01",
                [("0161", "Dienstverlening voor de teelt van gewassen")],
                rsin="996354429",
            ),
            gebruik="rode route (R1)",
        ),
        p(
            "starter-ww",
            "Starter vanuit de WW (voorliggende voorziening UWV)",
            "starter",
            "Wendy",
            "Werkman",
            "1990-08-15",
            geslacht="V",
            huisnummer=9,
            kvk=kvk("91000035", "Werkman Webdesign", "Eenmanszaak", "VANDAAG-200D", IT),
            inkomsten=[
                uitkering("WW", 245000, 190000, "VANDAAG-330D", "VANDAAG+120D"),
                loon("Reclamebureau Zuid BV", 380000, 270000, "2015-02-01", "2025-12-31"),
            ],
            gebruik="rode route (R1); UWV-uitkering",
        ),
        # --- legal forms of the model form ---
        p(
            "vof-vennoten",
            "VOF met twee vennoten (KVK-testnummer), getrouwd met de tweede vennoot",
            "gevestigde",
            "Victor",
            "Vennema",
            "1981-03-03",
            huisnummer=11,
            partner=Partner("Vera", "1983-10-10", "V"),
            kvk=kvk("69599076", "Test VOF Vennema", "Vennootschap onder firma", "2014-02-01", KAPPER, werkzaam=2),
            gebruik="rechtsvorm VOF; partner zonder inkomen",
        ),
        p(
            "vof-tweede",
            "VOF (tweede KVK-testnummer), taxibedrijf",
            "gevestigde",
            "Teun",
            "Taks",
            "1976-01-20",
            huisnummer=13,
            kvk=kvk("90005414", "Test VOF Taks en Zn", "Vennootschap onder firma", "2009-06-01", TAXI, werkzaam=3),
            voertuigen=[
                auto("GZ-123-X", "TOYOTA", "PRIUS", "2019-03-01"),
                auto("HB-456-K", "SKODA", "OCTAVIA", "2021-07-01"),
            ],
            gebruik="rechtsvorm VOF; voertuigen (RDW)",
        ),
        p(
            "cv",
            "Commanditaire vennootschap (KVK-testnummer), beherend vennoot",
            "gevestigde",
            "Cornelis",
            "Commandeur",
            "1972-05-05",
            huisnummer=15,
            kvk=kvk("90003942", "Test CV Commandeur", "Commanditaire vennootschap", "2005-03-01", ADVIES),
            gebruik="rechtsvorm CV",
        ),
        p(
            "maatschap",
            "Maatschap (KVK-testnummer), huisarts",
            "gevestigde",
            "Marieke",
            "Maat",
            "1969-09-09",
            geslacht="V",
            huisnummer=17,
            kvk=kvk("90001745", "Test Maatschap Huisartsen Maat", "Maatschap", "1999-01-01", ZORG, werkzaam=4),
            onroerend=[woning("s-Gravenhage B 777", 52000000, hypotheek=30000000)],
            gebruik="rechtsvorm maatschap; eigen woning (Kadaster)",
        ),
        p(
            "bv-dga",
            "BV met de aanvrager als DGA (KVK-testnummer 'Test BV Donald')",
            "gevestigde",
            "Donald",
            "Doorn",
            "1974-04-04",
            huisnummer=19,
            kvk=kvk(
                "68750110",
                "Test BV Donald",
                "Besloten Vennootschap",
                "2016-01-01",
                IT,
                rsin="857587973",
                straat="Hizzaarderlaan",
                huisnummer=3,
                postcode="8823SJ",
                plaats="Lollum",
                uitgebreid="Besloten Vennootschap met gewone structuur",
            ),
            inkomsten=[loon("Test BV Donald", 150000, 120000, "2016-01-01")],
            gebruik="rechtsvorm BV; DGA-loon uit eigen BV",
        ),
        p(
            "bv-afgeschermd",
            "BV met afgeschermd adres (KVK-testnummer)",
            "gevestigde",
            "Joyce",
            "Flex",
            "1985-07-07",
            geslacht="V",
            huisnummer=21,
            kvk=kvk(
                "90001354",
                "Grand Joyflex B.V.",
                "Besloten Vennootschap",
                "2018-02-01",
                WINKEL,
                rsin="992760562",
                straat="Postbus",
                huisnummer=1,
                postcode="5561AA",
                plaats="Sterksel",
                afgeschermd=True,
            ),
            gebruik="rechtsvorm BV, hoofdvestiging afgeschermd",
        ),
        p(
            "cooperatie",
            "Coöperatie (KVK-testnummer), actief lid-bestuurder",
            "gevestigde",
            "Kees",
            "Koops",
            "1966-11-11",
            huisnummer=23,
            kvk=kvk("55344526", "Test Coöperatie Koops U.A.", "Coöperatie", "2003-04-01", AGRO, rsin="855344526"),
            gebruik="rechtsvorm coöperatie",
        ),
        # --- partners ---
        p(
            "partner-met-inkomen",
            "Gevestigde, getrouwd; partner werkt in loondienst",
            "gevestigde",
            "Peter",
            "Paalman",
            "1980-02-02",
            huisnummer=25,
            partner=Partner(
                "Petra",
                "1982-03-03",
                "V",
                inkomen=[loon("Gemeente Den Haag", 320000, 235000, "2010-01-01")],
                voertuigen=[auto("PP-77-PP", "RENAULT", "CLIO", "2017-04-01")],
            ),
            kvk=kvk("91000047", "Paalman Fotografie", "Eenmanszaak", "2012-06-01", [("7420", "Fotografie")]),
            gebruik="partner met inkomen en een auto (Suwinet)",
        ),
        p(
            "partner-zonder-inkomen",
            "Gevestigde, geregistreerd partnerschap; partner zonder inkomen",
            "gevestigde",
            "Ahmed",
            "Amrani",
            "1977-07-17",
            nationaliteit="0263",
            verblijfstitel=("27", "Vw 2000 art. 20 regulier onbepaalde tijd"),
            huisnummer=27,
            partner=Partner("Fatima", "1979-09-19", "V"),
            kvk=kvk("91000059", "Amrani Kapsalon", "Eenmanszaak", "2011-03-01", KAPPER),
            gebruik="partner zonder inkomen; niet-Nederlandse nationaliteit met verblijfstitel",
        ),
        p(
            "partner-met-ww",
            "Gevestigde; partner met een WW-uitkering",
            "gevestigde",
            "Lotte",
            "Lammers",
            "1986-12-12",
            geslacht="V",
            huisnummer=29,
            partner=Partner(
                "Luuk", "1984-04-14", "M", inkomen=[uitkering("WW", 210000, 165000, "VANDAAG-170D", "VANDAAG+190D")]
            ),
            kvk=kvk("91000060", "Lammers Tekst en Uitleg", "Eenmanszaak", "2015-09-01", ADVIES),
            gebruik="partner met UWV-uitkering",
        ),
        p(
            "gezin-kinderen",
            "Gevestigde, getrouwd, twee kinderen onder 18",
            "gevestigde",
            "Kim",
            "Kraaijeveld",
            "1985-05-25",
            geslacht="V",
            huisnummer=31,
            partner=Partner(
                "Koen", "1984-01-31", "M", inkomen=[loon("Zorggroep Haaglanden", 280000, 210000, "2012-01-01")]
            ),
            kinderen=["2014-03-03", "2017-08-08"],
            kvk=kvk("91000072", "Kraaijeveld Interieur", "Eenmanszaak", "2013-10-01", ONTWERP),
            gebruik="kinderen (mogen mee); partner met inkomen",
        ),
        p(
            "alleenstaande-ouder",
            "Alleenstaande ouder met een kind van 9",
            "gevestigde",
            "Esra",
            "Erdem",
            "1988-10-01",
            geslacht="V",
            nationaliteit="0057",
            verblijfstitel=None,
            huisnummer=33,
            kinderen=["2017-02-14"],
            kvk=kvk(
                "91000084",
                "Erdem Naaiatelier",
                "Eenmanszaak",
                "2016-04-01",
                [("1413", "Vervaardiging van overige bovenkleding")],
            ),
            svb=[
                {
                    "regeling": "Kinderbijslag",
                    "datumAanvang": "2017-04-01",
                    "periode": "kwartaal",
                    "brutoBedrag": 29300,
                    "nettoBedrag": 29300,
                }
            ],
            gebruik="kind onder 18; kinderbijslag (SVB, geen inkomen)",
        ),
        # --- co-residents ---
        p(
            "student-medebewoner",
            "Gevestigde met een inwonende dochter van 22 die studeert met studiefinanciering",
            "gevestigde",
            "Sietske",
            "Studer",
            "1968-04-04",
            geslacht="V",
            huisnummer=35,
            kinderen=["VANDAAG-22J-40D"],
            medebewoners=[],
            kvk=kvk("91000096", "Studer Vertalingen", "Eenmanszaak", "2008-01-01", [("7430", "Vertalers en tolken")]),
            gebruik="medebewoner 21+ met studiefinanciering: geen kostendeler",
        ),
        p(
            "twee-kostendelers",
            "Gevestigde met twee huisgenoten van 30 en 45 (kostendelers)",
            "gevestigde",
            "Harm",
            "Huisman",
            "1973-03-13",
            huisnummer=37,
            medebewoners=[("1996-06-06", False), ("1981-01-01", False)],
            kvk=kvk("91000102", "Huisman Klussen", "Eenmanszaak", "2010-10-10", BOUW),
            gebruik="twee kostendelers (O1)",
        ),
        p(
            "medebewoner-19",
            "Gevestigde met een inwonende zoon van 19 (nog geen kostendeler)",
            "gevestigde",
            "Nienke",
            "Negentien",
            "1975-09-19",
            geslacht="V",
            huisnummer=39,
            kinderen=["VANDAAG-19J-200D"],
            kvk=kvk("91000114", "Negentien Grafisch Ontwerp", "Eenmanszaak", "2009-02-01", ONTWERP),
            gebruik="medebewoner 18-20: telt niet als 21+",
        ),
        p(
            "kostgangers-mix",
            "Gevestigde met een student (23, studiefinanciering) en een onderhuurder (40)",
            "gevestigde",
            "Mirjam",
            "Mengelers",
            "1971-07-07",
            geslacht="V",
            huisnummer=41,
            medebewoners=[("2003-02-02", True), ("1986-08-08", False)],
            kvk=kvk(
                "91000126", "Mengelers Yoga", "Eenmanszaak", "2014-01-01", [("8551", "Sport- en recreatieonderwijs")]
            ),
            gebruik="twee medebewoners 21+, één studerend met studiefinanciering",
        ),
        p(
            "partner-en-kostendeler",
            "Getrouwd, met een inwonende moeder van 75 (kostendeler)",
            "gevestigde",
            "Rik",
            "Roos",
            "1965-05-15",
            huisnummer=43,
            partner=Partner("Rianne", "1966-06-16", "V"),
            medebewoners=[("1951-03-03", False)],
            kvk=kvk("91000138", "Roos Rijwielen", "Eenmanszaak", "2000-03-01", [("4764", "Winkels in sportartikelen")]),
            gebruik="partner plus kostendeler",
        ),
        # --- age ---
        p(
            "pensioenleeftijd",
            "Eenmanszaak, 69 jaar: boven de AOW-leeftijd, ontvangt AOW (SVB)",
            "gevestigde",
            "Albert",
            "Aow",
            "1957-01-10",
            huisnummer=45,
            kvk=kvk(
                "91000141", "Aow Antiek", "Eenmanszaak", "1990-01-01", [("4779", "Winkels in tweedehands goederen")]
            ),
            svb=[aow(145000, 131000, "2024-02-10")],
            gebruik="uitsluitingsgrond leeftijd (G1): boven de AOW-leeftijd",
        ),
        p(
            "minderjarig",
            "Zestienjarige met een eenmanszaak",
            "starter",
            "Mats",
            "Minder",
            "VANDAAG-16J-170D",
            huisnummer=47,
            kvk=kvk("91000153", "Minder Apps", "Eenmanszaak", "VANDAAG-310D", IT),
            gebruik="uitsluitingsgrond leeftijd (G1): onder 18",
        ),
        p(
            "achttien",
            "Net achttien, starter",
            "starter",
            "Jesse",
            "Jong",
            "VANDAAG-18J-60D",
            huisnummer=49,
            kvk=kvk("91000165", "Jong Fietskoerier", "Eenmanszaak", "VANDAAG-260D", [("5320", "Koeriers")]),
            gebruik="ondergrens leeftijd",
        ),
        # --- address ---
        p(
            "andere-gemeente",
            "Woont in Rotterdam, vraagt aan in Den Haag",
            "gevestigde",
            "Rutger",
            "Rotte",
            "1979-07-29",
            gemeente="0599",
            straat="Coolsingel",
            huisnummer=40,
            postcode="3011 AD",
            kvk=kvk(
                "91000177",
                "Rotte Reparaties",
                "Eenmanszaak",
                "2012-12-12",
                [("9522", "Reparatie van elektrische huishoudelijke apparaten")],
                straat="Coolsingel",
                huisnummer=40,
                postcode="3011AD",
                plaats="Rotterdam",
            ),
            gebruik="uitsluitingsgrond woonplaats (G1)",
        ),
        p(
            "amsterdam",
            "Woont en werkt in Amsterdam",
            "gevestigde",
            "Anouk",
            "Amstel",
            "1983-02-28",
            geslacht="V",
            gemeente="0363",
            straat="Damrak",
            huisnummer=1,
            postcode="1012 LG",
            kvk=kvk(
                "91000189",
                "Amstel Architectuur",
                "Eenmanszaak",
                "2011-05-05",
                [("7111", "Architecten")],
                straat="Damrak",
                huisnummer=1,
                postcode="1012LG",
                plaats="Amsterdam",
            ),
            gebruik="woongemeente 0363",
        ),
        # --- KVK ---
        p(
            "geen-kvk",
            "Zzp'er zonder KVK-inschrijving",
            "starter",
            "Noor",
            "Nietingeschreven",
            "1995-12-01",
            geslacht="V",
            huisnummer=51,
            kvk_nummer="12345678",
            gebruik="geen KVK-inschrijving: KVK antwoordt 404 IPD0005",
        ),
        p(
            "na-peildatum",
            "Gevestigde, ingeschreven ná de peildatum (1 januari 2019)",
            "gevestigde",
            "Pim",
            "Peil",
            "1987-08-08",
            huisnummer=53,
            kvk=kvk("91000190", "Peil Podcasts", "Eenmanszaak", "2020-06-01", [("5911", "Productie van films")]),
            gebruik="oranje route (O5): inschrijving na de peildatum",
        ),
        p(
            "op-peildatum",
            "Gevestigde, ingeschreven precies op 1 januari 2019",
            "gevestigde",
            "Puck",
            "Precies",
            "1989-01-01",
            geslacht="V",
            huisnummer=55,
            kvk=kvk("91000207", "Precies Planning", "Eenmanszaak", "2019-01-01", ADVIES),
            gebruik="grensgeval peildatum",
        ),
        p(
            "branche-horeca",
            "Gevestigde in de horeca (SBI 5610, op de gemeentelijke lijst)",
            "gevestigde",
            "Hans",
            "Horeca",
            "1972-12-12",
            huisnummer=57,
            kvk=kvk("91000219", "Eetcafé Horeca", "Eenmanszaak", "2006-06-06", HORECA, werkzaam=3),
            gebruik="rode route (R3d): branche op de lijst",
        ),
        p(
            "branche-nevenactiviteit",
            "Gevestigde met een evenementen-nevenactiviteit (SBI 9329 op de lijst)",
            "gevestigde",
            "Evi",
            "Event",
            "1984-04-24",
            geslacht="V",
            huisnummer=59,
            kvk=kvk(
                "91000220",
                "Event Licht en Geluid",
                "Eenmanszaak",
                "2012-02-02",
                [("7729", "Verhuur van overige consumentenartikelen"), ("9329", "Overige recreatie")],
            ),
            gebruik="branche op de lijst als nevenactiviteit",
        ),
        # --- Suwinet / municipal ---
        p(
            "wia",
            "Gevestigde met een gedeeltelijke WIA-uitkering",
            "gevestigde",
            "Wim",
            "Wiarda",
            "1970-10-10",
            huisnummer=61,
            kvk=kvk(
                "91000232",
                "Wiarda Administratie",
                "Eenmanszaak",
                "2004-04-01",
                [("6920", "Accountancy, administratie en belastingadvisering")],
            ),
            inkomsten=[uitkering("WIA", 95000, 80000, "2019-01-01")],
            gebruik="arbeidsongeschiktheidsuitkering (UWV)",
        ),
        p(
            "wajong",
            "Starter met Wajong",
            "starter",
            "Jip",
            "Wajongh",
            "1999-09-09",
            huisnummer=63,
            kvk=kvk(
                "91000244",
                "Jip Illustraties",
                "Eenmanszaak",
                "VANDAAG-420D",
                [("9003", "Schrijven en overige scheppende kunst")],
            ),
            inkomsten=[uitkering("Wajong", 140000, 120000, "2017-09-09")],
            gebruik="Wajong (UWV)",
        ),
        p(
            "bijbaan",
            "Gevestigde met een bijbaan in loondienst",
            "gevestigde",
            "Bas",
            "Bijl",
            "1982-11-22",
            huisnummer=65,
            kvk=kvk("91000256", "Bijl Hout", "Eenmanszaak", "2013-03-03", BOUW),
            inkomsten=[loon("Bouwmarkt Haaglanden BV", 80000, 68000, "2024-01-01")],
            voertuigen=[auto("VK-12-BB", "VOLKSWAGEN", "TRANSPORTER", "2016-05-01")],
            gebruik="inkomsten uit arbeid naast het bedrijf",
        ),
        p(
            "vermogen",
            "Gevestigde met een tweede woning en twee auto's",
            "gevestigde",
            "Victoria",
            "Vermeulen",
            "1967-06-06",
            geslacht="V",
            huisnummer=67,
            kvk=kvk(
                "91000268",
                "Vermeulen Vastgoedbeheer",
                "Eenmanszaak",
                "2002-01-01",
                [("6832", "Bemiddeling bij en beheer van onroerend goed")],
            ),
            voertuigen=[auto("XL-999-V", "BMW", "X5", "2022-01-01"), auto("16-ZZ-ZZ", "MINI", "COOPER", "2008-01-01")],
            onroerend=[
                woning("s-Gravenhage C 55", 60000000, hypotheek=20000000),
                woning("Scheveningen D 12", 38000000, eigen=False, aandeel="1/2"),
            ],
            gebruik="vermogen (RDW, Kadaster)",
        ),
        p(
            "tozo-herhaal",
            "Gevestigde die Tozo 1, 2 en 3 ontving en eerder Bbz kreeg",
            "gevestigde",
            "Thomas",
            "Tozo",
            "1978-08-18",
            huisnummer=69,
            kvk=kvk("91000271", "Tozo Tuinontwerp", "Eenmanszaak", "2011-11-11", [("8130", "Hoveniers")]),
            tozo=[
                {"regeling": "Tozo 1", "soort": "levensonderhoud", "datumBesluit": "2020-04-15", "bedrag": 315696},
                {"regeling": "Tozo 2", "soort": "levensonderhoud", "datumBesluit": "2020-07-10", "bedrag": 317709},
                {"regeling": "Tozo 3", "soort": "bedrijfskapitaal", "datumBesluit": "2020-11-01", "bedrag": 1000000},
            ],
            bbz=[{"datumBesluit": "2022-03-01", "soort": "inkomensaanvullende uitkering", "uitkomst": "toegekend"}],
            gebruik="gemeentelijke registratie: Tozo en eerder Bbz",
        ),
        p(
            "bbz-afgewezen",
            "Gevestigde met een eerder afgewezen Bbz-aanvraag",
            "gevestigde",
            "Anna",
            "Afwijs",
            "1981-01-21",
            geslacht="V",
            huisnummer=71,
            kvk=kvk("91000283", "Afwijs Catering", "Eenmanszaak", "2015-05-15", [("5621", "Catering")]),
            bbz=[{"datumBesluit": "2023-09-01", "soort": "bedrijfskapitaal", "uitkomst": "afgewezen"}],
            gebruik="eerder Bbz-besluit (afgewezen)",
        ),
        p(
            "oud-student",
            "Starter die zelf nog studiefinanciering ontvangt",
            "starter",
            "Sara",
            "Studiekamp",
            "2003-05-05",
            geslacht="V",
            huisnummer=73,
            kvk=kvk("91000295", "Studiekamp Social Media", "Eenmanszaak", "VANDAAG-290D", [("7311", "Reclamebureaus")]),
            studiefinanciering=[sf("HBO", 45000, "2022-09-01")],
            gebruik="aanvrager zelf met studiefinanciering (DUO)",
        ),
        p(
            "poolse-nationaliteit",
            "Gevestigde met Poolse nationaliteit (EU, geen verblijfstitel nodig)",
            "gevestigde",
            "Piotr",
            "Nowak",
            "1986-06-06",
            nationaliteit="0052",
            huisnummer=75,
            kvk=kvk("91000301", "Nowak Stukadoors", "Eenmanszaak", "2014-04-04", [("4331", "Stukadoren")]),
            gebruik="niet-Nederlandse nationaliteit (EU)",
        ),
        p(
            "groot-huishouden",
            "Getrouwd, drie kinderen (5, 12, 20) en een oom van 50",
            "gevestigde",
            "Gijs",
            "Grootveld",
            "1976-07-07",
            huisnummer=77,
            partner=Partner("Greet", "1978-08-08", "V"),
            kinderen=["2021-01-01", "2014-02-02", "VANDAAG-20J-100D"],
            medebewoners=[("1976-01-01", False)],
            kvk=kvk(
                "91000313",
                "Grootveld Transport",
                "Eenmanszaak",
                "2005-05-05",
                [("4941", "Goederenvervoer over de weg")],
            ),
            voertuigen=[auto("BX-01-GT", "DAF", "XF", "2018-01-01")],
            gebruik="kinderen <18 mee, kind 20 telt als medebewoner (niet 21+), oom is kostendeler",
        ),
        p(
            "gescheiden",
            "Gevestigde, gescheiden: de BRP levert de laatst ontbonden partner mee",
            "gevestigde",
            "Gonny",
            "Gescheiden",
            "1974-10-10",
            geslacht="V",
            huisnummer=81,
            partner=Partner("Gert", "1972-12-12", "M", ontbonden="2023-06-30"),
            kvk=kvk("91000337", "Gescheiden Grafisch", "Eenmanszaak", "2008-08-08", ONTWERP),
            gebruik="ontbonden huwelijk: geen partner in het huishouden",
        ),
        p(
            "starter-partner-aow",
            "Starter van 64 met een partner die AOW ontvangt",
            "oudere zelfstandige",
            "Ben",
            "Bejaard",
            "1962-02-02",
            huisnummer=79,
            partner=Partner("Bep", "1955-05-05", "V"),
            kvk=kvk("91000325", "Bejaard Advies", "Eenmanszaak", "VANDAAG-200D", ADVIES),
            gebruik="partner met AOW; oudere zelfstandige",
        ),
    ]


def allocator(reserved: set[str]) -> Iterator[str]:
    for line in TEST_BSNS.read_text().split():
        if re.fullmatch(r"\d{9}", line) and line not in reserved and line.startswith("99999"):
            yield line


def build() -> dict[str, Any]:
    personas = catalogue()
    reserved = {*FIXED.values(), UNKNOWN_BSN}
    bsns = allocator(reserved)
    personen: list[dict[str, Any]] = []
    ondernemingen: list[dict[str, Any]] = []
    suwinet: dict[str, dict[str, Any]] = {}
    gemeente: dict[str, dict[str, Any]] = {}
    overzicht: list[dict[str, Any]] = []

    for index, persona in enumerate(personas, start=1):
        bsn = FIXED.get(persona.key) or next(bsns)
        gemeentecode = persona.gemeente
        adres_id = f"{gemeentecode}01{index:010d}"
        adres: dict[str, Any] = {
            "adresseerbaarObjectIdentificatie": adres_id,
            "straat": persona.straat,
            "huisnummer": persona.huisnummer,
            "postcode": persona.postcode,
            "woonplaats": GEMEENTEN[gemeentecode],
            "gemeentecode": gemeentecode,
        }
        household: list[str] = []

        def person(
            voornamen: str,
            geslachtsnaam: str,
            geboortedatum: str,
            geslacht: str,
            adres: dict[str, Any] = adres,
            **extra: Any,
        ) -> dict[str, Any]:
            return {
                "voornamen": voornamen,
                "voorvoegsel": None,
                "geslachtsnaam": geslachtsnaam,
                "geboortedatum": geboortedatum,
                "geslacht": geslacht,
                "nationaliteit": "0001",
                "verblijfstitel": None,
                "adres": adres,
                "partner": None,
                "kinderen": [],
                "ouders": [],
                **extra,
            }

        aanvrager = person(
            persona.voornamen,
            persona.geslachtsnaam,
            persona.geboortedatum,
            persona.geslacht,
            burgerservicenummer=bsn,
            voorvoegsel=persona.voorvoegsel,
            nationaliteit=persona.nationaliteit,
            verblijfstitel=(
                {"code": persona.verblijfstitel[0], "omschrijving": persona.verblijfstitel[1]}
                if persona.verblijfstitel
                else None
            ),
        )
        personen.append(aanvrager)
        if persona.partner is not None:
            partner_bsn = next(bsns)
            ontbonden = persona.partner.ontbonden
            elders = {
                **adres,
                "adresseerbaarObjectIdentificatie": f"{gemeentecode}01{index + 5000:010d}",
                "huisnummer": persona.huisnummer + 100,
            }
            partner = person(
                persona.partner.voornamen,
                persona.geslachtsnaam,
                persona.partner.geboortedatum,
                persona.partner.geslacht,
                adres=elders if ontbonden else adres,
                burgerservicenummer=partner_bsn,
                partner=bsn,
                partnerOntbonden=ontbonden,
            )
            aanvrager["partner"] = partner_bsn
            aanvrager["partnerOntbonden"] = ontbonden
            personen.append(partner)
            if not ontbonden:
                household.append(partner_bsn)
            if persona.partner.inkomen:
                suwinet[partner_bsn] = {"inkomsten": persona.partner.inkomen}
            if persona.partner.voertuigen:
                suwinet.setdefault(partner_bsn, {})["voertuigen"] = persona.partner.voertuigen
            if persona.partner.geboortedatum < "1958-01-01":
                suwinet[partner_bsn] = {"svb": [aow(145000, 131000, "2022-05-05")]}
        kind_voornamen = ["Lieke", "Daan", "Fenna", "Milan", "Yara", "Sem"]
        for i, geboren in enumerate(persona.kinderen):
            kind_bsn = next(bsns)
            kind = person(
                kind_voornamen[i],
                persona.geslachtsnaam,
                geboren,
                "V" if i % 2 == 0 else "M",
                burgerservicenummer=kind_bsn,
                ouders=[bsn],
            )
            aanvrager["kinderen"].append(kind_bsn)
            personen.append(kind)
            household.append(kind_bsn)
            if persona.key == "student-medebewoner":
                suwinet[kind_bsn] = {"studiefinanciering": [sf("WO", 52000, "2022-09-01")]}
        huisgenoot_namen = ["Huisgenoot", "Inwoner", "Kamerbewoner"]
        for i, (geboren, studerend) in enumerate(persona.medebewoners):
            mb_bsn = next(bsns)
            personen.append(person("Anoniem", huisgenoot_namen[i % 3], geboren, "O", burgerservicenummer=mb_bsn))
            household.append(mb_bsn)
            if studerend:
                suwinet[mb_bsn] = {"studiefinanciering": [sf("WO", 52000, "2021-09-01")]}
            else:
                suwinet[mb_bsn] = {"inkomsten": [loon("Werkgever Huisgenoot BV", 250000, 190000, "2020-01-01")]}

        kvk_nummer = persona.kvk["kvkNummer"] if persona.kvk else persona.kvk_nummer
        if persona.kvk is not None:
            ondernemingen.append({**persona.kvk, "eigenaarBurgerservicenummer": bsn})
        gegevens = {
            k: v
            for k, v in {
                "inkomsten": persona.inkomsten,
                "svb": persona.svb,
                "studiefinanciering": persona.studiefinanciering,
                "voertuigen": persona.voertuigen,
                "onroerendeZaken": persona.onroerend,
            }.items()
            if v
        }
        if gegevens:
            suwinet[bsn] = gegevens
        if persona.tozo or persona.bbz:
            gemeente[bsn] = {"tozo": persona.tozo, "bbzBesluiten": persona.bbz}
        overzicht.append(
            {
                "sleutel": persona.key,
                "burgerservicenummer": bsn,
                "kvkNummer": kvk_nummer,
                "doelgroep": persona.doelgroep,
                "omschrijving": persona.omschrijving,
                "gebruik": persona.gebruik,
                "huishouden": len(household),
            }
        )

    return {
        "_toelichting": (
            "Synthetic personas across BRP, KVK, Suwinet and the municipal registration. Generated by "
            "tools/build_personas.py; BSNs from the official BRP test set. See the service README."
        ),
        "onbekendBurgerservicenummer": UNKNOWN_BSN,
        "personas": overzicht,
        "personen": personen,
        "ondernemingen": ondernemingen,
        "suwinet": suwinet,
        "gemeentelijkeRegistratie": gemeente,
    }


README_START = "<!-- personas:start -->"
README_END = "<!-- personas:end -->"


def readme_table(data: dict[str, Any]) -> str:
    rows = [
        "| # | key | BSN | KVK | doelgroep | persona | use it for |",
        "|---|---|---|---|---|---|---|",
    ]
    for i, p in enumerate(data["personas"], start=1):
        rows.append(
            f"| {i} | `{p['sleutel']}` | {p['burgerservicenummer']} | {p['kvkNummer'] or '—'} | {p['doelgroep']} "
            f"| {p['omschrijving']} | {p['gebruik']} |"
        )
    rows.append(
        f"| {len(data['personas']) + 1} | `onbekend` | {data['onbekendBurgerservicenummer']} | — | — "
        "| Valid test BSN that no register knows | BRP answers `personen: []`; the look-up says `gevonden: false` |"
    )
    return "\n".join(rows)


def main() -> None:
    data = build()
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if README.exists():
        text = README.read_text(encoding="utf-8")
        if README_START in text and README_END in text:
            head, rest = text.split(README_START, 1)
            _, tail = rest.split(README_END, 1)
            README.write_text(f"{head}{README_START}\n{readme_table(data)}\n{README_END}{tail}", encoding="utf-8")
    print(f"{len(data['personas'])} personas, {len(data['personen'])} BRP persons written to {OUT}")


if __name__ == "__main__":
    main()
