"""Read queries over the per-article tables: counts, articles, full-text search.

Every function takes the connection first and returns JSON-ready values. Cross-article
reads (entities, stories, timeline) live in ``corpus_queries``.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from typing import Any

from ..model import Article
from .db import has_table
from .schema import COUNTED

MAX_QUERY_CHARS = 500
"""Longest search query accepted (longer ones are cut): bounds the work one request can ask for."""

SNIPPET_OPEN, SNIPPET_CLOSE = "[", "]"
"""How a search snippet marks the matched words (plain text: callers escape before rendering)."""

GLOBAL_ENTITIES = "global_entities"
STORIES = "stories"
"""Tables of the cross-article layer that ``stats`` counts when they exist."""

_PAGE = 500
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


def count(conn: sqlite3.Connection, table: str) -> int:
    """Rows in ``table`` (0 when the table does not exist); kept counts where the store keeps them."""
    if table in COUNTED:
        row = conn.execute("SELECT n FROM row_counts WHERE name = ?", (table,)).fetchone()
        if row is not None:
            return int(row[0])
    if not has_table(conn, table):
        return 0
    return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def stats(conn: sqlite3.Connection) -> dict[str, int]:
    """Counts of what the store holds; ``entities`` are global entities once the corpus layer made them."""
    entities = count(conn, GLOBAL_ENTITIES)
    if entities:
        # a re-analysed article can leave a global entity with no article left: it no longer counts
        try:
            sql = f"SELECT count(*) FROM {GLOBAL_ENTITIES} WHERE article_count > 0"
            entities = int(conn.execute(sql).fetchone()[0])
        except sqlite3.OperationalError:  # a corpus layer without per-entity counts
            pass
    if entities == 0:
        entities = int(conn.execute("SELECT count(*) FROM (SELECT DISTINCT type, name FROM entities)").fetchone()[0])
    return {
        "articles": count(conn, "articles"),
        "entities": entities,
        "mentions": count(conn, "mentions"),
        "quotes": count(conn, "quotes"),
        "sources": count(conn, "sources"),
        "timexes": count(conn, "timexes"),
        "events": count(conn, "events"),
        "stories": count(conn, STORIES),
    }


def contract(row: sqlite3.Row) -> dict[str, Any]:
    """The stored JSON contract of an article row (``analysis`` and ``text`` columns), text put back."""
    d: dict[str, Any] = json.loads(row["analysis"])
    d["text"] = row["text"]  # the key is kept (as null) in storage, so the contract's key order survives
    return d


def known(conn: sqlite3.Connection, article_id: str) -> str | None:
    """The stored content hash of ``article_id``, or None."""
    row = conn.execute("SELECT content_hash FROM articles WHERE id = ?", (article_id,)).fetchone()
    return None if row is None else str(row[0])


def known_path(conn: sqlite3.Connection, path: str) -> str | None:
    """The stored content hash of the latest article read from the file ``path``, or None."""
    row = conn.execute("SELECT content_hash FROM articles WHERE path = ? ORDER BY seq DESC LIMIT 1", (path,)).fetchone()
    return None if row is None else str(row[0])


def article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """One article in the contract, plus ``story`` and each entity's ``global_id``."""
    row = conn.execute("SELECT analysis, text, story_id FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    d = contract(row)
    d["story"] = row["story_id"]
    globals_ = dict(conn.execute("SELECT local_id, global_id FROM entities WHERE article_id = ?", (article_id,)))
    for e in d.get("entities") or ():
        e["global_id"] = globals_.get(e["id"])
    return d


_SUMMARY = """
SELECT a.id, a.title, a.outlet, a.published, a.url, a.path, a.story_id AS story, a.ingested_at,
    (SELECT count(*) FROM entities e WHERE e.article_id = a.id) AS entities,
    (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes,
    (SELECT count(*) FROM sources s WHERE s.article_id = a.id) AS sources,
    (SELECT count(*) FROM events v WHERE v.article_id = a.id) AS events
FROM articles a
"""


def articles(
    conn: sqlite3.Connection, *, limit: int = 50, offset: int = 0, since: str | None = None
) -> list[dict[str, Any]]:
    """Latest articles first (undated last): id, title, outlet, published, url, story, counts. With ``since``
    (see ``since_timestamp``): only the articles stored at or after that time, the last to arrive first."""
    if since is not None:
        rows = conn.execute(
            _SUMMARY + " WHERE a.ingested_at >= ? ORDER BY a.seq DESC LIMIT ? OFFSET ?",
            (since_timestamp(since), max(0, limit), max(0, offset)),
        )
    else:
        rows = conn.execute(
            _SUMMARY + " ORDER BY a.published IS NULL, a.published DESC, a.seq DESC LIMIT ? OFFSET ?",
            (max(0, limit), max(0, offset)),
        )
    return [dict(r) for r in rows]


def since_timestamp(value: str) -> str:
    """An ISO 8601 date or date-time (UTC when it names no zone) as the store's ``ingested_at`` form, which
    compares as text; ``ValueError`` naming the value when it is neither."""
    from datetime import UTC, datetime

    try:
        when = datetime.fromisoformat(value.strip().replace("z", "Z"))
    except ValueError:
        raise ValueError(f"since: '{value}' is not an ISO 8601 date or time (e.g. 2024-03-01T08:00:00Z)") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat(timespec="seconds")


def iter_articles(conn: sqlite3.Connection) -> Iterator[Article]:
    """Every article as a record, in ingest order, a page at a time (no long-lived read snapshot)."""
    for d in iter_contracts(conn):
        yield Article.from_dict(d)


def iter_contracts(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Every article's contract dict, in ingest order, a page at a time."""
    last = -1
    while True:
        rows = conn.execute(
            "SELECT seq, analysis, text FROM articles WHERE seq > ? ORDER BY seq LIMIT ?", (last, _PAGE)
        ).fetchall()
        if not rows:
            return
        for r in rows:
            yield contract(r)
        last = rows[-1]["seq"]


RANK_LIMIT = 5000
"""Most matches ranked by BM25; beyond this the newest matches come first with ``rank`` None
(ranking every match of a common word on a big store takes seconds)."""

# The page of hits is picked on the FTS index alone (it stops early when not ranking); snippets
# are then built row by row through the rowid (a full-table MATCH would scan every match again).
_RANKED = "SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?"
_NEWEST = "SELECT rowid, NULL FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ? OFFSET ?"
_HIT = """
SELECT a.id, a.title, a.outlet, a.published, a.url, a.story_id AS story,
    snippet(articles_fts, -1, :open, :close, '…', 16) AS snippet
FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid
WHERE articles_fts MATCH :q AND articles_fts.rowid = :rowid
"""


def search(conn: sqlite3.Connection, query: str, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """FTS5 search ranked by BM25, title 5x body (newest first beyond ``RANK_LIMIT`` matches), with a
    snippet whose matches are marked ``[...]``; a malformed query is searched as quoted words."""
    query = query[:MAX_QUERY_CHARS].strip()
    if not query:
        return []
    try:
        return _match(conn, query, limit, offset)
    except sqlite3.OperationalError:
        # FTS5 syntax error ("unbalanced, AND, a*b): search the words themselves
        words = as_words(query)
        return _match(conn, words, limit, offset) if words else []


def as_words(query: str) -> str:
    """An FTS5 query matching every word of ``query`` literally (each word quoted).

    Dangling operators ("Kyiv AND") are dropped unless they are all there is.
    """
    words = re.findall(r"\w+", query)
    return " ".join(f'"{w}"' for w in [w for w in words if w not in _OPERATORS] or words)


def _match(conn: sqlite3.Connection, query: str, limit: int, offset: int) -> list[dict[str, Any]]:
    matches = conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT ?)", (query, RANK_LIMIT + 1)
    ).fetchone()[0]
    page_sql = _RANKED if matches <= RANK_LIMIT else _NEWEST
    page = conn.execute(page_sql, (query, max(0, limit), max(0, offset))).fetchall()
    hits = []
    for rowid, rank in page:
        row = conn.execute(_HIT, {"open": SNIPPET_OPEN, "close": SNIPPET_CLOSE, "q": query, "rowid": rowid}).fetchone()
        if row is not None:
            hits.append({**dict(row), "rank": rank})
    return hits


def local_entities(conn: sqlite3.Connection, *, types: tuple[str, ...] = (), limit: int = 10) -> list[dict[str, Any]]:
    """Per-article entities merged by exact name and type, most-mentioned first: name, type, articles, mentions."""
    where = f"WHERE type IN ({', '.join('?' * len(types))})" if types else ""
    rows = conn.execute(
        "SELECT name, type, count(DISTINCT article_id) AS articles, sum(mention_count) AS mentions"
        f" FROM entities {where} GROUP BY name, type ORDER BY mentions DESC, articles DESC, name LIMIT ?",
        (*types, max(0, limit)),
    )
    return [dict(r) for r in rows]
