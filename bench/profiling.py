"""py-spy over each service (master and workers) during the end-to-end phase: collapsed stacks written to
bench/results/profiles/, and a summary of where the samples went (own time and inclusive time per function)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

_LINE = re.compile(r":\d+\)")
# Samples per second per process (BBZ_PYSPY_RATE): 50 costs the services little; raise it for a short run.
RATE = os.environ.get("BBZ_PYSPY_RATE", "50")


def _frame(frame: str) -> str:
    """`handler (intake_api/verwerking/handlers.py:42)` -> `handler (.../verwerking/handlers.py)`."""
    frame = _LINE.sub(")", frame.strip())
    name, _, where = frame.partition(" (")
    parts = where.rstrip(")").split("/")
    return f"{name} ({'/'.join(parts[-2:])})" if where else name


def summarise(path: Path, top: int = 15) -> dict[str, Any]:
    own: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    total = 0
    idle = 0
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        frames = [_frame(f) for f in stack.split(";") if f.strip()]
        if not frames:
            continue
        total += n
        if any(f.startswith(("select (", "poll (", "epoll", "run_forever")) for f in frames[-1:]):
            idle += n
        own[frames[-1]] += n
        for f in set(frames):
            inclusive[f] += n

    def pct(counter: Counter[str]) -> list[tuple[str, float]]:
        return [(f, round(100 * c / total, 1)) for f, c in counter.most_common(top)] if total else []

    return {
        "samples": total,
        "idle_pct": round(100 * idle / total, 1) if total else 0,
        "own": pct(own),
        "inclusive": pct(inclusive),
    }


class Profiler:
    def __init__(self, folder: Path, label: str) -> None:
        self.folder = folder
        self.label = label
        self.procs: dict[str, subprocess.Popen[bytes]] = {}
        self.files: dict[str, Path] = {}

    def start(self, pids: dict[str, int]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.date.today().isoformat()
        py_spy = str(Path(sys.executable).parent / "py-spy")
        for name, pid in pids.items():
            out = self.folder / f"{stamp}-{self.label}-{name}.collapsed.txt"
            self.files[name] = out
            self.procs[name] = subprocess.Popen(
                [py_spy, "record", "--pid", str(pid), "--subprocesses", "--nonblocking", "--rate", RATE,
                 "--format", "raw", "--output", str(out)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip

    def stop(self) -> None:
        for proc in self.procs.values():
            with contextlib.suppress(ProcessLookupError):
                proc.send_signal(signal.SIGINT)
        for proc in self.procs.values():
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()

    def summaries(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, path in self.files.items():
            if path.exists():
                out[name] = {**summarise(path), "file": path.name}
        return out
