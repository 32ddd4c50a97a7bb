"""Fit the speaker model (``dossier/data/models/speakers.json``) on PolNeAR ``train``; choose C on ``dev``.

Every quote candidate with a speaker whose content shares words with a gold attribution that has a Source
(``polnear.matched_gold``) is an example, labelled right when the speaker mention overlaps the gold Source or its
entity is the entity of the Source's head (``polnear.speaker_right``, the benchmark's measure). A logistic
regression over how the speaker was found (``speaker_model.speaker_features``) is fitted on ``train``, its C chosen
by dev log-loss (``quotes.fit_logistic``). The threshold below which a speaker is reported unlinked is 0.5, not
tuned: a calibrated probability under one half says the link is more likely wrong than right.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from ..model import Document
from ..nlp import graph
from ..nlp.quotes import SPEAKER_MODEL_PATH, speaker_candidates
from ..nlp.spans import MentionIndex
from .polnear import data_dir, matched_gold, pick_files, read_ann, speaker_right
from .quotes import Example, expected_calibration_error, fit_logistic, log_loss, parsed, reliability
from .weights import ship

THRESHOLD = 0.5
"""Below it a speaker loses its entity link (more likely wrong than right)."""


def examples(split: str) -> tuple[list[Example], Counter[str]]:
    """(features, label) of every matched candidate speaker in a PolNeAR split, and the error count by path."""
    files = pick_files(data_dir() / split)
    texts = [t.read_text(encoding="utf-8") for t, _ in files]
    docs = parsed(split, texts)
    out: list[Example] = []
    wrong: Counter[str] = Counter()
    for (_, ann), text, doc in zip(files, texts, docs, strict=True):
        golds = read_ann(ann)
        values: dict[str, Any] = {"text": text, "doc": doc, "meta": Document(text=text), "published": None}
        graph.run(values, ("entities", "layout"))
        index = MentionIndex(values["entities"])
        for q, f in speaker_candidates(doc, values["entities"], values["layout"]):
            gold = matched_gold(text, (q.start, q.end), golds)
            if gold is None or q.speaker is None:
                continue
            right = speaker_right(doc, index, q.speaker, gold)
            out.append((f, int(right)))
            if not right:
                wrong[next(k for k in f if k.startswith("how="))] += 1
    return out, wrong


def main(check: bool = False) -> int:
    """Fit and write (or ``check``) the shipped speaker model; print what was chosen on dev."""
    root = data_dir()
    if not (root / "train").is_dir() or not (root / "dev").is_dir():
        print(f"speakers: skipped, PolNeAR not found at {root}")
        return 0
    train, wrong_train = examples("train")
    dev, _ = examples("dev")
    model, c, losses = fit_logistic(train, dev)
    yd = [y for _, y in dev]
    pd = [model.probability(f) for f, _ in dev]
    kept = [y for p, y in zip(pd, yd, strict=True) if p >= THRESHOLD]
    table = reliability(pd, yd)
    report = {
        "train_speakers": len(train),
        "train_right": sum(y for _, y in train),
        "train_wrong_by_path": dict(wrong_train.most_common()),
        "dev_speakers": len(dev),
        "dev_right": sum(yd),
        "C": c,
        "dev_log_loss_by_C": losses,
        "dev_log_loss_constant": round(log_loss(yd, [sum(yd) / len(yd)] * len(yd)), 4),
        "dev_linked_at_threshold": len(kept),
        "dev_linked_right": round(sum(kept) / len(kept), 4) if kept else 0.0,
    }
    print(json.dumps(report, indent=1))
    print("reliability on PolNeAR dev (matched speakers; confidence = model probability):")
    print(f"  {'bin':9} {'n':>6} {'conf':>6} {'right':>6}")
    for r in table:
        print(f"  {r['bin']:9} {r['n']:6d} {r['mean_confidence']:6.3f} {r['accuracy']:6.3f}")
    print(f"  ECE {expected_calibration_error(table):.3f}")
    obj = {
        "about": "P(the resolved speaker is who said it) of a quote's speaker; logistic regression fitted by "
        "dossier.train.speakers on PolNeAR train, C chosen on PolNeAR dev; below the threshold a speaker is not "
        "linked to an entity",
        "cues": sorted(model.cues),
        "intercept": model.intercept,
        "threshold": THRESHOLD,
        "weights": dict(model.weights),
    }
    return ship("speakers", SPEAKER_MODEL_PATH, obj, check=check)
