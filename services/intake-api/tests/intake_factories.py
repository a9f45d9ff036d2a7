"""Valid applications to start a test from; each test changes the one thing it is about."""

import copy
import datetime as dt
import uuid
from typing import Any

TODAY = dt.date.today()

_GEVESTIGDE: dict[str, Any] = {
    "gemeentecode": "0518",
    "kanaal": "digitaal",
    "personalia": {
        "burgerservicenummer": "999990020",
        "voorletters": "D.",
        "achternaam": "Groen",
        "geboortedatum": "1975-03-14",
        "geslacht": "man",
        "nederlandseNationaliteit": True,
    },
    "identiteitsbewijs": {"soort": "identiteitskaart", "documentnummer": "IR12345678", "geldigTot": "2031-05-01"},
    "adres": {
        "soortAdres": "inschrijvingsadres",
        "straatnaam": "Spui",
        "huisnummer": 70,
        "postcode": "2511 BT",
        "plaats": "'s-Gravenhage",
        "verblijfOpInschrijvingsadres": True,
    },
    "contact": {"emailadres": "d.groen@example.nl", "telefoonnummers": ["0701234567"]},
    "partner": {"heeftPartner": False},
    "betalen": {"iban": "NL91ABNA0417164300"},
    "doelgroep": "gevestigde",
    "aanvraag": {
        "typeAanvraag": "inkomensaanvullende-uitkering",
        "reden": "Omzet tijdelijk weggevallen door verlies van de grootste klant",
        "gewensteIngangsdatum": TODAY.isoformat(),
        "verwachteEinddatum": (TODAY + dt.timedelta(days=120)).isoformat(),
    },
    "dreigendeSituatie": {"huisuitzetting": False, "afsluitingEnergieOfWater": False, "beslaglegging": False},
    "uitsluitingsgronden": {"urencriterium": True, "rechtmatigGevestigd": True},
    "onderneming": {
        "kvkNummer": "69599084",
        "datumVestiging": "2017-01-08",
        "omschrijvingActiviteiten": "Slagerij met catering",
        "bedrijfspand": "huur",
    },
    "woonsituatie": {"woning": "sociale-huurwoning"},
    "medebewoners": [],
    "inkomen": {
        "zelfstandigenaftrek": True,
        "nettoBedrijfsresultaten": [{"boekjaar": 2024, "bedrag": 3_100_000}, {"boekjaar": 2025, "bedrag": 1_200_000}],
        "inkomstenUitArbeidOfUitkering": False,
        "overigeInkomsten": False,
    },
    "vermogen": {"priveRekeningen": [{"iban": "NL91ABNA0417164300", "saldo": 150_000}]},
    "levensvatbaarheid": {
        "ingeschrevenVoorPeildatum": True,
        "voldoendeWinstReferentiejaar": True,
        "onbetaalbareSchulden": False,
        "zelfvoorzienendBinnenTermijn": True,
    },
    "overig": {"arbeidsongeschiktheidsverzekering": False, "tozoOntvangen": True},
}


def gevestigde_levensonderhoud() -> dict[str, Any]:
    """An established sole trader in Den Haag asking for four months of income support (the green persona)."""
    return copy.deepcopy(_GEVESTIGDE)


def starter() -> dict[str, Any]:
    """A starter registered with the KVK, asking for income support and business capital."""
    body = gevestigde_levensonderhoud()
    body["personalia"].update(burgerservicenummer="999990032", voorletters="S.", voorvoegsel="van", achternaam="Rood")
    body["doelgroep"] = "starter"
    body["aanvraag"].update(
        typeAanvraag="beide",
        bedrag=1_500_000,
        noodzakelijkVoorVoortbestaan=True,
        andereFinancieringsmogelijkheden=False,
    )
    body["onderneming"] = {
        "ingeschreven": True,
        "kvkNummer": "90000749",
        "datumVestiging": "2025-03-01",
        "bedrijfspand": "geen",
        "situatieVoorafgaand": "ww",
        "omschrijvingActiviteiten": "Ontwerpbureau",
    }
    return body


def with_changes(body: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """Set dotted paths, e.g. {"partner.heeftPartner": True}; a value of ... removes the key."""
    result = copy.deepcopy(body)
    for path, value in changes.items():
        *parents, leaf = path.split(".")
        node = result
        for part in parents:
            node = node.setdefault(part, {})
        if value is ...:
            node.pop(leaf, None)
        else:
            node[leaf] = copy.deepcopy(value)
    return result


def besluit_melding() -> dict[str, Any]:
    """A decision as decision-api reports it (a grant of income support, today)."""
    return {
        "besluitId": str(uuid.uuid4()),
        "behandelingId": str(uuid.uuid4()),
        "besluittype": "toekenning",
        "product": "inkomensaanvullende-uitkering",
        "datum": TODAY.isoformat(),
    }
