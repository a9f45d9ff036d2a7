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
        },
        "antwoorden": {k: v for k, v in answers.items() if v is not None},
        "registers": _register_facts(aanvraag.registergegevens or {}),
    }


def _register_facts(gegevens: dict[str, Any]) -> dict[str, Any]:
    """The adapter's sourced values (`{waarde, bron}`) that the routing reads, passed on with their source."""
    persoon = gegevens.get("persoon") or {}
    onderneming = gegevens.get("onderneming") or {}
    huishouden = gegevens.get("huishouden") or {}
    facts = {
        "geboortedatum": persoon.get("geboortedatum"),
        "woongemeentecode": persoon.get("gemeentecode"),
        "kvkInschrijving": onderneming.get("datumInschrijving"),
        "kvkSbiCodes": onderneming.get("sbiCodes"),
        "aantalMedebewoners21Plus": huishouden.get("aantalMedebewoners21Plus"),
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
