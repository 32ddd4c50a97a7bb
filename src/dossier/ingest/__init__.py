"""Readers: turn paths (text, HTML, JSONL, RSS/Atom, WARC, .gz, directories, stdin) into Documents.

``read(paths)`` yields ``Document`` for every good article and ``InputError`` for every
input (or record) that could not be read — in input order, never raising, so that a
bad input never stops the good ones around it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..errors import InputError
from ..model import Document


def read(paths: Sequence[str]) -> Iterator[Document | InputError]:
    """Documents from every path (first version: .txt and .jsonl only)."""
    for p in paths:
        path = Path(p)
        if not path.exists():
            yield InputError(p, "no such file or directory")
            continue
        if path.suffix == ".jsonl":
            for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield InputError(f"{p}:{n}", f"not valid JSON ({exc.msg})")
                    continue
                yield Document(
                    text=rec["text"],
                    id=rec.get("id"),
                    title=rec.get("title"),
                    url=rec.get("url"),
                    path=f"{p}:{n}",
                    outlet=rec.get("outlet"),
                    authors=tuple(rec.get("authors") or ()),
                    published=rec.get("published"),
                )
        else:
            yield Document(text=path.read_text("utf-8"), path=p)
