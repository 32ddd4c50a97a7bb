"""The story model's fitting and its held-out measure: folds by topic, nothing measured on what it was fitted on."""

from __future__ import annotations

import json

import numpy as np
import pytest

from dossier.corpus import stories as st

pytest.importorskip("sklearn")
pytest.importorskip("scipy")

from benchmarks import train_stories as ts
from benchmarks.stories import story_model, topic_folds


def test_topic_folds_partition_the_topics() -> None:
    folds = topic_folds(list(range(1, 36)), 5)
    assert len(folds) == 5 and all(len(f) == 7 for f in folds)
    assert sorted(t for f in folds for t in f) == list(range(1, 36))
    assert folds[0][:3] == [1, 6, 11]


def _table(n: int, seed: int = 0) -> ts.PairTable:
    rng = np.random.default_rng(seed)
    table = ts.PairTable([])
    v = rng.random((n, n, len(st.PAIR_FEATURES)))
    table.values = (v + v.transpose(1, 0, 2)) / 2
    return table


def test_story_features_of_many_stories_at_once_are_those_of_each() -> None:
    table = _table(30)
    groups = [[1, 2, 3], [4], list(range(5, 25))]
    together = table.stories(0, groups)
    assert together.shape == (3, len(st.STORY_FEATURES))
    assert np.allclose(together, np.stack([table.story(0, g) for g in groups]))


def test_no_fold_model_is_fitted_or_chosen_on_the_topics_it_is_measured_on(monkeypatch: pytest.MonkeyPatch) -> None:
    topic = [t for t in range(1, 11) for _ in range(4)]
    gold = [f"{t}{'ab'[i % 2]}" for t, i in zip(topic, range(len(topic)), strict=True)]
    table = _table(len(gold))
    seen: list[set[int]] = []
    real = ts.fit_model

    def spy(table_: ts.PairTable, idx: list[int], *args: object, **kwargs: object) -> object:
        seen.append({topic[i] for i in idx})
        return real(table_, idx, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ts, "fit_model", spy)
    monkeypatch.setattr(ts, "CS", (1.0,))
    monkeypatch.setattr(ts, "JOINS", (0.5,))
    monkeypatch.setattr(ts, "MERGES", (0.9,))
    monkeypatch.setattr(ts, "HELD_OUT_ORDERS", 2)
    folds, figures, _ = ts.held_out(table, gold, topic)
    assert len(folds) == ts.OUTER_FOLDS == len(seen)
    for (held, _), fitted_on in zip(folds, seen, strict=True):
        assert fitted_on and not fitted_on & set(held)
        assert fitted_on | set(held) == set(topic)
    assert 0.0 < figures["held_out_f1_worst"] <= figures["held_out_f1_mean"] <= 1.0


def test_the_shipped_file_holds_a_model_for_each_topic_fold() -> None:
    data = json.loads(st.MODEL_FILE.read_text(encoding="utf-8"))
    folds = data["cv"]["folds"]
    topics = [t for f in folds for t in f["topics"]]
    assert len(folds) == 5 and len(topics) == len(set(topics)) >= 30  # disjoint; ECB+ 1-35 has no topics 15, 17
    assert set(topics) <= set(range(1, 36))
    for fold in folds:
        model = st.Model.from_dict(fold)
        assert model.features == st.STORY_FEATURES and 0.0 < model.join <= 1.0
    assert data["figures"]["held_out_f1_worst"] <= data["figures"]["held_out_f1_mean"]


def test_a_fold_model_replaces_the_shipped_one_only_inside_the_block() -> None:
    shipped = st.load_model()
    other = st.Model(shipped.features, shipped.weights, shipped.intercept, 0.11, 0.99)
    with story_model(other):
        assert st.Scorer({}, 1).model_or_shipped() is other
    assert st.Scorer({}, 1).model_or_shipped() == shipped
