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
in a loop.

A worker whose event loop stops turning (a request doing minutes of synchronous work, a deadlock) is killed
and replaced after ``--worker-timeout`` seconds (30 by default): each worker beats on a pipe from its event
loop, once a second once it has started. Its socket's share of the new connections would otherwise wait for it
forever. Before the kill it writes every thread's stack to stderr (faulthandler, SIGUSR1), for the diagnosis.
A worker that hangs in its start-up is not replaced (uvicorn has no start-up timeout, and a slow start is no
fault); nor is one killed for the time the supervisor itself was paused.

With one worker the app runs in this process, as `uvicorn` would; an orchestrator's liveness probe is then
the check.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import errno
import faulthandler
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
WORKER_TIMEOUT_S = 30.0
# A worker beats every tenth of uvicorn's 0.1 s ticks; the timeout leaves room for at least two beats.
_TICKS_PER_BEAT = 10
MIN_WORKER_TIMEOUT_S = 2.0
# The supervisor checks every 0.2 s. A round that came much later means it was not running itself (the
# machine or the container paused, SIGSTOP): its workers could not beat either, and get a fresh start.
_CHECK_EVERY_S = 0.2
_PAUSED_AFTER_S = 1.0
# The signal that makes a worker write its threads' stacks (faulthandler) before it is killed.
_DUMP_STACKS = signal.SIGUSR1


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
    # A worker that has not beaten for this long is killed and replaced; 0: never.
    worker_timeout: float = WORKER_TIMEOUT_S

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
    heartbeats: int | None = None  # the read end of the pipe the worker beats on
    last_beat: float | None = None  # None: not started yet (a start-up is not timed)

    def read_beats(self, now: float) -> None:
        assert self.heartbeats is not None
        with contextlib.suppress(BlockingIOError):
            if os.read(self.heartbeats, 4096):
                self.last_beat = now

    def silent_for(self, now: float) -> float:
        return 0.0 if self.last_beat is None else now - self.last_beat


@dataclass
class Supervisor:
    """Starts one worker process per socket, restarts a worker that dies, stops all on SIGTERM or SIGINT."""

    options: ServeOptions
    sockets: list[socket.socket]
    restart_delay: float = 1.0
    workers: list[_Worker] = field(init=False)
    _last_check: float = field(init=False, default=0.0)
    # Set by the signal handler; a plain flag, as a handler must not take locks the interrupted code may hold.
    stopping: bool = field(init=False, default=False)
    exit_code: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        self.workers = [_Worker(sock) for sock in self.sockets]

    def _spawn(self, worker: _Worker) -> None:
        fd = worker.sock.fileno()
        if worker.heartbeats is not None:
            os.close(worker.heartbeats)
        worker.heartbeats, beat = os.pipe()
        os.set_blocking(worker.heartbeats, False)
        cmd = [sys.executable, "-m", "bbz_common.serve", "--worker-fd", str(fd), "--heartbeat-fd", str(beat),
               *self.options.worker_args()]  # fmt: skip
        try:
            worker.process = subprocess.Popen(cmd, pass_fds=(fd, beat))
        finally:
            os.close(beat)
        worker.started_at = time.monotonic()
        worker.last_beat = None

    def stop(self, *_: object) -> None:
        self.stopping = True

    def run(self) -> int:
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGQUIT):
            signal.signal(sig, self.stop)
        for worker in self.workers:
            self._spawn(worker)
        logger.info("serving %s on %s:%s with %d workers", self.options.app, self.options.host,
                    self.sockets[0].getsockname()[1], len(self.workers))  # fmt: skip
        self._last_check = time.monotonic()
        while not self.stopping:
            self._kill_the_unresponsive()
            self._keep_alive()
            time.sleep(_CHECK_EVERY_S)
        self._terminate()
        for sock in self.sockets:
            sock.close()
        for worker in self.workers:
            if worker.heartbeats is not None:
                os.close(worker.heartbeats)
        return self.exit_code

    def _kill_the_unresponsive(self) -> None:
        now = time.monotonic()
        paused = now - self._last_check > _PAUSED_AFTER_S
        self._last_check = now
        for index, worker in enumerate(self.workers):
            worker.read_beats(now)
            if paused and worker.last_beat is not None:
                worker.last_beat = now
            process = worker.process
            timeout = self.options.worker_timeout
            if process is None or process.poll() is not None or not timeout or worker.silent_for(now) <= timeout:
                continue
            logger.error("worker %d (pid %d) has not answered for %.0f s: killing it (its stacks follow)",
                         index, process.pid, worker.silent_for(now))  # fmt: skip
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(_DUMP_STACKS)
                time.sleep(0.2)  # faulthandler writes from its signal handler, the loop need not turn
                process.kill()
            # Not for ever: a process stuck in the kernel outlives SIGKILL a while, and the other workers and
            # SIGTERM must still be seen to. Once it is gone, `_keep_alive` replaces it.
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=5)

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


class _BeatingServer(uvicorn.Server):
    """uvicorn's server, beating on a pipe from its main loop: only while the event loop turns, and only once
    start-up is done (the main loop starts after it). Counted in ticks, not by the wall clock, which may step."""

    def __init__(self, config: uvicorn.Config, heartbeat_fd: int) -> None:
        super().__init__(config)
        self.heartbeat_fd = heartbeat_fd
        os.set_blocking(heartbeat_fd, False)

    async def on_tick(self, counter: int) -> bool:
        if counter % _TICKS_PER_BEAT == 0:
            # A full pipe: the supervisor has beats enough; a closed one: it is gone, and SIGTERM is on its way.
            with contextlib.suppress(BlockingIOError, BrokenPipeError):
                os.write(self.heartbeat_fd, b".")
        return await super().on_tick(counter)


def run_worker(options: ServeOptions, fd: int, heartbeat_fd: int | None = None) -> int:
    _die_with_parent()
    sock = socket.socket(fileno=fd)
    config = options.uvicorn_config()
    if heartbeat_fd is None:
        server = uvicorn.Server(config)
    else:
        faulthandler.register(_DUMP_STACKS, all_threads=True)
        server = _BeatingServer(config, heartbeat_fd)
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


def parse_args(argv: Sequence[str] | None = None) -> tuple[ServeOptions, int | None, int | None]:
    parser = argparse.ArgumentParser(prog="python -m bbz_common.serve", description=__doc__.splitlines()[0])
    parser.add_argument("app", help="module:attribute of the ASGI app (or of its factory, with --factory)")
    parser.add_argument("--factory", action="store_true")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--no-access-log", dest="access_log", action="store_false")
    parser.add_argument("--timeout-graceful-shutdown", type=int, default=None)
    parser.add_argument("--forwarded-allow-ips", default=None)
    parser.add_argument("--worker-timeout", type=float, default=WORKER_TIMEOUT_S,
                        help="seconds a started worker's event loop may stand still before the worker is replaced "
                             f"(default {WORKER_TIMEOUT_S:.0f}; 0: never)")  # fmt: skip
    parser.add_argument("--worker-fd", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--heartbeat-fd", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    if args.worker_timeout and args.worker_timeout < MIN_WORKER_TIMEOUT_S:
        parser.error(
            f"--worker-timeout must be 0 (never) or at least {MIN_WORKER_TIMEOUT_S:.0f}: a worker beats once a second"
        )
    options = ServeOptions(
        app=args.app,
        factory=args.factory,
        host=args.host,
        port=args.port,
        workers=args.workers,
        access_log=args.access_log,
        timeout_graceful_shutdown=args.timeout_graceful_shutdown,
        forwarded_allow_ips=args.forwarded_allow_ips,
        worker_timeout=args.worker_timeout,
    )
    return options, args.worker_fd, args.heartbeat_fd


def main(argv: Sequence[str] | None = None) -> int:
    options, worker_fd, heartbeat_fd = parse_args(argv)
    if worker_fd is not None:
        return run_worker(options, worker_fd, heartbeat_fd)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(message)s")
    return serve(options)


if __name__ == "__main__":
    sys.exit(main())
