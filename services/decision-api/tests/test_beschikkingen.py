"""Beschikkingen per decision type from templates: Dutch text with the applicant, the decision, amounts and
periods, the grounds and the objection clause; as HTML and PDF, stored with a checksum, fetched by the vendor."""

import asyncio
import datetime as dt
import hashlib
import html
import io
import multiprocessing
import re
import uuid
from typing import Any

import httpx
import pytest
from decision_factories import (
    OFFICER,
    RECEIVED,
    behandeling,
    decide,
    offer,
    offer_red,
    proposal,
    record_findings,
    request_completion,
)
from fastapi import FastAPI
from fpdf.fonts import CORE_FONTS_CHARWIDTHS
from prometheus_client import CollectorRegistry
from pypdf import PdfReader
from sqlalchemy import event, select, update

from bbz_common.testing import OTHER_VENDOR_KEY, VENDOR_KEY, auth, running_app
from decision_api.beschikkingen import opmaak, render
from decision_api.beschikkingen import repository as beschikkingen_repo
from decision_api.beschikkingen import service as beschikkingen_service
from decision_api.beschikkingen.models import Beschikking
from decision_api.beschikkingen.render import Document
from decision_api.beschikkingen.renderer import Renderer
from decision_api.clock import FixedClock
from decision_api.config import Settings
from decision_api.main import create_app
from decision_api.models import OutboxMessage


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


# --- rendering after the decision ------------------------------------------------------------------------------
# The decision fixes the beschikking's content in its own transaction; the HTML and PDF are rendered afterwards
# by the background renderer (or on the first read), so that deciding never waits for fpdf.


async def stored_beschikking(app: FastAPI, besluit_id: str) -> Beschikking:
    async with app.state.db.sessionmaker() as session:
        row = await beschikkingen_repo.of_besluit(session, uuid.UUID(besluit_id))
    assert row is not None
    return row


async def outbox_topics(app: FastAPI) -> list[str]:
    async with app.state.db.sessionmaker() as session:
        return list((await session.execute(select(OutboxMessage.topic))).scalars())


async def test_a_green_grant_is_decided_and_reported_before_its_beschikking_is_rendered(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    besluit_id = await green_grant_id(client)

    row = await stored_beschikking(app, besluit_id)

    assert (row.pdf_sha256, row.inhoud is not None, await outbox_topics(app)) == (None, True, ["besluit.melden"])


async def test_the_renderer_renders_the_beschikking_after_the_decision(app: FastAPI, client: httpx.AsyncClient) -> None:
    besluit_id = await green_grant_id(client)

    rendered = await app.state.renderer.run_once()

    row = await stored_beschikking(app, besluit_id)
    assert (rendered, await app.state.renderer.run_once()) == (1, 0)
    assert row.pdf is not None and hashlib.sha256(row.pdf).hexdigest() == row.pdf_sha256
    assert "J. de Vries" in pdf_text(row.pdf)


async def test_a_batch_of_renderings_stores_only_those_not_stored_meanwhile(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    ids = [await green_grant_id(client) for _ in range(3)]
    rows = [await stored_beschikking(app, i) for i in ids]
    documents = [
        (r.id, beschikkingen_service.renderen(r.inhoud or {}, "toekenning", RECEIVED, r.sjabloon)) for r in rows
    ]
    await client.get(f"/v1/besluiten/{ids[1]}/beschikking", headers=OFFICER)  # one is read, so rendered, meanwhile

    async with app.state.db.transaction() as session:
        stored = await beschikkingen_repo.renderingen_opslaan(session, documents, dt.datetime.now(dt.UTC))

    assert (stored, [(await stored_beschikking(app, i)).pdf_sha256 is not None for i in ids]) == (2, [True] * 3)


async def test_a_beschikking_read_before_rendering_is_rendered_on_the_spot_and_kept(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    besluit_id = await green_grant_id(client)

    meta = (await client.get(f"/v1/besluiten/{besluit_id}/beschikking", headers=OFFICER)).json()
    pdf = (await client.get(meta["pdf"], headers=OFFICER)).content

    assert (
        hashlib.sha256(pdf).hexdigest() == meta["pdfSha256"] == (await stored_beschikking(app, besluit_id)).pdf_sha256
    )
    assert await app.state.renderer.run_once() == 0


async def test_the_rendering_is_the_same_bytes_whenever_it_is_made(app: FastAPI, client: httpx.AsyncClient) -> None:
    besluit_id = await green_grant_id(client)
    await app.state.renderer.run_once()
    row = await stored_beschikking(app, besluit_id)
    assert row.inhoud is not None

    again = beschikkingen_service.renderen(row.inhoud, "toekenning", RECEIVED, row.sjabloon)

    assert (again.pdf_sha256, again.html_sha256) == (row.pdf_sha256, row.html_sha256)


async def test_a_crash_between_the_decision_and_its_rendering_loses_nothing(settings: Settings) -> None:
    async with running_app(create_app(settings, clock=FixedClock(RECEIVED))) as client:
        besluit_id = await green_grant_id(client)
    # The process is gone before anything rendered; the next one renders it in the background.
    rendering = settings.model_copy(
        update={
            "beschikkingen_renderen": True,
            "beschikkingen_poll_interval_seconds": 0.05,
            "beschikkingen_render_processen": 1,  # as shipped: in a process of its own
        }
    )
    app = create_app(rendering, clock=FixedClock(RECEIVED))
    async with running_app(app):
        for _ in range(200):
            if (await stored_beschikking(app, besluit_id)).pdf_sha256 is not None:
                break
            await asyncio.sleep(0.05)

        assert (await stored_beschikking(app, besluit_id)).pdf_sha256 is not None


async def test_a_beschikking_that_fails_to_render_stays_unrendered_and_does_not_hold_up_the_others(
    app: FastAPI, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = await green_grant_id(client), await green_grant_id(client)
    first_kenmerk = (await client.get(f"/v1/besluiten/{first}", headers=OFFICER)).json()["identificatie"]
    real = beschikkingen_service.renderen

    def failing_for_the_first(inhoud: dict[str, Any], besluittype: str, datum: dt.date, sjabloon: str) -> Document:
        if inhoud["kenmerk"] == first_kenmerk:
            raise ValueError("template fault")
        return real(inhoud, besluittype, datum, sjabloon)

    monkeypatch.setattr(beschikkingen_service, "renderen", failing_for_the_first)
    rendered = await app.state.renderer.run_once()

    assert rendered == 1
    assert (await stored_beschikking(app, first)).pdf_sha256 is None
    assert (await stored_beschikking(app, second)).pdf_sha256 is not None


async def test_the_renderer_reads_a_batch_of_letters_in_one_query_whatever_its_size(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    for _ in range(3):
        await green_grant_id(client)
    selects: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().startswith("SELECT"):
            selects.append(statement)

    event.listen(app.state.db.engine.sync_engine, "before_cursor_execute", record)
    try:
        rendered = await app.state.renderer.run_once()
    finally:
        event.remove(app.state.db.engine.sync_engine, "before_cursor_execute", record)

    assert (rendered, len(selects)) == (3, 2)  # which letters wait, then their content


async def test_in_processes_of_their_own_letters_are_rendered_to_the_same_bytes(
    app: FastAPI, client: httpx.AsyncClient, clock: FixedClock
) -> None:
    ids = [await green_grant_id(client) for _ in range(3)]
    renderer = Renderer(app.state.db, clock, rust=0, processen=2)
    try:
        rendered = await renderer.run_once()
    finally:
        await renderer.stop()

    rows = [await stored_beschikking(app, i) for i in ids]
    in_this_process = [beschikkingen_service.renderen(r.inhoud or {}, "toekenning", RECEIVED, r.sjabloon) for r in rows]
    assert (rendered, [r.pdf_sha256 for r in rows]) == (3, [d.pdf_sha256 for d in in_this_process])


async def test_a_rendering_process_that_dies_loses_no_letter(
    app: FastAPI, client: httpx.AsyncClient, clock: FixedClock
) -> None:
    seconds = [0.0]
    renderer = Renderer(app.state.db, clock, rust=0, processen=1, retry_delay=60, tijd=lambda: seconds[0])
    try:
        await green_grant_id(client)
        await renderer.run_once()  # the process is up
        for process in multiprocessing.active_children():
            process.kill()
            process.join()
        besluit_id = await green_grant_id(client)

        lost = await renderer.run_once()
        seconds[0] = 61
        again = await renderer.run_once()
    finally:
        await renderer.stop()

    assert (lost, again, (await stored_beschikking(app, besluit_id)).pdf_sha256 is not None) == (0, 1, True)


def renderer_on_a_stopwatch(app: FastAPI, clock: FixedClock, seconds: list[float]) -> Renderer:
    """A renderer that waits for 10 quiet seconds and renders what waited a day, on a time the test moves."""
    return Renderer(app.state.db, clock, rust=10, uiterlijk=86_400, tijd=lambda: seconds[0])


async def test_while_decisions_keep_coming_the_renderer_waits_for_a_quiet_moment(
    app: FastAPI, client: httpx.AsyncClient, clock: FixedClock
) -> None:
    seconds = [0.0]
    renderer = renderer_on_a_stopwatch(app, clock, seconds)
    await green_grant_id(client)
    seconds[0] = 5

    busy = await renderer.run_once()
    seconds[0] = 10
    quiet = await renderer.run_once()

    assert (busy, quiet) == (0, 1)


async def test_a_beschikking_that_waited_too_long_is_rendered_even_while_decisions_keep_coming(
    app: FastAPI, client: httpx.AsyncClient, clock: FixedClock
) -> None:
    seconds = [0.0]
    renderer = renderer_on_a_stopwatch(app, clock, seconds)
    await green_grant_id(client)
    clock.advance(1)
    await green_grant_id(client)  # the service is busy again

    rendered = await renderer.run_once()

    assert rendered == 1  # the one of yesterday; today's waits for a quiet moment


async def test_the_letters_still_to_render_are_a_metric(
    app: FastAPI, client: httpx.AsyncClient, clock: FixedClock
) -> None:
    seconds = [0.0]
    registry = CollectorRegistry()
    renderer = Renderer(app.state.db, clock, rust=10, tijd=lambda: seconds[0], registry=registry)
    await green_grant_id(client)
    await green_grant_id(client)

    await renderer.run_once()
    waiting = registry.get_sample_value("beschikkingen_te_renderen")
    seconds[0] = 10
    await renderer.run_once()

    assert (waiting, registry.get_sample_value("beschikkingen_te_renderen")) == (2, 0)
    assert registry.get_sample_value("beschikkingen_gerenderd_total") == 2


async def test_the_service_exposes_that_metric(client: httpx.AsyncClient) -> None:
    response = await client.get("/metrics")

    assert "beschikkingen_te_renderen" in response.text


# --- the PDF is the letter: template version v2 typesets the HTML's text directly -------------------------------
# v1 made the PDF with fpdf2's write_html (~25 ms CPU a letter); v2 reads the same HTML and sets it itself. A letter
# keeps the template version recorded at its decision: one decided under v1 and not rendered yet renders as v1.


def html_text(document: str) -> str:
    """The text a reader sees in the HTML, as the PDF's core fonts print it (the euro sign spelled out)."""
    body = document.split("<body>", 1)[1]
    body = re.sub(r"</?b>", "", body)  # inline: no space where the bold starts or ends
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).replace("€", "EUR").split())


def pdf_words(content: bytes) -> str:
    return " ".join(pdf_text(content).replace("•", " ").split())


async def rendered_letter(app: FastAPI, client: httpx.AsyncClient, besluit_id: str) -> Beschikking:
    assert (await client.get(f"/v1/besluiten/{besluit_id}/beschikking", headers=OFFICER)).status_code == 200
    return await stored_beschikking(app, besluit_id)


async def test_a_new_beschikking_records_template_version_v2(client: httpx.AsyncClient) -> None:
    besluit_id = await green_grant_id(client)

    meta = (await client.get(f"/v1/besluiten/{besluit_id}/beschikking", headers=OFFICER)).json()

    assert meta["sjabloon"] == "toekenning-v2"


async def test_the_pdf_of_a_green_grant_is_the_complete_letter_word_for_word(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    row = await rendered_letter(app, client, await green_grant_id(client))
    assert row.pdf is not None and row.html is not None

    text = pdf_words(row.pdf)

    assert text == html_text(row.html)
    assert all(
        phrase in text
        for phrase in (
            "Wij kennen u een uitkering voor levensonderhoud (inkomensaanvullende uitkering) toe",
            "over de periode van 2 maart 2026 tot en met 30 juni 2026",
            "De hoogte van het bedrag per maand ontvangt u in een afzonderlijke betaalspecificatie.",
            "De uitkering wordt verstrekt als voorschot.",
            "Geldig identiteitsbewijs: voldaan",
            "artikel 78f Participatiewet",
            "Dan kunt u binnen 6 weken na de dag van verzending van deze beschikking bezwaar maken, dus uiterlijk op "
            "13 april 2026.",
            "Met vriendelijke groet, Het college van burgemeester en wethouders van 's-Gravenhage,",
        )
    ), text


async def test_the_pdf_of_a_rejection_is_the_complete_letter_word_for_word(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    behandeling_id = await offer_red(client)
    besluit = await decide(client, behandeling_id, proposal("afwijzing"))
    row = await rendered_letter(app, client, besluit["id"])
    assert row.pdf is not None and row.html is not None

    text = pdf_words(row.pdf)

    assert text == html_text(row.html)
    assert "Wij wijzen uw aanvraag af." in text and "bezwaar maken" in text


async def test_the_pdf_of_a_grant_with_an_amount_is_the_complete_letter_word_for_word(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    behandeling_id = await offer_red(client)
    await record_findings(client, behandeling_id)
    besluit = await decide(client, behandeling_id, proposal("toekenning", bedragPerMaand=105_232))
    row = await rendered_letter(app, client, besluit["id"])
    assert row.pdf is not None and row.html is not None

    text = pdf_words(row.pdf)

    assert text == html_text(row.html)
    assert "Het bedrag is EUR 1.052,32 per maand." in text


async def test_the_pdf_of_a_setting_aside_is_the_complete_letter_word_for_word(
    app: FastAPI, client: httpx.AsyncClient, clock: FixedClock
) -> None:
    behandeling_id = await offer_red(client)
    await request_completion(client, behandeling_id)
    clock.advance(15)
    besluit = await decide(client, behandeling_id, proposal("buiten-behandeling"))
    row = await rendered_letter(app, client, besluit["id"])
    assert row.pdf is not None and row.html is not None

    assert pdf_words(row.pdf) == html_text(row.html)


async def test_the_pdf_carries_its_template_version(app: FastAPI, client: httpx.AsyncClient) -> None:
    row = await rendered_letter(app, client, await green_grant_id(client))
    assert row.pdf is not None

    metadata = PdfReader(io.BytesIO(row.pdf)).metadata
    assert metadata is not None and metadata.keywords == "toekenning-v2"


async def recorded_under(app: FastAPI, besluit_id: str, sjabloon: str) -> None:
    """As if the letter had been decided under another template version (and not rendered yet)."""
    async with app.state.db.transaction() as session:
        await session.execute(
            update(Beschikking).where(Beschikking.besluit_id == uuid.UUID(besluit_id)).values(sjabloon=sjabloon)
        )


async def test_a_letter_decided_under_v1_and_not_yet_rendered_renders_as_v1(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    besluit_id = await green_grant_id(client)
    await recorded_under(app, besluit_id, "toekenning-v1")

    assert await app.state.renderer.run_once() == 1

    row = await stored_beschikking(app, besluit_id)
    assert row.inhoud is not None and row.pdf is not None and row.html is not None
    as_v1 = render.render("toekenning", row.inhoud, RECEIVED, "v1")
    as_v2 = render.render("toekenning", row.inhoud, RECEIVED, "v2")
    assert (row.sjabloon, row.pdf_sha256, row.html_sha256) == ("toekenning-v1", as_v1.pdf_sha256, as_v2.html_sha256)
    assert as_v1.pdf_sha256 != as_v2.pdf_sha256  # the recorded version, not the newest, made it
    assert pdf_words(row.pdf).replace(" ", "") == html_text(row.html).replace(" ", "")  # v1 drops a space or two


async def test_a_letter_of_a_template_version_this_code_does_not_know_stays_unrendered(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    besluit_id = await green_grant_id(client)
    await recorded_under(app, besluit_id, "toekenning-v9")

    assert await app.state.renderer.run_once() == 0
    assert (await stored_beschikking(app, besluit_id)).pdf_sha256 is None


# The typesetting itself, on fragments made for the purpose.


def typeset(fragment: str) -> bytes:
    return opmaak.pdf(fragment, "Beschikking", RECEIVED, "toekenning-v2")


def text_runs(content: bytes) -> list[tuple[float, str, str]]:
    """Every text run of the PDF: where it starts (x, points), its font and its text."""
    runs: list[tuple[float, str, str]] = []
    for page in PdfReader(io.BytesIO(content)).pages:

        def visit(text: str, _cm: Any, tm: Any, font: Any, _size: Any) -> None:
            if text.strip():
                runs.append((float(tm[4]), str(font["/BaseFont"]) if font else "", text))

        page.extract_text(visitor_text=visit)
    return runs


def test_no_text_runs_into_the_right_margin_and_a_word_wider_than_the_line_is_cut_not_lost() -> None:
    long_reference = "BBZ-" + "1234567890" * 12
    words = " ".join(["bijstandverlening", "zelfstandigen"] * 60)
    content = typeset(f"<p>{words} <b>{words}</b></p>\n<ul>\n<li>{long_reference}</li>\n</ul>\n")

    right_margin = 595.28 - 56.69
    for x, font, text in text_runs(content):
        widths = CORE_FONTS_CHARWIDTHS["helveticaB" if font.endswith("Bold") else "helvetica"]
        encoded = text.strip().encode("cp1252").decode("latin-1")  # the font's own encoding (the bullet is 0x95)
        assert x + sum(widths[c] for c in encoded) / 100 <= right_margin + 0.01, text  # 10 pt text
    assert long_reference in pdf_words(content).replace(" ", "")


def test_a_letter_longer_than_a_page_goes_on_to_the_next_page_with_every_paragraph() -> None:
    paragraphs = [f"Alinea {i}: Dan kunt u binnen 6 weken bezwaar maken." for i in range(120)]

    content = typeset("".join(f"<p>{p}</p>\n" for p in paragraphs))

    assert len(PdfReader(io.BytesIO(content)).pages) > 1
    assert pdf_words(content) == " ".join(paragraphs)


def test_line_breaks_bold_and_escaped_characters_come_through() -> None:
    content = typeset(
        "<p>J. de Vries<br>Spui 70<br>2511 BT Den Haag</p>\n<p>Wij <b>kennen</b>. &#39;s-Gravenhage &amp; co</p>"
    )

    assert pdf_text(content).splitlines() == [
        "J. de Vries",
        "Spui 70",
        "2511 BT Den Haag",
        "Wij kennen. 's-Gravenhage & co",
    ]
