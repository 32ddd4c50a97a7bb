"""Story clustering on NewsWCL50: dossier's incremental stories vs TF-IDF + average-link, B-cubed P/R/F1.

Uses ``$DOSSIER_SHARED/data/newswcl50/articles.jsonl`` (50 articles = 10 events x 5 outlets;
gold: ``story``). Every article goes through the real engine, then into a real SQLite store
one at a time, where ``dossier.store.corpus`` places it (no recomputation). Arrival orders:

- ``chronological``: by publication date, undated articles last (a feed read in order);
- ``file``: the file's order (grouped by story: the easy case);
- ``shuffled``: 10 random orders (the harder case: a story's first article may be its least typical);
- ``no dates``: chronological, with every publication date removed (no *when* gate).

The baseline clusters the same texts offline with TF-IDF (sublinear tf, smoothed idf, unigrams,
English stop words) and average-link agglomerative clustering over cosine distance, cut at the
true number of stories (an oracle the incremental method does not get) and at a fixed distance.

Run: ``.venv/bin/python -m benchmarks.stories [--limit N]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage  # type: ignore[import-untyped]
from scipy.sparse import csr_matrix  # type: ignore[import-untyped]

from dossier.corpus.stories import STOPWORDS
from dossier.engine import analyze_documents
from dossier.model import Article, Document
from dossier.store import Store

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results" / "stories.json"
SHUFFLES = 10
BASELINE_DISTANCE = 0.8
"""Fixed cosine-distance cut for the threshold baseline (a common default for news TF-IDF)."""


def data_path() -> Path:
    """Where NewsWCL50's articles.jsonl lives (``$DOSSIER_SHARED/data/newswcl50``)."""
    shared = Path(os.environ.get("DOSSIER_SHARED", REPO.parent / "shared"))
    return shared / "data" / "newswcl50" / "articles.jsonl"


def bcubed(pred: dict[str, int], gold: dict[str, int]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering against gold labels."""
    ids = list(pred)
    p_sum = r_sum = 0.0
    for i in ids:
        same_pred = [j for j in ids if pred[j] == pred[i]]
        same_gold = [j for j in ids if gold[j] == gold[i]]
        both = sum(1 for j in same_pred if gold[j] == gold[i])
        p_sum += both / len(same_pred)
        r_sum += both / len(same_gold)
    p, r = p_sum / len(ids), r_sum / len(ids)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# ---------------------------------------------------------------- baseline
def tfidf(texts: Sequence[str]) -> csr_matrix:
    """L2-normalized TF-IDF rows (sublinear tf, smoothed idf), as scikit-learn's defaults do it."""
    docs = [Counter(w for w in re.findall(r"[a-z]{2,}", t.lower()) if w not in STOPWORDS) for t in texts]
    vocab = {w: i for i, w in enumerate(sorted({w for d in docs for w in d}))}
    df = np.zeros(len(vocab))
    rows, cols, vals = [], [], []
    for r, d in enumerate(docs):
        for w, c in d.items():
            rows.append(r)
            cols.append(vocab[w])
            vals.append(1.0 + np.log(c))
            df[vocab[w]] += 1
    idf = np.log((1 + len(docs)) / (1 + df)) + 1.0
    m = csr_matrix((vals, (rows, cols)), shape=(len(docs), len(vocab)))
    m = m.multiply(idf).tocsr()
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1))).ravel()
    norms[norms == 0] = 1.0
    return csr_matrix(m.multiply(1.0 / norms[:, None]))


def average_link(texts: Sequence[str], *, k: int | None = None, distance: float | None = None) -> list[int]:
    """Average-link agglomerative clusters over cosine distance, cut into ``k`` or at ``distance``."""
    m = tfidf(texts)
    sim = (m @ m.T).toarray()
    dist = np.clip(1.0 - sim, 0.0, 2.0)
    condensed = dist[np.triu_indices(len(texts), k=1)]
    tree = linkage(condensed, method="average")
    if k is not None:
        return [int(x) for x in fcluster(tree, t=k, criterion="maxclust")]
    return [int(x) for x in fcluster(tree, t=distance or BASELINE_DISTANCE, criterion="distance")]


# ---------------------------------------------------------------- dossier
def incremental(articles: Sequence[Article]) -> tuple[dict[str, int], float]:
    """Store articles one by one in arrival order; each one's story id, and seconds per article."""
    with tempfile.TemporaryDirectory() as tmp, Store(str(Path(tmp) / "bench.db")) as store:
        start = time.perf_counter()
        for a in articles:
            store.write([a])
        elapsed = (time.perf_counter() - start) / max(1, len(articles))
        rows = store.conn.execute("SELECT id, story_id FROM articles").fetchall()
        return {r[0]: int(r[1]) for r in rows}, elapsed


def chronological(articles: Sequence[Article]) -> list[Article]:
    """By publication date, undated last, ties in file order."""
    index = {a.id: i for i, a in enumerate(articles)}
    return sorted(articles, key=lambda a: (a.published is None, a.published or "", index[a.id]))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; print the table; write ``benchmarks/results/stories.json``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N articles (while iterating)")
    parser.add_argument("--shuffles", type=int, default=SHUFFLES, help=f"random orders (default {SHUFFLES})")
    parser.add_argument("--cache", type=Path, help="JSONL of analysed articles: read if present, else written")
    args = parser.parse_args(argv)
    path = data_path()
    if not path.is_file():
        print(f"skipped: {path} not found")
        return 0
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.limit:
        records = records[: args.limit]
    gold = {r["id"]: int(r["story"]) for r in records}
    docs = [
        Document(text=r["text"], id=r["id"], url=r.get("url"), outlet=r.get("outlet"), published=r.get("published"))
        for r in records
    ]
    t0 = time.perf_counter()
    if args.cache and args.cache.is_file():
        articles = [Article.from_dict(json.loads(line)) for line in args.cache.read_text(encoding="utf-8").splitlines()]
        articles = [a for a in articles if a.id in gold]
    else:
        articles = list(analyze_documents(docs))
        if args.cache:
            args.cache.write_text("".join(json.dumps(a.to_dict()) + "\n" for a in articles), encoding="utf-8")
    analysis_s = time.perf_counter() - t0

    rows: list[tuple[str, tuple[float, float, float], int, str]] = []
    pred, per_article = incremental(chronological(articles))
    rows.append(("dossier, chronological", bcubed(pred, gold), len(set(pred.values())), ""))
    pred_file, _ = incremental(articles)
    rows.append(("dossier, file order", bcubed(pred_file, gold), len(set(pred_file.values())), ""))
    shuffled = []
    for seed in range(args.shuffles):
        order_pred, _ = incremental(random.Random(seed).sample(articles, len(articles)))
        shuffled.append((bcubed(order_pred, gold), len(set(order_pred.values()))))
    if shuffled:
        mean = tuple(float(np.mean([s[0][i] for s in shuffled])) for i in range(3))
        worst = min(s[0][2] for s in shuffled)
        k_mean = round(float(np.mean([s[1] for s in shuffled])))
        rows.append(
            (f"dossier, shuffled x{len(shuffled)} (mean)", (mean[0], mean[1], mean[2]), k_mean, f"worst F1 {worst:.3f}")
        )
    undated = [dataclasses.replace(a, published=None) for a in chronological(articles)]
    pred_nd, _ = incremental(undated)
    rows.append(("dossier, no publication dates", bcubed(pred_nd, gold), len(set(pred_nd.values())), ""))

    texts = [a.text for a in articles]
    ids = [a.id for a in articles]
    k_true = len(set(gold.values()))
    base_k = dict(zip(ids, average_link(texts, k=k_true), strict=True))
    base_d = dict(zip(ids, average_link(texts, distance=BASELINE_DISTANCE), strict=True))
    rows.append((f"TF-IDF + average link, k={k_true} (oracle)", bcubed(base_k, gold), k_true, ""))
    rows.append(
        (
            f"TF-IDF + average link, cut {BASELINE_DISTANCE}",
            bcubed(base_d, gold),
            len(set(base_d.values())),
            "",
        )
    )

    print(f"NewsWCL50 story clustering: {len(articles)} articles, {k_true} gold stories (B-cubed)")
    print(f"{'method':<44} {'P':>6} {'R':>6} {'F1':>6} {'stories':>8}")
    for name, (p, r, f), k, note in rows:
        print(f"{name:<44} {p:6.3f} {r:6.3f} {f:6.3f} {k:8d}  {note}")
    print(f"analysis {analysis_s / len(articles):.2f} s/article; corpus update {per_article * 1000:.0f} ms/article")
    result = {
        "data": str(path.name),
        "articles": len(articles),
        "gold_stories": k_true,
        "rows": [
            {
                "method": n,
                "precision": round(p, 4),
                "recall": round(r, 4),
                "f1": round(f, 4),
                "stories": k,
                "note": note,
            }
            for n, (p, r, f), k, note in rows
        ],
        "update_ms_per_article": round(per_article * 1000, 1),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
