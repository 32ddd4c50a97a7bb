"""``--min-confidence`` on the CLI and ``min_confidence`` in the API: items less sure than the floor are left out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier import api
from dossier.cli import main

TEXT = (
    "Smith said that the deal would fail. “We will fight this all the way to the end,” Jones told reporters.\n\n"
    "The study found that smoking kills young people."
)


def test_the_api_drops_quotes_below_the_floor() -> None:
    everything = api.analyze(TEXT)
    assert everything.quotes
    floor = sorted(q.confidence for q in everything.quotes)[-1]
    sure = api.analyze(TEXT, min_confidence=floor)
    assert sure.quotes and all(q.confidence >= floor for q in sure.quotes)
    assert len(sure.quotes) == sum(q.confidence >= floor for q in everything.quotes)
    assert api.analyze(TEXT, min_confidence=1.0).quotes == tuple(q for q in everything.quotes if q.confidence >= 1.0)


def test_filter_confidence_keeps_items_without_one() -> None:
    d = {"quotes": [{"confidence": 0.2}, {"confidence": 0.9}, {"text": "no confidence"}], "title": "t"}
    assert api.filter_confidence(d, 0.5) == {"quotes": [{"confidence": 0.9}, {"text": "no confidence"}], "title": "t"}
    assert api.filter_confidence(d, 0.0) is d


def test_the_cli_filters_and_refuses_a_floor_outside_0_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert main(["analyze", str(path), "--format", "json"]) == 0
    every = json.loads(capsys.readouterr().out)["quotes"]
    assert main(["analyze", str(path), "--format", "json", "--min-confidence", "1"]) == 0
    assert json.loads(capsys.readouterr().out)["quotes"] == [q for q in every if q["confidence"] >= 1.0]
    with pytest.raises(SystemExit) as exit_:
        main(["analyze", str(path), "--min-confidence", "2"])
    assert exit_.value.code == 2
    assert "2 is not between 0 and 1" in capsys.readouterr().err
