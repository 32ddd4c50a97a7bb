"""The cross-article tables, as named migrations applied after the store's own (``dossier.store.schema``).

Everything the incremental update needs lives on disk, indexed for the look-ups it makes:
entity keys (names, surnames, initials, skeletons), story features with an inverted index
by telling feature and day, MinHash signatures with LSH buckets, provenance edges. At a
million articles nothing has to be held in memory. The link from an article's entity to
its global entity is the store's ``entities.global_id``; an article's story is
``articles.story_id`` (both as text ids).
"""

from __future__ import annotations

GLOBAL_ENTITIES = """
CREATE TABLE global_entities (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',      -- JSON list of every name it was seen under
    article_count INTEGER NOT NULL DEFAULT 0,
    mention_count INTEGER NOT NULL DEFAULT 0,
    ambiguous INTEGER NOT NULL DEFAULT 0,    -- 1: a bare surname several people share, kept apart
    explanation TEXT NOT NULL DEFAULT '[]'   -- JSON list: {name, rule, why, article, count} per merge decision
);
CREATE INDEX global_entities_rank ON global_entities(mention_count DESC);
CREATE INDEX global_entities_name ON global_entities(name);

CREATE TABLE global_entity_keys (            -- look-up keys: n:name s:surname g:given a:initials k:skeleton
    key TEXT NOT NULL,
    global_id INTEGER NOT NULL REFERENCES global_entities(id) ON DELETE CASCADE,
    PRIMARY KEY (key, global_id)
) WITHOUT ROWID;
CREATE INDEX global_entity_keys_global ON global_entity_keys(global_id);

CREATE TABLE article_globals (               -- which global entities an article names, how often
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    global_id INTEGER NOT NULL REFERENCES global_entities(id) ON DELETE CASCADE,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article_id, global_id)
) WITHOUT ROWID;
CREATE INDEX article_globals_global ON article_globals(global_id, article_id);
"""

STORIES = """
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    title TEXT,
    first_published TEXT,
    last_published TEXT,
    article_count INTEGER NOT NULL DEFAULT 0,
    outlets TEXT NOT NULL DEFAULT '[]',              -- JSON list
    original_article TEXT,                           -- the stored article the others derive from
    original TEXT,                                   -- JSON {article, outlet, basis} or NULL
    independent_sources TEXT NOT NULL DEFAULT '[]'   -- JSON list of outlet names
);
CREATE INDEX stories_size ON stories(article_count DESC, id);

CREATE TABLE story_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id INTEGER NOT NULL REFERENCES stories(id),
    role TEXT NOT NULL DEFAULT 'independent',  -- original | rewrite | reprint | independent
    score REAL,                                -- similarity with which it joined (NULL: it started the story)
    day INTEGER,                               -- publication day number, NULL when unknown
    features TEXT NOT NULL,                    -- JSON: the story features (words, entities, places, dates)
    signature BLOB                             -- MinHash signature (uint32 values)
);
CREATE INDEX story_articles_story ON story_articles(story_id);

CREATE TABLE feature_index (                 -- telling features -> articles, for candidate stories
    feature TEXT NOT NULL,
    day INTEGER,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);
CREATE INDEX feature_index_lookup ON feature_index(feature, day);
CREATE INDEX feature_index_article ON feature_index(article_id);

CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE corpus_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO corpus_meta(key, value) VALUES ('documents', 0);
"""

PROVENANCE = """
CREATE TABLE lsh_buckets (
    band INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (band, bucket, article_id)
) WITHOUT ROWID;
CREATE INDEX lsh_buckets_article ON lsh_buckets(article_id);

CREATE TABLE provenance (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,            -- rewrite | wire | near_duplicate | cites
    target_outlet TEXT,
    target_article TEXT,
    via TEXT,                      -- NULL: the article relays the target; else the outlet it relays does
    source_kind TEXT,              -- the contract's source kind behind the edge (NULL: text similarity)
    evidence TEXT,
    evidence_start INTEGER,
    evidence_end INTEGER,
    similarity REAL,
    confidence REAL NOT NULL
);
CREATE INDEX provenance_article ON provenance(article_id);
CREATE INDEX provenance_target ON provenance(target_article);
CREATE INDEX provenance_outlet ON provenance(target_outlet);
"""

ENTITY_ARTICLE_INDEX = """
CREATE INDEX entities_global_article ON entities(global_id, article_id);
"""
"""An entity's article rows by global id and article (the dossier's per-article look-ups)."""

ENTITY_LATEST_INDEX = """
ALTER TABLE article_globals ADD COLUMN published TEXT;
ALTER TABLE article_globals ADD COLUMN seq INTEGER;
UPDATE article_globals SET
    published = (SELECT a.published FROM articles a WHERE a.id = article_globals.article_id),
    seq = (SELECT a.seq FROM articles a WHERE a.id = article_globals.article_id);
CREATE INDEX article_globals_latest ON article_globals(global_id, (published IS NULL), published DESC, seq DESC);
"""
"""An entity's latest articles straight from one index range (the article's date and ingest order copied in), so a
dossier reads its 200 newest articles however many thousands name the entity."""

LINEAGE = """
CREATE TABLE quote_groups (                  -- quotes that are one statement (every stored quote is in one)
    id INTEGER PRIMARY KEY,
    first_quote INTEGER,                     -- quotes.id of the first appearance
    first_article TEXT,
    text TEXT,
    speaker_name TEXT,
    speaker_entity TEXT,                     -- global entity id of the first appearance's speaker
    published TEXT,
    size INTEGER NOT NULL DEFAULT 0,         -- appearances
    altered INTEGER NOT NULL DEFAULT 0       -- 1: an altered or misattributed copy
);
CREATE INDEX quote_groups_size ON quote_groups(size DESC, id);
CREATE INDEX quote_groups_altered ON quote_groups(altered, size DESC, id);

CREATE TABLE quote_lineage (                 -- one row per stored quote: its group and relation to the first
    quote_id INTEGER PRIMARY KEY,            -- quotes.id
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    group_id INTEGER NOT NULL,
    relation TEXT NOT NULL DEFAULT 'first',  -- first | verbatim | trimmed | altered | misattributed | paraphrase
    changes TEXT NOT NULL DEFAULT '[]',      -- JSON list of {op, from, to[, number]}
    basis_quote INTEGER,                     -- the appearance relation and changes are against (the first, or
                                             -- the piece of a longer statement this one matches)
    speaker_entity TEXT,                     -- global entity id of the speaker, NULL when unresolved
    speaker_type TEXT,
    story_id INTEGER
);
CREATE INDEX quote_lineage_group ON quote_lineage(group_id);
CREATE INDEX quote_lineage_article ON quote_lineage(article_id);
CREATE INDEX quote_lineage_speaker ON quote_lineage(speaker_entity, quote_id);
CREATE INDEX quote_lineage_story ON quote_lineage(story_id, quote_id);

CREATE TABLE quote_buckets (                 -- MinHash LSH buckets of quotes' content-word pairs
    band INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    quote_id INTEGER NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (band, bucket, quote_id)
) WITHOUT ROWID;
CREATE INDEX quote_buckets_article ON quote_buckets(article_id);

CREATE TABLE article_figures (               -- figures an article reports (counts; dates and places of events)
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,                      -- count | date | place
    what TEXT NOT NULL,                      -- the thing counted, or the event type
    value TEXT NOT NULL,                     -- normalised number, ISO date, place name
    approx INTEGER NOT NULL DEFAULT 0,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL
);
CREATE INDEX article_figures_article ON article_figures(article_id);
"""
"""Quote groups (lineage of each quote across articles) and the figures each article reports."""

MIGRATIONS: list[tuple[str, str]] = [
    ("corpus-001-global-entities", GLOBAL_ENTITIES),
    ("corpus-002-stories", STORIES),
    ("corpus-003-provenance", PROVENANCE),
    ("corpus-004-entity-article-index", ENTITY_ARTICLE_INDEX),
    ("corpus-005-entity-latest-index", ENTITY_LATEST_INDEX),
    ("lineage-001-quote-groups-figures", LINEAGE),
]
"""The cross-article layer's migrations, in order (append; never edit a released one)."""
