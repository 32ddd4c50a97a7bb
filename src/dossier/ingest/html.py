"""HTML: the main text by trafilatura; title, authors and date by a vote between the page's metadata sources.

The document's text is the extracted main text; every offset indexes into it. The metadata
candidates (JSON-LD, OpenGraph, ``<meta>``, author elements, bylines, the URL, trafilatura,
htmldate) and the vote between them are in ``metadata.py``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import htmldate
import lxml.etree  # type: ignore[import-untyped]  # lxml ships no type hints
import lxml.html  # type: ignore[import-untyped]
import trafilatura
from trafilatura.utils import load_html

from ..errors import InputError
from .clean import LOSS_MARK
from .metadata import Candidate, candidate, page_candidates, vote
from .visible import html_to_text as html_to_text  # re-exported: feeds and callers read it from here

# trafilatura and htmldate log routine misses ("discarding data") as warnings; the CLI's stderr is for input errors
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False


@dataclass(frozen=True, slots=True)
class Extracted:
    """What one HTML page yields."""

    text: str
    title: str | None
    authors: tuple[str, ...]
    outlet: str | None
    published: str | None
    url: str | None = None
    warnings: tuple[str, ...] = ()


def extract(source: str, html: bytes | str, url: str | None = None) -> Extracted:
    """Extract the article from one HTML page; ``InputError`` when there is no text at all."""
    if not html.strip():
        raise InputError(source, "empty file")
    warnings: list[str] = []
    if _truncated(html):
        warnings.append(
            "html: the page looks truncated (no closing </body> or </html>); extracted what is there, "
            f"the rest of the page is missing ({LOSS_MARK})"
        )
    try:
        result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    except Exception as exc:  # trafilatura raises assorted errors on malformed markup; the page is still worth a try
        result = None
        warnings.append(f"html: main-text extraction failed ({type(exc).__name__}); used all visible text")
    text = drop_chrome(getattr(result, "text", None) or "")
    if not text:
        text = drop_chrome(html_to_text(html))
        if text and result is not None:
            warnings.append("html: no main article text recognised; used all visible text")
    if not text:
        raise InputError(source, "no text found in the HTML" + (" (truncated page)" if warnings else ""))
    outlet = _clean(getattr(result, "sitename", None))
    voted = vote(metadata_candidates(html, result, url, outlet))
    return Extracted(
        text=text,
        title=voted.title,
        authors=voted.authors,
        outlet=outlet,
        published=voted.published,
        url=url or _clean(getattr(result, "url", None)),
        warnings=tuple(warnings),
    )


def metadata_candidates(html: bytes | str, result: object, url: str | None, site: str | None) -> tuple[Candidate, ...]:
    """Every title, author and date candidate of a page: its own markup, trafilatura's ``result``, htmldate."""
    # trafilatura's own date is htmldate's extensive search for the original date (the same on all 248 pages
    # of the metadata benchmark), so it is not searched twice
    extensive = getattr(result, "date", None) if result is not None else _date(html, url, extensive=True)
    peers = peer_candidates(result, _date(html, url, extensive=False), extensive, site)
    return page_candidates(parse_page(html), url=url, extra=peers, site=site)


def peer_candidates(
    result: object, fast_date: str | None, extensive_date: str | None, site: str | None
) -> tuple[Candidate, ...]:
    """The candidates of trafilatura's ``result`` (title, author) and of htmldate's fast and extensive searches."""
    found = (
        candidate("title", "trafilatura", getattr(result, "title", None), site),
        candidate("authors", "trafilatura", split_authors(getattr(result, "author", None)), site),
        candidate("published", "htmldate", fast_date, site),
        candidate("published", "htmldate.extensive", extensive_date, site),
    )
    return tuple(c for c in found if c is not None)


def parse_page(html: bytes | str) -> object:
    """The page's lxml tree, decoded as trafilatura decodes it (UTF-8 without a charset is not Latin-1)."""
    try:
        root = load_html(html)
    except Exception:  # a page lxml cannot parse still has trafilatura's and htmldate's candidates
        root = None
    return root if root is not None else lxml.html.fromstring("<html></html>")


BOILERPLATE_FILE = Path(__file__).resolve().parents[1] / "data" / "html_boilerplate.tsv"
"""The page-chrome lines the HTML reader drops: one (reason, pattern) row each."""
_CHROME_LINE = 250
"""Chrome lines are short: a longer line is text, whatever it starts with."""


@cache
def chrome_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(reason, pattern) of every page-chrome line the HTML reader drops, from ``data/html_boilerplate.tsv``."""
    rows = []
    for line in BOILERPLATE_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            reason, pattern = line.split("\t", 1)
            rows.append((reason, re.compile(pattern.strip(), re.IGNORECASE)))
    return tuple(rows)


def drop_chrome(text: str) -> str:
    """The extracted text without the lines that are page chrome ("Story continues below advertisement")."""
    patterns = chrome_patterns()
    lines = text.split("\n")
    kept = [
        line
        for line in lines
        if len(line.strip()) > _CHROME_LINE or not any(p.match(line.strip()) for _, p in patterns)
    ]
    if len(kept) == len(lines):
        return text.strip()
    return re.sub(r"\n(?:[ \t]*\n){2,}", "\n\n", "\n".join(kept)).strip()  # no wider gap where a line was


def _truncated(html: bytes | str) -> bool:
    """A whole page (it opens <html> or <body>) that never closes them was cut off."""
    head, tail = (
        (html[:65536], html[-4096:]) if isinstance(html, bytes) else (html[:65536].encode(), html[-4096:].encode())
    )
    opened = b"<html" in head.lower() or b"<body" in head.lower()
    return opened and b"</html" not in tail.lower() and b"</body" not in tail.lower()


def _date(html: bytes | str, url: str | None, *, extensive: bool) -> str | None:
    try:
        found = htmldate.find_date(html, original_date=True, url=url, extensive_search=extensive)
    except Exception:  # a date is a bonus: a page without one is still an article
        return None
    return str(found) if found else None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def split_authors(value: object) -> tuple[str, ...]:
    """Author names from metadata: a list, or a string joined by ';', ',', '&' or 'and'."""
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        names = [n for v in value for n in split_authors(v)]
        return tuple(dict.fromkeys(names))
    if not isinstance(value, str):
        return ()
    parts = re.split(r"\s*(?:;|\||&|\band\b)\s*", value)
    # "Smith, John" is one name; "John Smith, Jane Doe" is two
    out: list[str] = []
    for part in parts:
        pieces = [p.strip() for p in part.split(",")]
        if len(pieces) > 1 and all(" " in p for p in pieces if p):
            out.extend(p for p in pieces if p)
        elif part.strip():
            out.append(" ".join(part.split()))
    out = [re.sub(r"^(?:by|von|par)\s+", "", n, flags=re.IGNORECASE) for n in out]
    return tuple(dict.fromkeys(n for n in out if n))
