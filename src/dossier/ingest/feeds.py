"""RSS and Atom feeds (feedparser): one Document per entry, its content (else summary) as text."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import feedparser

from ..errors import InputError
from ..model import Document
from .html import html_to_text, split_authors
from .records import normalize_date
from .streams import one_line


def read_feed(source: str, data: bytes) -> Iterator[Document | InputError]:
    """Documents for the entries of an RSS/Atom feed; ``source#N`` names entry N in errors."""
    # bytes, never a string: feedparser would fetch a string that looks like a URL
    parsed = feedparser.parse(data)
    entries: list[Any] = list(parsed.get("entries") or [])
    if not entries:
        reason = parsed.get("bozo_exception")
        yield InputError(
            source, f"not a readable RSS/Atom feed ({one_line(reason)})" if reason else "feed has no entries"
        )
        return
    outlet = _text(parsed.get("feed", {}).get("title"))
    for i, entry in enumerate(entries, 1):
        where = f"{source}#{i}"
        text = _entry_text(entry)
        if not text:
            yield InputError(where, "feed entry has no content or summary")
            continue
        names = [a.get("name") for a in entry.get("authors") or () if isinstance(a, dict)]
        authors = split_authors([n for n in names if n] or entry.get("author"))
        yield Document(
            text=text,
            title=_text(entry.get("title")),
            url=entry.get("link") or None,
            path=where,
            outlet=outlet,
            authors=authors,
            published=_published(entry),
            extracted_from_html=True,
        )


def _entry_text(entry: Any) -> str:
    contents = [c for c in entry.get("content") or () if isinstance(c, dict) and c.get("value")]
    # an entry may carry plain and HTML renderings; the HTML one keeps the paragraphs
    contents.sort(key=lambda c: "html" not in str(c.get("type", "")))
    for raw in [c["value"] for c in contents] + [entry.get("summary") or ""]:
        text = html_to_text(raw) if raw.strip() else ""
        if text:
            return text
    return ""


def _published(entry: Any) -> str | None:
    for key in ("published", "updated", "created"):
        value = normalize_date(entry.get(key))
        if value:
            return value
    for key in ("published_parsed", "updated_parsed"):
        struct = entry.get(key)
        if isinstance(struct, time.struct_time):
            return time.strftime("%Y-%m-%d", struct)
    return None


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    cleaned = html_to_text(value) if "<" in value else " ".join(value.split())
    return cleaned or None
