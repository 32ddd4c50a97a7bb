"""Quotation marks that do not pair must never swallow an article (issue 14)."""

from __future__ import annotations

import pytest

from dossier import analyze
from dossier.nlp.marks import LONG_QUOTE_CHARS, find_marked_spans, reexamine


def spans(text: str) -> list[str]:
    return [text[m.start : m.end] for m in find_marked_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said ``we will win the war'' and left.", ["we will win the war"]),
        ("He called it ’a total disaster’ on Monday.", ["a total disaster"]),
        ("Rock ’n’ roll and drum 'n' bass, she said 'no way'.", ["no way"]),
        (
            'Jimmy "the Whirlwind " White has admitted it. "We spent our time there," Mr White said.',
            ["the Whirlwind", "We spent our time there,"],
        ),
        ("He said: \"we go\n\nThe next paragraph is the writer's own.", ["we go"]),
        ('"One, two.\n\n"Three, four," he said.', ['One, two.\n\n"Three, four,']),
    ],
)
def test_marks_pair_or_end_at_their_paragraph(text: str, expected: list[str]) -> None:
    assert spans(text) == expected


def test_a_long_unclosed_quote_is_cut_and_the_warning_says_so() -> None:
    text = 'He said: "' + "The plan failed badly and nobody knew why it happened. " * 30
    marked, notes = reexamine(text, find_marked_spans(text))
    assert len(marked) == 1 and marked[0].end - marked[0].start < LONG_QUOTE_CHARS
    assert text[marked[0].start : marked[0].end] == "The plan failed badly and nobody knew why it happened."
    assert len(notes) == 1 and "no closing mark: cut at its first sentence end" in notes[0]
    article = analyze(text)
    assert all(len(q.text) < LONG_QUOTE_CHARS for q in article.quotes)
    assert any("cut at its first sentence end" in w for w in article.warnings)


def test_a_long_closed_quote_is_kept_with_a_note() -> None:
    body = "We will rebuild the town and the bridge together, all of us. " * 20
    text = f'"{body.strip()}" the mayor said.'
    marked, notes = reexamine(text, find_marked_spans(text))
    assert marked == find_marked_spans(text) and "was kept" in notes[0]


def test_a_nickname_inside_a_name_is_no_quote() -> None:
    text = 'Jimmy "the Whirlwind" White has admitted missing lessons. "We loved the game and the atmosphere," he said.'
    assert [q.text for q in analyze(text).quotes if q.kind == "direct"] == ["We loved the game and the atmosphere"]


def test_a_spaced_straight_mark_after_a_sentence_end_closes_the_quote() -> None:
    """BBC: '"It is one of the biggest honours … a great year. " Hayes said: "Knowing …"' — the spaced mark closes
    Gatlin's quote, so Hayes's words are not given to him."""
    from dossier.nlp.marks import find_marked_spans

    text = (
        '"It is one of the biggest honours in track and field and it is a great end to a great year. " Hayes said: '
        '"Knowing what it represents, I feel a sense of pride."'
    )
    spans = [text[s.start : s.end] for s in find_marked_spans(text)]
    assert len(spans) == 2
    assert spans[0].startswith("It is one") and spans[0].rstrip().endswith("great year.")
    assert spans[1].startswith("Knowing")
