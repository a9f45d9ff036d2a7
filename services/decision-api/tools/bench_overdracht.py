"""CPU per hand-over (POST /v1/behandelingen as intake-api makes it), in process, of decision-api: the request,
the delivery of its outbox to a stubbed intake-api, and the rendering of the beschikkingen, each as CPU time
(time.process_time) per application, with the SQL statements per application.

    .venv/bin/python services/decision-api/tools/bench_overdracht.py services/decision-api 300
    ROUTE=rood .venv/bin/python services/decision-api/tools/bench_overdracht.py services/decision-api 300

To compare with another version on the same (noisy) machine, export that version's tree
(``git archive <rev> services/decision-api | tar -x -C /tmp/old``) and run it with
``PYTHONPATH=/tmp/old/services/decision-api/src ... /tmp/old/services/decision-api N``, alternating runs.
A third argument writes a cProfile of the measured part to that file."""

from __future__ import annotations

import asyncio
import copy
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

SERVICE_DIR = Path(sys.argv[1])
N = int(sys.argv[2])
PROFILE = sys.argv[3] if len(sys.argv) > 3 else None

from bbz_common.migrations import upgrade  # noqa: E402

RECEIVED = dt.date(2026, 3, 2)
SERVICE = {"Authorization": "Bearer demo-intake-service-key"}
GREEN_RULES = [
    {"regel": "G1", "uitkomst": "voldaan", "toelichting": "Geen uitsluitingsgrond."},
    {"regel": "G3", "uitkomst": "voldaan", "toelichting": "Aanvrager is gevestigde zelfstandige."},
    {"regel": "G4", "uitkomst": "voldaan", "toelichting": "Alleen levensonderhoud voor ten hoogste 6 maanden."},
    {"regel": "G10a", "uitkomst": "voldaan", "toelichting": "Ingeschreven bij de KVK vóór 2019-01-01."},
]


def body(i: int) -> dict[str, Any]:
    return {
        "aanvraagId": str(uuid.uuid4()),
        "gemeentecode": "0518",
        "ontvangstdatum": RECEIVED.isoformat(),
        "doelgroep": "gevestigde",
        "typeAanvraag": "inkomensaanvullende-uitkering",
        "ingangsdatum": RECEIVED.isoformat(),
        "einddatum": (RECEIVED + dt.timedelta(days=120)).isoformat(),
        "prioriteit": False,
        "iban": "NL91ABNA0417164300",
        "routering": {
            "routeringId": str(uuid.uuid4()),
            "route": os.environ.get("ROUTE", "groen"),
            "beleidsversie": "0518-2026-01",
            "redenen": ["Alle voorwaarden voor de snelle route zijn voldaan."],
            "regels": copy.deepcopy(GREEN_RULES),
            "deelroutes": None,
        },
        "aanvrager": {
            "naam": f"J. de Vries {i}",
            "adres": {
                "straat": "Spui",
                "huisnummer": "70",
                "huisnummertoevoeging": None,
                "postcode": "2511 BT",
                "woonplaats": "Den Haag",
            },
        },
        "huishouden": {"soort": "alleenstaande", "kostendelers": 0},
        "inkomenPerMaand": 40_000,
        "leverancier": "demo-leverancier",
        "aanvragerSleutel": uuid.uuid4().hex + uuid.uuid4().hex[:8],
    }


async def main() -> None:
    import decision_api.main as main_mod
    from decision_api.clock import FixedClock
    from decision_api.config import Settings

    calls: Counter[str] = Counter()

    # intake-api answers a report with the whole application (some kB), or, asked for ``Prefer: return=minimal``,
    # with 204 and no body. The body is encoded once: the stub's own CPU is no part of decision-api's.
    application = json.dumps({"id": str(uuid.uuid4()), "aanvraag": body(0), "statusgeschiedenis": [{}] * 8}).encode()

    def intake_handler(request: httpx.Request) -> httpx.Response:
        calls[request.url.path.rsplit("/", 1)[-1]] += 1
        json.loads(request.content)
        if request.headers.get("Prefer") == "return=minimal":
            return httpx.Response(204, headers={"Preference-Applied": "return=minimal"})
        return httpx.Response(200, content=application, headers={"Content-Type": "application/json"})

    def fake_client(base_url: str, **_: Any) -> httpx.AsyncClient:
        return httpx.AsyncClient(base_url=base_url, transport=httpx.MockTransport(intake_handler))

    main_mod.create_client = fake_client  # type: ignore[attr-defined]  # intake-api is stubbed
    url = URL
    extra: dict[str, Any] = (
        {"beschikkingen_renderen": False} if "beschikkingen_renderen" in Settings.model_fields else {}
    )
    if "beschikkingen_rust_seconds" in Settings.model_fields:
        extra["beschikkingen_rust_seconds"] = 0
    settings = Settings(database_url=url, outbox_enabled=False, log_json=True, rate_limit_enabled=False, **extra)
    app = main_mod.create_app(settings, clock=FixedClock(RECEIVED))
    from asgi_lifespan import LifespanManager
    from sqlalchemy import event

    statements = [0]

    def count(*_: Any) -> None:
        statements[0] += 1

    async with (
        LifespanManager(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client,
    ):
        db = app.state.db
        event.listen(db.engine.sync_engine, "before_cursor_execute", count)
        relay = app.state.relay

        async def post(i: int) -> None:
            r = await client.post(
                "/v1/behandelingen",
                json=body(i),
                headers={**SERVICE, "Idempotency-Key": str(uuid.uuid4()), "X-Request-ID": uuid.uuid4().hex},
            )
            assert r.status_code == 201, r.text

        async def drain() -> int:
            total = 0
            while n := await relay.run_once():
                total += n
            return total

        async def render_all() -> int:
            renderer = getattr(app.state, "renderer", None)
            total = 0
            while renderer is not None and (n := await renderer.run_once()):
                total += n
            return total

        for i in range(30):
            await post(i)
        await drain()
        await render_all()
        real_stdout = sys.stdout
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - the logs go where production sends them: a pipe
        try:
            prof = None
            if PROFILE:
                import cProfile

                prof = cProfile.Profile()
                prof.enable()
            statements[0] = 0
            t0, w0 = time.process_time(), time.perf_counter()
            for i in range(N):
                await post(i)
            t1, w1 = time.process_time(), time.perf_counter()
            post_statements = statements[0]
            statements[0] = 0
            delivered = await drain()
            t2 = time.process_time()
            drain_statements = statements[0]
            rendered = await render_all()
            t3 = time.process_time()
            if prof:
                prof.disable()
                prof.dump_stats(str(PROFILE))
        finally:
            sys.stdout.close()
            sys.stdout = real_stdout
    print(
        json.dumps(
            {
                "variant": str(SERVICE_DIR),
                "n": N,
                "post_cpu_ms": round((t1 - t0) / N * 1000, 3),
                "post_wall_ms": round((w1 - w0) / N * 1000, 3),
                "post_statements": round(post_statements / N, 2),
                "drain_cpu_ms": round((t2 - t1) / N * 1000, 3),
                "drain_statements": round(drain_statements / N, 2),
                "delivered": delivered,
                "render_cpu_ms": round((t3 - t2) / N * 1000, 3),
                "rendered": rendered,
                "total_cpu_ms": round((t3 - t0) / N * 1000, 3),
                "intake_calls": dict(calls),
            }
        )
    )


TMP = Path(tempfile.mkdtemp(prefix="dbench-"))
URL = f"sqlite+aiosqlite:///{TMP / 'd.db'}"
try:
    upgrade(SERVICE_DIR, URL)
    asyncio.run(main())
finally:
    shutil.rmtree(TMP, ignore_errors=True)  # a run leaves no database behind
