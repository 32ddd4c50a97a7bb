"""What ``dossier watch`` has seen, kept in the store (tables ``watch_feeds`` and ``watch_items``, migration
``watch-001-feeds-items``): every change is one short transaction, so a restart or a ``kill -9`` loses
nothing and fetches nothing twice."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ..store.db import now as utc_now
from ..store.db import transaction
from .listing import Item


@dataclass(frozen=True, slots=True)
class FeedState:
    """A feed's validators and failure count."""

    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    retry_at: float | None = None


@dataclass(frozen=True, slots=True)
class Pending:
    """An item still to fetch (new, or failed and due again)."""

    url: str
    feed: str
    title: str | None
    published: str | None
    attempts: int


def feed(conn: sqlite3.Connection, url: str) -> FeedState:
    """The stored state of ``url`` (defaults for a feed never polled)."""
    row = conn.execute(
        "SELECT etag, last_modified, failures, retry_at FROM watch_feeds WHERE url = ?", (url,)
    ).fetchone()
    return FeedState(*row) if row else FeedState()


def feed_polled(
    conn: sqlite3.Connection, url: str, etag: str | None, last_modified: str | None, items: tuple[Item, ...] = ()
) -> int:
    """Record a good poll (its validators) and the items it listed, in one transaction; return how many of
    the items are new."""
    with transaction(conn):
        conn.execute(
            "INSERT INTO watch_feeds(url, etag, last_modified, polled_at, failures, retry_at, last_error)"
            " VALUES (?, ?, ?, ?, 0, NULL, NULL) ON CONFLICT(url) DO UPDATE SET etag = excluded.etag,"
            " last_modified = excluded.last_modified, polled_at = excluded.polled_at, failures = 0,"
            " retry_at = NULL, last_error = NULL",
            (url, etag, last_modified, utc_now()),
        )
        before = conn.total_changes
        conn.executemany(
            "INSERT OR IGNORE INTO watch_items(url, feed, title, published, seen_at) VALUES (?, ?, ?, ?, ?)",
            [(i.url, url, i.title, i.published, utc_now()) for i in items],
        )
        return conn.total_changes - before


def feed_failed(conn: sqlite3.Connection, url: str, error: str, failures: int, retry_at: float) -> None:
    """Record a failed poll: the feed is not polled again before ``retry_at``."""
    with transaction(conn):
        conn.execute(
            "INSERT INTO watch_feeds(url, polled_at, failures, retry_at, last_error) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT(url) DO UPDATE SET polled_at = excluded.polled_at, failures = excluded.failures,"
            " retry_at = excluded.retry_at, last_error = excluded.last_error",
            (url, utc_now(), failures, retry_at, error),
        )


def due(conn: sqlite3.Connection, at: float, max_attempts: int) -> list[Pending]:
    """Items to fetch now, in the order they were first seen: new ones, and failed ones whose wait is over."""
    rows = conn.execute(
        "SELECT url, feed, title, published, attempts FROM watch_items WHERE state = 'new'"
        " OR (state = 'failed' AND retry_at <= ? AND attempts < ?) ORDER BY rowid",
        (at, max_attempts),
    )
    return [Pending(*r) for r in rows]


def item_done(conn: sqlite3.Connection, url: str, article_id: str) -> None:
    """The item's article is in the store."""
    with transaction(conn):
        conn.execute(
            "UPDATE watch_items SET state = 'done', article_id = ?, error = NULL, retry_at = NULL WHERE url = ?",
            (article_id, url),
        )


def item_skipped(conn: sqlite3.Connection, url: str, reason: str) -> None:
    """The item is not an article dossier can read (not HTML, no text, disallowed): never fetched again."""
    with transaction(conn):
        conn.execute("UPDATE watch_items SET state = 'skipped', error = ? WHERE url = ?", (reason, url))


def item_failed(conn: sqlite3.Connection, url: str, reason: str, retry_at: float) -> None:
    """The fetch failed: count the attempt and wait until ``retry_at``."""
    with transaction(conn):
        conn.execute(
            "UPDATE watch_items SET state = 'failed', attempts = attempts + 1, error = ?, retry_at = ? WHERE url = ?",
            (reason, retry_at, url),
        )


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Items by state (for reports and tests)."""
    return {r[0]: r[1] for r in conn.execute("SELECT state, count(*) FROM watch_items GROUP BY state")}
