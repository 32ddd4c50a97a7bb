"""Long documents: time, CPU time and peak memory of ``dossier analyze`` on one very long one-line text.

Issue 17's target: a 5 MB one-line text analysed in under 60 s and 800 MB. Each run is a fresh process running
the CLI's path (``analyze_paths`` on a file); a sampler in this process follows that process and every process
it starts (the fork server, the workers), so the CPU time and memory of the workers count (peak RSS summed over
the processes counts the pages they share once per process; PSS divides them among their sharers):

- ``baseline``: the whole text in one go, as before pieces and the cap (``PIECE_CHARS`` and ``--max-chars``
  lifted), on ``--baseline-mb`` (the full 5 MB baseline took 345 s and 2 GB in the issue);
- ``pieces``: the same text analysed in pieces in one process, no cap;
- ``default``: the 5 MB text with the defaults (cut at the 2 MiB cap with a warning, analysed in pieces), in one
  process (``--workers 1``);
- ``parallel``: the same with the pieces spread over ``--workers`` processes (default: the usable cores, as
  ``dossier analyze``); the one-process ``default`` run just before it is its baseline.

The one-process runs load the model before the clock starts (as before); the ``parallel`` run's clock includes
starting its workers and their loading the model (the analysing process itself loads none). Wall time on a shared
machine depends on its load: the load average at the start and end of each run is printed beside it, and the CPU
time (all processes) does not depend on it.

Two kinds of text: ``filler`` (long words, as in tests/test_bad_input.py: spaCy's share small) and ``prose``
(the bundled NewsWCL50 texts repeated, joined onto one line: spaCy's share large).

    python -m benchmarks.long_document [--mb 5] [--baseline-mb 1] [--kinds filler,prose] [--modes ...] [--workers N]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from .common import REPO, machine, write_results

MODES = ("baseline", "pieces", "default", "parallel")
TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def make_text(kind: str, chars: int) -> str:
    """A one-line text of ``chars`` characters."""
    if kind == "filler":
        word = "council" + "x" * 42 + " "
        return (word * (chars // len(word) + 1))[: chars - 27] + "Ann Lee then flew to Paris."
    texts = [json.loads(line)["text"] for line in (REPO / "examples" / "newswcl50.jsonl").open(encoding="utf-8")]
    blob = " ".join(" ".join(t.split()) for t in texts)
    return (blob * (chars // len(blob) + 1))[:chars]


def _run(path: str, mode: str, workers: int, ready: Any, out: Any) -> None:
    """In a child process: analyse ``path`` as the CLI does; report seconds, what came out."""
    from dossier import pieces
    from dossier.api import analyze_paths
    from dossier.engine import Options
    from dossier.nlp import pipeline

    if mode != "parallel":
        pipeline.load()
    options = Options(max_chars=None)
    if mode == "baseline":
        pieces.PIECE_CHARS = 1 << 40
    elif mode in ("default", "parallel"):
        options = Options()
    ready.send(os.getpid())
    ready.recv()  # the sampler has started
    start, cpu = time.perf_counter(), time.process_time()
    (article,) = list(analyze_paths([path], options, workers=workers if mode == "parallel" else 1))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    out.send(
        {
            "seconds": round(seconds, 1),
            "cpu_main": round(cpu, 1),
            "peak_rss_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
            "chars_analysed": len(article.text),  # type: ignore[union-attr]
            "entities": len(article.entities),  # type: ignore[union-attr]
            "warnings": [w[:120] for w in article.warnings if w.startswith("text:")],  # type: ignore[union-attr]
        }
    )


def _tree(root: int) -> list[int]:
    """``root`` and every process descending from it (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, ()))
    return out


def _pss(pid: int) -> int:
    """Proportional set size of a process in bytes (shared pages divided among their sharers), 0 if gone."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class Sampler(threading.Thread):
    """Every ``interval`` s: the summed RSS and PSS of a process tree (peaks kept) and each process's CPU time."""

    def __init__(self, root: int, interval: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.cpu: dict[int, float] = {}
        self.peak_rss = 0
        self.peak_pss = 0
        self.processes = 0
        self.stop = threading.Event()

    def run(self) -> None:
        baseline = {pid: self._cpu(pid) for pid in _tree(self.root)}  # CPU spent before the clock started
        while not self.stop.is_set():
            rss = pss = 0
            for pid in _tree(self.root):
                try:
                    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                self.cpu[pid] = (int(stat[11]) + int(stat[12])) / TICK - (baseline.get(pid) or 0.0)
                rss += int(stat[21]) * PAGE
                pss += _pss(pid)
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self.processes = max(self.processes, len(self.cpu))
            self.stop.wait(self.interval)

    @staticmethod
    def _cpu(pid: int) -> float | None:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(stat[11]) + int(stat[12])) / TICK


def measure(path: str, mode: str, workers: int) -> dict[str, Any]:
    """One run in a fresh process, sampled with its workers."""
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe()
    ready_parent, ready_child = ctx.Pipe()
    proc = ctx.Process(target=_run, args=(path, mode, workers, ready_child, child))
    proc.start()
    sampler = Sampler(ready_parent.recv())
    load_before = os.getloadavg()
    sampler.start()
    time.sleep(0.3)
    ready_parent.send(True)
    result: dict[str, Any] = parent.recv()
    sampler.stop.set()
    sampler.join()
    proc.join()
    return {
        **result,
        "workers": workers if mode == "parallel" else 1,
        "cpu_seconds": round(sum(sampler.cpu.values()), 1),
        "peak_rss_mb": round(sampler.peak_rss / 2**20),
        "peak_pss_mb": round(sampler.peak_pss / 2**20),
        "processes": sampler.processes,
        "load_average": [round(x, 1) for x in (*load_before[:1], *os.getloadavg()[:1])],
    }


def main() -> None:
    from dossier.cli import usable_cores

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=5.0, help="size of the long text, in MB (default: 5)")
    ap.add_argument("--baseline-mb", type=float, default=1.0, help="size for the whole-text baseline (default: 1)")
    ap.add_argument("--kinds", default="filler,prose", help="texts to run: filler, prose (default: both)")
    ap.add_argument("--modes", default=",".join(MODES), help=f"runs (default: {','.join(MODES)})")
    ap.add_argument("--workers", type=int, default=usable_cores(), help="processes for the parallel run")
    args = ap.parse_args()
    figures: dict[str, Any] = {"target": "5 MB one-line text: < 60 s and < 800 MB"}
    print(machine())
    modes = args.modes.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.kinds.split(","):
            for mode in modes:
                mb = args.mb if mode in ("default", "parallel") else args.baseline_mb
                path = Path(tmp) / f"{kind}-{mb}.txt"
                if not path.exists():
                    path.write_text(make_text(kind, int(mb * 1024 * 1024)), encoding="utf-8")
                r = measure(str(path), mode, args.workers)
                figures[f"{kind} {mode} {mb} MB"] = r
                print(
                    f"{kind:7} {mode:8} {mb:4} MB  {r['workers']} worker(s)  wall {r['seconds']:7.1f} s  "
                    f"CPU {r['cpu_seconds']:7.1f} s  peak RSS {r['peak_rss_mb']:5} MB, PSS {r['peak_pss_mb']:5} MB "
                    f"(all {r['processes']} processes)  load {r['load_average'][0]}->{r['load_average'][1]}  "
                    f"{r['chars_analysed']:>9,} chars  {r['entities']} entities",
                    flush=True,
                )
    print(f"wrote {write_results('long_document', figures)}", file=sys.stderr)


if __name__ == "__main__":
    main()
