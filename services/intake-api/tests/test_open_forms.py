"""Open Forms "generic JSON" registrations: the recorded envelopes, mapped per form onto an application,
idempotent on metadata.public_reference, answered with JSON."""

import copy
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from intake_bijlagen import PDF, PNG, b64
from intake_factories import gevestigde_levensonderhoud, starter

from bbz_common.testing import POLICY_ADMIN_KEY, VENDOR_KEY, auth
from intake_api.open_forms import mapping
from intake_api.open_forms.schemas import Omzetting, OpenFormsRegistratie, VeldKoppeling

RECORDED = Path(__file__).resolve().parents[4] / "shared" / "contracts" / "open-forms"
VENDOR = auth(VENDOR_KEY)
ADMIN = auth(POLICY_ADMIN_KEY)
FORM_ID = "2d7c6c4e-3f0a-4a51-9c5e-8d1b2a7f4e10"


def recorded(name: str) -> dict[str, Any]:
    path = RECORDED / f"open-forms-generic-json-request-{name}.json"
    if not path.exists():
        pytest.skip(f"recorded Open Forms bodies not found at {RECORDED} (../shared is a dev/CI checkout)")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def recorded_names() -> list[str]:
    if not RECORDED.exists():
        return []
    return sorted(p.name for p in RECORDED.glob("open-forms-generic-json-request-*.json"))


def envelope(values: dict[str, Any], **metadata: Any) -> dict[str, Any]:
    """Our values in the recorded metadata envelope (public_reference OF-ABC123, as Open Forms sends it)."""
    body = recorded("metadata")
    body["values"] = values
    body["metadata"].update(metadata)
    return body


def pdf_file(name: str = "loonstrook.pdf") -> dict[str, str]:
    """A file object as recorded (`{"file_name", "content"}`), carrying a PDF."""
    file = copy.deepcopy(recorded("submission-happy-flow")["values"]["file"])
    file.update(file_name=name, content=b64(PDF))
    return file


async def register(client: httpx.AsyncClient, body: dict[str, Any]) -> httpx.Response:
    return await client.post("/v1/open-forms-registraties", json=body, headers=VENDOR)


def prefixed_mapping(form: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A municipality's mapping for a form whose components are `of_<category>` blocks."""
    return {"velden": {f"of_{k}": k for k in form}, **extra}


def prefixed_values(form: dict[str, Any]) -> dict[str, Any]:
    return {f"of_{k}": v for k, v in form.items()}


async def set_mapping(client: httpx.AsyncClient, body: dict[str, Any], formulier: str = FORM_ID) -> httpx.Response:
    return await client.put(f"/v1/open-forms-koppelingen/{formulier}", json=body, headers=ADMIN)


# ---- the envelope ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", recorded_names() or ["(recorded bodies absent)"])
def test_every_recorded_open_forms_body_has_the_envelope_shape_we_accept(name: str) -> None:
    if not RECORDED.exists():
        pytest.skip(f"recorded Open Forms bodies not found at {RECORDED}")
    body = json.loads((RECORDED / name).read_text(encoding="utf-8"))

    OpenFormsRegistratie.model_validate(body)


async def test_the_recorded_happy_flow_without_a_public_reference_is_refused(client: httpx.AsyncClient) -> None:
    response = await register(client, recorded("submission-happy-flow"))

    assert [p["name"] for p in response.json()["invalidParams"]] == ["metadata.public_reference"]


# ---- the default mapping: a form built with our own field names -----------------------------------------


async def test_a_form_built_with_our_field_names_becomes_an_application(client: httpx.AsyncClient) -> None:
    response = await register(client, envelope(gevestigde_levensonderhoud()))

    assert (response.status_code, response.json()["koppeling"]) == (201, "standaard")


async def test_the_answer_is_json_as_open_forms_needs(client: httpx.AsyncClient) -> None:
    response = await register(client, envelope(gevestigde_levensonderhoud()))

    assert response.headers["content-type"] == "application/json"


async def test_the_digid_bsn_in_auth_bsn_fills_the_applicants_bsn(client: httpx.AsyncClient) -> None:
    values = gevestigde_levensonderhoud()
    del values["personalia"]["burgerservicenummer"]
    values["auth_bsn"] = "999990020"

    response = await register(client, envelope(values))

    application = await client.get(f"/v1/aanvragen/{response.json()['aanvraagId']}", headers=VENDOR)
    assert application.json()["formulier"]["personalia"]["burgerservicenummer"] == "999990020"


async def test_empty_text_fields_of_formio_count_as_unanswered(client: httpx.AsyncClient) -> None:
    values = gevestigde_levensonderhoud()
    values["personalia"]["voorvoegsel"] = ""

    assert (await register(client, envelope(values))).status_code == 201


async def test_a_file_under_bijlagen_is_stored_as_evidence_for_its_question(client: httpx.AsyncClient) -> None:
    values = {**gevestigde_levensonderhoud(), "bijlagen": {"I9": pdf_file()}}

    response = await register(client, envelope(values))

    listed = await client.get(f"/v1/aanvragen/{response.json()['aanvraagId']}/bijlagen", headers=VENDOR)
    assert [(b["vraagId"], b["kanaal"]) for b in listed.json()] == [("I9", "open-forms")]


async def test_invalid_data_is_one_400_problem_naming_the_component_keys(client: httpx.AsyncClient) -> None:
    values = gevestigde_levensonderhoud()
    values["personalia"]["burgerservicenummer"] = "123456789"
    values["onbekend"] = "x"

    response = await register(client, envelope(values))

    assert {p["name"] for p in response.json()["invalidParams"]} == {"personalia.burgerservicenummer", "onbekend"}


# ---- resends ----------------------------------------------------------------------------------------------


async def test_a_resend_answers_the_same_and_creates_nothing(client: httpx.AsyncClient) -> None:
    values = {**gevestigde_levensonderhoud(), "bijlagen": {"I9": pdf_file()}}
    first = await register(client, envelope(values))
    # Open Forms re-evaluates registration_timestamp (minute resolution) on each attempt.
    second = await register(client, envelope(values, registration_timestamp="2025-01-30T13:10:00Z"))

    listed = await client.get(f"/v1/aanvragen/{first.json()['aanvraagId']}/bijlagen", headers=VENDOR)
    assert (second.status_code, second.json(), len(listed.json())) == (201, first.json(), 1)


async def test_another_public_reference_is_another_application(client: httpx.AsyncClient) -> None:
    first = await register(client, envelope(gevestigde_levensonderhoud()))
    second = await register(client, envelope(gevestigde_levensonderhoud(), public_reference="OF-XYZ789"))

    assert first.json()["aanvraagId"] != second.json()["aanvraagId"]


# ---- a municipality's own mapping -------------------------------------------------------------------------


async def test_a_configured_mapping_is_used_for_its_form(client: httpx.AsyncClient) -> None:
    form = gevestigde_levensonderhoud()
    await set_mapping(client, prefixed_mapping(form))

    response = await register(client, envelope(prefixed_values(form), form_id=FORM_ID))

    assert (response.status_code, response.json()["koppeling"]) == (201, FORM_ID)


async def test_errors_name_the_forms_own_component_keys(client: httpx.AsyncClient) -> None:
    form = gevestigde_levensonderhoud()
    await set_mapping(client, prefixed_mapping(form))
    values = prefixed_values(form)
    values["of_betalen"]["iban"] = "NL00BANK0000000000"

    response = await register(client, envelope(values, form_id=FORM_ID))

    assert [p["name"] for p in response.json()["invalidParams"]] == ["of_betalen.iban"]


async def test_a_dotted_component_key_is_read_from_the_nested_object_open_forms_makes(
    client: httpx.AsyncClient,
) -> None:
    form = gevestigde_levensonderhoud()
    mapping_body = prefixed_mapping(form)
    mapping_body["velden"]["aanvrager.bsn"] = "personalia.burgerservicenummer"
    await set_mapping(client, mapping_body)
    values = prefixed_values(form)
    del values["of_personalia"]["burgerservicenummer"]
    values["aanvrager"] = {"bsn": "999990032"}

    response = await register(client, envelope(values, form_id=FORM_ID))

    application = await client.get(f"/v1/aanvragen/{response.json()['aanvraagId']}", headers=VENDOR)
    assert application.json()["formulier"]["personalia"]["burgerservicenummer"] == "999990032"


async def test_a_currency_component_in_euros_becomes_cents(client: httpx.AsyncClient) -> None:
    form = starter()
    bedrag = form["aanvraag"].pop("bedrag")
    mapping_body = prefixed_mapping(form)
    mapping_body["velden"]["krediet"] = {"pad": "aanvraag.bedrag", "omzetting": "euroNaarCenten"}
    await set_mapping(client, mapping_body)

    response = await register(client, envelope({**prefixed_values(form), "krediet": bedrag / 100}, form_id=FORM_ID))

    application = await client.get(f"/v1/aanvragen/{response.json()['aanvraagId']}", headers=VENDOR)
    assert application.json()["formulier"]["aanvraag"]["bedrag"] == bedrag


async def test_fixed_values_fill_what_the_form_does_not_ask(client: httpx.AsyncClient) -> None:
    form = gevestigde_levensonderhoud()
    del form["gemeentecode"]
    await set_mapping(client, prefixed_mapping(form, vasteWaarden={"gemeentecode": "0363"}))

    response = await register(client, envelope(prefixed_values(form), form_id=FORM_ID))

    application = await client.get(f"/v1/aanvragen/{response.json()['aanvraagId']}", headers=VENDOR)
    assert application.json()["gemeentecode"] == "0363"


async def test_the_mapping_is_also_found_by_form_name(client: httpx.AsyncClient) -> None:
    form = gevestigde_levensonderhoud()
    await set_mapping(client, prefixed_mapping(form), formulier="Aanvraag Bbz")

    response = await register(client, envelope(prefixed_values(form), form_name="Aanvraag Bbz"))

    assert response.json()["koppeling"] == "Aanvraag Bbz"


async def test_the_recorded_multiple_file_component_stores_each_file(client: httpx.AsyncClient) -> None:
    form = gevestigde_levensonderhoud()
    await set_mapping(client, prefixed_mapping(form, bijlagen={"file": "V2"}))
    files = recorded("one-file-upload-for-multiple-files-component")["values"]["file"]
    files = [{**f, "content": b64(PNG)} for f in files] * 2

    response = await register(client, envelope({**prefixed_values(form), "file": files}, form_id=FORM_ID))

    assert [b["vraagId"] for b in response.json()["bijlagen"]] == ["V2", "V2"]


async def test_the_recorded_text_file_is_refused_naming_its_component(client: httpx.AsyncClient) -> None:
    form = gevestigde_levensonderhoud()
    await set_mapping(client, prefixed_mapping(form, bijlagen={"file": "P8"}))
    happy = recorded("submission-happy-flow")["values"]

    response = await register(client, envelope({**prefixed_values(form), "file": happy["file"]}, form_id=FORM_ID))

    assert [(p["name"], p["code"]) for p in response.json()["invalidParams"]] == [("file", "mediatype_not_allowed")]


async def test_unmapped_components_are_ignored_and_reported(client: httpx.AsyncClient) -> None:
    form = gevestigde_levensonderhoud()
    await set_mapping(client, prefixed_mapping(form))

    response = await register(client, envelope({**prefixed_values(form), "firstName": "We Are"}, form_id=FORM_ID))

    assert response.json()["genegeerdeVelden"] == ["firstName"]


# ---- managing mappings ------------------------------------------------------------------------------------


async def test_a_mapping_to_a_field_an_application_does_not_have_is_refused(client: httpx.AsyncClient) -> None:
    response = await set_mapping(client, {"velden": {"naam": "personalia.voornaam"}})

    assert [p["name"] for p in response.json()["invalidParams"]] == ["velden.naam"]


async def test_only_the_beleidsbeheerder_sets_a_mapping(client: httpx.AsyncClient) -> None:
    response = await client.put(f"/v1/open-forms-koppelingen/{FORM_ID}", json={"velden": {}}, headers=VENDOR)

    assert response.status_code == 403


async def test_a_stored_mapping_reads_back_as_set(client: httpx.AsyncClient) -> None:
    await set_mapping(client, {"velden": {"bsn": "personalia.burgerservicenummer"}, "bijlagen": {"loon": "I9"}})

    response = await client.get(f"/v1/open-forms-koppelingen/{FORM_ID}", headers=ADMIN)

    assert (response.json()["velden"], response.json()["bijlagen"]) == (
        {"bsn": {"pad": "personalia.burgerservicenummer", "omzetting": None}},
        {"loon": "I9"},
    )


async def test_after_removing_a_mapping_the_form_uses_the_default(client: httpx.AsyncClient) -> None:
    await set_mapping(client, {"velden": {"bsn": "personalia.burgerservicenummer"}})
    await client.delete(f"/v1/open-forms-koppelingen/{FORM_ID}", headers=ADMIN)

    response = await register(client, envelope(gevestigde_levensonderhoud(), form_id=FORM_ID))

    assert response.json()["koppeling"] == "standaard"


# ---- conversions ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("euros", "cents"), [(12.5, 1250), ("1234.56", 123456), (0, 0)])
def test_euros_become_cents(euros: Any, cents: int) -> None:
    assert mapping.omzetten(euros, Omzetting.EURO_NAAR_CENTEN) == cents


def test_an_amount_with_fractions_of_a_cent_is_refused() -> None:
    with pytest.raises(ValueError):
        mapping.omzetten(12.555, Omzetting.EURO_NAAR_CENTEN)


@pytest.mark.parametrize(("answer", "expected"), [("ja", True), ("Nee", False), (True, True)])
def test_ja_nee_becomes_a_boolean(answer: Any, expected: bool) -> None:
    assert mapping.omzetten(answer, Omzetting.JA_NEE_NAAR_BOOLEAN) is expected


def test_a_field_mapped_on_its_own_wins_over_its_block_in_any_stored_order() -> None:
    koppeling = mapping.Koppeling(
        naam="f",
        velden={
            "bsn": VeldKoppeling(pad="personalia.burgerservicenummer"),
            "persoon": VeldKoppeling(pad="personalia"),
        },
        bijlagen={},
        vaste_waarden={},
    )

    result = mapping.toepassen(koppeling, {"bsn": "999990020", "persoon": {"achternaam": "Groen"}})

    assert result.formulier == {"personalia": {"achternaam": "Groen", "burgerservicenummer": "999990020"}}


async def test_an_ignored_component_with_control_characters_is_stored_escaped(client: httpx.AsyncClient) -> None:
    form = gevestigde_levensonderhoud()
    await set_mapping(client, prefixed_mapping(form))

    response = await register(client, envelope({**prefixed_values(form), "a\u0000b": 1}, form_id=FORM_ID))

    assert response.json()["genegeerdeVelden"] == ["a\\x00b"]


async def test_a_form_bsn_other_than_the_digid_login_is_refused(client: httpx.AsyncClient) -> None:
    values = {**gevestigde_levensonderhoud(), "auth_bsn": "999990032"}

    response = await register(client, envelope(values))

    assert [(p["name"], p["code"]) for p in response.json()["invalidParams"]] == [
        ("personalia.burgerservicenummer", "bsn_not_authenticated")
    ]
