"""Fit the event trigger decision (``dossier/data/models/events_trigger.json``) on TempEval-3 TBAQ.

Every event the rules propose (``event_features``, any modality) in a TBAQ document is labelled an event mention
when its trigger overlaps a gold ``<EVENT>`` that is not a STATE. A logistic regression over the rules' features
is fitted on TBAQ: C by grouped 5-fold cross-validation (lowest log-loss; documents never split), then a Platt
calibration of its out-of-fold scores folded into the weights (so 0.8 means 80% on TBAQ). The keep threshold is
chosen on WikiEvents dev (best trigger F1 of the kept proposals against all its gold triggers); TBAQ and WikiEvents
dev are the only data read, and nothing is scored on the data it was fitted on. Weights are rounded to 6
decimals and written with sorted keys, so a re-run gives the same bytes (``--check`` compares).
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..model import Document
from ..nlp import graph, pipeline
from ..nlp.events import MODEL_FILE, event_features
from .weights import write_or_check

CACHE = Path.home() / ".cache" / "dossier-train"
"""The rules' proposals per corpus (JSON), so that a re-run does not parse again."""

EVENTS_CODE = Path(__file__).resolve().parent.parent / "nlp" / "events"
"""The events stage's code: part of the cache key (a change to the rules proposes anew)."""

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "models" / MODEL_FILE
"""Where the fitted weights go (read back by the events stage)."""

C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
"""Inverse regularisation strengths tried by cross-validation."""

MIN_FEATURE_COUNT = 3
"""A binary feature (a lemma, a dependency …) gets a weight only when this many training proposals have it."""

THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(0, 15))
"""Keep thresholds tried on WikiEvents dev."""

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')

Sample = tuple[dict[str, float], int, str]
"""Features, label, document (for grouped folds)."""


def shared() -> Path:
    """``$DOSSIER_SHARED``, else ``../shared/data`` from the working directory."""
    return Path(os.environ.get("DOSSIER_SHARED", Path.cwd().parent / "shared" / "data"))


def tbaq(root: Path) -> list[tuple[str, str, str, list[tuple[int, int]]]]:
    """(name, text, DCT, gold non-STATE EVENT spans) of every TBAQ document."""
    out = []
    for path, dct, markup in timeml_files(root):
        text, spans = _events_of(markup)
        out.append((f"{path.parent.name}/{path.stem}", text, dct, spans))
    return out


def timeml_files(root: Path) -> list[tuple[Path, str, str]]:
    """(path, creation date, markup inside ``<TEXT>``) of every ``.tml`` under ``root``, sorted by path."""
    out = []
    for path in sorted(root.rglob("*.tml")):
        raw = path.read_text(encoding="utf-8")
        dct_m = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
        body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
        if body is not None:
            out.append((path, dict(_ATTR.findall(dct_m.group(0)))["value"][:10] if dct_m else "", body.group(1)))
    return out


def _events_of(markup: str) -> tuple[str, list[tuple[int, int]]]:
    parts: list[str] = []
    pos = length = 0
    spans: list[tuple[int, int]] = []
    open_at: tuple[int, str] | None = None
    for m in _TAG.finditer(markup):
        chunk = html.unescape(markup[pos : m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m.group(2) != "EVENT":
            continue
        if m.group(1):
            if open_at is not None and open_at[1] != "STATE":
                spans.append((open_at[0], length))
            open_at = None
        else:
            open_at = (length, dict(_ATTR.findall(m.group(3))).get("class", ""))
    parts.append(html.unescape(markup[pos:]))
    return "".join(parts), spans


def wikievents_dev(root: Path) -> list[tuple[str, list[tuple[int, int]]]]:
    """(text one gold sentence a line, gold trigger spans) of each WikiEvents dev document."""
    out = []
    for line in (root / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        offsets: list[tuple[int, int]] = []
        texts: list[str] = []
        pos = 0
        for toks, sent_text in d["sentences"]:
            base = toks[0][1]
            offsets.extend((pos + s - base, pos + e - base) for _w, s, e in toks)
            texts.append(sent_text)
            pos += len(sent_text) + 1
        triggers = [
            (offsets[m["trigger"]["start"]][0], offsets[m["trigger"]["end"] - 1][1]) for m in d["event_mentions"]
        ]
        out.append(("\n".join(texts), triggers))
    return out


Proposal = tuple[int, int, str, dict[str, float]]
"""A proposed event's trigger start and end, its modality, and its features."""


def proposals(texts: Sequence[str], dcts: Sequence[str | None]) -> list[list[Proposal]]:
    """The rules' proposals with their features, per document (the whole graph supplies entities and dates).

    Cached under ``~/.cache/dossier-train`` by the texts, dates and the code of the events stage, so a re-run of
    the fit does not parse again."""
    code = "".join(p.read_text(encoding="utf-8") for p in sorted(EVENTS_CODE.glob("*.py")))
    key = hashlib.sha256("\0".join([*texts, *(d or "" for d in dcts), code, pipeline.model_key()]).encode()).hexdigest()
    path = CACHE / f"events-{key[:16]}.json"
    if path.is_file():
        return [[(a, b, m, f) for a, b, m, f in doc] for doc in json.loads(path.read_text(encoding="utf-8"))]
    nlp = pipeline.load()
    out: list[list[Proposal]] = []
    for text, dct, doc in zip(texts, dcts, pipeline.parse(nlp, texts), strict=True):
        values: dict[str, Any] = {"text": text, "doc": doc, "meta": Document(text=text), "published": dct}
        graph.run(values, ("entities", "timexes", "layout"))
        found = event_features(doc, values["entities"], values["timexes"], published=dct, layout=values["layout"])
        out.append([(ev.start, ev.end, ev.modality, feats) for ev, feats in found])
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out), encoding="utf-8")
    return out


def _overlaps(a: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def fit(samples: Sequence[Sample]) -> dict[str, Any]:
    """Weights, intercept and cross-validation figures of the calibrated logistic regression."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score
    from sklearn.model_selection import GroupKFold, cross_val_predict

    counts: dict[str, int] = {}
    for f, _, _ in samples:
        for k, v in f.items():
            if v:
                counts[k] = counts.get(k, 0) + 1
    keep = {k for k, n in counts.items() if n >= MIN_FEATURE_COUNT or "=" not in k}
    vec = DictVectorizer(sparse=True, sort=True)
    x = vec.fit_transform([{k: v for k, v in f.items() if k in keep} for f, _, _ in samples]).toarray()
    y = np.array([label for _, label, _ in samples])
    groups = [doc for _, _, doc in samples]
    folds = GroupKFold(n_splits=5)
    best: tuple[float, float] | None = None
    for c in C_GRID:
        lr = LogisticRegression(C=c, max_iter=2000, solver="liblinear")
        p = cross_val_predict(lr, x, y, cv=folds, groups=groups, method="predict_proba")[:, 1]
        loss = float(log_loss(y, p))
        if best is None or loss < best[1]:
            best = (c, loss)
    assert best is not None
    c = best[0]
    lr = LogisticRegression(C=c, max_iter=2000, solver="liblinear")
    oof = cross_val_predict(lr, x, y, cv=folds, groups=groups, method="decision_function")
    platt = LogisticRegression(C=1e6, max_iter=2000).fit(oof.reshape(-1, 1), y)
    a, b = float(platt.coef_[0][0]), float(platt.intercept_[0])
    lr.fit(x, y)
    calibrated = 1 / (1 + np.exp(-(a * oof + b)))
    bins = []
    for lo in (0.0, 0.2, 0.4, 0.6, 0.8):
        sel = (calibrated >= lo) & (calibrated < lo + 0.2 if lo < 0.8 else calibrated <= 1.0)
        if sel.any():
            mean_p, observed = round(float(calibrated[sel].mean()), 3), round(float(y[sel].mean()), 3)
            bins.append(
                {"bin": f"{lo:.1f}-{lo + 0.2:.1f}", "n": int(sel.sum()), "mean_p": mean_p, "observed": observed}
            )
    weights = {name: round(a * float(w), 6) for name, w in zip(vec.get_feature_names_out(), lr.coef_[0], strict=True)}
    return {
        "weights": {k: v for k, v in sorted(weights.items()) if v != 0.0},
        "intercept": round(a * float(lr.intercept_[0]) + b, 6),
        "cv": {
            "C": c,
            "log_loss": round(best[1], 4),
            "calibrated_log_loss": round(float(log_loss(y, calibrated)), 4),
            "brier": round(float(brier_score_loss(y, calibrated)), 4),
            "auc": round(float(roc_auc_score(y, calibrated)), 4),
            "reliability": bins,
        },
    }


def _probability(weights: dict[str, float], intercept: float, feats: dict[str, float]) -> float:
    import math

    z = intercept + sum(weights.get(k, 0.0) * v for k, v in feats.items())
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def choose_threshold(model: dict[str, Any], dev: list[tuple[str, list[tuple[int, int]]]]) -> dict[str, Any]:
    """The keep threshold with the best trigger F1 on WikiEvents dev (kept proposals of the reported modalities)."""
    from ..nlp.events import KEPT_MODALITIES

    props = proposals([t for t, _ in dev], [None] * len(dev))
    n_gold = sum(len(g) for _, g in dev)
    rows = []
    for t in THRESHOLDS:
        tp = fp = 0
        for (_, gold), found in zip(dev, props, strict=True):
            matched: set[int] = set()
            for start, end, modality, feats in found:
                if modality not in KEPT_MODALITIES:
                    continue
                if _probability(model["weights"], model["intercept"], feats) < t:
                    continue
                hit = next((i for i, g in enumerate(gold) if i not in matched and _overlaps((start, end), [g])), None)
                if hit is None:
                    fp += 1
                else:
                    tp += 1
                    matched.add(hit)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / n_gold if n_gold else 0.0
        rows.append(
            {"threshold": t, "p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}
        )
    best = max(rows, key=lambda row: (row["f1"], -row["threshold"]))
    return {"threshold": best["threshold"], "dev": best, "dev_curve": rows}


def main(check: bool = False) -> int:
    """Fit on TBAQ, choose the threshold on WikiEvents dev, write (or with ``check`` compare) the weights."""
    root = shared()
    tb_root, we_root = root / "tempeval3" / "TBAQ-cleaned", root / "wikievents"
    if not tb_root.is_dir() or not (we_root / "dev.jsonl").is_file():
        print(f"train events: TBAQ or WikiEvents dev not found under {root} (set DOSSIER_SHARED)", file=sys.stderr)
        return 1
    docs = tbaq(tb_root)
    props = proposals([t for _, t, _, _ in docs], [d or None for _, _, d, _ in docs])
    samples: list[Sample] = [
        (feats, int(_overlaps((start, end), gold)), name)
        for (name, _, _, gold), found in zip(docs, props, strict=True)
        for start, end, _, feats in found
    ]
    model = fit(samples)
    chosen = choose_threshold(model, wikievents_dev(we_root))
    data = {
        "about": "P(event mention) over the event rules' features; fitted by python -m dossier.train events",
        "train": {
            "data": "tempeval3/TBAQ-cleaned",
            "documents": len(docs),
            "proposals": len(samples),
            "positive": sum(label for _, label, _ in samples),
        },
        **model,
        **chosen,
    }
    same = write_or_check(MODEL_PATH, data, check=check)
    if check:
        print(f"train events: {'same' if same else 'DIFFERENT from'} {MODEL_PATH}")
        return 0 if same else 1
    cv = model["cv"]
    print(
        f"train events: {len(samples)} TBAQ proposals ({data['train']['positive']} event mentions); C {cv['C']},"
        f" out-of-fold AUC {cv['auc']}, Brier {cv['brier']}; threshold {chosen['threshold']} (WikiEvents dev"
        f" P {chosen['dev']['p']} R {chosen['dev']['r']} F1 {chosen['dev']['f1']}) -> {MODEL_PATH}"
    )
    return 0
