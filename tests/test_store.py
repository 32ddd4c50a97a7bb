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
    assert got["story"] is not None  # placed by the cross-article update in the same write
    assert all(e["global_id"] is not None for e in got["entities"])  # linked to global entities
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
        assert got["story"] not in (None, "s1")  # the corpus layer placed the changed article again
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
    # global entities: both articles name Kyiv, and the resolver takes "Artem Zinchenko1" and "…2" (the same
    # name but for a digit, in two articles of one story) for one person
    assert stats == {
        "articles": 2,
        "entities": 2,
        "mentions": 4,
        "quotes": 2,
        "sources": 2,
        "timexes": 2,
        "events": 2,
        "stories": 1,
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


def test_articles_since_lists_what_arrived_after_a_time_last_first(tmp_path: Path, store_article: Any) -> None:
    with Store(str(tmp_path / "d.db")) as store:
        store.write([store_article(1), store_article(2)])
        store.conn.execute("UPDATE articles SET ingested_at = '2024-03-01T07:00:00+00:00' WHERE id = 'art-1'")
        store.conn.execute("UPDATE articles SET ingested_at = '2024-03-01T09:30:00+00:00' WHERE id = 'art-2'")
        store.write([store_article(3)])  # now
        assert [a["id"] for a in store.articles(since="2024-03-01T08:00:00Z")] == ["art-3", "art-2"]
        assert [a["id"] for a in store.articles(since="2024-03-01T10:00:00+01:00")] == ["art-3", "art-2"]
        assert [a["id"] for a in store.articles(since="2024-03-01")] == ["art-3", "art-2", "art-1"]
        assert store.articles(since="2999-01-01") == []
        with pytest.raises(ValueError, match="not an ISO 8601"):
            store.articles(since="last tuesday")


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


# ---- the contract with the cross-article layer (dossier.store.corpus), checked with stand-ins ----
def test_write_hands_the_written_records_to_update_corpus_inside_the_batch_transaction(
    tmp_path: Path, store_article: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossier.store import corpus

    calls: list[tuple[list[str], bool, int]] = []

    def update_corpus(
        conn: sqlite3.Connection, articles: list[Any], stories_of: Any = None, entities_of: Any = None
    ) -> None:
        stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        calls.append(([a.id for a in articles], conn.in_transaction, stored))
        conn.execute("UPDATE articles SET story_id = 'S' || seq WHERE story_id IS NULL")

    monkeypatch.setattr(corpus, "update_corpus", update_corpus)
    with Store(str(tmp_path / "d.db")) as store:
        store.write([store_article(1), store_article(2)])
        store.write([store_article(1), store_article(3)])  # 1 unchanged: not passed again
        store.write([store_article(1)])  # nothing changed: no call
        changed = store_article(2, text="Artem Zinchenko2 said he left Kyiv in 2016, Yahoo News reported. New.")
        store.write([changed])
        assert calls == [(["art-1", "art-2"], True, 2), (["art-3"], True, 3), (["art-2"], True, 3)]
        assert store.article("art-2")["story"] == "S2"  # type: ignore[index]


def test_a_failing_corpus_update_rolls_the_batch_back(
    tmp_path: Path, store_article: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossier.store import corpus

    def update_corpus(
        conn: sqlite3.Connection, articles: list[Any], stories_of: Any = None, entities_of: Any = None
    ) -> None:
        raise RuntimeError("corpus layer failed")

    monkeypatch.setattr(corpus, "update_corpus", update_corpus)
    with Store(str(tmp_path / "d.db")) as store:
        with pytest.raises(RuntimeError):
            store.write([store_article(1)])
        assert store.stats()["articles"] == 0


def test_corpus_migrations_run_after_the_stores(tmp_path: Path) -> None:
    from dossier.store.corpus_schema import MIGRATIONS as CORPUS

    path = str(tmp_path / "d.db")
    with Store(path) as store:
        names = applied(store.conn)
        assert names == [n for n, _ in MIGRATIONS] + [n for n, _ in CORPUS]
    with Store(path) as store:
        assert applied(store.conn) == names


def test_cross_article_reads_delegate_to_corpus_queries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dossier.store import corpus_queries

    seen: dict[str, tuple[Any, ...]] = {}

    def recorder(name: str) -> Any:
        def fn(conn: sqlite3.Connection, *args: Any, **kw: Any) -> Any:
            assert isinstance(conn, sqlite3.Connection)
            seen[name] = (*args, *sorted(kw.items()))
            return [] if name in ("entities", "stories", "timeline") else None

        return fn

    for name in ("entities", "entity", "stories", "story", "timeline"):
        monkeypatch.setattr(corpus_queries, name, recorder(name))
    with Store(str(tmp_path / "d.db")) as store:
        assert store.entities("Putin", types=("PERSON",), limit=5) == []
        assert store.entity("Zinchenko") is None
        assert store.stories(limit=3, offset=6) == []
        assert store.story("S1") is None
        assert store.timeline("Zinchenko", limit=9) == []
    assert seen["entities"] == ("Putin", ("limit", 5), ("offset", 0), ("types", ("PERSON",)))
    assert seen["entity"] == ("Zinchenko",)
    assert seen["stories"] == (("limit", 3), ("offset", 6))
    assert seen["timeline"] == ("Zinchenko", ("limit", 9), ("offset", 0))


def test_search_with_very_many_matches_lists_the_newest_first(
    tmp_path: Path, store_article: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossier.store import queries

    monkeypatch.setattr(queries, "RANK_LIMIT", 2)
    with Store(str(tmp_path / "d.db")) as store:
        store.write([store_article(n) for n in range(1, 5)])
        found = store.search("Kyiv", limit=3)
        assert [h["id"] for h in found] == ["art-4", "art-3", "art-2"]
        assert all(h["rank"] is None and "[Kyiv]" in h["snippet"] for h in found)
        assert [h["id"] for h in store.search("Kyiv", limit=3, offset=3)] == ["art-1"]
        ranked = store.search("Zinchenko1")  # one match: ranked as usual
        assert ranked[0]["rank"] is not None


def test_a_store_from_before_event_modality_opens_and_reads_old_events_as_asserted(tmp_path: Path) -> None:
    path = str(tmp_path / "old.db")
    old = sqlite3.connect(path, isolation_level=None)  # a store as the previous release left it
    old.row_factory = sqlite3.Row
    try:
        migrate(old, [m for m in MIGRATIONS if m[0] != "events-modality-001"])
        old.execute(
            "INSERT INTO articles (id, text, content_hash, analysis, ingested_at) VALUES ('a1', 'x', 'h', '{}', 'now')"
        )
        old.execute(
            "INSERT INTO events (article_id, position, type, trigger, start, end, sentence, date_value, date_basis,"
            " confidence) VALUES ('a1', 0, 'arrest', 'arrested', 0, 1, 'x', '2020', 'governing', 0.9)"
        )
    finally:
        old.close()
    Store(path).close()  # opening migrates
    conn = connect(path)
    try:
        assert "events-modality-001" in applied(conn)
        row = conn.execute("SELECT modality, date_anchor FROM events").fetchone()
        assert tuple(row) == ("asserted", "sentence")
    finally:
        conn.close()
