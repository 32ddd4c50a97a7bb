"""Headline attributions: "McCain: Populist Anger Appeals to ‘Bad Angels’" — the speaker before the colon."""

from __future__ import annotations

import pytest
from quote_helpers import analyze, find

from dossier.nlp.quotes.headline import headline_line

BODY = "\n\nThe senator spoke in Phoenix on Sunday and took questions from reporters for an hour.\n"


def test_the_headline_is_the_first_short_line() -> None:
    assert headline_line("Graham: Trump Destroying GOP’s Chance.\n\nBody text here.") == (0, 38)
    assert headline_line("Only one line of text: nothing after it.") is None
    assert headline_line("x" * 300 + "\n\nBody.") is None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("headline", "fragment", "speaker"),
    [
        ("John McCain: Republican Populist Anger Appeals to ‘Bad Angels Of Our Nature.’", "Populist Anger", "McCain"),
        ("Graham: Trump’s ‘Incredibly Hateful Rhetoric’ Destroying GOP’s Chance to Win.", "Hateful Rhetoric", "Graham"),
        ("Gillibrand on Hillary’s Goldman Sachs Speech Transcripts: ‘I Think She Will.’", "She Will", "Gillibrand"),
        ("Clinton to Planned Parenthood: Trump will reverse Roe v. Wade.", "reverse Roe", "Clinton"),
        ("Poll: Bernie Sanders Burns Hillary Clinton With First-Ever National Lead.", "Sanders Burns", "Poll"),
    ],
)
def test_a_headline_lead_before_a_colon_is_the_speaker(headline: str, fragment: str, speaker: str) -> None:
    quote = find(analyze(headline + BODY).quotes, fragment)
    assert quote.cue == ":" and quote.speaker is not None and speaker in quote.speaker.name
    assert not quote.text.endswith(".")


@pytest.mark.slow
@pytest.mark.parametrize(
    "headline",
    [
        "The Latest: Voters head to the polls in Iowa.",
        "EXCLUSIVE: Inside The Campaign’s Final Week.",
        "FIX IS IN: Moderators Ignore Scandals.",
        "Watch: The Moment The Crowd Turned.",
    ],
)
def test_a_headline_label_before_a_colon_is_no_speaker(headline: str) -> None:
    quotes = analyze(headline + BODY).quotes
    assert not [q for q in quotes if q.cue == ":"], [(q.text, q.speaker) for q in quotes]
