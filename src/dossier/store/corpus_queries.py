"""Cross-article reads: global entities, entity dossiers, stories with provenance, timelines.

Each function takes the connection first and returns JSON-ready dicts (ids as strings), as
``dossier.store.Store`` documents. Reads are bounded (``MAX_ARTICLES`` per dossier) so that an
entity in a hundred thousand articles still answers at once.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from ..corpus import events, names, provenance
from . import event_sql
from . import lineage as lineage_db
from .corpus import story_edges, story_members
from .lineage import quote_group, quotes

MAX_ARTICLES = 200
"""Most recent articles a dossier reads quotes, sources and events from."""
CO_OCCURRING = 20
"""Co-occurring entities listed in a dossier."""
TIMELINE_CHUNK = 500
"""Event rows read at a time for a page of the global timeline."""
MAX_TIMELINE_ROWS = 20_000
"""Most event rows merged for one page of the global timeline (a page deep in a huge store stops there)."""


# ---------------------------------------------------------------- entities
def _entity_row(r: Sequence[Any]) -> dict[str, Any]:
    return {
        "id": str(r[0]),
        "name": r[1],
        "type": r[2],
        "aliases": json.loads(r[3]),
        "articles": int(r[4]),
        "mentions": int(r[5]),
    }


_ENTITY_COLS = "id, name, type, aliases, article_count, mention_count"


def entities(
    conn: sqlite3.Connection,
    query: str | None = None,
    *,
    types: tuple[str, ...] = (),
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Global entities by mention count, optionally those whose name or an alias contains ``query``."""
    where = ["article_count > 0"]
    params: list[Any] = []
    if types:
        where.append(f"type IN ({','.join('?' * len(types))})")
        params.extend(types)
    if query and query.strip():
        like = f"%{like_escape(query.strip())}%"  # '%' and '_' in a name match themselves, not everything
        where.append("(name LIKE ? ESCAPE '\\' OR aliases LIKE ? ESCAPE '\\')")
        params += [like, like]
    rows = conn.execute(
        f"SELECT {_ENTITY_COLS} FROM global_entities WHERE {' AND '.join(where)}"
        " ORDER BY mention_count DESC, id LIMIT ? OFFSET ?",
        (*params, max(0, limit), max(0, offset)),
    ).fetchall()
    return [_entity_row(r) for r in rows]


def like_escape(text: str) -> str:
    """``text`` for a ``LIKE … ESCAPE '\\'`` pattern: its ``%``, ``_`` and ``\\`` match only themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


SQLITE_MAX_INT = 2**63 - 1


def row_id(text: str) -> int | None:
    """``text`` as an SQLite integer id: ASCII digits within SQLite's range, else None (never OverflowError)."""
    text = text.strip()
    if not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if value <= SQLITE_MAX_INT else None


def find_entity(conn: sqlite3.Connection, name_or_id: str) -> int | None:
    """The global entity best matching an id, a name or alias, a surname, else a substring (most mentioned)."""
    text = name_or_id.strip()
    if not text:
        return None
    if row_id(text) is not None:
        row = conn.execute("SELECT id FROM global_entities WHERE id = ?", (row_id(text),)).fetchone()
        if row:
            return int(row[0])
    for key in ("n:" + names.normalize(text, "PERSON"), "n:" + names.normalize(text), "s:" + names.fold(text)):
        row = conn.execute(
            "SELECT g.id FROM global_entity_keys k JOIN global_entities g ON g.id = k.global_id"
            " WHERE k.key = ? AND g.article_count > 0 ORDER BY g.mention_count DESC LIMIT 1",
            (key,),
        ).fetchone()
        if row:
            return int(row[0])
    found = entities(conn, text, limit=1)
    return int(found[0]["id"]) if found else None


def _has_latest_index(conn: sqlite3.Connection) -> bool:
    """Whether ``article_globals`` carries the articles' dates (migration corpus-005); a store written by an
    older dossier and opened read-only (``dossier serve``) has not had it applied."""
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'article_globals_latest'")
    return row.fetchone() is not None


def _entity_articles(conn: sqlite3.Connection, gid: int, limit: int | None = None) -> list[dict[str, Any]]:
    """The entity's latest articles (``MAX_ARTICLES`` unless ``limit``), newest first (undated last): one range of
    ``article_globals_latest``, so the cost is ``limit`` rows however many articles name the entity."""
    limit = MAX_ARTICLES if limit is None else limit
    cols = "a.id, a.title, a.outlet, a.published, a.url, a.story_id, ag.mentions"
    if _has_latest_index(conn):
        sql = (
            f"SELECT {cols} FROM article_globals ag INDEXED BY article_globals_latest"
            " JOIN articles a ON a.id = ag.article_id WHERE ag.global_id = ?"
            " ORDER BY ag.published IS NULL, ag.published DESC, ag.seq DESC LIMIT ?"
        )
    else:
        sql = (
            f"SELECT {cols} FROM article_globals ag JOIN articles a ON a.id = ag.article_id WHERE ag.global_id = ?"
            " ORDER BY a.published IS NULL, a.published DESC, a.seq DESC LIMIT ?"
        )
    rows = conn.execute(sql, (gid, limit)).fetchall()
    return [
        {"id": r[0], "title": r[1], "outlet": r[2], "published": r[3], "url": r[4], "story": r[5], "mentions": r[6]}
        for r in rows
    ]


def _local_ids(conn: sqlite3.Connection, gid: int, article_ids: Sequence[str]) -> dict[str, set[str]]:
    """Per article, the local entity ids ("E3") that resolved to the global entity."""
    out: dict[str, set[str]] = {}
    for i in range(0, len(article_ids), 500):
        chunk = list(article_ids[i : i + 500])
        rows = conn.execute(
            "SELECT article_id, local_id FROM entities"
            f" WHERE global_id = ? AND article_id IN ({','.join('?' * len(chunk))})",
            (str(gid), *chunk),
        )
        for aid, lid in rows:
            out.setdefault(aid, set()).add(lid)
    return out


def _grouped(conn: sqlite3.Connection, sql: str, ids: Sequence[str], *params: Any) -> dict[str, list[Any]]:
    """Rows of ``sql`` (its first column the article id, ``{ids}`` where the id list goes) grouped by article,
    in the rows' order: one query per 500 articles instead of one per article."""
    out: dict[str, list[Any]] = {}
    for i in range(0, len(ids), 500):
        chunk = list(ids[i : i + 500])
        for r in conn.execute(sql.format(ids=",".join("?" * len(chunk))), (*params, *chunk)):
            out.setdefault(r[0], []).append(r)
    return out


def _is_alias(name: str | None, aliases: set[str]) -> bool:
    return bool(name) and names.normalize(name or "", "PERSON") in aliases


def entity(conn: sqlite3.Connection, name_or_id: str) -> dict[str, Any] | None:
    """The dossier of the best-matching global entity (see ``Store.entity``), or None."""
    gid = find_entity(conn, name_or_id)
    if gid is None:
        return None
    row = conn.execute(f"SELECT {_ENTITY_COLS}, explanation FROM global_entities WHERE id = ?", (gid,)).fetchone()
    base = _entity_row(row)
    out: dict[str, Any] = {
        "id": base["id"],
        "name": base["name"],
        "type": base["type"],
        "aliases": base["aliases"],
        "article_count": base["articles"],
        "mention_count": base["mentions"],
        "merged_because": json.loads(row[6]),
    }
    arts = _entity_articles(conn, gid)
    by_id = {a["id"]: a for a in arts}
    ids = list(by_id)
    local = _local_ids(conn, gid, ids)
    aliases = {names.normalize(a, "PERSON") for a in out["aliases"]} - {""}
    out["articles"] = arts
    out["timeline"] = _timeline_for(conn, gid, aliases, ids, local, by_id)
    out["quotes_by"], out["quotes_about"] = _quotes(conn, gid, aliases, ids, local, by_id)
    out["sources"] = _sources(conn, ids)
    out["outlets"] = [
        {"name": n, "articles": c} for n, c in Counter(a["outlet"] for a in arts if a["outlet"]).most_common()
    ]
    out["co_occurring"] = co_occurring(conn, gid, ids)
    return out


def _brief(a: dict[str, Any]) -> dict[str, Any]:
    return {"id": a["id"], "title": a["title"], "outlet": a["outlet"], "published": a["published"]}


def _quotes(
    conn: sqlite3.Connection,
    gid: int,
    aliases: set[str],
    ids: Sequence[str],
    local: dict[str, set[str]],
    by_id: dict[str, dict[str, Any]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Quotes the entity said (speaker resolved to it, or named by an alias) and quotes that mention it."""
    said: list[dict[str, Any]] = []
    about: list[dict[str, Any]] = []
    spans = _grouped(
        conn,
        "SELECT e.article_id, m.start, m.end, e.local_id FROM entities e JOIN mentions m ON m.entity_id = e.id"
        " WHERE e.global_id = ? AND e.article_id IN ({ids})",
        [aid for aid in ids if local.get(aid)],
        str(gid),
    )
    quotes = _grouped(
        conn,
        "SELECT article_id, text, start, end, kind, speaker_name, speaker_entity, cue, confidence,"
        " coalesce(category, 'speech') FROM quotes"
        " WHERE article_id IN ({ids}) ORDER BY article_id, start",
        ids,
    )
    for aid in ids:
        mine = local.get(aid, set())
        inside = [(int(m[1]), int(m[2])) for m in spans.get(aid, ()) if m[3] in mine]
        for q in quotes.get(aid, ()):
            if (q[6] is not None and q[6] in mine) or _is_alias(q[5], aliases):
                said.append(_quote_item(q, by_id[aid]))
            elif any(q[2] <= s and e <= q[3] for s, e in inside):
                about.append(_quote_item(q, by_id[aid]))
    return said, about


def _quote_item(q: Sequence[Any], article: dict[str, Any]) -> dict[str, Any]:
    """A quote row of ``_quotes`` as the dossier shows it (built only for the quotes the dossier keeps)."""
    return {
        "text": q[1],
        "start": q[2],
        "end": q[3],
        "kind": q[4],
        "speaker": q[5],
        "cue": q[7],
        "confidence": q[8],
        "category": q[9],
        "article": _brief(article),
        "date": article["published"],
    }


def _sources(conn: sqlite3.Connection, ids: Sequence[str]) -> list[dict[str, Any]]:
    """Outlets and documents cited in the entity's articles: name, kinds, articles."""
    kinds: dict[str, set[str]] = {}
    arts: dict[str, set[str]] = {}
    shown: dict[str, str] = {}
    for i in range(0, len(ids), 500):
        chunk = list(ids[i : i + 500])
        for aid, name, kind in conn.execute(
            "SELECT article_id, name, kind FROM sources"
            f" WHERE kind != 'byline' AND article_id IN ({','.join('?' * len(chunk))})",
            chunk,
        ):
            key = names.outlet_key(name)
            shown.setdefault(key, name)
            kinds.setdefault(key, set()).add(kind)
            arts.setdefault(key, set()).add(aid)
    return sorted(
        ({"name": shown[k], "kinds": sorted(kinds[k]), "articles": len(arts[k])} for k in shown),
        key=lambda d: (-d["articles"], d["name"]),
    )


def co_occurring(
    conn: sqlite3.Connection, gid: int, article_ids: Sequence[str] | None = None, limit: int = CO_OCCURRING
) -> list[dict[str, Any]]:
    """Entities named in the same articles, with counts: those of ``article_ids`` (the dossier's own, its latest
    ``MAX_ARTICLES``), else the entity's latest ``MAX_ARTICLES``. One index range per article, so the cost is
    bounded by the page, not by how often the entity is named."""
    ids = list(article_ids) if article_ids is not None else [a["id"] for a in _entity_articles(conn, gid)]
    counts: Counter[int] = Counter()
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        counts.update(
            int(r[0])
            for r in conn.execute(
                f"SELECT global_id FROM article_globals WHERE article_id IN ({','.join('?' * len(chunk))})", chunk
            )
        )
    counts.pop(gid, None)
    if not counts:
        return []
    ordered = counts.most_common()
    cut = ordered[min(limit, len(ordered)) - 1][1]
    top = [g for g, n in ordered if n >= cut]  # every entity tied at the cut: mentions break the tie below
    rows: dict[int, Any] = {}
    for i in range(0, len(top), 500):
        block = top[i : i + 500]
        rows.update(
            (int(r[0]), r)
            for r in conn.execute(
                f"SELECT id, name, type, mention_count FROM global_entities WHERE id IN ({','.join('?' * len(block))})",
                block,
            )
        )
    ranked = sorted((g for g in top if g in rows), key=lambda g: (-counts[g], -int(rows[g][3])))[:limit]
    return [{"id": str(g), "name": rows[g][1], "type": rows[g][2], "articles": counts[g]} for g in ranked]


# ---------------------------------------------------------------- timeline
_EVENT_COLS = (
    "v.article_id, v.type, v.cameo, v.trigger, v.start, v.end, v.sentence, v.date_value, v.date_text,"
    " v.date_basis, v.location, v.participants, v.confidence, a.title, a.outlet, a.published, v.position,"
    " v.modality, v.date_anchor"
)


def _event(r: Sequence[Any]) -> dict[str, Any]:
    return {
        "date": r[7],
        "date_text": r[8],
        "date_basis": r[9],
        "type": r[1],
        "cameo": r[2],
        "trigger": r[3],
        "start": r[4],
        "end": r[5],
        "sentence": r[6],
        "location": r[10],
        "participants": json.loads(r[11]),
        "confidence": r[12],
        "modality": r[17],
        "date_anchor": r[18],
        "article": {"id": r[0], "title": r[13], "outlet": r[14], "published": r[15]},
    }


def group_events(events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per (type, date): the first report is the entry, the others its further ``evidence``."""
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for ev in events:
        key = (ev["type"], ev["date"] or f"?{ev['article']['id']}:{ev['start']}")
        if key in groups:
            groups[key]["evidence"].append(
                {"sentence": ev["sentence"], "trigger": ev["trigger"], "article": ev["article"], "start": ev["start"]}
            )
        else:
            groups[key] = {**ev, "evidence": []}
    return sorted(groups.values(), key=_date_order)


def _date_order(ev: dict[str, Any]) -> tuple[bool, str, str]:
    return (ev["date"] is None, ev["date"] or "", ev["article"]["published"] or "")


def _timeline_for(
    conn: sqlite3.Connection,
    gid: int,
    aliases: set[str],
    ids: Sequence[str],
    local: dict[str, set[str]],
    by_id: dict[str, dict[str, Any]],
    limit: int = 500,
) -> list[dict[str, Any]]:
    """Events the entity takes part in (a participant resolved to it or named by an alias), grouped."""
    found: list[dict[str, Any]] = []
    rows = _grouped(
        conn,
        f"SELECT {_EVENT_COLS} FROM events v JOIN articles a ON a.id = v.article_id WHERE v.article_id IN ({{ids}})"
        " ORDER BY v.article_id, v.position",
        ids,
    )
    for aid in ids:
        mine = local.get(aid, set())
        for r in rows.get(aid, ()):
            parts = json.loads(r[11])
            if any((p.get("entity") in mine) or _is_alias(p.get("name"), aliases) for p in parts):
                found.append(_event(r))
    globals_of = event_sql.participant_globals(conn, list(dict.fromkeys(ev["article"]["id"] for ev in found)))
    return events.merge_reports(found, globals_of)[:limit]


def timeline(
    conn: sqlite3.Connection, entity: str | None = None, *, limit: int = 500, offset: int = 0
) -> list[dict[str, Any]]:
    """Events in date order with their evidence sentence and article; only the entity's when one is named."""
    if entity:
        gid = find_entity(conn, entity)
        if gid is None:
            return []
        arts = _entity_articles(conn, gid)
        by_id = {a["id"]: a for a in arts}
        row = conn.execute("SELECT aliases FROM global_entities WHERE id = ?", (gid,)).fetchone()
        aliases = {names.normalize(a, "PERSON") for a in json.loads(row[0])} - {""}
        ids = list(by_id)
        page = _timeline_for(conn, gid, aliases, ids, _local_ids(conn, gid, ids), by_id, max(0, offset) + limit)
        return page[max(0, offset) :]
    # pages count merged events: read event rows in date order, a chunk at a time, until the page (and one more
    # merged event, which may still gain reports from the next rows) is known
    wanted = max(0, offset) + max(0, limit)
    found: list[dict[str, Any]] = []
    merged: list[dict[str, Any]] = []
    chunk = max(TIMELINE_CHUNK, 2 * wanted)
    while True:
        rows = conn.execute(
            f"SELECT {_EVENT_COLS} FROM events v JOIN articles a ON a.id = v.article_id"
            " ORDER BY v.date_value IS NULL, v.date_value, a.published, v.article_id, v.position LIMIT ? OFFSET ?",
            (chunk, len(found)),
        ).fetchall()
        found += [_event(r) for r in rows]
        globals_of = event_sql.participant_globals(conn, list(dict.fromkeys(ev["article"]["id"] for ev in found)))
        merged = events.merge_reports(found, globals_of)
        if len(rows) < chunk or len(merged) > wanted or len(found) >= MAX_TIMELINE_ROWS:
            break
    return merged[max(0, offset) : wanted]


# ---------------------------------------------------------------- stories
_STORY_COLS = "id, title, first_published, last_published, article_count"


def _edge_dict(e: provenance.Edge, outlets: dict[str, str | None]) -> dict[str, Any]:
    return {
        "from_article": e.article_id,
        "from_outlet": e.via or outlets.get(e.article_id),
        "via": e.via is not None,
        "kind": e.kind,
        "to_outlet": e.target_outlet or (outlets.get(e.target_article) if e.target_article else None),
        "to_article": e.target_article,
        "source_kind": e.source_kind,
        "evidence": e.evidence,
        "start": e.start,
        "end": e.end,
        "similarity": e.similarity,
        "confidence": e.confidence,
    }


def _story(conn: sqlite3.Connection, r: Sequence[Any]) -> dict[str, Any]:
    sid = int(r[0])
    members = story_members(conn, sid)
    edges = story_edges(conn, [m.id for m in members])
    d = provenance.derive(members, edges)
    meta = {
        row[0]: (row[1], row[2])
        for row in conn.execute(
            "SELECT a.id, a.url, a.title FROM story_articles s JOIN articles a ON a.id = s.article_id"
            " WHERE s.story_id = ?",
            (sid,),
        )
    }
    ordered = sorted(members, key=lambda m: (m.published is None, m.published or "", m.seq))
    outlets = {m.id: m.outlet for m in members}
    return {
        "id": str(sid),
        "title": r[1],
        "first_published": r[2],
        "last_published": r[3],
        "article_count": int(r[4]),
        "articles": [
            {
                "id": m.id,
                "outlet": m.outlet,
                "published": m.published,
                "url": meta.get(m.id, (None, None))[0],
                "title": meta.get(m.id, (None, None))[1],
                "role": d.roles.get(m.id, "independent"),
                "chain": list(d.chains.get(m.id, ())),
            }
            for m in ordered
        ],
        "original": d.original,
        "outlets": list(dict.fromkeys(m.outlet for m in ordered if m.outlet)),
        "independent_sources": list(d.independent_sources),
        "independent_count": len(d.independent_sources),
        "provenance": [_edge_dict(e, outlets) for e in edges],
        "discrepancies": lineage_db.story_discrepancies(conn, ordered),
    }


def stories(conn: sqlite3.Connection, *, limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Stories, biggest (then latest) first, each with articles, original, outlets, independent sources;
    ``limit`` None or 0: all of them."""
    rows = conn.execute(
        f"SELECT {_STORY_COLS} FROM stories WHERE article_count > 0"
        " ORDER BY article_count DESC, first_published DESC, id LIMIT ? OFFSET ?",
        (-1 if not limit or limit < 0 else limit, max(0, offset)),
    ).fetchall()
    return [_story(conn, r) for r in rows]


def story(conn: sqlite3.Connection, story_id: str) -> dict[str, Any] | None:
    """One story with its provenance graph, or None."""
    sid = row_id(str(story_id))
    if sid is None:
        return None
    row = conn.execute(f"SELECT {_STORY_COLS} FROM stories WHERE id = ?", (sid,)).fetchone()
    return _story(conn, row) if row else None


__all__ = [
    "co_occurring",
    "entities",
    "entity",
    "find_entity",
    "group_events",
    "quote_group",
    "quotes",
    "stories",
    "story",
    "timeline",
]
