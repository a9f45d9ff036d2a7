"""What a decision must record: a finding and its basis on every legal condition, and a valid identity document."""

import httpx
from decision_factories import OFFICER, approve, finding, offer_red, proposal, propose, record_findings


async def test_a_grant_lacking_a_finding_on_a_required_condition_cannot_be_approved(
    client: httpx.AsyncClient,
) -> None:
    behandeling_id = await offer_red(client)
    await record_findings(client, behandeling_id, skip=("urencriterium",))
    proposed = await propose(client, behandeling_id, proposal("toekenning"))

    response = await approve(client, proposed.json()["id"])

    assert (response.status_code, [p["name"] for p in response.json()["invalidParams"]]) == (
        409,
        ["bevindingen.urencriterium"],
    )


async def test_a_grant_without_an_identity_document_check_cannot_be_approved(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)
    await record_findings(client, behandeling_id, skip=("identiteitsdocument",))
    proposed = await propose(client, behandeling_id, proposal("toekenning"))

    response = await approve(client, proposed.json()["id"])

    assert response.json()["code"] == "findings_incomplete"


async def test_a_grant_with_a_condition_not_met_cannot_be_approved(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)
    await record_findings(client, behandeling_id)
    await client.put(
        f"/v1/behandelingen/{behandeling_id}/bevindingen/inkomen",
        json=finding("inkomen", "niet-voldaan"),
        headers=OFFICER,
    )
    proposed = await propose(client, behandeling_id, proposal("toekenning"))

    response = await approve(client, proposed.json()["id"])

    assert [p["code"] for p in response.json()["invalidParams"]] == ["not_met"]


async def test_a_rejection_needs_no_complete_set_of_findings(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)
    proposed = await propose(client, behandeling_id, proposal("afwijzing"))

    response = await approve(client, proposed.json()["id"])

    assert response.status_code == 200


async def test_an_expired_identity_document_is_not_a_valid_check(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)
    body = finding("identiteitsdocument")
    body["identiteitsdocument"]["geldigTot"] = "2026-03-01"  # the day before the check

    response = await client.put(
        f"/v1/behandelingen/{behandeling_id}/bevindingen/identiteitsdocument", json=body, headers=OFFICER
    )

    assert response.json()["invalidParams"][0]["name"] == "identiteitsdocument.geldigTot"


async def test_an_identity_check_names_the_document(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)
    body = finding("identiteitsdocument")
    del body["identiteitsdocument"]

    response = await client.put(
        f"/v1/behandelingen/{behandeling_id}/bevindingen/identiteitsdocument", json=body, headers=OFFICER
    )

    assert response.status_code == 400


async def test_a_finding_without_its_basis_is_refused(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)

    response = await client.put(
        f"/v1/behandelingen/{behandeling_id}/bevindingen/leeftijd", json={"uitkomst": "voldaan"}, headers=OFFICER
    )

    assert response.json()["invalidParams"][0]["name"] == "grondslag"


async def test_a_later_finding_on_the_same_condition_replaces_the_earlier(client: httpx.AsyncClient) -> None:
    behandeling_id = await offer_red(client)
    url = f"/v1/behandelingen/{behandeling_id}/bevindingen/inkomen"
    await client.put(url, json=finding("inkomen", "niet-voldaan"), headers=OFFICER)
    await client.put(url, json=finding("inkomen"), headers=OFFICER)

    findings = (await client.get(f"/v1/behandelingen/{behandeling_id}/bevindingen", headers=OFFICER)).json()

    assert [(f["voorwaarde"], f["uitkomst"]) for f in findings] == [("inkomen", "voldaan")]
