"""Speed of the cross-article update (``dossier.store.corpus.update_corpus``) as the store grows.

Analyses real articles once (``$DOSSIER_SHARED/data/bbc`` sample + ``examples/newswcl50.jsonl``;
only the latter when the shared data is absent), caches them as JSONL in the temp folder, then
writes copies (new ids, publication dates shifted by a month per copy, words outside entity names
disguised so that copies are not reprints, while the same famous names recur across the whole store)
through ``Store.write`` in batches. For each measured store size it prints ms/article of ``update_corpus``
split by phase — entity resolution, story placement,
provenance (edges + story summaries), forgetting — and a cProfile top list of the last batch.
The baseline beside it is the spaCy parse time per article of the same articles.
Usage: ``python -m benchmarks.corpus_speed [--sizes 500,3000] [--bbc 250] [--batch 100]``.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import io
import json
import pstats
import tempfile
import time
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from benchmarks.common import REPO, data_dir, machine, write_results
from dossier.engine import analyze_documents
from dossier.model import Article, Document
from dossier.store import Store
from dossier.store import corpus as update

CACHE = Path(tempfile.gettempdir()) / "dossier-corpus-speed"
PHASES = ("resolve", "place", "edges", "refresh", "forget")


def _documents(bbc: int) -> list[Document]:
    docs: list[Document] = []
    for line in (REPO / "examples" / "newswcl50.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            docs.append(
                Document(
                    text=r["text"], id=r["id"], url=r.get("url"), outlet=r.get("outlet"), published=r.get("published")
                )
            )
    root = data_dir("bbc")
    if root is not None and bbc > 0:
        paths = sorted(root.glob("*/*.txt"))
        step = max(1, len(paths) // bbc)
        for i, p in enumerate(paths[::step][:bbc]):
            day = date(2005, 1, 1) + timedelta(days=i % 90)
            text = p.read_bytes().decode("utf-8", errors="replace")
            docs.append(
                Document(text=text, id=f"bbc-{p.parent.name}-{p.stem}", outlet="BBC", published=day.isoformat())
            )
    return docs


def analysed(bbc: int) -> tuple[list[Article], float]:
    """The analysed articles (from the cache when present) and the spaCy+dossier seconds per article."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"articles-{bbc if data_dir('bbc') else 0}.jsonl"
    meta = path.with_suffix(".json")
    if path.is_file() and meta.is_file():
        arts = [Article.from_dict(json.loads(x)) for x in path.read_text(encoding="utf-8").splitlines() if x]
        return arts, float(json.loads(meta.read_text())["analysis_s_per_article"])
    docs = _documents(bbc)
    t0 = time.perf_counter()
    arts = list(analyze_documents(docs))
    per = (time.perf_counter() - t0) / max(1, len(arts))
    path.write_text("".join(json.dumps(a.to_dict()) + "\n" for a in arts), encoding="utf-8")
    meta.write_text(json.dumps({"analysis_s_per_article": per}))
    return arts, per


def _disguise(a: Article, k: int) -> str:
    """The text with every letter outside entity mentions shifted by ``k`` (same length, so every offset
    holds): copies share their entities' names but no words, so they are not near-duplicates and story
    placement does its full work (candidate look-up and scoring), as it does for new reporting."""
    keep = bytearray(len(a.text))
    for e in a.entities:
        for m in e.mentions:
            keep[m.start : m.end] = b"\x01" * (m.end - m.start)
    out = []
    for i, c in enumerate(a.text):
        if not keep[i] and "a" <= c <= "z":
            c = chr((ord(c) - 97 + k) % 26 + 97)
        out.append(c)
    return "".join(out)


def copies(base: Sequence[Article]) -> Iterator[Article]:
    """Endless copies of ``base``: copy k has ids ``ID~k``, dates shifted by 30*k days and (k > 0) its
    words disguised."""
    k = 0
    while True:
        for a in base:
            text = _disguise(a, k) if k % 26 else a.text
            published = a.published
            if published and len(published) >= 10:
                try:
                    d = date.fromisoformat(published[:10]) + timedelta(days=30 * k)
                    published = d.isoformat() + published[10:]
                except ValueError:
                    pass
            yield dataclasses.replace(a, id=f"{a.id}~{k}", published=published, text=text, content_hash="")
        k += 1


class PhaseTimer:
    """Wraps the update's phase functions (module attributes) and sums their wall time."""

    def __init__(self) -> None:
        self.totals = dict.fromkeys(PHASES, 0.0)
        self._originals: dict[str, Any] = {}

    def _wrap(self, attr: str, phase: str) -> None:
        fn = getattr(update, attr)
        self._originals[attr] = fn

        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.totals[phase] += time.perf_counter() - t0

        setattr(update, attr, timed)

    def __enter__(self) -> PhaseTimer:
        self._wrap("resolve_entities", "resolve")
        self._wrap("place", "place")
        self._wrap("_add_edges", "edges")
        self._wrap("refresh_story", "refresh")
        self._wrap("forget", "forget")
        return self

    def __exit__(self, *exc: object) -> None:
        for attr, fn in self._originals.items():
            setattr(update, attr, fn)

    def snapshot(self) -> dict[str, float]:
        """Phase totals so far (``place`` still includes the ``edges`` it adds)."""
        return dict(self.totals)


def measure(base: Sequence[Article], sizes: Sequence[int], batch: int, window: int) -> list[dict[str, Any]]:
    """Grow one store to each size; time the ``window`` articles written just before it."""
    rows: list[dict[str, Any]] = []
    stream = copies(base)
    with tempfile.TemporaryDirectory() as tmp, Store(str(Path(tmp) / "speed.db")) as store, PhaseTimer() as timer:
        original = update.update_corpus
        spent = [0.0]

        def timed_update(conn: Any, ids: Sequence[str]) -> None:
            t0 = time.perf_counter()
            original(conn, ids)
            spent[0] += time.perf_counter() - t0

        update.update_corpus = timed_update  # type: ignore[assignment]
        written = 0
        profile_text = ""
        try:
            for size in sizes:
                while written < size:
                    n = min(batch, size - written)
                    chunk = [next(stream) for _ in range(n)]
                    measuring = written + n > size - window
                    before, spent_before = timer.snapshot(), spent[0]
                    prof = cProfile.Profile() if measuring and size == sizes[-1] and written + n == size else None
                    t0 = time.perf_counter()
                    if prof is not None:
                        prof.enable()
                    store.write(chunk)
                    if prof is not None:
                        prof.disable()
                        buf = io.StringIO()
                        pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(15)
                        profile_text = buf.getvalue()
                    wall = time.perf_counter() - t0
                    written += n
                    if measuring:
                        after = timer.snapshot()
                        row = rows[-1] if rows and rows[-1]["size"] == size else None
                        if row is None:
                            row = {"size": size, "articles": 0, "write_s": 0.0, "update_s": 0.0}
                            row.update(dict.fromkeys(PHASES, 0.0))
                            rows.append(row)
                        row["articles"] += n
                        row["write_s"] += wall
                        row["update_s"] += spent[0] - spent_before
                        for p in PHASES:
                            row[p] += after[p] - before[p]
        finally:
            update.update_corpus = original  # type: ignore[assignment]
    for row in rows:
        n = row.pop("articles")
        row["place"] -= row["edges"]  # place adds the edges; report them under provenance
        row["provenance"] = row.pop("edges") + row.pop("refresh")
        out = {k: round(1000 * v / n, 1) for k, v in row.items() if k != "size"}
        out["size"] = row["size"]
        out["measured_articles"] = n
        row.clear()
        row.update(out)
    if profile_text:
        print(profile_text)
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; print the table; write ``benchmarks/results/corpus_speed.json``."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--sizes", default="500,3000", help="store sizes to measure at (comma separated)")
    ap.add_argument("--bbc", type=int, default=250, help="BBC articles to analyse (with NewsWCL50's 50)")
    ap.add_argument("--batch", type=int, default=100, help="articles per Store.write batch")
    ap.add_argument("--window", type=int, default=200, help="articles timed before each size")
    args = ap.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    if data_dir("bbc") is None:
        print("skipped: ../shared/data/bbc not found; using examples/newswcl50.jsonl only")
    base, analysis_s = analysed(args.bbc)
    print(f"{len(base)} analysed articles (analysis {1000 * analysis_s:.0f} ms/article), batches of {args.batch}")
    rows = measure(base, sizes, args.batch, min(args.window, sizes[0]))
    header = (
        f"{'store size':>10} {'update':>8} {'resolve':>8} {'place':>8} {'provenance':>10} {'forget':>7} {'write':>8}"
    )
    print(header + "   (ms/article)")
    for r in rows:
        print(
            f"{r['size']:>10} {r['update_s']:>8} {r['resolve']:>8} {r['place']:>8} {r['provenance']:>10}"
            f" {r['forget']:>7} {r['write_s']:>8}"
        )
    print(f"baseline: full analysis (spaCy parse + dossier stages) {1000 * analysis_s:.0f} ms/article")
    path = write_results(
        "corpus_speed",
        {
            "machine_line": machine(),
            "analysed": len(base),
            "analysis_ms_per_article": round(1000 * analysis_s, 1),
            "batch": args.batch,
            "rows": rows,
        },
    )
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
