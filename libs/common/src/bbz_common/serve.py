"""Serve an ASGI app with uvicorn workers that each accept on a listening socket of their own.

    python -m bbz_common.serve intake_api.main:create_app --factory --host 127.0.0.1 --port 8001 --workers 2

Why not `uvicorn --workers N`: its workers share one listening socket, and the first one woken by a burst of
new connections may accept all of it and keep those connections while they live. The bench measured 63 of 64
keep-alive connections on one of two workers, at half the throughput (bench/README.md, eleventh round). Here
the supervisor opens one socket per worker on the same port with SO_REUSEPORT, and the kernel spreads the
new connections over the sockets by their addresses.

The supervisor holds the sockets for the workers' whole life: when a worker dies, its successor serves the
same socket, so the connections the kernel queued on it in between wait instead of being refused. A worker
that cannot start (uvicorn's exit code 3) stops the whole server with that code rather than being restarted
in a loop. With one worker the app runs in this process, as `uvicorn` would.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import errno
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import uvicorn

logger = logging.getLogger("bbz.serve")

# uvicorn's exit code for a server that did not start (uvicorn.config.STARTUP_FAILURE).
STARTUP_FAILURE = 3
BACKLOG = 2048  # uvicorn's default
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class ServeOptions:
    app: str
    factory: bool = False
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    access_log: bool = True
    timeout_graceful_shutdown: int | None = None
    # Whose X-Forwarded-For/-Proto to trust (uvicorn's --forwarded-allow-ips; None: uvicorn's default).
    forwarded_allow_ips: str | None = None

    def uvicorn_config(self) -> uvicorn.Config:
        return uvicorn.Config(
            self.app,
            factory=self.factory,
            host=self.host,
            port=self.port,
            access_log=self.access_log,
            timeout_graceful_shutdown=self.timeout_graceful_shutdown,
            forwarded_allow_ips=self.forwarded_allow_ips,
        )

    def worker_args(self) -> list[str]:
        args = [self.app, "--host", self.host, "--port", str(self.port)]
        if self.factory:
            args.append("--factory")
        if not self.access_log:
            args.append("--no-access-log")
        if self.timeout_graceful_shutdown is not None:
            args += ["--timeout-graceful-shutdown", str(self.timeout_graceful_shutdown)]
        if self.forwarded_allow_ips is not None:
            args += ["--forwarded-allow-ips", self.forwarded_allow_ips]
        return args


def uvicorn_command(options: ServeOptions) -> list[str]:
    """The same server with uvicorn's own workers (one shared socket): where SO_REUSEPORT cannot be used."""
    return [sys.executable, "-m", "uvicorn", *options.worker_args(), "--workers", str(options.workers)]


class PortInUseError(OSError):
    pass


def reuse_port_sockets(host: str, port: int, count: int) -> list[socket.socket]:
    """``count`` listening sockets on one address, SO_REUSEPORT. Refuses a port that another socket holds,
    even one of the same user with SO_REUSEPORT set (a server left running), which would otherwise quietly
    share the port and take part of the connections."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PortInUseError(exc.errno, f"{host}:{port} is already in use") from exc
            raise
        port = probe.getsockname()[1]  # port 0: the one the kernel chose, for every socket
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket(family, socket.SOCK_STREAM)
            sockets.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            sock.bind((host, port))
            sock.listen(BACKLOG)
            sock.set_inheritable(True)
    except OSError:
        for sock in sockets:
            sock.close()
        raise
    return sockets


@dataclass
class _Worker:
    sock: socket.socket
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0


@dataclass
class Supervisor:
    """Starts one worker process per socket, restarts a worker that dies, stops all on SIGTERM or SIGINT."""

    options: ServeOptions
    sockets: list[socket.socket]
    restart_delay: float = 1.0
    workers: list[_Worker] = field(init=False)
    # Set by the signal handler; a plain flag, as a handler must not take locks the interrupted code may hold.
    stopping: bool = field(init=False, default=False)
    exit_code: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        self.workers = [_Worker(sock) for sock in self.sockets]

    def _spawn(self, worker: _Worker) -> None:
        fd = worker.sock.fileno()
        cmd = [sys.executable, "-m", "bbz_common.serve", "--worker-fd", str(fd), *self.options.worker_args()]
        worker.process = subprocess.Popen(cmd, pass_fds=(fd,))
        worker.started_at = time.monotonic()

    def stop(self, *_: object) -> None:
        self.stopping = True

    def run(self) -> int:
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGQUIT):
            signal.signal(sig, self.stop)
        for worker in self.workers:
            self._spawn(worker)
        logger.info("serving %s on %s:%s with %d workers", self.options.app, self.options.host,
                    self.sockets[0].getsockname()[1], len(self.workers))  # fmt: skip
        while not self.stopping:
            self._keep_alive()
            time.sleep(0.2)
        self._terminate()
        for sock in self.sockets:
            sock.close()
        return self.exit_code

    def _keep_alive(self) -> None:
        for index, worker in enumerate(self.workers):
            assert worker.process is not None
            code = worker.process.poll()
            if code is None:
                continue
            if code == STARTUP_FAILURE:
                logger.error("worker %d could not start: stopping", index)
                self.exit_code = STARTUP_FAILURE
                self.stopping = True
                return
            logger.warning("worker %d (pid %d) exited with %d: restarting it", index, worker.process.pid, code)
            # A worker that dies at once would otherwise be restarted as fast as it can fail.
            if time.monotonic() - worker.started_at < self.restart_delay:
                time.sleep(self.restart_delay)
            if self.stopping:
                return
            self._spawn(worker)

    def _terminate(self) -> None:
        running = [w.process for w in self.workers if w.process is not None and w.process.poll() is None]
        for process in running:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGTERM)
        grace = (self.options.timeout_graceful_shutdown or 10) + 5
        deadline = time.monotonic() + grace
        for process in running:
            try:
                process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _die_with_parent() -> None:
    """A worker whose supervisor is killed outright stops too instead of keeping the port (Linux only)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def run_worker(options: ServeOptions, fd: int) -> int:
    _die_with_parent()
    sock = socket.socket(fileno=fd)
    server = uvicorn.Server(options.uvicorn_config())
    server.run(sockets=[sock])
    return 0 if server.started else STARTUP_FAILURE


def serve(options: ServeOptions) -> int:
    if options.workers <= 1:
        server = uvicorn.Server(options.uvicorn_config())
        server.run()
        return 0 if server.started else STARTUP_FAILURE
    if sys.platform != "linux":
        # Elsewhere SO_REUSEPORT does not spread connections (macOS gives them all to one socket) or is absent.
        command = uvicorn_command(options)
        os.execv(command[0], command)
    try:
        sockets = reuse_port_sockets(options.host, options.port, options.workers)
    except PortInUseError as exc:
        print(f"bbz_common.serve: {exc.strerror}", file=sys.stderr)
        return 1
    return Supervisor(options, sockets).run()


def parse_args(argv: Sequence[str] | None = None) -> tuple[ServeOptions, int | None]:
    parser = argparse.ArgumentParser(prog="python -m bbz_common.serve", description=__doc__.splitlines()[0])
    parser.add_argument("app", help="module:attribute of the ASGI app (or of its factory, with --factory)")
    parser.add_argument("--factory", action="store_true")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--no-access-log", dest="access_log", action="store_false")
    parser.add_argument("--timeout-graceful-shutdown", type=int, default=None)
    parser.add_argument("--forwarded-allow-ips", default=None)
    parser.add_argument("--worker-fd", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    options = ServeOptions(
        app=args.app,
        factory=args.factory,
        host=args.host,
        port=args.port,
        workers=args.workers,
        access_log=args.access_log,
        timeout_graceful_shutdown=args.timeout_graceful_shutdown,
        forwarded_allow_ips=args.forwarded_allow_ips,
    )
    return options, args.worker_fd


def main(argv: Sequence[str] | None = None) -> int:
    options, worker_fd = parse_args(argv)
    if worker_fd is not None:
        return run_worker(options, worker_fd)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(message)s")
    return serve(options)


if __name__ == "__main__":
    sys.exit(main())
