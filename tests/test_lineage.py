"""Quote lineage and figures in conflict: the pure matching, diff and number normalisation, then the store."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

import dossier.model as m
from dossier.corpus import figures, lineage
from dossier.corpus.lineage import QuoteRef
from dossier.engine import content_hash


def ref(key: str, text: str, *, kind: str = "direct", speaker: str | None = "Tom Marsh", entity: str | None = "7",
        article: str | None = None, outlet: str | None = None, published: str | None = None, seq: int = 0,
        cites: tuple[str, ...] = (), stype: str = "PERSON") -> QuoteRef:  # fmt: skip
    return QuoteRef(
        key=key,
        text=text,
        kind=kind,
        article=article or f"a{key}",
        speaker_name=speaker,
        speaker_entity=entity,
        speaker_type=stype if entity else None,
        outlet=outlet,
        published=published,
        seq=seq,
        cites=cites,
    )


JOBS = "The project will create 4,000 jobs in the region over the next five years."
ORIGINAL = ref("1", JOBS)


# ---------------------------------------------------------------- every relation label
@pytest.mark.parametrize(
    ("copy", "relation", "changes"),
    [
        (ORIGINAL, "first", []),
        (ref("2", "the project will create 4,000 jobs in the region over the next five years"), "verbatim", []),
        (ref("3", "The project will create four thousand jobs in the region over the next 5 years."), "verbatim", []),
        (ref("4", "create 4,000 jobs in the region"), "trimmed", []),
        (
            ref("5", "The project will create 40,000 jobs in the region over the next five years."),
            "altered",
            [{"op": "replace", "from": "4,000", "to": "40,000", "number": "4,000 → 40,000"}],
        ),
        (
            ref("6", "The project will surely create 4,000 jobs in the region over the coming five years."),
            "altered",
            [{"op": "insert", "from": "", "to": "surely"}, {"op": "replace", "from": "next", "to": "coming"}],
        ),
        (
            ref("7", "The project will create 4,000 jobs over the next five years.", speaker="Ann Lee", entity="9"),
            "misattributed",
            [{"op": "delete", "from": "in the region", "to": ""}],
        ),
        (
            ref("8", "Marsh said the project would create 4,000 jobs in the region", kind="indirect", speaker="Marsh"),
            "paraphrase",
            [
                {"op": "insert", "from": "", "to": "Marsh said"},
                {"op": "replace", "from": "will", "to": "would"},
                {"op": "delete", "from": "over the next five years", "to": ""},
            ],
        ),
    ],
)
def test_every_relation_to_the_first_appearance(copy: QuoteRef, relation: str, changes: list[dict[str, str]]) -> None:
    assert copy.key == "1" or lineage.match(ORIGINAL, copy) is not None
    rel, ch = lineage.relation(ORIGINAL, copy)
    assert rel == relation
    assert [c.to_dict() for c in ch] == changes


@pytest.mark.parametrize(
    "copy",
    [
        # the same person under another alias, or another entity id for a compatible name
        ref("2", JOBS, speaker="Marsh", entity="8"),
        # an unresolved pronoun
        ref("3", JOBS, speaker="he", entity=None),
        # no speaker at all
        ref("4", JOBS, speaker=None, entity=None),
        # a speaker that is an organisation (an outlet reporting it), not a person
        ref("5", JOBS, speaker="Reuters",
            entity="3", stype="ORG"),
    ],
)  # fmt: skip
def test_no_misattribution_without_two_different_resolved_people(copy: QuoteRef) -> None:
    assert lineage.match(ORIGINAL, copy) is not None
    assert lineage.relation(ORIGINAL, copy)[0] == "verbatim"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # different statements by the same speaker
        (ORIGINAL, ref("2", "We will never sell the harbour to a foreign investor, whatever they offer.")),
        # a short stock phrase by two different people is not one statement
        (ref("1", "We will see."), ref("2", "We will see.", speaker="Ann Lee", entity="9")),
        # a loosely similar sentence by someone else is not a misattribution
        (ORIGINAL, ref("2", "The plan will create 300 jobs in the north over two years.", speaker="Ann", entity="9")),
        # the same little words around different content ("the U.S. side of the border")
        (ref("1", "the U.S. side of the border"), ref("2", "signs on the Mexican side of the border", kind="indirect")),
        # an indirect rendering by someone else does not join
        (ORIGINAL, ref("2", "the project would create 4,000 jobs", kind="indirect", speaker="Ann Lee", entity="9")),
    ],
)  # fmt: skip
def test_not_the_same_statement(a: QuoteRef, b: QuoteRef) -> None:
    assert lineage.match(a, b) is None


def test_an_unsure_speaker_is_never_a_misattribution() -> None:
    # a speaker the extractor took from context (low confidence) may be its own mistake, not the outlet's
    copy = dataclasses.replace(ref("2", JOBS, speaker="Ann Lee", entity="9"), confidence=0.4)
    assert lineage.relation(ORIGINAL, copy)[0] == "verbatim"


def test_a_piece_of_a_longer_statement_is_related_to_the_piece_it_matches() -> None:
    long = "We will build the harbour, we will build the road, and we will finish both before the next election."
    first = ref("1", "we will build the harbour", published="2023-01-01")  # the first outlet quoted only a piece
    whole = ref("2", long, published="2023-01-02")
    other = ref("3", "we will finish both before the next election", published="2023-01-03")
    _, rels = lineage.lineage([first, whole, other])
    assert (rels["2"].relation, rels["2"].basis) == ("trimmed", "1")
    assert (rels["3"].relation, rels["3"].basis) == ("trimmed", "2")


def test_the_first_is_the_earliest_then_the_first_ingested() -> None:
    a = ref("1", "x y z w", published="2023-03-02", seq=1)
    b = ref("2", "x y z w", published="2023-03-01", seq=2)
    c = ref("3", "x y z w", published=None, seq=0)
    assert lineage.first_of([a, b, c]).key == "2"
    assert lineage.first_of([c, ref("4", "x y z w", published=None, seq=5)]).key == "3"


def test_the_cited_outlet_is_the_origin_along_a_chain() -> None:
    nation = ref("1", "q", outlet="The Nation View", published="2023-03-02", cites=("Il Tempo", "Yahoo News"))
    tempo = ref("2", "q", outlet="Il Tempo", published="2023-03-01", cites=("Yahoo News",))
    yahoo = ref("3", "q", outlet="Yahoo News", published=None, seq=9)  # undated, ingested last
    assert lineage.first_of([nation, tempo, yahoo]).key == "3"
    # the cited outlet's article is not stored: the earliest stays the first
    assert lineage.first_of([nation, tempo]).key == "2"


# ---------------------------------------------------------------- numbers and figures
@pytest.mark.parametrize(
    ("text", "norms"),
    [
        ("4,000 jobs", ["4000", "jobs"]),
        ("four thousand jobs", ["4000", "jobs"]),
        ("4k jobs", ["4000", "jobs"]),
        ("4.5 million people", ["4500000", "people"]),
        ("twenty five people", ["25", "people"]),
        ("two hundred thousand", ["200000"]),
        ("February 24th", ["february", "24"]),
        ("$4 million", ["4000000$"]),
    ],
)
def test_numbers_are_normalised(text: str, norms: list[str]) -> None:
    assert [t.norm for t in figures.tokenize(text)] == norms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("About 300 protesters gathered.", [("protesters", "300", True)]),
        ("Some 3,000 anti-war protesters marched.", [("protesters", "3000", True)]),
        ("The blast killed 12 and wounded 30.", [("killed", "12", False), ("injured", "30", False)]),
        ("15 people were killed.", [("killed", "15", False)]),
        ("12 dead after the storm.", [("killed", "12", False)]),
        ("It will cost $4 million.", [("usd", "4000000", False)]),
        ("a $4 million grant and a £2bn loan", [("usd grant", "4000000", False), ("gbp loan", "2000000000", False)]),
        ("He was arrested in 2016 and served 10 years.", []),  # a year, and time, are not counts
        ("Within 24-hours several groups crossed.", []),
    ],
)
def test_count_figures(text: str, expected: list[tuple[str, str, bool]]) -> None:
    assert [(f.what, f.value, f.approx) for f in figures.count_figures(text)] == expected


def rep(aid: str, published: str, *figs: figures.Figure) -> figures.Reported:
    return figures.Reported(aid, f"Outlet {aid}", published, 0, figs)


def count(what: str, value: str, text: str = "", approx: bool = False) -> figures.Figure:
    return figures.Figure("count", what, value, text or f"{value} {what}", 0, 1, approx)


def test_a_count_discrepancy_says_what_the_values_who_and_what_came_first() -> None:
    found = figures.discrepancies(
        [
            rep("b", "2023-03-02", count("protesters", "3000", "3,000 protesters")),
            rep("a", "2023-03-01", count("protesters", "300", "about 300 protesters", approx=True)),
            rep("c", "2023-03-03", count("protesters", "300", "300 protesters")),
        ]
    )
    assert len(found) == 1
    d = found[0]
    assert (d["kind"], d["what"], d["first"]) == ("count", "protesters", {"value": "300", "article": "a"})
    values = d["values"]
    assert isinstance(values, list)
    assert [(v["value"], [a["id"] for a in v["articles"]]) for v in values] == [("300", ["a", "c"]), ("3000", ["b"])]


def test_killed_12_and_killed_15_disagree() -> None:
    a = figures.count_figures("The attack killed 12 people on Monday.")
    b = figures.count_figures("Officials said 15 people were killed.")
    found = figures.discrepancies([rep("a", "2023-01-01", *a), rep("b", "2023-01-02", *b)])
    assert [(d["what"], [v["value"] for v in d["values"]]) for d in found] == [("killed", ["12", "15"])]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("kind", "a", "b", "conflict"),
    [
        ("date", "2023-03-01", "2023-03-04", True),
        ("date", "2023-03-01", "2023-03-01", False),
        ("place", "Kharkiv", "Odesa", True),
        ("place", "Kyiv", "Kyiv, Ukraine", False),
    ],
)
def test_dates_and_places_of_an_event(kind: str, a: str, b: str, conflict: bool) -> None:
    fa = figures.Figure(kind, "attack", a, a, 0, 1)
    fb = figures.Figure(kind, "attack", b, b, 0, 1)
    found = figures.discrepancies([rep("a", "2023-03-05", fa), rep("b", "2023-03-06", fb)])
    assert bool(found) is conflict
    if conflict:
        assert found[0]["kind"] == kind


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (count("protesters", "300", approx=True), count("protesters", "310")),  # about 300 ~ 310
        (count("protesters", "300"), count("jobs", "3000")),  # different things counted
        (count("usd", "4000000"), count("eur", "5000000")),  # different units
    ],
)
def test_figures_that_do_not_conflict(a: figures.Figure, b: figures.Figure) -> None:
    assert figures.discrepancies([rep("a", "2023-01-01", a), rep("b", "2023-01-02", b)]) == []


def test_an_article_giving_two_values_for_one_figure_is_left_out_of_it() -> None:
    two = rep("a", "2023-01-01", count("protesters", "300"), count("protesters", "5000"))
    assert figures.discrepancies([two, rep("b", "2023-01-02", count("protesters", "3000"))]) == []


# ---------------------------------------------------------------- in the store
def build(aid: str, text: str, quotes: list[tuple[str, str, str | None]], *, outlet: str, published: str | None,
          people: tuple[str, ...] = (), cites: tuple[str, ...] = ()) -> m.Article:  # fmt: skip
    """An Article whose quotes (text, kind, speaker) and people are found in ``text`` by position."""
    ents = []
    for i, name in enumerate(people):
        ats = [k.start() for k in re.finditer(re.escape(name), text)]
        ents.append(
            m.Entity(f"E{i + 1}", name, "PERSON", mentions=tuple(m.Mention(a, a + len(name), name) for a in ats))
        )
    ids = {e.name: e.id for e in ents}
    qs = []
    for qtext, kind, speaker in quotes:
        at = text.index(qtext)
        sp = None
        if speaker is not None:
            s_at = text.index(speaker)
            sp = m.Speaker(speaker, ids.get(speaker), s_at, s_at + len(speaker))
        qs.append(m.Quote(qtext, at, at + len(qtext), kind, sp, "said", 0.9))  # type: ignore[arg-type]
    srcs = tuple(m.Source(c, "interview", c, text.index(c), text.index(c) + len(c)) for c in cites)
    return m.Article(
        id=aid,
        source={},
        title=text.split("\n", 1)[0],
        outlet=outlet,
        authors=(),
        published=published,
        language="en",
        text=text,
        body=((0, len(text)),),
        entities=tuple(ents),
        quotes=tuple(qs),
        sources=srcs,
        content_hash=content_hash(text),
    )


HARBOUR = (
    "Harbour plan approved\n"
    "Mayor Tom Marsh said the council approved the harbour plan on Monday after a long debate. "
    '"The project will create 4,000 jobs in the region over the next five years," Tom Marsh said. '
    "About 300 protesters gathered outside the town hall. Ann Lee, who leads the opposition, disagreed. "
    '"We will fight this plan in every court of the land," Ann Lee said.'
)


def chain_articles() -> list[m.Article]:
    q1 = "The project will create 4,000 jobs in the region over the next five years,"
    q2 = "We will fight this plan in every court of the land,"
    original = build(
        "orig", HARBOUR, [(q1, "direct", "Tom Marsh"), (q2, "direct", "Ann Lee")],
        outlet="Harbour Times", published="2023-03-01", people=("Tom Marsh", "Ann Lee"),
    )  # fmt: skip
    reprint_text = HARBOUR.replace("About 300", "About 3,000").replace("Harbour plan approved", "Harbour plan passes")
    reprint = build(
        "reprint", reprint_text, [(q1, "direct", "Tom Marsh"), (q2, "direct", "Ann Lee")],
        outlet="Daily Echo", published="2023-03-02", people=("Tom Marsh", "Ann Lee"),
    )  # fmt: skip
    changed = HARBOUR.replace("4,000 jobs", "40,000 jobs").replace("Tom Marsh said. ", "Ann Lee said. ", 1)
    bent = build(
        "bent", changed,
        [("The project will create 40,000 jobs in the region over the next five years,", "direct", "Ann Lee"),
         (q2, "direct", "Ann Lee")],
        outlet="Coast Post", published="2023-03-03", people=("Tom Marsh", "Ann Lee"),
    )  # fmt: skip
    return [original, reprint, bent]


def test_store_groups_quotes_and_finds_the_discrepancy(tmp_path: Path) -> None:
    from dossier.store import Store

    with Store(str(tmp_path / "d.db")) as store:
        store.write(chain_articles())
        groups = store.quotes()
        altered = store.quotes(altered=True)
        story = store.stories()[0]
    by_text = {g["text"][:20]: g for g in groups}
    jobs = by_text["The project will cre"]
    assert jobs["first"]["article"] == "orig"
    rel = {a["article"]: a["relation"] for a in jobs["appearances"]}
    assert rel == {"orig": "first", "reprint": "verbatim", "bent": "misattributed"}
    bent = next(a for a in jobs["appearances"] if a["article"] == "bent")
    assert bent["changes"] == [{"op": "replace", "from": "4,000", "to": "40,000", "number": "4,000 → 40,000"}]
    court = by_text["We will fight this p"]
    assert {a["relation"] for a in court["appearances"]} == {"first", "verbatim"}
    assert [g["id"] for g in altered] == [jobs["id"]]
    disc = [d for d in story["discrepancies"] if d["what"] == "protesters"]
    assert len(disc) == 1 and disc[0]["first"] == {"value": "300", "article": "orig"}


def test_reanalysed_article_leaves_no_stale_lineage(tmp_path: Path) -> None:
    from dossier.store import Store

    arts = chain_articles()
    with Store(str(tmp_path / "d.db")) as store:
        store.write(arts)
        # the bent copy is corrected: the same words, the right speaker
        fixed = build(
            "bent", HARBOUR, [("The project will create 4,000 jobs in the region over the next five years,",
                               "direct", "Tom Marsh")],
            outlet="Coast Post", published="2023-03-03", people=("Tom Marsh", "Ann Lee"),
        )  # fmt: skip
        store.write([fixed])
        assert store.quotes(altered=True) == []
        n = store.conn.execute("SELECT count(*) FROM quote_lineage").fetchone()[0]
        assert n == store.conn.execute("SELECT count(*) FROM quotes").fetchone()[0]


def test_cli_quotes_json_and_filters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from dossier.cli import main
    from dossier.store import Store

    db = str(tmp_path / "d.db")
    with Store(db) as store:
        store.write(chain_articles())
    assert main(["quotes", "--db", db, "--format", "json", "--altered"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out) == 1
    assert set(out[0]) >= {"id", "text", "speaker", "first", "appearances"}
    assert set(out[0]["appearances"][0]) >= {"article", "outlet", "published", "text", "speaker", "relation", "changes"}
    assert main(["quotes", "--db", db, "--speaker", "Ann Lee", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2
    assert main(["quotes", "--db", db, "--story", "999", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["quotes", "--db", db]) == 0
    assert "4,000 → 40,000" in capsys.readouterr().out


# ---------------------------------------------------------------- the seed's chain, with the real pipeline
YAHOO_ORIGINAL = """Exclusive: Former Russian spy Artem Zinchenko seeks asylum in Estonia

Artem Zinchenko, a former officer of Russian military intelligence who was arrested in Estonia in 2016 and sent home \
in a prisoner exchange a year later, has fled Russia and asked Estonia for asylum, he told this reporter.

Zinchenko said his opposition to the war in Ukraine drove him to leave. "The dire situation that took place on \
February 24 is the worst imaginable scenario in my mind, not only because my relatives live there, but also because \
of the large number of innocent victims," Zinchenko said.

After the exchange, he said, "everything changed radically." He described the Putin regime as having "all aspects \
of totalitarianism."

Asked about his recruitment, Zinchenko said he never knew which agency he was working for. "No one tells you that you \
are being recruited into Russian military intelligence. Nobody shows you a badge or an ID," he said.

"Whoever thinks of doing such a thing should not think twice, but ten times," Zinchenko said. "I still wonder why \
the Kremlin was willing to do everything to bring me home."
"""
"""A written stand-in for the Yahoo News exclusive the seed relays (our own text, not Yahoo's)."""


def test_the_seeds_quotes_are_copies_of_the_original(tmp_path: Path, seed_text: str) -> None:
    from dossier.engine import analyze_documents
    from dossier.model import Document
    from dossier.store import Store

    seed = Document(text=seed_text, id="nation-view", outlet="The Nation View", published="2023-03-02")
    # the original arrives later and undated: the seed says it took its content from Yahoo News
    original = Document(text=YAHOO_ORIGINAL, id="yahoo", outlet="Yahoo News")
    with Store(str(tmp_path / "seed.db")) as store:
        store.write(list(analyze_documents([seed])))
        store.write(list(analyze_documents([original])))
        groups = store.quotes(speaker="Zinchenko")
    assert groups and all(g["first"]["article"] == "yahoo" for g in groups)
    rel = {
        g["text"].strip(" .,")[:28]: next(a for a in g["appearances"] if a["article"] == "nation-view") for g in groups
    }
    assert rel["everything changed radically"]["relation"] == "verbatim"
    assert rel["Whoever thinks of doing such"]["relation"] == "verbatim"  # "ten times" is "10 times"
    wonder = rel["I still wonder why the Kreml"]
    assert wonder["relation"] == "paraphrase"
    assert {"op": "insert", "from": "", "to": "it"} in wonder["changes"]  # "willing to do it everything"
    recruited = rel["No one tells you that you ar"]
    assert recruited["relation"] == "altered"
    assert {"op": "replace", "from": "tells", "to": "told"} in recruited["changes"]
    dire = rel["The dire situation that took"]
    assert dire["relation"] == "altered" and dire["changes"] == [{"op": "insert", "from": "", "to": "and"}]
    assert all(a["relation"] != "misattributed" for g in groups for a in g["appearances"])


def test_web_quote_and_story_pages_over_a_real_store(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from dossier.store import Store
    from dossier.web.app import create_app

    db = str(tmp_path / "d.db")
    with Store(db) as store:
        store.write(chain_articles())
        gid = store.quotes(altered=True)[0]["id"]
        sid = store.stories()[0]["id"]
    with TestClient(create_app(db)) as c:
        page = c.get(f"/quotes/{gid}").text
        assert "misattributed" in page and "<del>4,000</del>" in page and "<ins>40,000</ins>" in page
        assert c.get("/api/quotes?altered=true").json()["items"][0]["id"] == gid
        story = c.get(f"/stories/{sid}").text
        assert "Figures in conflict" in story and "About 3,000 protesters" in story
        listing = c.get("/quotes?speaker=Ann+Lee").text
        assert f'href="/quotes/{gid}"' in listing


@pytest.mark.parametrize(("date_text", "kept"), [("on March 4", True), ("4 March 2023", True), ("on Monday", False)])
def test_only_written_out_dates_are_compared(date_text: str, kept: bool) -> None:
    text = f"The attack happened {date_text} in Kharkiv."
    event = m.Event(
        "attack", None, "attack", 4, 10, text, m.EventDate(date_text, "2023-03-04", "clause"), (), "Kharkiv", 0.9
    )
    art = build("a", text, [], outlet="X", published="2023-03-06")
    found = figures.extract(dataclasses.replace(art, events=(event,)))
    assert [(f.kind, f.value) for f in found] == ([("date", "2023-03-04")] if kept else []) + [("place", "Kharkiv")]


def test_the_thresholds_are_the_fitted_ones() -> None:
    """The matching thresholds come from the shipped fit (``python -m benchmarks.lineage --fit``), not from code."""
    shipped = json.loads(lineage.MODEL_FILE.read_text(encoding="utf-8"))["thresholds"]
    assert shipped == {
        "MIN_BLOCK": lineage.MIN_BLOCK,
        "MIN_COVER": lineage.MIN_COVER,
        "MISATTRIBUTED_COVER": lineage.MISATTRIBUTED_COVER,
        "PARAPHRASE_SHARE": lineage.PARAPHRASE_SHARE,
    }
    assert 0 < lineage.MIN_COVER < 1 and 0 < lineage.MISATTRIBUTED_COVER <= 1 and lineage.MIN_BLOCK >= 2


def test_a_copy_that_names_the_first_speaker_by_the_quote_is_not_called_misattributed() -> None:
    """Breitbart quoting a reporter's tweet ("Jennifer Jacobs tweeted: ... Netanyahu said. ... '…'") gave the
    extractor the reporter as speaker; with Netanyahu named right by the quote, the outlet is not accused."""
    words = "I'm sure he'll do the right thing, the right thing for the United States and for Israel"
    first = ref("1", words, speaker="Benjamin Netanyahu", entity="215")
    tweeted = ref("2", words, speaker="Jennifer Jacobs", entity="227")
    assert lineage.relation(first, tweeted)[0] == "misattributed"
    named = dataclasses.replace(tweeted, named_near=(("215", 70), ("227", 150)))
    assert lineage.same_speaker(first, named) is None
    assert lineage.relation(first, named)[0] == "verbatim"
    # its own speaker named nearer (the usual '"…," Ann Lee said' after a sentence about Marsh): still an accusation
    own_nearer = dataclasses.replace(tweeted, named_near=(("215", 70), ("227", 2)))
    assert lineage.relation(first, own_nearer)[0] == "misattributed"


def test_store_does_not_accuse_a_copy_that_names_the_first_speaker_by_the_quote(tmp_path: Path) -> None:
    from dossier.store import Store

    q = "I'm sure he'll do the right thing, the right thing for the United States and for Israel."
    said = f'Benjamin Netanyahu spoke on Monday. "{q}" Benjamin Netanyahu said.'
    orig = build(
        "usa", said, [(q, "direct", "Benjamin Netanyahu")],
        outlet="USA Today", published="2018-04-30", people=("Benjamin Netanyahu",),
    )  # fmt: skip
    tweet = (
        'Jennifer Jacobs of Bloomberg News tweeted: "Iran lied," Benjamin Netanyahu said.'
        f' Israel uncovered secret files. As for Trump, "{q}"'
    )
    copy = build(
        "breitbart", tweet, [(q, "direct", "Jennifer Jacobs")],
        outlet="Breitbart", published="2018-05-01", people=("Jennifer Jacobs", "Benjamin Netanyahu"),
    )  # fmt: skip
    with Store(str(tmp_path / "d.db")) as store:
        store.write([orig, copy])
        groups = store.quotes()
    rel = {a["article"]: a["relation"] for g in groups for a in g["appearances"]}
    assert rel == {"usa": "first", "breitbart": "verbatim"}
