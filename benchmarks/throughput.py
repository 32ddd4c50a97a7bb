"""Speed, memory and scale-out: dossier's full analysis vs raw spaCy on the same real articles.

Uses ../shared/data/bbc (2,225 BBC articles); skips when absent.

    python -m benchmarks.throughput [--limit N] [--memory 1000,5000] [--spark 400] [--no-parallel]

Prints, in one run on this machine:
- raw spaCy en_core_web_sm ``nlp.pipe`` vs dossier's full analysis (1 process), articles/s, words/s, ratio;
- the time each dossier stage adds on top of spaCy's parse (what dominates);
- dossier with --workers=all cores vs spaCy ``n_process`` = all cores;
- peak RSS of ``dossier ingest`` (all cores) at two corpus sizes (the corpus repeated with changed ids);
- ``dossier batch --engine spark`` local[1] vs local[2] on the same corpus (speed-up).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.common import REPO, machine, require_data, write_results


def _load(limit: int | None) -> list[Any]:
    from dossier.errors import InputError
    from dossier.ingest import read

    bbc = require_data("bbc")
    docs = [d for d in read([str(bbc)]) if not isinstance(d, InputError) and d.path and d.path.endswith(".txt")]
    return docs[:limit] if limit else docs


def _words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def _timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def speed(docs: list[Any], parallel: bool) -> dict[str, Any]:
    from dossier import engine
    from dossier.nlp import pipeline

    nlp = pipeline.load()
    texts = [d.text for d in docs]
    words = _words(texts)
    list(nlp.pipe(texts[:20]))  # warm up
    raw = _timed(lambda: [None for _ in nlp.pipe(texts, batch_size=32)])
    ours = _timed(lambda: [None for _ in engine.analyze_documents(docs)])
    fig: dict[str, Any] = {
        "articles": len(docs),
        "words": words,
        "spacy_1proc_s": raw,
        "dossier_1proc_s": ours,
        "ratio_1proc": raw / ours,
    }
    # what each stage adds on top of the parse
    from dossier.nlp.entities import extract_entities
    from dossier.nlp.events import extract_events
    from dossier.nlp.layout import analyze_layout
    from dossier.nlp.quotes import extract_quotes
    from dossier.nlp.sources import extract_sources
    from dossier.nlp.timexes import extract_timexes

    parsed = list(pipeline.parse(nlp, texts[:300]))
    stage: dict[str, float] = dict.fromkeys(("layout", "entities", "sources", "quotes", "timexes", "events"), 0.0)
    for doc in parsed:
        t0 = time.perf_counter()
        lay = analyze_layout(doc.text)
        t1 = time.perf_counter()
        ents = extract_entities(doc, lay)
        t2 = time.perf_counter()
        extract_sources(doc, ents, lay)
        t3 = time.perf_counter()
        extract_quotes(doc, ents, lay)
        t4 = time.perf_counter()
        tx = extract_timexes(doc.text, published="2005-01-01")
        t5 = time.perf_counter()
        extract_events(doc, ents, tx, published="2005-01-01")
        t6 = time.perf_counter()
        for k, a, b in (
            ("layout", t0, t1),
            ("entities", t1, t2),
            ("sources", t2, t3),
            ("quotes", t3, t4),
            ("timexes", t4, t5),
            ("events", t5, t6),
        ):
            stage[k] += b - a
    parse_300 = raw * min(300, len(docs)) / len(docs)
    fig["stage_share_of_parse"] = {k: v / parse_300 for k, v in stage.items()}
    if parallel:
        n = os.cpu_count() or 1
        raw_n = _timed(lambda: [None for _ in nlp.pipe(texts, batch_size=32, n_process=n)])
        try:
            from dossier.parallel import analyze_parallel

            ours_n = _timed(lambda: [None for _ in analyze_parallel(iter(docs), engine.Options(), n)])
        except ImportError:
            ours_n = float("nan")
        fig.update({"cores": n, "spacy_nproc_s": raw_n, "dossier_workers_s": ours_n, "ratio_nproc": raw_n / ours_n})
    return fig


_MEASURE = """
import resource, sys
from dossier.api import ingest
r = ingest([sys.argv[1]], db=sys.argv[2], workers=int(sys.argv[3]), progress=False)
self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(self_kb, kids_kb, r.added, r.failed)
"""


def memory(docs: list[Any], sizes: list[int]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"corpus-{size}.jsonl"
            with path.open("w", encoding="utf-8") as fh:
                for i in range(size):
                    d = docs[i % len(docs)]
                    fh.write(json.dumps({"id": f"bbc-{i}", "text": d.text + f"\n\n(copy {i // len(docs)})"}) + "\n")
            db = Path(tmp) / f"store-{size}.db"
            t = time.perf_counter()
            res = subprocess.run(
                [sys.executable, "-c", _MEASURE, str(path), str(db), str(os.cpu_count() or 1)],
                capture_output=True,
                text=True,
                check=True,
            )
            elapsed = time.perf_counter() - t
            self_kb, kids_kb, added, failed = (int(x) for x in res.stdout.split()[-4:])
            out[str(size)] = {
                "peak_rss_main_mb": self_kb / 1024,
                "peak_rss_worker_mb": kids_kb / 1024,
                "added": added,
                "failed": failed,
                "seconds": elapsed,
            }
    return out


def spark_speedup(docs: list[Any], n: int) -> dict[str, Any]:
    from dossier.spark.job import run_batch

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for i, d in enumerate(docs[:n]):
                fh.write(json.dumps({"id": f"bbc-{i}", "text": d.text}) + "\n")
        times = {}
        for master in ("local[1]", "local[2]"):
            t = time.perf_counter()
            run_batch([str(path)], str(Path(tmp) / master), engine="spark", master=master)
            times[master] = time.perf_counter() - t
    return {"articles": n, **times, "speedup": times["local[1]"] / times["local[2]"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="articles for the speed run (default: all)")
    ap.add_argument("--memory", default="1000,5000", help="corpus sizes for the memory run ('' to skip)")
    ap.add_argument("--spark", type=int, default=400, help="articles for the Spark speed-up (0 to skip)")
    ap.add_argument("--no-parallel", action="store_true", help="skip the all-cores comparison")
    args = ap.parse_args()
    docs = _load(args.limit)
    print(f"machine: {machine()}")
    fig: dict[str, Any] = {"speed": speed(docs, not args.no_parallel)}
    s = fig["speed"]
    print(f"\n{s['articles']} BBC articles, {s['words']} words")
    print(f"{'':28}{'seconds':>9}{'articles/s':>12}{'words/s':>10}")
    rows = [("raw spaCy nlp.pipe, 1 proc", s["spacy_1proc_s"]), ("dossier analyze, 1 proc", s["dossier_1proc_s"])]
    if "cores" in s:
        rows += [
            (f"raw spaCy n_process={s['cores']}", s["spacy_nproc_s"]),
            (f"dossier --workers {s['cores']}", s["dossier_workers_s"]),
        ]
    for name, sec in rows:
        print(f"{name:28}{sec:9.1f}{s['articles'] / sec:12.1f}{s['words'] / sec:10.0f}")
    print(f"dossier / spaCy throughput, 1 process: {s['ratio_1proc']:.2f}x (target >= 0.70x)")
    if "cores" in s:
        print(f"dossier / spaCy throughput, {s['cores']} processes: {s['ratio_nproc']:.2f}x")
    print("time each stage adds, as a share of spaCy's parse time:")
    for k, v in s["stage_share_of_parse"].items():
        print(f"  {k:10} {v:6.1%}")
    if args.memory:
        sizes = [int(x) for x in args.memory.split(",")]
        fig["memory"] = memory(docs, sizes)
        print("\npeak RSS of `dossier ingest` (all cores):")
        for size, m in fig["memory"].items():
            print(
                f"  {size:>7} articles: main {m['peak_rss_main_mb']:.0f} MB, largest worker "
                f"{m['peak_rss_worker_mb']:.0f} MB, {m['seconds']:.0f} s, {m['failed']} failed"
            )
    if args.spark:
        fig["spark"] = spark_speedup(docs, args.spark)
        sp = fig["spark"]
        print(
            f"\nSpark batch on {sp['articles']} articles: local[1] {sp['local[1]']:.1f} s, "
            f"local[2] {sp['local[2]']:.1f} s, speed-up {sp['speedup']:.2f}x (target >= 1.7x)"
        )
    print(f"\nwrote {write_results('throughput', fig).relative_to(REPO)}")


if __name__ == "__main__":
    main()
