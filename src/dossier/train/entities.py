"""Fit the entity type model (``dossier/data/models/entities_type.json``) on CoNLL-2003 ``eng.train``.

Every referent the entity rules propose (``type_examples``: its name mentions, linked, with the evidence of each) is
labelled with the CoNLL class that most of its mentions match exactly (same span, same type), ``O`` when most match
no gold entity exactly (not a name, or a name with the wrong bounds). A multinomial logistic regression over the
rules' features is fitted on ``eng.train``; the regularisation C is the one with the lowest log-loss on
``eng.testa``; a temperature is fitted on ``eng.train`` out of fold (5 folds of documents) so that the
probabilities hold on documents the model has not seen; the threshold on P(``O``) above which a referent is
dropped is chosen on ``eng.testa`` (best F1). Two rules decide before the model (``entities.rule``: lexicon cues,
gazetteer places); their confidence is the share of their decisions that were right on ``eng.train``. Name forms
are typed before linking by the model itself, so the examples are built twice: with counted evidence, then with
the first fit. Weights are rounded to 6 decimals and written with sorted keys, so a re-run gives the same bytes
(``--check`` compares). ``eng.testb`` (CoNLL test) is never read.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..nlp.entities import MODEL_FILE, NOT_A_NAME, TypeExample, TypeModel, rule, type_examples
from .conll import LABEL_MAP, Span, data_dir, read_conll, render, score
from .docs import parsed
from .quotes import expected_calibration_error, reliability
from .weights import ship

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "models" / MODEL_FILE
"""Where the fitted weights go (read back by the entities stage)."""

C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0)
"""Inverse regularisation strengths tried; the one with the lowest eng.testa log-loss is kept."""

DROP_GRID = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3)
"""Thresholds on P(not a name) tried on eng.testa (1.0: never drop)."""

FOLDS = 5
"""Document folds of eng.train for the temperature and the out-of-fold figures."""

CLASSES = ("LOC", "MISC", NOT_A_NAME, "ORG", "PER")
"""The model's classes, in scikit-learn's (sorted) order."""

Labelled = list[tuple[TypeExample, str]]
"""One document's referents with their gold class."""


@dataclass(frozen=True, slots=True)
class Split:
    """A CoNLL split: parsed documents and the gold entity spans of each."""

    docs: list[Any]
    gold: list[set[Span]]


def load_split(name: str) -> Split:
    """Read, render and parse (cached) one CoNLL file."""
    rendered = [render(d) for d in read_conll(data_dir() / name)]
    return Split(parsed(f"conll-{name}", [t for t, _ in rendered]), [g for _, g in rendered])


def gold_class(ex: TypeExample, gold: set[Span]) -> str:
    """The class most of the referent's mentions match exactly; ``O`` for a mention that matches none."""
    exact = {(s, e): t for s, e, t in gold}
    return Counter(exact.get(span, NOT_A_NAME) for span in ex.spans).most_common(1)[0][0]


def labelled(split: Split, model: TypeModel | None) -> list[Labelled]:
    """Per document, every proposed referent with its gold class."""
    return [
        [(ex, gold_class(ex, gold)) for ex in type_examples(doc, model)]
        for doc, gold in zip(split.docs, split.gold, strict=True)
    ]


def _flat(docs: Sequence[Labelled]) -> Labelled:
    return [pair for doc in docs for pair in doc]


class Encoder:
    """Feature names (from the training examples) -> matrix columns."""

    def __init__(self, rows: Labelled) -> None:
        self.names = sorted({k for ex, _ in rows for k in ex.features})
        self.col = {n: i for i, n in enumerate(self.names)}

    def matrix(self, rows: Labelled) -> Any:
        """The dense feature matrix of ``rows``."""
        import numpy as np

        x = np.zeros((len(rows), len(self.names)))
        for r, (ex, _) in enumerate(rows):
            for k, v in ex.features.items():
                c = self.col.get(k)
                if c is not None:
                    x[r, c] = v
        return x


def fit_model(rows: Labelled, c: float, temperature: float = 1.0, drop: float = 1.0) -> TypeModel:
    """A logistic regression fitted on ``rows`` as a :class:`TypeModel` (weights rounded to 6 decimals)."""
    from sklearn.linear_model import LogisticRegression

    enc = Encoder(rows)
    lr = LogisticRegression(C=c, max_iter=5000, solver="lbfgs")
    lr.fit(enc.matrix(rows), [y for _, y in rows])
    assert tuple(lr.classes_) == CLASSES, lr.classes_
    weights = {}
    for j, name in enumerate(enc.names):
        row = tuple(round(float(lr.coef_[i][j]), 6) for i in range(len(CLASSES)))
        if any(row):
            weights[name] = row
    intercepts = tuple(round(float(b), 6) for b in lr.intercept_)
    return TypeModel(CLASSES, weights, intercepts, temperature=temperature, drop=drop)


def log_loss(model: TypeModel, rows: Labelled) -> float:
    """Mean negative log-probability of the gold class."""
    eps = 1e-12
    return -sum(math.log(max(model.probabilities(ex.features)[y], eps)) for ex, y in rows) / max(1, len(rows))


def decided(model: TypeModel, ex: TypeExample) -> tuple[str | None, float]:
    """The class of a referent (None: dropped) and its probability, as the entities stage decides it."""
    return model.decide(ex.features)


def rule_precision(rows: Labelled) -> dict[str, float]:
    """Per rule of ``entities.rule``, the share of the referents it types on ``rows`` that it types right
    (smoothed: (right + 1) / (n + 2))."""
    right: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for ex, y in rows:
        ruled = rule(ex.features)
        if ruled is not None:
            seen[ruled[0]] += 1
            right[ruled[0]] += int(ruled[1] == y)
    return {name: round((right[name] + 1) / (n + 2), 4) for name, n in sorted(seen.items())}


def predicted_spans(model: TypeModel, doc: Labelled) -> set[Span]:
    """The mentions the entities stage would output for one document, with CoNLL labels."""
    out: set[Span] = set()
    for ex, _ in doc:
        cls, _ = decided(model, ex)
        if cls is not None:
            out.update((s, e, cls) for s, e in ex.spans)
    return out


def f1(model: TypeModel, docs: Sequence[Labelled], gold: Sequence[set[Span]]) -> dict[str, dict[str, float]]:
    """CoNLL scores of the stage's output under ``model``."""
    return score(gold, [predicted_spans(model, d) for d in docs])


def calibration(model: TypeModel, docs: Sequence[Labelled], gold: Sequence[set[Span]]) -> dict[str, Any]:
    """Reliability of the kept entities' confidence: per referent (its class right) and per name mention (exact
    span and type right, as CoNLL scores it); ECE and precision at confidence ≥ 0.5 and ≥ 0.8."""
    ref_p, ref_y, men_p, men_y = [], [], [], []
    for doc, g in zip(docs, gold, strict=True):
        for ex, y in doc:
            cls, p = decided(model, ex)
            if cls is None:
                continue
            ref_p.append(p)
            ref_y.append(int(cls == y))
            for s, e in ex.spans:
                men_p.append(p)
                men_y.append(int((s, e, cls) in g))
    out: dict[str, Any] = {}
    for name, ps, ys in (("referents", ref_p, ref_y), ("mentions", men_p, men_y)):
        table = reliability(ps, ys)
        out[name] = {
            "n": len(ps),
            "reliability": table,
            "ece": round(expected_calibration_error(table), 4),
            **{f"precision_at_{t}": _precision_at(ps, ys, t) for t in (0.5, 0.8)},
        }
    return out


def _precision_at(ps: Sequence[float], ys: Sequence[int], t: float) -> dict[str, float]:
    kept = [y for p, y in zip(ps, ys, strict=True) if p >= t]
    return {"kept": len(kept), "precision": round(sum(kept) / len(kept), 4) if kept else 0.0}


def out_of_fold(docs: Sequence[Labelled], c: float) -> list[tuple[TypeModel, list[int]]]:
    """Models fitted on all folds but one (documents never split), with the held-out document indices."""
    out = []
    for k in range(FOLDS):
        held = [i for i in range(len(docs)) if i % FOLDS == k]
        rest = _flat([d for i, d in enumerate(docs) if i % FOLDS != k])
        out.append((replace(fit_model(rest, c), rules=rule_precision(rest)), held))
    return out


def fit_temperature(folds: Sequence[tuple[TypeModel, list[int]]], docs: Sequence[Labelled]) -> float:
    """The temperature (0.50 to 3.00 by 0.05) with the lowest out-of-fold log-loss."""
    best = (math.inf, 1.0)
    for step in range(10, 61):
        t = step / 20
        loss = sum(log_loss(replace(m, temperature=t), [p for i in held for p in docs[i]]) for m, held in folds)
        if loss < best[0] - 1e-12:
            best = (loss, t)
    return best[1]


def fit(train: Split, dev: Split) -> tuple[dict[str, Any], dict[str, Any]]:
    """The model's JSON object and a report (C, temperature, drop threshold, figures on each split)."""
    first = fit_model(_flat(labelled(train, None)), 1.0)
    tr = labelled(train, first)
    dv = labelled(dev, first)
    rows, dev_rows = _flat(tr), _flat(dv)
    losses = {c: round(log_loss(fit_model(rows, c), dev_rows), 4) for c in C_GRID}
    c = min(C_GRID, key=lambda x: (losses[x], x))
    folds = out_of_fold(tr, c)
    temperature = fit_temperature(folds, tr)
    model = replace(fit_model(rows, c, temperature), rules=rule_precision(rows))
    by_drop = {d: f1(replace(model, drop=d), dv, dev.gold)["ALL"]["f1"] for d in DROP_GRID}
    drop = max(DROP_GRID, key=lambda d: (by_drop[d], d))
    model = replace(model, drop=drop)
    oof_pred: list[set[Span]] = [set() for _ in tr]
    for m, held in folds:
        for i in held:
            oof_pred[i] = predicted_spans(replace(m, temperature=temperature, drop=drop), tr[i])
    obj = {
        "about": "P(CoNLL class | rules' evidence) of a referent; multinomial logistic regression fitted by "
        "dossier.train.entities on CoNLL-2003 eng.train, C and drop threshold chosen on eng.testa, temperature "
        "fitted out of fold on eng.train; rules: the share of each deciding rule's referents typed right on "
        "eng.train",
        "C": c,
        "classes": list(CLASSES),
        "drop": drop,
        "intercepts": list(model.intercepts),
        "rules": dict(model.rules),
        "temperature": temperature,
        "weights": {k: list(v) for k, v in model.weights.items()},
    }
    report = {
        "train_referents": len(rows),
        "train_classes": dict(sorted(Counter(y for _, y in rows).items())),
        "testa_referents": len(dev_rows),
        "C": c,
        "testa_log_loss_by_C": losses,
        "temperature": temperature,
        "testa_f1_by_drop": by_drop,
        "drop": drop,
        "raw_spacy": {
            "train": score(train.gold, [_raw(d) for d in train.docs])["ALL"],
            "testa": score(dev.gold, [_raw(d) for d in dev.docs])["ALL"],
        },
        "train_out_of_fold": score(train.gold, oof_pred),
        "train_in_sample": f1(model, tr, train.gold),
        "testa": f1(model, dv, dev.gold),
        "rules": dict(model.rules),
        "testa_f1_without_rules": f1(replace(model, use_rules=False), dv, dev.gold)["ALL"],
        "testa_calibration": calibration(model, dv, dev.gold),
        "train_out_of_fold_calibration": _oof_calibration(folds, tr, train.gold, temperature, drop),
    }
    return obj, report


def _oof_calibration(
    folds: Sequence[tuple[TypeModel, list[int]]],
    docs: Sequence[Labelled],
    gold: Sequence[set[Span]],
    temperature: float,
    drop: float,
) -> dict[str, Any]:
    """Mention-level calibration of the out-of-fold predictions on eng.train."""
    ps: list[float] = []
    ys: list[int] = []
    for m, held in folds:
        model = replace(m, temperature=temperature, drop=drop)
        for i in held:
            for ex, _ in docs[i]:
                cls, p = decided(model, ex)
                if cls is not None:
                    for s, e in ex.spans:
                        ps.append(p)
                        ys.append(int((s, e, cls) in gold[i]))
    table = reliability(ps, ys)
    return {"n": len(ps), "ece": round(expected_calibration_error(table), 4), "reliability": table}


def _raw(doc: Any) -> set[Span]:
    return {(e.start_char, e.end_char, LABEL_MAP[e.label_]) for e in doc.ents if e.label_ in LABEL_MAP}


def main(check: bool = False) -> int:
    """Fit and write (or ``check``) the shipped entity type model; print what was chosen and the figures."""
    root = data_dir()
    if not (root / "eng.train").is_file() or not (root / "eng.testa").is_file():
        print(f"entities: skipped, CoNLL-2003 eng.train/eng.testa not found at {root}")
        return 0
    obj, report = fit(load_split("eng.train"), load_split("eng.testa"))
    shown = {k: v for k, v in report.items() if not k.endswith("calibration")}
    print(json.dumps(shown, indent=1))
    for name in ("testa_calibration", "train_out_of_fold_calibration"):
        cal = report[name]
        tables = cal.items() if "mentions" in cal else [("mentions", cal)]
        for level, t in tables:
            print(f"{name} ({level}): n {t['n']}, ECE {t['ece']:.3f}")
            for r in t["reliability"]:
                print(f"  {r['bin']:9} {r['n']:6d} {r['mean_confidence']:6.3f} {r['accuracy']:6.3f}")
    return ship("entities", MODEL_PATH, obj, check=check)
