"""CoNLL-2003 reading and scoring, shared by the entity-type trainer and ``benchmarks/conll.py``.

Documents are rebuilt from the ``-DOCSTART-`` boundaries, tokens joined by spaces and one sentence a line, so that
document-level decisions can work; gold entities become character spans. Scoring is conlleval-style: entity-level
exact match, micro P/R/F1, with OntoNotes labels mapped to CoNLL's.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

LABEL_MAP = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
    "PRODUCT": "MISC",
}
"""OntoNotes label -> CoNLL label; labels not listed (dates, numbers...) are dropped."""


def data_dir() -> Path:
    """``$DOSSIER_SHARED/data/conll2003``, else ``../shared/data/conll2003`` beside the repository."""
    shared = os.environ.get("DOSSIER_SHARED")
    if shared:
        return Path(shared) / "data" / "conll2003"
    return Path(__file__).resolve().parents[3].parent / "shared" / "data" / "conll2003"


Span = tuple[int, int, str]
"""Character offsets [start, end) and a CoNLL label."""
Sentence = list[tuple[str, str]]
"""(token, IOB1 tag) pairs."""


def read_conll(path: Path) -> list[list[Sentence]]:
    """Documents (split at ``-DOCSTART-``) of sentences of (token, IOB1 tag)."""
    docs: list[list[Sentence]] = []
    sents: list[Sentence] = []
    cur: Sentence = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-") or not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            if line.startswith("-DOCSTART-") and sents:
                docs.append(sents)
                sents = []
            continue
        parts = line.split()
        cur.append((parts[0], parts[-1]))
    if cur:
        sents.append(cur)
    if sents:
        docs.append(sents)
    return docs


def render(sents: list[Sentence]) -> tuple[str, set[Span]]:
    """The document's text (tokens joined by spaces, one sentence a line) and its gold entity char spans."""
    parts: list[str] = []
    gold: set[Span] = set()
    pos = 0
    for sent in sents:
        open_: tuple[int, str] | None = None
        last_end = pos
        for i, (tok, tag) in enumerate(sent):
            if i:
                parts.append(" ")
                pos += 1
            start = pos
            parts.append(tok)
            pos += len(tok)
            kind = tag[2:] if tag != "O" else ""
            begins = tag.startswith("B-") or (kind and (open_ is None or open_[1] != kind))
            if open_ and (not kind or begins):
                gold.add((open_[0], last_end, open_[1]))
                open_ = None
            if kind and open_ is None:
                open_ = (start, kind)
            last_end = pos
        if open_:
            gold.add((open_[0], last_end, open_[1]))
        parts.append("\n")
        pos += 1
    return "".join(parts), gold


def score(gold: Iterable[set[Span]], pred: Iterable[set[Span]]) -> dict[str, dict[str, float]]:
    """conlleval-style micro P/R/F1, overall and per type."""
    tp: Counter[str] = Counter()
    npred: Counter[str] = Counter()
    ngold: Counter[str] = Counter()
    for g, guess in zip(gold, pred, strict=True):
        for s in g:
            ngold[s[2]] += 1
            ngold["ALL"] += 1
        for s in guess:
            npred[s[2]] += 1
            npred["ALL"] += 1
            if s in g:
                tp[s[2]] += 1
                tp["ALL"] += 1
    out: dict[str, dict[str, float]] = {}
    for k in ("ALL", "PER", "ORG", "LOC", "MISC"):
        p = tp[k] / npred[k] if npred[k] else 0.0
        r = tp[k] / ngold[k] if ngold[k] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[k] = {"p": round(100 * p, 2), "r": round(100 * r, 2), "f1": round(100 * f, 2)}
    return out
