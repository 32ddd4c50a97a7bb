"""Train the second-opinion NER (``dossier/data/models/conll_ner/``) on CoNLL-2003 ``eng.train``.

A copy of en_core_web_sm's ``ner`` (it has its own tok2vec, so it is independent of the tagger and parser) is given
CoNLL's labels (PER, ORG, LOC, MISC) and fine-tuned on the documents of ``eng.train`` whose index is not a multiple
of 5 (part A, 757 documents). The documents whose index is a multiple of 5 (part B, 190) are held back: the number
of epochs is the one with the best entity F1 on B; B is also where an entity type model fitted with this NER's
evidence must learn how far to trust it (on documents it was not trained on). ``eng.testa`` is never read here, so
that it stays an honest estimate; ``eng.testb`` is never read at all.

Training is deterministic on one machine (fixed seed, fixed order, one thread); ``--check`` trains again and
compares the weights with the shipped ones: identical, or every weight within ``TOLERANCE`` and B's F1 within
0.2 (other BLAS builds may round differently).
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Sequence
from typing import Any

from ..nlp import second_ner
from .conll import Span, data_dir, read_conll, render, score

SEED = 14
"""The seed of the shuffles and dropout masks."""

MAX_EPOCHS = 3
"""Epochs at most; the best on part B is kept."""

PATIENCE = 1
"""Epochs without a better F1 on part B before training stops."""

BATCH_DOCS = 8
"""Documents per update."""

DROPOUT = 0.1
"""Dropout rate while fine-tuning."""

HELD_EVERY = 5
"""Documents of eng.train whose index is a multiple of this are held back (part B)."""

TOLERANCE = 1e-3
"""Largest difference of one weight (float16 storage) that ``--check`` accepts when the bytes differ."""


def held_back(i: int) -> bool:
    """Whether document ``i`` of eng.train is in the held-back part B (used by ``dossier.train entities`` too)."""
    return i % HELD_EVERY == 0


def _examples(nlp: Any, docs: Sequence[tuple[str, set[Span]]]) -> list[Any]:
    from spacy.training import Example

    return [Example.from_dict(nlp.make_doc(text), {"entities": sorted(gold)}) for text, gold in docs]


def _predict(nlp: Any, texts: Sequence[str]) -> list[set[Span]]:
    return [
        {(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in second_ner.LABELS}
        for doc in nlp.pipe(texts, batch_size=32)
    ]


def train() -> tuple[Any, dict[str, Any], dict[str, Any]]:
    """The fine-tuned ``ner`` component (best epoch on part B), its architecture and a report of each epoch."""
    import spacy
    from spacy.util import fix_random_seed, minibatch  # type: ignore[attr-defined]

    from ..nlp import pipeline

    rendered = [render(d) for d in read_conll(data_dir() / "eng.train")]
    part_a = [d for i, d in enumerate(rendered) if not held_back(i)]
    part_b = [d for i, d in enumerate(rendered) if held_back(i)]
    fix_random_seed(SEED)
    source = spacy.load(pipeline.MODEL)
    nlp = spacy.load(pipeline.MODEL, exclude=[p for p in source.component_names])
    nlp.add_pipe("ner", source=source)
    ner: Any = nlp.get_pipe("ner")
    for label in second_ner.LABELS:
        ner.add_label(label)
    train_ex = _examples(nlp, part_a)
    b_texts = [t for t, _ in part_b]
    b_gold = [g for _, g in part_b]
    optimizer = nlp.resume_training()
    epochs: list[dict[str, Any]] = []
    best: tuple[float, int, bytes] = (-1.0, 0, b"")
    for epoch in range(1, MAX_EPOCHS + 1):
        order = list(train_ex)
        random.Random(SEED + epoch).shuffle(order)
        losses: dict[str, float] = {}
        t0 = time.process_time()
        for batch in minibatch(order, size=BATCH_DOCS):  # type: ignore[no-untyped-call]
            nlp.update(batch, sgd=optimizer, drop=DROPOUT, losses=losses)
        b_scores = score(b_gold, _predict(nlp, b_texts))
        f1 = b_scores["ALL"]["f1"]
        row = {"epoch": epoch, "loss": round(float(losses["ner"]), 1), "B": b_scores["ALL"]}
        epochs.append(row)  # the CPU time is printed, not kept: the weights' files must not depend on the clock
        print(json.dumps({**row, "cpu_s": round(time.process_time() - t0, 1)}), flush=True)
        if f1 > best[0]:
            best = (f1, epoch, ner.to_bytes(exclude=["vocab"]))
        elif epoch - best[1] >= PATIENCE:
            break
    ner.from_bytes(best[2], exclude=["vocab"])
    report = {
        "documents": {"A (fitted)": len(part_a), "B (held back)": len(part_b)},
        "epochs": epochs,
        "chosen_epoch": best[1],
        "B": score(b_gold, _predict(nlp, b_texts)),
    }
    return ner, second_ner.architecture(source), report


MODEL_DIR = second_ner.model_dir()
"""Where the weights go (read back by :mod:`dossier.nlp.second_ner`)."""


def main(check: bool = False) -> int:
    """Train and write (or ``check``) the second NER's weights; print each epoch's F1 on part B."""
    root = data_dir()
    if not (root / "eng.train").is_file():
        print(f"ner: skipped, CoNLL-2003 eng.train not found at {root}")
        return 0
    ner, arch, report = train()
    print(json.dumps({k: v for k, v in report.items() if k != "epochs"}, indent=1))
    files = second_ner.export(ner, arch, report)
    if not check:
        second_ner.write(MODEL_DIR, files)
        print(f"ner: wrote {MODEL_DIR}")
        return 0
    same, detail = second_ner.compare(MODEL_DIR, files, tolerance=TOLERANCE)
    print(f"ner: {detail}")
    return 0 if same else 1
