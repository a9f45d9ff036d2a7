"""A lean HTTP/1.1 keep-alive transport for httpx, for the calls between our own services over plain http.

httpx's default transport (httpcore on anyio) cost 0.7 ms CPU per call at one call in flight and 2 ms at
32 on the benchmark machine, more than the receiving service spends on most requests; intake makes three
such calls per application. This transport speaks HTTP/1.1 on asyncio streams directly: it reuses idle
connections per origin, reads Content-Length and chunked bodies, and raises httpx's own exceptions, so
callers, time-outs and the outbox's retry rules see no difference. https URLs (real upstreams) go through
httpx's default transport, with its TLS and proxy handling."""

from __future__ import annotations

import asyncio
from collections import deque

import httpx

_MAX_HEADER_LINES = 100
_MAX_LINE = 65536


class _Connection:
    __slots__ = ("reader", "writer")

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer

    @property
    def usable(self) -> bool:
        return not self.writer.is_closing() and not self.reader.at_eof()

    def close(self) -> None:
        self.writer.close()


class _StaleConnection(Exception):
    """A kept-alive connection closed by the server before it answered: send on a fresh one."""


class Http1Transport(httpx.AsyncBaseTransport):
    def __init__(
        self,
        *,
        max_connections: int = 50,
        max_idle_per_origin: int = 50,
        fallback: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._idle: dict[tuple[str, int], deque[_Connection]] = {}
        self._max_idle = max_idle_per_origin
        # At most this many requests in flight (each on its own connection), as httpx's pool limit does.
        self._slots = asyncio.Semaphore(max_connections)
        self._fallback = fallback or httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        if url.scheme != "http":
            return await self._fallback.handle_async_request(request)
        timeouts: dict[str, float | None] = request.extensions.get("timeout", {})
        try:
            async with asyncio.timeout(timeouts.get("pool")):
                await self._slots.acquire()
        except TimeoutError as exc:
            raise httpx.PoolTimeout("no free connection in time", request=request) from exc
        try:
            return await self._send(request, timeouts)
        finally:
            self._slots.release()

    async def _send(self, request: httpx.Request, timeouts: dict[str, float | None]) -> httpx.Response:
        url = request.url
        origin = (url.host, url.port or 80)
        head, body = self._serialise(request, await request.aread())
        for attempt in range(2):
            connection, reused = await self._connection(origin, timeouts.get("connect"), request)
            try:
                status, headers, content, keep = await self._exchange(
                    connection, head + body, request, timeouts.get("read"), reused and attempt == 0
                )
            except _StaleConnection:
                connection.close()
                continue
            except BaseException:
                connection.close()
                raise
            if keep and len(self._idle.setdefault(origin, deque())) < self._max_idle:
                self._idle[origin].append(connection)
            else:
                connection.close()
            return httpx.Response(
                status, headers=headers, content=content, request=request, extensions={"http_version": b"HTTP/1.1"}
            )
        raise httpx.RemoteProtocolError("the server closed the connection without answering", request=request)

    async def aclose(self) -> None:
        for pool in self._idle.values():
            while pool:
                pool.pop().close()
        self._idle.clear()
        await self._fallback.aclose()

    @staticmethod
    def _serialise(request: httpx.Request, body: bytes) -> tuple[bytes, bytes]:
        url = request.url
        target = url.raw_path or b"/"
        lines = [request.method.encode("ascii") + b" " + target + b" HTTP/1.1"]
        has_host = False
        for name, value in request.headers.raw:
            lower = name.lower()
            has_host = has_host or lower == b"host"
            if lower in (b"transfer-encoding", b"content-length"):
                continue  # the body was read whole above: it goes with its own Content-Length
            lines.append(name + b": " + value)
        if not has_host:
            lines.insert(1, b"Host: " + url.netloc)
        if body or request.method not in ("GET", "HEAD", "DELETE", "OPTIONS"):
            lines.append(b"Content-Length: " + str(len(body)).encode("ascii"))
        return b"\r\n".join(lines) + b"\r\n\r\n", body

    async def _connection(
        self, origin: tuple[str, int], connect_timeout: float | None, request: httpx.Request
    ) -> tuple[_Connection, bool]:
        pool = self._idle.get(origin)
        while pool:
            connection = pool.pop()
            if connection.usable:
                return connection, True
            connection.close()
        try:
            async with asyncio.timeout(connect_timeout):
                reader, writer = await asyncio.open_connection(origin[0], origin[1], limit=_MAX_LINE)
        except TimeoutError as exc:
            raise httpx.ConnectTimeout(f"connecting to {origin[0]}:{origin[1]} timed out", request=request) from exc
        except OSError as exc:
            raise httpx.ConnectError(str(exc) or type(exc).__name__, request=request) from exc
        return _Connection(reader, writer), False

    async def _exchange(
        self,
        connection: _Connection,
        data: bytes,
        request: httpx.Request,
        read_timeout: float | None,
        may_be_stale: bool,
    ) -> tuple[int, list[tuple[bytes, bytes]], bytes, bool]:
        reader = connection.reader
        try:
            connection.writer.write(data)
            await connection.writer.drain()
        except OSError as exc:
            if may_be_stale:
                raise _StaleConnection from exc
            raise httpx.WriteError(str(exc) or type(exc).__name__, request=request) from exc
        try:
            async with asyncio.timeout(read_timeout):
                status_line = await reader.readline()
                if not status_line:
                    if may_be_stale:
                        raise _StaleConnection
                    raise httpx.RemoteProtocolError("the server closed the connection", request=request)
                return await self._read_response(reader, status_line, request)
        except TimeoutError as exc:
            raise httpx.ReadTimeout("the server did not answer in time", request=request) from exc
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as exc:
            if isinstance(exc, ConnectionResetError) and may_be_stale:
                raise _StaleConnection from exc
            raise httpx.RemoteProtocolError(f"malformed or cut-off response: {exc!r}", request=request) from exc

    @staticmethod
    async def _read_response(
        reader: asyncio.StreamReader, status_line: bytes, request: httpx.Request
    ) -> tuple[int, list[tuple[bytes, bytes]], bytes, bool]:
        parts = status_line.split(b" ", 2)
        if len(parts) < 2 or not parts[0].startswith(b"HTTP/1."):
            raise httpx.RemoteProtocolError(f"not an HTTP/1.x status line: {status_line[:80]!r}", request=request)
        status = int(parts[1])
        headers: list[tuple[bytes, bytes]] = []
        length: int | None = None
        chunked = False
        keep = parts[0] == b"HTTP/1.1"
        for _ in range(_MAX_HEADER_LINES):
            line = await reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.partition(b":")
            name, value = name.strip(), value.strip()
            headers.append((name, value))
            lower = name.lower()
            if lower == b"content-length":
                length = int(value)
            elif lower == b"transfer-encoding":
                chunked = b"chunked" in value.lower()
            elif lower == b"connection":
                keep = b"close" not in value.lower() and (keep or b"keep-alive" in value.lower())
        else:
            raise httpx.RemoteProtocolError("too many response headers", request=request)
        if request.method == "HEAD" or status in (204, 304) or 100 <= status < 200:
            content = b""
        elif chunked:
            content = await _read_chunked(reader)
            headers = [(n, v) for n, v in headers if n.lower() != b"transfer-encoding"]
        elif length is not None:
            content = await reader.readexactly(length)
        else:
            content = await reader.read()
            keep = False
        return status, headers, content, keep


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    chunks: list[bytes] = []
    while True:
        size_line = await reader.readline()
        size = int(size_line.split(b";", 1)[0].strip(), 16)
        if size == 0:
            while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                pass  # trailers
            return b"".join(chunks)
        chunks.append(await reader.readexactly(size))
        await reader.readexactly(2)
