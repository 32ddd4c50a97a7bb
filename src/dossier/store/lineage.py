"""Quote lineage and figures in SQLite: the thin layer over the pure ``lineage`` and ``figures`` modules.

``update_article`` runs inside the store's batch transaction (from ``update.update_corpus``), after the
article has its story and global entities: it stores the article's figures, and puts each of its quotes in a
quote group. Candidates come from three blocks, each one bounded index range: quotes by the same speaker (global
entity), quotes of the same story, and quotes sharing a MinHash LSH bucket of content-word pairs; never all
pairs. A touched group is then refreshed: its first appearance chosen again and every appearance's relation to
it recomputed (a group is a few appearances; at most ``GROUP_LIMIT`` are read).

The reads (``quotes``, ``quote_group``, ``story_discrepancies``) return JSON-ready dicts, as ``Store`` documents.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from ..corpus import figures, lineage
from ..corpus.lineage import QuoteRef
from ..corpus.provenance import Member
from ..model import Article

CANDIDATES = 100
"""Most quotes sharing an LSH bucket read per new quote."""
SPEAKER_CANDIDATES = 50
"""Most recent quotes by the same speaker read per new quote."""
STORY_CANDIDATES = 50
"""Most quotes of the same story read per new quote."""
PER_GROUP = 3
"""Most appearances of one group a new quote is compared with (its newest)."""
GROUP_LIMIT = 500
"""Most appearances of one group read when it is refreshed or shown."""
CITING_KINDS = ("reported_by", "according_to", "source_line", "wire", "interview", "report", "citation")
"""Source kinds by which an article says where its content comes from."""

_REF_COLS = (
    "q.id, q.text, q.kind, l.article_id, q.speaker_name, l.speaker_entity, l.speaker_type, a.outlet, a.published,"
    " a.seq, q.position, l.group_id, q.confidence"
)
_REF_FROM = "quote_lineage l JOIN quotes q ON q.id = l.quote_id JOIN articles a ON a.id = l.article_id"


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _ref(r: Sequence[Any], cites: tuple[str, ...] = ()) -> QuoteRef:
    return QuoteRef(
        key=str(r[0]),
        text=r[1],
        kind=r[2],
        article=r[3],
        speaker_name=r[4],
        speaker_entity=r[5],
        speaker_type=r[6],
        outlet=r[7],
        published=r[8],
        seq=int(r[9]),
        position=int(r[10]),
        cites=cites,
        confidence=float(r[12]),
    )


def _refs(conn: sqlite3.Connection, quote_ids: Sequence[int]) -> list[tuple[QuoteRef, int]]:
    """The appearances ``quote_ids`` with their group ids (in the order given)."""
    rows: dict[int, Sequence[Any]] = {}
    for i in range(0, len(quote_ids), 500):
        chunk = list(quote_ids[i : i + 500])
        for r in conn.execute(
            f"SELECT {_REF_COLS} FROM {_REF_FROM} WHERE l.quote_id IN ({','.join('?' * len(chunk))})", chunk
        ):
            rows[int(r[0])] = r
    return [(_ref(rows[q]), int(rows[q][11])) for q in quote_ids if q in rows]


def _named_near(conn: sqlite3.Connection, quote_ids: Sequence[int]) -> dict[int, tuple[tuple[str, int], ...]]:
    """For each quote, the global entities of the people named (by name, not pronoun) within ``lineage.NEAR``
    characters of it in its article, each with its nearest distance."""
    out: dict[int, dict[str, int]] = {}
    for i in range(0, len(quote_ids), 400):
        chunk = list(quote_ids[i : i + 400])
        for qid, gid, dist in conn.execute(
            "SELECT q.id, e.global_id, max(0, m.start - q.end, q.start - m.end) FROM quotes q"
            " JOIN mentions m ON m.article_id = q.article_id"
            " AND m.start < q.end + ? AND m.end > q.start - ? AND m.kind = 'name'"
            " JOIN entities e ON e.id = m.entity_id"
            f" WHERE q.id IN ({','.join('?' * len(chunk))}) AND e.global_id IS NOT NULL AND e.type = 'PERSON'",
            (lineage.NEAR, lineage.NEAR, *chunk),
        ):
            d = out.setdefault(int(qid), {})
            d[str(gid)] = min(int(dist), d.get(str(gid), int(dist)))
    return {k: tuple(sorted(v.items())) for k, v in out.items()}


def _cites(conn: sqlite3.Connection, article_ids: Iterable[str]) -> dict[str, tuple[str, ...]]:
    ids = list(dict.fromkeys(article_ids))
    out: dict[str, list[str]] = {}
    kinds = ",".join("?" * len(CITING_KINDS))
    for i in range(0, len(ids), 400):
        chunk = ids[i : i + 400]
        for aid, name in conn.execute(
            f"SELECT article_id, name FROM sources WHERE kind IN ({kinds})"
            f" AND article_id IN ({','.join('?' * len(chunk))}) ORDER BY article_id, position",
            (*CITING_KINDS, *chunk),
        ):
            out.setdefault(aid, []).append(name)
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


# ---------------------------------------------------------------- the incremental update
def forget(conn: sqlite3.Connection, article_id: str) -> None:
    """Remove what an earlier analysis of ``article_id`` contributed, refreshing the groups it was in."""
    groups = [
        int(r[0])
        for r in conn.execute("SELECT DISTINCT group_id FROM quote_lineage WHERE article_id = ?", (article_id,))
    ]
    for table in ("quote_lineage", "quote_buckets", "article_figures"):
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
    for gid in groups:
        refresh_group(conn, gid)


def update_article(conn: sqlite3.Connection, article: Article, story_id: int | None, gids: dict[str, int]) -> None:
    """Store the article's figures and place each of its quotes in a quote group (no commit)."""
    conn.executemany(
        "INSERT INTO article_figures (article_id, kind, what, value, approx, text, start, end)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (article.id, f.kind, f.what, f.value, int(f.approx), f.text, f.start, f.end)
            for f in figures.extract(article)
        ],
    )
    rows = conn.execute(
        "SELECT id, position FROM quotes WHERE article_id = ? ORDER BY position", (article.id,)
    ).fetchall()
    types = {e.id: e.type for e in article.entities}
    seq_row = conn.execute("SELECT seq FROM articles WHERE id = ?", (article.id,)).fetchone()
    seq = int(seq_row[0]) if seq_row else 0
    touched: set[int] = set()
    for qid, position in rows:
        if position >= len(article.quotes):
            continue
        q = article.quotes[position]
        local = q.speaker.entity if q.speaker else None
        gid = gids.get(local) if local else None
        ref = QuoteRef(
            key=str(qid),
            text=q.text,
            kind=q.kind,
            article=article.id,
            speaker_name=q.speaker.name if q.speaker else None,
            speaker_entity=str(gid) if gid is not None else None,
            speaker_type=types.get(local) if local else None,
            outlet=article.outlet,
            published=article.published,
            seq=seq,
            position=int(position),
            confidence=q.confidence,
        )
        pairs = lineage.buckets(q.text)
        group = _best_group(conn, ref, story_id, pairs)
        if group is None:
            cur = conn.execute("INSERT INTO quote_groups (size) VALUES (0)")
            group = int(cur.lastrowid or 0)
        conn.execute(
            "INSERT INTO quote_lineage (quote_id, article_id, group_id, speaker_entity, speaker_type, story_id)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (qid, article.id, group, ref.speaker_entity, ref.speaker_type, story_id),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO quote_buckets (band, bucket, quote_id, article_id) VALUES (?, ?, ?, ?)",
            [(b, h, qid, article.id) for b, h in pairs],
        )
        touched.add(group)
    for group in touched:
        refresh_group(conn, group)


def candidates(
    conn: sqlite3.Connection, ref: QuoteRef, story_id: int | None, pairs: Sequence[tuple[int, int]]
) -> list[int]:
    """Quote ids that may be the same statement: same speaker, same story, a shared LSH bucket (other
    articles only), each block bounded."""
    cur = conn.cursor()
    cur.row_factory = None
    found: dict[int, None] = {}
    if ref.speaker_entity is not None:
        found.update(
            (int(r[0]), None)
            for r in cur.execute(
                "SELECT quote_id FROM quote_lineage WHERE speaker_entity = ? AND article_id != ?"
                " ORDER BY quote_id DESC LIMIT ?",
                (ref.speaker_entity, ref.article, SPEAKER_CANDIDATES),
            )
        )
    if story_id is not None:
        found.update(
            (int(r[0]), None)
            for r in cur.execute(
                "SELECT quote_id FROM quote_lineage WHERE story_id = ? AND article_id != ?"
                " ORDER BY quote_id DESC LIMIT ?",
                (story_id, ref.article, STORY_CANDIDATES),
            )
        )
    if pairs:
        values = ",".join("(?, ?)" for _ in pairs)
        found.update(
            (int(r[0]), None)
            for r in cur.execute(
                f"WITH b(band, bucket) AS (VALUES {values}) SELECT DISTINCT q.quote_id FROM b"
                " CROSS JOIN quote_buckets q ON q.band = b.band AND q.bucket = b.bucket"
                " WHERE q.article_id != ? LIMIT ?",
                [*(v for p in pairs for v in p), ref.article, CANDIDATES],
            )
        )
    return list(found)


def _best_group(
    conn: sqlite3.Connection, ref: QuoteRef, story_id: int | None, pairs: Sequence[tuple[int, int]]
) -> int | None:
    """The group whose first appearance the new quote matches best: a candidate's match is checked against its
    group's first appearance too, so groups do not grow by chains of loose matches."""
    scores: dict[int, float] = {}
    tried: Counter[int] = Counter()
    for other, group in _refs(conn, candidates(conn, ref, story_id, pairs)):
        if tried[group] >= PER_GROUP:
            continue
        tried[group] += 1
        m = lineage.match(other, ref)
        if m is not None and m.score > scores.get(group, -1.0):
            scores[group] = m.score
    for group, _ in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
        row = conn.execute("SELECT first_quote FROM quote_groups WHERE id = ?", (group,)).fetchone()
        firsts = _refs(conn, [int(row[0])]) if row and row[0] is not None else []
        if not firsts or lineage.match(firsts[0][0], ref) is not None:
            return group
    return None


def refresh_group(conn: sqlite3.Connection, group_id: int) -> None:
    """Choose the group's first appearance again and recompute every appearance's relation to it."""
    ids = [
        int(r[0])
        for r in conn.execute(
            "SELECT quote_id FROM quote_lineage WHERE group_id = ? ORDER BY quote_id LIMIT ?", (group_id, GROUP_LIMIT)
        )
    ]
    if not ids:
        conn.execute("DELETE FROM quote_groups WHERE id = ?", (group_id,))
        return
    refs = [r for r, _ in _refs(conn, ids)]
    cites = _cites(conn, (r.article for r in refs))
    near = _named_near(conn, [int(r.key) for r in refs]) if len({r.speaker_entity for r in refs}) > 1 else {}
    refs = [replace(r, cites=cites.get(r.article, ()), named_near=near.get(int(r.key), ())) for r in refs]
    first, rels = lineage.lineage(refs)
    conn.executemany(
        "UPDATE quote_lineage SET relation = ?, changes = ?, basis_quote = ? WHERE quote_id = ?",
        [(ap.relation, _dumps([c.to_dict() for c in ap.changes]), int(ap.basis), int(key)) for key, ap in rels.items()],
    )
    altered = any(ap.relation in ("altered", "misattributed") for ap in rels.values())
    conn.execute(
        "UPDATE quote_groups SET first_quote = ?, first_article = ?, text = ?, speaker_name = ?, speaker_entity = ?,"
        " published = ?, size = ?, altered = ? WHERE id = ?",
        (
            int(first.key),
            first.article,
            first.text,
            first.speaker_name,
            first.speaker_entity,
            first.published,
            len(refs),
            int(altered),
            group_id,
        ),
    )


# ---------------------------------------------------------------- reads
def _speaker(name: str | None, entity: str | None) -> dict[str, Any]:
    return {"name": name, "entity": entity}


def _group(conn: sqlite3.Connection, row: Sequence[Any]) -> dict[str, Any]:
    gid = int(row[0])
    rows = conn.execute(
        f"SELECT {_REF_COLS}, l.relation, l.changes, a.title, l.basis_quote FROM {_REF_FROM} WHERE l.group_id = ?"
        " ORDER BY l.relation != 'first', a.published IS NULL, a.published, a.seq, q.position LIMIT ?",
        (gid, GROUP_LIMIT),
    ).fetchall()
    article_of = {int(r[0]): r[3] for r in rows}
    appearances = [
        {
            "quote": str(r[0]),
            "article": r[3],
            "title": r[15],
            "outlet": r[7],
            "published": r[8],
            "text": r[1],
            "kind": r[2],
            "speaker": _speaker(r[4], r[5]),
            "relation": r[13],
            "changes": json.loads(r[14]),
            # relation and changes are against this article's appearance, when not against the first
            "relative_to": article_of.get(r[16]) if r[16] is not None and r[16] != row[1] else None,
        }
        for r in rows
    ]
    first = next((a for a in appearances if a["relation"] == "first"), appearances[0] if appearances else None)
    return {
        "id": str(gid),
        "text": row[3],
        "speaker": _speaker(row[4], row[5]),
        "first": {
            "article": first["article"] if first else row[2],
            "outlet": first["outlet"] if first else None,
            "published": first["published"] if first else row[6],
            "title": first["title"] if first else None,
        },
        "size": int(row[7]),
        "altered": bool(row[8]),
        "appearances": appearances,
    }


_GROUP_COLS = (
    "g.id, g.first_quote, g.first_article, g.text, g.speaker_name, g.speaker_entity, g.published, g.size, g.altered"
)


def quotes(
    conn: sqlite3.Connection,
    *,
    speaker: str | None = None,
    story: str | None = None,
    altered: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Quote groups seen in at least two articles, biggest first: optionally those with an appearance by
    ``speaker`` (entity name, alias or id), in ``story``, or with an altered or misattributed copy."""
    where = ["g.size >= 2"]
    params: list[Any] = []
    if altered:
        where.append("g.altered = 1")
    if speaker:
        from .corpus_queries import find_entity

        gid = find_entity(conn, speaker)
        if gid is None:
            return []
        where.append("g.id IN (SELECT group_id FROM quote_lineage WHERE speaker_entity = ?)")
        params.append(str(gid))
    if story:
        if not str(story).strip().isdigit():
            return []
        where.append("g.id IN (SELECT group_id FROM quote_lineage WHERE story_id = ?)")
        params.append(int(story))
    rows = conn.execute(
        f"SELECT {_GROUP_COLS} FROM quote_groups g WHERE {' AND '.join(where)}"
        " ORDER BY g.altered DESC, g.size DESC, g.id LIMIT ? OFFSET ?",
        (*params, max(0, limit), max(0, offset)),
    ).fetchall()
    return [_group(conn, r) for r in rows]


def quote_group(conn: sqlite3.Connection, group_id: str) -> dict[str, Any] | None:
    """One quote group with every appearance, or None."""
    if not str(group_id).strip().isdigit():
        return None
    row = conn.execute(f"SELECT {_GROUP_COLS} FROM quote_groups g WHERE g.id = ?", (int(group_id),)).fetchone()
    return _group(conn, row) if row else None


def story_discrepancies(conn: sqlite3.Connection, members: Sequence[Member]) -> list[dict[str, object]]:
    """Figures the story's articles report differently (see ``figures.discrepancies``)."""
    ids = [m.id for m in members]
    rows: dict[str, list[Sequence[object]]] = {}
    try:
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            for r in conn.execute(
                "SELECT article_id, kind, what, value, text, start, end, approx FROM article_figures"
                f" WHERE article_id IN ({','.join('?' * len(chunk))}) ORDER BY article_id, start",
                chunk,
            ):
                rows.setdefault(r[0], []).append(tuple(r[1:]))
    except sqlite3.OperationalError as exc:  # a store written before lineage-001, opened read-only
        if "no such table" not in str(exc):
            raise
        return []
    figs = figures.as_figures(rows)
    return figures.discrepancies(
        figures.Reported(m.id, m.outlet, m.published, m.seq, figs.get(m.id, ())) for m in members
    )
