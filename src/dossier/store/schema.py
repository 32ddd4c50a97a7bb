"""The per-article schema: plain tables a person (or datasette) can read, as named migrations.

Each migration is ``(name, sql)``; names are applied once, in list order, and recorded in
``_migrations``. Never edit a released migration: append a new one. The cross-article layer
(``dossier.store.corpus_schema.MIGRATIONS``) is applied after these by the same runner.

Offsets (``start``/``end``) index into ``articles.text``. Child rows name their article by its
text id (``article_id``) so that a query needs no join to say which article a row is from;
``ON DELETE CASCADE`` removes them with their article.
"""

from __future__ import annotations

Migration = tuple[str, str]
"""A named schema change: ``(name, sql script)``."""

ARTICLES = """
CREATE TABLE articles (
    seq INTEGER PRIMARY KEY,             -- ingest order; the FTS rowid
    id TEXT NOT NULL UNIQUE,             -- the contract's id
    content_hash TEXT NOT NULL,          -- sha256 of text: unchanged articles are skipped on re-ingest
    title TEXT,
    outlet TEXT,
    authors TEXT NOT NULL DEFAULT '[]',  -- JSON list of names
    published TEXT,                      -- ISO date or NULL
    language TEXT,
    url TEXT,
    path TEXT,
    text TEXT NOT NULL,
    analysis TEXT NOT NULL,              -- JSON contract object, its "text" null (the text is stored once, above)
    warnings TEXT NOT NULL DEFAULT '[]', -- JSON list
    ingested_at TEXT NOT NULL,
    story_id TEXT                        -- set by the cross-article layer
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_outlet ON articles(outlet);
"""

CHILDREN = """
CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    local_id TEXT NOT NULL,              -- "E1", ... as in the contract
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',  -- JSON list
    confidence REAL NOT NULL DEFAULT 1.0,
    mention_count INTEGER NOT NULL DEFAULT 0,
    global_id TEXT,                      -- set by the cross-article layer
    UNIQUE (article_id, local_id)
);
CREATE INDEX entities_name ON entities(name);
CREATE INDEX entities_global ON entities(global_id);
CREATE INDEX entities_type ON entities(type);

CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'name'
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_entity ON mentions(entity_id);

CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,           -- index in the article's quote list
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    kind TEXT NOT NULL,
    speaker_name TEXT,
    speaker_entity TEXT,                 -- local entity id ("E3") or NULL
    speaker_start INTEGER,
    speaker_end INTEGER,
    cue TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    confidence REAL NOT NULL,
    note TEXT
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_speaker ON quotes(speaker_name);

CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    entity TEXT                          -- local entity id or NULL
);
CREATE INDEX sources_article ON sources(article_id);
CREATE INDEX sources_name ON sources(name);

CREATE TABLE timexes (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    type TEXT NOT NULL,
    value TEXT NOT NULL,
    anchor TEXT
);
CREATE INDEX timexes_article ON timexes(article_id);
CREATE INDEX timexes_value ON timexes(value);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    type TEXT NOT NULL,
    cameo TEXT,
    trigger TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    sentence TEXT NOT NULL,
    sentence_start INTEGER,
    sentence_end INTEGER,
    date_value TEXT,
    date_text TEXT,
    date_basis TEXT,
    location TEXT,
    participants TEXT NOT NULL DEFAULT '[]',  -- JSON list, as in the contract
    confidence REAL NOT NULL
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_date ON events(date_value);
CREATE INDEX events_type ON events(type);

CREATE TABLE event_participants (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    name TEXT NOT NULL,
    entity TEXT,                         -- local entity id or NULL
    start INTEGER,
    end INTEGER
);
CREATE INDEX event_participants_event ON event_participants(event_id);
CREATE INDEX event_participants_article ON event_participants(article_id);
CREATE INDEX event_participants_name ON event_participants(name);
"""

# External-content FTS5 over articles(title, text), kept in sync by triggers (the SQLite manual's recipe).
FTS = """
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, coalesce(new.title, ''), new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.seq, coalesce(old.title, ''), old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.seq, coalesce(old.title, ''), old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, coalesce(new.title, ''), new.text);
END;
"""

COUNTED = ("articles", "entities", "mentions", "quotes", "sources", "timexes", "events")
"""Tables whose row counts ``row_counts`` keeps, so that ``stats`` answers at once on a big store."""


def _counts_sql() -> str:
    parts = [
        "CREATE TABLE row_counts (name TEXT PRIMARY KEY, n INTEGER NOT NULL);",
        # the latest-first listing sorts undated articles last; this index serves it without a sort
        "CREATE INDEX articles_latest ON articles((published IS NULL), published DESC, seq DESC);",
        # search ranks with title matches weighing 5x body matches (FTS5's persistent rank setting)
        "INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(5.0, 1.0)');",
    ]
    for t in COUNTED:
        parts.append(f"INSERT INTO row_counts(name, n) SELECT '{t}', count(*) FROM {t};")
        parts.append(
            f"CREATE TRIGGER {t}_count_insert AFTER INSERT ON {t} BEGIN"
            f" UPDATE row_counts SET n = n + 1 WHERE name = '{t}'; END;"
        )
        parts.append(
            f"CREATE TRIGGER {t}_count_delete AFTER DELETE ON {t} BEGIN"
            f" UPDATE row_counts SET n = n - 1 WHERE name = '{t}'; END;"
        )
    return "\n".join(parts)


WATCH = """
CREATE TABLE watch_feeds (
    url TEXT PRIMARY KEY,                -- a feed or sitemap as given to dossier watch (or listed by a sitemap index)
    etag TEXT,                           -- the last ETag, sent back as If-None-Match
    last_modified TEXT,                  -- the last Last-Modified, sent back as If-Modified-Since
    polled_at TEXT,                      -- last poll (UTC, ISO 8601)
    failures INTEGER NOT NULL DEFAULT 0, -- consecutive failed polls (0 after a good one)
    retry_at REAL,                       -- after a failure: not polled again before this (Unix time)
    last_error TEXT
);
CREATE TABLE watch_items (
    url TEXT PRIMARY KEY,                -- the article page an entry links to
    feed TEXT NOT NULL,                  -- the feed that listed it first
    title TEXT,                          -- the entry's title (the page's own title wins in the article)
    published TEXT,                      -- the entry's date, for pages that carry none
    seen_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'new',   -- new | done (stored) | skipped (not an article: never retried) | failed
    attempts INTEGER NOT NULL DEFAULT 0,
    retry_at REAL,                       -- for failed: not fetched again before this (Unix time)
    article_id TEXT,                     -- the stored article, when done
    error TEXT
);
CREATE INDEX watch_items_state ON watch_items(state, retry_at);
CREATE INDEX articles_url ON articles(url);
CREATE INDEX articles_ingested ON articles(ingested_at);
"""


EVENTS_MODALITY = """
ALTER TABLE events ADD COLUMN modality TEXT NOT NULL DEFAULT 'asserted';
ALTER TABLE events ADD COLUMN date_anchor TEXT;
UPDATE events SET date_anchor = CASE date_basis WHEN 'clause' THEN 'clause' WHEN 'published' THEN 'published'
    WHEN 'governing' THEN 'sentence' END;
"""
"""What the text says of an event (asserted / reported / negated / future / hypothetical) and where its date comes
from (clause / sentence / narrative / published). Rows stored before it read as asserted; their anchor is taken
from the old basis ("governing" was a sentence's or the narrative's time: told apart only on re-analysis)."""

MIGRATIONS: list[Migration] = [
    ("store-001-articles", ARTICLES),
    ("store-002-per-article-tables", CHILDREN),
    ("store-003-articles-fts", FTS),
    ("store-004-counts-latest-rank", _counts_sql()),
    # an edited file replaces the article stored from its path (writer.previous_version): looked up by path
    ("store-005-articles-path", "CREATE INDEX articles_path ON articles(path);"),
    ("watch-001-feeds-items", WATCH),
    ("events-modality-001", EVENTS_MODALITY),
    # what each attribution is (speech, belief, knowledge, finding, plan, document); NULL for quotes stored
    # before categories existed
    ("quotes-category-001", "ALTER TABLE quotes ADD COLUMN category TEXT;"),
]
"""The store's own migrations, in order."""
