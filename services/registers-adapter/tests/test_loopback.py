"""The network path: the adapter pointed by URL at the mocks mounted on a running adapter (real uvicorn on
127.0.0.1) gives the same answer as the in-process default."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from registers_helpers import gegevens

from bbz_common.testing import running_app
from registers_adapter.config import Settings
from registers_adapter.main import create_app


@pytest.fixture
def served(settings: Settings) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def over_http(settings: Settings, base: str) -> Settings:
    urls = {
        "brp": f"{base}/mock/brp/haalcentraal/api/brp",
        "kvk": f"{base}/mock/kvk/api",
        "suwinet": f"{base}/mock/suwinet",
        "gemeente": f"{base}/mock/gemeente",
    }
    return settings.model_copy(
        update={name: getattr(settings, name).model_copy(update={"base_url": url}) for name, url in urls.items()}
    )


async def test_the_mocks_over_loopback_http_answer_as_in_process(settings: Settings, served: str) -> None:
    async with running_app(create_app(settings)) as client:
        in_process = await gegevens(client, "groot-huishouden")
    async with running_app(create_app(over_http(settings, served))) as client:
        over_network = await gegevens(client, "groot-huishouden")
    assert over_network == in_process


async def test_a_stopped_upstream_is_a_503(settings: Settings) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}"
    async with running_app(create_app(over_http(settings, closed))) as client:
        response = await client.post(
            "/v1/bbz-gegevens",
            json={"burgerservicenummer": "999990020", "doelbinding": "Bbz 2004"},
            headers={"Authorization": "Bearer demo-intake-service-key"},
        )
    assert (response.status_code, response.json()["code"]) == (503, "upstream_unavailable")
