"""A reproducible mix of applications for what-if analyses (tests and the benchmark)."""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Iterator
from functools import cache
from typing import Any

from routing_cases import change, green_request


def mixed_application(rng: random.Random) -> dict[str, Any]:
    body = green_request(aanvraagId=str(uuid.UUID(int=rng.getrandbits(128), version=4)))
    roll = rng.random()
    if roll < 0.10:
        body = change(body, doelgroep="starter")
    elif roll < 0.20:
        body = change(body, **{"antwoorden.medebewoners": [{"leeftijd": rng.randint(18, 30)}]})
    elif roll < 0.30:
        body = change(body, **{"antwoorden.liquideMiddelen": rng.randint(0, 2_000_000)})
    elif roll < 0.40:
        body = change(
            body,
            **{
                "antwoorden.arbeidsongeschiktheidsverzekering": True,
                "antwoorden.premiePerMaand": rng.randint(0, 40000),
            },
        )
    elif roll < 0.45:
        body = change(body, **{"aanvraag.typeAanvraag": "beide", "aanvraag.bedrag": 500000})
    elif roll < 0.50:
        body = change(body, **{"antwoorden.inkomsten": None})
    return body


@cache
def _lines(count: int, seed: int) -> tuple[bytes, ...]:
    rng = random.Random(seed)
    return tuple(json.dumps(mixed_application(rng)).encode() + b"\n" for _ in range(count))


def ndjson(count: int, seed: int = 2004) -> Iterator[bytes]:
    """`count` NDJSON lines; the same count and seed give the same lines."""
    return iter(_lines(count, seed))


def ndjson_stream(count: int, seed: int = 2004) -> Iterator[bytes]:
    """The same lines as `ndjson`, generated one by one and never held (for the benchmark's memory figure)."""
    rng = random.Random(seed)
    for _ in range(count):
        yield json.dumps(mixed_application(rng)).encode() + b"\n"
