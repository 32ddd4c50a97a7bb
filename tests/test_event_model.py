"""The fitted trigger decision: shipped weights load and give probabilities; the trainer reads TimeML events."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from dossier.nlp.events import MODEL_FILE


def test_shipped_weights_are_plain_json_with_their_provenance() -> None:
    raw = resources.files("dossier").joinpath("data", "models", MODEL_FILE).read_text(encoding="utf-8")
    data = json.loads(raw)
    assert {"weights", "intercept", "threshold", "cv", "train", "dev"} <= set(data)
    assert data["train"]["data"] == "tempeval3/TBAQ-cleaned" and 0 <= data["threshold"] < 1
    assert all(isinstance(v, float) for v in data["weights"].values())


def test_probability_is_between_zero_and_one_and_moves_with_the_features() -> None:
    from dossier.nlp.events.fitted import load_model

    model = load_model()
    assert model is not None
    low = model.probability({"lemma=dead": 1.0})
    high = model.probability({"lemma=kill": 1.0, "participants": 1.0, "named": 1.0})
    assert 0.0 < low < high < 1.0


def test_trainer_reads_events_but_not_states_from_timeml() -> None:
    pytest.importorskip("sklearn")
    from dossier.train.events import _events_of

    text, spans = _events_of(
        'Police <EVENT eid="e1" class="OCCURRENCE">arrested</EVENT> a man who <EVENT eid="e2" class="STATE">'
        "owns</EVENT> a shop &amp; a car."
    )
    assert text == "Police arrested a man who owns a shop & a car."
    assert [text[s:e] for s, e in spans] == ["arrested"]
