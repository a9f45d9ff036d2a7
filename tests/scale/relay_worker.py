"""One replica: an outbox relay in its own process, run until no message is pending.

    python relay_worker.py DATABASE_URL INVOCATION_LOG GO_FILE

It writes INVOCATION_LOG.ready when it has started and waits for GO_FILE, so that all replicas begin at
once. Every handler invocation is appended to INVOCATION_LOG before the result is written, so the test can see
work that was done, also work whose result was thrown away."""

from __future__ import annotations

import asyncio
import random
import sys
from pathlib import Path

from sqlalchemy import func, select

from bbz_common.db import Database
from bbz_common.outbox import PENDING, OutboxDelivery, OutboxRelay

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale_models import OutboxMessage, Result


async def main(url: str, log_path: str, go_file: str) -> None:
    db = Database(url, pool_size=5)
    Path(log_path + ".ready").touch()
    while not Path(go_file).exists():
        await asyncio.sleep(0.01)
    log = open(log_path, "a", buffering=1)  # noqa: SIM115 (closed below)
    relay: OutboxRelay

    async def handler(delivery: OutboxDelivery) -> None:
        log.write(f"{delivery.message_id}\n")
        await asyncio.sleep(random.uniform(0, 0.004))  # the call to the other service
        async with delivery.complete() as session:
            session.add(Result(message_id=delivery.message_id, relay=relay.token))

    relay = OutboxRelay(db, OutboxMessage, {"work": handler}, batch_size=10, concurrency=4, base_delay=0.0)
    try:
        idle = 0
        while idle < 3:
            if await relay.run_once():
                idle = 0
                continue
            async with db.sessionmaker() as session:
                pending = (
                    await session.execute(
                        select(func.count()).select_from(OutboxMessage).where(OutboxMessage.status == PENDING)
                    )
                ).scalar_one()
            idle = idle + 1 if pending == 0 else 0
            await asyncio.sleep(0.02)
    finally:
        log.close()
        await db.dispose()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3]))
