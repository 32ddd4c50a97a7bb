"""Fit the story model (``src/dossier/data/story_model.json``) on ECB+ topics 1-35, deterministically, and
measure it on topics it was not fitted on (nested cross-validation by topic).

1. Every ECB+ document (topics 1-35) is analysed by the engine (cached, see ``benchmarks.stories``) and
   written into a temporary SQLite store, from which each article's stored story ``Features`` are read (with
   the global entity ids the store resolved).
2. Article-story pairs: the articles of the fitting topics arrive in ``ORDERS`` random orders; each one is
   paired with every gold story formed so far (its ``STORY_SAMPLE`` latest members), labelled 1 for its own
   story. The features are ``dossier.corpus.stories.STORY_FEATURES``.
3. ``fit_model``: a logistic regression (scikit-learn); its regularization C is chosen by grouped
   cross-validation by topic over the fitting topics (log loss), then the join and merge thresholds by the same
   folds (the incremental clustering simulated on each held-out fold in shuffled orders, B-cubed F1 averaged);
   then refitted on all the fitting topics.
4. **Held-out figure** (what predicts unseen topics): topics 1-35 are cut into ``OUTER_FOLDS`` folds; for each,
   ``fit_model`` runs on the other folds alone (train + its own inner CV as dev) and the fold is clustered with
   that model (test), in ``HELD_OUT_ORDERS`` random orders. The folds' clusterings are pooled into one of all
   772 documents (a story never spans two folds) and scored by B-cubed: mean and worst over the orders. The
   TF-IDF average-link baseline gets the same treatment: its cut is chosen on the other folds.
5. The shipped model is ``fit_model`` on all of topics 1-35; the fold models are written beside it
   (``cv.folds``), so that ``benchmarks.stories`` can place each fold through a real store with its own model.

``--ablation`` also measures the held-out figure without each group of features, and with each group alone
(``benchmarks/results/stories-ablation.json``).
``--check`` refits and compares with the shipped file byte for byte (writes nothing; exit 1 when it differs).

Run: ``.venv/bin/python -m benchmarks.train_stories [--ablation] [--check]`` (or ``make train``).
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
from sklearn.metrics import log_loss  # type: ignore[import-untyped]

from benchmarks.common import write_results
from benchmarks.stories import analysed, bcubed, best_cut, cut_tree, load_set, topic_folds
from dossier.corpus import stories as st
from dossier.model import Article
from dossier.store import Store
from dossier.store.corpus import STORY_SAMPLE, _stored_features
from dossier.train.weights import write_or_check

ORDERS = 3
"""Random arrival orders the training pairs and the threshold search are drawn from."""
FOLDS = 4
"""Topic folds of the inner (choosing) cross-validation."""
OUTER_FOLDS = 5
"""Topic folds of the outer (measuring) cross-validation."""
HELD_OUT_ORDERS = 10
"""Random arrival orders each held-out fold is clustered in."""
CS = (0.1, 0.3, 1.0, 3.0, 10.0)
"""Regularization strengths tried."""
JOINS = tuple(round(x, 2) for x in np.arange(0.2, 0.91, 0.05))
MERGES = tuple(round(x, 2) for x in np.arange(0.5, 0.991, 0.05))
GROUPS = {
    "text": ("text", "lead"),
    "entities": ("entities", "actors"),
    "places": ("places", "place_conflict"),
    "dates": ("day_match", "day_conflict", "month_conflict", "year_conflict", "weekday_match", "weekday_conflict"),
    "numbers": ("numbers", "number_conflict"),
    "events": ("events",),
}
"""Feature groups for the ablation (each pair feature's mean and max go together)."""
MODEL_OUT = Path(__file__).resolve().parents[1] / "src" / "dossier" / "data" / "story_model.json"


def stored_features(articles: Sequence[Article]) -> list[st.Features]:
    """Each article's story features as the store computes them (global entity ids), in the given order."""
    with tempfile.TemporaryDirectory() as tmp, Store(str(Path(tmp) / "train.db")) as store:
        for a in articles:
            store.write([a])
        rows = dict(store.conn.execute("SELECT article_id, features FROM story_articles").fetchall())
    return [_stored_features(rows[a.id]) for a in articles]


class PairTable:
    """Pair features of every two articles of a set (IDF over the whole set), as one array."""

    def __init__(self, feats: Sequence[st.Features]) -> None:
        df: Counter[str] = Counter()
        for f in feats:
            df.update(st.counted(f))
        scorer = st.Scorer(df, len(feats))
        n, k = len(feats), len(st.PAIR_FEATURES)
        self.values = np.zeros((n, n, k))
        self.centred = [st.PAIR_FEATURES.index(c) for c in st.CENTRED]
        self._memo: dict[tuple[int, ...], np.ndarray] = {}
        for i in range(n):
            for j in range(i, n):
                pf = scorer.pair(feats[i], feats[j])
                v = [pf[name] for name in st.PAIR_FEATURES]
                self.values[i, j] = v
                self.values[j, i] = v

    def stories(self, i: int, groups: Sequence[Sequence[int]]) -> np.ndarray:
        """``story`` of article ``i`` against each group of members at once (rows in the order of ``groups``)."""
        width = max(len(g) for g in groups)
        idx = np.zeros((len(groups), width), dtype=int)
        mask = np.zeros((len(groups), width, 1))
        for r, g in enumerate(groups):
            idx[r, : len(g)] = g
            mask[r, : len(g)] = 1.0
        block = self.values[i][idx] * mask  # (stories, members, pair features), zero beyond each story's size
        sizes = mask.sum(axis=1)
        mean = block.sum(axis=1) / sizes
        top = np.where(mask > 0, block, -np.inf).max(axis=1)
        norms = np.array([self._norms(tuple(g)) for g in groups])
        centroid = np.minimum(block[:, :, self.centred].sum(axis=1) / norms, 1.0)
        return np.concatenate([mean, top, centroid], axis=1)

    def _norms(self, members: tuple[int, ...]) -> np.ndarray:
        """The norms of a group's summed unit vectors (memoized: a story is compared many times unchanged)."""
        got = self._memo.get(members)
        if got is None:
            ms = list(members)
            got = np.sqrt(np.maximum(self.values[np.ix_(ms, ms, self.centred)].sum(axis=(0, 1)), 1e-12))
            if len(self._memo) > 200_000:
                self._memo.clear()
            self._memo[members] = got
        return got

    def story(self, i: int, members: Sequence[int]) -> np.ndarray:
        """``STORY_FEATURES`` of article ``i`` against ``members``: mean and max of each pair feature, then
        the centroid cosines (the sum of unit vectors has norm sqrt(sum of their pairwise cosines))."""
        ms = list(members)
        block = self.values[i, ms]
        mean = block.mean(axis=0)
        cols = self.centred
        norms = np.sqrt(np.maximum(self.values[np.ix_(ms, ms, cols)].sum(axis=(0, 1)), 1e-12))
        centroid = np.minimum(block[:, cols].sum(axis=0) / norms, 1.0)
        return np.concatenate([mean, block.max(axis=0), centroid])


def training_pairs(
    table: PairTable, idx: Sequence[int], gold: Sequence[str], seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Article-story pairs from arrivals in a random order against the gold stories formed so far."""
    order = random.Random(seed).sample(list(idx), len(idx))
    stories: dict[str, list[int]] = {}
    xs, ys = [], []
    for i in order:
        if stories:
            xs.append(table.stories(i, [members[-STORY_SAMPLE:] for members in stories.values()]))
            ys += [int(sid == gold[i]) for sid in stories]
        stories.setdefault(gold[i], []).append(i)
    x = np.concatenate(xs) if xs else np.zeros((0, len(st.STORY_FEATURES)))
    return x, np.array(ys)


def simulate(table: PairTable, order: Sequence[int], model: st.Model) -> dict[int, int]:
    """Incremental clustering as ``update.place`` does it (join the most probable story, merge bridged ones)."""
    w = np.array(model.weights)
    stories: dict[int, list[int]] = {}
    story_of: dict[int, int] = {}
    for i in order:
        best, scores = None, {}
        if stories:
            sids = list(stories)
            x = table.stories(i, [stories[s][-STORY_SAMPLE:] for s in sids])
            p = 1.0 / (1.0 + np.exp(-(x @ w + model.intercept)))
            scores = dict(zip(sids, p.tolist(), strict=True))
            top = max(sids, key=lambda s: (scores[s], -s))
            if scores[top] >= model.join:
                best = top
        if best is None:
            best = len(story_of) + 1000 * (len(stories) + 1)
            stories[best] = []
        else:
            for other in st.merges(best, scores, model):
                for m in stories.pop(other):
                    story_of[m] = best
                    stories[best].append(m)
        stories[best].append(i)
        story_of[i] = best
    return story_of


def masked(names: Sequence[str], drop: Sequence[str]) -> np.ndarray:
    """A 0/1 mask over ``STORY_FEATURES`` keeping all but the pair features in ``drop``."""
    return np.array([0.0 if n.split("_", 1)[1] in drop else 1.0 for n in names])


def fit(x: np.ndarray, y: np.ndarray, c: float, mask: np.ndarray) -> tuple[np.ndarray, float]:
    """Logistic regression weights (zero where masked) and intercept."""
    lr = LogisticRegression(C=c, max_iter=5000, solver="lbfgs")
    lr.fit(x * mask, y)
    return lr.coef_[0] * mask, float(lr.intercept_[0])


def clusterings(table: PairTable, idx: Sequence[int], model: st.Model, orders: int) -> list[dict[int, int]]:
    """The simulated clustering of ``idx`` in ``orders`` random orders (seeds 100, 101, ...)."""
    return [simulate(table, random.Random(100 + seed).sample(list(idx), len(idx)), model) for seed in range(orders)]


def score(table: PairTable, idx: Sequence[int], gold: Sequence[str], model: st.Model, orders: int) -> list[float]:
    """B-cubed F1 of the simulated clustering of ``idx`` in ``orders`` random orders."""
    g = {str(i): gold[i] for i in idx}
    return [bcubed({str(i): s for i, s in got.items()}, g)[2] for got in clusterings(table, idx, model, orders)]


def choose(
    table: PairTable, idx: Sequence[int], gold: Sequence[str], topic: Sequence[int], mask: np.ndarray
) -> tuple[float, float, float, dict[str, float]]:
    """C, join and merge chosen by grouped cross-validation by topic over ``idx``; the CV figures."""
    folds = topic_folds(sorted({topic[i] for i in idx}), FOLDS)
    data = []
    for held in folds:
        tr = [i for i in idx if topic[i] not in held]
        te = [i for i in idx if topic[i] in held]
        xs, ys = zip(*(training_pairs(table, tr, gold, s) for s in range(ORDERS)), strict=True)
        xt, yt = zip(*(training_pairs(table, te, gold, s) for s in range(ORDERS)), strict=True)
        data.append((np.concatenate(xs), np.concatenate(ys), np.concatenate(xt), np.concatenate(yt), te))
    losses = {}
    for c in CS:
        losses[c] = float(
            np.mean(
                [
                    log_loss(yt, 1 / (1 + np.exp(-(xt @ w + b))))
                    for (xs, ys, xt, yt, _) in data
                    for w, b in [fit(xs, ys, c, mask)]
                ]
            )
        )
    c_best = min(CS, key=lambda c: (losses[c], c))
    fitted = [fit(xs, ys, c_best, mask) for (xs, ys, _, _, _) in data]

    def cv_f1(join: float, merge: float) -> float:
        f1s = []
        for (w, b), (_, _, _, _, te) in zip(fitted, data, strict=True):
            f1s += score(table, te, gold, st.Model(st.STORY_FEATURES, tuple(w), b, join, merge), ORDERS)
        return float(np.mean(f1s))

    # the join threshold first (no merging), then the merge threshold for it
    joins = {j: cv_f1(j, 1.01) for j in JOINS}
    join = max(JOINS, key=lambda j: (joins[j], -j))
    merges = {m: cv_f1(join, m) for m in MERGES if m >= join} | {1.01: joins[join]}
    merge = max(merges, key=lambda m: (merges[m], m))
    cv = merges[merge]
    return c_best, join, merge, {"cv_log_loss": losses[c_best], "cv_bcubed_f1": cv}


def fit_model(
    table: PairTable, idx: Sequence[int], gold: Sequence[str], topic: Sequence[int], drop: Sequence[str] = ()
) -> tuple[st.Model, dict[str, float]]:
    """The model fitted on the articles ``idx`` with C and thresholds chosen by grouped CV over their topics."""
    mask = masked(st.STORY_FEATURES, drop)
    c, join, merge, figures = choose(table, idx, gold, topic, mask)
    xs, ys = zip(*(training_pairs(table, idx, gold, s) for s in range(ORDERS)), strict=True)
    w, b = fit(np.concatenate(xs), np.concatenate(ys), c, mask)
    model = st.Model(st.STORY_FEATURES, tuple(round(float(v), 6) for v in w), round(b, 6), join, merge)
    return model, figures | {"C": c}


_SHARED: dict[str, Any] = {}
"""What the worker processes of ``fit_models`` read (inherited by fork, not pickled: the table is large)."""


def _fit_task(task: tuple[list[int], tuple[str, ...]]) -> tuple[st.Model, dict[str, float]]:
    idx, drop = task
    return fit_model(_SHARED["table"], idx, _SHARED["gold"], _SHARED["topic"], drop)


def fit_models(
    table: PairTable,
    gold: Sequence[str],
    topic: Sequence[int],
    tasks: Sequence[tuple[list[int], tuple[str, ...]]],
    jobs: int = 1,
) -> list[tuple[st.Model, dict[str, float]]]:
    """``fit_model`` for each (articles, dropped features) task, in ``jobs`` processes (the same results)."""
    _SHARED.update(table=table, gold=gold, topic=topic)
    if jobs <= 1 or len(tasks) <= 1:
        return [_fit_task(t) for t in tasks]
    with multiprocessing.get_context("fork").Pool(min(jobs, len(tasks))) as pool:
        return pool.map(_fit_task, tasks)


def held_out(
    table: PairTable,
    gold: Sequence[str],
    topic: Sequence[int],
    drop: Sequence[str] = (),
    jobs: int = 1,
    fit_all: bool = False,
) -> tuple[list[tuple[list[int], st.Model]], dict[str, float], tuple[st.Model, dict[str, float]] | None]:
    """Each outer fold's topics and the model fitted without it; the pooled held-out B-cubed figures; with
    ``fit_all``, also the model fitted on every topic (in the same pool of processes)."""
    folds = topic_folds(sorted(set(topic)), OUTER_FOLDS)
    tasks = [([i for i in range(len(gold)) if topic[i] not in held], tuple(drop)) for held in folds]
    if fit_all:
        tasks.append((list(range(len(gold))), tuple(drop)))
    fitted = fit_models(table, gold, topic, tasks, jobs)
    everything = fitted.pop() if fit_all else None
    models = []
    pooled: list[dict[str, int]] = [{} for _ in range(HELD_OUT_ORDERS)]
    for k, (held, (model, _)) in enumerate(zip(folds, fitted, strict=True)):
        test_idx = [i for i in range(len(gold)) if topic[i] in held]
        models.append((held, model))
        for n, got in enumerate(clusterings(table, test_idx, model, HELD_OUT_ORDERS)):
            pooled[n].update({str(i): s * OUTER_FOLDS + k for i, s in got.items()})
    g = {str(i): gold[i] for i in range(len(gold))}
    scores = [bcubed(p, g) for p in pooled]
    f1 = [s[2] for s in scores]
    return (
        models,
        {
            "held_out_precision": float(np.mean([s[0] for s in scores])),
            "held_out_recall": float(np.mean([s[1] for s in scores])),
            "held_out_f1_mean": float(np.mean(f1)),
            "held_out_f1_worst": min(f1),
            "held_out_stories": float(np.mean([len(set(p.values())) for p in pooled])),
        },
        everything,
    )


def baseline_held_out(texts: Sequence[str], gold: Sequence[str], topic: Sequence[int]) -> dict[str, float]:
    """TF-IDF average link, its cut chosen on the other folds, applied to each held-out fold; pooled B-cubed."""
    pooled: dict[str, int] = {}
    for k, held in enumerate(topic_folds(sorted(set(topic)), OUTER_FOLDS)):
        fit_idx = [i for i in range(len(gold)) if topic[i] not in held]
        test_idx = [i for i in range(len(gold)) if topic[i] in held]
        cut = best_cut([texts[i] for i in fit_idx], [gold[i] for i in fit_idx])
        got = cut_tree([texts[i] for i in test_idx], cut)
        pooled.update({str(i): s * OUTER_FOLDS + k for i, s in zip(test_idx, got, strict=True)})
    p, r, f = bcubed(pooled, {str(i): gold[i] for i in range(len(gold))})
    return {"baseline_precision": p, "baseline_recall": r, "baseline_f1": f}


def rounded(figures: dict[str, float]) -> dict[str, float]:
    """Figures rounded to 4 decimals (stable bytes)."""
    return {k: round(float(v), 4) for k, v in figures.items()}


def main(argv: Sequence[str] | None = None) -> int:
    """Fit, write (or check) the model JSON, print the figures (and the ablation)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--ablation", action="store_true", help="also the held-out figure without/with each group")
    parser.add_argument("--check", action="store_true", help="refit and compare with the shipped file; write nothing")
    parser.add_argument("--jobs", type=int, default=1, help="processes fitting the fold models (same results)")
    parser.add_argument("--out", type=Path, default=MODEL_OUT, help="where to write the model JSON")
    args = parser.parse_args(argv)
    records = load_set("ecbplus")
    if records is None:
        print("skipped: ../shared/data/ecbplus/docs.jsonl not found (set DOSSIER_SHARED to the shared folder)")
        return 0
    articles = analysed("ecbplus", records)
    feats = stored_features(articles)
    gold = [r.story for r in records]
    topic = [r.topic for r in records]
    table = PairTable(feats)
    folds, figures, everything = held_out(table, gold, topic, jobs=args.jobs, fit_all=True)
    assert everything is not None
    figures |= baseline_held_out([a.text for a in articles], gold, topic)
    print(
        f"held-out topics ({OUTER_FOLDS} folds, {HELD_OUT_ORDERS} orders, simulated): B-cubed F1 mean"
        f" {figures['held_out_f1_mean']:.3f} worst {figures['held_out_f1_worst']:.3f}"
        f" (P {figures['held_out_precision']:.3f} R {figures['held_out_recall']:.3f});"
        f" TF-IDF average link, cut chosen on the other folds: {figures['baseline_f1']:.3f}"
    )
    model, shipped = everything
    print(f"shipped (all topics 1-35): C={shipped['C']} join={model.join} merge={model.merge}")
    for name, w in sorted(zip(model.features, model.weights, strict=True), key=lambda kv: -abs(kv[1])):
        print(f"  {name:<24} {w:+.3f}")
    out: dict[str, Any] = {
        "about": "P(article belongs to story): logistic regression over dossier.corpus.stories.STORY_FEATURES,"
        f" fitted by benchmarks/train_stories.py on ECB+ topics 1-35, C and thresholds by {FOLDS}-fold CV grouped"
        f" by topic; cv: {OUTER_FOLDS} outer topic folds, each fold's model fitted (and chosen) without it, the"
        " held-out figures pooled over the folds (simulated incremental clustering)",
        **model.to_dict(),
        "figures": rounded(shipped | figures),
        "cv": {"folds": [{"topics": held, **m.to_dict()} for held, m in folds]},
    }
    if args.ablation:
        ablation = {"all": rounded(figures)}
        for group, names in GROUPS.items():
            only = tuple(n for n in st.PAIR_FEATURES if n not in names)
            for label, drop in ((f"without {group}", names), (f"only {group}", only)):
                _, fig, _ = held_out(table, gold, topic, drop=drop, jobs=args.jobs)
                ablation[label] = rounded(fig)
                print(f"  {label:<18} held-out F1 {fig['held_out_f1_mean']:.3f} (worst {fig['held_out_f1_worst']:.3f})")
        print(f"wrote {write_results('stories-ablation', {'held_out': ablation})}")
    same = write_or_check(args.out, out, check=args.check)
    if args.check:
        print(f"{args.out}: {'reproduced' if same else 'DIFFERS from the refit'}")
        return 0 if same else 1
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
