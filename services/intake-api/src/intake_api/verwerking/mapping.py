"""From our application to the requests of the providers' contracts (registers-adapter, routing-api,
decision-api). Only what each step needs leaves intake-api (data minimisation)."""

from __future__ import annotations

import hashlib
import hmac
from fractions import Fraction
from typing import Any

from intake_api.aanvragen.models import Aanvraag


def lookup_request(aanvraag: Aanvraag, doelbinding: str) -> dict[str, Any]:
    form = aanvraag.formulier
    return {
        "burgerservicenummer": aanvraag.burgerservicenummer,
        "kvkNummer": form["onderneming"]["kvkNummer"],
        "aanvraagId": str(aanvraag.id),
        "gemeentecode": aanvraag.gemeentecode,
        "doelbinding": doelbinding,
    }


def routing_request(aanvraag: Aanvraag) -> dict[str, Any]:
    form = aanvraag.formulier
    lv = form["levensvatbaarheid"]
    overig = form.get("overig") or {}
    answers: dict[str, Any] = {
        "urencriterium": form["uitsluitingsgronden"]["urencriterium"],
        "rechtmatigGevestigd": form["uitsluitingsgronden"]["rechtmatigGevestigd"],
        "ingeschrevenVoorPeildatum": lv["ingeschrevenVoorPeildatum"],
        "voldoendeWinstReferentiejaar": lv["voldoendeWinstReferentiejaar"],
        "voldoendeWinstJaarMin1": lv.get("voldoendeWinstJaarMin1"),
        "voldoendeWinstJaarMin2": lv.get("voldoendeWinstJaarMin2"),
        "onbetaalbareSchulden": lv["onbetaalbareSchulden"],
        "zelfvoorzienendBinnenTermijn": lv["zelfvoorzienendBinnenTermijn"],
        "arbeidsongeschiktheidsverzekering": overig.get("arbeidsongeschiktheidsverzekering", False),
        "premiePerMaand": overig.get("premiePerMaand"),
        "sbiCodes": form["onderneming"].get("sbiCodes"),
        "nettoBedrijfsresultaatJaarMin1": lv.get("nettoBedrijfsresultaatJaarMin1"),
        "nettoBedrijfsresultaatJaarMin2": lv.get("nettoBedrijfsresultaatJaarMin2"),
        "nettoBedrijfsresultaten": form["inkomen"].get("nettoBedrijfsresultaten") or None,
        "partner": form["partner"]["heeftPartner"],
        "inkomsten": _incomes(form),
        "liquideMiddelen": _liquid_assets(form),
        "woonsituatie": {k: v for k, v in form["woonsituatie"].items() if v is not None},
        "medebewoners": [
            {"leeftijd": m["leeftijd"], "relatie": m["relatie"], "studerend": m["studerend"]}
            for m in form["medebewoners"]
        ],
        "tozoOntvangen": overig.get("tozoOntvangen"),
    }
    return {
        "aanvraagId": str(aanvraag.id),
        "gemeentecode": aanvraag.gemeentecode,
        "aanvraagdatum": aanvraag.ontvangen_op.date().isoformat(),
        "doelgroep": form["doelgroep"],
        "aanvraag": {
            "typeAanvraag": form["aanvraag"]["typeAanvraag"],
            "gewensteIngangsdatum": form["aanvraag"]["gewensteIngangsdatum"],
            "verwachteEinddatum": form["aanvraag"]["verwachteEinddatum"],
            "bedrag": form["aanvraag"].get("bedrag"),
        },
        "antwoorden": {k: v for k, v in answers.items() if v is not None},
        "registers": _register_facts(aanvraag.registergegevens or {}),
    }


def _incomes(form: dict[str, Any]) -> list[dict[str, Any]]:
    """I6-I13 of the applicant and (I16) the partner: every income outside the business."""
    inkomen = form["inkomen"]
    incomes: list[dict[str, Any]] = []
    for van, block in (("aanvrager", inkomen), ("partner", inkomen.get("partner") or {})):
        for item in [*block.get("inkomstenArbeidOfUitkering", []), *block.get("overigeInkomstenPosten", [])]:
            incomes.append(
                {"van": van, "soort": item["soort"], "periode": item["periode"], "nettoBedrag": item["nettoBedrag"]}
            )
    return incomes


def _liquid_assets(form: dict[str, Any]) -> int:
    """V2 (+V8): the balances of the private accounts of applicant and partner."""
    vermogen = form["vermogen"]
    accounts = [*vermogen.get("priveRekeningen", []), *((vermogen.get("partner") or {}).get("rekeningen", []))]
    return sum(int(a["saldo"]) for a in accounts)


def _register_facts(gegevens: dict[str, Any]) -> dict[str, Any]:
    """The adapter's sourced values (`{waarde, bron}`) that the routing reads, passed on with their source."""
    persoon = gegevens.get("persoon") or {}
    onderneming = gegevens.get("onderneming") or {}
    huishouden = gegevens.get("huishouden") or {}
    inkomsten = gegevens.get("inkomsten") or {}
    gemeente = gegevens.get("gemeentelijkeRegistratie") or {}
    facts = {
        "geboortedatum": persoon.get("geboortedatum"),
        "woongemeentecode": persoon.get("gemeentecode"),
        "kvkInschrijving": onderneming.get("datumInschrijving"),
        "kvkSbiCodes": onderneming.get("sbiCodes"),
        "aantalMedebewoners21Plus": huishouden.get("aantalMedebewoners21Plus"),
        "heeftPartner": huishouden.get("heeftPartner"),
        "inkomstenPerMaand": inkomsten.get("totaalNettoPerMaand"),
        "aantalMedebewoners21PlusMetStudiefinanciering": huishouden.get(
            "aantalMedebewoners21PlusMetStudiefinanciering"
        ),
        "tozoOntvangen": gemeente.get("tozoOntvangen"),
    }
    return {k: v for k, v in facts.items() if v is not None}


# Income outside the business, converted to a month (eenmalig is not a monthly income).
_PER_MONTH = {"maand": Fraction(1), "vier-weken": Fraction(13, 12), "week": Fraction(52, 12), "dag": Fraction(261, 12)}


def applicant_key(bsn: str, key: str) -> str:
    """A pseudonymous key of the applicant for decision-api (duplicates, debtor overview): never the BSN."""
    return hmac.new(key.encode(), bsn.encode(), hashlib.sha256).hexdigest()


def _naam(personalia: dict[str, Any]) -> str:
    parts = [personalia.get("voorletters"), personalia.get("voorvoegsel"), personalia.get("achternaam")]
    return " ".join(p for p in parts if p)


def _huishouden(form: dict[str, Any], gegevens: dict[str, Any]) -> dict[str, Any]:
    """The household for the norm: couple, single parent or single, and the cost-sharers (21+, not
    studying with study finance). The BRP's counts prevail over the form's list of co-residents."""
    huishouden = gegevens.get("huishouden") or {}
    partner = _waarde(huishouden.get("heeftPartner"), form["partner"]["heeftPartner"])
    children = _waarde(huishouden.get("aantalKinderen"), None)
    if children is None:
        children = sum(1 for m in form["medebewoners"] if m["relatie"] == "kind" and m["leeftijd"] < 18)
    adults = _waarde(huishouden.get("aantalMedebewoners21Plus"), None)
    students = _waarde(huishouden.get("aantalMedebewoners21PlusMetStudiefinanciering"), 0)
    if adults is None:
        kostendelers = sum(1 for m in form["medebewoners"] if m["leeftijd"] >= 21 and not m["studerend"])
    else:
        kostendelers = max(0, int(adults) - int(students or 0))
    soort = "gehuwden" if partner else ("alleenstaande-ouder" if children else "alleenstaande")
    return {"soort": soort, "kostendelers": kostendelers}


def _inkomen_per_maand(form: dict[str, Any], gegevens: dict[str, Any]) -> int:
    """Income outside the business per month: Suwinet's total where known, else the form's answers."""
    registered = _waarde((gegevens.get("inkomsten") or {}).get("totaalNettoPerMaand"), None)
    if registered is not None:
        return int(registered)
    total = sum(
        (Fraction(i["nettoBedrag"]) * _PER_MONTH[i["periode"]] for i in _incomes(form) if i["periode"] in _PER_MONTH),
        Fraction(0),
    )
    return int(total)


def _waarde(sourced: Any, default: Any) -> Any:
    return sourced["waarde"] if isinstance(sourced, dict) and sourced.get("waarde") is not None else default


def behandeling_request(aanvraag: Aanvraag, pseudonym_key: str = "") -> dict[str, Any]:
    form = aanvraag.formulier
    routering = aanvraag.routering or {}
    gegevens = aanvraag.registergegevens or {}
    adres = form["adres"]
    request: dict[str, Any] = {
        "aanvraagId": str(aanvraag.id),
        "gemeentecode": aanvraag.gemeentecode,
        "ontvangstdatum": aanvraag.ontvangen_op.date().isoformat(),
        "doelgroep": form["doelgroep"],
        "typeAanvraag": form["aanvraag"]["typeAanvraag"],
        "ingangsdatum": form["aanvraag"]["gewensteIngangsdatum"],
        "einddatum": form["aanvraag"]["verwachteEinddatum"],
        "prioriteit": aanvraag.prioriteit,
        "iban": form["betalen"]["iban"],
        "routering": {
            "routeringId": routering["routeringId"],
            "route": routering["route"],
            "beleidsversie": routering["beleidsversie"],
            "redenen": routering["redenen"],
            "regels": routering["regels"],
            "deelroutes": routering.get("deelroutes"),
        },
        "aanvrager": {
            "naam": _naam(form["personalia"]),
            "adres": {
                "straat": adres["straatnaam"],
                "huisnummer": str(adres["huisnummer"]),
                "huisnummertoevoeging": adres.get("huisnummertoevoeging"),
                "postcode": adres["postcode"],
                "woonplaats": adres["plaats"],
            },
        },
        "huishouden": _huishouden(form, gegevens),
        "inkomenPerMaand": _inkomen_per_maand(form, gegevens),
        "leverancier": aanvraag.leverancier,
    }
    if pseudonym_key:
        request["aanvragerSleutel"] = applicant_key(aanvraag.burgerservicenummer, pseudonym_key)
    return request
