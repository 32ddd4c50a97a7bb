"""Parallel analysis: same articles in the same order as in-process, streaming with bounded look-ahead."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dossier.cli import build_parser, main, usable_cores
from dossier.engine import Options
from dossier.ingest import count
from dossier.model import Document
from dossier.parallel import IN_FLIGHT_PER_WORKER, analyze_parallel, chunks

TEXTS = [
    "Artem Zinchenko was arrested in Kyiv in 2016, the SBU said.",
    "“We will not leave,” said Maria Petrova, a teacher in Odesa.",
    "Reuters reported on Monday that the talks in Geneva had failed.",
    "Angela Merkel met Emmanuel Macron in Paris on 3 March 2018.",
    "The company said profits rose 5% in the first quarter.",
    "Police in Lyon arrested two men after the robbery, AFP reported.",
]


def _docs(n: int, pulled: list[int] | None = None) -> Iterator[Document]:
    for i in range(n):
        if pulled is not None:
            pulled.append(i)
        yield Document(text=TEXTS[i % len(TEXTS)] + f" Item {i}.", id=f"d{i}", published="2023-03-10")


@pytest.mark.parametrize(("n", "size"), [(0, 3), (1, 3), (3, 3), (7, 3), (5, 1)])
def test_chunks_cover_the_input_in_order(n: int, size: int) -> None:
    got = list(chunks(_docs(n), size))
    assert [d.id for c in got for d in c] == [f"d{i}" for i in range(n)]
    assert all(1 <= len(c) <= size for c in got)


def test_chunks_are_lazy() -> None:
    pulled: list[int] = []
    stream = chunks(_docs(100, pulled), 4)
    next(stream)
    assert len(pulled) == 4


@pytest.mark.slow
def test_two_workers_give_the_same_articles_in_order() -> None:
    options = Options(batch_size=2)
    serial = list(analyze_parallel(_docs(9), options, workers=1))
    parallel = list(analyze_parallel(_docs(9), options, workers=2))
    assert [a.id for a in parallel] == [f"d{i}" for i in range(9)]
    assert [a.to_dict() for a in parallel] == [a.to_dict() for a in serial]


@pytest.mark.slow
def test_parallel_streams_without_reading_ahead_unboundedly() -> None:
    options = Options(batch_size=2)
    pulled: list[int] = []
    results = analyze_parallel(_docs(200, pulled), options, workers=2)
    first = next(results)
    assert first.id == "d0"
    # at most (workers x in-flight) chunks queued plus the one being cut
    assert len(pulled) <= (2 * IN_FLIGHT_PER_WORKER + 1) * 2 + 1
    results.close()  # stops the pool


@pytest.mark.slow
@pytest.mark.parametrize("n", [0, 1, 2])
def test_tiny_inputs_run_in_process(n: int) -> None:
    got = list(analyze_parallel(_docs(n), Options(batch_size=8), workers=4))
    assert [a.id for a in got] == [f"d{i}" for i in range(n)]


@pytest.mark.slow
def test_recycled_workers_give_the_same_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    import dossier.parallel as parallel

    options = Options(batch_size=1)
    serial = list(analyze_parallel(_docs(5), options, workers=1))
    monkeypatch.setattr(parallel, "RECYCLE_AFTER_CHUNKS", 1)  # a fresh worker for every chunk
    recycled = list(analyze_parallel(_docs(5), options, workers=2))
    assert [a.to_dict() for a in recycled] == [a.to_dict() for a in serial]


def _files(tmp: Path, n: int) -> Path:
    src = tmp / "in"
    src.mkdir()
    for i in range(n):
        (src / f"a{i:02d}.txt").write_text(TEXTS[i % len(TEXTS)] + f" Item {i}.", encoding="utf-8")
    (src / "b-bad.txt").write_bytes(b"%PDF-1.4 not text")
    jsonl = '{"id": "j1", "text": "Police in Lyon arrested two men."}\n\n{oops\n'
    (src / "c.jsonl").write_text(jsonl, encoding="utf-8")
    return src


def test_count_knows_files_and_jsonl_lines_and_gives_up_on_the_rest(tmp_path: Path) -> None:
    src = _files(tmp_path, 3)
    assert count([str(src)]) == 3 + 1 + 2  # three texts, the bad file, two non-blank JSONL lines
    (tmp_path / "feed.xml").write_text("<rss/>", encoding="utf-8")
    assert count([str(src), str(tmp_path / "feed.xml")]) is None
    assert count(["-"]) is None


@pytest.mark.slow
def test_cli_analyze_with_workers_keeps_input_order_and_reports_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _files(tmp_path, 7)
    assert main(["analyze", str(src), "--format", "jsonl", "--workers", "1"]) == 1
    one = capsys.readouterr()
    assert main(["analyze", str(src), "--format", "jsonl", "--workers", "2"]) == 1
    two = capsys.readouterr()
    assert one.out == two.out
    paths = [json.loads(line)["source"].get("path", "") for line in two.out.splitlines()]
    assert [Path(p).name for p in paths[:7]] == [f"a{i:02d}.txt" for i in range(7)]
    assert "b-bad.txt" in two.err and "c.jsonl" in two.err  # one line each, the good inputs still analysed
    assert "art/s" not in two.err  # no progress bar when stderr is not a terminal


def test_workers_default_is_the_usable_cores() -> None:
    import os

    args = build_parser().parse_args(["analyze", "x"])
    assert args.workers == len(os.sched_getaffinity(0)) == usable_cores()


def test_ingest_and_watch_can_yield_the_cpu_to_the_server() -> None:
    """`ingest --nice N` and `watch --nice N` lower their priority (the watcher by default: background work);
    out-of-range values are refused by the parser, not passed to the OS."""
    import multiprocessing
    import os

    from dossier.cli import WATCH_NICE, lower_priority

    parser = build_parser()
    assert parser.parse_args(["ingest", "x"]).nice == 0
    assert parser.parse_args(["ingest", "x", "--nice", "7"]).nice == 7
    assert parser.parse_args(["watch", "http://127.0.0.1:9/feed"]).nice == WATCH_NICE > 0
    with pytest.raises(SystemExit):
        parser.parse_args(["ingest", "x", "--nice", "20"])

    def child(conn: Any) -> None:
        before = os.nice(0)
        conn.send((before, lower_priority(3), lower_priority(0), lower_priority(40)))

    ctx = multiprocessing.get_context("fork")
    mine, theirs = ctx.Pipe()
    proc = ctx.Process(target=child, args=(theirs,))
    proc.start()
    before, after_three, after_zero, capped = mine.recv()
    proc.join()
    assert after_three == min(19, before + 3) and after_zero == after_three
    assert capped == 19
    assert os.nice(0) == before  # the parent is untouched
