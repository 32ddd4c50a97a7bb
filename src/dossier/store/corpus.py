"""The incremental cross-article update: the SQLite layer over the pure stages in ``dossier.corpus``
(``resolve``, ``stories``, ``provenance``).

``update_corpus`` runs inside the writer's batch transaction (it never commits) and is handed the
``Article`` records the writer just stored (no JSON round trip). Per new or
re-analysed article, in arrival order: forget what an earlier version left; resolve its
entities to global entities; find its near-duplicates (LSH buckets) and candidate stories
(indexed features within a date window); join a story or start one, and merge into it the other
candidate stories the article also belongs to (``stories.merges``); add provenance edges;
refresh the story's summary. Every look-up is an indexed query; nothing is recomputed for
the rest of the corpus.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from ..corpus import names, provenance, resolve, stories
from ..corpus.provenance import Edge, Member
from ..model import Article
from . import lineage as lineage_db

MAX_ALIASES = 40
"""Names kept per global entity (the most recent beyond this are dropped)."""
MAX_EXPLANATIONS = 60
"""Distinct merge explanations kept per global entity."""
BATCH_KEY = "b:"
"""The look-up key prefix of a global entity made from a batch's cross-article pass (``b:`` + its anchor)."""
CANDIDATES_PER_KEY = 20
"""Global entities fetched per look-up key."""
MAX_CANDIDATES = 60
"""Most candidate global entities one article entity is compared with."""
CONTEXT_ARTICLES = 20
"""Recent articles of a candidate entity read to know its context."""
CANDIDATE_ARTICLES = 400
"""Most candidate articles a new article is compared through (their stories)."""
CANDIDATE_STORIES = 15
"""Most candidate stories scored per new article (those sharing the most telling features)."""
STORY_SAMPLE = 20
"""Most recent members of a candidate story the new article is compared with (average link)."""
REFRESH_LIMIT = 1000
"""Most members read when a story's summary is refreshed."""

# The hot-path look-ups, each bounded by an index range whatever the store's size (a test checks their plans).
KEY_SQL = "SELECT * FROM (SELECT key, global_id FROM global_entity_keys WHERE key = ? ORDER BY global_id LIMIT ?)"
"""The first global ids under one key (in id order); several are joined by UNION ALL into one query."""
NEAR_SQL = (
    "WITH b(band, bucket) AS (VALUES {values})"
    " SELECT DISTINCT s.article_id, s.story_id, s.signature, a.published, a.seq FROM b"
    " CROSS JOIN lsh_buckets l ON l.band = b.band AND l.bucket = b.bucket"
    " CROSS JOIN story_articles s ON s.article_id = l.article_id CROSS JOIN articles a ON a.id = l.article_id"
    " ORDER BY a.published, a.rowid LIMIT 100"
)
"""Stored articles sharing an LSH bucket, driven from the buckets (CROSS JOIN fixes the join order: the planner
would otherwise scan every article), ordered as the publication index orders them so the first 100 are defined."""
FEATURE_SQL = "SELECT article_id FROM feature_index WHERE feature = ? LIMIT ?"
"""Articles holding a telling feature (undated new article)."""
FEATURE_WINDOW_SQL = (
    "SELECT article_id FROM (SELECT article_id FROM feature_index WHERE feature = ? AND day IS NULL)"
    " UNION ALL SELECT article_id FROM feature_index WHERE feature = ? AND day BETWEEN ? AND ? LIMIT ?"
)
"""Articles holding a feature, undated first, then within the date window in day order: two index ranges
instead of an OR that scans every article holding the feature (the same rows in the same order)."""


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _has_column(conn: sqlite3.Connection, table: str, column: str) -> bool:
    return any(r[1] == column for r in conn.execute(f"PRAGMA table_info({table})"))


def update_corpus(
    conn: sqlite3.Connection,
    articles: Sequence[Article],
    stories_of: Mapping[str, str] | None = None,
    entities_of: Mapping[tuple[str, str], str] | None = None,
) -> None:
    """Place new or re-analysed articles, handed over as the records just written: global entities, stories,
    provenance (inside the writer's transaction; no commit). ``stories_of`` (article id -> the id of its
    story's first article, from the cross-article pass of a batch) decides the story of the articles it names
    instead of scoring candidates; ``entities_of`` ((article id, local id) -> ``article id/local id`` of its global
    entity's first mention, from the same pass) decides the global entity of the entities it names."""
    link_entities = _has_column(conn, "entities", "global_id")
    latest = {a.id: a for a in articles}  # an id written twice in one batch: its last version counts
    for article_id, article in latest.items():
        row = conn.execute("SELECT seq FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            continue
        forget(conn, article_id)
        lineage_db.forget(conn, article_id)
        gids = resolve_entities(conn, article, link_entities=link_entities, decided=entities_of)
        anchor = stories_of.get(article_id) if stories_of else None
        story_id = place(conn, article, int(row[0]), gids, anchor)
        refresh_story(conn, story_id)
        lineage_db.update_article(conn, article, story_id, gids)


# ---------------------------------------------------------------- forgetting a previous version
def forget(conn: sqlite3.Connection, article_id: str) -> None:
    """Remove what an earlier analysis of ``article_id`` contributed (counts, story, index rows)."""
    for gid, mentions in conn.execute(
        "SELECT global_id, mentions FROM article_globals WHERE article_id = ?", (article_id,)
    ).fetchall():
        conn.execute(
            "UPDATE global_entities SET article_count = article_count - 1, mention_count = mention_count - ?"
            " WHERE id = ?",
            (mentions, gid),
        )
    conn.execute("DELETE FROM article_globals WHERE article_id = ?", (article_id,))
    row = conn.execute("SELECT story_id, features FROM story_articles WHERE article_id = ?", (article_id,)).fetchone()
    if row is not None:
        terms = stories.counted(_features(json.loads(row[1])))
        conn.executemany("UPDATE term_df SET df = df - 1 WHERE term = ?", [(t,) for t in terms])
        conn.execute("UPDATE corpus_meta SET value = value - 1 WHERE key = 'documents'")
        conn.execute("DELETE FROM story_articles WHERE article_id = ?", (article_id,))
        refresh_story(conn, int(row[0]))
    for table in ("feature_index", "lsh_buckets", "provenance"):
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))


# ---------------------------------------------------------------- entities
def _context_names(names_: Iterable[str], types: Iterable[str]) -> frozenset[str]:
    return frozenset(n for n in (names.normalize(x, t) for x, t in zip(names_, types, strict=True)) if n)


def _context(conn: sqlite3.Connection, gid: int) -> frozenset[str]:
    """Normalized names of the entities seen with ``gid`` in (up to ``CONTEXT_ARTICLES``) of its articles."""
    ctx = conn.execute(
        "SELECT DISTINCT g.name, g.type FROM article_globals ag JOIN global_entities g ON g.id = ag.global_id"
        " WHERE ag.global_id != ? AND ag.article_id IN"
        " (SELECT article_id FROM article_globals WHERE global_id = ? LIMIT ?)",
        (gid, gid, CONTEXT_ARTICLES),
    ).fetchall()
    return _context_names([r[0] for r in ctx], [r[1] for r in ctx])


class _Memo:
    """A global entity's context, read from the store on the first call only."""

    __slots__ = ("conn", "gid", "value")

    def __init__(self, conn: sqlite3.Connection, gid: int) -> None:
        self.conn, self.gid = conn, gid
        self.value: frozenset[str] | None = None

    def __call__(self) -> frozenset[str]:
        if self.value is None:
            self.value = _context(self.conn, self.gid)
        return self.value


def _candidates(conn: sqlite3.Connection, gids: Sequence[int]) -> list[resolve.Candidate]:
    """The global entities ``gids`` (in that order), read in one query; contexts load only when a rule asks."""
    if not gids:
        return []
    rows = {
        int(r[0]): r
        for r in conn.execute(
            "SELECT id, name, type, aliases, article_count, ambiguous FROM global_entities"
            f" WHERE id IN ({','.join('?' * len(gids))})",
            list(gids),
        )
    }
    out = []
    for gid in gids:
        row = rows[gid]
        out.append(
            resolve.Candidate(
                id=gid,
                name=row[1],
                type=row[2],
                aliases=tuple(json.loads(row[3])),
                article_count=int(row[4]),
                ambiguous=bool(row[5]),
                load_context=_Memo(conn, gid),
            )
        )
    return out


def resolve_entities(
    conn: sqlite3.Connection,
    article: Article,
    *,
    link_entities: bool = True,
    decided: Mapping[tuple[str, str], str] | None = None,
) -> dict[str, int]:
    """Resolve each of the article's entities to a global entity (merging or creating); local id -> global id.
    An entity ``decided`` names (by a batch's cross-article pass) goes to the global entity of its anchor, which
    is found under the key ``b:ANCHOR`` (created by the anchor's first entity)."""
    all_norm = {e.id: names.normalize(e.name, e.type) for e in article.entities}
    present = frozenset(n for n in all_norm.values() if n)
    gids: dict[str, int] = {}
    mentions: dict[int, int] = {}
    for e in article.entities:
        context = present - {all_norm[e.id]}  # the names of the article's other entities
        ref = resolve.EntityRef(article.id, e.id, e.name, e.type, tuple(e.aliases), context)
        anchor = decided.get((article.id, e.id)) if decided else None
        if anchor is not None:
            gid = _apply_decided(conn, ref, anchor)
            gids[e.id] = gid
            mentions[gid] = mentions.get(gid, 0) + max(1, len(e.mentions))
            continue
        keys = resolve.query_keys(ref)
        if not keys:
            continue
        found = _key_lookup(conn, keys)
        ids: dict[int, None] = {}
        for key in keys:  # most specific first, each bounded: a common surname cannot crowd out the exact name
            ids.update((gid, None) for gid in found.get(key, ()))
            if len(ids) >= MAX_CANDIDATES:
                break
        decision = resolve.decide(ref, _candidates(conn, list(ids)))
        gid = _apply(conn, ref, decision)
        gids[e.id] = gid
        mentions[gid] = mentions.get(gid, 0) + max(1, len(e.mentions))
    if link_entities:
        conn.executemany(
            "UPDATE entities SET global_id = ? WHERE article_id = ? AND local_id = ?",
            [(str(gid), article.id, lid) for lid, gid in gids.items()],
        )
    conn.executemany(
        "INSERT INTO article_globals (article_id, global_id, mentions, published, seq)"
        " SELECT ?, ?, ?, published, seq FROM articles WHERE id = ?",
        [(article.id, gid, n, article.id) for gid, n in mentions.items()],
    )
    conn.executemany(
        "UPDATE global_entities SET article_count = article_count + 1, mention_count = mention_count + ? WHERE id = ?",
        [(n, gid) for gid, n in mentions.items()],
    )
    return gids


def _apply_decided(conn: sqlite3.Connection, ref: resolve.EntityRef, anchor: str) -> int:
    """Store an entity whose global entity a batch's cross-article pass decided: the one holding ``b:ANCHOR``,
    or a new one that then holds it."""
    key = BATCH_KEY + anchor
    row = conn.execute("SELECT global_id FROM global_entity_keys WHERE key = ? LIMIT 1", (key,)).fetchone()
    if row is None:
        decision = resolve.Decision(
            None, "batch", "first mention of an entity merged by the batch's cross-article pass"
        )
    else:
        decision = resolve.Decision(
            int(row[0]), "batch", f"merged by the batch's cross-article pass with the entity first named in {anchor}"
        )
    gid = _apply(conn, ref, decision)
    conn.execute("INSERT OR IGNORE INTO global_entity_keys (key, global_id) VALUES (?, ?)", (key, gid))
    return gid


def _key_lookup(conn: sqlite3.Connection, keys: Sequence[str]) -> dict[str, list[int]]:
    """The first ``CANDIDATES_PER_KEY`` global ids (in id order) under each key, in one query."""
    found: dict[str, list[int]] = {}
    cur = _tuples(conn)
    for i in range(0, len(keys), 100):  # SQLite allows 500 terms in a compound select
        chunk = keys[i : i + 100]
        sql = " UNION ALL ".join(KEY_SQL for _ in chunk)
        for key, gid in cur.execute(sql, [v for k in chunk for v in (k, CANDIDATES_PER_KEY)]):
            found.setdefault(key, []).append(int(gid))
    return found


def _apply(conn: sqlite3.Connection, ref: resolve.EntityRef, decision: resolve.Decision) -> int:
    """Store a decision: create the global entity or merge names, keys and the explanation into it."""
    new_names = list(resolve.all_names(ref))
    note = {"name": ref.name, "rule": decision.rule, "why": decision.why, "article": ref.article_id, "count": 1}
    if decision.global_id is None:
        cur = conn.execute(
            "INSERT INTO global_entities (name, type, aliases, ambiguous, explanation) VALUES (?, ?, ?, ?, ?)",
            (ref.name, ref.type, _dumps(new_names), int(decision.rule == "ambiguous"), _dumps([note])),
        )
        gid = int(cur.lastrowid or 0)
    else:
        gid = decision.global_id
        row = conn.execute(
            "SELECT name, type, aliases, explanation FROM global_entities WHERE id = ?", (gid,)
        ).fetchone()
        aliases = list(dict.fromkeys([*json.loads(row[2]), *new_names]))[:MAX_ALIASES]
        notes = json.loads(row[3])
        for n in notes:
            if n["name"] == ref.name and n["rule"] == decision.rule:
                n["count"] += 1
                break
        else:
            if len(notes) < MAX_EXPLANATIONS:
                notes.append(note)
        name = row[0]
        if row[1] in names.PERSON_TYPES and len(names.person_parts(ref.name)) > len(names.person_parts(name)):
            name = ref.name  # a person is shown by the fullest name seen
        conn.execute(
            "UPDATE global_entities SET name = ?, aliases = ?, explanation = ? WHERE id = ?",
            (name, _dumps(aliases), _dumps(notes), gid),
        )
    keys: set[str] = set()
    for n in new_names:
        keys |= resolve.lookup_keys(n, ref.type)
    conn.executemany(
        "INSERT OR IGNORE INTO global_entity_keys (key, global_id) VALUES (?, ?)", [(k, gid) for k in sorted(keys)]
    )
    return gid


# ---------------------------------------------------------------- stories
def _tuples(conn: sqlite3.Connection) -> sqlite3.Cursor:
    """A cursor yielding plain tuples: hot look-ups read thousands of rows per article, and building a
    ``sqlite3.Row`` for each (the store's row factory) would cost more than the query."""
    cur = conn.cursor()
    cur.row_factory = None
    return cur


def _df(conn: sqlite3.Connection, terms: Iterable[str], known: dict[str, int] | None = None) -> dict[str, int]:
    """Document frequencies of ``terms`` (those in ``known`` are not asked again)."""
    out: dict[str, int] = dict(known or {})
    items = [t for t in dict.fromkeys(terms) if t not in out]
    cur = _tuples(conn)
    for i in range(0, len(items), 500):
        chunk = items[i : i + 500]
        marks = ",".join("?" * len(chunk))
        out.update(cur.execute(f"SELECT term, df FROM term_df WHERE term IN ({marks})", chunk).fetchall())
    return out


def _pairs(items: Iterable[Sequence[Any]]) -> tuple[tuple[str, int], ...]:
    return tuple((t, c) for t, c in items)


def _features(d: dict[str, Any]) -> stories.Features:
    return stories.Features(
        article_id=d["article_id"],
        terms=_pairs(d["terms"]),
        lead=_pairs(d.get("lead", [])),
        entities=_pairs(d["entities"]),
        places=tuple(d.get("places", [])),
        day=d.get("day"),
        dates=tuple(d.get("dates", [])),
        when=tuple(d.get("when", [])),
        numbers=tuple(d.get("numbers", [])),
        events=_pairs(d.get("events", [])),
    )


@lru_cache(maxsize=4096)
def _stored_features(text: str) -> stories.Features:
    """Decode a stored features row; memoized by its JSON text, which is the whole of its content (a story's
    members are decoded again for every new article compared with them)."""
    return _features(json.loads(text))


def _features_json(f: stories.Features) -> str:
    return _dumps(
        {
            "article_id": f.article_id,
            "terms": f.terms,
            "lead": f.lead,
            "entities": f.entities,
            "places": f.places,
            "day": f.day,
            "dates": f.dates,
            "when": f.when,
            "numbers": f.numbers,
            "events": f.events,
        }
    )


def _published_key(published: str | None, seq: int) -> tuple[int, str, int]:
    return (published is None, published or "", seq)


def place(conn: sqlite3.Connection, article: Article, seq: int, gids: dict[str, int], anchor: str | None = None) -> int:
    """Put the article in a story (a near-duplicate's, the most similar one's, or a new one); its id. With an
    ``anchor`` (decided elsewhere: the first article of its story), the anchor's story, or a new one when the
    article is its own anchor or the anchor is not stored."""
    feats = stories.features(article, lambda lid: f"g:{gids[lid]}" if lid in gids else None)
    sig = provenance.signature(article)
    counted = stories.counted(feats)
    conn.executemany(
        "INSERT INTO term_df (term, df) VALUES (?, 1) ON CONFLICT(term) DO UPDATE SET df = df + 1",
        [(t,) for t in counted],
    )
    conn.execute("UPDATE corpus_meta SET value = value + 1 WHERE key = 'documents'")
    n_docs = int(conn.execute("SELECT value FROM corpus_meta WHERE key = 'documents'").fetchone()[0])

    # near-duplicates first: a reprint belongs to its original's story whatever its words weigh
    pairs = provenance.buckets(sig)
    values = ",".join("(?, ?)" for _ in pairs)
    near = conn.execute(
        NEAR_SQL.format(values=values),
        [v for p in pairs for v in p],
    ).fetchall()
    conn.executemany(
        "INSERT OR IGNORE INTO lsh_buckets (band, bucket, article_id) VALUES (?, ?, ?)",
        [(b, h, article.id) for b, h in pairs],
    )
    best_dup = max(
        ((provenance.jaccard(sig, r[2]), r) for r in near if r[2] is not None), key=lambda x: x[0], default=None
    )

    df = _df(conn, counted)
    index_keys = stories.index_features(feats, df)
    story_id: int | None = None
    score: float | None = None
    if anchor is not None:
        found = conn.execute("SELECT story_id FROM story_articles WHERE article_id = ?", (anchor,)).fetchone()
        story_id = None if anchor == article.id or found is None else int(found[0])
    elif best_dup is not None and best_dup[0] >= provenance.NEAR_DUPLICATE:
        story_id, score = int(best_dup[1][1]), best_dup[0]
    else:
        groups = _candidate_stories(conn, feats, stories.query_features(feats, df))
        if groups:
            df = _df(conn, [t for ms in groups.values() for m in ms for t in stories.counted(m)], df)
            chosen, s, scores = stories.assign(feats, groups, stories.Scorer(df, n_docs))
            story_id, score = chosen, (s if chosen is not None else None)
            if chosen is not None:
                for other in stories.merges(chosen, scores, stories.load_model(), groups):
                    merge_stories(conn, chosen, other)
    if story_id is None:
        cur = conn.execute("INSERT INTO stories (title) VALUES (?)", (_title(article),))
        story_id = int(cur.lastrowid or 0)
    conn.execute(
        "INSERT INTO story_articles (article_id, story_id, score, day, features, signature) VALUES (?, ?, ?, ?, ?, ?)",
        (article.id, story_id, score, feats.day, _features_json(feats), sig),
    )
    conn.executemany(
        "INSERT INTO feature_index (feature, day, article_id) VALUES (?, ?, ?)",
        [(k, feats.day, article.id) for k in index_keys],
    )
    conn.execute("UPDATE articles SET story_id = ? WHERE id = ?", (str(story_id), article.id))
    _add_edges(conn, article, seq, story_id, sig, near)
    return story_id


def merge_stories(conn: sqlite3.Connection, into: int, other: int) -> None:
    """Move every article of story ``other`` into story ``into`` and drop ``other`` (``into`` is refreshed by
    the caller)."""
    conn.execute(
        "UPDATE articles SET story_id = ? WHERE id IN (SELECT article_id FROM story_articles WHERE story_id = ?)",
        (str(into), other),
    )
    conn.execute("UPDATE story_articles SET story_id = ? WHERE story_id = ?", (into, other))
    conn.execute("DELETE FROM stories WHERE id = ?", (other,))


def _candidate_stories(
    conn: sqlite3.Connection, feats: stories.Features, keys: Sequence[str]
) -> dict[int, list[stories.Features]]:
    """Stories holding an article that shares a telling feature within the date window, with sampled members."""
    sql = FEATURE_SQL
    span_args: list[Any] = []
    if feats.day is not None:
        span = stories.Params().max_days
        sql = FEATURE_WINDOW_SQL
        span_args = [feats.day - span, feats.day + span]
    cur = _tuples(conn)
    hits: Counter[str] = Counter()
    for key in keys:  # rarest first: a rare shared feature finds the right story within the budget
        args = [key, key, *span_args] if feats.day is not None else [key]
        hits.update(r[0] for r in cur.execute(sql, [*args, CANDIDATE_ARTICLES]))
        if len(hits) >= CANDIDATE_ARTICLES:
            break
    if not hits:
        return {}
    # the stories whose articles share the most telling features are the ones worth scoring
    story_hits: Counter[int] = Counter()
    id_list = list(hits)
    for i in range(0, len(id_list), 500):
        chunk = id_list[i : i + 500]
        q = f"SELECT article_id, story_id FROM story_articles WHERE article_id IN ({','.join('?' * len(chunk))})"
        for aid, sid in cur.execute(q, chunk):
            story_hits[int(sid)] += hits[aid]
    story_ids = [sid for sid, _ in story_hits.most_common(CANDIDATE_STORIES)]
    groups: dict[int, list[stories.Features]] = {}
    for sid in story_ids:
        rows = cur.execute(
            "SELECT features FROM story_articles WHERE story_id = ? ORDER BY rowid DESC LIMIT ?", (sid, STORY_SAMPLE)
        ).fetchall()
        groups[sid] = [_stored_features(r[0]) for r in rows]
    return groups


def _title(article: Article) -> str:
    if article.title:
        return article.title.strip()
    start = article.body[0][0] if article.body else 0
    return _first_line(article.text[start:])


def _first_line(text: str) -> str:
    first = text.strip().split("\n", 1)[0].strip()
    return first[:117] + "…" if len(first) > 120 else first


# ---------------------------------------------------------------- provenance
def _add_edges(
    conn: sqlite3.Connection, article: Article, seq: int, story_id: int, sig: bytes, near: Sequence[Any]
) -> None:
    """Edges from the article's cited sources and from text similarity to stored articles."""
    edges: list[Edge] = list(provenance.source_edges(article))
    members = conn.execute(
        "SELECT s.article_id, s.story_id, s.signature, a.published, a.seq FROM story_articles s"
        " JOIN articles a ON a.id = s.article_id WHERE s.story_id = ? AND s.article_id != ? ORDER BY s.rowid DESC"
        " LIMIT ?",
        (story_id, article.id, STORY_SAMPLE),
    ).fetchall()
    seen: set[str] = set()
    mine = _published_key(article.published, seq)
    for other_id, other_story, other_sig, published, other_seq in [*near, *members]:
        if other_id in seen or other_id == article.id or other_sig is None:
            continue
        seen.add(other_id)
        sim = provenance.jaccard(sig, other_sig)
        theirs = _published_key(published, int(other_seq))
        later, earlier = (article.id, other_id) if theirs <= mine else (other_id, article.id)
        edge = provenance.text_edge(later, earlier, sim, same_story=int(other_story) == story_id)
        if edge is not None:
            edges.append(edge)
    conn.executemany(
        "INSERT INTO provenance (article_id, kind, target_outlet, target_article, via, source_kind, evidence,"
        " evidence_start, evidence_end, similarity, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                e.article_id,
                e.kind,
                e.target_outlet,
                e.target_article,
                e.via,
                e.source_kind,
                e.evidence,
                e.start,
                e.end,
                e.similarity,
                e.confidence,
            )
            for e in edges
        ],
    )


def story_members(conn: sqlite3.Connection, story_id: int, limit: int = REFRESH_LIMIT) -> list[Member]:
    """A story's articles as provenance members, in ingest order."""
    rows = conn.execute(
        "SELECT a.id, a.outlet, a.published, a.seq FROM story_articles s JOIN articles a ON a.id = s.article_id"
        " WHERE s.story_id = ? ORDER BY a.seq LIMIT ?",
        (story_id, limit),
    ).fetchall()
    return [Member(r[0], r[1], r[2], int(r[3])) for r in rows]


def story_edges(conn: sqlite3.Connection, member_ids: Sequence[str]) -> list[Edge]:
    """The provenance edges leaving the given articles."""
    out: list[Edge] = []
    for i in range(0, len(member_ids), 500):
        chunk = list(member_ids[i : i + 500])
        rows = conn.execute(
            "SELECT article_id, kind, target_outlet, target_article, via, source_kind, evidence, evidence_start,"
            f" evidence_end, similarity, confidence FROM provenance WHERE article_id IN ({','.join('?' * len(chunk))})"
            " ORDER BY id",
            chunk,
        ).fetchall()
        out.extend(Edge(*r) for r in rows)
    return out


def refresh_story(conn: sqlite3.Connection, story_id: int) -> None:
    """Recompute a story's summary (title, dates, outlets, original, independent sources, roles)."""
    members = story_members(conn, story_id)
    if not members:
        conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))
        return
    derivation = provenance.derive(members, story_edges(conn, [m.id for m in members]))
    conn.executemany(
        "UPDATE story_articles SET role = ? WHERE article_id = ?", [(r, a) for a, r in derivation.roles.items()]
    )
    dated = sorted(m.published for m in members if m.published)
    outlets = list(
        dict.fromkeys(m.outlet for m in sorted(members, key=lambda m: _published_key(m.published, m.seq)) if m.outlet)
    )
    original_article = derivation.original.get("article") if derivation.original else None
    head = original_article or min(members, key=lambda m: _published_key(m.published, m.seq)).id
    title_row = conn.execute("SELECT title, substr(text, 1, 400) FROM articles WHERE id = ?", (head,)).fetchone()
    title = (title_row[0] or _first_line(title_row[1])) if title_row else None
    conn.execute(
        "UPDATE stories SET title = coalesce(?, title), first_published = ?, last_published = ?, article_count = ?,"
        " outlets = ?, original_article = ?, original = ?, independent_sources = ? WHERE id = ?",
        (
            title,
            dated[0] if dated else None,
            dated[-1] if dated else None,
            len(members),
            _dumps(outlets),
            original_article,
            _dumps(derivation.original) if derivation.original else None,
            _dumps(list(derivation.independent_sources)),
            story_id,
        ),
    )
