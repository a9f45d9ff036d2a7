"""Benchmark of the route rules and the what-if batch, in-process on one core (CPU time of this process, so
that other load on a shared machine does not count).

    .venv/bin/python services/routing-api/bench_whatif.py [--count 100000]

1. evaluations/s of the pure rule function (route only, as the what-if uses it; and with the full explanation);
2. what-if applications/s over an NDJSON stream of `--count` applications (generated on the fly; the time to
   generate them is included, so the figure is a lower bound): parse each line, evaluate it under
   a candidate version and under the active version, keep counts and a bounded list of changes; with the peak
   resident memory, which must not grow with the count.

With `--url http://127.0.0.1:PORT` (a running routing-api, e.g. `BBZ_PORT_BASE=9400 ... bbz_common.suite up`)
it measures over HTTP instead: single determinations (POST /v1/routeringen) at a fixed request rate, p50/p99
latency; and one what-if call streaming `--count` applications (wall-clock applications/s)."""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import resource
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "tests"))

from routing_batch import mixed_application, ndjson, ndjson_stream  # noqa: E402
from routing_cases import policy, policy_json  # noqa: E402

from bbz_common.db import utcnow  # noqa: E402
from routing_api.beleid.models import BeleidsversieRij  # noqa: E402
from routing_api.beleid.schemas import BeleidsversieInhoud  # noqa: E402
from routing_api.beleid.service import ActieveVersies  # noqa: E402
from routing_api.regels.afhandelroutes import bepaal_alleen_route, bepaal_route  # noqa: E402
from routing_api.routering.schemas import RouteringVerzoek  # noqa: E402
from routing_api.watals.service import analyse  # noqa: E402


def row(inhoud: BeleidsversieInhoud) -> BeleidsversieRij:
    return BeleidsversieRij(
        id=inhoud.id,
        gemeentecode=inhoud.gemeentecode,
        geldig_vanaf=inhoud.geldigVanaf,
        geldig_tot_en_met=inhoud.geldigTotEnMet,
        status="actief",
        inhoud=inhoud.model_dump(mode="json"),
        inhoud_hash=inhoud.inhoud_hash(),
        aangemaakt_door="bench",
        aangemaakt_op=utcnow(),
        geactiveerd_door="bench",
        geactiveerd_op=utcnow(),
    )


def bench_rules(n: int) -> tuple[float, float]:
    import random

    rng = random.Random(7)
    requests = [RouteringVerzoek.model_validate(mixed_application(rng)) for _ in range(1000)]
    beleid = policy("standaard-2026")
    route_only = full = 0.0
    for _ in range(3):  # best of three: the machine may be shared
        started = time.process_time()
        for i in range(n):
            bepaal_alleen_route(requests[i % 1000], beleid)
        route_only = max(route_only, n / (time.process_time() - started))
        started = time.process_time()
        for i in range(n):
            bepaal_route(requests[i % 1000], beleid)
        full = max(full, n / (time.process_time() - started))
    return route_only, full


async def chunks(count: int) -> AsyncIterator[bytes]:
    buffer: list[bytes] = []
    for line in ndjson_stream(count, seed=11):
        buffer.append(line)
        if len(buffer) == 64:  # about 64 KB chunks, as a socket would deliver them
            yield b"".join(buffer)
            buffer = []
    if buffer:
        yield b"".join(buffer)


def bench_whatif(count: int) -> tuple[float, dict[str, object]]:
    candidate = BeleidsversieInhoud.model_validate(
        policy_json(**{"id": "kandidaat", "vermogenstoets.grensLiquideMiddelen": 1_500_000})
    )
    active = ActieveVersies([row(policy("standaard-2026"))])
    started = time.process_time()
    result = asyncio.run(analyse(row(candidate), active, chunks(count), max_gewijzigd=1000))
    rate = count / (time.process_time() - started)
    summary = {
        "aantal": result.aantal,
        "verdelingActief": result.verdelingActief.model_dump(),
        "verdelingKandidaat": result.verdelingKandidaat.model_dump(),
        "aantalGewijzigd": result.aantalGewijzigd,
    }
    return rate, summary


async def bench_http(url: str, rate: float, seconds: float, count: int) -> dict[str, object]:
    import httpx

    service = {"Authorization": "Bearer demo-intake-service-key"}
    admin = {"Authorization": "Bearer demo-beleid-key"}
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    body = json.loads(next(ndjson(1, seed=3)))

    async with httpx.AsyncClient(base_url=url, timeout=60) as client:

        async def one() -> None:
            started = time.perf_counter()
            response = await client.post("/v1/routeringen", json=body, headers=service)
            latencies.append(time.perf_counter() - started)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

        tasks = []
        begin = time.perf_counter()
        for i in range(int(rate * seconds)):
            delay = begin + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one()))
        await asyncio.gather(*tasks)
        latencies.sort()

        async def stream() -> AsyncIterator[bytes]:
            async for chunk in chunks(count):
                yield chunk

        started = time.perf_counter()
        response = await client.post(
            "/v1/wat-als-analyses",
            params={"kandidaatBeleidsversieId": "standaard-2026"},
            content=stream(),
            headers={**admin, "Content-Type": "application/x-ndjson"},
            timeout=None,
        )
        whatif_seconds = time.perf_counter() - started
    return {
        "determinationsRatePerSecond": rate,
        "determinations": len(latencies),
        "statuses": statuses,
        "p50Ms": round(1000 * latencies[len(latencies) // 2], 1),
        "p99Ms": round(1000 * latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))], 1),
        "whatIfStatus": response.status_code,
        "whatIfCount": response.json().get("aantal") if response.status_code == 200 else None,
        "whatIfApplicationsPerSecondWallClock": round(count / whatif_seconds),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--evaluations", type=int, default=50_000)
    parser.add_argument("--url", help="measure a running routing-api over HTTP instead")
    parser.add_argument("--rate", type=float, default=50.0, help="determinations per second (HTTP)")
    parser.add_argument("--seconds", type=float, default=20.0, help="duration of the fixed-rate run (HTTP)")
    args = parser.parse_args()
    if args.url:
        print(json.dumps(asyncio.run(bench_http(args.url, args.rate, args.seconds, args.count)), indent=2))
        return
    route_only, full = bench_rules(args.evaluations)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rate, summary = bench_whatif(args.count)
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "machine": f"{platform.processor() or platform.machine()} {platform.python_implementation()} "
                f"{platform.python_version()}",
                "evaluationsPerSecondRouteOnly": round(route_only),
                "evaluationsPerSecondWithExplanation": round(full),
                "whatIfApplicationsPerSecond": round(rate),
                "whatIfCount": args.count,
                "peakRssMiBBeforeWhatIf": round(rss_before / 1024),
                "peakRssMiBAfterWhatIf": round(rss_after / 1024),
                "whatIf": summary,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
