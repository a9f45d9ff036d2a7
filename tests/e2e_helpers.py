import datetime as dt
import time
from typing import Any

import httpx

VENDOR = {"Authorization": "Bearer demo-vendor-key"}
OFFICER = {"Authorization": "Bearer demo-behandelaar-key"}
TODAY = dt.date.today()


def application(bsn: str, kvk: str, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "gemeentecode": "0518",
        "personalia": {"burgerservicenummer": bsn},
        "betalen": {"iban": "NL91ABNA0417164300"},
        "doelgroep": "gevestigde",
        "aanvraag": {
            "typeAanvraag": "inkomensaanvullende-uitkering",
            "reden": "Omzet tijdelijk weggevallen",
            "gewensteIngangsdatum": TODAY.isoformat(),
            "verwachteEinddatum": (TODAY + dt.timedelta(days=120)).isoformat(),
        },
        "uitsluitingsgronden": {"urencriterium": True, "rechtmatigGevestigd": True},
        "onderneming": {"kvkNummer": kvk},
        "levensvatbaarheid": {
            "ingeschrevenVoorPeildatum": True,
            "voldoendeWinstReferentiejaar": True,
            "onbetaalbareSchulden": False,
            "zelfvoorzienendBinnenTermijn": True,
        },
    }
    body.update(changes)
    return body


def wait_for_status(client: httpx.Client, location: str, statuses: set[str], timeout: float = 30.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        body: dict[str, Any] = client.get(location, headers=VENDOR).json()
        if body["status"] in statuses:
            return body
        if time.monotonic() > deadline:
            raise AssertionError(f"status stayed {body['status']!r}, expected one of {statuses}")
        time.sleep(0.1)
