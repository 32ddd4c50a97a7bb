"""The SQLite store at scale: write rate, query latency, export rate — beside a JSON-blob baseline.

    python -m benchmarks.store [--articles 100000] [--keep DIR]

Needs no shared data: it builds synthetic articles (Zipf-distributed words, a few hundred
recurring names, every record kind filled) so that the store is as large as a real one.
It prints, in one run on this machine:
- write rate of ``Store.write`` (normalized tables + FTS5, batches of 32) beside a baseline
  that stores each article as one JSON blob in one table (the least a store can do);
- query latency (median and worst of repeated runs) of ``search`` (FTS5, bm25) beside a
  ``LIKE`` scan over the baseline's JSON, and of ``articles``, ``article``, ``stats``;
- JSONL export rate; file sizes;
- the write rate with the cross-article layer (global entities, stories, provenance) updating in
  the same transactions, on the first ``--corpus-articles`` articles (the store-only runs hide it).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from benchmarks.common import machine, write_results
from dossier.engine import content_hash
from dossier.model import Article, Entity, Event, EventDate, Mention, Participant, Quote, Source, Speaker, Timex

FIRST = ["Anna", "Artem", "Maria", "John", "Olga", "Pierre", "Li", "Fatima", "Carlos", "Yuki", "Hans", "Aisha"]
LAST = ["Zinchenko", "Petrova", "Smith", "Dubois", "Wang", "Khan", "Garcia", "Tanaka", "Müller", "Okafor", "Rossi"]
PLACES = ["Kyiv", "Odesa", "Paris", "Geneva", "Lagos", "Lima", "Osaka", "Berlin", "Rome", "Cairo", "Quito"]
ORGS = ["Reuters", "Yahoo News", "Il Tempo", "the United Nations", "NATO", "the SBU", "the World Bank", "AP"]


def _vocabulary(rng: random.Random, size: int = 20_000) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(3, 10))) for _ in range(size)]


def synthetic_articles(n: int, seed: int = 7) -> Iterator[Article]:
    """``n`` article records about the size and shape of real news analyses (offsets index the text)."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    cum: list[float] = list(itertools.accumulate(1 / (r + 1) for r in range(len(vocab))))
    for i in range(n):
        people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(4)]
        place, org = rng.choice(PLACES), rng.choice(ORGS)
        lead = f"{people[0]} said in {place} that {org} reported the talks failed. "
        quote = f"“We will not leave {place},” said {people[1]}. "
        body = " ".join(rng.choices(vocab, cum_weights=cum, k=380)) + ". "
        tail = f"{people[2]} met {people[3]} on 3 March 2023, {org} said."
        text = lead + quote + body + tail
        q0 = len(lead)
        t0 = text.index("3 March 2023")
        ents = []
        for k, name in enumerate(people):
            at = [m.start() for m in re.finditer(re.escape(name), text)][:3]
            ents.append(
                Entity(f"E{k + 1}", name, "PERSON", mentions=tuple(Mention(a, a + len(name), name) for a in at))
            )
        ents.append(
            Entity("E5", place, "GPE", mentions=(Mention(lead.index(place), lead.index(place) + len(place), place),))
        )
        ents.append(Entity("E6", org, "ORG", mentions=(Mention(lead.index(org), lead.index(org) + len(org), org),)))
        sp = text.index(people[1], q0)
        yield Article(
            id=f"syn-{i}",
            source={"url": f"https://example.org/{i}"},
            title=f"{people[0]} in {place}: {' '.join(rng.choices(vocab, cum_weights=cum, k=6))}",
            outlet=rng.choice(ORGS),
            authors=(f"{rng.choice(FIRST)} {rng.choice(LAST)}",),
            published=f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            language="en",
            text=text,
            body=((0, len(text)),),
            entities=tuple(ents),
            quotes=(
                Quote(
                    quote[1:-2],
                    q0 + 1,
                    q0 + len(quote) - 2,
                    "direct",
                    Speaker(people[1], "E2", sp, sp + len(people[1])),
                    "said",
                    0.9,
                ),
            ),
            sources=(Source(org, "reported_by", f"{org} reported", lead.index(org), lead.index(org) + len(org) + 9),),
            timexes=(Timex("3 March 2023", t0, t0 + 12, "DATE", "2023-03-03"),),
            events=(
                Event(
                    "meet",
                    "040",
                    "met",
                    t0 - 4 - len(people[3]) - 1,
                    t0 - len(people[3]) - 1,
                    tail,
                    EventDate("3 March 2023", "2023-03-03"),
                    (Participant("agent", people[2], "E3"), Participant("patient", people[3], "E4")),
                    place,
                    0.7,
                ),
            ),
            content_hash=content_hash(text),
        )


def _timed(fn: Callable[[], Any], repeat: int = 7) -> tuple[float, float]:
    """Median and worst wall time of ``fn`` in milliseconds."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), max(times)


def _baseline_write(path: Path, n: int) -> tuple[float, float]:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("CREATE TABLE articles (id TEXT PRIMARY KEY, doc TEXT)")
    t, cpu = time.perf_counter(), time.process_time()
    batch: list[tuple[str, str]] = []
    for a in synthetic_articles(n):
        batch.append((a.id, json.dumps(a.to_dict(), ensure_ascii=False)))
        if len(batch) == 32:
            with conn:
                conn.executemany("INSERT INTO articles VALUES (?, ?)", batch)
            batch.clear()
    with conn:
        conn.executemany("INSERT INTO articles VALUES (?, ?)", batch)
    elapsed, cpu = time.perf_counter() - t, time.process_time() - cpu
    conn.close()
    return elapsed, cpu


def _write(path: Path, articles: Iterator[Article]) -> tuple[int, float, float]:
    """Store ``articles`` in batches of 32 as ingest does; return (count, wall seconds, CPU seconds)."""
    from dossier.store import Store

    n, t, cpu = 0, time.perf_counter(), time.process_time()
    with Store(str(path)) as store:
        batch: list[Article] = []
        for a in articles:
            batch.append(a)
            n += 1
            if len(batch) == 32:
                store.write(batch)
                batch = []
        store.write(batch)
    return n, time.perf_counter() - t, time.process_time() - cpu


def _skip_corpus_update() -> Callable[..., None]:
    """Store-only figures: replace the cross-article update with a no-op; returns the real one."""
    from dossier.store import corpus

    real: Callable[..., None] = corpus.update_corpus
    corpus.update_corpus = lambda conn, articles: None  # type: ignore[assignment]
    return real


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20_000, help="synthetic articles to store (default 20,000)")
    parser.add_argument("--keep", help="build the stores in this folder and keep them")
    parser.add_argument("--corpus-articles", type=int, default=2000, help="articles for the run with the corpus layer")
    args = parser.parse_args()
    from dossier.store import Store
    from dossier.store.export import export_jsonl

    n = args.articles
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        db, base = folder / "store-bench.db", folder / "baseline.db"
        full = folder / "store-corpus.db"
        for pattern in ("store-bench.db*", "baseline.db*", "store-corpus.db*"):
            for p in folder.glob(pattern):
                p.unlink()

        real_update = _skip_corpus_update()
        _, store_s, store_cpu = _write(db, synthetic_articles(n))
        base_s, base_cpu = _baseline_write(base, n)

        figures: dict[str, Any] = {"articles": n}
        with Store(str(db), readonly=True) as store:
            bconn = sqlite3.connect(base)
            word = "Zinchenko"
            rare = _vocabulary(random.Random(7))[-1]  # the least frequent word of the vocabulary
            queries: dict[str, Callable[[], Any]] = {
                f"search {word!r} (FTS5)": lambda: store.search(word),
                f"search {word!r} (baseline LIKE)": lambda: bconn.execute(
                    "SELECT id FROM articles WHERE doc LIKE ? LIMIT 20", (f"%{word}%",)
                ).fetchall(),
                f"search {rare!r} (FTS5)": lambda: store.search(rare),
                f"search {rare!r} (baseline LIKE)": lambda: bconn.execute(
                    "SELECT id FROM articles WHERE doc LIKE ? LIMIT 20", (f"%{rare}%",)
                ).fetchall(),
                '"talks failed" page 50 (FTS5)': lambda: store.search('"talks failed"', offset=1000),
                "articles() latest 50": lambda: store.articles(limit=50),
                "articles() page 200": lambda: store.articles(limit=50, offset=10_000),
                "article(id)": lambda: store.article(f"syn-{n // 2}"),
                "stats() (store only: distinct names)": store.stats,
            }
            latency = {name: _timed(fn) for name, fn in queries.items()}
            t = time.perf_counter()
            with open(folder / "export.jsonl", "w", encoding="utf-8") as out:
                exported = export_jsonl(store, out)
            export_s = time.perf_counter() - t
            bconn.close()
        from dossier.store import corpus

        corpus.update_corpus = real_update  # type: ignore[assignment]
        corpus_n, corpus_s, corpus_cpu = _write(full, itertools.islice(synthetic_articles(n), args.corpus_articles))

        mb = lambda p: sum(f.stat().st_size for f in folder.glob(p.name + "*")) / 1e6  # noqa: E731
        print(f"store benchmark: {n:,} synthetic articles; {machine()}")
        print("write (articles/s by wall clock and by this process's CPU time; both include making the records)")
        print(f"{'':<40} {'wall':>8} {'CPU':>8} {'MB':>8}")
        for label, count, wall, cpu, size in (
            ("dossier Store.write (tables + FTS5)", n, store_s, store_cpu, mb(db)),
            ("baseline: one JSON blob per article", n, base_s, base_cpu, mb(base)),
            (f"with the corpus layer ({corpus_n:,})", corpus_n, corpus_s, corpus_cpu, mb(full)),
        ):
            print(f"{label:<40} {count / wall:>8,.0f} {count / cpu:>8,.0f} {size:>8,.0f}")
        print(f"\n{'query':<40} {'median ms':>10} {'worst ms':>10}")
        for name, (med, worst) in latency.items():
            print(f"{name:<40} {med:>10.1f} {worst:>10.1f}")
        print(f"\nexport jsonl: {exported / export_s:,.0f} articles/s")
        figures.update(
            {
                "write_articles_per_s": {"wall": round(n / store_s), "cpu": round(n / store_cpu)},
                "baseline_write_articles_per_s": {"wall": round(n / base_s), "cpu": round(n / base_cpu)},
                "with_corpus_layer_articles": corpus_n,
                "with_corpus_layer_write_articles_per_s": {
                    "wall": round(corpus_n / corpus_s),
                    "cpu": round(corpus_n / corpus_cpu),
                },
                "store_mb": round(mb(db)),
                "baseline_mb": round(mb(base)),
                "latency_ms": {k: {"median": round(m, 2), "worst": round(w, 2)} for k, (m, w) in latency.items()},
                "export_jsonl_articles_per_s": round(exported / export_s),
            }
        )
        path = write_results("store", figures)
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
