"""Property-based tests (Hypothesis) for every reader and for ``dossier.analyze``.

Invariants: no exception escapes; every item is a Document or a one-line InputError naming its input; every
string a reader hands on is valid Unicode; a bad record costs only itself; truncating a valid file loses at
most what was cut; every offset in an analysis lines up with its text. Bounded: the readers' properties run in
well under a minute; the analysis ones (spaCy) are marked slow.
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from dossier.errors import InputError
from dossier.ingest import read
from dossier.ingest.clean import SURROGATE
from dossier.model import Document

READERS = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# text a hostile or careless source produces: surrogates, NULs and controls, bidi marks, combining marks, long runs
ODD_CHARS = st.sampled_from(
    ["\ud800", "\udfff", "\x00", "\x1b", "\u202e", "\u200f", "\u2066", "\u0301", "\u0308", "\ufeff", "\ufffd",
     "\u2028", "\r", "\n", "“", "”", "«", "😀", "\U0010ffff", "ﷺ", "é", " "]
)  # fmt: skip
ODD_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(ODD_CHARS, st.text(max_size=8)), max_size=60).map("".join),
    st.tuples(ODD_CHARS | st.characters(), st.integers(1, 5000)).map(lambda t: t[0] * t[1]),
)
GOOD_TEXTS = ["Ann Lee opened the library in Paris.", "Bo Chan won the race in Rome on Tuesday."]


def check_items(items: list[Document | InputError], source: str) -> list[Document]:
    """The reader contract on one run: Documents and one-line errors naming the input; valid Unicode everywhere."""
    for item in items:
        if isinstance(item, InputError):
            assert str(item).startswith(source) and "\n" not in str(item), str(item)
            str(item).encode("utf-8")
        else:
            assert isinstance(item, Document)
            for value in (item.text, item.id, item.title, item.url, item.outlet, item.published, *item.authors):
                assert value is None or not SURROGATE.search(value)
            for w in item.warnings:
                w.encode("utf-8")
            assert item.text.strip()
    return [i for i in items if isinstance(i, Document)]


def read_bytes(tmp_path: Path, name: str, data: bytes) -> tuple[str, list[Document | InputError]]:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path), list(read([str(path)]))


# ---------------------------------------------------------------- arbitrary bytes, every reader
@pytest.mark.parametrize("name", ["x.txt", "x.html", "x.jsonl", "x.json", "x.rss", "x.warc", "x.txt.gz", "noext"])
@READERS
@given(data=st.binary(max_size=3000))
@example(data=b"\x1f\x8b\x08\x00")
@example(data=b"WARC/1.0\r\n")
@example(data=b'{"text": "\\ud800"}\n')
def test_no_bytes_make_a_reader_raise(tmp_path: Path, name: str, data: bytes) -> None:
    source, items = read_bytes(tmp_path, name, data)
    check_items(items, source)
    assert items  # every input gives something: a document or the reason it gave none


@READERS
@given(text=ODD_TEXT)
def test_text_reader_keeps_every_character_it_can(tmp_path: Path, text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    source, items = read_bytes(tmp_path, "x.txt", data)
    docs = check_items(items, source)
    if docs and not SURROGATE.search(text):
        assert docs[0].text == text.removeprefix("\ufeff")  # valid UTF-8 passes verbatim (a leading BOM dropped)


# ---------------------------------------------------------------- JSONL: a bad record costs only itself
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | ODD_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
ODD_RECORDS = st.one_of(
    st.fixed_dictionaries({"text": ODD_TEXT}, optional={"title": ODD_TEXT, "outlet": ODD_TEXT, "id": JSON_VALUES}),
    st.fixed_dictionaries({"html": ODD_TEXT}, optional={"url": ODD_TEXT, "published": JSON_VALUES}),
    st.dictionaries(st.sampled_from(["text", "html", "id", "authors", "published", "date", "language"]), JSON_VALUES),
    JSON_VALUES,
)
BAD_LINES = st.one_of(
    ODD_RECORDS.map(lambda r: json.dumps(r).encode()),  # ensure_ascii: surrogates travel as \\ud800 escapes
    st.binary(max_size=200).filter(lambda b: b"\n" not in b),
)


@READERS
@given(bad=st.lists(BAD_LINES, min_size=1, max_size=4), position=st.integers(0, 2))
def test_a_bad_jsonl_record_costs_only_itself(tmp_path: Path, bad: list[bytes], position: int) -> None:
    good = [json.dumps({"id": f"good-{i}", "text": t}).encode() for i, t in enumerate(GOOD_TEXTS)]
    lines = good[:position] + bad + good[position:]
    source, items = read_bytes(tmp_path, "x.jsonl", b"\n".join(lines) + b"\n")
    docs = check_items(items, source)
    good_docs = [d for d in docs if d.id in ("good-0", "good-1") and d.text in GOOD_TEXTS]
    assert [d.text for d in good_docs][-2:] == GOOD_TEXTS  # both good records, intact and in order
    for item in items:  # every bad line is accounted for by its own line number, or read as a document
        if isinstance(item, InputError):
            assert item.source.rsplit(":", 1)[-1].isdigit()


@READERS
@given(records=st.lists(ODD_RECORDS, min_size=1, max_size=4))
def test_json_array_records_each_stand_alone(tmp_path: Path, records: list[object]) -> None:
    data = json.dumps([{"id": "good", "text": GOOD_TEXTS[0]}, *records]).encode()
    source, items = read_bytes(tmp_path, "x.json", data)
    docs = check_items(items, source)
    assert docs and docs[0].id == "good" and docs[0].text == GOOD_TEXTS[0]


# ---------------------------------------------------------------- HTML, feeds
@READERS
@given(body=ODD_TEXT, title=ODD_TEXT, cut=st.floats(0.0, 1.0))
def test_html_with_odd_text_and_random_truncation(tmp_path: Path, body: str, title: str, cut: float) -> None:
    page = (
        f"<html><head><title>{title}</title></head><body><article><p>{GOOD_TEXTS[0]} {body}</p>"
        f"<p>{GOOD_TEXTS[1]}</p></article></body></html>"
    ).encode("utf-8", "surrogatepass")
    source, items = read_bytes(tmp_path, "x.html", page[: int(len(page) * cut)])
    check_items(items, source)
    assert len(items) == 1


def feed(entries: list[str]) -> str:
    items = "".join(f"<item><title>t{i}</title><description>{e}</description></item>" for i, e in enumerate(entries))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>{items}</channel></rss>'


@READERS
@given(odd=st.lists(ODD_TEXT, max_size=3), cut=st.floats(0.0, 1.0))
def test_feeds_with_odd_entries_and_random_truncation(tmp_path: Path, odd: list[str], cut: float) -> None:
    data = feed([*GOOD_TEXTS, *odd]).encode("utf-8", "surrogatepass")
    source, items = read_bytes(tmp_path, "x.rss", data)
    docs = check_items(items, source)
    assert [d.text for d in docs][:2] == GOOD_TEXTS  # odd entries after them cost only themselves
    source, items = read_bytes(tmp_path, "cut.rss", data[: int(len(data) * cut)])
    check_items(items, source)


# ---------------------------------------------------------------- WARC, gzip: truncation of valid files
def warc(pages: list[str]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for i, page in enumerate(pages):
        html = f"<html><body><article><p>{page}</p></article></body></html>".encode("utf-8", "surrogatepass")
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(f"https://x.test/{i}", "response", payload=io.BytesIO(html),
                                           http_headers=headers)  # fmt: skip
        writer.write_record(record)
    return out.getvalue()


@READERS
@given(odd=st.lists(ODD_TEXT, max_size=2), cut=st.floats(0.0, 1.0))
def test_warc_with_odd_pages_and_random_truncation(tmp_path: Path, odd: list[str], cut: float) -> None:
    data = warc([*GOOD_TEXTS, *odd])
    source, items = read_bytes(tmp_path, "x.warc.gz", data)
    docs = check_items(items, source)
    assert [d.text for d in docs][:2] == GOOD_TEXTS
    source, items = read_bytes(tmp_path, "cut.warc.gz", data[: int(len(data) * cut)])
    kept = check_items(items, source)
    assert [d.text for d in kept] == [d.text for d in docs][: len(kept)]  # what survives the cut came before it


@READERS
@given(texts=st.lists(ODD_TEXT, min_size=1, max_size=3), cut=st.floats(0.0, 1.0))
def test_gzip_jsonl_truncated_anywhere_keeps_the_records_before_the_cut(
    tmp_path: Path, texts: list[str], cut: float
) -> None:
    lines = [json.dumps({"id": f"r{i}", "text": t}) for i, t in enumerate([*GOOD_TEXTS, *texts])]
    data = gzip.compress(("\n".join(lines) + "\n").encode())
    source, items = read_bytes(tmp_path, "x.jsonl.gz", data[: int(len(data) * cut)])
    docs = check_items(items, source)
    readable = [f"r{i}" for i, t in enumerate([*GOOD_TEXTS, *texts]) if t.strip()]
    assert [d.id for d in docs] == readable[: len(docs)]  # a prefix, in order, nothing invented


# ---------------------------------------------------------------- dossier.analyze
def spans(a: dict[str, object]) -> list[tuple[str, int, int, str]]:
    """Every (what, start, end, text) an analysis claims."""
    out: list[tuple[str, int, int, str]] = []
    for e in a["entities"]:  # type: ignore[attr-defined]
        out += [("mention", m["start"], m["end"], m["text"]) for m in e["mentions"]]
    for key, field in (("quotes", "text"), ("sources", "text"), ("timexes", "text"), ("events", "trigger")):
        out += [(key, x["start"], x["end"], x[field]) for x in a[key]]  # type: ignore[attr-defined]
    return out


ANALYSIS = settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
SHORT_ODD_TEXT = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(ODD_CHARS, st.text(max_size=8)), max_size=40).map("".join),
    st.tuples(ODD_CHARS | st.characters(), st.integers(1, 200)).map(lambda t: t[0] * t[1]),
    st.tuples(st.sampled_from("“”«»„\"'‘’`=!*—.-$"), st.integers(150, 3000)).map(lambda t: t[0] * t[1]),
)  # punctuation runs over pipeline.RUN_CHARS are one token each (spaCy's tokenizer is quadratic on them)
NEWSY = st.lists(
    st.one_of(
        st.sampled_from([*GOOD_TEXTS, " “We will act,” she said. ", "\n\n", "(AP) — ", "on Monday "]), SHORT_ODD_TEXT
    ),
    max_size=12,
).map("".join)


@pytest.mark.slow
@ANALYSIS
@given(text=NEWSY)
@example(text="\x00" * 10 + "Ann Lee said “hi” in Paris.\ud800")
@example(text="\u202eAnn Lee\u202c met Bo Chan in Rome." + "\u0301" * 300)
def test_analyze_never_raises_and_offsets_line_up(text: str) -> None:
    import dossier

    assume(text.strip())
    article = dossier.analyze(text, published="2024-05-03").to_dict()
    assert len(article["text"]) == len(text)  # surrogates become U+FFFD one for one: offsets still fit the input
    assert not SURROGATE.search(article["text"])
    json.dumps(article, ensure_ascii=False).encode("utf-8")
    for what, start, end, span_text in spans(article):
        assert 0 <= start <= end <= len(text) and article["text"][start:end] == span_text, what
    for start, end in article["body"]:
        assert 0 <= start <= end <= len(text)


@pytest.mark.slow
@pytest.mark.parametrize("char", ["a", " ", "\n", "\u0301", "\x00", "\u202e"])
def test_analyze_a_long_run_of_one_character(char: str) -> None:
    import dossier

    text = "Ann Lee spoke in Paris. " + char * 1_000_000
    article = dossier.analyze(text)
    assert article.text == text
    for what, start, end, span_text in spans(article.to_dict()):
        assert text[start:end] == span_text, what


@pytest.mark.slow
@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(NEWSY, min_size=2, max_size=6), limit=st.integers(120, 600))
def test_offsets_line_up_across_piece_boundaries(parts: list[str], limit: int) -> None:
    from unittest import mock

    from dossier import pieces
    from dossier.engine import Options, analyze_documents
    from dossier.model import Document

    text = "\n\n".join(parts) + " Ann Lee flew to Paris on Friday."
    assume(len(text) > limit)
    with mock.patch.object(pieces, "PIECE_CHARS", limit):  # small pieces: many cuts, some mid-word or mid-run
        (article,) = analyze_documents([Document(text=text, published="2024-05-03")], Options())
    a = article.to_dict()
    assert len(a["text"]) == len(text)  # lone surrogates become U+FFFD one for one
    for what, start, end, span_text in spans(a):
        assert 0 <= start <= end <= len(text) and a["text"][start:end] == span_text, what
    for start, end in a["body"]:
        assert 0 <= start <= end <= len(text)
    ids = {e["id"] for e in a["entities"]}
    assert len(ids) == len(a["entities"])
