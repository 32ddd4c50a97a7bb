"""Shared fixtures. Paths to the bundled examples; the real analysis of the seed, computed once."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The canonical example article, shipped in the repo."""
    return EXAMPLES / "seed-article.txt"


@pytest.fixture(scope="session")
def seed_text(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_article(seed_text: str):  # type: ignore[no-untyped-def]
    """The seed analysed once per test session by the real pipeline."""
    import dossier

    return dossier.analyze(seed_text)


# ---- store fixtures: hand-built Article records, so store tests need no spaCy model ----
def _store_article(n: int = 0, *, text: str | None = None, published: str | None = "2023-03-10", **kw):  # type: ignore[no-untyped-def]
    """A small but complete Article (one of every record kind) whose offsets index into its text."""
    import dossier.model as m
    from dossier.engine import content_hash

    name = f"Artem Zinchenko{n}" if n else "Artem Zinchenko"
    text = text if text is not None else f"{name} said he left Kyiv in 2016, Yahoo News reported. Article {n}."
    end = len(name)
    entities = (
        m.Entity("E1", name, "PERSON", aliases=("Zinchenko",), mentions=(m.Mention(0, end, name),)),
        m.Entity("E2", "Kyiv", "GPE", mentions=(m.Mention(text.find("Kyiv"), text.find("Kyiv") + 4, "Kyiv", "name"),)),
    )
    quote = m.Quote("he left Kyiv", end + 6, end + 18, "indirect", m.Speaker(name, "E1", 0, end), "said", 0.8)
    source = m.Source("Yahoo News", "reported_by", "Yahoo News reported", text.find("Yahoo"), text.find("Yahoo") + 19)
    timex = m.Timex("2016", text.find("2016"), text.find("2016") + 4, "DATE", "2016")
    event = m.Event(
        "move",
        "020",
        "left",
        end + 9,
        end + 13,
        text,
        m.EventDate("in 2016", "2016", "clause"),
        (m.Participant("agent", name, "E1", 0, end),),
        "Kyiv",
        0.6,
        0,
        len(text),
    )
    fields = dict(
        id=f"art-{n}",
        source={"path": f"a{n}.txt"},
        title=f"Spy swap {n}",
        outlet="Il Tempo",
        authors=("Ann Lee",),
        published=published,
        language="en",
        text=text,
        body=((0, len(text)),),
        entities=entities,
        quotes=(quote,),
        sources=(source,),
        timexes=(timex,),
        events=(event,),
        warnings=("note: test",),
        content_hash=content_hash(text),
        meta={"dateline": [0, 4]},
    )
    fields.update(kw)
    return m.Article(**fields)


@pytest.fixture()
def store_article():  # type: ignore[no-untyped-def]
    """Factory ``store_article(n, text=..., **fields)`` of hand-built Article records for store tests."""
    return _store_article


# ---- web fixtures: one real store (seed + hostile articles through the real ingest), built once ----
@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built by ``dossier.api.ingest`` from the seed and hostile JSONL, plus a hostile record."""
    from web_helpers import build_store

    work = tmp_path_factory.mktemp("web")
    return build_store(work / "web.db", work)


@pytest.fixture
def story_sets():  # type: ignore[no-untyped-def]
    """A reader of a store's stories, each as the set of its article ids (ids differ between stores; sets do not)."""
    from dossier.store import Store

    def read(db: str) -> set[frozenset[str]]:
        with Store(db, readonly=True) as store:
            groups: dict[str, set[str]] = {}
            for article_id, story_id in store.conn.execute("SELECT article_id, story_id FROM story_articles"):
                groups.setdefault(str(story_id), set()).add(article_id)
        return {frozenset(g) for g in groups.values()}

    return read
