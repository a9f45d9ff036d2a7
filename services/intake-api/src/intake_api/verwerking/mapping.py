"""From our application to the requests of the providers' contracts (registers-adapter, routing-api,
decision-api). Only what each step needs leaves intake-api (data minimisation)."""

from __future__ import annotations

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


def behandeling_request(aanvraag: Aanvraag) -> dict[str, Any]:
    form = aanvraag.formulier
    routering = aanvraag.routering or {}
    return {
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
        },
    }
