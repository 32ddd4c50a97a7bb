"""Is a quote's speaker right, and how sure: a logistic regression fitted on PolNeAR ``train``.

The speaker rules (``speakers.py``) find one speaker per quote; how they found it (which path: a named entity, a
resolved or unresolved pronoun, a bare description, the previous quote's speaker …; which attribution rule; the
pronoun and whether its gender agrees; the entity's type and how often the article names it; how far the mention
is from the quote; how many persons compete; whether the recency heuristic agrees with coreference) are the
features of a small model whose probability becomes ``Speaker.confidence``. A speaker the model gives less than its
threshold (chosen on PolNeAR ``dev``) keeps its name but loses its entity link, with a note: precision first, an
unsure speaker is reported as unresolved rather than wrongly linked. ``python -m dossier.train speakers`` refits it
(``data/models/speakers.json``).
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

from spacy.tokens import Doc

from ...model import Entity, Quote
from ..spans import MentionIndex
from .scoring import Features, QuoteModel, cue_lemma
from .speakers import SpeakerTrace, gender_of
from .syntax import PRONOUNS_ANY, Attribution, text_of, tokens_in

SPEAKER_MODEL_PATH = Path(__file__).resolve().parents[2] / "data" / "models" / "speakers.json"
"""The shipped weights (same JSON form as the quote model: weights, intercept, threshold, cue vocabulary)."""

_FEMALE = frozenset({"she", "her", "hers"})
_MALE = frozenset({"he", "him", "his"})


def speaker_features(doc: Doc, quote: Quote, a: Attribution, trace: SpeakerTrace, index: MentionIndex) -> Features:
    """What the speaker rules found about one quote's speaker, as model features (pure)."""
    sp = quote.speaker
    assert sp is not None
    text = text_of(doc)
    f: Features = {
        f"how={trace.how}": 1.0,
        f"rule={a.rule or 'none'}": 1.0,
        f"kind={quote.kind}": 1.0,
        f"cue={cue_lemma(doc, a)}": 1.0,
        "log_competing": math.log1p(trace.competing),
        "competing_none": float(trace.competing == 0),
    }
    word = text[sp.start : sp.end].lower() if sp.start is not None and sp.end is not None else ""
    f[f"pronoun={word if word in PRONOUNS_ANY else 'no'}"] = 1.0
    ent = index.get(sp.entity) if sp.entity is not None else None
    f[f"etype={_type_of(ent)}"] = 1.0
    if ent is not None:
        f["log_mentions"] = math.log1p(len(ent.mentions)) / 3.0
        f["named"] = float(any(m.kind == "name" for m in ent.mentions))
        if word in PRONOUNS_ANY:
            f["recency_agrees"] = float(trace.recency == ent.id)
            f["recency_differs"] = float(trace.recency is not None and trace.recency != ent.id)
        gender = gender_of(ent)
        wanted = "f" if word in _FEMALE else "m" if word in _MALE else None
        if wanted is not None and gender is not None:
            f["gender_agrees" if gender == wanted else "gender_disagrees"] = 1.0
    if sp.start is not None:
        gap = sp.start - quote.end if sp.start >= quote.end else quote.start - sp.start
        f["log_distance"] = math.log1p(max(0, gap)) / 6.0
        f["inside_content"] = float(quote.start <= sp.start < quote.end)
        head = tokens_in(doc, sp.start, sp.end or sp.start + 1)
        if head is not None and len(head):
            f[f"head_pos={head.root.pos_}"] = 1.0
            f[f"head_dep={head.root.dep_}"] = 1.0
    return f


def _type_of(ent: Entity | None) -> str:
    if ent is None:
        return "none"
    return ent.type if ent.type in ("PERSON", "ORG", "GPE", "NORP") else "other"


@cache
def shipped_speaker_model() -> QuoteModel | None:
    """The shipped speaker model, or None when the package carries none (then speakers carry no confidence)."""
    try:
        return QuoteModel.from_json(json.loads(SPEAKER_MODEL_PATH.read_text(encoding="utf-8")))
    except OSError:
        return None
