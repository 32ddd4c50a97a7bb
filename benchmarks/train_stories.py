"""Fit the story model (``src/dossier/data/story_model.json``) on ECB+ train topics, deterministically.

1. Every ECB+ document (topics 1-35) is analysed by the engine (cached, see ``benchmarks.stories``) and
   written into a temporary SQLite store, from which each article's stored story ``Features`` are read (with
   the global entity ids the store resolved).
2. Train topics are the odd ones; the even ones are dev, used only to report (and by ``benchmarks.stories``).
3. Article-story pairs: the train articles arrive in ``ORDERS`` random orders; each one is paired with every
   gold story formed so far (its ``STORY_SAMPLE`` latest members), labelled 1 for its own story. The
   features are ``dossier.corpus.stories.STORY_FEATURES``.
4. A logistic regression (scikit-learn) is fitted; its regularization C is chosen by grouped
   cross-validation by topic (log loss), then the join and merge thresholds by the same folds: the
   incremental clustering is simulated on each held-out fold in shuffled orders and B-cubed F1 averaged.
5. The model refitted on all train topics is written with its thresholds, and the simulated dev score.

``--ablation`` also refits without each group of features and prints what each one is worth on dev.

Run: ``.venv/bin/python -m benchmarks.train_stories [--ablation]`` (or ``make train``).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
from sklearn.metrics import log_loss  # type: ignore[import-untyped]

from benchmarks.stories import analysed, bcubed, load_set, train_topics
from dossier.corpus import stories as st
from dossier.model import Article
from dossier.store import Store
from dossier.store.corpus import STORY_SAMPLE, _stored_features

ORDERS = 3
"""Random arrival orders the training pairs and the threshold search are drawn from."""
FOLDS = 4
"""Topic folds of the grouped cross-validation."""
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
        for i in range(n):
            for j in range(i, n):
                pf = scorer.pair(feats[i], feats[j])
                v = [pf[name] for name in st.PAIR_FEATURES]
                self.values[i, j] = v
                self.values[j, i] = v

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
        for sid, members in stories.items():
            xs.append(table.story(i, members[-STORY_SAMPLE:]))
            ys.append(int(sid == gold[i]))
        stories.setdefault(gold[i], []).append(i)
    return np.array(xs).reshape(-1, len(st.STORY_FEATURES)), np.array(ys)


def simulate(table: PairTable, order: Sequence[int], model: st.Model) -> dict[int, int]:
    """Incremental clustering as ``update.place`` does it (join the most probable story, merge bridged ones)."""
    w = np.array(model.weights)
    stories: dict[int, list[int]] = {}
    story_of: dict[int, int] = {}
    for i in order:
        best, scores = None, {}
        if stories:
            sids = list(stories)
            x = np.stack([table.story(i, stories[s][-STORY_SAMPLE:]) for s in sids])
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


def score(table: PairTable, idx: Sequence[int], gold: Sequence[str], model: st.Model, orders: int) -> list[float]:
    """B-cubed F1 of the simulated clustering of ``idx`` in ``orders`` random orders."""
    g = {str(i): gold[i] for i in idx}
    out = []
    for seed in range(orders):
        order = random.Random(100 + seed).sample(list(idx), len(idx))
        pred = {str(i): s for i, s in simulate(table, order, model).items()}
        out.append(bcubed(pred, g)[2])
    return out


def choose(
    table: PairTable, idx: Sequence[int], gold: Sequence[str], topic: Sequence[int], mask: np.ndarray
) -> tuple[float, float, float, dict[str, float]]:
    """C, join and merge chosen by grouped cross-validation by topic over ``idx``; the CV figures."""
    topics = sorted({topic[i] for i in idx})
    folds = [[t for n, t in enumerate(topics) if n % FOLDS == k] for k in range(FOLDS)]
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


def train(
    table: PairTable, gold: Sequence[str], topic: Sequence[int], drop: Sequence[str] = ()
) -> tuple[st.Model, dict[str, float]]:
    """The model fitted on the train topics with C and thresholds chosen by grouped CV; its figures."""
    idx = [i for i in range(len(gold)) if train_topics(topic[i])]
    mask = masked(st.STORY_FEATURES, drop)
    c, join, merge, figures = choose(table, idx, gold, topic, mask)
    xs, ys = zip(*(training_pairs(table, idx, gold, s) for s in range(ORDERS)), strict=True)
    w, b = fit(np.concatenate(xs), np.concatenate(ys), c, mask)
    model = st.Model(st.STORY_FEATURES, tuple(round(float(v), 6) for v in w), round(b, 6), join, merge)
    dev = [i for i in range(len(gold)) if not train_topics(topic[i])]
    dev_f1 = score(table, dev, gold, model, 10)
    return model, figures | {"C": c, "dev_bcubed_f1_mean": float(np.mean(dev_f1)), "dev_bcubed_f1_worst": min(dev_f1)}


def main(argv: Sequence[str] | None = None) -> int:
    """Fit, write the model JSON, print the figures (and the ablation)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--ablation", action="store_true", help="also refit without each feature group")
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
    model, figures = train(table, gold, topic)
    print(
        f"C={figures['C']} join={model.join} merge={model.merge} CV F1 {figures['cv_bcubed_f1']:.3f}"
        f" dev F1 mean {figures['dev_bcubed_f1_mean']:.3f} worst {figures['dev_bcubed_f1_worst']:.3f} (simulated)"
    )
    for name, w in sorted(zip(model.features, model.weights, strict=True), key=lambda kv: -abs(kv[1])):
        print(f"  {name:<24} {w:+.3f}")
    out = {
        "about": "P(article belongs to story): logistic regression over dossier.corpus.stories.STORY_FEATURES,"
        " fitted by benchmarks/train_stories.py on ECB+ odd topics (1-35), C and thresholds by 4-fold grouped"
        " CV by topic; dev = even topics (simulated incremental clustering, 10 orders)",
        **model.to_dict(),
        "figures": {k: round(v, 4) for k, v in figures.items()},
    }
    if args.ablation:
        ablation = {}
        for group, names in GROUPS.items():
            _, fig = train(table, gold, topic, drop=names)
            ablation[f"without {group}"] = round(fig["dev_bcubed_f1_mean"], 4)
            print(
                f"  without {group:<10} dev F1 {fig['dev_bcubed_f1_mean']:.3f} (worst {fig['dev_bcubed_f1_worst']:.3f})"
            )
        for group, names in GROUPS.items():
            only = [n for n in st.PAIR_FEATURES if n not in names]
            _, fig = train(table, gold, topic, drop=only)
            ablation[f"only {group}"] = round(fig["dev_bcubed_f1_mean"], 4)
            print(f"  only {group:<13} dev F1 {fig['dev_bcubed_f1_mean']:.3f} (worst {fig['dev_bcubed_f1_worst']:.3f})")
        out["ablation_dev_bcubed_f1"] = ablation
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
