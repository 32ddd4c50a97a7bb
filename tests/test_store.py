"""The SQLite store on real files: round trip, idempotent writes, updates, readers, search, migrations."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest

from dossier.errors import StoreError
from dossier.store import Store, WriteResult
from dossier.store.db import applied, connect, migrate, split_statements
from dossier.store.schema import MIGRATIONS

CHILD_TABLES = ("entities", "mentions", "quotes", "sources", "timexes", "events", "event_participants")


def _without_store_fields(d: dict[str, Any]) -> dict[str, Any]:
    """The stored article minus what the store adds (story id, global entity ids)."""
    d = dict(d)
    d.pop("story")
    d["entities"] = [{k: v for k, v in e.items() if k != "global_id"} for e in d["entities"]]
    return d


def test_round_trip_equals_to_dict(tmp_path: Path, store_article: Any) -> None:
    article = store_article(1)
    with Store(str(tmp_path / "d.db")) as store:
        assert store.write([article]) == WriteResult(added=1)
        got = store.article(article.id)
    assert got is not None
    assert got["story"] is None
    assert [e["global_id"] for e in got["entities"]] == [None, None]
    assert _without_store_fields(got) == article.to_dict()
    assert list(_without_store_fields(got)) == list(article.to_dict())  # key order of the contract kept


def test_iter_articles_gives_records_back_in_ingest_order(tmp_path: Path, store_article: Any) -> None:
    articles = [store_article(n) for n in (3, 1, 2)]
    with Store(str(tmp_path / "d.db")) as store:
        store.write(articles[:2])
        store.write(articles[2:])
        assert list(store.iter_articles()) == articles


def test_missing_article_is_none(tmp_path: Path) -> None:
    with Store(str(tmp_path / "d.db")) as store:
        assert store.article("nope") is None
        assert store.known("nope") is None


def test_same_batch_twice_is_skipped(tmp_path: Path, store_article: Any) -> None:
    batch = [store_article(n) for n in range(3)]
    with Store(str(tmp_path / "d.db")) as store:
        assert store.write(batch) == WriteResult(added=3)
        assert store.write(batch) == WriteResult(skipped=3)
        assert store.known("art-1") == batch[1].content_hash
        assert store.stats()["articles"] == 3
        assert store.stats()["quotes"] == 3


def test_changed_text_replaces_the_article_and_its_rows(tmp_path: Path, store_article: Any) -> None:
    old = store_article(1)
    new = store_article(1, text="Artem Zinchenko1 said he left Kyiv in 2016, Yahoo News reported. Longer now.")
    with Store(str(tmp_path / "d.db")) as store:
        store.write([old, store_article(2)])
        store.conn.execute("UPDATE articles SET story_id = 's1' WHERE id = ?", (old.id,))
        assert store.write([new]) == WriteResult(updated=1)
        got = store.article(new.id)
        assert got is not None
        assert got["text"] == new.text
        assert got["story"] is None  # the corpus layer must place a changed article again
        expected = {"entities": 2, "mentions": 2}
        for table in CHILD_TABLES:
            rows = store.conn.execute(f"SELECT count(*) FROM {table} WHERE article_id = ?", (new.id,)).fetchone()[0]
            assert rows == expected.get(table, 1), table
        assert store.stats()["articles"] == 2
        assert [h["id"] for h in store.search("Longer")] == [new.id]
        assert store.search('"Article 1"') == []  # the old text left the FTS index


def test_a_failing_batch_leaves_nothing_behind(tmp_path: Path, store_article: Any) -> None:
    good = store_article(1)
    bad = store_article(2, entities=(None,))  # not an Entity: the insert fails mid-batch
    with Store(str(tmp_path / "d.db")) as store:
        with pytest.raises(AttributeError):
            store.write([good, bad])
        assert store.stats()["articles"] == 0
        assert store.known(good.id) is None
        assert store.write([good]) == WriteResult(added=1)


def test_stats_counts_every_kind(tmp_path: Path, store_article: Any) -> None:
    with Store(str(tmp_path / "d.db")) as store:
        assert store.stats() == dict.fromkeys(
            ("articles", "entities", "mentions", "quotes", "sources", "timexes", "events", "stories"), 0
        )
        store.write([store_article(1), store_article(2)])
        stats = store.stats()
    # both articles name Kyiv: distinct (type, name) pairs are Zinchenko1, Zinchenko2, Kyiv
    assert stats == {
        "articles": 2,
        "entities": 3,
        "mentions": 4,
        "quotes": 2,
        "sources": 2,
        "timexes": 2,
        "events": 2,
        "stories": 0,
    }


def test_articles_lists_latest_first_with_counts(tmp_path: Path, store_article: Any) -> None:
    with Store(str(tmp_path / "d.db")) as store:
        store.write(
            [
                store_article(1, published="2020-01-01"),
                store_article(2, published=None),
                store_article(3, published="2023-05-01"),
            ]
        )
        listed = store.articles()
        assert [a["id"] for a in listed] == ["art-3", "art-1", "art-2"]
        assert listed[0]["entities"] == 2 and listed[0]["quotes"] == 1 and listed[0]["events"] == 1
        assert "text" not in listed[0]
        assert [a["id"] for a in store.articles(limit=1, offset=1)] == ["art-1"]


# ---- search ----
@pytest.mark.parametrize(
    ("query", "hits"),
    [
        ("Zinchenko1", ["art-1"]),
        ("zinchenko2", ["art-2"]),  # case-insensitive
        ('"left Kyiv"', ["art-1", "art-2"]),
        ("Kyiv NOT Zinchenko1", ["art-2"]),
        ('"unbalanced', []),  # malformed: searched as the word, which is absent
        ('"Kyiv', ["art-1", "art-2"]),  # malformed but the word is there
        ("AND", []),
        ("Kyiv AND", ["art-1", "art-2"]),
        ("a*b(", []),
        ("(((", []),
        ("", []),
        ("Gdańsk", []),
    ],
)
def test_search(tmp_path: Path, store_article: Any, query: str, hits: list[str]) -> None:
    with Store(str(tmp_path / "d.db")) as store:
        store.write([store_article(1), store_article(2)])
        found = store.search(query)
    assert sorted(h["id"] for h in found) == hits
    for h in found:
        assert set(h) >= {"id", "title", "outlet", "published", "snippet", "rank"}


def test_search_snippet_marks_the_match_and_title_ranks_higher(tmp_path: Path, store_article: Any) -> None:
    with Store(str(tmp_path / "d.db")) as store:
        store.write([store_article(1), store_article(2, title="Kyiv Kyiv exchange")])
        found = store.search("Kyiv")
        assert [h["id"] for h in found] == ["art-2", "art-1"]
        assert found[0]["rank"] <= found[1]["rank"]
        assert "[Zinchenko1]" in store.search("Zinchenko1")[0]["snippet"]


# ---- opening, readers, migrations ----
def test_readonly_missing_store_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "absent.db"
    with pytest.raises(StoreError, match=r"no store at .*absent\.db \(run dossier ingest first\)"):
        Store(str(path), readonly=True)
    assert not path.exists()


def test_readonly_refuses_writes_and_non_store_files(tmp_path: Path, store_article: Any) -> None:
    path = str(tmp_path / "d.db")
    Store(path).close()
    with Store(path, readonly=True) as store, pytest.raises(StoreError, match="read-only"):
        store.write([store_article(1)])
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE x (a)").connection.commit()
    with pytest.raises(StoreError, match="not a dossier store"):
        Store(str(other), readonly=True)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError):
        Store(str(junk))


def test_reader_reads_while_writer_holds_a_transaction(tmp_path: Path, store_article: Any) -> None:
    path = str(tmp_path / "d.db")
    with Store(path) as writer:
        writer.write([store_article(1)])
        writer.conn.execute("BEGIN IMMEDIATE")
        writer.conn.execute("DELETE FROM articles")  # uncommitted
        seen: list[int] = []

        def read() -> None:
            with Store(path, readonly=True) as reader:
                seen.append(reader.stats()["articles"])
                seen.append(len(reader.search("Zinchenko1")))

        t = threading.Thread(target=read)
        t.start()
        t.join(timeout=10)
        assert seen == [1, 1]  # the reader sees the last commit and is not blocked
        writer.conn.execute("ROLLBACK")


def test_reader_sees_each_committed_batch(tmp_path: Path, store_article: Any) -> None:
    path = str(tmp_path / "d.db")
    with Store(path) as writer, Store(path, readonly=True) as reader:
        for n in range(1, 4):
            writer.write([store_article(n)])
            assert reader.stats()["articles"] == n


def test_migrations_are_applied_once(tmp_path: Path) -> None:
    path = str(tmp_path / "d.db")
    Store(path).close()
    Store(path).close()
    conn = connect(path)
    try:
        names = applied(conn)
        assert names[: len(MIGRATIONS)] == [name for name, _ in MIGRATIONS]
        assert len(names) == len(set(names))
        assert migrate(conn, MIGRATIONS) == []
        extra = [("test-001-notes", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);")]
        assert migrate(conn, extra) == ["test-001-notes"]
        assert migrate(conn, extra) == []
        assert applied(conn)[-1] == "test-001-notes"
    finally:
        conn.close()


def test_a_failing_migration_is_rolled_back(tmp_path: Path) -> None:
    conn = connect(str(tmp_path / "d.db"))
    try:
        bad = [("test-002-bad", "CREATE TABLE half (a); CREATE TABLE broken (;")]
        with pytest.raises(sqlite3.OperationalError):
            migrate(conn, bad)
        assert "test-002-bad" not in applied(conn)
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half'").fetchone()[0] == 0
    finally:
        conn.close()


def test_split_statements_keeps_trigger_bodies_whole() -> None:
    sql = (
        "CREATE TABLE a (x); -- a comment; with a semicolon\n"
        "CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; SELECT 2; END;"
    )
    statements = list(split_statements(sql))
    assert len(statements) == 2
    assert statements[0] == "CREATE TABLE a (x);"
    assert "CREATE TRIGGER" in statements[1] and statements[1].endswith("END;")


def test_schema_is_plain_with_foreign_keys_and_indexes(tmp_path: Path) -> None:
    path = str(tmp_path / "d.db")
    Store(path).close()
    conn = sqlite3.connect(path)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"articles", "articles_fts", "_migrations", *CHILD_TABLES} <= tables
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        for wanted in ("articles_published", "articles_content_hash", "entities_name", "entities_global"):
            assert wanted in indexes
        fks = {r[2] for r in conn.execute("PRAGMA foreign_key_list(mentions)")}
        assert fks == {"entities", "articles"}
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()
