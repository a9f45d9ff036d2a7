"""The application's lifecycle after submission: repair period, corrections as versions, renewals,
and the pre-check's warnings that never refuse an application."""

import datetime as dt
import uuid
from typing import Any

import httpx
from intake_factories import TODAY, besluit_melding, gevestigde_levensonderhoud, with_changes
from sqlalchemy import update

from bbz_common.db import Database
from bbz_common.testing import DECISION_SERVICE_KEY, OTHER_VENDOR_KEY, VENDOR_KEY, auth
from intake_api.aanvragen.models import Aanvraag
from intake_api.config import Settings


async def submitted(client: httpx.AsyncClient, body: dict[str, Any] | None = None) -> str:
    response = await client.post("/v1/aanvragen", json=body or gevestigde_levensonderhoud(), headers=auth(VENDOR_KEY))
    assert response.status_code == 201, response.text
    return str(response.headers["Location"])


async def report(client: httpx.AsyncClient, location: str, what: str, body: dict[str, Any]) -> httpx.Response:
    return await client.post(f"{location}/{what}", json=body, headers=auth(DECISION_SERVICE_KEY))


async def handed_over(location: str, settings: Settings) -> None:
    """Put the application where the pipeline would have: with decision-api (in-behandeling)."""
    db = Database(settings.resolved_database_url())
    async with db.transaction() as session:
        await session.execute(
            update(Aanvraag).where(Aanvraag.id == uuid.UUID(location.rsplit("/", 1)[1])).values(status="in-behandeling")
        )
    await db.dispose()


async def test_a_request_to_complete_the_application_shows_the_repair_period_to_the_vendor(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    location = await submitted(client)
    await handed_over(location, settings)
    until = (TODAY + dt.timedelta(days=14)).isoformat()
    await report(
        client,
        location,
        "statusmeldingen",
        {"status": "hersteltermijn", "toelichting": "Jaarstukken 2025", "termijnTot": until},
    )

    application = (await client.get(location, headers=auth(VENDOR_KEY))).json()

    assert (application["status"], application["statusHistorie"][-1]["toelichting"]) == (
        "hersteltermijn",
        f"Jaarstukken 2025 (tot {until})",
    )


async def test_a_decision_is_reported_once_however_often_it_is_sent(client: httpx.AsyncClient) -> None:
    location = await submitted(client)
    melding = besluit_melding()
    await report(client, location, "besluiten", melding)
    await report(client, location, "besluiten", melding)

    application = (await client.get(location, headers=auth(VENDOR_KEY))).json()

    assert (application["status"], len(application["besluiten"])) == ("besloten", 1)


async def test_a_decision_reported_before_intake_stored_the_hand_over_still_shows_the_treatment_first(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    location = await submitted(client)
    db = Database(settings.resolved_database_url())
    async with db.transaction() as session:  # routed; decision-api decides before intake stores its answer
        await session.execute(
            update(Aanvraag).where(Aanvraag.id == uuid.UUID(location.rsplit("/", 1)[1])).values(status="gerouteerd")
        )
    await db.dispose()
    await report(client, location, "besluiten", besluit_melding())

    application = (await client.get(location, headers=auth(VENDOR_KEY))).json()

    assert [h["status"] for h in application["statusHistorie"]][-2:] == ["in-behandeling", "besloten"]


async def test_a_decision_reported_with_prefer_return_minimal_is_recorded_and_answered_without_a_body(
    client: httpx.AsyncClient,
) -> None:
    location = await submitted(client)
    response = await client.post(
        f"{location}/besluiten",
        json=besluit_melding(),
        headers={**auth(DECISION_SERVICE_KEY), "Prefer": "return=minimal"},
    )

    application = (await client.get(location, headers=auth(VENDOR_KEY))).json()

    assert (response.status_code, response.content, response.headers["Preference-Applied"], application["status"]) == (
        204,
        b"",
        "return=minimal",
        "besloten",
    )


async def test_only_a_service_may_report_a_decision(client: httpx.AsyncClient) -> None:
    location = await submitted(client)

    response = await client.post(f"{location}/besluiten", json=besluit_melding(), headers=auth(VENDOR_KEY))

    assert response.status_code == 403


async def test_a_correction_is_a_new_version_and_the_history_keeps_the_first(client: httpx.AsyncClient) -> None:
    location = await submitted(client)
    corrected = with_changes(gevestigde_levensonderhoud(), {"contact.emailadres": "nieuw@example.nl"})
    await client.post(
        f"{location}/correcties",
        json={"reden": "Typfout in e-mailadres", "formulier": corrected},
        headers=auth(VENDOR_KEY),
    )

    versions = (await client.get(f"{location}/versies", headers=auth(VENDOR_KEY))).json()

    assert [(v["versie"], v["formulier"]["contact"]["emailadres"]) for v in versions] == [
        (1, "d.groen@example.nl"),
        (2, "nieuw@example.nl"),
    ]


async def test_a_correction_cannot_change_the_applicant(client: httpx.AsyncClient) -> None:
    location = await submitted(client)
    other = with_changes(gevestigde_levensonderhoud(), {"personalia.burgerservicenummer": "999990044"})

    response = await client.post(
        f"{location}/correcties", json={"reden": "Andere persoon", "formulier": other}, headers=auth(VENDOR_KEY)
    )

    assert response.status_code == 409


async def test_a_decided_application_cannot_be_corrected(client: httpx.AsyncClient) -> None:
    location = await submitted(client)
    await report(client, location, "besluiten", besluit_melding())

    response = await client.post(
        f"{location}/correcties",
        json={"reden": "Te laat", "formulier": gevestigde_levensonderhoud()},
        headers=auth(VENDOR_KEY),
    )

    assert response.status_code == 409


async def test_a_vendor_cannot_correct_another_vendors_application(client: httpx.AsyncClient) -> None:
    location = await submitted(client)

    response = await client.post(
        f"{location}/correcties",
        json={"reden": "x", "formulier": gevestigde_levensonderhoud()},
        headers=auth(OTHER_VENDOR_KEY),
    )

    assert response.status_code == 404


async def test_a_renewal_links_to_the_earlier_application_and_reuses_its_answers(client: httpx.AsyncClient) -> None:
    location = await submitted(client)
    start = (TODAY + dt.timedelta(days=121)).isoformat()
    end = (TODAY + dt.timedelta(days=240)).isoformat()
    patch = {"aanvraag": {"gewensteIngangsdatum": start, "verwachteEinddatum": end, "reden": "Herstel duurt langer"}}

    renewed = await client.post(f"{location}/verlengingen", json={"wijzigingen": patch}, headers=auth(VENDOR_KEY))
    application = (await client.get(renewed.headers["Location"], headers=auth(VENDOR_KEY))).json()

    assert (application["verlengingVan"], application["formulier"]["onderneming"]["kvkNummer"]) == (
        location.rsplit("/", 1)[1],
        "69599084",
    )


async def test_an_invalid_renewal_names_the_fields_of_the_patch(client: httpx.AsyncClient) -> None:
    location = await submitted(client)

    response = await client.post(
        f"{location}/verlengingen",
        json={"wijzigingen": {"aanvraag": {"typeAanvraag": "bedrijfskapitaal"}}},
        headers=auth(VENDOR_KEY),
    )

    assert {p["name"] for p in response.json()["invalidParams"]} == {
        "wijzigingen.aanvraag.bedrag",
        "wijzigingen.aanvraag.noodzakelijkVoorVoortbestaan",
        "wijzigingen.aanvraag.andereFinancieringsmogelijkheden",
    }


async def test_an_exclusion_ground_is_a_warning_and_the_application_is_still_accepted(
    client: httpx.AsyncClient,
) -> None:
    location = await submitted(
        client, with_changes(gevestigde_levensonderhoud(), {"uitsluitingsgronden.urencriterium": False})
    )

    application = (await client.get(location, headers=auth(VENDOR_KEY))).json()

    assert (application["status"], application["waarschuwingen"] != []) == ("ontvangen", True)


async def test_a_vendor_lists_only_its_own_applications(client: httpx.AsyncClient) -> None:
    mine = await submitted(client)
    await client.post("/v1/aanvragen", json=gevestigde_levensonderhoud(), headers=auth(OTHER_VENDOR_KEY))

    listed = (await client.get("/v1/aanvragen", headers=auth(VENDOR_KEY))).json()

    assert [a["id"] for a in listed] == [mine.rsplit("/", 1)[1]]


async def test_a_persons_applications_are_found_by_bsn_in_the_body(client: httpx.AsyncClient) -> None:
    location = await submitted(client)

    found = await client.post(
        "/v1/aanvragen/zoeken", json={"burgerservicenummer": "999990020"}, headers=auth(VENDOR_KEY)
    )

    assert [a["id"] for a in found.json()] == [location.rsplit("/", 1)[1]]


async def test_searching_by_get_is_not_allowed_so_a_bsn_never_goes_in_a_url(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/aanvragen/zoeken", headers=auth(VENDOR_KEY))

    assert (response.status_code, response.headers["Allow"]) == (405, "POST")


async def test_the_first_part_of_a_split_request_leaves_the_application_in_treatment(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    location = await submitted(client)
    await handed_over(location, settings)
    await report(client, location, "besluiten", {**besluit_melding(), "behandelingAfgerond": False})

    application = (await client.get(location, headers=auth(VENDOR_KEY))).json()

    assert (application["status"], len(application["besluiten"])) == ("in-behandeling", 1)


async def test_an_application_closed_as_a_duplicate_shows_it_without_a_decision(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    location = await submitted(client)
    await handed_over(location, settings)
    await report(client, location, "statusmeldingen", {"status": "gesloten", "toelichting": "Dubbele aanvraag"})

    application = (await client.get(location, headers=auth(VENDOR_KEY))).json()

    assert (application["status"], application["besluiten"]) == ("gesloten", [])
