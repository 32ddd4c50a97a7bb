"""Article <-> Parquet row: one row per article, scalar fields as columns, nested contract fields as JSON.

Pure and dependency-free, so the Spark executors, the local batch writer and the
store loader (``dossier ingest DIR``) share one definition.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import Article

SCALAR_COLUMNS = ("id", "content_hash", "title", "outlet", "published", "language", "text")
"""Columns stored as strings."""

JSON_COLUMNS = ("source", "authors", "body", "entities", "quotes", "sources", "timexes", "events", "warnings", "meta")
"""Contract fields stored as JSON strings (nested lists and objects)."""

COLUMNS = (*SCALAR_COLUMNS, *JSON_COLUMNS, "error")
"""Every column of a batch Parquet file; ``error`` is set (and the rest null) for an input that failed."""


def article_row(article: Article) -> dict[str, str | None]:
    """The Parquet row of one analysed article."""
    d = article.to_dict()
    row: dict[str, str | None] = {k: d[k] for k in SCALAR_COLUMNS}
    for k in JSON_COLUMNS:
        row[k] = json.dumps(d[k], ensure_ascii=False, separators=(",", ":"))
    row["error"] = None
    return row


def error_row(source: str, reason: str) -> dict[str, str | None]:
    """The Parquet row recording an input that could not be analysed (nothing is lost silently)."""
    row: dict[str, str | None] = dict.fromkeys(COLUMNS)
    row["source"] = json.dumps({"path": source})
    row["error"] = reason
    return row


def row_article(row: dict[str, Any]) -> Article:
    """Rebuild the Article of a Parquet row (the inverse of ``article_row``)."""
    d: dict[str, Any] = {k: row.get(k) for k in SCALAR_COLUMNS}
    for k in JSON_COLUMNS:
        d[k] = json.loads(row[k]) if row.get(k) else None
    return Article.from_dict(d)
