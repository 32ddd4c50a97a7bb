"""Fit the quote model (``dossier/data/models/quotes.json``) on PolNeAR ``train``; choose C and threshold on ``dev``.

Every candidate the quote rules propose (``quote_candidates``) is labelled real when half its words or more lie
in gold Content spans (``polnear.is_real``); a logistic regression over the rules' features (``scoring.features``)
is fitted on ``train``. On ``dev``: the regularisation C with the lowest log-loss, then the threshold with the best
F1 over candidates. Weights are rounded to 6 decimals and written with sorted keys, so a re-run on the same data
and library versions gives the same bytes (``--check`` compares).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..model import Document
from ..nlp import graph
from ..nlp.quotes import MODEL_PATH, Features, QuoteModel, quote_candidates
from .docs import parsed as parsed_corpus
from .polnear import data_dir, is_real, pick_files, read_ann
from .weights import ship

MIN_CUE_COUNT = 5
"""A cue lemma gets its own weight when it proposes at least this many training candidates."""

C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
"""Inverse regularisation strengths tried; the one with the lowest dev log-loss is kept."""

Example = tuple[Features, int]


def examples(split: str) -> list[Example]:
    """(features, label) of every candidate in a PolNeAR split."""
    files = pick_files(data_dir() / split)
    texts = [t.read_text(encoding="utf-8") for t, _ in files]
    docs = parsed(split, texts)
    out: list[Example] = []
    for (_, ann), text, doc in zip(files, texts, docs, strict=True):
        golds = read_ann(ann)
        values: dict[str, Any] = {"text": text, "doc": doc, "meta": Document(text=text), "published": None}
        graph.run(values, ("entities", "layout"))
        for q, f in quote_candidates(doc, values["entities"], values["layout"]):
            out.append((f, int(is_real(text, (q.start, q.end), golds))))
    return out


def parsed(split: str, texts: Sequence[str]) -> list[Any]:
    """A PolNeAR split parsed by dossier's pipeline (cached, see ``train.docs``)."""
    return parsed_corpus(f"polnear-{split}", texts)


def fit(train: Sequence[Example], dev: Sequence[Example]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The model's JSON object and a report (C, threshold, dev figures, reliability table)."""
    model, c, losses = fit_logistic(train, dev)
    yt = [y for _, y in train]
    yd = [y for _, y in dev]
    pd = [model.probability(f) for f, _ in dev]
    threshold = _best_threshold(pd, yd)
    obj = {
        "about": "P(real attribution) of a quote candidate; logistic regression fitted by dossier.train.quotes on "
        "PolNeAR train, C and threshold chosen on PolNeAR dev",
        "cues": sorted(model.cues),
        "intercept": model.intercept,
        "threshold": threshold,
        "weights": dict(model.weights),
    }
    report = {
        "train_candidates": len(train),
        "train_positive": sum(yt),
        "dev_candidates": len(dev),
        "dev_positive": sum(yd),
        "C": c,
        "dev_log_loss_by_C": losses,
        "threshold": threshold,
        "dev_at_threshold": _prf(pd, yd, threshold),
        "dev_all_candidates": _prf(pd, yd, 0.0),
        "dev_reliability": reliability(pd, yd),
    }
    return obj, report


def fit_logistic(train: Sequence[Example], dev: Sequence[Example]) -> tuple[QuoteModel, float, dict[float, float]]:
    """A logistic regression over the features of ``train`` (cue lemmas with fewer than ``MIN_CUE_COUNT``
    examples pooled as ``cue=other``), its C the one of ``C_GRID`` with the lowest log-loss on ``dev``; weights
    rounded to 6 decimals, threshold 0. Returns (model, C, dev log-loss by C)."""
    from sklearn.linear_model import LogisticRegression

    counts = Counter(k[4:] for f, _ in train for k in f if k.startswith("cue="))
    cues = sorted(c for c, n in counts.items() if n >= MIN_CUE_COUNT)
    base = QuoteModel(weights={}, intercept=0.0, threshold=0.5, cues=frozenset(cues))
    names = sorted({k for f, _ in train for k in base.prepare(f)})
    col = {n: i for i, n in enumerate(names)}

    def matrix(rows: Sequence[Example]) -> tuple[list[list[float]], list[int]]:
        xs = []
        for f, _ in rows:
            x = [0.0] * len(names)
            for k, v in base.prepare(f).items():
                if k in col:
                    x[col[k]] = v
            xs.append(x)
        return xs, [y for _, y in rows]

    xt, yt = matrix(train)
    xd, yd = matrix(dev)
    best: tuple[float, float, Any] | None = None
    losses = {}
    for c in C_GRID:
        lr = LogisticRegression(C=c, max_iter=5000, solver="lbfgs")
        lr.fit(xt, yt)
        loss = log_loss(yd, [p[1] for p in lr.predict_proba(xd)])
        losses[c] = round(loss, 4)
        if best is None or loss < best[0] - 1e-9:
            best = (loss, c, lr)
    assert best is not None
    _, c, lr = best
    weights = {n: round(float(w), 6) for n, w in zip(names, lr.coef_[0], strict=True) if round(float(w), 6) != 0.0}
    model = QuoteModel(weights=weights, intercept=round(float(lr.intercept_[0]), 6), threshold=0.0, cues=base.cues)
    return model, c, losses


def log_loss(ys: Sequence[int], ps: Sequence[float]) -> float:
    eps = 1e-12
    total = sum(y * math.log(max(p, eps)) + (1 - y) * math.log(max(1 - p, eps)) for y, p in zip(ys, ps, strict=True))
    return -total / len(ys)


def _prf(ps: Sequence[float], ys: Sequence[int], t: float) -> dict[str, float]:
    kept = [y for p, y in zip(ps, ys, strict=True) if p >= t]
    tp = sum(kept)
    prec = tp / len(kept) if kept else 0.0
    rec = tp / sum(ys) if sum(ys) else 0.0
    return {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(2 * prec * rec / (prec + rec), 4)}


def _best_threshold(ps: Sequence[float], ys: Sequence[int]) -> float:
    """The threshold (a multiple of 0.01) with the best candidate F1 on dev; the higher one on a tie."""
    best = (-1.0, 0.0)
    for k in range(0, 100):
        t = k / 100
        f1 = _prf(ps, ys, t)["f1"]
        if f1 >= best[0]:
            best = (f1, t)
    return best[1]


def reliability(ps: Sequence[float], ys: Sequence[int], bins: int = 10) -> list[dict[str, Any]]:
    """Per confidence bin: how many items, their mean confidence and how many were right (a calibration table)."""
    rows = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        sel = [(p, y) for p, y in zip(ps, ys, strict=True) if lo <= p < hi or (b == bins - 1 and p == 1.0)]
        if sel:
            rows.append(
                {
                    "bin": f"{lo:.1f}-{hi:.1f}",
                    "n": len(sel),
                    "mean_confidence": round(sum(p for p, _ in sel) / len(sel), 3),
                    "accuracy": round(sum(y for _, y in sel) / len(sel), 3),
                }
            )
    return rows


def expected_calibration_error(table: Sequence[dict[str, Any]]) -> float:
    """ECE of a reliability table: the item-weighted mean gap between confidence and accuracy."""
    n = sum(r["n"] for r in table)
    return sum(r["n"] * abs(r["mean_confidence"] - r["accuracy"]) for r in table) / n if n else 0.0


def main(check: bool = False) -> int:
    """Fit and write (or ``check``) the shipped quote model; print what was chosen on dev."""
    root = data_dir()
    if not (root / "train").is_dir() or not (root / "dev").is_dir():
        print(f"quotes: skipped, PolNeAR not found at {root}")
        return 0
    train = examples("train")
    dev = examples("dev")
    obj, report = fit(train, dev)
    print(json.dumps({k: v for k, v in report.items() if k != "dev_reliability"}, indent=1))
    print("reliability on PolNeAR dev (candidates; confidence = model probability):")
    print(f"  {'bin':9} {'n':>6} {'conf':>6} {'right':>6}")
    for r in report["dev_reliability"]:
        print(f"  {r['bin']:9} {r['n']:6d} {r['mean_confidence']:6.3f} {r['accuracy']:6.3f}")
    print(f"  ECE {expected_calibration_error(report['dev_reliability']):.3f}")
    return ship("quotes", MODEL_PATH, obj, check=check)
