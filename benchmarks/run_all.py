"""Run every benchmark in turn (``make bench``); each prints its own figures and skips without data."""

from __future__ import annotations

import subprocess
import sys
import time

BENCHMARKS = (
    "gate",
    "conll",
    "coref",
    "polnear",
    "tempeval",
    "wikievents",
    "stories",
    "html_extraction",
    "metadata",
    "store",
    "corpus_speed",
    "ingest",
    "throughput",
    "long_document",
)
"""In order of cost; ``web_load`` (builds a 100k-article store) runs separately: ``python -m benchmarks.web_load``."""


def main() -> int:
    failed = []
    for name in sys.argv[1:] or BENCHMARKS:
        print(f"\n===== benchmarks.{name}", flush=True)
        t = time.perf_counter()
        rc = subprocess.call([sys.executable, "-m", f"benchmarks.{name}"])
        print(f"===== benchmarks.{name}: exit {rc} in {time.perf_counter() - t:.0f} s", flush=True)
        if rc:
            failed.append(name)
    if failed:
        print("failed: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
