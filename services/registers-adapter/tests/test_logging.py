"""No BSN in any log line: not of the applicant, not of anyone in the household (the mocks log too)."""

from __future__ import annotations

import httpx
import pytest
from registers_helpers import bsn_of, household_bsns, lookup


async def test_a_look_up_logs_no_bsn(client: httpx.AsyncClient, capsys: pytest.CaptureFixture[str]) -> None:
    await lookup(client, "groot-huishouden")
    logged = capsys.readouterr()
    bsns = {bsn_of("groot-huishouden"), *household_bsns("groot-huishouden")}
    assert [bsn for bsn in bsns if bsn in logged.out + logged.err] == []


async def test_every_register_call_is_logged_with_its_outcome(
    client: httpx.AsyncClient, capsys: pytest.CaptureFixture[str]
) -> None:
    await lookup(client, "gevestigde-groen")
    # BRP person and address search, KVK, UWV, SVB, DUO, RDW, Kadaster and the municipal registration
    assert capsys.readouterr().out.count("register_call") == 9
