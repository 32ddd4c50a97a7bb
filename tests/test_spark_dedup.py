"""Near-duplicates across a batch: the in-process reference and a real local Spark session find the same pairs."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from dossier.cli import main
from dossier.ingest.batch import is_batch_output, read_articles
from dossier.model import Article
from dossier.spark import dedup

WORDS = [
    "minister",
    "parliament",
    "vote",
    "budget",
    "river",
    "storm",
    "harbour",
    "court",
    "judge",
    "police",
    "strike",
    "union",
    "market",
    "bank",
]
WORDS += [
    "rates",
    "election",
    "party",
    "leader",
    "border",
    "army",
    "talks",
    "treaty",
    "hospital",
    "school",
    "farmers",
    "drought",
    "festival",
]


def _text(seed: int, n: int = 160) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(n)) + "."


def _article(id_: str, text: str) -> Article:
    return Article(
        id=id_, source={"path": "-"}, title=None, outlet=None, authors=(), published=None, language="en",
        text=text, body=((0, len(text)),),
    )  # fmt: skip


def _corpus() -> list[Article]:
    """Three texts, two reprinted (one with a changed ending), and unrelated texts around them."""
    out = []
    for k in range(3):
        base = _text(k)
        out.append(_article(f"t{k}", base))
        out.append(_article(f"t{k}-reprint", base))
    out.append(_article("t1-edited", _text(1)[:-40] + " Updated with a new closing line."))
    out.extend(_article(f"other{k}", _text(100 + k)) for k in range(8))
    out.append(_article("empty", ""))
    return out


def test_reprints_are_paired_and_unrelated_texts_are_not() -> None:
    pairs = dedup.pairs_local(dedup.article_signatures(_corpus()))
    found = {(p.a, p.b) for p in pairs}
    assert ("t0", "t0-reprint") in found and ("t2", "t2-reprint") in found
    assert ("t1", "t1-edited") in found
    assert not any(a.startswith("other") or b.startswith("other") or "empty" in (a, b) for a, b in found)
    assert all(p.a < p.b and p.jaccard >= 0.7 for p in pairs)
    assert dedup.groups(pairs)[0] == ["t1", "t1-edited", "t1-reprint"]


def test_an_oversized_bucket_is_cut_not_exploded() -> None:
    same = [(f"a{i:04d}", b"\x01" * 256) for i in range(dedup.MAX_BUCKET + 50)]
    pairs = list(dedup.bucket_pairs(same))
    n = dedup.MAX_BUCKET
    assert len(pairs) == n * (n - 1) // 2


def _write_batch(articles: list[Article], out: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from dossier.ingest.rows import COLUMNS, article_row

    rows = [article_row(a) for a in articles]
    out.mkdir(parents=True)
    pq.write_table(pa.table({c: [r[c] for r in rows] for c in COLUMNS}), str(out / "part-0.parquet"))


@pytest.mark.slow
@pytest.mark.spark
def test_spark_finds_the_same_pairs_as_the_reference(tmp_path: Path) -> None:
    pytest.importorskip("pyspark")
    corpus = _corpus()
    batch = tmp_path / "batch"
    _write_batch(corpus, batch)
    out = batch / dedup.PAIRS_DIR
    n = dedup.pairs_spark(str(batch), str(out), master="local[2]")
    expected = dedup.pairs_local(dedup.article_signatures(corpus))
    assert n == len(expected) > 0
    assert dedup.read_pairs(str(out)) == expected
    # the pairs live inside the batch output without being read back as articles
    assert is_batch_output(str(batch))
    assert sorted(a.id for a in read_articles(str(batch)) if isinstance(a, Article)) == sorted(a.id for a in corpus)


@pytest.mark.slow
def test_batch_command_writes_the_pairs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.jsonl"
    text = "Police arrested two men in Lyon on Friday after a robbery at a jewellery shop, prosecutors said. " * 3
    src.write_text(
        "\n".join(
            [
                f'{{"id": "a", "text": "{text}"}}',
                f'{{"id": "b", "text": "{text}"}}',
                '{"id": "c", "text": "Voters in Chile went to the polls on Sunday to elect a new president."}',
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main(["batch", str(src), "--out", str(out), "--workers", "1", "--near-duplicates"]) == 0
    assert "1 near-duplicate pairs" in capsys.readouterr().err
    assert [(p.a, p.b) for p in dedup.read_pairs(str(out / dedup.PAIRS_DIR))] == [("a", "b")]
