"""Story clustering: dossier's incremental stories vs TF-IDF + average-link, B-cubed P/R/F1.

Two sets (``--set``):

- ``ecbplus`` (default): ECB+ topics 1-35 (``$DOSSIER_SHARED/data/ecbplus/docs.jsonl``: 772 documents,
  66 stories, two events of the same kind per topic, no publication dates). **Held-out topics**: the topics
  are cut into 5 folds (``topic_folds``); each fold is placed through a real store by the model fitted and
  chosen without it (``benchmarks.train_stories`` ships the fold models in ``story_model.json``, ``cv.folds``),
  and the folds are pooled into one B-cubed figure over all 772 documents: the figure that predicts unseen
  topics. The TF-IDF baseline's cut is chosen on the other folds too. The shipped model (fitted on all of
  topics 1-35) is also run on them, marked as seen.
- ``newswcl50``: NewsWCL50 (50 articles = 10 events x 5 outlets, dated): the regression check.

Every article goes through the real engine (analyses cached under ``$DOSSIER_CACHE``, default
``~/.cache/dossier/benchmarks``, keyed by the data and the analysis code: analysis is the slow part), then
into a real SQLite store one at a time, where ``dossier.store.corpus`` places it. Arrival orders: the
file's order, and ``--shuffles`` random orders (mean and worst). The baseline clusters the same texts
offline with TF-IDF (sublinear tf, smoothed idf, unigrams, stop words dropped) and average-link
agglomerative clustering over cosine distance, cut at the distance that is best **on the very data it is
scored on** (an oracle threshold the incremental method does not get), and at the true number of stories.

Run: ``.venv/bin/python -m benchmarks.stories --set ecbplus [--shuffles 10] [--held-out-only]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import multiprocessing
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage  # type: ignore[import-untyped]
from scipy.sparse import csr_matrix  # type: ignore[import-untyped]

from benchmarks.common import data_dir, write_results
from dossier.corpus import stories as st
from dossier.corpus.stories import STOPWORDS
from dossier.model import Article, Document
from dossier.store import Store

REPO = Path(__file__).resolve().parents[1]
SHUFFLES = 10
CUTS = tuple(round(x, 2) for x in np.arange(0.30, 0.99, 0.02))
"""Cosine-distance cuts the baseline's threshold is chosen from."""
SETS = {"ecbplus": "ecbplus/docs.jsonl", "newswcl50": "newswcl50/articles.jsonl"}


@dataclass(frozen=True)
class Record:
    """One document of a set with its gold story."""

    id: str
    story: str
    topic: int
    document: Document


def load_set(name: str) -> list[Record] | None:
    """The documents of a set with gold stories, or None when the data is absent."""
    folder = data_dir(SETS[name].split("/")[0])
    if folder is None:
        return None
    path = folder / SETS[name].split("/")[1]
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        title = (r.get("title") or "").strip() or None
        text = f"{title}\n\n{r['text']}" if name == "ecbplus" and title else r["text"]
        doc = Document(
            text=text,
            id=r["id"],
            title=title,
            url=r.get("url"),
            outlet=r.get("outlet"),
            published=r.get("published"),
        )
        out.append(Record(r["id"], str(r["story"]), int(r.get("topic", 0)), doc))
    return out


def _code_digest() -> str:
    """A digest of the analysis code (the cache is stale when it changes)."""
    src = REPO / "src" / "dossier"
    h = hashlib.sha256()
    # every data file counts: a refitted model (data/models/*.json) changes the analyses as much as code does
    for p in sorted([*src.glob("nlp/**/*.py"), *src.glob("data/**/*"), src / "engine.py", src / "model.py"]):
        # the story model decides nothing in an article's analysis: refitting it must not throw the cache away
        if p.is_file() and not p.name.startswith("story_"):
            h.update(p.relative_to(src).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def cache_dir() -> Path:
    """Where analyses are cached: ``$DOSSIER_CACHE`` or ``~/.cache/dossier/benchmarks`` (never the repo)."""
    return Path(os.environ.get("DOSSIER_CACHE") or Path.home() / ".cache" / "dossier" / "benchmarks")


def analysed(name: str, records: Sequence[Record], *, refresh: bool = False) -> list[Article]:
    """The engine's analyses of the records, read from the cache when the data and the code are unchanged."""
    h = hashlib.sha256()
    for r in records:
        h.update(json.dumps([r.id, r.document.text, r.document.title, r.document.published]).encode())
    path = cache_dir() / f"stories-{name}-{h.hexdigest()[:12]}-{_code_digest()}.jsonl"
    if path.is_file() and not refresh:
        by_id = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            a = Article.from_dict(json.loads(line))
            by_id[a.id] = a
        if all(r.id in by_id for r in records):
            return [by_id[r.id] for r in records]
    from dossier.engine import analyze_documents

    t0 = time.perf_counter()
    articles = list(analyze_documents(r.document for r in records))
    print(f"analysed {len(articles)} articles in {time.perf_counter() - t0:.0f} s; cached in {path}", file=sys.stderr)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text("".join(json.dumps(a.to_dict()) + "\n" for a in articles), encoding="utf-8")
    tmp.replace(path)
    return articles


def bcubed(pred: dict[str, int], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering against gold labels (over the ids of ``pred``)."""
    ids = list(pred)
    by_pred: dict[int, list[str]] = {}
    by_gold: dict[str, list[str]] = {}
    for i in ids:
        by_pred.setdefault(pred[i], []).append(i)
        by_gold.setdefault(gold[i], []).append(i)
    p_sum = r_sum = 0.0
    for i in ids:
        same_pred, same_gold = by_pred[pred[i]], by_gold[gold[i]]
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


def average_link_tree(texts: Sequence[str]) -> np.ndarray:
    """The average-link merge tree over cosine distances of TF-IDF vectors."""
    m = tfidf(texts)
    sim = (m @ m.T).toarray()
    dist = np.clip(1.0 - sim, 0.0, 2.0)
    condensed = dist[np.triu_indices(len(texts), k=1)]
    return linkage(condensed, method="average")


def best_cut(texts: Sequence[str], gold: Sequence[str]) -> float:
    """The cosine-distance cut of the TF-IDF average-link tree that scores best on these texts."""
    tree = average_link_tree(texts)
    ids = [str(i) for i in range(len(texts))]
    g = dict(zip(ids, gold, strict=True))
    scored = [
        (bcubed(dict(zip(ids, (int(x) for x in fcluster(tree, t=cut, criterion="distance")), strict=True)), g)[2], cut)
        for cut in CUTS
    ]
    return max(scored, key=lambda fc: (fc[0], -fc[1]))[1]


def cut_tree(texts: Sequence[str], cut: float) -> list[int]:
    """TF-IDF average-link clusters of ``texts`` at a given cosine-distance cut."""
    return [int(x) for x in fcluster(average_link_tree(texts), t=cut, criterion="distance")]


def topic_folds(topics: Sequence[int], k: int) -> list[list[int]]:
    """``k`` folds of the (sorted) topics, dealt round-robin: topics 1, 6, 11 ... then 2, 7, 12 ... (k = 5)."""
    return [[t for n, t in enumerate(topics) if n % k == fold] for fold in range(k)]


def baseline_rows(ids: Sequence[str], texts: Sequence[str], gold: dict[str, str]) -> list[dict[str, object]]:
    """TF-IDF + average link: cut at the best distance for this data, and at the true number of stories."""
    tree = average_link_tree(texts)
    best: tuple[float, float, dict[str, int]] | None = None
    for cut in CUTS:
        pred = dict(zip(ids, (int(x) for x in fcluster(tree, t=cut, criterion="distance")), strict=True))
        f = bcubed(pred, gold)[2]
        if best is None or f > best[0]:
            best = (f, cut, pred)
    assert best is not None
    k = len(set(gold[i] for i in ids))
    pred_k = dict(zip(ids, (int(x) for x in fcluster(tree, t=k, criterion="maxclust")), strict=True))
    return [
        row(f"TF-IDF + average link, best cut {best[1]:.2f} (oracle)", best[2], gold),
        row(f"TF-IDF + average link, k={k} (oracle)", pred_k, gold),
    ]


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


def row(method: str, pred: dict[str, int], gold: dict[str, str], note: str = "") -> dict[str, object]:
    """One result row."""
    p, r, f = bcubed(pred, gold)
    k = len(set(pred.values()))
    return {"method": method, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "stories": k} | (
        {"note": note} if note else {}
    )


def dossier_rows(
    articles: Sequence[Article], gold: dict[str, str], shuffles: int
) -> tuple[list[dict[str, object]], float]:
    """dossier in file order and in shuffled orders (mean and worst); seconds per article placed."""
    pred, per_article = incremental(articles)
    rows = [row("dossier, file order", pred, gold)]
    if any(a.published for a in articles):
        index = {a.id: i for i, a in enumerate(articles)}
        chrono = sorted(articles, key=lambda a: (a.published is None, a.published or "", index[a.id]))
        rows.insert(0, row("dossier, chronological order", incremental(chrono)[0], gold))
        undated = [dataclasses.replace(a, published=None) for a in chrono]
        rows.append(row("dossier, publication dates removed", incremental(undated)[0], gold))
    scores = []
    for seed in range(shuffles):
        order = random.Random(seed).sample(list(articles), len(articles))
        got, _ = incremental(order)
        scores.append((bcubed(got, gold), len(set(got.values()))))
    if scores:
        mean = [float(np.mean([s[0][i] for s in scores])) for i in range(3)]
        worst = min(s[0][2] for s in scores)
        rows.append(
            {
                "method": f"dossier, shuffled x{len(scores)} (mean)",
                "precision": round(mean[0], 4),
                "recall": round(mean[1], 4),
                "f1": round(mean[2], 4),
                "stories": round(float(np.mean([s[1] for s in scores]))),
                "worst_f1": round(worst, 4),
                "note": f"worst F1 {worst:.3f}",
            }
        )
    return rows, per_article


def print_rows(title: str, rows: Sequence[dict[str, object]]) -> None:
    """The table."""
    print(title)
    print(f"  {'method':<46} {'P':>6} {'R':>6} {'F1':>6} {'stories':>8}")
    for r in rows:
        print(
            f"  {r['method']!s:<46} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} {r['stories']!s:>8}"
            f"  {r.get('note', '')}"
        )


OUTER_FOLDS = 5
"""Topic folds of the held-out measure (the same as ``benchmarks.train_stories.OUTER_FOLDS``)."""


@contextmanager
def story_model(model: st.Model) -> Iterator[None]:
    """Place articles with ``model`` instead of the shipped one (the fold models of the held-out measure)."""
    shipped = st.load_model
    st.load_model = lambda path=st.MODEL_FILE: model  # type: ignore[assignment,misc]
    try:
        yield
    finally:
        st.load_model = shipped


_PLACE: dict[str, Any] = {}
"""What the worker processes of ``held_out_rows`` read (inherited by fork)."""


def _place_fold(task: tuple[int, int | None]) -> dict[str, int]:
    """One fold's articles placed through a real store by its fold model, in file order (None) or shuffled."""
    k, seed = task
    part, model = _PLACE["parts"][k], _PLACE["models"][k]
    order = part if seed is None else random.Random(seed).sample(part, len(part))
    with story_model(model):
        return incremental(order)[0]


def held_out_rows(
    articles: Sequence[Article], gold: dict[str, str], topic: dict[str, int], shuffles: int, jobs: int = 1
) -> list[dict[str, object]]:
    """Each topic fold placed through a real store by the model fitted and chosen without it (shipped in
    ``story_model.json`` under ``cv.folds``), the folds pooled: file order and shuffled orders (mean, worst);
    and the TF-IDF baseline with its cut chosen on the other folds. ``jobs`` processes place the folds."""
    folds = json.loads(st.MODEL_FILE.read_text(encoding="utf-8"))["cv"]["folds"]
    parts = [[a for a in articles if topic[a.id] in set(f["topics"])] for f in folds]
    _PLACE.update(parts=parts, models=[st.Model.from_dict(f) for f in folds])
    tasks: list[tuple[int, int | None]] = [(k, seed) for seed in [None, *range(shuffles)] for k in range(len(folds))]
    if jobs > 1:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            placed = pool.map(_place_fold, tasks)
    else:
        placed = [_place_fold(t) for t in tasks]
    file_order: dict[str, int] = {}
    shuffled: list[dict[str, int]] = [{} for _ in range(shuffles)]
    for (k, seed), got in zip(tasks, placed, strict=True):
        (file_order if seed is None else shuffled[seed]).update({i: s * len(folds) + k for i, s in got.items()})
    baseline: dict[str, int] = {}
    for k, part in enumerate(parts):
        mine = {a.id for a in part}
        rest = [a for a in articles if a.id not in mine]
        cut = best_cut([a.text for a in rest], [gold[a.id] for a in rest])
        for a, c in zip(part, cut_tree([a.text for a in part], cut), strict=True):
            baseline[a.id] = c * len(folds) + k
    rows = [row("dossier, file order", file_order, gold)]
    if shuffled:
        scores = [bcubed(p, gold) for p in shuffled]
        worst = min(s[2] for s in scores)
        rows.append(
            {
                "method": f"dossier, shuffled x{shuffles} (mean)",
                "precision": round(float(np.mean([s[0] for s in scores])), 4),
                "recall": round(float(np.mean([s[1] for s in scores])), 4),
                "f1": round(float(np.mean([s[2] for s in scores])), 4),
                "stories": round(float(np.mean([len(set(p.values())) for p in shuffled]))),
                "worst_f1": round(worst, 4),
                "note": f"worst F1 {worst:.3f}",
            }
        )
    rows.append(row("TF-IDF + average link, cut chosen on the other folds", baseline, gold))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; print the tables; write ``benchmarks/results/stories[-SET].json``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--set", choices=[*sorted(SETS), "all"], default="all", help="which data (default: both)")
    parser.add_argument("--shuffles", type=int, default=SHUFFLES, help=f"random orders (default {SHUFFLES})")
    parser.add_argument("--refresh", action="store_true", help="analyse again even when cached")
    parser.add_argument("--jobs", type=int, default=1, help="ecbplus: processes placing the held-out folds")
    parser.add_argument("--held-out-only", action="store_true", help="ecbplus: only the held-out measure (faster)")
    args = parser.parse_args(argv)
    if args.set == "all":
        for name in sorted(SETS, reverse=True):
            run(name, args)
        return 0
    return run(args.set, args)


def run(name: str, args: argparse.Namespace) -> int:
    """Run the benchmark on one set."""
    args = argparse.Namespace(**{**vars(args), "set": name})
    records = load_set(args.set)
    if records is None:
        print(f"skipped: ../shared/data/{SETS[args.set]} not found (set DOSSIER_SHARED to the shared folder)")
        return 0
    t0 = time.perf_counter()
    articles = analysed(args.set, records, refresh=args.refresh)
    analysis_s = time.perf_counter() - t0
    gold = {r.id: r.story for r in records}
    topic = {r.id: r.topic for r in records}
    result: dict[str, object] = {"data": SETS[args.set], "articles": len(articles), "parts": {}}
    if args.set == "ecbplus":
        name = f"held-out topics ({OUTER_FOLDS}-fold CV by topic: each fold placed by a model fitted without it)"
        rows = held_out_rows(articles, gold, topic, args.shuffles, args.jobs)
        rows += baseline_rows([a.id for a in articles], [a.text for a in articles], gold)
        print_rows(f"ecbplus {name}: {len(articles)} articles, {len(set(gold.values()))} gold stories (B-cubed)", rows)
        result["parts"][name] = {"articles": len(articles), "rows": rows}  # type: ignore[index]
        parts = [] if args.held_out_only else [("all topics 1-35, the shipped model (fitted on them: seen)", articles)]
    else:
        parts = [("all", list(articles))]
    for i, (name, part) in enumerate(parts):
        ids = [a.id for a in part]
        k_true = len({gold[x] for x in ids})
        rows, per_article = dossier_rows(part, gold, args.shuffles if args.set != "ecbplus" and i == 0 else 0)
        rows += baseline_rows(ids, [a.text for a in part], gold)
        print_rows(f"{args.set} {name}: {len(part)} articles, {k_true} gold stories (B-cubed)", rows)
        print(f"  corpus update {per_article * 1000:.0f} ms/article")
        result["parts"][name] = {"articles": len(part), "gold_stories": k_true, "rows": rows}  # type: ignore[index]
    print(f"analysis (or cache read) {analysis_s:.0f} s")
    write_results("stories" if args.set == "newswcl50" else f"stories-{args.set}", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
