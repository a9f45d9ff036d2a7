"""The what-if's route only (which stops at the first red reason) is always the route of the full determination."""

import json
import random
from typing import Any

import pytest
from routing_batch import mixed_application
from routing_cases import change, policy, policy_with
from routing_personas import persona_request, personas

from routing_api.beleid.schemas import BeleidsversieInhoud
from routing_api.regels.afhandelroutes import bepaal_alleen_route, bepaal_route
from routing_api.routering.schemas import RouteringVerzoek

MUNICIPAL = policy_with(
    aanvullendeVoorwaarden=[
        {
            "id": "GM1",
            "omschrijving": "Inkomsten buiten de onderneming ten hoogste 500 euro per maand",
            "feit": "inkomstenPerMaand",
            "operator": "kleiner-of-gelijk",
            "waarde": 50000,
            "routeAlsNietVoldaan": "rood",
        },
        {
            "id": "GM2",
            "omschrijving": "Geen Tozo ontvangen",
            "feit": "tozoOntvangen",
            "operator": "gelijk",
            "waarde": False,
            "routeAlsNietVoldaan": "oranje",
        },
    ]
)
POLICIES = {
    "standaard-2021-q4": policy("standaard-2021-q4"),
    "standaard-2022": policy("standaard-2022"),
    "standaard-2026": policy("standaard-2026"),
    "municipal red and orange conditions": MUNICIPAL,
}


def applications() -> list[RouteringVerzoek]:
    """Generated applications, personas, and variants with answers and register values left out at random (so
    that every rule is also unknown now and then) and with other target groups and types of request."""
    rng = random.Random(2004)
    bodies: list[dict[str, Any]] = [mixed_application(rng) for _ in range(300)]
    bodies += [persona_request(p) for p in personas()]
    for _ in range(900):
        body = json.loads(json.dumps(rng.choice(bodies)))
        for section in ("antwoorden", "registers"):
            for key in list(body.get(section, {})):
                if rng.random() < 0.15:
                    del body[section][key]
        if rng.random() < 0.2:
            body = change(body, doelgroep=rng.choice(["starter", "gevestigde", "ioaz", "oudere-zelfstandige"]))
        if rng.random() < 0.1:
            body = change(body, **{"aanvraag.typeAanvraag": rng.choice(["bedrijfskapitaal", "beide"])})
        if rng.random() < 0.8:
            body = change(body, **{"antwoorden.tozoOntvangen": rng.random() < 0.2})
        bodies.append(body)
    return [RouteringVerzoek.model_validate(b) for b in bodies]


APPLICATIONS = applications()


@pytest.mark.parametrize("name", sorted(POLICIES))
def test_the_route_only_equals_the_route_of_the_full_determination(name: str) -> None:
    beleid: BeleidsversieInhoud = POLICIES[name]
    differing = [
        i for i, v in enumerate(APPLICATIONS) if bepaal_alleen_route(v, beleid) is not bepaal_route(v, beleid).route
    ]
    assert differing == []


@pytest.mark.parametrize("name", sorted(POLICIES))
def test_the_generated_applications_reach_every_route(name: str) -> None:
    routes = {bepaal_route(v, POLICIES[name]).route.value for v in APPLICATIONS}
    assert routes == {"groen", "oranje", "rood"}
