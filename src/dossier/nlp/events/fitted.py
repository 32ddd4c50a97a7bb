"""The fitted trigger decision: a logistic regression over what the rules found about a candidate event.

The rules (triggers, sense checks, modality, participants, date) propose an event; :func:`features` describes it
(its type and sense lemma, part of speech and dependency, modality, who and where was found, how it is dated);
the weights in ``dossier/data/models/events_trigger.json`` (fitted by ``python -m dossier.train events`` on
TempEval-3 TBAQ's EVENT annotations, calibrated out of fold, threshold chosen on WikiEvents dev) turn them into
the probability that the proposal is an event mention. That probability is the event's confidence; below the
shipped threshold the proposal is dropped. Without the weights file the rules' own confidence stands.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from ...model import Event

MODEL_FILE = "events_trigger.json"
"""The weights' file name under ``dossier/data/models/``."""


@dataclass(frozen=True, slots=True)
class TriggerModel:
    """Logistic-regression weights over named features, an intercept and the keep threshold."""

    weights: Mapping[str, float]
    intercept: float
    threshold: float

    def probability(self, feats: Mapping[str, float]) -> float:
        """P(event mention | features), calibrated."""
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def features(event: Event, head: Token, sense_lemma: str, sense_confidence: float, support: bool) -> dict[str, float]:
    """What the rules found about one proposed event, as named features (binary, or a number in [0, 1])."""
    parts = event.participants
    named = sum(1 for p in parts if p.entity)
    anchor = event.date.anchor if event.date is not None else "none"
    feats = {
        f"type={event.type}": 1.0,
        f"lemma={sense_lemma}": 1.0,
        f"pos={head.pos_}": 1.0,
        f"dep={head.dep_}": 1.0,
        f"mood={event.modality}": 1.0,
        f"anchor={anchor}": 1.0,
        "named": 1.0 if named else 0.0,
        "participants": min(3, len(parts)) / 3,
        "location": 1.0 if event.location else 0.0,
        "support": 1.0 if support else 0.0,
        "sense_confidence": sense_confidence,
        "plural": 1.0 if head.tag_ in ("NNS", "NNPS") else 0.0,
        "capitalized": 1.0 if head.text[:1].isupper() and head.i != head.sent.start else 0.0,
    }
    return feats


def load_model() -> TriggerModel | None:
    """The shipped weights, or None when the file is absent (the rules' confidence is used then)."""
    return read_model(MODEL_FILE)


@lru_cache(maxsize=4)
def read_model(name: str) -> TriggerModel | None:
    """Logistic-regression weights shipped as ``dossier/data/models/NAME``, or None when the file is absent."""
    try:
        raw = resources.files("dossier").joinpath("data", "models", name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    data = json.loads(raw)
    return TriggerModel(
        weights={str(k): float(v) for k, v in data["weights"].items()},
        intercept=float(data["intercept"]),
        threshold=float(data["threshold"]),
    )
