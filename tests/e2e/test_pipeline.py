"""One green and one red application followed from the vendor's POST to the end, across four processes."""

import httpx
import pytest
from e2e_helpers import OFFICER, VENDOR, green_application, red_application, wait_for_status

from bbz_common.suite import Suite

pytestmark = pytest.mark.e2e


def test_a_green_application_is_granted_automatically(suite: Suite) -> None:
    with httpx.Client(base_url=suite.url("intake-api")) as client:
        created = client.post("/v1/aanvragen", json=green_application(), headers=VENDOR)
        final = wait_for_status(client, created.headers["Location"], {"besloten"})

    assert (final["routering"]["route"], [b["besluittype"] for b in final["besluiten"]]) == ("groen", ["toekenning"])


def test_the_status_history_of_a_green_application_shows_every_step(suite: Suite) -> None:
    with httpx.Client(base_url=suite.url("intake-api")) as client:
        created = client.post("/v1/aanvragen", json=green_application(), headers=VENDOR)
        final = wait_for_status(client, created.headers["Location"], {"besloten"})

    assert [h["status"] for h in final["statusHistorie"]] == [
        "ontvangen",
        "verrijkt",
        "gerouteerd",
        "in-behandeling",
        "besloten",
    ]


def test_a_starter_asking_for_credit_goes_red_into_the_work_queue(suite: Suite) -> None:
    with httpx.Client(base_url=suite.url("intake-api")) as client:
        created = client.post("/v1/aanvragen", json=red_application(), headers=VENDOR)
        final = wait_for_status(client, created.headers["Location"], {"in-behandeling"})
    queue = httpx.get(suite.url("decision-api") + "/v1/werkvoorraad?limit=500", headers=OFFICER).json()

    assert (final["routering"]["route"], final["besluiten"]) == ("rood", [])
    assert final["id"] in {item["aanvraagId"] for item in queue}


def test_the_red_route_names_the_seed_rules_that_sent_it_there(suite: Suite) -> None:
    with httpx.Client(base_url=suite.url("intake-api")) as client:
        created = client.post("/v1/aanvragen", json=red_application(), headers=VENDOR)
        final = wait_for_status(client, created.headers["Location"], {"in-behandeling"})

    held = {r["regel"] for r in final["routering"]["regels"] if r["uitkomst"] == "voldaan"}
    assert "R1" in held


def test_the_correlation_id_of_the_submission_travels_to_every_service(suite: Suite) -> None:
    trace = "e2e-trace-0001-abcdef"
    with httpx.Client(base_url=suite.url("intake-api")) as client:
        created = client.post("/v1/aanvragen", json=green_application(), headers={**VENDOR, "X-Request-ID": trace})
        wait_for_status(client, created.headers["Location"], {"besloten"})

    logs = {
        name: (suite.var_dir / "log" / f"{name}.log").read_text()
        for name in ("registers-adapter", "routing-api", "decision-api")
    }
    assert all(trace in text for text in logs.values())


def test_no_bsn_appears_in_any_log_line(suite: Suite) -> None:
    with httpx.Client(base_url=suite.url("intake-api")) as client:
        created = client.post("/v1/aanvragen", json=green_application(), headers=VENDOR)
        wait_for_status(client, created.headers["Location"], {"besloten"})

    text = "".join(p.read_text() for p in (suite.var_dir / "log").glob("*.log"))
    assert "999990020" not in text
