"""The fitted speaker decision (speaker confidence) and the fitted source confidences by kind.

The shipped weights are plain JSON; a speaker the model doubts keeps its name but loses its entity link; the
labels the trainers use (PolNeAR Source spans) are read as the benchmark reads them.
"""

from __future__ import annotations

import json

import pytest
from quote_helpers import analyze, find

from dossier.api import with_min_confidence
from dossier.model import Quote, Source, Speaker
from dossier.nlp.quotes import SPEAKER_MODEL_PATH, shipped_speaker_model
from dossier.nlp.quotes.extract import _with_speaker_confidence
from dossier.nlp.sources import SOURCES_MODEL_PATH, kind_confidence
from dossier.train.polnear import Gold, matched_gold, speaker_right


def test_shipped_speaker_weights_are_plain_json_with_a_threshold() -> None:
    data = json.loads(SPEAKER_MODEL_PATH.read_text(encoding="utf-8"))
    assert {"weights", "intercept", "threshold", "cues", "about"} <= set(data)
    assert 0.0 < data["threshold"] < 1.0
    assert all(isinstance(v, float) for v in data["weights"].values())
    assert "PolNeAR train" in data["about"]


def test_the_model_trusts_a_named_subject_more_than_a_speaker_guessed_from_context() -> None:
    model = shipped_speaker_model()
    assert model is not None
    named = {"how=entity": 1.0, "rule=clause": 1.0, "etype=PERSON": 1.0, "pronoun=no": 1.0, "head_pos=PROPN": 1.0}
    guessed = {"how=context_recent": 1.0, "rule=context": 1.0, "etype=PERSON": 1.0, "log_competing": 1.6}
    assert model.probability(named) > 0.8
    assert model.probability(guessed) < model.probability(named)


def test_an_unsure_speaker_keeps_its_name_but_loses_its_entity() -> None:
    quote = Quote("We will win", 0, 11, "direct", Speaker("Jane Smith", "E1", 20, 22), "said", 0.9)
    unsure = _with_speaker_confidence(quote, 0.3, 0.5)
    assert unsure.speaker == Speaker("Jane Smith", None, 20, 22, 0.3)
    assert unsure.note is not None and "speaker unsure" in unsure.note
    sure = _with_speaker_confidence(quote, 0.9, 0.5)
    assert sure.speaker == Speaker("Jane Smith", "E1", 20, 22, 0.9) and sure.note is None


@pytest.mark.slow
def test_quotes_carry_a_speaker_confidence() -> None:
    article = analyze(
        "Jane Smith, the mayor of Springfield, said on Monday that the bridge would reopen in May.\n\n"
        "“We are ready for the traffic,” she said."
    )
    for fragment in ("the bridge would reopen", "We are ready"):
        speaker = find(article.quotes, fragment).speaker
        assert speaker is not None and speaker.name == "Jane Smith"
        assert speaker.confidence is not None and speaker.confidence >= 0.8


def test_min_confidence_unlinks_a_doubted_speaker_and_drops_doubted_sources() -> None:
    from dossier.model import Article

    quote = Quote("We will win", 0, 11, "direct", Speaker("Jane Smith", None, 20, 22, 0.4), "said", 0.9)
    linked = Quote("We will win", 0, 11, "direct", Speaker("Jane Smith", "E1", 20, 22, 0.4), "said", 0.9)
    article = Article(
        id="a",
        source={},
        title=None,
        outlet=None,
        authors=(),
        published=None,
        language="en",
        text="x" * 40,
        body=(),
        quotes=(linked,),
        sources=(Source("Reuters", "according_to", "Reuters", 0, 7, None, 0.3), Source("AP", "wire", "AP", 8, 10)),
    )
    out = with_min_confidence(article, 0.5)
    assert out.quotes == (quote,)
    assert [s.name for s in out.sources] == ["AP"]  # a kind with no fitted confidence is kept


def test_source_confidences_are_fitted_only_for_kinds_with_labels() -> None:
    kinds = kind_confidence()
    assert SOURCES_MODEL_PATH.is_file() and kinds
    assert all(0.0 < v < 1.0 for v in kinds.values())
    assert not {"byline", "wire", "source_line", "interview"} & set(kinds)


@pytest.mark.slow
def test_a_source_carries_its_kinds_confidence() -> None:
    article = analyze("According to Reuters, the company will cut 300 jobs next year.")
    (source,) = [s for s in article.sources if s.name == "Reuters"]
    assert source.confidence == kind_confidence().get(source.kind)


def test_the_trainer_labels_a_speaker_by_the_gold_source_it_overlaps() -> None:
    text = "Jane Smith said the bridge would reopen. Tom Brown said the road was closed."
    golds = [Gold(content=[(16, 39)], source=[(0, 10)], cue=[(11, 15)])]
    assert matched_gold(text, (20, 39), golds) is golds[0]
    assert matched_gold(text, (56, 76), golds) is None
    assert speaker_right(None, None, Speaker("Jane Smith", None, 0, 10), golds[0])
    assert not speaker_right(None, None, Speaker("Tom Brown", None, 41, 50), golds[0])
