"""The SQL behind the cross-article timeline's event merging (:mod:`dossier.corpus.events` is the pure part).

One read, the global entity of every article entity that an event's participants point to.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

CHUNK = 500
"""Article ids per query (SQLite's parameter limit is far above; this keeps each statement small)."""


def participant_globals(conn: sqlite3.Connection, article_ids: Sequence[str]) -> Callable[[str, str], str | None]:
    """``globals_of(article_id, local_id)``: the global entity id (as text) of an article's entity, else None."""
    table: dict[tuple[str, str], str] = {}
    ids = list(dict.fromkeys(article_ids))
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i : i + CHUNK]
        rows = conn.execute(
            f"SELECT article_id, local_id, global_id FROM entities WHERE global_id IS NOT NULL"
            f" AND article_id IN ({','.join('?' * len(chunk))})",
            chunk,
        )
        for aid, local, gid in rows:
            table[(str(aid), str(local))] = str(gid)
    return lambda aid, local: table.get((aid, local))


__all__ = ["participant_globals"]
