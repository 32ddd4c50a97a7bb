"""The SQLite store: one writer, many readers (WAL), plain tables a person (or datasette) can read.

This file fixes the ``Store`` interface the CLI, the web app and the API use.
Every read method returns JSON-ready dicts/lists (no sqlite rows), ids as strings.
The work is done in ``db`` (opening, migrations), ``writer`` (the single writer, which hands each batch's
records to ``corpus.update_corpus`` in the same transaction), ``queries`` (per-article reads) and
``corpus_queries`` (cross-article reads). The cross-article tables are ``corpus_schema``'s migrations;
the pure cross-article stages they store the results of live in ``dossier.corpus``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from types import TracebackType
from typing import Any

from ..errors import StoreError
from ..model import Article
from . import corpus_queries, queries
from .db import connect
from .writer import WriteResult, write_batch

__all__ = ["Store", "StoreError", "WriteResult"]


class Store:
    """A dossier SQLite file. ``readonly=True`` opens it for reading only (the web app, queries)."""

    def __init__(self, path: str, *, readonly: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        self._conn: sqlite3.Connection | None = connect(path, readonly=readonly)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (checkpointing the WAL when writable)."""
        if self._conn is None:
            return
        conn, self._conn = self._conn, None
        try:
            if not self.readonly:
                conn.execute("PRAGMA optimize")
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.Error:
            pass  # a busy reader may hold the WAL; the next writer checkpoints it
        finally:
            conn.close()

    @property
    def conn(self) -> sqlite3.Connection:
        """The open connection (for the cross-article layer and tests); StoreError once closed."""
        if self._conn is None:
            raise StoreError(f"store {self.path} is closed")
        return self._conn

    # ---- writing (single writer) ----
    def known(self, article_id: str) -> str | None:
        """The stored content hash of ``article_id``, or None when not stored."""
        return queries.known(self.conn, article_id)

    def known_path(self, path: str) -> str | None:
        """The stored content hash of the article last read from the file ``path``, or None."""
        return queries.known_path(self.conn, path)

    def write(
        self,
        articles: Iterable[Article],
        *,
        stories_of: Mapping[str, str] | None = None,
        entities_of: Mapping[tuple[str, str], str] | None = None,
    ) -> WriteResult:
        """Store a batch of analysed articles in one transaction (replacing changed ones),
        then update cross-article state (global entities, stories, provenance) incrementally. ``stories_of``
        (article id -> its story's first article) takes the stories a batch's cross-article pass decided, and
        ``entities_of`` ((article id, local id) -> the first mention of its global entity) the entities it merged."""
        if self.readonly:
            raise StoreError(f"store {self.path} is open read-only")
        try:
            return write_batch(self.conn, articles, stories_of, entities_of)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to {self.path}: {exc}") from exc

    # ---- reading ----
    def stats(self) -> dict[str, int]:
        """Counts: articles, entities (global), mentions, quotes, sources, timexes, events, stories."""
        return queries.stats(self.conn)

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article in the JSON contract (plus ``story`` id and global entity ids), or None."""
        return queries.article(self.conn, article_id)

    def articles(self, *, limit: int = 50, offset: int = 0, since: str | None = None) -> list[dict[str, Any]]:
        """Latest articles first: id, title, outlet, published, url, counts (no text); with ``since`` (an ISO
        date or time), those stored since then, the last to arrive first (``ValueError`` for a bad time)."""
        return queries.articles(self.conn, limit=limit, offset=offset, since=since)

    def iter_articles(self) -> Iterator[Article]:
        """Every stored article as a record (for export), in ingest order, streaming."""
        return queries.iter_articles(self.conn)

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """FTS5 search: id, title, outlet, published, snippet, rank. A malformed query is searched as words."""
        return queries.search(self.conn, query, limit=limit, offset=offset)

    def local_entities(self, *, types: tuple[str, ...] = (), limit: int = 10) -> list[dict[str, Any]]:
        """Per-article entities merged by exact name, most-mentioned first (works without the corpus layer)."""
        return queries.local_entities(self.conn, types=types, limit=limit)

    def entities(
        self, query: str | None = None, *, types: tuple[str, ...] = (), limit: int = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Global entities by mention count (matching ``query`` against names/aliases): id, name, type,
        aliases, articles, mentions."""
        return self._cross("entities", [], query, types=types, limit=limit, offset=offset)  # type: ignore[no-any-return]

    def entity(self, name_or_id: str) -> dict[str, Any] | None:
        """The dossier of the best-matching global entity: name, type, aliases, why merged, articles,
        timeline (date, event, evidence, article), quotes by it, quotes about it, sources, co-occurring
        entities."""
        return self._cross("entity", None, name_or_id)  # type: ignore[no-any-return]

    def stories(self, *, limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Stories, biggest first: id, title, articles (id, outlet, published, url), first_published,
        original, outlets, independent_sources, provenance edges; ``limit`` None or 0: all."""
        return self._cross("stories", [], limit=limit, offset=offset)  # type: ignore[no-any-return]

    def story(self, story_id: str) -> dict[str, Any] | None:
        """One story as in ``stories``, with its provenance graph."""
        return self._cross("story", None, story_id)  # type: ignore[no-any-return]

    def quotes(
        self,
        *,
        speaker: str | None = None,
        story: str | None = None,
        altered: bool = False,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Quote groups seen in two or more articles: id, text, speaker {name, entity}, first {article, outlet,
        published}, appearances (article, outlet, published, text, speaker, relation, changes); filtered by
        speaker (name, alias or id), story id, or ``altered`` (an altered or misattributed copy)."""
        return self._cross(  # type: ignore[no-any-return]
            "quotes", [], speaker=speaker, story=story, altered=altered, limit=limit, offset=offset
        )

    def quote_group(self, group_id: str) -> dict[str, Any] | None:
        """One quote group as in ``quotes``, or None."""
        return self._cross("quote_group", None, group_id)  # type: ignore[no-any-return]

    def timeline(self, entity: str | None = None, *, limit: int = 500, offset: int = 0) -> list[dict[str, Any]]:
        """Events in date order: date, type, cameo, trigger, sentence, participants, article id/title/outlet."""
        return self._cross("timeline", [], entity, limit=limit, offset=offset)  # type: ignore[no-any-return]

    def _cross(self, name: str, empty: Any, *args: Any, **kwargs: Any) -> Any:
        """Call a cross-article read (``corpus_queries``); a store written before that layer existed, opened
        read-only (so it cannot be migrated), lacks its tables and answers as an empty one instead of failing."""
        try:
            return getattr(corpus_queries, name)(self.conn, *args, **kwargs)
        except sqlite3.OperationalError as exc:
            if "no such table" not in str(exc):
                raise
            return empty
