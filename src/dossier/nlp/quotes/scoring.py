"""Is a candidate a real attribution, and how sure: a logistic regression fitted on PolNeAR ``train``.

The rules of this package propose candidates; what they found (which rule, the cue lemma and its category,
direct/indirect/mixed, how the speaker was found, the content's length and marks, where it sits) are the
features of a small model whose weights ship as JSON (``data/models/quotes.json``, no pickle) and whose
probability becomes ``Quote.confidence``. Candidates below the threshold chosen on PolNeAR ``dev`` are dropped.
``python -m dossier.train quotes`` (``make train``) refits it from ``../shared/data/polnear``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Doc

from ...model import Quote
from .headline import headline_line
from .syntax import PRONOUNS_ANY, Attribution, text_of, tokens_in

MODEL_PATH = Path(__file__).resolve().parents[2] / "data" / "models" / "quotes.json"
"""The shipped weights."""

Features = dict[str, float]
"""Feature name → value (indicators are 1.0)."""

_QUOTE_CHARS = '“”"«»„'


def features(doc: Doc, quote: Quote, a: Attribution) -> Features:
    """What the rules found about one candidate, as model features (pure; names are stable across versions)."""
    text = text_of(doc)
    f: Features = {
        f"rule={a.rule or 'none'}": 1.0,
        f"kind={quote.kind}": 1.0,
        f"category={quote.category}": 1.0,
        "prior": a.confidence,
    }
    lemma = cue_lemma(doc, a)
    f[f"cue={lemma}"] = 1.0
    cue = tokens_in(doc, a.cue[0], a.cue[1]) if a.cue is not None else None
    if cue is not None and len(cue):
        f[f"cue_tag={cue[0].tag_}"] = 1.0
        f[f"cue_dep={cue[0].dep_}"] = 1.0
        f["cue_after_content"] = float(cue[0].idx >= quote.end)
    f[f"speaker={_speaker_kind(doc, quote, a)}"] = 1.0
    words = sum(1 for w in quote.text.split() if any(ch.isalnum() for ch in w))
    f["log_words"] = math.log1p(words) / 4.0
    f["short"] = float(words < 4)
    f["long"] = float(words > 60)
    f["marks_inside"] = float(quote.kind != "direct" and any(c in quote.text for c in _QUOTE_CHARS))
    f["question"] = float(quote.text.rstrip().endswith("?"))
    note = quote.note or ""
    f["unclosed"] = float("no closing" in note)
    f["paragraphs"] = float("paragraphs" in note)
    f["position"] = quote.start / max(1, len(text))
    f["first_paragraph"] = float("\n" not in text[: quote.start].strip())
    line = headline_line(text)
    f["headline"] = float(line is not None and line[0] <= quote.start < line[1])
    return f


def cue_lemma(doc: Doc, a: Attribution) -> str:
    if a.cue is None:
        return "none"
    span = tokens_in(doc, a.cue[0], a.cue[1])
    if span is None or not len(span):
        return "none"
    if span[0].lower_ == "according":
        return "according_to"
    if span[0].text == ":":
        return "colon"
    return "hope" if span[0].lower_ in ("hoped", "hoping", "hopes") else span[0].lemma_.lower()


def _speaker_kind(doc: Doc, quote: Quote, a: Attribution) -> str:
    sp = quote.speaker
    if sp is None:
        return "none"
    if a.speaker_head is not None and text_of(doc)[a.speaker_head[0] : a.speaker_head[1]].lower() in PRONOUNS_ANY:
        return "pronoun_resolved" if sp.entity is not None else "pronoun"
    if sp.entity is not None:
        return "entity"
    return "phrase" if a.speaker is not None else "context"


@dataclass(frozen=True, slots=True)
class QuoteModel:
    """Logistic regression weights over :func:`features`, the cue vocabulary and the decision threshold."""

    weights: Mapping[str, float]
    intercept: float
    threshold: float
    cues: frozenset[str]
    """Cue lemmas the model has weights for; others are ``cue=other``."""

    def prepare(self, f: Features) -> Features:
        """``f`` with cue lemmas outside the vocabulary mapped to ``cue=other``."""
        out: Features = {}
        for k, v in f.items():
            if k.startswith("cue=") and k[4:] not in self.cues:
                k = "cue=other"
            out[k] = out.get(k, 0.0) + v
        return out

    def probability(self, f: Features) -> float:
        """P(real attribution | features)."""
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in self.prepare(f).items())
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    @classmethod
    def from_json(cls, d: Mapping[str, object]) -> QuoteModel:
        """The model from its JSON object (``weights``, ``intercept``, ``threshold``, ``cues``)."""
        weights = d["weights"]
        cues = d["cues"]
        assert isinstance(weights, dict) and isinstance(cues, list)
        return cls(
            weights={str(k): float(v) for k, v in weights.items()},
            intercept=float(d["intercept"]),  # type: ignore[arg-type]
            threshold=float(d["threshold"]),  # type: ignore[arg-type]
            cues=frozenset(str(c) for c in cues),
        )


@cache
def shipped_model() -> QuoteModel | None:
    """The shipped model, or None when the package carries none (then the rules' own confidences stand)."""
    try:
        return QuoteModel.from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))
    except OSError:
        return None
