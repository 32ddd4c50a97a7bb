"""The cross-article layer in a real SQLite store: merging across articles, stories, provenance, dossiers."""

from __future__ import annotations

import dataclasses
import io
import sqlite3
from pathlib import Path

import pytest

from dossier.model import Article, Entity, Event, EventDate, Mention, Participant, Quote, Source, Speaker
from dossier.render import render_entity, render_stories, render_timeline
from dossier.store import Store

SEED_TEXT = (
    "Artem Zinchenko, a former Russian spy arrested in 2016, has sought asylum in Estonia.\n"
    "In 2016, Zinchenko was arrested by the Estonian Internal Security Service. The following year he was "
    "released in a prisoner exchange with Russia.\n"
    "Now, as reported by Yahoo News, Zinchenko is fleeing Russia. “Everything changed radically,” Zinchenko said.\n"
    "During the conversation with the Yahoo News reporter, Zinchenko said Vladimir Putin was to blame. "
    "Critics said “Zinchenko betrayed his country”.\n"
    "Source: IL Tempo\n"
)


def _entities(text: str, specs: list[tuple[str, str, tuple[str, ...]]]) -> tuple[Entity, ...]:
    out = []
    for i, (name, type_, aliases) in enumerate(specs):
        mentions = []
        for alias in sorted({name, *aliases}, key=len, reverse=True):
            start = text.find(alias)
            while start >= 0:
                if not any(m.start <= start < m.end for m in mentions):
                    mentions.append(Mention(start, start + len(alias), alias))
                start = text.find(alias, start + 1)
        out.append(Entity(f"E{i + 1}", name, type_, (name, *aliases), tuple(sorted(mentions, key=lambda m: m.start))))
    return tuple(out)


def _span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def seed_article(id_: str = "seed", text: str = SEED_TEXT) -> Article:
    ents = _entities(
        text,
        [
            ("Artem Zinchenko", "PERSON", ("Zinchenko",)),
            ("Estonia", "GPE", ()),
            ("Estonian Internal Security Service", "ORG", ()),
            ("Russia", "GPE", ()),
            ("Yahoo News", "ORG", ()),
            ("Vladimir Putin", "PERSON", ()),
        ],
    )
    q1 = _span(text, "Everything changed radically")
    q2 = _span(text, "Zinchenko betrayed his country")
    quotes = (
        Quote("Everything changed radically", *q1, "direct", Speaker("Zinchenko", "E1"), "said", 0.9),
        Quote("Zinchenko betrayed his country", *q2, "direct", Speaker("Critics"), "said", 0.8),
    )
    sources = tuple(
        Source(name, kind, written, *_span(text, written, after))
        for name, kind, written, after in (
            ("Yahoo News", "reported_by", "Yahoo News", 0),
            ("Yahoo News", "interview", "Yahoo News", text.index("conversation")),
            ("Il Tempo", "source_line", "IL Tempo", 0),
        )
    )
    s1 = text.split("\n")[1]
    s0 = text.split("\n")[0]
    events = (
        Event(
            "arrest",
            "173",
            "arrested",
            *_span(text, "arrested", text.index(s1)),
            s1,
            EventDate("2016", "2016"),
            (
                Participant("patient", "Zinchenko", "E1"),
                Participant("agent", "Estonian Internal Security Service", "E3"),
            ),
            None,
            0.9,
        ),
        Event(
            "arrest",
            "173",
            "arrested",
            *_span(text, "arrested"),
            s0,
            EventDate("2016", "2016"),
            (Participant("patient", "Artem Zinchenko", "E1"),),
            None,
            0.9,
        ),
        Event(
            "release",
            None,
            "released",
            *_span(text, "released"),
            s1,
            EventDate("The following year", "2017"),
            (Participant("patient", "he"),),
            None,
            0.8,
        ),
        Event(
            "asylum_request",
            None,
            "sought asylum",
            *_span(text, "sought asylum"),
            s0,
            EventDate("", "2023-03-01", "published"),
            (Participant("agent", "Artem Zinchenko", "E1"),),
            "Estonia",
            0.8,
        ),
    )
    return Article(
        id=id_, source={"path": "seed.txt"}, title=None, outlet="The Nation View", authors=("John Cameron",),
        published="2023-03-01", language="en", text=text, body=((0, len(text)),), entities=ents, quotes=quotes,
        sources=sources, events=events, content_hash=str(hash(text)),
    )  # fmt: skip


def plain(id_: str, text: str, outlet: str, published: str, specs: list[tuple[str, str, tuple[str, ...]]]) -> Article:
    return Article(
        id=id_, source={"path": f"{id_}.txt"}, title=None, outlet=outlet, authors=(), published=published,
        language="en", text=text, body=((0, len(text)),), entities=_entities(text, specs), content_hash=str(hash(text)),
    )  # fmt: skip


FOLLOW_UP = plain(
    "follow",
    "Estonia granted asylum to Zinchenko, the former Russian spy who fled Russia. Yahoo News first reported "
    "that Zinchenko sought asylum in Estonia after the prisoner exchange.",
    "Daily Planet",
    "2023-03-02",
    [("Zinchenko", "PERSON", ()), ("Estonia", "GPE", ()), ("Russia", "GPE", ()), ("Yahoo News", "ORG", ())],
)
SMITH_A = plain(
    "smith-a",
    "John Smith, the chief executive of Acme Corp, resigned on Monday after an accounting scandal at Acme Corp.",
    "Business Wire Daily",
    "2023-05-01",
    [("John Smith", "PERSON", ()), ("Acme Corp", "ORG", ())],
)
SMITH_B = plain(
    "smith-b",
    "Adam Smith, a striker for Rovers FC, scored twice as Rovers FC won the cup final in Glasgow on Saturday.",
    "Sports Daily",
    "2023-05-06",
    [("Adam Smith", "PERSON", ()), ("Rovers FC", "ORG", ()), ("Glasgow", "GPE", ())],
)
SMITH_C = plain(
    "smith-c",
    "Smith declined to comment when reached on Sunday about the weekend's events.",
    "Local News",
    "2023-05-07",
    [("Smith", "PERSON", ())],
)


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    s = Store(str(tmp_path / "corpus.db"))
    for a in (seed_article(), FOLLOW_UP, SMITH_A, SMITH_B, SMITH_C):
        s.write([a])  # one at a time: the incremental path
    return s


def test_entities_merge_across_articles_with_reasons(store: Store) -> None:
    d = store.entity("Zinchenko")
    assert d is not None
    assert d["name"] == "Artem Zinchenko" and d["type"] == "PERSON"
    assert {a["id"] for a in d["articles"]} == {"seed", "follow"}
    assert any(m["rule"] == "surname" and m["article"] == "follow" for m in d["merged_because"])
    assert store.entity("Artem Zinchenko")["id"] == d["id"]  # type: ignore[index]
    linked = store.conn.execute("SELECT DISTINCT global_id FROM entities WHERE name LIKE '%Zinchenko%'").fetchall()
    assert [r[0] for r in linked] == [d["id"]]


def test_two_smiths_stay_apart_and_a_bare_smith_joins_neither(store: Store) -> None:
    smiths = {e["name"]: e for e in store.entities("Smith")}
    assert {"John Smith", "Adam Smith", "Smith"} <= set(smiths)
    assert len({e["id"] for e in smiths.values()}) == len(smiths)
    bare = store.entity(smiths["Smith"]["id"])
    assert bare is not None and bare["merged_because"][0]["rule"] == "ambiguous"


def test_dossier_has_timeline_quotes_sources_and_company(store: Store) -> None:
    d = store.entity("Zinchenko")
    assert d is not None
    timeline = [(e["date"], e["type"]) for e in d["timeline"]]
    assert timeline == [("2016", "arrest"), ("2023-03-01", "asylum_request")]  # "he" is not resolved: not claimed
    assert len(d["timeline"][0]["evidence"]) == 1  # the second report of the 2016 arrest is evidence, not a new event
    assert [q["text"] for q in d["quotes_by"]] == ["Everything changed radically"]
    assert [q["text"] for q in d["quotes_about"]] == ["Zinchenko betrayed his country"]
    assert {s["name"] for s in d["sources"]} == {"Yahoo News", "Il Tempo"}
    company = {c["name"]: c["articles"] for c in d["co_occurring"]}
    assert company["Estonia"] == 2 and "John Smith" not in company


def test_stories_group_the_same_event_and_trace_the_seed_chain(store: Store) -> None:
    stories = store.stories()
    by_article = {a["id"]: s for s in stories for a in s["articles"]}
    assert by_article["seed"]["id"] == by_article["follow"]["id"]
    assert by_article["smith-a"]["id"] != by_article["seed"]["id"]
    assert by_article["smith-a"]["id"] != by_article["smith-b"]["id"]
    seed_story = by_article["seed"]
    roles = {a["id"]: (a["role"], a["chain"]) for a in seed_story["articles"]}
    assert roles["seed"] == ("rewrite", ["The Nation View", "Il Tempo", "Yahoo News"])
    assert set(seed_story["independent_sources"]) == {"Yahoo News", "Daily Planet"}
    assert seed_story["first_published"] == "2023-03-01"
    assert store.story(seed_story["id"]) == seed_story
    assert store.story("nope") is None
    assert store.stats()["stories"] == len(stories)


def test_reanalysed_article_replaces_its_corpus_rows(store: Store) -> None:
    before = store.entity("Zinchenko")
    changed = dataclasses.replace(FOLLOW_UP, text=FOLLOW_UP.text + " ", content_hash="changed")
    store.write([changed])
    after = store.entity("Zinchenko")
    assert before is not None and after is not None
    assert (after["article_count"], after["mention_count"]) == (before["article_count"], before["mention_count"])
    rows = store.conn.execute("SELECT count(*) FROM story_articles WHERE article_id = 'follow'").fetchone()
    assert rows[0] == 1
    assert store.article("follow")["story"] is not None  # type: ignore[index]


def test_timeline_over_all_events_is_in_date_order(store: Store) -> None:
    events = store.timeline()
    dates = [e["date"] for e in events]
    assert dates == sorted(dates) and len(events) == 3  # the 2016 arrest, told by two articles, is one event
    arrest = events[0]
    assert (arrest["type"], arrest["reports"], len(arrest["evidence"])) == ("arrest", 2, 1)
    assert store.timeline("nobody at all") == []


def test_one_event_across_outlets_with_its_first_report(store: Store) -> None:
    d = store.entity("Zinchenko")
    assert d is not None
    arrest = d["timeline"][0]
    assert arrest["reports"] == 2 and arrest["outlet_count"] == len(arrest["outlets"]) >= 1
    first = arrest["first_report"]
    assert first["published"] == min(e["article"]["published"] for e in [arrest, *arrest["evidence"]])
    out = io.StringIO()
    render_timeline(d["timeline"], out)
    assert f"first by {first['outlet'] or first['id']}" in out.getvalue() and "reported by" in out.getvalue()


def test_text_rendering(store: Store) -> None:
    out = io.StringIO()
    render_stories(store.stories(), out)
    assert "The Nation View -> Il Tempo -> Yahoo News" in out.getvalue()
    assert "independent sources (2)" in out.getvalue()
    out = io.StringIO()
    d = store.entity("Zinchenko")
    assert d is not None
    render_entity(d, out)
    text = out.getvalue()
    assert "Artem Zinchenko (PERSON)" in text and "surname" in text and "Everything changed radically" in text
    out = io.StringIO()
    render_timeline([], out)
    assert out.getvalue() == "no events\n"


def test_hot_path_look_ups_never_scan_a_table(store: Store) -> None:
    """The per-article look-ups stay indexed: their cost must not grow with the store (issue 7)."""
    from dossier.store import corpus as update

    assert update._key_lookup(store.conn, ["n:vladimir putin", "s:putin"])
    near_sql = update.NEAR_SQL.format(values="(?, ?), (?, ?)")
    for sql in (near_sql, update.FEATURE_SQL, update.FEATURE_WINDOW_SQL, update.KEY_SQL):
        plan = [r[3] for r in store.conn.execute("EXPLAIN QUERY PLAN " + sql, [1] * sql.count("?"))]
        scans = [p for p in plan if p.startswith("SCAN") and "CONSTANT ROWS" not in p and "subquery" not in p]
        assert scans in ([], ["SCAN b"]), plan


def test_a_store_without_the_cross_article_tables_reads_as_empty(tmp_path: Path) -> None:
    """A store written before the cross-article layer existed, opened read-only (as `dossier serve` does)."""
    path = str(tmp_path / "old.db")
    with Store(path) as s:
        for table in ("story_articles", "stories", "article_globals", "global_entity_keys", "global_entities"):
            s.conn.execute(f"DROP TABLE {table}")
    with Store(path, readonly=True) as s:
        assert s.entities("Putin") == [] and s.stories() == [] and s.timeline() == []
        assert s.entity("Putin") is None and s.story("1") is None


def test_an_entitys_latest_articles_come_from_one_index_range_in_the_same_order_as_a_full_sort(
    store: Store,
) -> None:
    from dossier.store import corpus_queries as cq

    gid = store.entity("Zinchenko")["id"]  # type: ignore[index]
    plan = " ".join(
        str(r[3])
        for r in store.conn.execute(
            "EXPLAIN QUERY PLAN SELECT article_id FROM article_globals INDEXED BY article_globals_latest"
            " WHERE global_id = ? ORDER BY published IS NULL, published DESC, seq DESC LIMIT 5",
            (gid,),
        )
    )
    assert "article_globals_latest" in plan and "TEMP B-TREE" not in plan  # no sort: the index is the order
    from_index = cq._entity_articles(store.conn, gid)
    store.conn.execute("DROP INDEX article_globals_latest")  # an older store opened read-only: the sorting plan
    assert cq._entity_articles(store.conn, gid) == from_index and len(from_index) == 2
    assert [a["published"] for a in from_index] == sorted((a["published"] for a in from_index), reverse=True)


def test_the_latest_index_migration_copies_dates_into_an_existing_stores_entity_rows(tmp_path: Path) -> None:
    """A store built before corpus-005 gets the articles' dates and ingest order copied in when it is opened."""
    from dossier.store import db

    path = str(tmp_path / "old.db")
    with Store(path) as s:
        s.write([dataclasses.replace(SMITH_A, published="2024-01-02")])
        s.conn.execute("DROP INDEX article_globals_latest")
        s.conn.execute("UPDATE article_globals SET published = NULL, seq = NULL")
        s.conn.execute("DELETE FROM _migrations WHERE name = 'corpus-005-entity-latest-index'")
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE article_globals DROP COLUMN published")
    conn.execute("ALTER TABLE article_globals DROP COLUMN seq")
    conn.commit()
    conn.close()
    with Store(path) as s:
        assert "corpus-005-entity-latest-index" in db.applied(s.conn)
        rows = s.conn.execute("SELECT published, seq FROM article_globals").fetchall()
        assert rows and all(r[0] == "2024-01-02" and r[1] is not None for r in rows)


def test_entity_page_shows_the_merged_event_with_its_first_report(store: Store, tmp_path: Path) -> None:
    """The web entity page over the real store: one arrest told by two articles, with who reported it first."""
    from fastapi.testclient import TestClient

    from dossier.web.app import create_app

    store.close()
    client = TestClient(create_app(str(tmp_path / "corpus.db")))
    found = client.get("/api/entities/Zinchenko").json()
    page = client.get(f"/entities/{found['id']}")
    arrest = found["timeline"][0]
    first = arrest["first_report"]
    assert page.status_code == 200 and "reported by" in page.text
    assert f"first by {first['outlet'] or first['id']}" in page.text


def test_co_occurring_entities_come_from_the_articles_the_dossier_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The company an entity keeps is counted over the dossier's own latest articles (bounded by the page, not by how
    often the entity is named): an entity seen only with it in an older article is not listed."""
    from dossier.store import corpus_queries

    monkeypatch.setattr(corpus_queries, "MAX_ARTICLES", 2)
    s = Store(str(tmp_path / "company.db"))
    specs = {"old": "Estonia", "mid": "Latvia", "new": "Latvia"}
    for day, (id_, place) in enumerate(specs.items(), start=1):
        text = f"Artem Zinchenko travelled to {place} on business."
        s.write([plain(id_, text, "Daily", f"2023-03-0{day}", [("Artem Zinchenko", "PERSON", ()), (place, "GPE", ())])])
    d = s.entity("Artem Zinchenko")
    assert d is not None
    assert [a["id"] for a in d["articles"]] == ["new", "mid"]
    assert [(c["name"], c["articles"]) for c in d["co_occurring"]] == [("Latvia", 2)]
    s.close()
