"""Determinations over HTTP: recorded, retrievable, deterministic, re-determinable, overridable with a reason."""

import httpx
from routing_cases import AUDITOR, OFFICER, POLICY_ADMIN, SERVICE, change, green_request

STABLE = ("route", "redenen", "regels", "beleidsversie", "deelroutes", "invoerHash")


def stable(body: dict[str, object]) -> dict[str, object]:
    return {k: body[k] for k in STABLE}


async def test_a_determination_is_recorded_and_can_be_fetched(client: httpx.AsyncClient) -> None:
    created = (await client.post("/v1/routeringen", json=green_request(), headers=SERVICE)).json()
    fetched = (await client.get(f"/v1/routeringen/{created['id']}", headers=AUDITOR)).json()
    assert fetched == created


async def test_a_determination_records_the_policy_version_and_its_hash(client: httpx.AsyncClient) -> None:
    created = (await client.post("/v1/routeringen", json=green_request(), headers=SERVICE)).json()
    version = (await client.get("/v1/beleidsversies/standaard-2026", headers=AUDITOR)).json()
    assert created["beleidsversie"] == {"id": "standaard-2026", "inhoudHash": version["inhoudHash"]}


async def test_the_same_facts_give_the_same_determination(client: httpx.AsyncClient) -> None:
    first = (await client.post("/v1/routeringen", json=green_request(), headers=SERVICE)).json()
    second = (await client.post("/v1/routeringen", json=green_request(), headers=SERVICE)).json()
    assert stable(first) == stable(second)


async def test_a_rule_lists_its_inputs_with_source(client: httpx.AsyncClient) -> None:
    created = (await client.post("/v1/routeringen", json=green_request(), headers=SERVICE)).json()
    g10a = next(r for r in created["regels"] if r["regel"] == "G10a")
    assert {"naam": "kvkInschrijving", "waarde": "2017-07-10", "bron": "KVK"} in g10a["invoer"]


async def test_a_split_request_answers_with_a_route_per_product(client: httpx.AsyncClient) -> None:
    body = change(green_request(), **{"aanvraag.typeAanvraag": "beide", "aanvraag.bedrag": 500000})
    created = (await client.post("/v1/routeringen", json=body, headers=SERVICE)).json()
    assert [(d["product"], d["route"]) for d in created["deelroutes"]] == [
        ("inkomensaanvullende-uitkering", "groen"),
        ("bedrijfskapitaal", "rood"),
    ]


async def test_an_unknown_field_is_a_400(client: httpx.AsyncClient) -> None:
    body = change(green_request(), **{"antwoorden.vermogen": 12})
    refused = await client.post("/v1/routeringen", json=body, headers=SERVICE)
    assert (refused.status_code, refused.json()["invalidParams"][0]["name"]) == (400, "antwoorden.vermogen")


async def test_the_same_idempotency_key_gives_the_same_determination(client: httpx.AsyncClient) -> None:
    headers = {**SERVICE, "Idempotency-Key": "route-1"}
    first = (await client.post("/v1/routeringen", json=green_request(), headers=headers)).json()
    second = (await client.post("/v1/routeringen", json=green_request(), headers=headers)).json()
    assert first["id"] == second["id"]


async def test_a_redetermination_under_another_version_is_linked_to_the_first(client: httpx.AsyncClient) -> None:
    created = (await client.post("/v1/routeringen", json=green_request(), headers=SERVICE)).json()
    again = await client.post(
        f"/v1/routeringen/{created['id']}/herbepalingen",
        json={"beleidsversieId": "standaard-2022", "reden": "Vergelijking met het beleid van 2022"},
        headers=OFFICER,
    )
    assert (again.status_code, again.json()["herbepalingVan"], again.json()["beleidsversie"]["id"]) == (
        201,
        created["id"],
        "standaard-2022",
    )


async def test_a_redetermination_with_the_same_version_gives_the_same_route(client: httpx.AsyncClient) -> None:
    created = (await client.post("/v1/routeringen", json=green_request(), headers=SERVICE)).json()
    again = (
        await client.post(f"/v1/routeringen/{created['id']}/herbepalingen", json={"reden": "Controle"}, headers=OFFICER)
    ).json()
    assert stable(again) == stable(created)


async def test_an_officer_overrides_a_route_with_a_reason_recorded_with_who(client: httpx.AsyncClient) -> None:
    created = (await client.post("/v1/routeringen", json=green_request(), headers=SERVICE)).json()
    await client.post(
        f"/v1/routeringen/{created['id']}/overschrijving",
        json={"route": "rood", "reden": "Signaal van het Inlichtingenbureau over vermogen"},
        headers=OFFICER,
    )
    fetched = (await client.get(f"/v1/routeringen/{created['id']}", headers=AUDITOR)).json()
    assert (fetched["route"], fetched["geldendeRoute"], fetched["overschrijving"]["door"]) == (
        "groen",
        "rood",
        "demo-behandelaar",
    )


async def test_an_override_without_a_reason_is_refused(client: httpx.AsyncClient) -> None:
    created = (await client.post("/v1/routeringen", json=green_request(), headers=SERVICE)).json()
    refused = await client.post(
        f"/v1/routeringen/{created['id']}/overschrijving", json={"route": "rood"}, headers=OFFICER
    )
    assert refused.status_code == 400


async def test_a_policy_administrator_cannot_override_a_route(client: httpx.AsyncClient) -> None:
    created = (await client.post("/v1/routeringen", json=green_request(), headers=SERVICE)).json()
    refused = await client.post(
        f"/v1/routeringen/{created['id']}/overschrijving",
        json={"route": "rood", "reden": "Zomaar een andere route"},
        headers=POLICY_ADMIN,
    )
    assert refused.status_code == 403


async def test_an_unknown_determination_is_a_404(client: httpx.AsyncClient) -> None:
    fetched = await client.get("/v1/routeringen/00000000-0000-4000-8000-000000000000", headers=AUDITOR)
    assert fetched.status_code == 404
