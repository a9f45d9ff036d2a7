"""Resource sampling with psutil over each service's process tree (uvicorn master and its workers).

Peak RSS is sampled (every 0.2 s by default); CPU seconds per phase are read from the trees at the phase's
start and end (user + system), which shows where the machine's two cores go per application."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

import psutil  # type: ignore[import-untyped]


def tree(pid: int) -> list[psutil.Process]:
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def tree_rss(pid: int) -> tuple[int, int]:
    """(sum of RSS over the tree, largest single process RSS) in bytes."""
    total = biggest = 0
    for proc in tree(pid):
        try:
            rss = proc.memory_info().rss
        except psutil.Error:
            continue
        total += rss
        biggest = max(biggest, rss)
    return total, biggest


def connections_per_process(pid: int, port: int) -> list[int]:
    """The established connections to ``port`` that each process of the tree serves, most first: how a closed
    loop's keep-alive clients fell on a service's workers. uvicorn's workers share one listening socket, and
    the first one woken by a burst of new connections may accept all of them (bench/README.md, eleventh
    round)."""
    counts = []
    for proc in tree(pid):
        try:
            connections = proc.net_connections(kind="tcp")
        except psutil.Error:
            continue
        served = sum(1 for c in connections if c.status == psutil.CONN_ESTABLISHED and c.laddr and c.laddr.port == port)
        if served:
            counts.append(served)
    return sorted(counts, reverse=True)


def tree_cpu(pid: int) -> float:
    seconds = 0.0
    for proc in tree(pid):
        try:
            times = proc.cpu_times()
        except psutil.Error:
            continue
        seconds += times.user + times.system
    return seconds


@dataclass
class Monitor:
    interval: float = 0.2
    pids: dict[str, int] = field(default_factory=dict)
    peak_total: dict[str, int] = field(default_factory=dict)
    peak_process: dict[str, int] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def watch(self, name: str, pid: int) -> None:
        with self._lock:
            self.pids[name] = pid

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="rss-monitor", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def sample(self) -> None:
        with self._lock:
            pids = dict(self.pids)
        for name, pid in pids.items():
            total, biggest = tree_rss(pid)
            self.peak_total[name] = max(self.peak_total.get(name, 0), total)
            self.peak_process[name] = max(self.peak_process.get(name, 0), biggest)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            time.sleep(self.interval)

    def cpu(self) -> dict[str, float]:
        with self._lock:
            pids = dict(self.pids)
        out = {name: tree_cpu(pid) for name, pid in pids.items()}
        me = psutil.Process()
        times = me.cpu_times()
        out["load-generator"] = times.user + times.system
        return out

    def report(self) -> dict[str, Any]:
        mib = 1024 * 1024
        return {
            name: {
                "peak_tree_rss_mib": round(self.peak_total[name] / mib, 1),
                "peak_process_rss_mib": round(self.peak_process.get(name, 0) / mib, 1),
            }
            for name in sorted(self.peak_total)
        }


def machine_times() -> tuple[float, float]:
    """(seconds since boot, summed over every core; of which idle or waiting for I/O), the whole machine."""
    times = psutil.cpu_times()
    idle = times.idle + getattr(times, "iowait", 0.0)
    return sum(times), idle


def cores_busy(before: tuple[float, float], after: tuple[float, float], cores: int) -> float | None:
    """How many of the machine's cores were busy on average between two `machine_times` readings: whether a
    phase was bound by CPU (all of them) or by waiting somewhere (fewer)."""
    total, idle = after[0] - before[0], after[1] - before[1]
    if total <= 0:
        return None
    return round(cores * (total - idle) / total, 2)


def cpu_delta(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    return {name: round(after[name] - before.get(name, 0.0), 2) for name in after}
