"""Beschikkingen per decision type from templates: Dutch text with the applicant, the decision, amounts and
periods, the grounds and the objection clause; as HTML and PDF, stored with a checksum, fetched by the vendor."""

import hashlib
import io

import httpx
from decision_factories import (
    OFFICER,
    behandeling,
    decide,
    offer,
    offer_red,
    proposal,
    record_findings,
    request_completion,
)
from pypdf import PdfReader

from bbz_common.testing import OTHER_VENDOR_KEY, VENDOR_KEY, auth
from decision_api.clock import FixedClock


def pdf_text(content: bytes) -> str:
    return " ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(content)).pages)


async def green_grant_id(client: httpx.AsyncClient) -> str:
    return str((await offer(client, behandeling("groen")))["besluiten"][0]["id"])


async def test_the_pdf_of_a_grant_states_applicant_decision_period_advance_and_objection(
    client: httpx.AsyncClient,
) -> None:
    besluit_id = await green_grant_id(client)

    text = pdf_text((await client.get(f"/v1/besluiten/{besluit_id}/beschikking/pdf", headers=OFFICER)).content)

    assert all(
        phrase in text
        for phrase in (
            "Beschikking: toekenning",
            "J. de Vries",
            "2511 BT Den Haag",
            "2 maart 2026",
            "30 juni 2026",
            "voorschot",
            "binnen 6 weken",
            "13 april 2026",
            "burgemeester en wethouders van 's-Gravenhage",
        )
    ), text


async def test_the_pdf_of_a_rejection_states_the_legal_grounds(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)
    besluit = await decide(client, behandeling_id, proposal("afwijzing"))

    text = pdf_text((await client.get(f"/v1/besluiten/{besluit['id']}/beschikking/pdf", headers=OFFICER)).content)

    assert "artikel 2 Bbz 2004" in text and "wijzen uw aanvraag af" in text


async def test_the_pdf_of_a_grant_with_an_amount_states_it_in_euros(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)
    await record_findings(client, behandeling_id)
    besluit = await decide(client, behandeling_id, proposal("toekenning", bedragPerMaand=105_232))

    text = pdf_text((await client.get(f"/v1/besluiten/{besluit['id']}/beschikking/pdf", headers=OFFICER)).content)

    assert "EUR 1.052,32 per maand" in text


async def test_the_stored_checksum_is_the_sha256_of_the_pdf(client: httpx.AsyncClient) -> None:
    besluit_id = await green_grant_id(client)
    meta = (await client.get(f"/v1/besluiten/{besluit_id}/beschikking", headers=OFFICER)).json()

    content = (await client.get(meta["pdf"], headers=OFFICER)).content

    assert hashlib.sha256(content).hexdigest() == meta["pdfSha256"]


async def test_the_html_rendering_is_dutch_text_with_the_objection_clause(client: httpx.AsyncClient) -> None:
    besluit_id = await green_grant_id(client)

    response = await client.get(f"/v1/besluiten/{besluit_id}/beschikking/html", headers=OFFICER)

    assert '<html lang="nl">' in response.text and "bezwaar maken" in response.text


async def test_the_vendor_that_submitted_the_application_can_fetch_the_beschikking(client: httpx.AsyncClient) -> None:
    besluit_id = await green_grant_id(client)

    response = await client.get(f"/v1/besluiten/{besluit_id}/beschikking/pdf", headers=auth(VENDOR_KEY))

    assert (response.status_code, response.headers["content-type"]) == (200, "application/pdf")


async def test_another_vendor_cannot_fetch_the_beschikking(client: httpx.AsyncClient) -> None:
    besluit_id = await green_grant_id(client)

    response = await client.get(f"/v1/besluiten/{besluit_id}/beschikking/pdf", headers=auth(OTHER_VENDOR_KEY))

    assert response.status_code == 404


async def test_the_beschikking_of_a_setting_aside_names_the_request_and_its_repair_period(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    behandeling_id = await offer_red(client)
    await request_completion(client, behandeling_id)
    clock.advance(15)
    besluit = await decide(client, behandeling_id, proposal("buiten-behandeling"))

    text = pdf_text((await client.get(f"/v1/besluiten/{besluit['id']}/beschikking/pdf", headers=OFFICER)).content)

    assert "buiten behandeling" in text and "16 maart 2026" in text
