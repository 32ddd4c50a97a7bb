"""The events stage's second look (``events.lexical``): which trigger words it may take, and the shipped weights."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.nlp.events.lexical import LEXICAL_MODEL_FILE, LexicalModel, lexical_senses, load_lexical_model

MODELS = Path(__file__).resolve().parents[1] / "src" / "dossier" / "data" / "models"


def test_probability_is_a_logistic_of_the_weighted_features() -> None:
    m = LexicalModel({"a": 2.0, "b": -1.0}, 0.0, 0.5)
    assert m.probability({}) == 0.5
    assert m.probability({"a": 1.0}) > 0.85 > m.probability({"a": 1.0, "b": 1.0}) > 0.5


def test_shipped_weights_load_with_a_threshold_chosen_on_dev() -> None:
    data = json.loads((MODELS / LEXICAL_MODEL_FILE).read_text(encoding="utf-8"))
    model = load_lexical_model()
    assert model is not None and model.threshold == data["threshold"]
    chosen = data["chosen"]
    assert chosen["news_dev"]["precision"] >= 0.85  # the precision the choice must keep on the NewsWCL50 dev stories
    rules = next(r for r in data["dev_curve"] if r["threshold"] > 1)
    assert chosen["wikievents_dev"]["f1"] >= rules["wikievents_dev"]["f1"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "word", "taken"),
    [
        ("Then it exploded near the station.", "exploded", True),  # no argument to check: the second look's case
        ("The army fired back at the rebels.", "fired", False),  # a particle: another sense
        ("He took office in May.", "took", False),  # a sense defined by its object
        ("She died of a heart attack.", "attack", False),  # a blocked modifier
        ("He tried to blame the police.", "tried", False),  # the event sense is the rare one
        ("The firm sold 50,000 mobiles in its first week.", "sold", False),  # an object that fails the check
        ("The Liberal Democrats will have to fight to be heard.", "fight", False),  # no armed side
        ("He criticised plans for some trials.", "trials", False),  # nothing picks one event out
    ],
)
def test_which_words_the_second_look_may_take(text: str, word: str, taken: bool) -> None:
    from dossier.nlp import pipeline
    from dossier.nlp.events import lexical_proposals

    doc = pipeline.load()(text)
    words = {ev.trigger for ev, _feats in lexical_proposals(doc, [], [])}
    assert (word in words) is taken, words


@pytest.mark.slow
def test_a_sense_needing_support_is_never_taken_alone() -> None:
    from dossier.nlp import pipeline

    doc = pipeline.load()("The agreement was a surprise.")
    assert not any(s.lemma == "agreement" for t in doc for s in lexical_senses(t))
