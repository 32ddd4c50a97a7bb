"""``dossier demo``: finds the bundled corpus, ingests it, reports, and is fast (idempotent) the second time."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from dossier import demo
from dossier.store import Store


def test_the_repository_ships_the_demo_corpus() -> None:
    folder = demo.examples_dir()
    assert folder is not None
    assert sum(1 for line in (folder / "newswcl50.jsonl").open(encoding="utf-8") if line.strip()) == 50


def test_missing_corpus_is_a_clear_message(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(demo, "examples_dir", lambda: None)
    assert demo.run_demo("unused.db", workers=1) == 1
    err = capsys.readouterr().err
    assert "example corpus" in err and "seed-article.txt" in err and "DOSSIER_EXAMPLES" in err
    assert not Path("unused.db").exists()


def test_examples_dir_honours_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in demo.CORPUS:
        (tmp_path / name).write_text("x", encoding="utf-8")
    monkeypatch.setenv("DOSSIER_EXAMPLES", str(tmp_path))
    assert demo.examples_dir() == tmp_path


@pytest.mark.slow
def test_demo_ingests_reports_and_reruns_fast(
    tmp_path: Path, seed_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "examples"
    corpus.mkdir()
    (corpus / "seed-article.txt").write_text(seed_path.read_text(encoding="utf-8"), encoding="utf-8")
    lines = (seed_path.parents[0] / "newswcl50.jsonl").read_text(encoding="utf-8").splitlines()[:2]
    (corpus / "newswcl50.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("DOSSIER_EXAMPLES", str(corpus))
    db = str(tmp_path / "demo.db")

    out = io.StringIO()
    assert demo.run_demo(db, workers=1, out=out) == 0
    report = out.getvalue()
    assert "3 new, 0 updated, 0 already stored" in report
    for line in ("articles", "entities", "quotes", "sources", "stories", "events", "Most-mentioned people"):
        assert line in report
    assert "dossier entity Zinchenko" in report and "http://127.0.0.1:8000" in report
    with Store(db, readonly=True) as store:
        assert store.stats()["articles"] == 3
        ids = {json.loads(line)["id"] for line in lines}
        assert all(store.article(i) is not None for i in ids)

    again = io.StringIO()
    assert demo.run_demo(db, workers=2, out=again) == 0
    assert "0 new, 0 updated, 3 already stored" in again.getvalue()
    assert "art/s" in capsys.readouterr().err  # the progress bar
