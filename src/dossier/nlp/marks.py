"""Quotation marks: find the spans of text that stand inside quotation marks.

A pure character scan, independent of spaCy. It knows the English, German,
French and low-9 styles (“…” „…“ «…» ‘…’ ‚…‘ "…" '…'), tells apostrophes
(don’t, Clinton’s, ’90s) from single quotes, keeps nested quotes inside
their outer quote, joins a quote continued across paragraphs (the paragraph
opens a quote without closing it and the next paragraph opens again) and
ends a quote whose closing mark is missing at the end of its paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from . import lexicons

OPENERS: dict[str, frozenset[str]] = {
    "“": frozenset({"”", "“", '"'}),  # English “…”, German-style closing for a stray “…“, mixed “…"
    "„": frozenset({"“", "”"}),  # German „…“ and Polish/Dutch „…”
    "«": frozenset({"»"}),
    "»": frozenset({"«"}),  # Danish/German »…«
    "‘": frozenset({"’", "‘"}),
    "‚": frozenset({"‘", "’"}),
    '"': frozenset({'"', "”"}),  # and "…” as text converted by half from straight to curly marks prints it
    "'": frozenset({"'"}),
    "‹": frozenset({"›"}),
    "''": frozenset({"''"}),
    "``": frozenset({"''", '"'}),  # LaTeX/PTB-style ``…''
    "’": frozenset({"’", "‘"}),  # ’…’ typed with the closing mark twice
}
"""Each opening mark and the marks that may close it."""

CLOSERS = frozenset(c for cs in OPENERS.values() for c in cs)
"""Every character that may close a quote."""

MAX_DEPTH = 12
"""Most quotes open at once in a paragraph; a mark that would open one more is not taken for a quote (news nests
two or three; a run of thousands of "«" would make the scan, which looks through the open quotes, quadratic)."""
_MARK = re.compile("[" + re.escape("".join(sorted({m for m in (*OPENERS, *CLOSERS, "`") if len(m) == 1}))) + "]")
"""Any character that may open or close a quote (the scan looks at nothing else)."""
_SINGLE = lexicons.words("words_nlp", list="marks._SINGLE")
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class MarkedSpan:
    """A stretch of text inside quotation marks (top level: nested quotes stay inside)."""

    open: int
    """Offset of the opening mark."""
    start: int
    """First character of the content (after the opening mark)."""
    end: int
    """End of the content (before the closing mark, or the paragraph end when it is missing)."""
    close: int
    """Offset just past the closing mark (== ``end`` when the mark is missing)."""
    mark: str
    closed: bool = True
    """False when the closing mark is missing and the span was ended at its paragraph end."""
    paragraphs: int = 1
    """How many paragraphs the quote runs over (continued quotes are joined)."""


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _can_open(text: str, i: int) -> bool:
    """A mark at ``i`` may open a quote: something follows it and it does not end a word."""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    prev = text[i - 1] if i > 0 else ""
    if nxt.isspace() and text[i] == '"' and _last_visible(text, i) == ":":
        return True  # 'He told LBC radio: " He's very thick-skinned.': a spaced mark after a colon opens
    if not nxt or (nxt.isspace() and text[i] not in "«‹“„"):  # « spaced » guillemets, “ spaced ” curly marks
        return False
    return not _is_word(prev) or prev in "“„«‘‚\"'"


def _last_visible(text: str, i: int) -> str:
    """The last character before ``i`` that is not whitespace ("" if none): ``text[:i].rstrip()[-1:]`` without
    copying the text before ``i``."""
    j = i - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    return text[j] if j >= 0 else ""


def _can_close(text: str, i: int) -> bool:
    """A mark at ``i`` may close a quote: it follows text and is not inside a word."""
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if not prev or (prev.isspace() and text[i] not in "»›”"):
        return False
    return not _is_word(nxt)


def _is_apostrophe(text: str, i: int, stack: list[tuple[str, int]]) -> bool:
    """A single mark that belongs to a word: don’t, Clinton’s, ’90s, rock ’n’ roll, the Clintons’ home."""
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if _is_word(prev) and _is_word(nxt):
        return True
    if text[i] in "’'" and not _is_word(prev) and nxt.isdigit():
        return True  # ’90s
    if text[i] in "‘’'" and (text[i + 1 : i + 3] in ("n’", "n'", "N’", "N'") or text[i - 2 : i] in ("‘n", "’n", "'n")):
        return True  # rock ’n’ roll, drum 'n' bass
    # plural possessive (the Clintons’ home) when no single quote is open to close
    return text[i] in "’'" and prev in "sS" and not any(m in "‘'‚" for m, _ in stack)


def _scan_paragraph(text: str, lo: int, hi: int) -> list[tuple[int, int, str, bool]]:
    """Top-level quotes of one paragraph as (open, close_end, mark, closed)."""
    out: list[tuple[int, int, str, bool]] = []
    stack: list[tuple[str, int]] = []
    closers: dict[str, list[int]] = {}  # per single mark: where in the paragraph it could be closed
    for found in _MARK.finditer(text, lo, hi):
        i = found.start()
        ch = text[i]
        if text.startswith("''", i) or (i > lo and text.startswith("''", i - 1)):
            if text.startswith("''", i):
                _double_apostrophe(text, i, stack, out)
            continue  # the second half of a '' pair was handled with the first
        if ch == "`":
            if text.startswith("``", i) and i + 2 < hi and not text[i + 2].isspace() and len(stack) < MAX_DEPTH:
                stack.append(("``", i))  # ``…'': the closing '' is handled as a double apostrophe
            continue
        if ch in _SINGLE and _is_apostrophe(text, i, stack):
            continue
        # the innermost open quote this mark can close (inner unmatched opens are dropped with it)
        k = next((k for k in range(len(stack) - 1, -1, -1) if ch in OPENERS[stack[k][0]]), None)
        closable = k is not None and (_can_close(text, i) or _spaced_close(text, i, stack))
        openable = ch in OPENERS and _can_open(text, i)
        if openable and not closable and _reopens(text, i, stack):
            continue  # “… fancied it. “There were …”: the same quote goes on (English does not nest “ in “)
        # a mark that could do both closes when the open quote expects exactly it (straight marks, „…“)
        if closable and (not openable or ch in "\"'" or stack[-1][0] in "„‚»"):
            assert k is not None
            mark, pos = stack[k]
            del stack[k:]
            if not stack:
                out.append((pos, i + 1, mark, True))
        elif openable and len(stack) < MAX_DEPTH:
            if ch in ("'", "‘", "’") and not _has_closer(text, i, hi, ch, closers):
                continue  # a lone single mark is an apostrophe or a typo, not a quote
            stack.append((ch, i))
    if stack:
        out.append((stack[0][1], hi, stack[0][0], False))
    return sorted(out)


def _reopens(text: str, i: int, stack: list[tuple[str, int]]) -> bool:
    """A double mark opening a new sentence while the same double quote is open: the quote continues.

    Paragraphs of one quote each open with a mark and only the last closes; where a corpus has run the
    paragraphs together ("… fancied it. "There were no questions …" Jones was happy …"), the reopening
    mark sits after a sentence end. A nested quote would use single marks, and sits inside a sentence.
    """
    if not stack or stack[-1][0] not in ('"', "“") or text[i] not in OPENERS[stack[-1][0]]:
        return False
    j = i - 1
    while j > stack[-1][1] and text[j] == " ":
        j -= 1
    return j > stack[-1][1] and text[j] in ".!?…" and j < i - 1


def _double_apostrophe(text: str, i: int, stack: list[tuple[str, int]], out: list[tuple[int, int, str, bool]]) -> None:
    """Two straight apostrophes as one double quotation mark (''…'', as some wires and the NYT print)."""
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 2] if i + 2 < len(text) else ""
    k = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] in ("''", "``")), None)
    if k is not None and prev and not prev.isspace() and not _is_word(nxt):
        pos = stack[k][1]
        del stack[k:]
        if not stack:
            out.append((pos, i + 2, "''", True))
    elif nxt and not nxt.isspace() and not _is_word(prev) and len(stack) < MAX_DEPTH:
        stack.append(("''", i))


def _spaced_close(text: str, i: int, stack: list[tuple[str, int]]) -> bool:
    """'Jimmy "the Whirlwind " White': a straight mark with spaces on both sides closes a short nickname or
    label opened just before it, rather than opening a quote that would run on to the next mark."""
    if text[i] != '"' or not stack or stack[-1][0] != '"':
        return False
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    inner = text[stack[-1][1] + 1 : i]
    if not (prev.isspace() and (nxt.isspace() or not nxt)):
        return False
    # '"… a great end to a great year. " Hayes said: "Knowing …"': after a sentence's end a spaced mark closes the
    # open quote (a straight quote does not nest in a straight quote), or the next speaker's words become the first's
    return (len(inner.split()) <= 4 and "." not in inner) or _last_visible(text, i) in ".!?,…"


def _has_closer(text: str, i: int, hi: int, mark: str, closers: dict[str, list[int]]) -> bool:
    """Whether some later mark in the paragraph could close a single quote opened at ``i``.

    ``closers`` caches, per mark, every such place in the paragraph (found once: a scan per mark would make a
    long paragraph of apostrophes quadratic)."""
    if mark not in closers:
        marks = re.compile("[" + re.escape("".join(sorted(OPENERS[mark]))) + "]")
        closers[mark] = [
            m.start()
            for m in marks.finditer(text, i + 1, hi)
            if _can_close(text, m.start()) and not _is_word(text[m.start() + 1] if m.start() + 1 < hi else "")
        ]
    places = closers[mark]
    return bisect_right(places, i) < len(places)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_marked_spans(text: str) -> list[MarkedSpan]:
    """Every top-level quoted span in ``text``, in order.

    An unclosed quote whose next paragraph opens with a quotation mark continues
    into that paragraph (the typographic convention for multi-paragraph quotes);
    otherwise it ends at its paragraph end with ``closed=False``.
    """
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]
    raw: list[tuple[int, int, str, bool, int]] = []  # open, close, mark, closed, paragraph index
    for p, (lo, hi) in enumerate(paragraphs):
        for o, c, mark, closed in _scan_paragraph(text, lo, hi):
            raw.append((o, c, mark, closed, p))
    spans: list[MarkedSpan] = []
    i = 0
    while i < len(raw):
        o, c, mark, closed, p = raw[i]
        count = 1
        # join continued paragraphs: unclosed here, and the next paragraph starts with an opening mark
        while not closed and i + 1 < len(raw):
            no, nc, _, nclosed, np_ = raw[i + 1]
            lo = paragraphs[np_][0]
            if np_ != p + 1 or text[lo:no].strip():
                break
            i += 1
            c, closed, p = nc, nclosed, np_
            count += 1
        end = c - len(mark) if closed else c
        start, end = _strip(text, o + len(mark), end)
        spans.append(MarkedSpan(o, start, end, c, mark, closed, count))
        i += 1
    return spans


LONG_QUOTE_CHARS = 1000
"""A quote longer than this, or over ``LONG_QUOTE_PARAGRAPHS`` paragraphs, is re-examined (one bad mark can
otherwise swallow an article)."""
LONG_QUOTE_PARAGRAPHS = 3

_SENTENCE_END = re.compile(r"[.!?…][”’\"']?\s+(?=[A-Z“\"‘])")


def reexamine(text: str, spans: list[MarkedSpan]) -> tuple[list[MarkedSpan], list[str]]:
    """Long quotes looked at again, with a warning saying what was done to each.

    An unclosed one is cut at its first sentence end (its closing mark is missing, so where it ends is a
    guess; the first sentence is the safe one). A closed one is kept: it was joined only across paragraphs
    that each open with a quotation mark, or its marks pair within one paragraph.
    """
    out: list[MarkedSpan] = []
    notes: list[str] = []
    for m in spans:
        if m.end - m.start <= LONG_QUOTE_CHARS and m.paragraphs < LONG_QUOTE_PARAGRAPHS:
            out.append(m)
            continue
        where = f"the quote at {m.open} ({m.end - m.start} characters, {m.paragraphs} paragraph(s))"
        if m.closed:
            out.append(m)
            notes.append(f"quotes: {where} was kept: its marks pair and each paragraph opens with a mark")
            continue
        cut = _SENTENCE_END.search(text, m.start, m.end)
        end = cut.start() + 1 if cut else min(m.end, m.start + LONG_QUOTE_CHARS)
        end = _strip(text, m.start, end)[1]
        out.append(MarkedSpan(m.open, m.start, end, end, m.mark, False, 1))
        notes.append(f"quotes: {where} has no closing mark: cut at its first sentence end ({end - m.start} characters)")
    return out, notes
