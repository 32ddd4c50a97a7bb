"""Provenance on hand-built articles: source lines, chains through a relayed outlet, wire copies, reprints."""

from __future__ import annotations

import dataclasses

import pytest

from dossier.corpus.provenance import (
    Member,
    buckets,
    derive,
    jaccard,
    signature,
    source_edges,
    text_edge,
)
from dossier.model import Article, Source

BODY = (
    "Another blow to the Kremlin. A former spy has sought asylum in Estonia.\n"
    "He was arrested in 2016 and released in 2017 in a prisoner exchange.\n"
    "Now, as reported by Yahoo News, he is fleeing Russia. The news has not been disclosed by either side.\n"
    "During the conversation with the Yahoo News reporter, he said his wife did not know.\n"
)


def make(
    id_: str,
    text: str,
    outlet: str | None,
    sources: tuple[tuple[str, str, str], ...] | list[tuple[str, str, str]] = (),
    published: str | None = "2023-03-01",
) -> Article:
    """An article whose sources are (name, kind, text as written) found in ``text``."""
    found = []
    for name, kind, written in sources:
        start = text.index(written)
        found.append(Source(name=name, kind=kind, text=written, start=start, end=start + len(written)))
    return Article(
        id=id_,
        source={"path": "-"},
        title=None,
        outlet=outlet,
        authors=(),
        published=published,
        language="en",
        text=text,
        body=((0, len(text)),),
        sources=tuple(found),
    )


def seed_like() -> Article:
    text = BODY + "Source: IL Tempo\n"
    a = make("seed", text, "The Nation View", [("Il Tempo", "source_line", "IL Tempo")])
    first = text.index("Yahoo News")
    second = text.index("Yahoo News", first + 1)
    extra = (
        Source("Yahoo News", "reported_by", "Yahoo News", first, first + 10),
        Source("Yahoo News", "interview", "Yahoo News", second, second + 10),
    )
    return dataclasses.replace(a, sources=extra + a.sources)


def test_a_source_line_relays_the_outlet_and_its_citations_are_the_relayed_outlets() -> None:
    edges = source_edges(seed_like())
    kinds = {(e.kind, e.target_outlet, e.via) for e in edges}
    assert ("rewrite", "Il Tempo", None) in kinds
    assert ("rewrite", "Yahoo News", "Il Tempo") in kinds
    # the rewrite itself does not cite Yahoo News: its text is Il Tempo's
    assert not any(e.target_outlet == "Yahoo News" and e.via is None for e in edges)


def test_seed_like_chain_and_one_independent_source() -> None:
    a = seed_like()
    d = derive([Member(a.id, a.outlet, a.published)], source_edges(a))
    assert d.chains["seed"] == ("The Nation View", "Il Tempo", "Yahoo News")
    assert d.independent_sources == ("Yahoo News",)
    assert d.roles["seed"] == "rewrite"
    assert d.original == {"article": None, "outlet": "Yahoo News", "basis": "cited"}


def test_stored_relayed_and_original_articles_take_their_places_in_the_chain() -> None:
    a = seed_like()
    tempo = make("tempo", "Il Tempo's text. As reported by Yahoo News, the spy fled.", "Il Tempo")
    yahoo = make(
        "yahoo", "Exclusive: a former Russian spy seeks asylum in Estonia.", "Yahoo News", published="2023-02-27"
    )
    members = [Member("seed", a.outlet, a.published, 3), Member("tempo", "Il Tempo", "2023-02-28", 2)]
    members.append(Member("yahoo", "Yahoo News", yahoo.published, 1))
    d = derive(members, source_edges(a) + source_edges(tempo))
    assert d.independent_sources == ("Yahoo News",)
    assert d.original == {"article": "yahoo", "outlet": "Yahoo News", "basis": "derived"}
    assert d.roles == {"yahoo": "original", "tempo": "rewrite", "seed": "rewrite"}


@pytest.mark.parametrize(
    ("text", "kind", "written", "edge_kind"),
    [
        ("WASHINGTON (AP) — The Senate voted on Tuesday to pass the bill.", "wire", "AP", "wire"),
        (
            "The Washington Post reports the director met the leader over Easter.",
            "reported_by",
            "The Washington Post",
            "rewrite",
        ),
        (
            "A long article. " * 80 + "Earlier, as reported by Reuters, talks had stalled.",
            "reported_by",
            "Reuters",
            "cites",
        ),
        ("The bill, according to a report in Politico, was delayed.", "citation", "Politico", "cites"),
    ],
)
def test_source_kinds_make_edges(text: str, kind: str, written: str, edge_kind: str) -> None:
    a = make("x", text, "Daily Planet", [(written, kind, written)])
    (edge,) = source_edges(a)
    assert edge.kind == edge_kind and edge.target_outlet == written and edge.start == text.index(written)


def test_an_outlet_citing_itself_or_a_byline_makes_no_edge() -> None:
    a = make(
        "x",
        "By Jane Roe, Daily Planet. The Daily Planet reported ...",
        "Daily Planet",
        [
            ("Jane Roe", "byline", "Jane Roe"),
            ("Daily Planet", "reported_by", "Daily Planet"),
        ],
    )
    assert source_edges(a) == []


def test_wire_copy_is_a_reprint_and_the_agency_the_independent_source() -> None:
    a = make("x", "WASHINGTON (AP) — The Senate voted.", "Daily Planet", [("AP", "wire", "AP")])
    b = make("y", "The Senate voted, our correspondent saw.", "Gazette")
    d = derive([Member("x", a.outlet, a.published), Member("y", b.outlet, b.published)], source_edges(a))
    assert d.roles == {"x": "reprint", "y": "independent"}
    assert set(d.independent_sources) == {"AP", "Gazette"}


def test_minhash_finds_reprints_not_different_texts() -> None:
    original = " ".join(f"word{i} of the story number {i % 7}" for i in range(120))
    reprint = original.replace("word5 ", "term5 ") + " Copyright Gazette."
    other = " ".join(f"token{i} another text entirely {i % 5}" for i in range(120))
    sa, sb, sc = (signature(make(i, t, None)) for i, t in (("a", original), ("b", reprint), ("c", other)))
    assert jaccard(sa, sb) > 0.8 > 0.1 > jaccard(sa, sc)
    assert set(buckets(sa)) & set(buckets(sb))
    assert not set(buckets(sa)) & set(buckets(sc))
    edge = text_edge("b", "a", jaccard(sa, sb), same_story=False)
    assert edge is not None and edge.kind == "near_duplicate" and edge.target_article == "a"
    assert text_edge("c", "a", jaccard(sa, sc), same_story=True) is None
    d = derive([Member("a", "Wire", "2024-01-01", 1), Member("b", "Gazette", "2024-01-02", 2)], [edge])
    assert d.roles == {"a": "original", "b": "reprint"}
    assert d.independent_sources == ("Wire",)


def test_cycles_in_citations_terminate() -> None:
    a = make("a", "As reported by Gazette, x.", "Planet", [("Gazette", "reported_by", "Gazette")])
    b = make("b", "As reported by Planet, x.", "Gazette", [("Planet", "reported_by", "Planet")])
    d = derive([Member("a", "Planet", None, 1), Member("b", "Gazette", None, 2)], source_edges(a) + source_edges(b))
    assert set(d.roles) == {"a", "b"}
    assert d.independent_sources == ("Planet",)  # the earliest article of the cycle


def test_empty_texts_are_not_duplicates_of_each_other() -> None:
    empty = signature(make("e", "", None))
    assert jaccard(empty, signature(make("f", "  ", None))) == 0.0


def test_a_wire_copys_citations_are_the_agencys() -> None:
    text = "WASHINGTON (AFP) — The questions, first reported by The New York Times, were leaked."
    a = make(
        "x", text, "Breitbart", [("AFP", "wire", "AFP"), ("The New York Times", "reported_by", "The New York Times")]
    )
    edges = {(e.kind, e.target_outlet, e.via) for e in source_edges(a)}
    assert edges == {("wire", "AFP", None), ("rewrite", "The New York Times", "AFP")}
    nyt = Member("nyt", "The New York Times", "2018-04-30", 1)
    d = derive([nyt, Member("x", "Breitbart", "2018-04-30", 2)], source_edges(a))
    assert d.chains["x"] == ("Breitbart", "AFP", "The New York Times")
    assert d.independent_sources == ("The New York Times",)
    assert d.original == {"article": "nyt", "outlet": "The New York Times", "basis": "derived"}


@pytest.mark.parametrize(
    ("text", "written", "edges"),
    [
        ("Pompeo met Kim over Easter weekend, according to media reports.", "media reports", 0),
        ("The talks stalled, according to one report.", "one report", 0),
        ("Pompeo met Kim over Easter weekend, according to The Washington Post.", "The Washington Post", 1),
    ],
)
def test_an_unnamed_source_is_no_outlet_to_trace(text: str, written: str, edges: int) -> None:
    a = make("x", text, "Daily Planet", [(written, "according_to", written)])
    assert len(source_edges(a)) == edges
