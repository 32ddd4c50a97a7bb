"""Quality gate: extraction scores on dossier's own gold set must not drop below the pinned floors.

Like trafilatura's eval gate: floors and the gold file's digest live in tests/gold/baseline.json.
Raise a floor when a change improves a score; never lower one to make a change pass.
"""

from __future__ import annotations

import json

import pytest

from benchmarks import gate


@pytest.fixture(scope="module")
def baseline() -> dict[str, object]:
    return json.loads(gate.BASELINE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_gold_file_is_the_pinned_one(baseline: dict[str, object]) -> None:
    assert gate.digest() == baseline["gold_sha256"], "gold set changed: re-measure and re-pin the floors"


@pytest.mark.slow
def test_scores_stay_above_floors(baseline: dict[str, object]) -> None:
    scores = gate.run()
    floors = baseline["floors"]
    assert isinstance(floors, dict)
    below = [
        f"{area}.{metric}: {scores[area][metric]:.3f} < floor {floor:.3f}"
        for area, metrics in floors.items()
        for metric, floor in metrics.items()
        if scores[area][metric] < floor
    ]
    assert not below, "extraction quality dropped: " + "; ".join(below)


def test_scorer_counts_a_perfect_answer_as_perfect() -> None:
    gold = [
        {
            "entities": [["Angela Merkel", "PERSON"]],
            "quotes": [["We will act", "Angela Merkel", "direct"]],
            "timexes": [["Monday", "2021-06-14"]],
            "sources": ["Reuters"],
            "events": [["meeting", ["Angela Merkel"]]],
        }
    ]
    text = "Angela Merkel said on Monday: “We will act,” Reuters reported."
    pred = {
        "text": text,
        "entities": [{"name": "Angela Merkel", "type": "PERSON", "aliases": ["Merkel"]}],
        "quotes": [{"text": "We will act,", "speaker": {"name": "Angela Merkel"}}],
        "timexes": [{"start": text.index("Monday"), "end": text.index("Monday") + 6, "value": "2021-06-14"}],
        "sources": [{"name": "Reuters", "kind": "reported_by"}],
        "events": [{"type": "meeting", "participants": [{"name": "Angela Merkel"}], "location": None}],
    }
    s = gate.score([pred], gold)
    assert s["entities"]["f1"] == s["quotes"]["f1"] == s["timexes"]["f1"] == s["sources"]["f1"] == 1.0
    assert s["speakers"]["accuracy"] == s["timex_values"]["accuracy"] == s["events"]["recall"] == 1.0
    wrong = dict(pred, quotes=[{"text": "something else entirely", "speaker": None}], sources=[])
    s2 = gate.score([wrong], gold)
    assert s2["quotes"]["f1"] == 0.0 and s2["sources"]["f1"] == 0.0
