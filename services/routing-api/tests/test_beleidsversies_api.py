"""The policy API: read, create and activate versions (beleidsbeheerder only); inconsistent versions are
refused with a 400 problem naming the fields."""

import uuid

import httpx
from routing_cases import AUDITOR, OFFICER, POLICY_ADMIN, SERVICE, green_request, policy_json


def own_version(**changes: object) -> dict[str, object]:
    return policy_json(
        **{"id": "0518-2026-proef", "gemeentecode": "0518", "geldigVanaf": "2026-02-01", **changes}  # type: ignore[arg-type]
    )


async def test_the_shipped_versions_are_listed(client: httpx.AsyncClient) -> None:
    listed = (await client.get("/v1/beleidsversies", headers=POLICY_ADMIN)).json()
    assert [v["id"] for v in listed] == ["standaard-2021-q4", "standaard-2022", "standaard-2026"]


async def test_a_version_shows_its_content_hash(client: httpx.AsyncClient) -> None:
    version = (await client.get("/v1/beleidsversies/standaard-2026", headers=AUDITOR)).json()
    assert len(version["inhoudHash"]) == 64


async def test_a_policy_administrator_creates_a_concept_version(client: httpx.AsyncClient) -> None:
    created = await client.post("/v1/beleidsversies", json=own_version(), headers=POLICY_ADMIN)
    assert (created.status_code, created.json()["status"]) == (201, "concept")


async def test_an_officer_may_not_create_a_version(client: httpx.AsyncClient) -> None:
    created = await client.post("/v1/beleidsversies", json=own_version(), headers=OFFICER)
    assert created.status_code == 403


async def test_an_officer_may_not_activate_a_version(client: httpx.AsyncClient) -> None:
    await client.post("/v1/beleidsversies", json=own_version(), headers=POLICY_ADMIN)
    activated = await client.post("/v1/beleidsversies/0518-2026-proef/activering", headers=OFFICER)
    assert activated.status_code == 403


async def test_a_version_id_cannot_be_reused(client: httpx.AsyncClient) -> None:
    await client.post("/v1/beleidsversies", json=own_version(), headers=POLICY_ADMIN)
    again = await client.post("/v1/beleidsversies", json=own_version(omschrijving="Anders"), headers=POLICY_ADMIN)
    assert again.status_code == 409


async def test_an_inconsistent_version_is_refused_naming_every_field(client: httpx.AsyncClient) -> None:
    body = own_version(
        geldigTotEnMet="2026-01-01",
        bijzondereBijstand={
            "drempelPremieArbeidsongeschiktheidPerMaand": 100,
            "gecombineerdPlafondPerMaand": 15000,
            "woonkostenNormdeelPerMaand": 90000,
        },
        vermogenstoets={"vanToepassing": True},
        levensvatbaarheid={
            "peildatumInschrijving": "2025-01-01",
            "referentiejaar": 2024,
            "schuldenjaren": [2025],
            "winstToets": "grensbedrag",
            "maandenZelfvoorzienend": 6,
        },
    )
    refused = await client.post("/v1/beleidsversies", json=body, headers=POLICY_ADMIN)
    assert (refused.status_code, sorted(p["name"] for p in refused.json()["invalidParams"])) == (
        400,
        [
            "bijzondereBijstand.drempelPremieArbeidsongeschiktheidPerMaand",
            "geldigTotEnMet",
            "levensvatbaarheid.peildatumInschrijving",
            "levensvatbaarheid.winstgrensPerJaar",
            "vermogenstoets.grensLiquideMiddelen",
        ],
    )


async def test_a_version_missing_a_norm_is_refused(client: httpx.AsyncClient) -> None:
    body = own_version(inkomensnormen=[{"leefvorm": "alleenstaand", "nettoPerMaand": 139000}])
    refused = await client.post("/v1/beleidsversies", json=body, headers=POLICY_ADMIN)
    assert [p["name"] for p in refused.json()["invalidParams"]] == ["inkomensnormen"]


async def test_a_municipal_condition_with_a_value_of_the_wrong_type_is_refused(client: httpx.AsyncClient) -> None:
    condition = {
        "id": "GM1",
        "omschrijving": "Leeftijd onder 60",
        "feit": "leeftijd",
        "operator": "kleiner",
        "waarde": "zestig",
        "routeAlsNietVoldaan": "rood",
    }
    refused = await client.post(
        "/v1/beleidsversies", json=own_version(aanvullendeVoorwaarden=[condition]), headers=POLICY_ADMIN
    )
    assert [p["name"] for p in refused.json()["invalidParams"]] == ["aanvullendeVoorwaarden.0.waarde"]


async def test_a_municipal_condition_cannot_name_an_unknown_fact(client: httpx.AsyncClient) -> None:
    condition = {
        "id": "GM1",
        "omschrijving": "Code uitvoeren",
        "feit": "__import__('os')",
        "operator": "gelijk",
        "waarde": 1,
        "routeAlsNietVoldaan": "rood",
    }
    refused = await client.post(
        "/v1/beleidsversies", json=own_version(aanvullendeVoorwaarden=[condition]), headers=POLICY_ADMIN
    )
    assert refused.status_code == 400


async def test_a_schema_invalid_version_is_a_400_listing_all_fields(client: httpx.AsyncClient) -> None:
    body = own_version(maandenLevensonderhoudGroen=0, gemeentecode="518")
    refused = await client.post("/v1/beleidsversies", json=body, headers=POLICY_ADMIN)
    assert sorted(p["name"] for p in refused.json()["invalidParams"]) == ["gemeentecode", "maandenLevensonderhoudGroen"]


async def test_a_concept_version_is_not_used_for_determinations(client: httpx.AsyncClient) -> None:
    await client.post("/v1/beleidsversies", json=own_version(maandenLevensonderhoudGroen=3), headers=POLICY_ADMIN)
    determined = await client.post("/v1/routeringen", json=green_request(), headers=SERVICE)
    assert determined.json()["beleidsversie"]["id"] == "standaard-2026"


async def test_an_activated_municipal_version_is_used_for_its_municipality(client: httpx.AsyncClient) -> None:
    await client.post("/v1/beleidsversies", json=own_version(), headers=POLICY_ADMIN)
    await client.post("/v1/beleidsversies/0518-2026-proef/activering", headers=POLICY_ADMIN)
    determined = await client.post("/v1/routeringen", json=green_request(), headers=SERVICE)
    assert determined.json()["beleidsversie"]["id"] == "0518-2026-proef"


async def test_a_version_activated_after_determinations_is_used_by_the_next(client: httpx.AsyncClient) -> None:
    """On PostgreSQL a process keeps the active versions it read; a determination recorded under them checks in
    its own statement that they are still the active ones, and is made again under the new one otherwise."""

    async def determine() -> tuple[int, str]:
        headers = {**SERVICE, "Idempotency-Key": str(uuid.uuid4())}
        determined = await client.post("/v1/routeringen", json=green_request(), headers=headers)
        return determined.status_code, determined.json()["beleidsversie"]["id"]

    before = [await determine() for _ in range(2)]
    await client.post("/v1/beleidsversies", json=own_version(), headers=POLICY_ADMIN)
    await client.post("/v1/beleidsversies/0518-2026-proef/activering", headers=POLICY_ADMIN)
    after = [await determine() for _ in range(2)]
    assert (before, after) == ([(201, "standaard-2026")] * 2, [(201, "0518-2026-proef")] * 2)


async def test_an_activated_municipal_version_is_not_used_before_its_start(client: httpx.AsyncClient) -> None:
    await client.post("/v1/beleidsversies", json=own_version(), headers=POLICY_ADMIN)
    await client.post("/v1/beleidsversies/0518-2026-proef/activering", headers=POLICY_ADMIN)
    determined = await client.post("/v1/routeringen", json=green_request(aanvraagdatum="2026-01-31"), headers=SERVICE)
    assert determined.json()["beleidsversie"]["id"] == "standaard-2026"


async def test_another_municipality_keeps_the_default_version(client: httpx.AsyncClient) -> None:
    await client.post("/v1/beleidsversies", json=own_version(), headers=POLICY_ADMIN)
    await client.post("/v1/beleidsversies/0518-2026-proef/activering", headers=POLICY_ADMIN)
    determined = await client.post("/v1/routeringen", json=green_request(gemeentecode="0363"), headers=SERVICE)
    assert determined.json()["beleidsversie"]["id"] == "standaard-2026"


async def test_the_version_valid_on_the_application_date_is_used(client: httpx.AsyncClient) -> None:
    determined = await client.post("/v1/routeringen", json=green_request(aanvraagdatum="2021-12-31"), headers=SERVICE)
    assert determined.json()["beleidsversie"]["id"] == "standaard-2021-q4"


async def test_a_date_before_any_version_is_a_400(client: httpx.AsyncClient) -> None:
    determined = await client.post("/v1/routeringen", json=green_request(aanvraagdatum="2021-09-30"), headers=SERVICE)
    assert (determined.status_code, determined.json()["invalidParams"][0]["name"]) == (400, "aanvraagdatum")


async def test_of_two_active_versions_starting_the_same_day_the_later_activated_is_used(
    client: httpx.AsyncClient,
) -> None:
    for versie_id in ("0518-a", "0518-b"):
        await client.post("/v1/beleidsversies", json=own_version(id=versie_id), headers=POLICY_ADMIN)
    for versie_id in ("0518-b", "0518-a"):
        await client.post(f"/v1/beleidsversies/{versie_id}/activering", headers=POLICY_ADMIN)
    determined = await client.post("/v1/routeringen", json=green_request(), headers=SERVICE)
    assert determined.json()["beleidsversie"]["id"] == "0518-a"


async def test_a_later_starting_version_takes_over_from_its_start(client: httpx.AsyncClient) -> None:
    await client.post(
        "/v1/beleidsversies", json=own_version(id="0518-vanaf-juni", geldigVanaf="2026-06-01"), headers=POLICY_ADMIN
    )
    await client.post("/v1/beleidsversies", json=own_version(), headers=POLICY_ADMIN)
    await client.post("/v1/beleidsversies/0518-vanaf-juni/activering", headers=POLICY_ADMIN)
    await client.post("/v1/beleidsversies/0518-2026-proef/activering", headers=POLICY_ADMIN)
    determined = await client.post("/v1/routeringen", json=green_request(aanvraagdatum="2026-06-01"), headers=SERVICE)
    assert determined.json()["beleidsversie"]["id"] == "0518-vanaf-juni"
