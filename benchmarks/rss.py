"""Resident memory of a whole process tree, sampled from /proc (Linux; no psutil).

``getrusage(RUSAGE_CHILDREN)`` only covers children that were waited for: the analysis
workers are forked by multiprocessing's fork server (grandchildren of ``dossier ingest``,
never waited for by it), so it reads 0 for them. This samples every process under a root
pid instead — VmRSS now and VmHWM (the kernel's own per-process peak) — every ``interval``
seconds, and keeps the peak of the main process, of each worker and of the sum.

    python -m benchmarks.rss PID [--interval 0.2] [--every 10]   # watch a running process, log to stdout
"""

from __future__ import annotations

import argparse
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROC = Path("/proc")


def _status_kb(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM of ``pid`` in kB (empty when the process is gone)."""
    out: dict[str, int] = {}
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith(("VmRSS:", "VmHWM:")):
                key, value = line.split(":", 1)
                out[key] = int(value.split()[0])
    except (OSError, ValueError):
        return {}
    return out


def _parents() -> dict[int, int]:
    """pid -> ppid for every process now (field 4 of /proc/PID/stat, after the parenthesised name)."""
    out: dict[int, int] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        out[int(entry.name)] = int(stat[stat.rindex(")") + 2 :].split()[1])
    return out


def _cmdline(pid: int) -> str:
    try:
        return (PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def tree(root: int) -> dict[int, str]:
    """Every live process under ``root`` (itself included), labelled main / forkserver / tracker / worker.

    Workers are the processes below the fork server (or, under ``spawn``, children that are
    neither the fork server nor the resource tracker).
    """
    parents = _parents()
    children: dict[int, list[int]] = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    labels = {root: "main"}
    stack = [root]
    while stack:
        pid = stack.pop()
        for kid in children.get(pid, ()):
            if labels[pid] == "main":
                cmd = _cmdline(kid)
                labels[kid] = (
                    "forkserver" if "forkserver" in cmd else "tracker" if "resource_tracker" in cmd else "worker"
                )
            else:
                labels[kid] = "worker"
            stack.append(kid)
    return labels


@dataclass
class TreeSampler:
    """Samples the tree under ``root`` on a thread until stopped; peaks in MB."""

    root: int
    interval: float = 0.2
    every: float = 5.0
    on_sample: Callable[[dict[str, Any]], None] | None = None
    peak_main_mb: float = 0.0
    peak_total_mb: float = 0.0
    peak_worker_mb: dict[int, float] = field(default_factory=dict)
    peak_other_mb: float = 0.0
    samples: int = 0
    series: list[dict[str, Any]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> TreeSampler:
        """Start sampling on a daemon thread."""
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Take a last sample and stop."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def sample(self) -> dict[str, Any]:
        """One sample: RSS by label now (MB); updates the peaks (VmHWM counts for per-process peaks)."""
        now: dict[str, float] = {"main": 0.0, "workers": 0.0, "other": 0.0}
        workers = 0
        for pid, label in tree(self.root).items():
            st = _status_kb(pid)
            if not st:
                continue
            rss, hwm = st.get("VmRSS", 0) / 1024, st.get("VmHWM", 0) / 1024
            if label == "main":
                now["main"] += rss
                self.peak_main_mb = max(self.peak_main_mb, rss, hwm)
            elif label == "worker":
                workers += 1
                now["workers"] += rss
                self.peak_worker_mb[pid] = max(self.peak_worker_mb.get(pid, 0.0), rss, hwm)
            else:
                now["other"] += rss
                self.peak_other_mb = max(self.peak_other_mb, rss, hwm)
        total = sum(now.values())
        self.peak_total_mb = max(self.peak_total_mb, total)
        self.samples += 1
        return {**{k: round(v, 1) for k, v in now.items()}, "total": round(total, 1), "n_workers": workers}

    def _run(self) -> None:
        t0 = last = time.monotonic()
        while True:
            s = self.sample()
            now = time.monotonic()
            if now - last >= self.every or not self.series:
                last = now
                s["t"] = round(now - t0, 1)
                if self.on_sample is not None:
                    self.on_sample(s)
                self.series.append(s)
            if self._stop.wait(self.interval):
                self.sample()
                return

    def peaks(self) -> dict[str, Any]:
        """Peak main, largest and every worker, the sum of the tree (at one instant), in MB."""
        return {
            "peak_rss_main_mb": round(self.peak_main_mb, 1),
            "peak_rss_largest_worker_mb": round(max(self.peak_worker_mb.values(), default=0.0), 1),
            "peak_rss_workers_mb": [round(v, 1) for v in self.peak_worker_mb.values()],
            "peak_rss_other_mb": round(self.peak_other_mb, 1),
            "peak_rss_total_mb": round(self.peak_total_mb, 1),
            "workers_seen": len(self.peak_worker_mb),
            "samples": self.samples,
        }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("pid", type=int)
    ap.add_argument("--interval", type=float, default=0.2)
    ap.add_argument("--every", type=float, default=10.0, help="seconds between logged lines")
    args = ap.parse_args(argv)
    sampler = TreeSampler(args.pid, args.interval, args.every, on_sample=lambda s: print(s, flush=True)).start()
    while (PROC / str(args.pid)).exists():
        time.sleep(1.0)
    sampler.stop()
    print(sampler.peaks(), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
