"""The SQLite store: one writer, many readers (WAL), plain tables a person (or datasette) can read.

This file fixes the ``Store`` interface the CLI, the web app and the API use.
Every read method returns JSON-ready dicts/lists (no sqlite rows), ids as strings.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from ..model import Article


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What ``Store.write`` did with a batch."""

    added: int = 0
    updated: int = 0
    skipped: int = 0


class Store:
    """A dossier SQLite file. ``readonly=True`` opens it for reading only (the web app, queries)."""

    def __init__(self, path: str, *, readonly: bool = False) -> None:
        raise NotImplementedError

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (checkpointing the WAL when writable)."""
        raise NotImplementedError

    # ---- writing (single writer) ----
    def known(self, article_id: str) -> str | None:
        """The stored content hash of ``article_id``, or None when not stored."""
        raise NotImplementedError

    def write(self, articles: Iterable[Article]) -> WriteResult:
        """Store a batch of analysed articles in one transaction (replacing changed ones),
        then update cross-article state (global entities, stories, provenance) incrementally."""
        raise NotImplementedError

    # ---- reading ----
    def stats(self) -> dict[str, int]:
        """Counts: articles, entities (global), mentions, quotes, sources, timexes, events, stories."""
        raise NotImplementedError

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article in the JSON contract (plus ``story`` id and global entity ids), or None."""
        raise NotImplementedError

    def articles(self, *, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Latest articles first: id, title, outlet, published, url, counts (no text)."""
        raise NotImplementedError

    def iter_articles(self) -> Iterator[Article]:
        """Every stored article as a record (for export), in ingest order, streaming."""
        raise NotImplementedError

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """FTS5 search: id, title, outlet, published, snippet, rank. A malformed query is searched as words."""
        raise NotImplementedError

    def entities(
        self, query: str | None = None, *, types: tuple[str, ...] = (), limit: int = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Global entities by mention count (matching ``query`` against names/aliases): id, name, type,
        aliases, articles, mentions."""
        raise NotImplementedError

    def entity(self, name_or_id: str) -> dict[str, Any] | None:
        """The dossier of the best-matching global entity: name, type, aliases, why merged, articles,
        timeline (date, event, evidence, article), quotes by it, quotes about it, sources, co-occurring
        entities."""
        raise NotImplementedError

    def stories(self, *, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Stories, biggest first: id, title, articles (id, outlet, published, url), first_published,
        original, outlets, independent_sources, provenance edges."""
        raise NotImplementedError

    def story(self, story_id: str) -> dict[str, Any] | None:
        """One story as in ``stories``, with its provenance graph."""
        raise NotImplementedError

    def timeline(self, entity: str | None = None, *, limit: int = 500) -> list[dict[str, Any]]:
        """Events in date order: date, type, cameo, trigger, sentence, participants, article id/title/outlet."""
        raise NotImplementedError
