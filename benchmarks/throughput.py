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
import re
import signal
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


ANALYZE_TARGET = 0.85
"""``dossier analyze`` (default workers) must reach this share of spaCy's own ``nlp.pipe(n_process=cores)``."""


def analyze_vs_spacy(docs: list[Any]) -> dict[str, Any]:
    """``dossier analyze FILES`` as the CLI runs it (``analyze_paths`` with the default workers: reading, analysis,
    JSON serialisation, order kept) against raw spaCy ``nlp.pipe(n_process=cores)`` on the same texts, one run."""
    from dossier.api import analyze_paths
    from dossier.cli import usable_cores
    from dossier.nlp import pipeline

    n = usable_cores()
    paths = [d.path for d in docs]
    texts = [d.text for d in docs]
    nlp = pipeline.load()
    list(nlp.pipe(texts[:10]))  # warm up
    raw = _timed(lambda: [None for _ in nlp.pipe(texts, batch_size=32, n_process=n)])
    ours = _timed(lambda: [json.dumps(a.to_dict()) for a in analyze_paths(paths, workers=n)])
    one = _timed(lambda: [json.dumps(a.to_dict()) for a in analyze_paths(paths, workers=1)])
    return {
        "articles": len(docs),
        "cores": n,
        "spacy_nproc_s": raw,
        "analyze_workers_s": ours,
        "analyze_1proc_s": one,
        "ratio": raw / ours,
        "ratio_1proc": raw / one,
    }


def print_analyze(a: dict[str, Any]) -> None:
    """The ``dossier analyze`` vs raw spaCy table."""
    print(f"\n`dossier analyze` on {a['articles']} BBC files vs raw spaCy, {a['cores']} cores:")
    print(f"  raw spaCy nlp.pipe(n_process={a['cores']})   {a['spacy_nproc_s']:7.1f} s")
    print(f"  dossier analyze (default --workers {a['cores']}) {a['analyze_workers_s']:7.1f} s")
    print(f"  dossier analyze --workers 1          {a['analyze_1proc_s']:7.1f} s")
    verdict = "met" if a["ratio"] >= ANALYZE_TARGET else "MISSED"
    print(
        f"  throughput ratio {a['ratio']:.2f}x (target >= {ANALYZE_TARGET}x: {verdict}); one process"
        f" {a['ratio_1proc']:.2f}x"
    )


_MEASURE = """
import sys
from dossier.api import ingest
r = ingest([sys.argv[1]], db=sys.argv[2], workers=int(sys.argv[3]), progress=False)
print(r.added, r.failed)
"""


def _stored(db: Path) -> int:
    """Articles in the store now (its kept count; 0 before the ingest created it)."""
    import sqlite3

    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT n FROM row_counts WHERE name = 'articles'").fetchone()[0])
        finally:
            conn.close()
    except (sqlite3.Error, TypeError):
        return 0


def lead(text: str, words: int) -> str:
    """The article's first sentences, at least ``words`` words (cut at a sentence end): its lead."""
    if not words:
        return text
    for count, m in enumerate(re.finditer(r"\S+", text), start=1):
        if count >= words and re.search(r"[.!?][\"'’”)]*$", m.group()):
            return text[: m.end()]
    return text


def write_copies(docs: list[Any], size: int, path: Path, words: int = 0) -> None:
    """``size`` JSONL articles: the corpus repeated, each copy's text changed (new id, new content hash);
    with ``words``, each copy is the article's lead of at least that many words (a count-driven run)."""
    with path.open("w", encoding="utf-8") as fh:
        for i in range(size):
            d = docs[i % len(docs)]
            text = lead(d.text, words)
            fh.write(json.dumps({"id": f"bbc-{i}", "text": text + f"\n\n(copy {i // len(docs)})"}) + "\n")


def measure_ingest(
    path: Path, db: Path, workers: int, log: Callable[[str], None] = print, prelude: str = ""
) -> dict[str, Any]:
    """Run ``dossier ingest`` (the library call) in a subprocess; sample RSS of its whole process tree."""
    from benchmarks.rss import TreeSampler

    t = time.perf_counter()

    def note(sample: dict[str, Any]) -> None:
        sample["stored"] = _stored(db)
        log(
            f"    {sample['t']:7.0f} s {sample['stored']:7d} stored: main {sample['main']:.0f} MB,"
            f" workers {sample['workers']:.0f} MB ({sample['n_workers']}), total {sample['total']:.0f} MB"
        )

    proc = subprocess.Popen(
        [sys.executable, "-c", prelude + _MEASURE, str(path), str(db), str(workers)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    sampler = TreeSampler(proc.pid, interval=0.2, every=30.0, on_sample=note).start()
    try:
        out, err = proc.communicate()
    finally:  # a stopped benchmark (Ctrl-C, SIGTERM: see main) leaves no ingest running on its own
        sampler.stop()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if proc.returncode != 0:
        raise RuntimeError(f"ingest failed ({proc.returncode}): {err[-2000:]}")
    added, failed = (int(x) for x in out.split()[-2:])
    return {
        **sampler.peaks(),
        "added": added,
        "failed": failed,
        "seconds": round(time.perf_counter() - t, 1),
        "series": sampler.series,
    }


_NO_CORPUS = """
import dossier.store.writer as w
w.CORPUS_UPDATE = "dossier.no_cross_article_layer"  # benchmark only: a module that does not exist, so no update
"""


def write_batch_output(n: int, out: Path, per_file: int = 2000) -> None:
    """``n`` synthetic pre-analysed articles as ``dossier batch`` output (Parquet, one row per article)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from benchmarks.web_load import synthetic_articles
    from dossier.ingest.rows import COLUMNS, article_row

    schema = pa.schema([(c, pa.string()) for c in COLUMNS])
    out.mkdir(parents=True, exist_ok=True)
    for part, start in enumerate(range(0, n, per_file)):
        rows = [article_row(a) for a in synthetic_articles(start, min(per_file, n - start))]
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), out / f"part-{part:05d}.parquet")


def memory_preanalysed(n: int, cross_article: bool) -> dict[str, Any]:
    """Peak RSS of ``dossier ingest DIR`` over ``n`` pre-analysed articles (no NLP): reader -> store write."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "batch"
        t = time.perf_counter()
        write_batch_output(n, out)
        print(f"  {n:,} synthetic articles written as batch output in {time.perf_counter() - t:.0f} s", flush=True)
        prelude = "" if cross_article else _NO_CORPUS
        return {
            **measure_ingest(out, Path(tmp) / "store.db", 1, prelude=prelude),
            "cross_article_layer": cross_article,
        }


def memory(
    docs: list[Any],
    sizes: list[int],
    workers: int,
    done: Callable[[str, dict[str, Any]], None] | None = None,
    words: int = 0,
) -> dict[str, Any]:
    """Peak RSS of a full ``dossier ingest`` (analysis + store + cross-article layer) at each corpus size;
    ``done`` is told each size's figures as soon as they are measured (a long run keeps what it measured).
    With ``words`` each article is its lead of at least that many words, and the run's key says so
    ("100000_lead60"): memory that grows with the number of articles shows at a fraction of the time."""
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"corpus-{size}.jsonl"
            write_copies(docs, size, path, words)
            key = f"{size}_lead{words}" if words else str(size)
            what = f"leads of ≥{words} words" if words else "whole articles"
            print(f"  ingest of {size:,} articles ({what}), {workers} workers:", flush=True)
            out[key] = {**measure_ingest(path, Path(tmp) / f"store-{size}.db", workers), "lead_words": words or None}
            path.unlink()
            if done is not None:
                done(key, out[key])
    return out


def spark_speedup(docs: list[Any], n: int, cluster: bool = False) -> dict[str, Any]:
    """``dossier batch --engine spark`` on the same ``n`` articles: local[1], local[2] and, with ``cluster``, a
    standalone cluster of two one-core workers on loopback (``dossier.spark.cluster``)."""
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
        if cluster:
            from dossier.spark.cluster import standalone

            with standalone(workers=2, cores=1, work_dir=Path(tmp) / "cluster") as url:
                t = time.perf_counter()
                run_batch([str(path)], str(Path(tmp) / "cluster-out"), engine="spark", master=url)
                times["standalone_2x1"] = time.perf_counter() - t
        out = Path(tmp) / "local[2]"
        parquet = sum(f.stat().st_size for f in out.rglob("*.parquet"))
    return {
        "articles": n,
        **times,
        "speedup": times["local[1]"] / times["local[2]"],
        "parquet_bytes_per_article": parquet / max(1, n),
    }


def print_spark(sp: dict[str, Any]) -> None:
    """The Spark batch line(s)."""
    print(
        f"\nSpark batch on {sp['articles']} articles: local[1] {sp['local[1]']:.1f} s, "
        f"local[2] {sp['local[2]']:.1f} s, speed-up {sp['speedup']:.2f}x (target >= 1.7x)"
    )
    if "standalone_2x1" in sp:
        print(
            f"  standalone cluster, 2 workers x 1 core on loopback: {sp['standalone_2x1']:.1f} s"
            f" ({sp['local[1]'] / sp['standalone_2x1']:.2f}x local[1])"
        )
    if "parquet_bytes_per_article" in sp:
        print(f"  Parquet output: {sp['parquet_bytes_per_article'] / 1024:.1f} KB per article")


def main() -> None:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the clean-ups (the ingest subprocess dies too)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="articles for the speed run (default: all)")
    ap.add_argument("--memory", default="1000,5000", help="corpus sizes for the memory run ('' to skip)")
    ap.add_argument("--spark", type=int, default=400, help="articles for the Spark speed-up (0 to skip)")
    ap.add_argument("--no-parallel", action="store_true", help="skip the all-cores comparison")
    ap.add_argument("--memory-only", action="store_true", help="only the memory run (keeps other stored figures)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="ingest workers for the memory run")
    ap.add_argument(
        "--preanalysed",
        type=int,
        default=0,
        help="only: peak RSS of ingesting N synthetic pre-analysed articles (batch output, no NLP)",
    )
    ap.add_argument(
        "--memory-words",
        type=int,
        default=0,
        help="memory run: each article is its lead of at least N words (100k articles in hours, not a day)",
    )
    ap.add_argument("--no-cross-article", action="store_true", help="with --preanalysed: without the corpus update")
    ap.add_argument(
        "--analyze-only",
        type=int,
        default=0,
        help="only: `dossier analyze` (default workers) vs spaCy n_process on the first N articles",
    )
    ap.add_argument("--cluster-only", type=int, default=0, help="only: Spark local[1], local[2], 2-worker cluster")
    args = ap.parse_args()
    docs = _load(args.analyze_only or args.cluster_only or args.limit)
    print(f"machine: {machine()}")
    if args.analyze_only:
        merge_results("analyze", analyze_vs_spacy(docs), print_analyze)
        return
    if args.cluster_only:
        merge_results("spark", spark_speedup(docs, args.cluster_only, cluster=True), print_spark)
        return
    if args.preanalysed:
        preanalysed_only(args.preanalysed, not args.no_cross_article)
        return
    if args.memory_only:
        memory_only(docs, [int(x) for x in args.memory.split(",")], args.workers, args.memory_words)
        return
    fig: dict[str, Any] = {"speed": speed(docs, not args.no_parallel)}
    if not args.no_parallel:
        fig["analyze"] = analyze_vs_spacy(docs[:400])
        print_analyze(fig["analyze"])
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
        fig["memory"] = memory(docs, sizes, args.workers)
        print_memory(fig["memory"])
    if args.spark:
        fig["spark"] = spark_speedup(docs, args.spark, cluster=True)
        print_spark(fig["spark"])
    print(f"\nwrote {write_results('throughput', fig).relative_to(REPO)}")


MEMORY_TARGET_MB = 1536


def print_memory(runs: dict[str, Any]) -> None:
    """The memory table: peak RSS of main, largest worker and the whole tree, per corpus size."""
    print("\npeak RSS of `dossier ingest` (full analysis, whole process tree sampled from /proc every 0.2 s):")
    print(f"  {'articles':>8} {'main MB':>8} {'worker MB':>10} {'total MB':>9} {'seconds':>8} {'failed':>6}")
    for size, m in runs.items():
        print(
            f"  {size:>8} {m['peak_rss_main_mb']:8.0f} {m['peak_rss_largest_worker_mb']:10.0f}"
            f" {m['peak_rss_total_mb']:9.0f} {m['seconds']:8.0f} {m['failed']:6d}"
        )
    worst = max((m["peak_rss_total_mb"] for m in runs.values()), default=0.0)
    verdict = "met" if worst <= MEMORY_TARGET_MB else "MISSED"
    print(f"  largest total {worst:.0f} MB (target <= {MEMORY_TARGET_MB} MB: {verdict})")


def merge_results(key: str, figures: dict[str, Any], show: Callable[[dict[str, Any]], None]) -> None:
    """Print ``figures`` and store them under ``key`` in the stored results (other figures kept)."""
    from benchmarks.common import RESULTS

    show(figures)
    path = RESULTS / "throughput.json"
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    old.pop("machine", None)
    print(f"wrote {write_results('throughput', {**old, key: figures}).relative_to(REPO)}")


def memory_only(docs: list[Any], sizes: list[int], workers: int, words: int = 0) -> None:
    """Run only the memory measurement and merge it into the stored results (other figures kept)."""
    from benchmarks.common import RESULTS

    def save(size: str, run: dict[str, Any]) -> None:
        print_memory({size: run})
        path = RESULTS / "throughput.json"
        old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        old.pop("machine", None)
        kept = {k: v for k, v in old.get("memory", {}).items() if "series" in v}  # drop figures of the old method
        print(f"wrote {write_results('throughput', {**old, 'memory': {**kept, size: run}}).relative_to(REPO)}")

    print_memory(memory(docs, sizes, workers, done=save, words=words))


def preanalysed_only(n: int, cross_article: bool) -> None:
    """Measure the non-NLP ingest path at ``n`` articles and merge it into the stored results."""
    from benchmarks.common import RESULTS

    run = memory_preanalysed(n, cross_article)
    layer = "with" if cross_article else "WITHOUT"
    print(
        f"\npeak RSS of `dossier ingest` of {n:,} pre-analysed synthetic articles (no NLP; {layer} the"
        f" cross-article update): main {run['peak_rss_main_mb']:.0f} MB, total {run['peak_rss_total_mb']:.0f} MB,"
        f" {run['seconds']:.0f} s, {run['added']:,} added"
    )
    path = RESULTS / "throughput.json"
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    old.pop("machine", None)
    key = f"{n}" + ("" if cross_article else "_no_cross_article")
    merged = {**old, "memory_preanalysed": {**old.get("memory_preanalysed", {}), key: run}}
    print(f"wrote {write_results('throughput', merged).relative_to(REPO)}")


if __name__ == "__main__":
    main()
