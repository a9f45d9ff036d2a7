"""Benchmark of the route rules and the what-if batch, in-process on one core (CPU time of this process, so
that other load on a shared machine does not count).

    .venv/bin/python services/routing-api/bench_whatif.py [--count 100000]

1. evaluations/s of the pure rule function (route only, as the what-if uses it; and with the full explanation);
2. what-if applications/s over an NDJSON stream of `--count` applications: parse each line, evaluate it under
   a candidate version and under the active version, keep counts and a bounded list of changes; with the peak
   resident memory, which must not grow with the count."""

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

from routing_batch import mixed_application, ndjson  # noqa: E402
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
    started = time.process_time()
    for i in range(n):
        bepaal_alleen_route(requests[i % 1000], beleid)
    route_only = n / (time.process_time() - started)
    started = time.process_time()
    for i in range(n):
        bepaal_route(requests[i % 1000], beleid)
    full = n / (time.process_time() - started)
    return route_only, full


async def chunks(count: int) -> AsyncIterator[bytes]:
    buffer: list[bytes] = []
    for line in ndjson(count, seed=11):
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
    list(ndjson(count, seed=11))  # generate the input before timing
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--evaluations", type=int, default=50_000)
    args = parser.parse_args()
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
