"""Valid applications to start a test from; each test changes the one thing it is about."""

import copy
import datetime as dt
from typing import Any

TODAY = dt.date.today()


def gevestigde_levensonderhoud() -> dict[str, Any]:
    return copy.deepcopy(
        {
            "gemeentecode": "0518",
            "personalia": {"burgerservicenummer": "999990020"},
            "betalen": {"iban": "NL91ABNA0417164300"},
            "doelgroep": "gevestigde",
            "aanvraag": {
                "typeAanvraag": "inkomensaanvullende-uitkering",
                "reden": "Omzet tijdelijk weggevallen",
                "gewensteIngangsdatum": TODAY.isoformat(),
                "verwachteEinddatum": (TODAY + dt.timedelta(days=120)).isoformat(),
            },
            "uitsluitingsgronden": {"urencriterium": True, "rechtmatigGevestigd": True},
            "onderneming": {"kvkNummer": "69599084"},
            "levensvatbaarheid": {
                "ingeschrevenVoorPeildatum": True,
                "voldoendeWinstReferentiejaar": True,
                "onbetaalbareSchulden": False,
                "zelfvoorzienendBinnenTermijn": True,
            },
        }
    )
