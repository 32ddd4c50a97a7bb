"""Readers: turn paths (text, HTML, JSONL, RSS/Atom, WARC, .gz, directories, stdin) into Documents.

``read(paths)`` yields ``Document`` for every good article and ``InputError`` for every
input (or record) that could not be read — in input order, never raising, so that a
bad input never stops the good ones around it. This package is dossier's only file I/O
on the way in; everything after it works on ``Document`` records.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from ..errors import InputError
from ..model import Document
from .clean import LOSS_MARK, losses, scrub_document
from .feeds import read_feed
from .html import extract
from .records import normalize_date, read_json, read_jsonl
from .streams import (
    MAX_BYTES,
    Format,
    binary_kind,
    binary_reason,
    format_from_name,
    one_line,
    open_binary,
    read_capped,
    sniff,
    walk,
)
from .text import decode
from .warc import read_warc

__all__ = ["LOSS_MARK", "MAX_BYTES", "count", "losses", "normalize_date", "read", "read_one", "scrub_document"]

STDIN = "-"
"""The path that means standard input."""


def read(paths: Sequence[str]) -> Iterator[Document | InputError]:
    """Documents from every path, in order; an ``InputError`` for each input or record that fails.

    Every Document's strings are valid Unicode (lone surrogates replaced, with a warning)."""
    for item in _read(paths):
        yield item if isinstance(item, InputError) else scrub_document(item)


def _read(paths: Sequence[str]) -> Iterator[Document | InputError]:
    for p in paths:
        if p == STDIN:
            yield from read_one(STDIN)
        elif os.path.isdir(p):
            found = False
            for f in walk(p):
                found = True
                yield from read_one(f)
            if not found:
                yield InputError(p, "directory holds no (non-hidden) files")
        elif not os.path.lexists(p):
            yield InputError(p, "no such file or directory")
        else:
            yield from read_one(p)


def count(paths: Sequence[str]) -> int | None:
    """How many records ``read(paths)`` will yield, when that is cheap to know: one per text or HTML file,
    one per non-blank line of an uncompressed JSONL file, directories walked; ``None`` when any input
    (stdin, a feed, a WARC, a compressed or JSON file, Parquet batch output) is not countable up front."""
    total = 0
    for p in paths:
        if p == STDIN:
            return None
        files = list(walk(p)) if os.path.isdir(p) else [p]
        for f in files:
            fmt, compressed = format_from_name(f)
            if compressed or fmt not in ("text", "html", "jsonl"):
                return None
            if fmt == "jsonl":
                try:
                    with open(f, "rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    total += 1  # the read will report it as one error
            else:
                total += 1
    return total


def read_one(path: str) -> Iterator[Document | InputError]:
    """Documents from one file (or ``-`` for stdin), its format from its name or else sniffed."""
    source = "<stdin>" if path == STDIN else path
    fmt, _ = (None, False) if path == STDIN else format_from_name(path)
    try:
        stream = open_binary(source, None if path == STDIN else path, container=fmt not in ("text", "html", "json"))
    except InputError as exc:
        yield exc
        return
    try:
        yield from _dispatch(source, path, fmt, stream)
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(source, f"read failed ({exc.strerror or exc})")
    except Exception as exc:  # a reader bug must surface as one line naming the input, never a traceback
        yield InputError(source, f"cannot read ({type(exc).__name__}: {one_line(exc)})")
    finally:
        if path != STDIN:
            stream.close()


def _dispatch(source: str, path: str, fmt: Format | None, stream: BinaryIO) -> Iterator[Document | InputError]:
    head = stream.peek(8192)[:8192] if hasattr(stream, "peek") else b""
    if not head:
        raise InputError(source, "empty file")
    fmt = fmt or sniff(head)
    reason = None
    if fmt != "text" and fmt != "warc":  # text decoding has its own, finer check
        reason = binary_reason(head, "HTML" if fmt == "html" else "JSON" if fmt.startswith("json") else "a feed")
        # JSONL and feeds are judged record by record: a stray NUL in one must not cost the file (a PDF still does)
        if reason and not (fmt in ("jsonl", "feed") and binary_kind(head) == "binary data"):
            raise InputError(source, reason)
    doc_path = STDIN if path == STDIN else path
    if fmt == "jsonl":
        yield from read_jsonl(source, stream, binary=reason)
    elif fmt == "json":
        yield from read_json(source, read_capped(source, stream))
    elif fmt == "warc":
        yield from read_warc(source, stream)
    elif fmt == "feed":
        yield from read_feed(source, read_capped(source, stream))
    elif fmt == "html":
        page = extract(source, read_capped(source, stream))
        yield Document(
            text=page.text,
            title=page.title,
            url=page.url,
            path=doc_path,
            outlet=page.outlet,
            authors=page.authors,
            published=page.published,
            warnings=page.warnings,
            extracted_from_html=True,
        )
    else:
        decoded = decode(source, read_capped(source, stream))
        yield Document(text=decoded.text, path=doc_path, warnings=decoded.warnings)
