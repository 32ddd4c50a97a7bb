"""Unicode the rest of dossier can rely on: no lone surrogates in any string a reader hands on.

A JSON ``"\\ud800"`` escape decodes to a lone surrogate, which no UTF-8 encoder (spaCy's string store,
SQLite, a JSON dump) accepts. Readers replace each with U+FFFD — one code point for one, so every
offset still lines up — and say so in the document's warnings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ..model import Document

SURROGATE = re.compile("[\ud800-\udfff]")
"""A UTF-16 surrogate code point on its own: not a character, not encodable as UTF-8."""

REPLACEMENT = "\ufffd"

LOSS_MARK = "content lost"
"""Every warning that says part of the input did not survive ends with this phrase; the CLI reports those on
stderr (``losses``) as well as in the article's warnings."""


def scrub(value: str) -> tuple[str, int]:
    """``value`` with every lone surrogate replaced by U+FFFD, and how many there were."""
    if not SURROGATE.search(value):
        return value, 0
    return SURROGATE.subn(REPLACEMENT, value)


def surrogate_warning(field: str, n: int, first: int | None = None) -> str:
    """The warning for ``n`` replaced surrogates in ``field`` (``first``: offset of the first, for the text)."""
    where = f" (first at offset {first})" if first is not None else ""
    return f"{field}: {n} lone surrogate code point(s) (invalid Unicode) replaced with U+FFFD{where} ({LOSS_MARK})"


def scrub_record(rec: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """A JSON record with lone surrogates replaced in every string (nested too), and a warning per field."""
    warnings: list[str] = []
    out: dict[str, Any] = {}
    for key, value in rec.items():
        clean_key, _ = scrub(str(key))
        cleaned, n = _scrub_any(value)
        if n:
            first = SURROGATE.search(value).start() if isinstance(value, str) else None  # type: ignore[union-attr]
            warnings.append(surrogate_warning(clean_key, n, first if clean_key in ("text", "html") else None))
        out[clean_key] = cleaned
    return out, warnings


def _scrub_any(value: Any) -> tuple[Any, int]:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, list):
        parts = [_scrub_any(v) for v in value]
        return [p[0] for p in parts], sum(p[1] for p in parts)
    if isinstance(value, dict):
        pairs = [(scrub(str(k))[0], _scrub_any(v)) for k, v in value.items()]
        return {k: v[0] for k, v in pairs}, sum(v[1] for _, v in pairs)
    return value, 0


def scrub_document(doc: Document) -> Document:
    """``doc`` with lone surrogates replaced in its text and metadata (unchanged, same object, when none)."""
    changes: dict[str, Any] = {}
    warnings: list[str] = []
    for name in ("text", "id", "title", "url", "path", "outlet", "published", "language"):
        value = getattr(doc, name)
        if isinstance(value, str):
            cleaned, n = scrub(value)
            if n:
                first = SURROGATE.search(value)
                warnings.append(surrogate_warning(name, n, first.start() if first and name == "text" else None))
                changes[name] = cleaned
    authors = [scrub(a) for a in doc.authors]
    if any(n for _, n in authors):
        changes["authors"] = tuple(a for a, _ in authors)
        warnings.append(surrogate_warning("authors", sum(n for _, n in authors)))
    old = [scrub(w) for w in doc.warnings]
    if any(n for _, n in old):
        changes["warnings"] = tuple(w for w, _ in old)
    if not changes and not warnings:
        return doc
    changes["warnings"] = (*changes.get("warnings", doc.warnings), *warnings)
    return replace(doc, **changes)


def losses(warnings: tuple[str, ...] | list[str]) -> list[str]:
    """The warnings that say part of the input was lost or replaced (reported on stderr by the CLI)."""
    return [w for w in warnings if LOSS_MARK in w]


MAX_CHARS = 2 * 1024 * 1024
"""Default cap on one article's text, in characters (``Options.max_chars``, ``--max-chars``): news articles are
a few thousand; past this it is a dump, a log or an attack, and analysis time grows with it."""


def cap_document(doc: Document, max_chars: int | None) -> Document:
    """``doc`` with its text cut to at most ``max_chars`` characters (at a line or word break near the cap when
    there is one), and a warning naming what was cut; ``doc`` itself when it fits or ``max_chars`` is None."""
    n = len(doc.text)
    if max_chars is None or n <= max_chars:
        return doc
    cut = max_chars
    window = doc.text[max(0, max_chars - 2000) : max_chars + 1]
    for sep, keep in (("\n", 1), (". ", 1), (" ", 0)):  # a paragraph, else a sentence, else a word break
        at = window.rfind(sep, 0, len(window) - keep)
        if at > 0:
            cut = max(0, max_chars - 2000) + at + keep
            break
    warning = (
        f"text: {n:,} characters, over the {max_chars:,}-character cap per article (--max-chars); kept and analysed "
        f"characters 0–{cut:,}, cut {cut:,}–{n:,} ({LOSS_MARK})"
    )
    return replace(doc, text=doc.text[:cut], warnings=(*doc.warnings, warning))
