"""``dossier ingest`` end to end: analysis alone vs ingest on 1 and N processes, and the idempotent re-run.

    python -m benchmarks.ingest [--repeat 1] [--workers N]

Uses the example corpus shipped in the repository (``examples/``: the seed and NewsWCL50's 50
articles), so it needs no shared data. ``--repeat K`` feeds the corpus K times with changed ids
(more articles, same texts). Prints articles/s for:
- the baseline: ``engine.analyze_documents`` alone (in-process, no store);
- ``api.ingest`` with 1 worker (analysis + store + cross-article update, one process);
- ``api.ingest`` with N workers (analysis across processes, the one writer in this process);
- the re-run over the same store (everything skipped by content hash).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import REPO, machine, write_results


def _corpus(folder: Path, repeat: int) -> list[str]:
    """The examples as JSONL (repeated with changed ids) and the seed as text."""
    from dossier.errors import InputError
    from dossier.ingest import read

    examples = REPO / "examples"
    out = folder / "corpus.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for k in range(repeat):
            for item in read([str(examples / "newswcl50.jsonl")]):
                if isinstance(item, InputError):
                    continue
                rec = {key: v for key, v in dataclasses.asdict(item).items() if v not in (None, (), False)}
                rec["id"] = f"{item.id}-{k}"
                rec.pop("path", None)
                rec.pop("warnings", None)
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return [str(examples / "seed-article.txt"), str(out)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=1, help="times the corpus is fed (changed ids)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes for the parallel run")
    args = parser.parse_args()

    from dossier.api import ingest
    from dossier.engine import Options, analyze_documents
    from dossier.errors import InputError
    from dossier.ingest import read
    from dossier.nlp.pipeline import load

    load()  # every run below starts with the model loaded in this process
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = _corpus(folder, args.repeat)
        docs = [d for d in read(paths) if not isinstance(d, InputError)]
        n = len(docs)
        rows: list[tuple[str, float]] = []

        t = time.perf_counter()
        for _ in analyze_documents(iter(docs), Options()):
            pass
        rows.append(("baseline: analysis alone, 1 process, no store", time.perf_counter() - t))

        t = time.perf_counter()
        one = ingest(paths, db=str(folder / "w1.db"), workers=1)
        rows.append(("dossier ingest --workers 1", time.perf_counter() - t))

        t = time.perf_counter()
        many = ingest(paths, db=str(folder / "wn.db"), workers=args.workers)
        rows.append((f"dossier ingest --workers {args.workers}", time.perf_counter() - t))

        t = time.perf_counter()
        again = ingest(paths, db=str(folder / "wn.db"), workers=args.workers)
        rows.append(("re-run (all unchanged, skipped)", time.perf_counter() - t))
        assert one.added == many.added == n and again.skipped == n, (one, many, again)

    print(f"ingest benchmark: {n} articles (examples x{args.repeat}); {machine()}")
    print(f"{'run':<48} {'seconds':>8} {'articles/s':>11}")
    for name, seconds in rows:
        print(f"{name:<48} {seconds:>8.1f} {n / seconds:>11.1f}")
    speedup = rows[1][1] / rows[2][1]
    print(f"speed-up of {args.workers} workers over 1: {speedup:.2f}x")
    figures: dict[str, Any] = {
        "articles": n,
        "workers": args.workers,
        "runs": {name: {"seconds": round(s, 2), "articles_per_s": round(n / s, 2)} for name, s in rows},
        "speedup": round(speedup, 2),
    }
    print(f"wrote {write_results('ingest', figures)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
