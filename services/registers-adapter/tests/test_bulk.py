"""Several look-ups in one request (POST /v1/bbz-gegevens/bulk): each is answered as POST /v1/bbz-gegevens
would answer it alone, with its own processing records; a failing register fails only its own look-up."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from registers_helpers import AUDITOR, DOELBINDING, SERVICE, bsn_of, household_bsns, persona

from bbz_common.testing import AUDITOR_KEY, VENDOR_KEY, auth, running_app
from registers_adapter.config import Settings
from registers_adapter.main import create_app

KVK_UNAVAILABLE = "90002903"  # the KVK test environment's number that answers 503


def verzoek(key: str, **changes: Any) -> dict[str, Any]:
    """The single endpoint's body for a persona, as intake-api sends it."""
    p = persona(key)
    body: dict[str, Any] = {"burgerservicenummer": p["burgerservicenummer"], "doelbinding": DOELBINDING}
    if p["kvkNummer"]:
        body["kvkNummer"] = p["kvkNummer"]
    body.update(changes)
    return body


async def bulk(client: httpx.AsyncClient, *verzoeken: dict[str, Any], **item: Any) -> httpx.Response:
    body = {"verzoeken": [{"verzoek": v, **item} for v in verzoeken]}
    return await client.post("/v1/bbz-gegevens/bulk", json=body, headers=SERVICE)


async def single(client: httpx.AsyncClient, body: dict[str, Any]) -> httpx.Response:
    return await client.post("/v1/bbz-gegevens", json=body, headers=SERVICE)


async def records(client: httpx.AsyncClient, aanvraag: str) -> list[dict[str, Any]]:
    response = await client.get("/v1/verwerkingen", params={"aanvraagId": aanvraag}, headers=AUDITOR)
    assert response.status_code == 200
    result: list[dict[str, Any]] = response.json()
    return result


def names(rows: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return sorted((str(r["naam"]), str(r["status"])) for r in rows)


async def test_each_look_up_is_answered_in_order_as_the_single_endpoint_answers_it(
    client: httpx.AsyncClient,
) -> None:
    bodies = [verzoek(k) for k in ("partner-met-inkomen", "gevestigde-groen", "kostendeler-oranje", "geen-kvk")]
    singly = [(200, (await single(client, b)).json()) for b in bodies]

    response = await bulk(client, *bodies)

    assert [(r["status"], r["resultaat"]) for r in response.json()["resultaten"]] == singly


async def test_a_person_unknown_to_the_brp_is_answered_as_not_found_among_the_others(
    client: httpx.AsyncClient,
) -> None:
    response = await bulk(
        client, verzoek("gevestigde-groen"), {"burgerservicenummer": "999990019", "doelbinding": DOELBINDING}
    )

    assert [r["resultaat"]["persoon"]["gevonden"] for r in response.json()["resultaten"]] == [True, False]


async def test_an_unavailable_register_is_that_look_ups_503_and_the_others_are_answered(
    client: httpx.AsyncClient,
) -> None:
    response = await bulk(
        client,
        verzoek("gevestigde-groen"),
        verzoek("gevestigde-groen", kvkNummer=KVK_UNAVAILABLE),
        verzoek("partner-met-inkomen"),
    )

    results = response.json()["resultaten"]
    assert [(r["status"], (r.get("probleem") or {}).get("code")) for r in results] == [
        (200, None),
        (503, "upstream_unavailable"),
        (200, None),
    ]


async def test_the_problem_of_a_failing_look_up_is_the_single_endpoints_problem(client: httpx.AsyncClient) -> None:
    body = verzoek("gevestigde-groen", kvkNummer=KVK_UNAVAILABLE)
    alone = (await single(client, body)).json()

    probleem = (await bulk(client, body)).json()["resultaten"][0]["probleem"]

    fields = ("status", "title", "code", "detail")
    assert [probleem[f] for f in fields] == [alone[f] for f in fields]


async def test_the_reads_of_a_failing_look_up_are_committed_with_status_error(client: httpx.AsyncClient) -> None:
    aanvraag = str(uuid.uuid4())

    await bulk(
        client, verzoek("gevestigde-groen", aanvraagId=aanvraag, kvkNummer=KVK_UNAVAILABLE), verzoek("amsterdam")
    )

    assert [r["naam"] for r in await records(client, aanvraag) if r["status"] == "Error"] == [
        "Raadplegen basisprofiel (KVK)"
    ]


async def test_a_register_that_refuses_the_adapter_is_each_look_ups_502(settings: Settings) -> None:
    gemeente = settings.gemeente.model_copy(update={"api_key": SecretStr("wrong")})
    async with running_app(create_app(settings.model_copy(update={"gemeente": gemeente}))) as client:
        response = await bulk(client, verzoek("gevestigde-groen"), verzoek("amsterdam"))

    results = response.json()["resultaten"]
    assert [(r["status"], r["probleem"]["code"]) for r in results] == [(502, "upstream_rejected")] * 2


async def test_each_look_up_has_the_processing_records_of_a_single_look_up(client: httpx.AsyncClient) -> None:
    keys = ("partner-met-inkomen", "kostendeler-oranje")
    alone = [str(uuid.uuid4()) for _ in keys]
    in_bulk = [str(uuid.uuid4()) for _ in keys]
    for key, aanvraag in zip(keys, alone, strict=True):
        await single(client, verzoek(key, aanvraagId=aanvraag))

    await bulk(client, *(verzoek(key, aanvraagId=aanvraag) for key, aanvraag in zip(keys, in_bulk, strict=True)))

    assert [names(await records(client, a)) for a in in_bulk] == [names(await records(client, a)) for a in alone]


async def test_an_idempotency_key_is_accepted_and_ignored_a_repeated_look_up_reads_again(
    client: httpx.AsyncClient,
) -> None:
    aanvraag = str(uuid.uuid4())
    body = verzoek("gevestigde-groen", aanvraagId=aanvraag)

    response = await bulk(client, body, body, idempotencyKey="look-up-1")

    persons_read = [r for r in await records(client, aanvraag) if r["naam"] == "Raadplegen persoon (BRP)"]
    assert ([r["status"] for r in response.json()["resultaten"]], len(persons_read)) == ([200, 200], 2)


async def test_an_invalid_look_up_refuses_the_whole_bulk_naming_the_field_and_reads_nothing(
    client: httpx.AsyncClient,
) -> None:
    aanvraag = str(uuid.uuid4())
    valid = verzoek("gevestigde-groen", aanvraagId=aanvraag)
    no_purpose = {"burgerservicenummer": bsn_of("amsterdam")}

    response = await bulk(client, valid, {**valid, "burgerservicenummer": "123456789"}, no_purpose)

    invalid = sorted(p["name"] for p in response.json()["invalidParams"])
    assert (response.status_code, invalid, await records(client, aanvraag)) == (
        400,
        ["verzoeken.1.verzoek.burgerservicenummer", "verzoeken.2.verzoek.doelbinding"],
        [],
    )


@pytest.mark.parametrize("key", [VENDOR_KEY, AUDITOR_KEY])
async def test_a_caller_without_the_role_may_not_look_up_in_bulk(client: httpx.AsyncClient, key: str) -> None:
    body = {"verzoeken": [{"verzoek": verzoek("gevestigde-groen")}]}

    response = await client.post("/v1/bbz-gegevens/bulk", json=body, headers=auth(key))

    assert response.status_code == 403


async def test_a_bulk_logs_no_bsn(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    keys = ("groot-huishouden", "partner-met-inkomen")
    async with running_app(create_app(settings.model_copy(update={"log_json": True}))) as client:
        capsys.readouterr()
        await bulk(client, *(verzoek(k) for k in keys), verzoek("gevestigde-groen", kvkNummer=KVK_UNAVAILABLE))
    logged = capsys.readouterr()
    bsns = {bsn for k in (*keys, "gevestigde-groen") for bsn in (bsn_of(k), *household_bsns(k))}
    assert [bsn for bsn in bsns if bsn in logged.out + logged.err] == []


async def test_a_bulk_logs_one_summary_line_per_look_up(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    async with running_app(create_app(settings.model_copy(update={"log_json": True}))) as client:
        capsys.readouterr()
        await bulk(client, verzoek("gevestigde-groen"), verzoek("gevestigde-groen", kvkNummer=KVK_UNAVAILABLE))
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    # The look-ups of a bulk run concurrently: their lines come in the order they finish.
    assert sorted(e["outcome"] for e in lines if e["event"] == "bbz_lookup") == ["ok", "upstream_unavailable"]


async def test_the_processing_records_of_a_bulks_look_ups_are_written_in_one_transaction(settings: Settings) -> None:
    app = create_app(settings)
    commits = []
    app.state.db.after_commit_hooks.append(commits.append)
    keys = ("partner-met-inkomen", "kostendeler-oranje", "gevestigde-groen")
    aanvragen = [str(uuid.uuid4()) for _ in keys]
    async with running_app(app) as client:
        await bulk(client, *(verzoek(key, aanvraagId=a) for key, a in zip(keys, aanvragen, strict=True)))
        transactions = len(commits)
        stored = [len(await records(client, a)) > 0 for a in aanvragen]

    assert (transactions, stored) == (1, [True, True, True])
