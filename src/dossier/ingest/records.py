"""JSONL records (``text`` or ``html`` plus metadata) and the metadata normalizers shared by the readers."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any, BinaryIO

from ..errors import InputError
from ..model import Document
from .clean import scrub_record
from .html import extract, split_authors
from .streams import MAX_BYTES, lines, one_line

_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def normalize_date(value: object) -> str | None:
    """An ISO date (YYYY-MM-DD) from an ISO date/datetime, RFC 2822 date or YYYYMMDD; None if unparseable."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return None  # a bare number is ambiguous (epoch seconds? milliseconds?)
    if not isinstance(value, str) or not value.strip():
        return None
    s = value.strip()
    m = _COMPACT_DATE.match(s)
    if m:
        s = f"{m[1]}-{m[2]}-{m[3]}"
    try:
        return datetime.fromisoformat(s.replace("z", "Z")).date().isoformat()
    except ValueError:
        pass
    if re.match(r"^\d{4}-\d{2}-\d{2}(?:[T ]|$)", s):  # a date with a time part fromisoformat rejects
        try:
            return date.fromisoformat(s[:10]).isoformat()
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


_AMBIGUOUS_DATE = re.compile(r"^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}$")


def check_date(value: str) -> str:
    """A publication date given by a person (``--published``, the ingest API) as YYYY-MM-DD.

    ISO dates and datetimes, YYYYMMDD and RFC 2822 dates are read; ``ValueError`` with a one-line reason for
    anything else — an ambiguous day/month order ("10/05/2024") or an impossible date ("2024-13-45") included.
    """
    s = value.strip()
    if _AMBIGUOUS_DATE.match(s):
        raise ValueError(f"'{s}' is ambiguous (day/month or month/day?): write it as YYYY-MM-DD")
    found = normalize_date(s)
    if found is None:
        raise ValueError(f"cannot read '{s[:40]}' as a date: give YYYY-MM-DD (ISO 8601) or an RFC 2822 date")
    return found


def document_from_record(source: str, rec: Mapping[str, Any], path: str) -> Document:
    """One Document from a JSONL record; ``InputError`` when it has no text."""
    warnings: list[str] = []
    text = rec.get("text")
    html = rec.get("html")
    url = _str(rec.get("url"))
    title = _str(rec.get("title"))
    outlet = _str(rec.get("outlet"))
    authors = split_authors(rec.get("authors") if rec.get("authors") is not None else rec.get("author"))
    published: str | None = None
    extracted = False
    if isinstance(text, str) and text.strip():
        body = text
    elif isinstance(html, str) and html.strip():
        page = extract(source, html, url)
        body, extracted = page.text, True
        title, outlet = title or page.title, outlet or page.outlet
        authors = authors or page.authors
        published = page.published
        warnings.extend(page.warnings)
    else:
        why = "empty" if isinstance(text, str) or isinstance(html, str) else "missing"
        raise InputError(source, f"record has no text ('text' or 'html' {why})")
    raw_published = rec.get("published", rec.get("date"))
    if raw_published not in (None, ""):
        normalized = normalize_date(raw_published)
        if normalized is None:
            warnings.append(f"published: cannot read {str(raw_published)[:40]!r} as a date; ignored")
        else:
            published = normalized
    raw_id = rec.get("id")
    return Document(
        text=body,
        id=str(raw_id) if raw_id not in (None, "") else None,
        title=title,
        url=url,
        path=path,
        outlet=outlet,
        authors=authors,
        published=published,
        language=_str(rec.get("language")),
        warnings=tuple(warnings),
        extracted_from_html=extracted,
    )


def _str(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


BINARY_PROBE = 20
"""Bad lines at the start of a JSONL input whose head looks binary, after which it is called binary as a whole."""


def read_jsonl(source: str, stream: BinaryIO, *, binary: str | None = None) -> Iterator[Document | InputError]:
    """One Document per good line of a JSONL stream; one ``InputError`` (``source:line``) per bad line.

    ``binary`` is the reason the head looks binary: such an input is still read line by line (a stray NUL costs
    only its record), but when its first ``BINARY_PROBE`` lines hold no record it is refused with that one reason
    rather than a line per line."""
    count = 0
    held: list[InputError] = []
    for item in _jsonl_items(source, stream):
        count += 1
        if binary is not None and isinstance(item, InputError) and count - len(held) == 1:
            held.append(item)  # nothing good yet: hold the errors until the input shows it is JSONL after all
            if len(held) >= BINARY_PROBE:
                yield InputError(source, binary)
                return
            continue
        yield from held
        held.clear()
        yield item
    yield from held
    if count == 0:
        yield InputError(source, "no records (only blank lines)")


def read_json(source: str, data: bytes) -> Iterator[Document | InputError]:
    """A ``.json`` file: one record object, or an array of them (``source#N`` names item N)."""
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        yield InputError(source, "not valid UTF-8 JSON")
        return
    except json.JSONDecodeError as exc:
        yield InputError(source, f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})")
        return
    if isinstance(value, dict):
        items: list[tuple[str, object]] = [(source, value)]
    elif isinstance(value, list):
        items = [(f"{source}#{i}", v) for i, v in enumerate(value, 1)]
        if not items:
            yield InputError(source, "an empty JSON array: no records")
    else:
        yield InputError(source, f"JSON must be a record object or an array of them, not {type(value).__name__}")
        return
    for where, rec in items:
        yield record_document(where, rec)


def _jsonl_items(source: str, stream: BinaryIO) -> Iterator[Document | InputError]:
    for n, raw in lines(source, stream, MAX_BYTES):
        item = parse_line(source, n, raw)
        if item is not None:
            yield item


def parse_line(source: str, n: int, raw: bytes | None) -> Document | InputError | None:
    """Line ``n`` of a JSONL input as a Document, an ``InputError`` naming ``source:n``, or None if blank.

    ``raw`` is None for a line longer than the cap (``streams.lines`` skips its content).
    """
    where = f"{source}:{n}"
    if raw is None:
        return InputError(where, f"line longer than the {MAX_BYTES >> 20} MB cap; record skipped")
    if not raw.strip():
        return None
    repaired: tuple[str, ...] = ()
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        line = raw.decode("cp1252", errors="replace")
        repaired = ("text: line is not valid UTF-8; decoded as Windows-1252 (cp1252) — check accented letters",)
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(where, f"not valid JSON ({exc.msg} at column {exc.colno})")
    item = record_document(where, rec)
    if isinstance(item, InputError) or not repaired:
        return item
    return replace(item, warnings=repaired + item.warnings)


def record_document(where: str, rec: object) -> Document | InputError:
    """One parsed JSON record as a Document, or an ``InputError`` naming ``where``: never raises, so that a
    bad record costs only itself. Lone surrogates (``"\\ud800"``) are replaced first, with a warning."""
    if not isinstance(rec, dict):
        return InputError(where, f"a record must be a JSON object, not {type(rec).__name__}")
    clean, scrubbed = scrub_record(rec)
    try:
        doc = document_from_record(where, clean, where)
    except InputError as exc:
        return exc
    except Exception as exc:  # a reader bug on one odd record must not cost the records around it
        return InputError(where, f"cannot read record ({type(exc).__name__}: {one_line(exc)})")
    return replace(doc, warnings=(*doc.warnings, *scrubbed)) if scrubbed else doc
