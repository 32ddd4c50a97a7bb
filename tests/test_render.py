"""The readable report of one article (`dossier analyze --format text`): every part, with offsets and gaps."""

from __future__ import annotations

import io

from dossier.model import Article, Entity, Mention, Quote, Source, Speaker, Timex
from dossier.render import render_article

TEXT = "In 2016 Artem Zinchenko was arrested. “It was hard,” he said. The following year, as reported by Yahoo News"


def _article(**extra: object) -> Article:
    return Article(
        id="a1", source={"path": "-"}, title="Spy seeks asylum", outlet="The Nation View", authors=("John Cameron",),
        published=None, language="en", text=TEXT, body=((0, len(TEXT)),), **extra,  # type: ignore[arg-type]
    )  # fmt: skip


def _render(article: Article) -> str:
    out = io.StringIO()
    render_article(article.to_dict(), out)
    return out.getvalue()


def test_every_part_is_shown_with_its_offsets() -> None:
    start = TEXT.index("Artem")
    zinchenko = Entity(
        "E1", "Artem Zinchenko", "PERSON", ("Artem Zinchenko", "he"), (Mention(start, start + 15, "Artem Zinchenko"),)
    )
    q = TEXT.index("It was")
    quote = Quote(
        text="It was hard,",
        start=q,
        end=q + 12,
        kind="direct",
        speaker=Speaker("Artem Zinchenko", "E1"),
        cue="said",
        confidence=0.9,
    )
    y = TEXT.index("Yahoo")
    got = _render(
        _article(
            entities=(zinchenko,),
            quotes=(quote,),
            sources=(Source("Yahoo News", "reported_by", "Yahoo News", y, y + 10),),
            timexes=(Timex("The following year", 62, 80, "DATE", "2017", "narrative"),),
            warnings=("text: paragraph breaks off mid-sentence at offset 106",),
        )
    )
    assert "The Nation View · by John Cameron · undated" in got
    assert "Artem Zinchenko (PERSON) ×1 — also: he" in got
    assert f"Artem Zinchenko said: “It was hard,” [direct, {q}-{q + 12}]" in got
    assert f"Yahoo News — reported by [{y}-{y + 10}]" in got
    assert "“The following year” → 2017 (DATE, from the story's own time)" in got
    assert "what could not be done (1):" in got and "breaks off mid-sentence" in got


def test_an_unattributed_quote_and_an_empty_article_say_so() -> None:
    q = TEXT.index("It was")
    got = _render(
        _article(
            quotes=(
                Quote(text="It was hard,", start=q, end=q + 12, kind="direct", speaker=None, cue=None, confidence=0.5),
            )
        )
    )
    assert "(speaker not named): “It was hard,”" in got
    assert "entities (0):" in got and "what could not be done (0):\n  nothing" in got
