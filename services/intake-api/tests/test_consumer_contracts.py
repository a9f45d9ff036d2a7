"""intake-api talks to the other services only through their published contracts (openapi/*.json): every
request it builds is validated against the provider's document, so neither side can drift unnoticed."""

import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest

from bbz_common.db import utcnow
from bbz_common.suite import resolve_relative_dates
from intake_api.aanvragen.models import Aanvraag
from intake_api.aanvragen.schemas import AanvraagIndienen
from intake_api.verwerking.mapping import behandeling_request, lookup_request, routing_request

ROOT = Path(__file__).resolve().parents[3]
DEMO = sorted((ROOT / "demo" / "aanvragen").glob("*.json"))
SERVER = "http://provider/v1"


def contract(service: str) -> OpenAPI:
    spec = json.loads((ROOT / "openapi" / f"{service}.json").read_text(encoding="utf-8"))
    spec["servers"] = [{"url": SERVER}]
    return OpenAPI.from_dict(spec)


def enriched(path: Path) -> Aanvraag:
    form = AanvraagIndienen.model_validate(resolve_relative_dates(json.loads(path.read_text()))).model_dump(mode="json")
    source = {"BRP": "BRP", "KVK": "KVK"}
    return Aanvraag(
        id=uuid.uuid4(),
        gemeentecode=form["gemeentecode"],
        burgerservicenummer=form["personalia"]["burgerservicenummer"],
        formulier=form,
        prioriteit=False,
        ontvangen_op=utcnow(),
        registergegevens={
            "persoon": {
                "geboortedatum": {"waarde": form["personalia"]["geboortedatum"], "bron": source["BRP"]},
                "gemeentecode": {"waarde": "0518", "bron": source["BRP"]},
            },
            "huishouden": {
                "aantalMedebewoners21Plus": {"waarde": 0, "bron": source["BRP"]},
                "heeftPartner": {"waarde": False, "bron": source["BRP"]},
            },
            "onderneming": {
                "datumInschrijving": {"waarde": "2017-07-10", "bron": source["KVK"]},
                "sbiCodes": {"waarde": ["10110"], "bron": source["KVK"]},
            },
        },
        routering={
            "routeringId": str(uuid.uuid4()),
            "route": "groen",
            "beleidsversie": "standaard",
            "redenen": ["Alle voorwaarden voor de snelle route zijn voldaan."],
            "regels": [{"regel": "G1", "uitkomst": "voldaan", "toelichting": "Geen uitsluitingsgrond."}],
        },
    )


def assert_valid(service: str, path: str, body: dict[str, Any]) -> None:
    request = MockRequest(SERVER, "post", path, data=json.dumps(body).encode(), content_type="application/json")
    contract(service).validate_request(request)


@pytest.mark.parametrize("demo", DEMO, ids=[p.stem for p in DEMO])
def test_the_register_lookup_request_follows_the_registers_adapter_contract(demo: Path) -> None:
    assert_valid(
        "registers-adapter", "/v1/bbz-gegevens", lookup_request(enriched(demo), "Bbz 2004: beoordelen aanvraag")
    )


@pytest.mark.parametrize("demo", DEMO, ids=[p.stem for p in DEMO])
def test_the_routing_request_follows_the_routing_api_contract(demo: Path) -> None:
    assert_valid("routing-api", "/v1/routeringen", routing_request(enriched(demo)))


@pytest.mark.parametrize("demo", DEMO, ids=[p.stem for p in DEMO])
def test_the_handover_follows_the_decision_api_contract(demo: Path) -> None:
    assert_valid("decision-api", "/v1/behandelingen", behandeling_request(enriched(demo), "test-pseudonym-key"))


def test_the_application_date_is_sent_as_a_date() -> None:
    request = routing_request(enriched(DEMO[0]))

    assert dt.date.fromisoformat(request["aanvraagdatum"]) == utcnow().date()
