"""Colon attributions without a verb: headlines ("McCain: Populist Anger Appeals to ‘Bad Angels’") and
transcripts ("FALLIN: Well, I think the whole nation …", "Q: And the wall?").

Part of the quotes stage. News headlines attribute with a colon instead of a verb: the short lead before the
colon is who said it ("John McCain", "Clinton camp", "NY Daily News", "Poll"), the rest of the line is what
they said, paraphrased or quoted. A lead that labels the story rather than naming a speaker ("The Latest",
"WATCH", "FIX IS IN") attributes nothing. In the body, a paragraph that opens with a name (or Q / A) and a
colon is a transcript turn: the paragraph is what that speaker said. The fitted quote model decides (the
candidates carry their rule and the ``headline`` feature).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc

from .. import lexicons
from .syntax import Attribution, text_of, tokens_in

HEADLINE_LABELS = lexicons.words("words_quotes", list="headline.HEADLINE_LABELS")
"""Leads that label a story, not a speaker ("The Latest:", "Exclusive:", "Analysis:"), lower case."""

MAX_LEAD_WORDS = 6
"""A speaker lead longer than this is a sentence, not a name."""

MAX_LINE = 200
"""A first line longer than this is a paragraph, not a headline."""

_LEAD = re.compile(r"^(?P<lead>[A-Z0-9][^:\n]{0,80}?)\s*:\s+(?P<rest>\S[^\n]*)$")
_ADDRESS = re.compile(r"\s+(?:on|to|at|in|about|for)\s+\S.*$")
"""The addressee or topic after the speaker in a lead ("Gillibrand on Hillary's speeches", "Clinton to Planned
Parenthood"): not part of the speaker."""
_QUOTE_CHARS = "“”\"‘’'«»„"


def headline_line(text: str) -> tuple[int, int] | None:
    """The first line of ``text`` when it is short enough to be a headline (character span)."""
    lo = len(text) - len(text.lstrip())
    hi = text.find("\n", lo)
    hi = len(text) if hi < 0 else hi
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    if hi - lo < 5 or hi - lo > MAX_LINE or hi >= len(text.rstrip()):
        return None  # no line, a paragraph, or the whole text
    return lo, hi


def headline_attributions(doc: Doc) -> list[Attribution]:
    """The colon attribution of the first line ("Speaker: what they said"), if it has one."""
    text = text_of(doc)
    line = headline_line(text)
    if line is None:
        return []
    lo, hi = line
    m = _LEAD.match(text[lo:hi])
    if m is None:
        return []
    lead = m.group("lead")
    if _label(lead):
        return []
    speaker = _ADDRESS.sub("", lead)
    if not speaker or len(speaker.split()) > MAX_LEAD_WORDS or not speaker[0].isupper():
        return []
    s_lo = lo + m.start("lead")
    s_hi = s_lo + len(speaker)
    c_lo = lo + m.start("rest")
    c_hi = hi
    while c_hi > c_lo and text[c_hi - 1] in ".!?, " and text[c_hi - 2 : c_hi - 1] not in _QUOTE_CHARS:
        c_hi -= 1
    rest = text[c_lo:c_hi]
    if len(rest.split()) < 2:
        return []
    head = tokens_in(doc, s_lo, s_hi)
    words = [t for t in head if not t.is_punct] if head is not None else []
    if not words or any(t.pos_ in ("VERB", "AUX") and not (t.is_title or t.is_upper) for t in words):
        return []  # "Mr Blair told MPs: …": a sentence with its own cue, read by the colon rule of the body
    if not any(t.pos_ in ("PROPN", "NOUN") or t.is_title or t.is_upper for t in words):
        return []
    last = words[-1]  # a headline's speaker phrase ends in its head ("Clinton camp", "NY Daily News")
    colon = text.index(":", s_hi, c_lo)
    kind = "direct" if rest[:1] in _QUOTE_CHARS and rest.rstrip(".")[-1:] in _QUOTE_CHARS else "indirect"
    if kind == "indirect" and any(c in rest for c in _QUOTE_CHARS):
        kind = "mixed"
    return [
        Attribution(
            c_lo,
            c_hi,
            (colon, colon + 1),
            (s_lo, s_hi),
            (last.idx, last.idx + len(last.text)),
            kind,
            0.7,
            "a headline: speaker before the colon",
            rule="headline_colon",
        )
    ]


_TURN = re.compile(
    r"(?P<lead>Q|A|[A-Z][\w.'’\-]*(?:[ \t]+(?:[A-Z][\w.'’\-]*|de|van|von|al)){0,3})[ \t]*:[ \t]+(?P<rest>\S[^\n]*)"
)
"""A transcript turn: a name of up to four capitalized words (or Q, A), a colon, what they said."""

MIN_TURN_WORDS = 3
"""A turn shorter than this is a label line ("Photo: AP", "Tags: politics"), not speech."""


def turn_attributions(doc: Doc, body: Sequence[tuple[int, int]]) -> list[Attribution]:
    """Transcript turns in the body: "CLINTON: Honestly, I mean …", "Q: And the wall?" (the whole paragraph
    after the colon; not when it opens with a quotation mark, which the marked-quote rules read)."""
    text = text_of(doc)
    out = []
    for lo, hi in body:
        at = lo
        while at < hi:
            end = text.find("\n", at, hi)
            end = hi if end < 0 else end
            m = _TURN.match(text, at, end)
            if m is not None and not _label(m.group("lead")) and m.group("rest")[:1] not in _QUOTE_CHARS:
                a = _turn(doc, m, end)
                if a is not None:
                    out.append(a)
            at = end + 1
    return out


def _turn(doc: Doc, m: re.Match[str], end: int) -> Attribution | None:
    text = text_of(doc)
    c_lo, c_hi = m.start("rest"), end
    while c_hi > c_lo and text[c_hi - 1].isspace():
        c_hi -= 1
    if len(text[c_lo:c_hi].split()) < MIN_TURN_WORDS:
        return None
    s_lo, s_hi = m.span("lead")
    lead = tokens_in(doc, s_lo, s_hi)
    if lead is None or any(t.like_num for t in lead):
        return None  # "Step 1:", "2016:"
    last = lead[-1]
    colon = text.index(":", s_hi, c_lo)
    kind = "mixed" if any(c in text[c_lo:c_hi] for c in _QUOTE_CHARS) else "direct"
    return Attribution(
        c_lo, c_hi, (colon, colon + 1), (s_lo, s_hi), (last.idx, last.idx + len(last.text)), kind, 0.6,
        "a transcript turn: speaker before the colon", rule="turn_colon",
    )  # fmt: skip


def _label(lead: str) -> bool:
    """A lead that labels the story ("The Latest", "WATCH", "FIX IS IN") rather than naming who speaks."""
    low = lead.lower().strip()
    if low in HEADLINE_LABELS or low.split()[0] in HEADLINE_LABELS:
        return True
    letters = [c for c in lead if c.isalpha()]
    return len(letters) > 4 and lead.isupper() and " " in lead.strip()  # "FIX IS IN", "BREAKING NEWS"
