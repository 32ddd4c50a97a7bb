"""Signs that an article's text is incomplete: paragraphs that break off mid-sentence.

Rewrites and scraped copies lose text: a sentence cut after a comma ("... Estonia brought back
businessman Raivo Susu,") followed by an unrelated paragraph. An analyst must know that the
article says less than it seems to, so each break becomes a warning with its offset. Only strong
signs count — a paragraph that ends on a comma, a semicolon, a hyphen or a word that cannot end
a sentence ("and", "the", "of") — unless the next paragraph carries the sentence on (lower case)
or is a list item; headlines and lead-ins ending in a colon are not breaks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_PARAGRAPH = re.compile(r"[^\n]+")
_DANGLING_WORDS = frozenset(
    "a an the and or but nor of than whose his their its our my your".split()  # noqa: SIM905 - a word list
)
"""Words a sentence cannot end on: a paragraph ending on one was cut (prepositions are left out: they end
headlines as particles, "Blair to face trust issue head on")."""
_CONTINUES = re.compile(r"\s*(?:[a-z]|[-•*–—] )")
"""A next paragraph that continues the sentence (lower case) or a list ("- they fear ...")."""
_DANGLING_MARKS = frozenset(",;-–")
_LAST_WORD = re.compile(r"(\w+)\W*$")
CONTEXT = 40
"""Characters of the broken paragraph quoted in the warning."""


def broken_paragraphs(text: str, body: Sequence[tuple[int, int]]) -> list[tuple[int, str]]:
    """Offsets (end of the paragraph) and the last words of body paragraphs that break off mid-sentence."""
    out = []
    for start, end in body or ((0, len(text)),):
        for m in _PARAGRAPH.finditer(text, start, end):
            para = m.group().rstrip()
            if not para or _CONTINUES.match(text, m.end(), end):
                continue
            last = para[-1]
            word = _LAST_WORD.search(para)
            dangling_word = last.isalpha() and word is not None and word.group(1).lower() in _DANGLING_WORDS
            entity = last == ";" and re.search(r"&#?\w+;$", para) is not None  # "&gt;": markup debris, not a cut
            if (last in _DANGLING_MARKS and not entity) or dangling_word:
                stop = m.start() + len(para)
                out.append((stop, text[max(m.start(), stop - CONTEXT) : stop]))
    return out


def text_warnings(text: str, body: Sequence[tuple[int, int]]) -> list[str]:
    """One warning per paragraph that breaks off mid-sentence, naming where and how it ends."""
    return [
        f"text: paragraph breaks off mid-sentence at offset {stop} ('…{tail}'); part of the text may be missing"
        for stop, tail in broken_paragraphs(text, body)
    ]
