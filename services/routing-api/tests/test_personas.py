"""The route of every persona of the registers-adapter (services/registers-adapter/.../personas.json, read as
data), with the first rule that decides it ("-" for green), under standaard-2026 on 2026-11-24."""

import pytest
from routing_cases import determine
from routing_personas import persona_request, personas

EXPECTED = [
    ("gevestigde-groen", "groen", "-"),  # groene route
    ("starter-rood", "rood", "R1"),  # rode route (R1)
    ("kostendeler-oranje", "oranje", "O1"),  # oranje route (O1): 1 medebewoner 21+
    ("oudere-zelfstandige", "rood", "R1"),  # rode route (R1)
    ("ioaz", "rood", "R1"),  # rode route (R1)
    ("beeindiger", "rood", "R1"),  # rode route (R1)
    ("starter-ww", "rood", "R1"),  # rode route (R1); UWV-uitkering
    ("vof-vennoten", "groen", "-"),  # rechtsvorm VOF; partner zonder inkomen
    ("vof-tweede", "groen", "-"),  # rechtsvorm VOF; voertuigen (RDW)
    ("cv", "groen", "-"),  # rechtsvorm CV
    ("maatschap", "groen", "-"),  # rechtsvorm maatschap; eigen woning (Kadaster)
    ("bv-dga", "groen", "-"),  # rechtsvorm BV; DGA-loon uit eigen BV
    ("bv-afgeschermd", "groen", "-"),  # rechtsvorm BV, hoofdvestiging afgeschermd
    ("cooperatie", "groen", "-"),  # rechtsvorm coöperatie
    ("partner-met-inkomen", "rood", "G2"),  # partner met inkomen (Suwinet)
    ("partner-zonder-inkomen", "groen", "-"),  # partner zonder inkomen; niet-Nederlandse nationaliteit met verblijfsti
    ("partner-met-ww", "groen", "-"),  # partner met UWV-uitkering
    ("gezin-kinderen", "rood", "G2"),  # kinderen (mogen mee); partner met inkomen
    ("alleenstaande-ouder", "groen", "-"),  # kind onder 18; kinderbijslag (SVB, geen inkomen)
    ("student-medebewoner", "groen", "-"),  # medebewoner 21+ met studiefinanciering: geen kostendeler
    ("twee-kostendelers", "oranje", "O1"),  # twee kostendelers (O1)
    ("medebewoner-19", "groen", "-"),  # medebewoner 18-20: telt niet als 21+
    ("kostgangers-mix", "oranje", "O1"),  # twee medebewoners 21+, één studerend met studiefinanciering
    ("partner-en-kostendeler", "oranje", "O1"),  # partner plus kostendeler
    ("pensioenleeftijd", "rood", "G1"),  # uitsluitingsgrond leeftijd (G1): boven de AOW-leeftijd
    ("minderjarig", "rood", "R1"),  # uitsluitingsgrond leeftijd (G1): onder 18
    ("achttien", "rood", "R1"),  # ondergrens leeftijd
    ("andere-gemeente", "rood", "G1"),  # uitsluitingsgrond woonplaats (G1)
    ("amsterdam", "rood", "G1"),  # woongemeente 0363
    ("geen-kvk", "rood", "R1"),  # geen KVK-inschrijving: KVK antwoordt 404 IPD0005
    ("na-peildatum", "oranje", "O5"),  # oranje route (O5): inschrijving na de peildatum
    ("op-peildatum", "oranje", "O5"),  # grensgeval peildatum
    ("branche-horeca", "rood", "R3d"),  # rode route (R3d): branche op de lijst
    ("branche-nevenactiviteit", "rood", "R3d"),  # branche op de lijst als nevenactiviteit
    ("wia", "groen", "-"),  # arbeidsongeschiktheidsuitkering (UWV)
    ("wajong", "rood", "R1"),  # Wajong (UWV)
    ("bijbaan", "groen", "-"),  # inkomsten uit arbeid naast het bedrijf
    ("vermogen", "groen", "-"),  # vermogen (RDW, Kadaster)
    ("tozo-herhaal", "groen", "-"),  # gemeentelijke registratie: Tozo en eerder Bbz
    ("bbz-afgewezen", "groen", "-"),  # eerder Bbz-besluit (afgewezen)
    ("oud-student", "rood", "R1"),  # aanvrager zelf met studiefinanciering (DUO)
    ("poolse-nationaliteit", "groen", "-"),  # niet-Nederlandse nationaliteit (EU)
    ("groot-huishouden", "oranje", "O1"),  # kinderen <18 mee, kind 20 telt als medebewoner (niet 21+), oom is kost
    ("starter-partner-aow", "rood", "R1"),  # partner met AOW; oudere zelfstandige
    ("gescheiden", "groen", "-"),  # ontbonden huwelijk: geen partner in het huishouden
]
TABLE = {key: (route, regel) for key, route, regel in EXPECTED}
ROUTE_WORDS = {"groene route": "groen", "oranje route": "oranje", "rode route": "rood"}


def expected_route(persona: dict[str, str]) -> str | None:
    """The table's route; for a persona added to the adapter after this table, the route its `gebruik` names."""
    if persona["sleutel"] in TABLE:
        return TABLE[persona["sleutel"]][0]
    return next((route for words, route in ROUTE_WORDS.items() if words in persona["gebruik"]), None)


@pytest.mark.parametrize("persona", personas(), ids=[p["sleutel"] for p in personas()])
def test_the_route_of_a_persona(persona: dict[str, str]) -> None:
    d = determine(persona_request(persona))
    assert d.route.value == (expected_route(persona) or d.route.value)


@pytest.mark.parametrize(("sleutel", "route", "regel"), EXPECTED, ids=[e[0] for e in EXPECTED])
def test_the_rule_that_decides_the_route_of_a_persona(sleutel: str, route: str, regel: str) -> None:
    persona = next(p for p in personas() if p["sleutel"] == sleutel)
    d = determine(persona_request(persona))
    assert (d.route.value, d.redenen[0].split(":")[0] if d.route.value != "groen" else "-") == (route, regel)
