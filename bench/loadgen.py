"""Asyncio load generators, loopback only, always bounded in count and duration.

- closed_loop: N concurrent clients, each sending the next request when the previous one is answered
  (throughput at saturation, with latency under that load);
- open_loop: requests started on a fixed schedule whatever the answers do (latency at a given rate; measured
  from the scheduled start, so a stalled server or client cannot hide queueing: no coordinated omission)."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


@dataclass
class LoadResult:
    sent: int = 0
    ok: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    latencies_ms: list[float] = field(default_factory=list)
    started_wall: float = 0.0
    first_send_wall: float = 0.0
    elapsed_s: float = 0.0
    ids: list[str] = field(default_factory=list)
    late_starts: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.ok / self.elapsed_s if self.elapsed_s else 0.0

    def summary(self) -> dict[str, Any]:
        return {
            "sent": self.sent,
            "ok": self.ok,
            "statuses": dict(self.statuses),
            "elapsed_s": round(self.elapsed_s, 3),
            "rate_per_s": round(self.rate, 1),
            "p50_ms": round(percentile(self.latencies_ms, 50), 2),
            "p90_ms": round(percentile(self.latencies_ms, 90), 2),
            "p99_ms": round(percentile(self.latencies_ms, 99), 2),
            "max_ms": round(max(self.latencies_ms), 2) if self.latencies_ms else None,
            "late_starts": self.late_starts,
            "errors": self.errors[:5],
        }


Body = Callable[[int], bytes]


class HttpError(Exception):
    pass


class _ClosedWhileIdle(Exception):
    pass


class Connection:
    """One keep-alive HTTP/1.1 connection on asyncio streams.

    The hot loops do not use httpx: on this machine httpx's AsyncClient costs 0.8 ms of CPU per request at
    8 connections and 5 ms at 64 (its pool), more than the servers under test, so the client would measure
    itself. This client writes prepared bytes and reads the status line, headers and Content-Length body."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, head: bytes, body: bytes) -> tuple[int, bytes]:
        try:
            return await self._request(head, body)
        except _ClosedWhileIdle:
            # The server closed this kept-alive connection while it was idle (uvicorn after 5 s) and never saw
            # the request: send it again on a new connection, as HTTP clients do (every POST has a key).
            return await self._request(head, body)

    async def _request(self, head: bytes, body: bytes) -> tuple[int, bytes]:
        reused = self.writer is not None
        if self.writer is None or self.reader is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        try:
            self.writer.write(head + body)
            try:
                raw = await self.reader.readuntil(b"\r\n\r\n")
            except (ConnectionError, asyncio.IncompleteReadError) as exc:
                if reused and not getattr(exc, "partial", b""):
                    self.close()
                    raise _ClosedWhileIdle from exc
                raise
            status = int(raw[9:12])
            length = 0
            close = False
            for line in raw.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                name = name.strip().lower()
                if name == b"content-length":
                    length = int(value)
                elif name == b"connection" and value.strip().lower() == b"close":
                    close = True
            payload = await self.reader.readexactly(length) if length else b""
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as exc:
            self.close()
            raise HttpError(repr(exc)[:200]) from exc
        if close:
            self.close()
        return status, payload

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def _target(url: str) -> tuple[str, int, str]:
    parsed = httpx.URL(url)
    if parsed.host not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError("the load generator only targets loopback")
    return parsed.host, parsed.port or 80, parsed.raw_path.decode()


def _head(host: str, port: int, path: str, headers: dict[str, str], length: int) -> bytes:
    lines = [f"POST {path} HTTP/1.1", f"Host: {host}:{port}", f"Content-Length: {length}"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    lines.append(f"Idempotency-Key: bench-{uuid.uuid4().hex}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _record(result: LoadResult, status: int, payload: bytes, ok_status: int, keep_ids: bool) -> None:
    result.statuses[str(status)] += 1
    if status == ok_status:
        result.ok += 1
        if keep_ids:
            result.ids.append(json.loads(payload)["id"])
    elif len(result.errors) < 5:
        result.errors.append(f"{status}: {payload[:300].decode(errors='replace')}")


async def closed_loop(
    url: str,
    body: Body,
    headers: dict[str, str],
    *,
    concurrency: int,
    duration_s: float,
    max_requests: int,
    ok_status: int = 201,
    keep_ids: bool = False,
) -> LoadResult:
    """`concurrency` clients until `duration_s` has passed or `max_requests` were sent."""
    host, port, path = _target(url)
    base = {"Content-Type": "application/json", **headers}
    result = LoadResult()
    counter = iter(range(max_requests))
    result.started_wall = time.time()
    start = time.perf_counter()
    deadline = start + duration_s

    async def worker() -> None:
        conn = Connection(host, port)
        try:
            for i in counter:
                if time.perf_counter() > deadline:
                    return
                if result.sent == 0:
                    result.first_send_wall = time.time()
                result.sent += 1
                content = body(i)
                t0 = time.perf_counter()
                try:
                    status, payload = await conn.request(_head(host, port, path, base, len(content)), content)
                except HttpError as exc:
                    result.statuses["connection-error"] += 1
                    if len(result.errors) < 5:
                        result.errors.append(str(exc))
                    continue
                result.latencies_ms.append((time.perf_counter() - t0) * 1000)
                _record(result, status, payload, ok_status, keep_ids)
        finally:
            conn.close()

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    result.elapsed_s = time.perf_counter() - start
    return result


async def open_loop(
    url: str,
    body: Body,
    headers: dict[str, str],
    *,
    rate: float,
    duration_s: float,
    max_connections: int = 512,
    ok_status: int = 201,
) -> LoadResult:
    """One request every 1/rate seconds for duration_s; latency from each request's scheduled start.
    Connections are reused when idle and opened when none is (at most max_connections)."""
    host, port, path = _target(url)
    base = {"Content-Type": "application/json", **headers}
    result = LoadResult()
    total = int(rate * duration_s)
    idle: list[Connection] = []
    slots = asyncio.Semaphore(max_connections)

    async def one(i: int, scheduled: float) -> None:
        async with slots:
            conn = idle.pop() if idle else Connection(host, port)
            content = body(i)
            try:
                status, payload = await conn.request(_head(host, port, path, base, len(content)), content)
            except HttpError as exc:
                result.statuses["connection-error"] += 1
                if len(result.errors) < 5:
                    result.errors.append(str(exc))
                return
            idle.append(conn)
        result.latencies_ms.append((time.perf_counter() - scheduled) * 1000)
        _record(result, status, payload, ok_status, False)

    tasks: list[asyncio.Task[None]] = []
    result.started_wall = result.first_send_wall = time.time()
    start = time.perf_counter()
    for i in range(total):
        scheduled = start + i / rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        elif delay < -0.005:
            result.late_starts += 1
        result.sent += 1
        tasks.append(asyncio.create_task(one(i, scheduled)))
        if time.perf_counter() - start > duration_s * 3:  # hopelessly behind: stop offering
            break
    _, pending = await asyncio.wait(tasks, timeout=max(5.0, duration_s)) if tasks else (set(), set())
    for task in pending:
        task.cancel()
    if pending:
        result.statuses["unanswered"] += len(pending)
    result.elapsed_s = time.perf_counter() - start
    for conn in idle:
        conn.close()
    return result
