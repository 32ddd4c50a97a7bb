"""WARC and WARC.gz (warcio): one Document per HTML ``response`` record, CC-NEWS style.

Requests, metadata, redirects and non-HTML payloads are not articles and are passed
over silently; an HTML page with no text is reported as an error naming the record.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from ..errors import InputError
from ..model import Document
from .html import extract
from .streams import MAX_BYTES, cap_message, one_line


def read_warc(source: str, stream: BinaryIO) -> Iterator[Document | InputError]:
    """Documents for the HTML pages of a WARC stream (plain or gzip members)."""
    n = 0
    pages = 0
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type not in ("response", "resource"):
                continue
            n += 1
            uri = record.rec_headers.get_header("WARC-Target-URI") or None
            where = f"{source}#{n}" + (f" ({uri})" if uri else "")
            if not _is_html_page(record):
                continue
            pages += 1
            payload = record.content_stream().read(MAX_BYTES + 1)
            if len(payload) > MAX_BYTES:
                yield InputError(where, cap_message())
                continue
            try:
                page = extract(where, payload, uri)
            except InputError as exc:
                yield exc
                continue
            yield Document(
                text=page.text,
                title=page.title,
                url=uri,
                path=f"{source}#{n}",
                outlet=page.outlet,
                authors=page.authors,
                published=page.published,
                warnings=page.warnings,
                extracted_from_html=True,
            )
    except InputError as exc:  # the decompression guard tripped
        yield exc
        return
    except Exception as exc:  # warcio raises assorted errors on a broken archive; keep what came before
        yield InputError(source, f"broken WARC after {n} records ({type(exc).__name__}: {one_line(exc)})")
        return
    if pages == 0:
        yield InputError(source, f"no HTML pages among its {n} response records" if n else "no response records")


def _is_html_page(record: Any) -> bool:
    http = record.http_headers
    if record.rec_type == "resource" or http is None:
        ctype = record.rec_headers.get_header("Content-Type") or ""
        return "html" in ctype.lower()
    status = http.get_statuscode() or ""
    ctype = (http.get_header("Content-Type") or "text/html").lower()
    return status.startswith("2") and ("html" in ctype or "xml" in ctype)
