"""CPU of the adapter per Bbz look-up when served by uvicorn, as in the end-to-end benchmark (Linux: /proc).

    .venv/bin/python services/registers-adapter/tools/bench_served.py 3000 services/registers-adapter/src [other/src]

For each source tree given (PYTHONPATH of the adapter to run), starts `uvicorn registers_adapter.main:create_app`
on a freshly migrated SQLite database, posts the look-up intake-api posts for every persona in turn (4 at a
time) and reports the server process's user+system CPU per look-up."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

from bbz_common.testing import INTAKE_SERVICE_KEY, auth, migrated_database
from registers_adapter.personas import store


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


async def load(base: str, lookups: int, concurrency: int) -> None:
    bodies = [
        {
            "burgerservicenummer": p["burgerservicenummer"],
            "kvkNummer": p["kvkNummer"],
            "gemeentecode": "0518",
            "doelbinding": "Beoordelen aanvraag Bbz 2004",
        }
        for p in store.personas()
        if p["kvkNummer"]
    ]
    sent = 0
    async with httpx.AsyncClient(base_url=base, headers=auth(INTAKE_SERVICE_KEY), timeout=30) as client:

        async def worker() -> None:
            nonlocal sent
            while sent < lookups:
                body = {**bodies[sent % len(bodies)], "aanvraagId": str(uuid.uuid4())}
                sent += 1
                response = await client.post("/v1/bbz-gegevens", json=body)
                assert response.status_code == 200, response.text

        await asyncio.gather(*(worker() for _ in range(concurrency)))


def measure(src: str, lookups: int) -> dict[str, object]:
    url = migrated_database(Path(src).parent, Path(tempfile.mkdtemp(prefix="bench-served-")), "registers-adapter")
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "registers_adapter.main:create_app", "--factory", "--port", str(port)]
    env = {**os.environ, "PYTHONPATH": src, "REGISTERS_DATABASE_URL": url}
    server = subprocess.Popen(
        [*command, "--no-access-log"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                httpx.get(f"{base}/livez")
                break
            except httpx.TransportError:
                time.sleep(0.1)
        asyncio.run(load(base, 200, 4))  # warm up
        cpu, wall = cpu_seconds(server.pid), time.perf_counter()
        asyncio.run(load(base, lookups, 4))
        return {
            "adapter": src,
            "lookups": lookups,
            "server_cpu_ms_per_lookup": round((cpu_seconds(server.pid) - cpu) * 1000 / lookups, 3),
            "lookups_per_s_wall": round(lookups / (time.perf_counter() - wall), 1),
        }
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    lookups = int(sys.argv[1])
    for src in sys.argv[2:]:
        print(json.dumps(measure(str(Path(src).resolve()), lookups)))


if __name__ == "__main__":
    main()
