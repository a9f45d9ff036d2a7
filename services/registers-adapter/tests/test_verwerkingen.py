"""Every register read is a processing record (Logboek Dataverwerkingen) that an auditor can list, per
application and per person; the records hold a pseudonym, never the BSN."""

from __future__ import annotations

import uuid

import httpx
from registers_helpers import AUDITOR, SERVICE, bsn_of, lookup
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import create_async_engine

from bbz_common.testing import running_app
from registers_adapter.config import Settings
from registers_adapter.main import create_app
from registers_adapter.personas import store


def adult_son_of_kostendeler_oranje() -> str:
    aanvrager = store.persoon(bsn_of("kostendeler-oranje"))
    assert aanvrager is not None
    return str(aanvrager["kinderen"][0])


async def records_of_application(client: httpx.AsyncClient, aanvraag_id: uuid.UUID) -> list[dict[str, object]]:
    response = await client.get("/v1/verwerkingen", params={"aanvraagId": str(aanvraag_id)}, headers=AUDITOR)
    assert response.status_code == 200
    result: list[dict[str, object]] = response.json()
    return result


async def test_every_register_read_of_a_look_up_is_recorded(client: httpx.AsyncClient) -> None:
    aanvraag = uuid.uuid4()
    await lookup(client, "partner-met-inkomen", aanvraagId=str(aanvraag))
    names = sorted(str(r["naam"]) for r in await records_of_application(client, aanvraag))
    assert names == sorted(
        [
            "Raadplegen basisprofiel (KVK)",
            "Raadplegen inkomstenverhoudingen (UWV)",
            "Raadplegen inkomstenverhoudingen (UWV)",  # the partner's
            "Raadplegen onroerende zaken (Kadaster)",
            "Raadplegen onroerende zaken (Kadaster)",  # the partner's
            "Raadplegen persoon (BRP)",
            "Raadplegen studiefinanciering (DUO)",
            "Raadplegen Tozo- en Bbz-historie",
            "Raadplegen uitkeringen (SVB)",
            "Raadplegen uitkeringen (SVB)",  # the partner's
            "Raadplegen voertuigen (RDW)",
            "Raadplegen voertuigen (RDW)",  # the partner's
            "Zoeken bewoners van het adres (BRP)",
        ]
    )


async def test_a_record_carries_who_asked_why_and_for_which_trace(client: httpx.AsyncClient) -> None:
    aanvraag = uuid.uuid4()
    body = {"burgerservicenummer": bsn_of("gevestigde-groen"), "aanvraagId": str(aanvraag), "doelbinding": "Bbz 2004"}
    await client.post("/v1/bbz-gegevens", json=body, headers={**SERVICE, "X-Request-ID": "trace-abc-12345"})
    record = (await records_of_application(client, aanvraag))[0]
    assert (record["afnemer"], record["doelbinding"], record["traceId"], record["status"]) == (
        "intake-api",
        "Bbz 2004",
        "trace-abc-12345",
        "Ok",
    )


async def test_a_co_residents_processing_is_recorded_under_their_own_pseudonym(client: httpx.AsyncClient) -> None:
    await lookup(client, "kostendeler-oranje")
    son = adult_son_of_kostendeler_oranje()
    response = await client.post("/v1/verwerkingen/zoeken", json={"burgerservicenummer": son}, headers=AUDITOR)
    assert {r["naam"] for r in response.json()} == {"Tellen medebewoner (BRP)", "Raadplegen studiefinanciering (DUO)"}


async def test_a_co_residents_records_are_child_actions_of_the_address_search(client: httpx.AsyncClient) -> None:
    aanvraag = uuid.uuid4()
    await lookup(client, "kostendeler-oranje", aanvraagId=str(aanvraag))
    records = await records_of_application(client, aanvraag)
    search = next(r for r in records if r["naam"] == "Zoeken bewoners van het adres (BRP)")
    children = [r for r in records if r["parentSpanId"] is not None]
    assert {r["parentSpanId"] for r in children} == {search["spanId"]}


async def test_the_records_never_hold_a_bsn(client: httpx.AsyncClient, settings: Settings) -> None:
    await lookup(client, "kostendeler-oranje")
    engine = create_async_engine(settings.resolved_database_url())
    async with engine.connect() as connection:
        rows = (await connection.execute(text("SELECT * FROM verwerkingen"))).all()
    await engine.dispose()
    assert not any(
        bsn in str(row) for row in rows for bsn in (bsn_of("kostendeler-oranje"), adult_son_of_kostendeler_oranje())
    )


async def test_only_an_auditor_may_list_records(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/verwerkingen", params={"aanvraagId": str(uuid.uuid4())}, headers=SERVICE)
    assert response.status_code == 403


async def test_a_look_ups_records_are_written_in_one_statement(settings: Settings) -> None:
    app = create_app(settings)
    statements: list[str] = []
    event.listen(app.state.db.engine.sync_engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    async with running_app(app) as client:
        await lookup(client, "partner-met-inkomen")  # 13 records
    assert [s.split()[0] for s in statements] == ["INSERT"]
