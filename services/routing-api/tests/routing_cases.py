"""Builders for route requests and policy versions: a complete green application by default, changed per
scenario with `change(...)` (dot-separated paths)."""

from __future__ import annotations

import copy
import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

from routing_api.beleid.schemas import BeleidsversieInhoud
from routing_api.regels.afhandelroutes import Bepaling, Regeluitkomst, bepaal_route
from routing_api.routering.schemas import RouteringVerzoek

VERSIES = Path(__file__).resolve().parents[1] / "src" / "routing_api" / "beleid" / "versies"
APPLIED = dt.date(2026, 3, 2)  # under standaard-2026
SERVICE = {"Authorization": "Bearer demo-intake-service-key"}
POLICY_ADMIN = {"Authorization": "Bearer demo-beleid-key"}
OFFICER = {"Authorization": "Bearer demo-behandelaar-key"}
AUDITOR = {"Authorization": "Bearer demo-auditor-key"}


def green_request(**top: Any) -> dict[str, Any]:
    """Every green condition of standaard-2026 holds: an established, single entrepreneur in 0518."""
    body: dict[str, Any] = {
        "gemeentecode": "0518",
        "aanvraagdatum": APPLIED.isoformat(),
        "doelgroep": "gevestigde",
        "aanvraag": {
            "typeAanvraag": "inkomensaanvullende-uitkering",
            "gewensteIngangsdatum": "2026-03-09",
            "verwachteEinddatum": "2026-07-31",
        },
        "antwoorden": {
            "urencriterium": True,
            "rechtmatigGevestigd": True,
            "ingeschrevenVoorPeildatum": True,
            "voldoendeWinstReferentiejaar": True,
            "onbetaalbareSchulden": False,
            "zelfvoorzienendBinnenTermijn": True,
            "arbeidsongeschiktheidsverzekering": False,
            "partner": False,
            "inkomsten": [],
            "liquideMiddelen": 250000,
            "woonsituatie": {"woning": "sociale-huurwoning"},
            "medebewoners": [],
        },
        "registers": {
            "geboortedatum": {"waarde": "1975-03-14", "bron": "BRP"},
            "woongemeentecode": {"waarde": "0518", "bron": "BRP"},
            "kvkInschrijving": {"waarde": "2017-07-10", "bron": "KVK"},
            "kvkSbiCodes": {"waarde": ["10110"], "bron": "KVK"},
            "aantalMedebewoners21Plus": {"waarde": 0, "bron": "BRP"},
            "heeftPartner": {"waarde": False, "bron": "BRP"},
        },
    }
    body.update(top)
    return body


def change(body: dict[str, Any], **paths: Any) -> dict[str, Any]:
    """A copy with values set by dotted path (`antwoorden__premiePerMaand=...` also works); None removes."""
    out = copy.deepcopy(body)
    for raw, value in paths.items():
        keys = raw.replace("__", ".").split(".")
        target = out
        for k in keys[:-1]:
            target = target.setdefault(k, {})
        if value is None:
            target.pop(keys[-1], None)
        else:
            target[keys[-1]] = value
    return out


@cache
def policy(name: str) -> BeleidsversieInhoud:
    return BeleidsversieInhoud.model_validate_json((VERSIES / f"{name}.json").read_text())


def policy_json(name: str = "standaard-2026", **paths: Any) -> dict[str, Any]:
    return change(json.loads((VERSIES / f"{name}.json").read_text()), **paths)


def policy_with(name: str = "standaard-2026", **paths: Any) -> BeleidsversieInhoud:
    return BeleidsversieInhoud.model_validate(policy_json(name, **paths))


def determine(body: dict[str, Any], beleid: BeleidsversieInhoud | None = None) -> Bepaling:
    return bepaal_route(RouteringVerzoek.model_validate(body), beleid or policy("standaard-2026"))


def rule(body: dict[str, Any], regel: str, beleid: BeleidsversieInhoud | None = None) -> Regeluitkomst:
    return next(r for r in determine(body, beleid).regels if r.regel == regel)


def outcome(body: dict[str, Any], regel: str, beleid: BeleidsversieInhoud | None = None) -> str:
    return rule(body, regel, beleid).uitkomst.value


def route(body: dict[str, Any], beleid: BeleidsversieInhoud | None = None) -> str:
    return determine(body, beleid).route.value
