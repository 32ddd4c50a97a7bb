"""``dossier.api.ingest`` end to end with the real engine: idempotent, updates, failures, progress."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.api import IngestReport, ingest
from dossier.cli import main
from dossier.engine import Options
from dossier.errors import InputError
from dossier.store import Store

pytestmark = pytest.mark.slow

RECORDS = [
    {"id": "r1", "text": "Artem Zinchenko said he left Kyiv in 2016.", "outlet": "Il Tempo", "published": "2023-03-10"},
    {"id": "r2", "text": "Reuters reported that talks in Geneva failed on Monday.", "published": "2023-03-11"},
    {"id": "r3", "text": "“We will stay,” Maria Petrova said in Odesa.", "title": "Odesa"},
]


def _corpus(tmp_path: Path, records: list[dict[str, str]] = RECORDS) -> list[str]:
    jsonl = tmp_path / "news.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    txt = tmp_path / "one.txt"
    txt.write_text("Angela Merkel met Emmanuel Macron in Paris on 3 March 2018.", encoding="utf-8")
    return [str(jsonl), str(txt)]


def test_ingest_twice_skips_everything_the_second_time(tmp_path: Path) -> None:
    paths, db = _corpus(tmp_path), str(tmp_path / "d.db")
    assert ingest(paths, db=db) == IngestReport(added=4)
    assert ingest(paths, db=db) == IngestReport(skipped=4)
    with Store(db, readonly=True) as store:
        assert store.stats()["articles"] == 4
        stored = store.article("r1")
        assert stored is not None and stored["outlet"] == "Il Tempo" and stored["published"] == "2023-03-10"
        assert stored["text"] == RECORDS[0]["text"]
        assert stored["entities"]  # the seed-like sentence has at least its place names
        assert [h["id"] for h in store.search("Zinchenko")] == ["r1"]


def test_changed_text_is_reanalysed_without_duplicates(tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    ingest(_corpus(tmp_path), db=db)
    changed = [dict(RECORDS[0], text="Artem Zinchenko said he fled Kyiv in 2017."), *RECORDS[1:]]
    assert ingest(_corpus(tmp_path, changed), db=db) == IngestReport(updated=1, skipped=3)
    with Store(db, readonly=True) as store:
        assert store.stats()["articles"] == 4
        stored = store.article("r1")
        assert stored is not None and "fled" in stored["text"]
        assert all("2016" not in t["value"] for t in stored["timexes"])
        assert store.search("fled")[0]["id"] == "r1"
        assert store.search('"left Kyiv"') == []


def test_bad_inputs_are_reported_and_the_good_ones_stored(tmp_path: Path) -> None:
    paths = _corpus(tmp_path)
    errors: list[InputError] = []
    report = ingest([*paths, str(tmp_path / "missing.txt")], db=str(tmp_path / "d.db"), on_error=errors.append)
    assert report.added == 4 and report.failed == 1
    assert len(errors) == 1 and "missing.txt" in str(errors[0])


def test_small_batches_commit_separately(tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    assert ingest(_corpus(tmp_path), db=db, options=Options(batch_size=1)) == IngestReport(added=4)
    with Store(db, readonly=True) as store:
        assert store.stats()["articles"] == 4


def test_progress_bar_goes_to_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ingest(_corpus(tmp_path), db=str(tmp_path / "d.db"), progress=True)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "art/s" in captured.err and "4/4" in captured.err


def test_cli_ingest_stats_search(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "d.db")
    assert main(["ingest", *_corpus(tmp_path), "--db", db, "--workers", "1", "--quiet"]) == 0
    assert "4 new" in capsys.readouterr().err
    assert main(["stats", "--db", db, "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["articles"] == 4 and stats["entities"] > 0
    assert main(["search", "Geneva", "--db", db, "--format", "json"]) == 0
    assert [h["id"] for h in json.loads(capsys.readouterr().out)] == ["r2"]
    assert main(["stats", "--db", str(tmp_path / "none.db")]) == 1
    assert "run dossier ingest first" in capsys.readouterr().err


def test_batch_parquet_output_is_loaded_without_reanalysis(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    from dossier.spark.job import run_batch

    paths = _corpus(tmp_path)
    out = tmp_path / "batch"
    run_batch(paths, str(out), engine="local", workers=1)
    db = str(tmp_path / "d.db")
    assert ingest([str(out)], db=db) == IngestReport(added=4)
    assert ingest([str(out), *paths], db=db) == IngestReport(skipped=8)  # the same articles both ways
    fresh = str(tmp_path / "fresh.db")
    ingest(paths, db=fresh)
    with Store(db, readonly=True) as loaded, Store(fresh, readonly=True) as analysed:
        assert loaded.article("r2") == analysed.article("r2")


def test_the_cross_article_layer_is_updated_in_the_same_ingest(tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    ingest(_corpus(tmp_path), db=db)
    with Store(db, readonly=True) as store:
        stats = store.stats()
        globals_ = store.conn.execute("SELECT count(*) FROM global_entities").fetchone()[0]
        assert stats["stories"] >= 1 and stats["entities"] == globals_ > 0
        for article_id in ("r1", "r2", "r3"):
            stored = store.article(article_id)
            assert stored is not None and stored["story"] is not None
            assert all(e["global_id"] is not None for e in stored["entities"])


def test_progress_bar_counts_a_directory_and_prints_errors_above_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    src = tmp_path / "dir"
    src.mkdir()
    for i in range(3):
        (src / f"a{i}.txt").write_text(f"Police in Lyon arrested {i + 2} men on Friday.", encoding="utf-8")
    (src / "bad.txt").write_bytes(b"%PDF-1.4 not text")
    ingest([str(src)], db=str(tmp_path / "d.db"), progress=True, on_error=lambda e: print(f"E {e}", file=sys.stderr))
    err = capsys.readouterr().err
    assert "4/4" in err  # the total was known up front (so the bar has an ETA)
    line = next(ln for ln in err.split("\n") if "bad.txt" in ln)
    assert line.split("\r")[-1].startswith("E ")  # on its own line, not glued to the bar
