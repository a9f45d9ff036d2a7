"""Operations see one log line per look-up: the reads per register, the slowest, the one that failed. No BSN in
any log line: not of the applicant, not of anyone in the household (the mocks log too)."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from registers_helpers import bsn_of, household_bsns, lookup

from bbz_common.testing import running_app
from registers_adapter.config import Settings
from registers_adapter.main import create_app


def logged_events(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]


async def test_a_look_up_logs_no_bsn(client: httpx.AsyncClient, capsys: pytest.CaptureFixture[str]) -> None:
    await lookup(client, "groot-huishouden")
    logged = capsys.readouterr()
    bsns = {bsn_of("groot-huishouden"), *household_bsns("groot-huishouden")}
    assert [bsn for bsn in bsns if bsn in logged.out + logged.err] == []


async def test_a_look_up_is_one_log_line_with_the_reads_per_register(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    async with running_app(create_app(settings.model_copy(update={"log_json": True}))) as client:
        capsys.readouterr()
        await lookup(client, "gevestigde-groen")
    events = [e for e in logged_events(capsys) if e["event"] != "request"]  # the common access line aside
    # BRP person and address search, KVK, UWV, SVB, DUO, RDW, Kadaster and the municipal registration
    assert [(e["event"], e["outcome"], e["reads"]) for e in events] == [
        ("bbz_lookup", "ok", {"BRP": 2, "KVK": 1, "Suwinet": 5, "gemeentelijke-registratie": 1})
    ]


async def test_the_summary_names_the_register_that_failed(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    failing = settings.suwinet.model_copy(update={"fault_error_rate": 1.0})
    async with running_app(create_app(settings.model_copy(update={"log_json": True, "suwinet": failing}))) as client:
        capsys.readouterr()
        await lookup(client, "gevestigde-groen")
    summary = next(e for e in logged_events(capsys) if e["event"] == "bbz_lookup")
    assert (summary["outcome"], summary["failed_register"]) == ("upstream_unavailable", "Suwinet")
