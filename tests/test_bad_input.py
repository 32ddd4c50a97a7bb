"""Bad input: one clear error naming the input, no traceback, and nothing good lost around it."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from dossier.errors import InputError
from dossier.ingest import MAX_BYTES, read
from dossier.model import Document

GOOD = "Ann Lee, the mayor of Springfield, opened the new library on Tuesday.\n"


def write_bomb(path: Path, size: int = MAX_BYTES + (8 << 20)) -> None:
    """A gzip of ``size`` bytes of letters: a few hundred kB on disk, written without holding it in memory."""
    chunk = b"a" * (1 << 20)
    with gzip.open(path, "wb", compresslevel=9) as f:
        for _ in range(size // len(chunk)):
            f.write(chunk)


def make_missing(d: Path) -> str:
    return str(d / "missing.txt")


def make_empty(d: Path) -> str:
    (d / "empty.txt").write_bytes(b"")
    return str(d / "empty.txt")


def make_blank(d: Path) -> str:
    (d / "blank.txt").write_bytes(b"  \n\n\t\n")
    return str(d / "blank.txt")


def make_binary(d: Path) -> str:
    (d / "bad.bin").write_bytes(bytes(range(256)) * 16)
    return str(d / "bad.bin")


def make_pdf_named_txt(d: Path) -> str:
    (d / "report.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    return str(d / "report.txt")


def make_binary_html(d: Path) -> str:
    (d / "page.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    return str(d / "page.html")


def make_empty_html(d: Path) -> str:
    (d / "nothing.html").write_text("<html><head><title></title></head><body><script>x()</script></body></html>")
    return str(d / "nothing.html")


def make_bomb(d: Path) -> str:
    write_bomb(d / "bomb.txt.gz")
    return str(d / "bomb.txt.gz")


def make_corrupt_gzip(d: Path) -> str:
    (d / "cut.txt.gz").write_bytes(gzip.compress(GOOD.encode() * 50)[:40])
    return str(d / "cut.txt.gz")


def make_bad_feed(d: Path) -> str:
    (d / "feed.rss").write_text("<rss><channel><title>x</title></channel></rss>")
    return str(d / "feed.rss")


def make_broken_warc(d: Path) -> str:
    (d / "crawl.warc").write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort")
    return str(d / "crawl.warc")


def make_blank_jsonl(d: Path) -> str:
    (d / "blank.jsonl").write_text("\n\n  \n")
    return str(d / "blank.jsonl")


def make_bad_json(d: Path) -> str:
    (d / "bad.json").write_text('[{"text": "a"},')
    return str(d / "bad.json")


def make_warc_without_html(d: Path) -> str:
    from warcio.warcwriter import WARCWriter

    with (d / "nohtml.warc.gz").open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warc_record("https://x.test/", "request", payload=io.BytesIO(b"GET /")))
    return str(d / "nohtml.warc.gz")


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (make_missing, "no such file"),
        (make_empty, "empty file"),
        (make_blank, "empty file"),
        (make_binary, "binary file"),
        (make_pdf_named_txt, "PDF"),
        (make_binary_html, "binary file"),
        (make_empty_html, "no text found"),
        (make_bomb, f"{MAX_BYTES >> 20} MB cap"),
        (make_corrupt_gzip, "gzip"),
        (make_bad_feed, "no entries"),
        (make_broken_warc, "WARC"),
        (make_blank_jsonl, "no records"),
        (make_bad_json, "not valid JSON"),
        (make_warc_without_html, "no response records"),
    ],
    ids=lambda v: getattr(v, "__name__", str(v)),
)
def test_each_bad_input_gives_one_error_naming_it_and_good_ones_survive(
    tmp_path: Path, make: Callable[[Path], str], reason: str
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    bad = make(tmp_path)
    items = list(read([str(good), bad, str(good)]))
    errs = [i for i in items if isinstance(i, InputError)]
    docs = [i for i in items if isinstance(i, Document)]
    assert len(errs) == 1, errs
    assert str(errs[0]).startswith(bad) and reason in str(errs[0])
    assert "\n" not in str(errs[0])
    assert [d.text for d in docs] == [GOOD, GOOD]
    assert items[0] == docs[0] and items[-1] == docs[1]  # input order kept


def test_jsonl_broken_lines_and_textless_records_are_named_by_line(tmp_path: Path) -> None:
    p = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Good one."}),
        '{"id": "b", "text": "unterminated',
        "",
        json.dumps({"id": "c"}),
        json.dumps({"id": "d", "text": "   "}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "e", "html": "<p>Good two.</p>"}),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read([str(p)]))
    assert [d.id for d in items if isinstance(d, Document)] == ["a", "e"]
    errs = [str(e) for e in items if isinstance(e, InputError)]
    assert [e.split(": ")[0] for e in errs] == [f"{p}:2", f"{p}:4", f"{p}:5", f"{p}:6"]
    assert "not valid JSON" in errs[0] and "no text" in errs[1] and "no text" in errs[2] and "JSON object" in errs[3]


def test_non_utf8_jsonl_line_is_repaired_not_dropped(tmp_path: Path) -> None:
    p = tmp_path / "latin.jsonl"
    p.write_bytes('{"text": "Caf\u00e9 in Z\u00fcrich."}\n'.encode("cp1252"))
    (doc,) = list(read([str(p)]))
    assert isinstance(doc, Document) and doc.text == "Café in Zürich." and doc.warnings


def test_two_megabyte_one_line_text_passes_whole(tmp_path: Path) -> None:
    line = ("The council met again and voted on the budget. " * 45_000)[: 2 * 1024 * 1024]
    p = tmp_path / "long.txt"
    p.write_text(line, encoding="utf-8")
    (doc,) = list(read([str(p)]))
    assert isinstance(doc, Document) and doc.text == line and len(doc.text) == 2 * 1024 * 1024


def test_non_utf8_text_is_repaired_not_an_error(tmp_path: Path) -> None:
    p = tmp_path / "latin.txt"
    p.write_bytes("Chelsea paid \u00a315.8m for the Romanian.".encode("cp1252"))
    (doc,) = list(read([str(p)]))
    assert isinstance(doc, Document) and "£15.8m" in doc.text and doc.warnings


def test_truncated_html_extracts_what_is_there(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Cut off</title></head><body><article><p>The first paragraph made it into the file "
        "before the download stopped, and it says the council met on Tuesday to vote on the budget.</p><p>Then"
    )
    p = tmp_path / "cut.html"
    p.write_text(page, encoding="utf-8")
    (doc,) = list(read([str(p)]))
    assert isinstance(doc, Document)
    assert "council met on Tuesday" in doc.text
    assert any("truncated" in w for w in doc.warnings)


def test_gzip_bomb_in_jsonl_stops_at_the_cap(tmp_path: Path) -> None:
    p = tmp_path / "bomb.jsonl.gz"
    write_bomb(p)
    items = list(read([str(p)]))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert "cap" in str(items[0]) and str(items[0]).startswith(str(p))


def test_bomb_is_refused_without_inflating_it_in_memory(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt.gz"
    # 192 MB of zeros compresses to ~200 kB; the reader must stop at the cap, not inflate it all
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    with p.open("wb") as f:
        zeros = b"\x00" * (1 << 20)
        for _ in range(192):
            f.write(comp.compress(zeros))
        f.write(comp.flush())
    (err,) = list(read([str(p)]))
    assert isinstance(err, InputError) and "cap" in str(err)


def test_directory_with_only_hidden_files_is_an_error(tmp_path: Path) -> None:
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    (err,) = list(read([str(tmp_path)]))
    assert isinstance(err, InputError) and "no (non-hidden) files" in str(err)


def test_unreadable_stdin_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(b""))))
    (err,) = list(read(["-"]))
    assert isinstance(err, InputError) and str(err) == "<stdin>: empty file"


def run_cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``dossier analyze ARGS --format jsonl`` in ``tmp_path``, as a user runs it."""
    exe = Path(sys.executable).with_name("dossier")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "dossier.cli"]
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [*command, "analyze", *args, "--format", "jsonl"], cwd=tmp_path, capture_output=True, text=True, env=env
    )


TRUNCATED_PAGE = (
    "<html><head><title>Cut off</title></head><body><article><p>The first paragraph made it into the file "
    "before the download stopped, and it says the council met on Tuesday to vote on the budget.</p><p>Then"
)


@pytest.mark.slow
def test_cli_reports_each_bad_input_once_and_prints_the_good_articles(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    make_binary(tmp_path)
    broken = tmp_path / "broken.jsonl"
    broken.write_text(
        json.dumps({"id": "j1", "text": "Bo Chan won the race in Paris."})
        + "\n{not json\n"
        + json.dumps({"id": "j3"})
        + "\n",
        encoding="utf-8",
    )
    make_empty(tmp_path)
    make_bomb(tmp_path)
    (tmp_path / "latin.txt").write_bytes("Chelsea paid \u00a315.8m for the Romanian.".encode("cp1252"))
    (tmp_path / "cut.html").write_text(TRUNCATED_PAGE, encoding="utf-8")
    args = ["good.txt", "bad.bin", "missing.txt", "broken.jsonl", "empty.txt", "bomb.txt.gz", "latin.txt", "cut.html"]
    proc = run_cli(tmp_path, *args)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    err_lines = [line for line in proc.stderr.splitlines() if line.strip()]
    expected = ["bad.bin:", "missing.txt:", "broken.jsonl:2:", "broken.jsonl:3:", "empty.txt:", "bomb.txt.gz:"]
    expected.append("cut.html:")  # analysed and printed, but what the download lost is reported too (README)
    for name in expected:
        assert sum(name in line for line in err_lines) == 1, (name, err_lines)
    assert len(err_lines) == len(expected), err_lines
    printed = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [a["text"] for a in printed[:2]] == [GOOD, "Bo Chan won the race in Paris."]
    assert printed[1]["id"] == "j1"
    latin, cut = printed[2:]
    assert "£15.8m" in latin["text"] and any("not valid UTF-8" in w for w in latin["warnings"])
    assert "council met on Tuesday" in cut["text"] and any("truncated" in w for w in cut["warnings"])


@pytest.mark.slow
def test_cli_analyses_a_two_megabyte_one_line_text_whole(tmp_path: Path) -> None:
    # long tokens keep spaCy's share small (a 2 MB text of ordinary words takes minutes on a laptop);
    # what is under test is that the CLI passes the whole line through and the engine reaches its end
    word = "council" + "x" * 42 + " "
    filler = (word * (2 * 1024 * 1024 // len(word) + 1))[: 2 * 1024 * 1024 - 27]
    text = filler + "Ann Lee then flew to Paris."
    assert len(text) == 2 * 1024 * 1024 and "\n" not in text
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    proc = run_cli(tmp_path, "long.txt")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    (article,) = [json.loads(line) for line in proc.stdout.splitlines()]
    assert article["text"] == text  # passed through whole: the engine cuts it into pieces, never truncates
    paris = text.index("Paris")
    assert any(m["start"] == paris for e in article["entities"] for m in e["mentions"])
