"""Readers: every input format becomes Documents whose text and metadata are right (no model needed)."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dossier.errors import InputError
from dossier.ingest import normalize_date, read
from dossier.ingest.html import html_to_text, split_authors
from dossier.model import Document

PAGE = """<!DOCTYPE html>
<html><head>
<title>Council approves new library | Metro Daily</title>
<meta property="og:title" content="Council approves new library">
<meta property="og:site_name" content="Metro Daily">
<meta name="author" content="Lois Lane; Clark Kent">
<meta property="article:published_time" content="2024-03-05T21:30:00-05:00">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article>
<h1>Council approves new library</h1>
<p>The city council of Springfield voted on Tuesday to build a new public library downtown, ending a debate
that had lasted for more than three years and divided the neighbourhood associations.</p>
<p>Mayor Jane Quimby said the library would open in 2026 and would be paid for by a bond approved last year.</p>
</article>
<footer>Copyright Metro Daily. All rights reserved.</footer>
</body></html>
"""


def documents(items: list[Document | InputError]) -> list[Document]:
    return [d for d in items if isinstance(d, Document)]


def errors(items: list[Document | InputError]) -> list[InputError]:
    return [e for e in items if isinstance(e, InputError)]


def test_plain_text_is_verbatim_including_crlf(tmp_path: Path) -> None:
    raw = "Headline here\r\n\r\nFirst paragraph – with a dash.\r\nSecond line.\r\n"
    p = tmp_path / "a.txt"
    p.write_bytes(raw.encode("utf-8"))
    (doc,) = list(read([str(p)]))
    assert isinstance(doc, Document)
    assert doc.text == raw
    assert doc.path == str(p)
    assert doc.warnings == ()
    assert not doc.extracted_from_html


def test_utf8_bom_is_removed_and_noted(tmp_path: Path) -> None:
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbfSome text.")
    (doc,) = documents(list(read([str(p)])))
    assert doc.text == "Some text."
    assert any("byte-order mark" in w for w in doc.warnings)


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1252", "The café’s owner said “non” to the naïve plan; it cost £15.8m."),
        ("latin-1", "Zürich and São Paulo signed the accord in Malmö on Tuesday."),
    ],
)
def test_legacy_encodings_are_repaired_with_a_warning(tmp_path: Path, encoding: str, text: str) -> None:
    p = tmp_path / "legacy.txt"
    p.write_bytes(text.encode(encoding))
    (doc,) = documents(list(read([str(p)])))
    assert doc.text == text
    assert len(doc.warnings) == 1 and "not valid UTF-8" in doc.warnings[0]


def test_utf16_with_bom_is_text(tmp_path: Path) -> None:
    p = tmp_path / "u16.txt"
    p.write_bytes("Hello from UTF-16.".encode("utf-16"))
    (doc,) = documents(list(read([str(p)])))
    assert doc.text == "Hello from UTF-16."


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(PAGE, encoding="utf-8")
    (doc,) = documents(list(read([str(p)])))
    assert doc.extracted_from_html
    assert "voted on Tuesday to build a new public library" in doc.text
    assert "Home" not in doc.text and "All rights reserved" not in doc.text
    assert doc.title == "Council approves new library"
    assert doc.outlet == "Metro Daily"
    assert doc.authors == ("Lois Lane", "Clark Kent")
    assert doc.published == "2024-03-05"


def test_jsonl_records_keep_id_and_normalize_metadata(tmp_path: Path) -> None:
    rows = [
        {"id": "r1", "text": "Alpha.", "authors": "Ann Lee and Bo Chan", "published": "2024-01-02T23:59:00+02:00"},
        {"id": 7, "text": "Beta.", "authors": ["Cy Dee"], "outlet": "Metro Daily", "url": "https://x.test/b"},
        {"html": PAGE, "title": "Own title"},
        {"id": "r4", "text": "Delta.", "published": "last Tuesday"},
    ]
    p = tmp_path / "in.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    a, b, c, d = documents(list(read([str(p)])))
    assert (a.id, a.authors, a.published, a.path) == ("r1", ("Ann Lee", "Bo Chan"), "2024-01-02", f"{p}:1")
    assert (b.id, b.authors, b.outlet, b.url) == ("7", ("Cy Dee",), "Metro Daily", "https://x.test/b")
    assert c.extracted_from_html and c.title == "Own title" and "public library" in c.text
    assert c.published == "2024-03-05" and c.outlet == "Metro Daily"
    assert d.published is None and any("last Tuesday" in w for w in d.warnings)


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Metro Daily</title><link>https://metro.test/</link>
<item><title>First story</title><link>https://metro.test/1</link><author>jane@metro.test (Jane Roe)</author>
<pubDate>Tue, 05 Mar 2024 22:00:00 -0500</pubDate>
<description>&lt;p&gt;The first paragraph.&lt;/p&gt;
&lt;p&gt;The second &lt;b&gt;bold&lt;/b&gt; one.&lt;/p&gt;</description></item>
<item><title>Second story</title><link>https://metro.test/2</link><description>Plain summary.</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Times</title><id>urn:x</id><updated>2024-02-02T00:00:00Z</updated>
<entry><title>Atom entry</title><link href="https://atom.test/1"/><id>urn:1</id>
<author><name>Ann Lee</name></author><author><name>Bo Chan</name></author>
<published>2024-02-01T10:00:00Z</published><updated>2024-02-02T00:00:00Z</updated>
<summary>Short summary.</summary>
<content type="html">&lt;p&gt;Full content of the entry.&lt;/p&gt;&lt;p&gt;More.&lt;/p&gt;</content></entry>
</feed>
"""


def test_rss_entries_become_documents(tmp_path: Path) -> None:
    p = tmp_path / "feed.rss"
    p.write_text(RSS, encoding="utf-8")
    one, two = documents(list(read([str(p)])))
    assert one.text == "The first paragraph.\n\nThe second bold one."
    assert (one.title, one.url, one.outlet, one.published) == (
        "First story",
        "https://metro.test/1",
        "Metro Daily",
        "2024-03-05",
    )
    assert one.authors and "Jane Roe" in one.authors[0]
    assert two.text == "Plain summary." and two.published is None


def test_atom_prefers_content_over_summary(tmp_path: Path) -> None:
    p = tmp_path / "feed.atom"
    p.write_text(ATOM, encoding="utf-8")
    (doc,) = documents(list(read([str(p)])))
    assert doc.text == "Full content of the entry.\n\nMore."
    assert doc.authors == ("Ann Lee", "Bo Chan")
    assert (doc.outlet, doc.published, doc.url) == ("Atom Times", "2024-02-01", "https://atom.test/1")


def test_feed_without_known_suffix_is_sniffed(tmp_path: Path) -> None:
    p = tmp_path / "feed.data"
    p.write_text(RSS, encoding="utf-8")
    assert [d.title for d in documents(list(read([str(p)])))] == ["First story", "Second story"]


def write_warc(path: Path) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.suffix == ".gz")
        html_headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://metro.test/library", "response", payload=io.BytesIO(PAGE.encode()), http_headers=html_headers
            )
        )
        writer.write_record(
            writer.create_warc_record(
                "https://metro.test/library", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n")
            )
        )
        png = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://metro.test/a.png", "response", payload=io.BytesIO(b"\x89PNG\r\n"), http_headers=png
            )
        )
        moved = StatusAndHeaders("301 Moved", [("Location", "/x")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record("https://metro.test/old", "response", payload=io.BytesIO(b""), http_headers=moved)
        )


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_become_documents(tmp_path: Path, name: str) -> None:
    p = tmp_path / name
    write_warc(p)
    items = list(read([str(p)]))
    assert errors(items) == []
    (doc,) = documents(items)
    assert doc.url == "https://metro.test/library"
    assert doc.outlet == "Metro Daily" and doc.published == "2024-03-05"
    assert "public library" in doc.text and doc.extracted_from_html


@pytest.mark.parametrize("name", ["story.txt.gz", "story.gz"])
def test_gzip_text_is_streamed_and_decoded(tmp_path: Path, name: str) -> None:
    p = tmp_path / name
    p.write_bytes(gzip.compress(b"Gzipped story.\r\n"))
    (doc,) = documents(list(read([str(p)])))
    assert doc.text == "Gzipped story.\r\n"


def test_gzip_jsonl(tmp_path: Path) -> None:
    p = tmp_path / "recs.jsonl.gz"
    p.write_bytes(gzip.compress(b'{"id": "g1", "text": "One."}\n{"id": "g2", "text": "Two."}\n'))
    assert [d.id for d in documents(list(read([str(p)])))] == ["g1", "g2"]


def test_directory_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Two.")
    (tmp_path / "a.txt").write_text("One.")
    (tmp_path / "c.jsonl").write_text('{"text": "Three."}\n')
    (tmp_path / ".hidden.txt").write_text("Hidden.")
    (tmp_path / ".git" / "config.txt").write_text("Hidden too.")
    assert [d.text for d in documents(list(read([str(tmp_path)])))] == ["One.", "Three.", "Two."]


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (b'{"text": "From a pipe."}\n', "From a pipe."),
        (PAGE.encode(), "public library"),
        (RSS.encode(), "The first paragraph."),
        (b"Just text on stdin.\n", "Just text on stdin.\n"),
        (gzip.compress(b"Compressed stdin."), "Compressed stdin."),
    ],
)
def test_stdin_is_sniffed(payload: bytes, expected: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(payload))))  # type: ignore[arg-type]
    doc = documents(list(read(["-"])))[0]
    assert expected in doc.text
    assert doc.path in ("-", "<stdin>:1", "<stdin>#1")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T22:10:00Z", "2024-03-05"),
        ("2024-03-05T22:10:00.123+05:30", "2024-03-05"),
        ("2024-03-05 22:10:00 UTC", "2024-03-05"),
        ("20240305", "2024-03-05"),
        ("Tue, 05 Mar 2024 22:00:00 -0500", "2024-03-05"),
        ("2024-13-45", None),
        ("yesterday", None),
        ("", None),
        (1709683200, None),
    ],
)
def test_normalize_date(value: object, expected: str | None) -> None:
    assert normalize_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Lois Lane; Clark Kent", ("Lois Lane", "Clark Kent")),
        ("Ann Lee and Bo Chan", ("Ann Lee", "Bo Chan")),
        ("Ann Lee, Bo Chan", ("Ann Lee", "Bo Chan")),
        ("Lane, Lois", ("Lane, Lois",)),
        ("By Jane Roe", ("Jane Roe",)),
        (["Ann Lee", "Ann Lee"], ("Ann Lee",)),
        (None, ()),
    ],
)
def test_split_authors(value: object, expected: tuple[str, ...]) -> None:
    assert split_authors(value) == expected


def test_html_to_text_keeps_paragraphs_and_drops_scripts() -> None:
    html = "<div><p>One <i>two</i></p><script>var x=1;</script><p>Three<br>four</p></div>"
    assert html_to_text(html) == "One two\n\nThree\nfour"


def test_json_array_and_pretty_object(tmp_path: Path) -> None:
    array = tmp_path / "recs.json"
    array.write_text(json.dumps([{"id": "x1", "text": "One."}, {"id": "x2", "text": "Two."}], indent=2))
    pretty = tmp_path / "one"  # no suffix: sniffed
    pretty.write_text(json.dumps({"id": "p1", "text": "Pretty.", "title": "T"}, indent=2))
    docs = documents(list(read([str(array), str(pretty)])))
    assert [(d.id, d.text, d.path) for d in docs] == [
        ("x1", "One.", f"{array}#1"),
        ("x2", "Two.", f"{array}#2"),
        ("p1", "Pretty.", str(pretty)),
    ]
