"""Quotes: quotation-mark scanning (no model) and attribution with the real spaCy pipeline."""

from __future__ import annotations

import pytest
from quote_helpers import analyze, find

from dossier.model import Article
from dossier.nlp.marks import find_marked_spans


def _contents(text: str) -> list[tuple[str, bool]]:
    return [(text[m.start : m.end], m.closed) for m in find_marked_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “we will win” today.", [("we will win", True)]),
        ('He said "we will win" today.', [("we will win", True)]),
        ("Er sagte „wir gewinnen“ heute.", [("wir gewinnen", True)]),
        ("Il a dit « nous gagnerons » hier.", [("nous gagnerons", True)]),
        ("Er sagte »wir gewinnen« heute.", [("wir gewinnen", True)]),
        ("He said ‘we will win’ today.", [("we will win", True)]),
        ("Er sagte ‚wir gewinnen‘ heute.", [("wir gewinnen", True)]),
        ("He said 'we will win' today.", [("we will win", True)]),
        ("“A,” he said. “B and C.”", [("A,", True), ("B and C.", True)]),
        ("“He told me ‘no’ twice,” she said.", [("He told me ‘no’ twice,", True)]),
        ("\"He told me 'no' twice,\" she said.", [("He told me 'no' twice,", True)]),
        ("He said “this never closes.\nNext paragraph.", [("this never closes.", False)]),
        ("“First part.\n“Second part.”\nAfter.", [("First part.\n“Second part.", True)]),
        ("''We will win,'' he said.", [("We will win,", True)]),
        # half-converted marks: a straight mark closed by a curly one and the other way round
        ('"There are two people,” said Rick Wilson.', [("There are two people,", True)]),
        ('“We will win," he said.', [("We will win,", True)]),
        ('"A," he said. “B and C.”', [("A,", True), ("B and C.", True)]),
        # paragraphs of one quote run together on one line: the reopening mark after a sentence end continues it
        (
            '"It was out of range. He fancied it. "No doubt he would score." Jones smiled.',
            [('It was out of range. He fancied it. "No doubt he would score.', True)],
        ),
        # a straight mark spaced off after a colon opens ("told LBC radio: " He's …")
        ('He told LBC radio: " He is very thick-skinned."', [("He is very thick-skinned.", True)]),
        # curly marks with spaces inside still pair (as some sites print a tweet)
        ("Trump tweeted: “ Memos show there was NO COLLUSION. ”", [("Memos show there was NO COLLUSION.", True)]),
        # inside a sentence the same mark still nests (sloppy nesting of straight marks)
        ('"He said "no" to me," she said.', [('He said "no" to me,', True)]),
    ],
)
def test_marked_spans_every_style(text: str, expected: list[tuple[str, bool]]) -> None:
    assert _contents(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Clinton’s campaign doesn’t comment.",
        "Clinton's campaign doesn't comment.",
        "In the ’90s rock ’n’ roll was loud.",
        "The Clintons’ house and the Bushes' ranch.",
        "No quotation marks at all.",
    ],
)
def test_apostrophes_are_not_quotes(text: str) -> None:
    assert find_marked_spans(text) == []


def test_continued_quote_counts_paragraphs() -> None:
    text = "She said:\n\n“One.\n\n“Two.\n\n“Three.”\n\nDone."
    (span,) = find_marked_spans(text)
    assert span.paragraphs == 3 and span.closed
    assert text[span.start : span.end].startswith("One.") and text[span.start : span.end].endswith("Three.")


# ---------------------------------------------------------------- with the real pipeline


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "fragment", "kind", "speaker", "cue"),
    [
        ("“We will win this election,” Jane Smith said on Tuesday.", "We will win", "direct", "Jane Smith", "said"),
        ("“We will win this election,” said Jane Smith.", "We will win", "direct", "Jane Smith", "said"),
        ("Jane Smith said: “We will win this election.”", "We will win", "direct", "Jane Smith", "said"),
        ('Jane Smith said: "We will win this election."', "We will win", "direct", "Jane Smith", "said"),
        ("Jane Smith told reporters, «We will win this election».", "We will win", "direct", "Jane Smith", "told"),
        ("Jane Smith said „we will win this election“ on Tuesday.", "we will win", "direct", "Jane Smith", "said"),
        (
            "“We will win,” Jane Smith said. “Nobody can stop us now.”",
            "Nobody can stop",
            "direct",
            "Jane Smith",
            None,
        ),
        ("Jane Smith says that the economy is growing.", "the economy is", "indirect", "Jane Smith", "says"),
        ("Jane Smith told reporters the economy grew.", "economy grew", "indirect", "Jane Smith", "told"),
        (
            "The economy, Jane Smith said, is growing faster than expected.",
            "growing faster",
            "indirect",
            "Jane Smith",
            "said",
        ),
        (
            "According to Jane Smith, the economy is growing faster than expected.",
            "the economy is growing",
            "indirect",
            "Jane Smith",
            "According to",
        ),
        (
            "Jane Smith says she saw the regime as having “all aspects of totalitarianism”.",
            "all aspects of totalitarianism",
            "mixed",
            "Jane Smith",
            "says",
        ),
        (
            "Jane Smith arrived in Boston on Monday. She explained that the trip was “long overdue and necessary”.",
            "long overdue",
            "mixed",
            "Jane Smith",
            "explained",
        ),
        (
            "The mayor, Jane Smith, warned that “the city cannot afford another winter like this one.”",
            "the city cannot afford",
            "direct",
            "Jane Smith",
            "warned",
        ),
    ],
)
def test_sentence_level_attribution(text: str, fragment: str, kind: str, speaker: str, cue: str | None) -> None:
    quote = find(analyze(text).quotes, fragment)
    assert quote.kind == kind
    assert quote.speaker is not None and quote.speaker.name == speaker
    assert quote.cue == cue if cue is None else (quote.cue or "").rstrip(":") == cue
    assert 0.0 <= quote.confidence <= 1.0
    assert text[quote.start : quote.end] == quote.text


CHANCELLOR = (
    "In an interview with CNN, the German chancellor said sanctions would be tightened, while Le Monde quoted"
    ' a French diplomat as saying that "nothing is decided yet".'
)
CITED = (
    "The president met European leaders on Thursday, Reuters reported, citing two officials familiar with"
    " the talks. A spokesperson said the package would be published next week (via Bloomberg)."
)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "fragment", "said", "speaker"),
    [
        # a subordinate attribution with its own subject ends the outer content
        (CHANCELLOR, "sanctions would be", "sanctions would be tightened", "the German chancellor"),
        # "X quoted Y as saying": Y speaks, the outlet X is a source
        (CHANCELLOR, "nothing is decided yet", "nothing is decided yet", "a French diplomat"),
        # a credit in parentheses is where the item came from, not part of what was said
        (CITED, "the package would be", "the package would be published next week", "A spokesperson"),
        (
            "Trade is another Japanese concern; Abe's government fears that tariffs will hurt exports.",
            "tariffs will",
            "tariffs will hurt exports",
            "Abe's government",
        ),
        # a promise, threat or appeal reports its infinitive; "as X reported" reports its host clause
        ("Jane Smith has threatened to tear the agreement up.", "tear the", "tear the agreement up", "Jane Smith"),
        ("Jane Smith urged Silicon Valley to find a compromise.", "find a", "find a compromise", "Jane Smith"),
        ("As The New York Times reported, the deal failed.", "the deal", "the deal failed", "The New York Times"),
        (
            "Now, as reported by Yahoo News, Jane Smith is fleeing Russia.",
            "fleeing",
            "Jane Smith is fleeing Russia",
            "Yahoo News",
        ),
        ("Jane Smith hoped that the talks would succeed.", "the talks", "the talks would succeed", "Jane Smith"),
        # a retort frames the quote beside it
        ('"That is simply false," Jane Smith shot back.', "simply false", "That is simply false", "Jane Smith"),
        # a claim noun reports its that-clause when it says whose claim it is
        (
            "Jane Smith's assertion that Russia should hack the emails drew criticism.",
            "Russia should",
            "Russia should hack the emails",
            "Jane Smith",
        ),
        # a trailing "according to X" says where the claim came from, it is not part of it
        (
            "Jane Smith said arrests rose to 50,000 last month, according to U.S. Customs and Border Protection.",
            "arrests rose",
            "arrests rose to 50,000 last month",
            "Jane Smith",
        ),
        # a cue that interrupts its clause after a mere connective: only what follows it
        (
            "Still, Jane Smith said, the U.S. and France were beginning to understand each other.",
            "the U.S. and France",
            "the U.S. and France were beginning to understand each other",
            "Jane Smith",
        ),
        # every clause the cue reports, when the parser splits them
        (
            "Jack Straw said the number of Britons dead or missing in the disaster have reached 440.",
            "the number of Britons",
            "the number of Britons dead or missing in the disaster have reached 440",
            "Jack Straw",
        ),
        (
            "Jack Straw said the families had been given no news, had never been contacted and were angry.",
            "the families had been",
            "the families had been given no news, had never been contacted and were angry",
            "Jack Straw",
        ),
        # an entity that only modifies the speaker's noun is not the speaker
        (
            "A prominent Kremlin critic says he was poisoned in Berlin.",
            "he was poisoned",
            "he was poisoned in Berlin",
            "A prominent Kremlin critic",
        ),
    ],
)
def test_what_each_speaker_said_and_no_more(text: str, fragment: str, said: str, speaker: str) -> None:
    quotes = analyze(text).quotes
    quote = find(quotes, fragment)
    assert quote.text == said and quote.speaker is not None and quote.speaker.name == speaker
    assert not any("two officials" in q.text for q in quotes)  # "citing two officials": a source, not a claim


@pytest.mark.slow
def test_a_quote_ending_its_sentence_is_not_framed_by_the_next_report() -> None:
    text = (
        "Mr Blair went on to issue a rallying call to his party. "
        '"So now we have a choice and we have to fight." In response, David Davis said the Tories would make cuts.'
    )
    quote = find(analyze(text).quotes, "we have to fight")
    assert quote.speaker is None or quote.speaker.name != "David Davis"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a person named inside the speaker's phrase speaks
        (
            "Media and PR strategist Glen Yearwood, who represents the industry, said the ban was unfair.",
            "Glen Yearwood",
        ),
        (
            'The ban is "a disaster", according to PR strategist Glen Yearwood, who represents the industry.',
            "Glen Yearwood",
        ),
        # not a person named after a preposition: the spokesman speaks, not the senator
        ("A spokesman for Senator John Smith said the bill was dead.", "A spokesman for Senator John Smith"),
        # nor after a title no one else holds
        (
            "Home Secretary Charles Clarke spoke in London. The Home Secretary said the plans would go ahead.",
            "Charles Clarke",
        ),
    ],
)
def test_speaker_named_inside_a_description(text: str, speaker: str) -> None:
    (quote,) = analyze(text).quotes
    assert quote.speaker is not None and quote.speaker.name == speaker


@pytest.mark.slow
def test_a_mixed_quote_with_several_fragments_is_reported_once() -> None:
    text = (
        'Mr Howard said his team had reached a "collective view" after a "good discussion" '
        'but that it was "not an easy issue".'
    )
    quotes = analyze(text).quotes
    assert len(quotes) == len({(q.start, q.end) for q in quotes}) == 1


@pytest.mark.slow
def test_words_quoted_after_as_are_labels() -> None:
    text = 'Mr. Trump assailed the agreement as "insane" and "ridiculous," but said he was open to a new deal.'
    quotes = analyze(text).quotes
    labels = [q for q in quotes if q.text in ("insane", "ridiculous")]
    # the fitted model (PolNeAR annotates such labels as attributions) sets the confidence; the note says what it is
    assert len(labels) == 2 and all(q.kind == "mixed" and "label" in (q.note or "") for q in labels)


@pytest.mark.slow
def test_a_label_given_is_not_a_report_of_the_sentence_around_it() -> None:
    text = 'Oil prices jumped after OPEC+ announced a surprise cut, a move U.S. officials called "inadvisable".'
    assert not any("prices jumped" in q.text for q in analyze(text).quotes)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        # the parser puts the name inside the quoted clause: the name between mark and cue still speaks
        (
            "“It is not the position that everything is hunky-dory,” Gene Sperling, a top adviser, said on Monday.",
            "hunky-dory",
            "Gene Sperling",
        ),
        # a label line before a quoted paragraph
        (
            "Dean Baker, Center for Economic and Policy Research:\n\n“I worry that we may see a resurgence.”",
            "I worry",
            "Dean Baker",
        ),
        # a pronoun with no entity of its own: the most recent person subject
        (
            "Jane Smith visited the plant on Monday. He said nothing, but she explained that the plant would close.",
            "the plant would close",
            "Jane Smith",
        ),
        # a nested attribution ends the outer clause: "said X, telling Y that Z"
        (
            "Ben Carson said he saw no need to change his campaign, telling reporters that the voters were with him.",
            "he saw no need",
            "Ben Carson",
        ),
    ],
)
def test_harder_speakers(text: str, fragment: str, speaker: str) -> None:
    quote = find(analyze(text).quotes, fragment)
    assert quote.speaker is not None and quote.speaker.name == speaker
    assert "telling" not in quote.text


@pytest.mark.slow
def test_said_colon_then_a_quoted_paragraph() -> None:
    text = (
        "Jane Smith, the mayor of Springfield, spoke on Monday.\n\nSmith said:\n\n"
        "“The budget is balanced for the first time in a decade and we will keep it that way.”"
    )
    quote = find(analyze(text).quotes, "The budget is balanced")
    assert quote.kind == "direct" and quote.speaker is not None and quote.speaker.name.endswith("Smith")


@pytest.mark.slow
def test_missing_closing_mark_ends_at_paragraph_and_warns() -> None:
    text = "Jane Smith explained that “the situation is the worst I have ever seen.\nThe council met later."
    article = analyze(text)
    quote = find(article.quotes, "the situation is the worst")
    assert quote.text.endswith("ever seen.")
    assert "The council" not in quote.text
    assert quote.note and "closing" in quote.note
    assert any("no closing mark" in w for w in article.warnings)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The so-called “reform” was passed on Monday by the council.",
        "She reviewed the film “The Long Goodbye” for the paper.",
        "The charity single “Do They Know It's Christmas?” sold a million copies.",
        "Bloggers marked “Free Mojtaba and Arash Day” on Monday.",
        "Ron Dermer told Bret Baier on “Special Report.”",
        "She told ABC's “Good Morning America” that she would run.",
        "She called the film “A Triumph of the Will” in her review.",
        "Critics call it a “slush fund” and a “boondoggle”.",
        "The council met on Monday and approved the budget for next year.",
        "He said nothing.",
    ],
)
def test_scare_quotes_titles_and_plain_text_are_not_direct_quotes(text: str) -> None:
    quotes = analyze(text).quotes
    assert not [q for q in quotes if q.kind == "direct"], [q.text for q in quotes]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "reported"),
    [
        # seen or found: a tenseless small clause is what was perceived, a tensed one what was concluded
        ("Jones had seen a long-range effort fall a whisker under the crossbar.", False),
        ("She found her sister alive in Independence Square.", False),
        ("Investigators found that the pilots had ignored the warning.", True),
        ("He saw that the plan would fail within a year.", True),
        # an object is what was said only once said, and not when won or taken
        ("France coach Bernard Laporte will announce his starting line-up on Thursday.", False),
        ("Jake White claimed the coaching award.", False),
        ("The bombing claimed 40 lives.", False),
        ("The minister announced a new tax on sugar.", True),
        ("The rebels claimed responsibility for the attack.", True),
        # a claim noun with no one making it, or one rejected, reports nothing
        ("She rejected the claim that the vote was rigged.", False),
        ("It remains to be seen whether the deal will hold.", False),
        ("It's important to remember that the vote was close.", False),
        # an infinitive a noun or adjective governs says nothing yet; a verb's often reports
        ("Bloggers want the right to say what they think about the war.", False),
        ("He went on to say that the plan had failed.", True),
        # a statement not made; the writer's clause before a semicolon is not what the cue reports
        ("Abe did not repeat the president's words.", False),
        ("Abe declined to predict whether the talks would succeed.", False),
    ],
)
def test_only_what_was_said_is_a_report(text: str, reported: bool) -> None:
    assert bool(analyze(text).quotes) is reported


@pytest.mark.slow
def test_unattributed_quote_has_note_not_a_made_up_speaker() -> None:
    text = "The storm closed every road in the county.\n\n“Nobody expected the water to rise this fast overnight.”"
    quote = find(analyze(text).quotes, "Nobody expected")
    assert quote.speaker is None and quote.note


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "third_person"),
    [
        ("Anna Berg’s resignation “was driven by the board’s refusal to back her, a veteran of the firm”.", True),
        ("Anna Berg’s statement “was clear that I will not stay on this board a day longer”.", False),
    ],
)
def test_possessor_speaker_is_doubted_when_the_words_speak_of_her(sentence: str, third_person: bool) -> None:
    quote = find(analyze("Anna Berg quit the board on Monday. " + sentence).quotes, "was ")
    assert quote.speaker is not None and quote.speaker.name == "Anna Berg"
    assert ("third person" in (quote.note or "")) is third_person
    assert (quote.confidence < 0.5) is third_person


@pytest.mark.slow
def test_seed_six_direct_quotes_with_speakers(seed_article: Article) -> None:
    expected = [
        "was motivated as much by the Kremlin’s brutality",
        "the dire situation that took place on February 24th",
        "everything changed radically",
        "all aspects of totalitarianism",
        "No one told you that you were recruited",
        "whoever thinks of doing such a thing",
    ]
    for fragment in expected:
        quote = find(seed_article.quotes, fragment)
        assert quote.kind in ("direct", "mixed")
        assert quote.speaker is not None and quote.speaker.name == "Artem Zinchenko", (fragment, quote.speaker)
    motivated = find(seed_article.quotes, "was motivated as much")
    assert motivated.confidence < 0.5 and "third person" in (motivated.note or "")  # "towards him": maybe Yahoo's
    dire = find(seed_article.quotes, "the dire situation")
    assert dire.text.endswith("innocent victims.") and dire.cue == "explained"
    assert any("no closing mark" in w for w in seed_article.warnings)


@pytest.mark.slow
def test_seed_indirect_quotes(seed_article: Article) -> None:
    quote = find(seed_article.quotes, "neither his wife nor his parents were aware")
    assert quote.kind == "indirect" and quote.cue == "said"
    assert quote.speaker is not None and quote.speaker.name == "Artem Zinchenko"
