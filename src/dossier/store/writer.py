"""The single writer: a batch of analysed articles -> rows, in one transaction with the corpus update.

An unchanged article (same id, same content hash) is skipped; a changed one keeps its row
(and ingest position) but has its analysis and every child row replaced and its story
cleared, so the cross-article layer re-places it. A changed file is the same input as before:
an article whose id comes from its content hash and whose file path is already stored takes
over that article's id and replaces it (``previous_version``), rather than sitting beside it.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from ..errors import StoreError
from ..model import Article
from . import corpus
from .db import now, transaction


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What ``Store.write`` did with a batch."""

    added: int = 0
    updated: int = 0
    skipped: int = 0


def write_batch(
    conn: sqlite3.Connection,
    articles: Iterable[Article],
    stories_of: Mapping[str, str] | None = None,
    entities_of: Mapping[tuple[str, str], str] | None = None,
) -> WriteResult:
    """Insert or replace ``articles`` and update the cross-article layer, all in one transaction (``stories_of``,
    ``entities_of``: stories and entities decided by a batch's cross-article pass, see ``corpus.update_corpus``)."""
    added = updated = skipped = 0
    changed: list[Article] = []
    with transaction(conn):
        for article in articles:
            row = conn.execute("SELECT content_hash FROM articles WHERE id = ?", (article.id,)).fetchone()
            if row is None and (previous := previous_version(conn, article)) is not None:
                article = replace(article, id=previous)  # the edited file keeps its id: it replaces itself
                row = conn.execute("SELECT content_hash FROM articles WHERE id = ?", (article.id,)).fetchone()
            if row is not None and row[0] == article.content_hash:
                skipped += 1
                continue
            try:
                if row is None:
                    _insert_article(conn, article)
                    added += 1
                else:
                    _replace_article(conn, article)
                    updated += 1
                _insert_children(conn, article)
            except UnicodeEncodeError as exc:  # readers replace lone surrogates; say so if one got through anyway
                raise StoreError(
                    f"article {article.id!r} holds text that is not valid Unicode ({exc.reason} at {exc.start}); "
                    "nothing of this batch was stored"
                ) from None
            changed.append(article)
        if changed:
            corpus.update_corpus(conn, changed, stories_of, entities_of)
    return WriteResult(added=added, updated=updated, skipped=skipped)


_RECORD_IN_FILE = re.compile(r"[:#]\d+$")
"""A path naming one record of a container (``feed.jsonl:3``, ``crawl.warc#12``): not a whole input."""


def whole_file_path(article: Article) -> str | None:
    """The file an article is the whole of (a .txt or HTML file read by path), else None (records of a JSONL,
    feed or WARC file, stdin, articles known by URL)."""
    path = article.source.get("path")
    if not path or path == "-" or _RECORD_IN_FILE.search(path):
        return None
    return path


def previous_version(conn: sqlite3.Connection, article: Article) -> str | None:
    """The id of the stored article from the same file as ``article``, when ``article`` has no id of its own (its
    id is its content hash) — so an edited file replaces what it was instead of being added beside it."""
    path = whole_file_path(article)
    if path is None or article.id != article.content_hash[:16]:
        return None
    row = conn.execute("SELECT id FROM articles WHERE path = ? ORDER BY seq DESC LIMIT 1", (path,)).fetchone()
    return None if row is None else str(row[0])


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _article_values(article: Article) -> dict[str, Any]:
    contract = article.to_dict()
    contract["text"] = None  # the text is stored once, in its own column; reads put it back in place
    return {
        "id": article.id,
        "content_hash": article.content_hash,
        "title": article.title,
        "outlet": article.outlet,
        "authors": _dumps(list(article.authors)),
        "published": article.published,
        "language": article.language,
        "url": article.source.get("url"),
        "path": article.source.get("path"),
        "text": article.text,
        "analysis": _dumps(contract),
        "warnings": _dumps(list(article.warnings)),
        "ingested_at": now(),
    }


def _insert_article(conn: sqlite3.Connection, article: Article) -> None:
    values = _article_values(article)
    cols = ", ".join(values)
    marks = ", ".join(f":{k}" for k in values)
    conn.execute(f"INSERT INTO articles ({cols}) VALUES ({marks})", values)


def _replace_article(conn: sqlite3.Connection, article: Article) -> None:
    values = _article_values(article)
    sets = ", ".join(f"{k} = :{k}" for k in values if k != "id")
    conn.execute(f"UPDATE articles SET {sets}, story_id = NULL WHERE id = :id", values)
    for table in ("event_participants", "mentions", "events", "entities", "quotes", "sources", "timexes"):
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article.id,))


def _insert_children(conn: sqlite3.Connection, a: Article) -> None:
    for e in a.entities:
        cur = conn.execute(
            "INSERT INTO entities (article_id, local_id, name, type, aliases, confidence, mention_count)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (a.id, e.id, e.name, e.type, _dumps(list(e.aliases)), e.confidence, len(e.mentions)),
        )
        conn.executemany(
            "INSERT INTO mentions (entity_id, article_id, start, end, text, kind) VALUES (?, ?, ?, ?, ?, ?)",
            [(cur.lastrowid, a.id, m.start, m.end, m.text, m.kind) for m in e.mentions],
        )
    conn.executemany(
        "INSERT INTO quotes (article_id, position, text, start, end, kind, speaker_name, speaker_entity,"
        " speaker_start, speaker_end, cue, cue_start, cue_end, confidence, note, category)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                a.id,
                i,
                q.text,
                q.start,
                q.end,
                q.kind,
                q.speaker.name if q.speaker else None,
                q.speaker.entity if q.speaker else None,
                q.speaker.start if q.speaker else None,
                q.speaker.end if q.speaker else None,
                q.cue,
                q.cue_start,
                q.cue_end,
                q.confidence,
                q.note,
                q.category,
            )
            for i, q in enumerate(a.quotes)
        ],
    )
    conn.executemany(
        "INSERT INTO sources (article_id, position, name, kind, text, start, end, entity)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(a.id, i, s.name, s.kind, s.text, s.start, s.end, s.entity) for i, s in enumerate(a.sources)],
    )
    conn.executemany(
        "INSERT INTO timexes (article_id, position, text, start, end, type, value, anchor)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(a.id, i, t.text, t.start, t.end, t.type, t.value, t.anchor) for i, t in enumerate(a.timexes)],
    )
    for i, ev in enumerate(a.events):
        participants = [
            {"role": p.role, "name": p.name, "entity": p.entity, "start": p.start, "end": p.end}
            for p in ev.participants
        ]
        cur = conn.execute(
            "INSERT INTO events (article_id, position, type, cameo, trigger, start, end, sentence, sentence_start,"
            " sentence_end, date_value, date_text, date_basis, location, participants, confidence, modality,"
            " date_anchor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                a.id,
                i,
                ev.type,
                ev.cameo,
                ev.trigger,
                ev.start,
                ev.end,
                ev.sentence,
                ev.sentence_start,
                ev.sentence_end,
                ev.date.value if ev.date else None,
                ev.date.text if ev.date else None,
                ev.date.basis if ev.date else None,
                ev.location,
                _dumps(participants),
                ev.confidence,
                ev.modality,
                ev.date.anchor if ev.date else None,
            ),
        )
        conn.executemany(
            "INSERT INTO event_participants (event_id, article_id, role, name, entity, start, end)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(cur.lastrowid, a.id, p.role, p.name, p.entity, p.start, p.end) for p in ev.participants],
        )
