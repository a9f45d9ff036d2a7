"""A minimal ASGI app for the serve tests: answers every request with the pid of the worker that served it.
`GET /busy` first blocks the worker's event loop for two seconds, as a long synchronous piece of work would
(touching the file PID_APP_BUSY_MARKER names, if set, once it is busy), and
`GET /hang` for ten minutes, as a deadlock would. With PID_APP_FAIL_STARTUP set the app refuses to start;
PID_APP_STARTUP_SECONDS makes its start-up take that long (blocking, as a long migration would)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                time.sleep(float(os.environ.get("PID_APP_STARTUP_SECONDS", "0")))
                if os.environ.get("PID_APP_FAIL_STARTUP"):
                    await send({"type": "lifespan.startup.failed", "message": "refused on purpose"})
                    return
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    if scope["path"] == "/busy":
        if marker := os.environ.get("PID_APP_BUSY_MARKER"):
            Path(marker).touch()
        time.sleep(2.0)
    elif scope["path"] == "/hang":
        time.sleep(600.0)
    body = str(os.getpid()).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"text/plain"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
