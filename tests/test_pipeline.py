"""Long texts are parsed in pieces and joined back with the exact original text."""

from __future__ import annotations

import pytest

from dossier.nlp.pipeline import load, parse, split_text


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("Para one.\n\nPara two is here.\n\nPara three.", 20),
        ("One sentence. Another one! A third? " * 50, 100),
        ("x" * 1000, 64),  # no boundary at all: cut mid-token rather than drop
        ("short", 100),
        ("", 100),
    ],
)
def test_split_text_pieces_concatenate_to_the_text(text: str, limit: int) -> None:
    pieces = split_text(text, limit)
    assert "".join(pieces) == text
    assert all(len(p) <= limit for p in pieces)


def test_split_prefers_paragraph_boundaries() -> None:
    text = "A" * 30 + ".\n\n" + "B" * 30 + ". " + "C" * 30
    pieces = split_text(text, 70)
    assert pieces[0].endswith("\n\n")


@pytest.mark.slow
def test_parse_long_text_keeps_every_character_and_entity() -> None:
    nlp = load()
    para = "Vladimir Putin met Emmanuel Macron in Paris on Tuesday, officials said.\n\n"
    text = para * 700  # ~50k chars: several pieces
    (doc,) = list(parse(nlp, [text]))
    assert doc.text == text
    names = {e.text for e in doc.ents if e.label_ == "PERSON"}
    assert "Vladimir Putin" in names
    # entities in the last paragraph are found too: nothing was truncated
    assert max(e.end_char for e in doc.ents) > len(text) - len(para)


@pytest.mark.slow
def test_parse_keeps_input_order_across_mixed_lengths() -> None:
    nlp = load()
    texts = ["Short one about Berlin.", "Long. " * 8000, "", "Last one about Tokyo."]
    docs = list(parse(nlp, texts, batch_size=2))
    assert [d.text for d in docs] == texts


@pytest.mark.slow
def test_a_dateline_ends_before_the_story_starts() -> None:
    """The parser would hang "Georgian police … detained" on the place name and lose the verb's subject."""
    doc = load()("TBILISI, Georgia (AP) — Georgian police on Saturday detained opposition leader Nika Melia.")
    first = next(t for t in doc if t.text == "Georgian")
    assert first.is_sent_start
    detained = next(t for t in doc if t.text == "detained")
    assert {c.text for c in detained.children if c.dep_ == "nsubj"} == {"police"}


@pytest.mark.slow
def test_a_paragraph_start_does_not_cut_its_first_name_in_two() -> None:
    """A sentence forced at "John" once made the parser start another at "Cameron", and NER lost the person."""
    doc = load()("Source: IL Tempo\n\nJohn Cameron is a journalist at The Nation View specializing in world news.")
    assert not next(t for t in doc if t.text == "Cameron").is_sent_start
    assert ("John Cameron", "PERSON") in [(e.text, e.label_) for e in doc.ents]


@pytest.mark.slow
def test_tokenized_makes_each_long_run_one_token_and_keeps_the_text() -> None:
    from dossier.nlp.pipeline import RUN_CHARS, tokenized

    nlp = load()
    assert tokenized(nlp, "Plain text, no runs.") == "Plain text, no runs."
    run = "!" * (RUN_CHARS + 1)
    for text in (run, f"Ann {run} Lee", f"{run}  two spaces", f"Ann{run}{run[:3]}.\n{run}"):
        doc = tokenized(nlp, text)
        assert not isinstance(doc, str) and doc.text == text
        assert all(len(t) <= 3 or len(t) > RUN_CHARS for t in doc if set(t.text) == {"!"})
    doc = tokenized(nlp, f"Ann Lee's {run} dog, ain't it?")
    assert [t.text for t in doc] == ["Ann", "Lee", "'s", run, "dog", ",", "ai", "n't", "it", "?"]
