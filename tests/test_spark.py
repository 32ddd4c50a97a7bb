"""`dossier batch`: the local engine and a real local Spark session give the same answers as `analyze`."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from dossier.api import analyze_paths
from dossier.errors import InputError
from dossier.ingest.batch import read_articles
from dossier.model import Article
from dossier.spark.job import run_batch

RECORDS = [
    {
        "id": "r1",
        "text": "Angela Merkel met Emmanuel Macron in Berlin on Monday. “We agree,” Merkel said.",
        "published": "2019-05-06",
        "outlet": "Example Wire",
    },
    {"id": "r2", "text": "Police arrested two men in Lyon on Friday, prosecutors said.", "published": "2020-01-10"},
    {
        "id": "r3",
        "html": "<html><head><title>Quake hits Chile</title></head><body><article><p>A strong earthquake "
        "struck central Chile on Tuesday, officials said. Residents fled their homes in Santiago.</p></article>"
        "</body></html>",
    },
]
WARC_HTML = (
    "<html><head><title>Talks resume</title><meta property='og:site_name' content='Example Times'></head><body>"
    "<article><h1>Talks resume</h1><p>Diplomats from Russia and Ukraine met in Istanbul on Tuesday to resume talks,"
    " Turkish officials said. The meeting lasted three hours.</p><p>“We made progress,” said Mevlut Cavusoglu, "
    "Turkey's foreign minister.</p></article></body></html>"
)


def _corpus(tmp: Path) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    src = tmp / "corpus"
    src.mkdir()
    lines = [json.dumps(r) for r in RECORDS]
    lines.insert(1, "{not json")
    (src / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with open(src / "news.warc.gz", "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            "https://example.org/talks", "response", payload=io.BytesIO(WARC_HTML.encode()), http_headers=headers
        )
        writer.write_record(record)
    (src / "note.txt").write_text("Boris Johnson resigned as prime minister on Thursday.", encoding="utf-8")
    return src


def _by_id(items: list[Article | InputError]) -> tuple[dict[str, Article], list[InputError]]:
    arts = {a.id: a for a in items if isinstance(a, Article)}
    return arts, [e for e in items if isinstance(e, InputError)]


def _same(batch: dict[str, Article], expected: dict[str, Article]) -> None:
    assert set(batch) == set(expected)
    for key, art in expected.items():
        got = batch[key]
        # the path of a JSONL record names its line; compare the analysis itself
        assert got.to_dict() | {"source": None} == art.to_dict() | {"source": None}, key


@pytest.mark.slow
def test_local_batch_matches_analyze(tmp_path: Path) -> None:
    src = _corpus(tmp_path)
    report = run_batch([str(src)], str(tmp_path / "out"), engine="local")
    assert report.articles == 5 and report.failed == 1
    batch, errors = _by_id(list(read_articles(str(tmp_path / "out"))))
    expected, expected_errors = _by_id(list(analyze_paths([str(src)])))
    _same(batch, expected)
    assert [e.source for e in errors] == [e.source for e in expected_errors]


@pytest.mark.slow
@pytest.mark.spark
def test_spark_batch_matches_analyze(tmp_path: Path) -> None:
    pytest.importorskip("pyspark")
    src = _corpus(tmp_path)
    report = run_batch([str(src)], str(tmp_path / "out"), engine="spark", master="local[2]")
    assert report.articles == 5 and report.failed == 1
    batch, errors = _by_id(list(read_articles(str(tmp_path / "out"))))
    expected, expected_errors = _by_id(list(analyze_paths([str(src)])))
    _same(batch, expected)
    assert sorted(e.source for e in errors) == sorted(e.source for e in expected_errors)


@pytest.mark.slow
@pytest.mark.spark
def test_standalone_cluster_batch_matches_analyze(tmp_path: Path) -> None:
    """A real standalone cluster on loopback (a master and two one-core workers started with pyspark's own
    spark-class), bounded by the cluster's start timeout and the small corpus; stopped on the way out."""
    pytest.importorskip("pyspark")
    import shutil

    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("Spark needs a Java runtime")
    from dossier.ingest.batch import ENTITIES_DIR, STORIES_DIR, read_assignments, read_entity_assignments
    from dossier.spark.cluster import standalone
    from dossier.spark.stories import stories_local, stories_spark

    src = _corpus(tmp_path)
    with standalone(workers=2, cores=1, work_dir=tmp_path / "cluster", timeout=90) as url:
        assert url.startswith("spark://127.0.0.1:")
        report = run_batch([str(src)], str(tmp_path / "out"), engine="spark", master=url)
        # the cross-article pass on the cluster too: shards replayed on the executors, links joined on the driver
        # (and the entities merged across its windows)
        out = tmp_path / "out"
        placed = stories_spark(
            str(out), str(out / STORIES_DIR), url, window_days=1, entities_out=str(out / ENTITIES_DIR)
        )
    assert report.articles == 5 and report.failed == 1
    ref = tmp_path / "reference"
    reference = stories_local(str(out), str(ref / STORIES_DIR), window_days=1, entities_out=str(ref / ENTITIES_DIR))
    assert placed == len(reference) == 5
    assert read_assignments(str(out)) == {a.article_id: a.story for a in reference}
    entities = read_entity_assignments(str(out))
    assert entities and entities == read_entity_assignments(str(ref))
    # more tasks than executors, yet each executor loaded the pipeline once (its Python worker's module-level cache)
    assert report.partitions >= 4
    assert 1 <= report.pipeline_loads <= 2
    batch, errors = _by_id(list(read_articles(str(tmp_path / "out"))))
    expected, expected_errors = _by_id(list(analyze_paths([str(src)])))
    _same(batch, expected)
    assert sorted(e.source for e in errors) == sorted(e.source for e in expected_errors)


@pytest.mark.slow
@pytest.mark.spark
def test_spark_output_ingests_to_the_same_stories_as_an_in_process_ingest(
    tmp_path: Path, story_sets: Callable[[str], set[frozenset[str]]]
) -> None:
    """Spark output is written in input order, so the store's incremental story placement, run when
    `dossier ingest DIR` loads it, sees the articles in the same order as an in-process ingest."""
    pytest.importorskip("pyspark")
    from dossier.api import ingest

    examples = Path(__file__).resolve().parents[1] / "examples" / "newswcl50.jsonl"
    lines = examples.read_text(encoding="utf-8").splitlines()[:15]  # three events, five outlets each
    src = tmp_path / "src"
    src.mkdir()
    (src / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    note = "Boris Johnson resigned as prime minister on Thursday."
    (src / "zz-note.txt").write_text(note, encoding="utf-8")
    out = tmp_path / "out"
    report = run_batch([str(src)], str(out), engine="spark", master="local[2]")
    assert report.articles == 16 and report.failed == 0
    read = [a.id for a in read_articles(str(out)) if isinstance(a, Article)]
    from dossier.engine import content_hash

    expected = [json.loads(line)["id"] for line in lines] + [content_hash(note)[:16]]
    assert read == expected  # input order, though the work was spread over partitions
    ingest([str(out)], db=str(tmp_path / "spark.db"))
    ingest([str(src)], db=str(tmp_path / "local.db"), workers=1)
    stories = story_sets(str(tmp_path / "spark.db"))
    assert stories == story_sets(str(tmp_path / "local.db"))
    # real multi-outlet stories, not singletons only (the fitted story model of issue 16 makes 2 of these 15)
    assert sum(len(s) > 1 for s in stories) >= 2
