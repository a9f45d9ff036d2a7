"""The HTTP/1.1 transport between our services: keeps connections alive, reads every body framing, and
fails the way httpx fails, so the outbox's retry rules apply unchanged."""

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest

from bbz_common.http1 import Http1Transport


class Server:
    def __init__(self, respond: Callable[[bytes, dict[bytes, bytes], bytes], bytes | None]) -> None:
        self.respond = respond
        self.connections = 0
        self.requests: list[tuple[bytes, dict[bytes, bytes], bytes]] = []
        self.server: asyncio.Server | None = None

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while True:
                request_line = await reader.readline()
                if not request_line:
                    return
                headers: dict[bytes, bytes] = {}
                while (line := await reader.readline()) not in (b"\r\n", b""):
                    name, _, value = line.partition(b":")
                    headers[name.strip().lower()] = value.strip()
                body = await reader.readexactly(int(headers.get(b"content-length", b"0")))
                self.requests.append((request_line, headers, body))
                answer = self.respond(request_line, headers, body)
                if answer is None:  # hang up without answering
                    return
                writer.write(answer)
                await writer.drain()
                if b"Connection: close" in answer:
                    return
        except (ConnectionError, asyncio.IncompleteReadError):
            return
        finally:
            writer.close()

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.sockets[0].getsockname()[1]}"


@pytest.fixture
async def serve() -> AsyncIterator[Callable[..., Awaitable[Server]]]:
    servers: list[Server] = []

    async def start(respond: Callable[[bytes, dict[bytes, bytes], bytes], bytes | None]) -> Server:
        server = Server(respond)
        server.server = await asyncio.start_server(server.handle, "127.0.0.1", 0)
        servers.append(server)
        return server

    yield start
    for server in servers:
        assert server.server is not None
        server.server.close()


def _json(status: int, payload: object, extra: bytes = b"") -> bytes:
    body = json.dumps(payload).encode()
    return (
        f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n".encode()
        + extra
        + b"\r\n"
        + body
    )


def _echo(request_line: bytes, headers: dict[bytes, bytes], body: bytes) -> bytes:
    return _json(201, {"line": request_line.decode().strip(), "body": json.loads(body or b"null")})


async def test_requests_to_one_service_share_one_kept_alive_connection(serve) -> None:  # type: ignore[no-untyped-def]
    server = await serve(_echo)
    async with httpx.AsyncClient(base_url=server.url, transport=Http1Transport()) as client:
        answers = [(await client.post("/v1/stap?x=1", json={"n": n})).json() for n in range(3)]

    assert (server.connections, answers[2]) == (1, {"line": "POST /v1/stap?x=1 HTTP/1.1", "body": {"n": 2}})


async def test_the_request_carries_its_headers_host_and_exact_length(serve) -> None:  # type: ignore[no-untyped-def]
    server = await serve(lambda *_: _json(201, {}))
    async with httpx.AsyncClient(
        base_url=server.url, transport=Http1Transport(), headers={"Authorization": "Bearer k"}
    ) as client:
        await client.post("/x", content=b"abc", headers={"Idempotency-Key": "id-1"})

    _, headers, body = server.requests[0]
    assert (headers[b"authorization"], headers[b"idempotency-key"], headers[b"content-length"], body) == (
        b"Bearer k",
        b"id-1",
        b"3",
        b"abc",
    ) and headers[b"host"].startswith(b"127.0.0.1:")


async def test_a_chunked_answer_is_read_whole(serve) -> None:  # type: ignore[no-untyped-def]
    chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
    server = await serve(lambda *_: chunked)
    async with httpx.AsyncClient(base_url=server.url, transport=Http1Transport()) as client:
        first = await client.get("/")
        second = await client.get("/")

    assert (first.text, second.text, server.connections) == ("hello world", "hello world", 1)


async def test_an_answer_with_connection_close_is_not_reused(serve) -> None:  # type: ignore[no-untyped-def]
    server = await serve(lambda *_: _json(200, {}, b"Connection: close\r\n"))
    async with httpx.AsyncClient(base_url=server.url, transport=Http1Transport()) as client:
        statuses = [(await client.get("/")).status_code for _ in range(2)]

    assert (statuses, server.connections) == ([200, 200], 2)


async def test_a_kept_alive_connection_the_server_dropped_is_replaced_without_an_error(serve) -> None:  # type: ignore[no-untyped-def]
    answered = 0

    def once_per_connection(*_: bytes) -> bytes | None:
        nonlocal answered
        answered += 1
        return _json(200, {"n": answered}) if answered % 2 else None  # every second request: hang up

    server = await serve(once_per_connection)
    async with httpx.AsyncClient(base_url=server.url, transport=Http1Transport()) as client:
        first = await client.get("/")
        second = await client.get("/")  # sent on the kept connection; the server hangs up; sent again

    assert (first.json(), second.json(), server.connections) == ({"n": 1}, {"n": 3}, 2)


async def test_a_silent_server_is_a_read_timeout(serve) -> None:  # type: ignore[no-untyped-def]
    async def never(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(5)

    server = await asyncio.start_server(never, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        async with httpx.AsyncClient(transport=Http1Transport(), timeout=0.2) as client:
            with pytest.raises(httpx.ReadTimeout):
                await client.post(f"http://127.0.0.1:{port}/", json={})
    finally:
        server.close()


async def test_a_service_that_is_down_is_a_connect_error() -> None:
    probe = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
    port = probe.sockets[0].getsockname()[1]
    probe.close()
    await probe.wait_closed()
    async with httpx.AsyncClient(transport=Http1Transport()) as client:
        with pytest.raises(httpx.ConnectError):
            await client.get(f"http://127.0.0.1:{port}/")


async def test_https_goes_through_the_fallback_transport() -> None:
    fallback = httpx.MockTransport(lambda request: httpx.Response(200, json={"via": "fallback"}))
    async with httpx.AsyncClient(transport=Http1Transport(fallback=fallback)) as client:
        answer = await client.get("https://brp.example/haalcentraal/api/brp/personen")

    assert answer.json() == {"via": "fallback"}


async def test_no_more_requests_are_in_flight_than_the_client_allows(serve) -> None:  # type: ignore[no-untyped-def]
    in_flight = most = 0

    async def slow(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal in_flight, most
        try:
            while await reader.readuntil(b"\r\n\r\n"):
                in_flight += 1
                most = max(most, in_flight)
                await asyncio.sleep(0.02)
                in_flight -= 1
                writer.write(_json(200, {}))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    server = await asyncio.start_server(slow, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        async with httpx.AsyncClient(transport=Http1Transport(max_connections=2)) as client:
            answers = await asyncio.gather(*(client.get(f"http://127.0.0.1:{port}/") for _ in range(6)))
    finally:
        server.close()

    assert ([a.status_code for a in answers], most) == ([200] * 6, 2)
