"""Evidence (bewijsstukken): PDF, JPEG or PNG by content, within the size limit, with a SHA-256, for a question."""

import hashlib
from pathlib import Path
from typing import Any

import httpx
import pytest
from intake_bijlagen import JPEG, PDF, PNG, TEXT, b64, upload
from intake_factories import gevestigde_levensonderhoud

from bbz_common.testing import (
    AUDITOR_KEY,
    OFFICER_KEY,
    OTHER_VENDOR_KEY,
    VENDOR_KEY,
    auth,
    migrated_database,
    running_app,
)
from intake_api.config import Settings
from intake_api.main import create_app

SERVICE_DIR = Path(__file__).resolve().parents[1]
VENDOR = auth(VENDOR_KEY)


async def draft(client: httpx.AsyncClient) -> str:
    response = await client.post("/v1/concepten", json={"formulier": {}}, headers=VENDOR)
    return str(response.json()["id"])


async def application(client: httpx.AsyncClient) -> str:
    response = await client.post("/v1/aanvragen", json=gevestigde_levensonderhoud(), headers=VENDOR)
    return str(response.json()["id"])


async def attach(client: httpx.AsyncClient, body: dict[str, Any], headers: dict[str, str] = VENDOR) -> httpx.Response:
    return await client.post(f"/v1/concepten/{await draft(client)}/bijlagen", json=body, headers=headers)


@pytest.mark.parametrize(("content", "mediatype"), [(PDF, "application/pdf"), (JPEG, "image/jpeg"), (PNG, "image/png")])
async def test_the_type_is_recognised_from_the_content(
    client: httpx.AsyncClient, content: bytes, mediatype: str
) -> None:
    response = await attach(client, upload(content, naam="bestand.bin"))

    assert (response.status_code, response.json()["mediatype"]) == (201, mediatype)


async def test_a_text_file_named_pdf_is_refused(client: httpx.AsyncClient) -> None:
    response = await attach(client, upload(TEXT, naam="loonstrook.pdf"))

    assert (response.status_code, response.json()["invalidParams"][0]["code"]) == (400, "mediatype_not_allowed")


async def test_the_sha256_of_the_content_is_returned(client: httpx.AsyncClient) -> None:
    response = await attach(client, upload(PDF))

    assert response.json()["sha256"] == hashlib.sha256(PDF).hexdigest()


async def test_the_attachment_is_linked_to_the_question_it_supports(client: httpx.AsyncClient) -> None:
    response = await attach(client, upload(vraag_id="V2"))

    assert response.json()["vraagId"] == "V2"


async def test_an_unknown_question_id_is_refused(client: httpx.AsyncClient) -> None:
    response = await attach(client, upload(vraag_id="X1"))

    assert [p["name"] for p in response.json()["invalidParams"]] == ["vraagId"]


async def test_content_that_is_not_base64_is_refused(client: httpx.AsyncClient) -> None:
    response = await attach(client, {"vraagId": "I9", "bestandsnaam": "a.pdf", "inhoud": "not base64!"})

    assert response.json()["invalidParams"][0]["code"] == "base64_invalid"


async def test_a_file_name_with_a_path_is_refused(client: httpx.AsyncClient) -> None:
    response = await attach(client, upload(naam="../../etc/passwd"))

    assert [p["name"] for p in response.json()["invalidParams"]] == ["bestandsnaam"]


@pytest.fixture
def small_settings(tmp_path: Path) -> Settings:
    return Settings(
        database_url=migrated_database(SERVICE_DIR, tmp_path, "intake-small"),
        outbox_enabled=False,
        log_json=False,
        bijlage_max_bytes=len(PDF) - 1,
    )


async def test_a_file_over_the_size_limit_is_refused(small_settings: Settings) -> None:
    async with running_app(create_app(small_settings)) as client:
        response = await attach(client, upload(PDF))

    assert (response.status_code, response.headers["content-type"]) == (413, "application/problem+json")


async def test_the_download_is_the_uploaded_content_with_its_type(client: httpx.AsyncClient) -> None:
    created = await attach(client, upload(PNG))

    response = await client.get(created.json()["inhoudUrl"], headers=VENDOR)

    assert (response.content, response.headers["content-type"]) == (PNG, "image/png")


async def test_the_download_carries_the_digest_of_the_content(client: httpx.AsyncClient) -> None:
    created = await attach(client, upload(PDF))

    response = await client.get(f"/v1/bijlagen/{created.json()['id']}/inhoud", headers=VENDOR)

    assert response.headers["Repr-Digest"].startswith("sha-256=:")


async def test_the_same_idempotency_key_stores_an_upload_once(client: httpx.AsyncClient) -> None:
    concept_id = await draft(client)
    headers = {**VENDOR, "Idempotency-Key": "upload-1"}
    first = await client.post(f"/v1/concepten/{concept_id}/bijlagen", json=upload(), headers=headers)
    second = await client.post(f"/v1/concepten/{concept_id}/bijlagen", json=upload(), headers=headers)

    listed = await client.get(f"/v1/concepten/{concept_id}/bijlagen", headers=VENDOR)
    assert (second.json()["id"], len(listed.json())) == (first.json()["id"], 1)


async def test_evidence_can_be_added_to_a_submitted_application(client: httpx.AsyncClient) -> None:
    aanvraag_id = await application(client)

    response = await client.post(f"/v1/aanvragen/{aanvraag_id}/bijlagen", json=upload(), headers=VENDOR)

    assert (response.status_code, response.json()["aanvraagId"]) == (201, aanvraag_id)


async def test_evidence_on_an_application_cannot_be_removed(client: httpx.AsyncClient) -> None:
    aanvraag_id = await application(client)
    created = await client.post(f"/v1/aanvragen/{aanvraag_id}/bijlagen", json=upload(), headers=VENDOR)

    response = await client.delete(f"/v1/bijlagen/{created.json()['id']}", headers=VENDOR)

    assert response.status_code == 409


async def test_evidence_can_be_removed_from_an_open_draft(client: httpx.AsyncClient) -> None:
    created = await attach(client, upload())

    response = await client.delete(f"/v1/bijlagen/{created.json()['id']}", headers=VENDOR)

    assert response.status_code == 204


async def test_another_vendor_cannot_add_evidence_to_an_application(client: httpx.AsyncClient) -> None:
    aanvraag_id = await application(client)

    response = await client.post(f"/v1/aanvragen/{aanvraag_id}/bijlagen", json=upload(), headers=auth(OTHER_VENDOR_KEY))

    assert response.status_code == 404


async def test_another_vendor_cannot_download_an_attachment(client: httpx.AsyncClient) -> None:
    created = await attach(client, upload())

    response = await client.get(f"/v1/bijlagen/{created.json()['id']}/inhoud", headers=auth(OTHER_VENDOR_KEY))

    assert response.status_code == 404


async def test_an_officer_lists_the_evidence_of_any_application(client: httpx.AsyncClient) -> None:
    aanvraag_id = await application(client)
    await client.post(f"/v1/aanvragen/{aanvraag_id}/bijlagen", json=upload(vraag_id="I13"), headers=VENDOR)

    response = await client.get(f"/v1/aanvragen/{aanvraag_id}/bijlagen", headers=auth(OFFICER_KEY))

    assert [b["vraagId"] for b in response.json()] == ["I13"]


async def test_an_auditor_reads_but_cannot_upload(client: httpx.AsyncClient) -> None:
    aanvraag_id = await application(client)

    response = await client.post(f"/v1/aanvragen/{aanvraag_id}/bijlagen", json=upload(), headers=auth(AUDITOR_KEY))

    assert response.status_code == 403


async def test_the_base64_is_the_standard_alphabet_with_padding(client: httpx.AsyncClient) -> None:
    response = await attach(client, {"vraagId": "P8", "bestandsnaam": "id.png", "inhoud": b64(PNG)})

    assert response.json()["grootte"] == len(PNG)
