"""Privacy: no BSN or other personal data in any log line or URL; every read of personal data from a register
is a processing record an auditor can list per application and per person.

Runs on the shared e2e suite (tests/conftest.py): its logs hold everything the cross-service tests did before
this module, plus the applications submitted here (one per route colour). The personal data searched for is
taken from the demo applications (BSN, surname, IBAN, postcode, e-mail, phone number, ID document number)
and every BSN of the registers-adapter's personas."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import issue8_figures
import pytest
from e2e_helpers import VENDOR, demo_application, wait_for_status
from personal_data import personal_data_in, suite_log_lines

from bbz_common.suite import Suite

pytestmark = pytest.mark.e2e

AUDITOR = {"Authorization": "Bearer demo-auditor-key"}
ROUTE_COLOURS = ["01-gevestigde-groen", "02-starter-rood", "03-gevestigde-kostendeler-oranje"]


@pytest.fixture(scope="module")
def submitted(suite: Suite) -> dict[str, dict[str, Any]]:
    """One application per route colour, followed until it is routed (its register reads are then done)."""
    done = {}
    with httpx.Client(base_url=suite.url("intake-api"), timeout=10) as client:
        for name in ROUTE_COLOURS:
            created = client.post("/v1/aanvragen", json=demo_application(name), headers=VENDOR)
            assert created.status_code == 201, created.text
            done[name] = wait_for_status(
                client, created.headers["Location"], {"gerouteerd", "in-behandeling", "besloten"}
            )
    return done


def log_lines(suite: Suite) -> list[str]:
    lines = suite_log_lines(suite.var_dir)
    issue8_figures.add("log_lines_scanned", len(lines))
    return lines


def test_no_personal_data_of_any_applicant_appears_in_any_log_line(
    suite: Suite, submitted: dict[str, dict[str, Any]]
) -> None:
    leaks = personal_data_in(log_lines(suite))
    issue8_figures.add("personal_data_in_logs", len(leaks))

    assert leaks == []


def test_request_logs_name_route_templates_never_a_concrete_path_with_a_number(
    suite: Suite, submitted: dict[str, dict[str, Any]]
) -> None:
    routes = set()
    for line in log_lines(suite):
        if line.startswith("{") and '"event": "request"' in line:
            routes.add(json.loads(line).get("route", ""))

    assert [r for r in routes if re.search(r"\d{9}", r)] == []


def test_no_operation_of_any_contract_takes_a_bsn_in_its_url() -> None:
    from inprocess_apps import SERVICES

    from bbz_common.app import api_of

    offenders = []
    for name, package in SERVICES.items():
        main = __import__(f"{package}.main", fromlist=["create_app"])
        spec = api_of(main.create_app()).openapi()
        for path, item in spec["paths"].items():
            for method, operation in item.items():
                if not isinstance(operation, dict):
                    continue
                for parameter in [*item.get("parameters", []), *operation.get("parameters", [])]:
                    if parameter.get("in") in ("path", "query") and re.search(
                        "bsn|burgerservicenummer", parameter.get("name", ""), re.IGNORECASE
                    ):
                        offenders.append(f"{name} {method.upper()} {path} ?{parameter['name']}")

    assert offenders == []


def test_an_auditor_lists_the_processing_records_of_an_application(
    suite: Suite, submitted: dict[str, dict[str, Any]]
) -> None:
    aanvraag_id = submitted["01-gevestigde-groen"]["id"]

    records = httpx.get(
        suite.url("registers-adapter") + "/v1/verwerkingen", params={"aanvraagId": aanvraag_id}, headers=AUDITOR
    ).json()

    assert {r["bronregister"] for r in records} >= {"BRP", "KVK"} and {r["aanvraagId"] for r in records} == {
        aanvraag_id
    }


def test_an_auditor_lists_the_processing_records_of_a_person_by_a_bsn_in_the_body(
    suite: Suite, submitted: dict[str, dict[str, Any]]
) -> None:
    aanvraag_id = submitted["02-starter-rood"]["id"]
    bsn = demo_application("02-starter-rood")["personalia"]["burgerservicenummer"]

    records = httpx.post(
        suite.url("registers-adapter") + "/v1/verwerkingen/zoeken",
        json={"burgerservicenummer": bsn},
        headers=AUDITOR,
    ).json()

    assert aanvraag_id in {r["aanvraagId"] for r in records}


def test_a_processing_record_holds_the_person_as_a_pseudonym_not_the_bsn(
    suite: Suite, submitted: dict[str, dict[str, Any]]
) -> None:
    aanvraag_id = submitted["01-gevestigde-groen"]["id"]

    response = httpx.get(
        suite.url("registers-adapter") + "/v1/verwerkingen", params={"aanvraagId": aanvraag_id}, headers=AUDITOR
    )

    assert demo_application("01-gevestigde-groen")["personalia"]["burgerservicenummer"] not in response.text


def records_of(suite: Suite, aanvraag_id: str) -> list[dict[str, Any]]:
    response = httpx.get(
        suite.url("registers-adapter") + "/v1/verwerkingen", params={"aanvraagId": aanvraag_id}, headers=AUDITOR
    )
    records: list[dict[str, Any]] = response.json()
    return records


def test_every_register_read_names_the_fields_it_asked_never_all_of_them(
    suite: Suite, submitted: dict[str, dict[str, Any]]
) -> None:
    records = [r for a in submitted.values() for r in records_of(suite, a["id"])]

    assert records and [r["naam"] for r in records if not r["velden"] or "*" in r["velden"]] == []


def test_the_residents_of_an_applicants_address_are_read_for_their_age_only(
    suite: Suite, submitted: dict[str, dict[str, Any]]
) -> None:
    records = records_of(suite, submitted["03-gevestigde-kostendeler-oranje"]["id"])

    residents = [r for r in records if "bewoners" in r["naam"].lower()]
    assert residents and {f for r in residents for f in r["velden"]} <= {"burgerservicenummer", "leeftijd"}
