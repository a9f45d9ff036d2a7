"""What-if: many applications (NDJSON) under a candidate version against the active versions."""

import json
from collections.abc import AsyncIterator, Iterator

import httpx
from routing_batch import ndjson
from routing_cases import OFFICER, POLICY_ADMIN, green_request, policy_json

NDJSON = {**POLICY_ADMIN, "Content-Type": "application/x-ndjson"}


async def stream(lines: Iterator[bytes]) -> AsyncIterator[bytes]:
    for line in lines:
        yield line


async def create_candidate(client: httpx.AsyncClient, **changes: object) -> None:
    body = policy_json(**{"id": "kandidaat", "gemeentecode": "0518", "geldigVanaf": "2026-02-01", **changes})  # type: ignore[arg-type]
    created = await client.post("/v1/beleidsversies", json=body, headers=POLICY_ADMIN)
    assert created.status_code == 201, created.text


async def analyse(client: httpx.AsyncClient, lines: Iterator[bytes], **params: object) -> dict[str, object]:
    response = await client.post(
        "/v1/wat-als-analyses",
        params={"kandidaatBeleidsversieId": "kandidaat", **params},
        content=stream(lines),
        headers=NDJSON,
    )
    assert response.status_code == 200, response.text
    result: dict[str, object] = response.json()
    return result


async def test_the_active_version_as_candidate_changes_no_route(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/wat-als-analyses",
        params={"kandidaatBeleidsversieId": "standaard-2026"},
        content=stream(ndjson(500)),
        headers=NDJSON,
    )
    assert response.json()["aantalGewijzigd"] == 0


async def test_a_few_thousand_applications_are_all_counted(client: httpx.AsyncClient) -> None:
    await create_candidate(client)
    result = await analyse(client, ndjson(3000))
    assert result["aantal"] == 3000


async def test_a_higher_asset_limit_moves_applications_from_orange_to_green(client: httpx.AsyncClient) -> None:
    await create_candidate(client, **{"vermogenstoets.grensLiquideMiddelen": 5_000_000})
    result = await analyse(client, ndjson(1000))
    assert {(o["van"], o["naar"]) for o in result["overgangen"]} == {("oranje", "groen")}  # type: ignore[attr-defined]


async def test_the_changed_applications_are_listed_by_line_and_id(client: httpx.AsyncClient) -> None:
    await create_candidate(client, **{"vermogenstoets.grensLiquideMiddelen": 5_000_000})
    result = await analyse(client, ndjson(1000))
    assert len(result["gewijzigd"]) == result["aantalGewijzigd"]  # type: ignore[arg-type]


async def test_the_list_of_changes_is_capped_and_says_so(client: httpx.AsyncClient) -> None:
    await create_candidate(client, **{"vermogenstoets.grensLiquideMiddelen": 5_000_000})
    result = await analyse(client, ndjson(1000), maxGewijzigd=5)
    assert (len(result["gewijzigd"]), result["gewijzigdAfgekapt"]) == (5, True)  # type: ignore[arg-type]


async def test_the_distributions_add_up_to_the_number_of_applications(client: httpx.AsyncClient) -> None:
    await create_candidate(client, maandenLevensonderhoudGroen=3)
    result = await analyse(client, ndjson(1000))
    assert sum(result["verdelingKandidaat"].values()) == sum(result["verdelingActief"].values()) == 1000  # type: ignore[attr-defined]


async def test_invalid_lines_are_reported_by_line_number_and_skipped(client: httpx.AsyncClient) -> None:
    await create_candidate(client)
    lines = iter([b"{not json}\n", *ndjson(3), b'{"gemeentecode": "0518"}\n'])
    result = await analyse(client, lines)
    assert ([o["regelnummer"] for o in result["ongeldig"]], result["aantal"]) == ([1, 5], 3)  # type: ignore[attr-defined]


async def test_a_line_split_across_chunks_is_read_whole(client: httpx.AsyncClient) -> None:
    await create_candidate(client)
    line = next(ndjson(1))
    result = await analyse(client, iter([line[:10], line[10:]]))
    assert result["aantal"] == 1


async def test_an_officer_may_not_run_a_what_if(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/wat-als-analyses",
        params={"kandidaatBeleidsversieId": "standaard-2026"},
        content=green_request().__repr__(),
        headers={**OFFICER, "Content-Type": "application/x-ndjson"},
    )
    assert response.status_code == 403


async def test_a_small_batch_may_be_sent_as_a_json_array(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/wat-als-analyses",
        params={"kandidaatBeleidsversieId": "standaard-2026"},
        json=[green_request(), green_request()],
        headers=POLICY_ADMIN,
    )
    assert response.json()["verdelingKandidaat"] == {"groen": 2, "oranje": 0, "rood": 0}


async def test_a_json_array_with_an_invalid_item_is_a_400_naming_it(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/wat-als-analyses",
        params={"kandidaatBeleidsversieId": "standaard-2026"},
        json=[green_request(), {**green_request(), "gemeentecode": "18"}],
        headers=POLICY_ADMIN,
    )
    assert [p["name"] for p in response.json()["invalidParams"]] == ["1.gemeentecode"]


async def test_a_plain_text_body_is_refused_as_the_wrong_media_type(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/wat-als-analyses",
        params={"kandidaatBeleidsversieId": "standaard-2026"},
        content=b"hallo",
        headers={**POLICY_ADMIN, "Content-Type": "text/plain"},
    )
    assert response.status_code == 415


async def test_an_unknown_candidate_is_a_404(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/wat-als-analyses", params={"kandidaatBeleidsversieId": "bestaat-niet"}, content=b"", headers=NDJSON
    )
    assert response.status_code == 404


async def test_the_same_batch_and_candidate_give_the_same_analysis(client: httpx.AsyncClient) -> None:
    await create_candidate(client, maandenLevensonderhoudGroen=3)
    first = await analyse(client, ndjson(500))
    second = await analyse(client, ndjson(500))
    assert first == second


async def test_a_municipal_candidate_skips_applications_of_other_municipalities(client: httpx.AsyncClient) -> None:
    await create_candidate(client)
    other = (json.dumps(green_request(gemeentecode="0363")) + "\n").encode()
    result = await analyse(client, iter([*ndjson(3), other]))
    assert (result["aantal"], result["aantalAndereGemeente"]) == (3, 1)
