"""Normalizers: one per rule in :mod:`dossier.nlp.timex_patterns`, from a regex match to a TIMEX3 value.

Two anchors (the issue's "anchored twice"):
- **publication** (news mode): deictic expressions — today, yesterday, last week, Tuesday, two weeks ago,
  February 24th — resolve against the publication date; their year or week comes from it.
- **narrative**: anaphoric expressions — the following year, a year later, that day, the previous month —
  resolve against the story's reference time, the last resolved date before them; publication when the
  story has none yet.
Without the anchor an expression needs, its unknown parts stay X (``XXXX-02-24``); nothing reads a clock.

Tense (which Tuesday, which February) comes from the nearest tense cue in the sentence (a small
lexicon, no parser): past -> the latest such day on or before publication, future -> the next one on or
after it, no cue -> past for weekdays and the nearest occurrence for month names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ...model import TimexType
from .. import lexicons
from .calendar import floor, fmt, parse_point, shift, weekday_date, year_for
from .patterns import (
    CUE_WORD,
    FUTURE_PAIRS,
    FUTURE_WORDS,
    MONTHS,
    NOT_PAST_ED,
    NUMBERS,
    ORDINALS,
    PAST_WORDS,
    PLAN_PAIRS,
    PLAN_WORDS,
    SEASONS,
    SENTENCE_END,
    UNITS,
    WEEKDAYS,
)

DEADLINE_BEFORE = re.compile(r"\b(?:by|through|thru|until|till|no\s+later\s+than)\s+(?:the\s+)?$", re.IGNORECASE)
"""A deadline preposition right before the expression: it points ahead unless the clause is past."""
MODAL_AHEAD = re.compile(r"\b(?:must|need\s+to|needs\s+to|has\s+to|have\s+to|ought\s+to|should)\b", re.IGNORECASE)
"""Obligation modals: what must be done is still ahead."""
AHEAD_OF = re.compile(
    r"\b(?:ahead\s+of|in\s+advance\s+of|(?:run|lead)[-\s]up\s+to)\s+(?:the\s+|this\s+|next\s+)?$", re.IGNORECASE
)
"""A date named as what something comes before ("ahead of the November elections", "in the run-up to May's vote"):
ahead of publication when nothing in the sentence is past; in a past sentence the main clause says nothing of the
date's own side ("ahead of the March vote, the party changed its leader" may be either)."""

LAST_AS_VERB_NEXT = lexicons.words("words_timexes", list="normalize.LAST_AS_VERB_NEXT")
LAST_AS_VERB_PREV = lexicons.words("words_timexes", list="normalize.LAST_AS_VERB_PREV")
"""Neighbours that make "last" the verb ("will last until", "to last for"), not a past cue."""

Found = tuple[TimexType, str, str | None]
"""What a normalizer returns: TIMEX3 type, value, and the anchor used (None when absolute)."""

PUB = "publication"
NARR = "narrative"


@dataclass(frozen=True, slots=True)
class Context:
    """What a normalizer may look at: the match's place in the text and the two anchors."""

    text: str
    start: int
    end: int
    dct: date | None
    ref: str | None
    """The story's reference time: the last resolved date value before this expression."""
    ref_at: int = -1
    """Where the expression that set ``ref`` starts (-1: unknown)."""

    def sentence(self) -> tuple[int, int]:
        """Start and end offsets of the sentence around the expression."""
        lo = max(0, self.start - 200)
        s = lo
        for m in SENTENCE_END.finditer(self.text, lo, self.start):
            s = m.end()
        m2 = SENTENCE_END.search(self.text, self.end, self.end + 200)
        return s, (m2.start() if m2 else min(len(self.text), self.end + 200))

    def deadline(self) -> bool:
        """Whether a deadline preposition comes right before the expression ("by Friday", "through Sept. 30")."""
        return DEADLINE_BEFORE.search(self.text[max(0, self.start - 24) : self.start]) is not None

    def direction(self) -> str | None:
        """``tense()``, or ``deadline`` when a deadline preposition points ahead in a clause that is not past:
        the coming occurrence, however far within the year ("funded through Sept. 30" written in November)."""
        if re.search(r"\bended\s+$", self.text[max(0, self.start - 8) : self.start]):
            return "ended"  # "the fiscal year ended Jan. 31": a reporting period that is over, however long ago
        tense = self.tense()
        return "deadline" if tense == "future" and self.deadline() else tense

    def tense(self) -> str | None:
        """``past``, ``future`` or None: the tense cue nearest the expression in its sentence.

        Cues before the expression win over cues after it (the verb usually comes first); plan words
        ("planned", "scheduled", "as soon as") look ahead only for what follows them. A possessive date
        ("Wednesday's ruling") takes only the cues after it: the verb before governs the noun, not the day.
        """
        s, e = self.sentence()
        before: tuple[int, str] | None = None
        after: tuple[int, str] | None = None
        toks = [(m.start(), m.end(), m.group()) for m in CUE_WORD.finditer(self.text, s, e)]
        for i, (a, b, word) in enumerate(toks):
            if self.start <= a < self.end:
                continue
            w = word.lower()
            nxt = toks[i + 1][2].lower() if i + 1 < len(toks) else ""
            prev = toks[i - 1][2].lower() if i else ""
            is_before = b <= self.start
            if w in FUTURE_WORDS and prev in ("did", "didn't", "not", "never"):
                # "did not meet on Monday": the auxiliary, not the verb, carries the tense
                if prev in ("did", "didn't") or (i > 1 and toks[i - 2][2].lower() in ("did", "didn't")):
                    label = "past"
                else:
                    continue
            elif (
                w in FUTURE_WORDS
                or (w == "would" and nxt not in ("have", "not", "never"))
                or (word == "may" and nxt not in ("have", "not"))  # "may hit the links on Wednesday"
                or w.endswith("'ll")
                or (w, nxt) in FUTURE_PAIRS
                or (is_before and (w in PLAN_WORDS or (w, nxt) in PLAN_PAIRS))
            ):
                label = "past" if (w, nxt) == ("due", "to") and prev in ("been", "was", "were") else "future"
            elif w == "last" and (nxt in LAST_AS_VERB_NEXT or prev in LAST_AS_VERB_PREV):
                continue  # "will last until Thursday": the verb, not "last week"
            elif _past_cue(word, prev):
                label = "past"
            else:
                continue
            if is_before:
                before = (self.start - b, label) if before is None or self.start - b < before[0] else before
            elif after is None:
                after = (a - self.end, label)
        if re.match(r"['’]s\b", self.text[self.end : self.end + 3]):
            before = None  # "Wednesday's ruling": a noun's date; the verb before it does not place it
        found = before[1] if before else (after[1] if after else None)
        if found != "past" and self.deadline():
            return "future"  # "pass the bill by Friday", "funded through Sept. 30": a deadline still ahead
        if found is None and MODAL_AHEAD.search(self.text[max(s, self.start - 60) : self.start]):
            return "future"  # "must pass the bill", "needs to approve it on Monday"
        if found is None and AHEAD_OF.search(self.text[max(s, self.start - 40) : self.start]):
            return "future"  # "campaigners gear up ahead of the November elections"
        return found


_NOT_AFTER_BE = ("be", "been", "being", "to", "is", "are", "am", "get", "gets")


def _past_cue(word: str, prev: str) -> bool:
    """Whether ``word`` puts its clause in the past: a past-tense word or a regular "-ed" verb, not a participle
    after "be" ("is reached", "would be paid") nor an "un-...-ed" adjective ("unspecified", "undisclosed")."""
    w = word.lower()
    if prev in _NOT_AFTER_BE:
        return False
    if w in PAST_WORDS:
        return True
    return word.islower() and w.endswith("ed") and len(w) > 4 and w not in NOT_PAST_ED and not w.startswith("un")


def words(s: str | None) -> str:
    """Lower-cased text with single spaces (empty for None)."""
    return re.sub(r"\s+", " ", (s or "").lower()).strip()


def number(word: str) -> float | None:
    """A quantity as a number; None for vague ones ("several")."""
    w = words(word).replace(",", "")
    if re.match(r"^\d+(\.\d+)?$", w):
        return float(w)
    m = re.match(r"^(\d+)\s+(\d)/(\d)$", w)
    if m:
        return int(m.group(1)) + int(m.group(2)) / int(m.group(3))
    m = re.match(r"^(.+?)\s+and\s+a\s+half$", w)
    if m and number(m.group(1)) is not None:
        return (number(m.group(1)) or 0) + 0.5
    m = re.match(r"^(\S+)\s+(?:to|or|and)\s+\S+$", w)
    if m:  # a range: TimeBank keeps its lower bound ("two to three weeks" -> P2W)
        return number(m.group(1))
    m = re.match(r"^(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[-\s](\w+)$", w)
    if m:
        return NUMBERS[m.group(1)] + NUMBERS.get(m.group(2), 0)
    return NUMBERS.get(w)


def unit_code(word: str) -> str:
    """The unit code of a unit word ("weeks" -> W, "the decades" -> DE)."""
    w = re.sub(r"^the\s+", "", words(word))
    w = {"centuries": "century", "millennia": "millennia"}.get(w, w)
    return UNITS.get(w[:-1] if w.endswith("s") and w[:-1] in UNITS else w, "Y")


FINENESS = {"CE": 0, "DE": 1, "Y": 2, "H": 3, "Q": 3, "M": 4, "W": 5, "D": 6}
UNIT_GRAN = {"Y": "Y", "Q": "Q", "M": "M", "W": "W", "2W": "W", "D": "D", "DE": "DE", "CE": "CE", "WE": "W"}


def narrative(ctx: Context) -> tuple[tuple[str, date] | None, str]:
    """The story's reference point (or publication when it has none) and which anchor that is."""
    p = parse_point(ctx.ref) if ctx.ref else None
    if p is not None:
        return p, NARR
    return (("D", ctx.dct), PUB) if ctx.dct else (None, NARR)


def _year2(yy: str, dct: date | None) -> int:
    n = int(yy.strip("'"))
    pivot = (dct.year % 100 + 10) if dct else 30
    return (1900 if n > pivot else 2000) + n


# ---------------------------------------------------------------- absolute dates


def iso(m: re.Match[str], ctx: Context) -> Found | None:
    """2022-02-24, 2022-02-24T15:00."""
    try:
        d = date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    if m["H"]:
        return "TIME", f"{d.isoformat()}T{m['H']}:{m['M']}", None
    return "DATE", d.isoformat(), None


def iso_slash(m: re.Match[str], ctx: Context) -> Found | None:
    """2022/02/24 and 24.02.2022 (day first, as Europe writes it)."""
    try:
        return "DATE", date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat(), None
    except ValueError:
        return None


def qcode(m: re.Match[str], ctx: Context) -> Found | None:
    """Q3 2022, Q3, H1 2023 (the publication year when none is given)."""
    part = f"Q{m['q']}" if m["q"] else f"H{m['h']}"
    if m["y"]:
        y = int(m["y"]) if len(m["y"]) == 4 else _year2(m["y"], ctx.dct)
        return "DATE", f"{y:04d}-{part}", None
    if m["q"]:
        qy, anchor = _quarter_year(int(m["q"]), ctx)
        return "DATE", f"{qy}-{part}" if qy else f"XXXX-{part}", anchor
    return ("DATE", f"{ctx.dct.year}-{part}", PUB) if ctx.dct else ("DATE", f"XXXX-{part}", None)


def fiscal_code(m: re.Match[str], ctx: Context) -> Found | None:
    """FY2022, FY 2022, FY22 -> the year (as TimeBank normalizes "fiscal 1989")."""
    y = int(m["y"]) if len(m["y"]) == 4 else _year2(m["y"], ctx.dct)
    return "DATE", f"{y:04d}", None


def numeric(m: re.Match[str], ctx: Context) -> Found | None:
    """2/24/2022 (US order; day-first when the first number cannot be a month)."""
    a, b = int(m["a"]), int(m["b"])
    y = int(m["y"]) if len(m["y"]) == 4 else _year2(m["y"], ctx.dct)
    mo, d = (a, b) if a <= 12 else (b, a)
    try:
        return "DATE", date(y, mo, d).isoformat(), None
    except ValueError:
        return None


def _day(s: str) -> int:
    s = words(s)
    return ORDINALS[s] if s in ORDINALS else int(re.sub(r"\D", "", s))


def _sentence_year(ctx: Context) -> bool:
    """Whether a bare year earlier in the same sentence sets its time: "In 2016, … on March 3" (the sentence
    opens on it) or "the 2020 election was on Nov. 3" (it names the occasion), not "a program approved in
    1987 … through Sept. 29"."""
    if not (ctx.ref and len(ctx.ref) == 4 and ctx.ref.isdigit()):
        return False
    start = ctx.sentence()[0]
    if ctx.ref_at < start:
        return False
    before = ctx.text[start : ctx.ref_at].strip().lower()
    after = ctx.text[ctx.ref_at + 4 : ctx.ref_at + 40]
    opens = before in ("in", "in early", "in late", "in mid", "during") and after.startswith(",")
    occasion = before.endswith("the") and re.match(r"\s+[a-z]", after) is not None
    return opens or occasion


def _month_day(mon: str, day: int, year: str | None, ctx: Context) -> Found | None:
    month = MONTHS[words(mon).rstrip(".")]
    if day > 31 or (month == 2 and day > 29) or (month in (4, 6, 9, 11) and day > 30):
        return None
    if year:
        y = int(year) if len(year.strip("'")) == 4 else _year2(year, ctx.dct)
        return "DATE", f"{y:04d}-{month:02d}-{day:02d}", None
    if _sentence_year(ctx):
        return "DATE", f"{ctx.ref}-{month:02d}-{day:02d}", NARR  # "the 2020 election was on Nov. 3"
    if ctx.dct is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}", None
    y = year_for(ctx.dct, month, day, ctx.direction())
    return "DATE", f"{y:04d}-{month:02d}-{day:02d}", PUB


def mdy(m: re.Match[str], ctx: Context) -> Found | None:
    """February 24th, Feb. 24, 2022, Monday, Feb. 24; the week of March 6 -> the ISO week holding it."""
    found = _month_day(m["mon"], _day(m["d"]), m["y"], ctx)
    if found is None or not m["wk"]:
        return found
    p = parse_point(found[1])
    return "DATE", fmt("W", p[1]) if p is not None else "XXXX-WXX", found[2]


def dmy(m: re.Match[str], ctx: Context) -> Found | None:
    """24 February 2022, the 24th of February."""
    return _month_day(m["mon"], _day(m["d"]), m["y"], ctx)


def _said_year(text: str) -> int | None:
    """The year of "nineteen ninety-four", "two thousand and one" (None for anything else)."""
    w = words(text)
    base = 1900 if w.startswith("nineteen") else 2000 if w.startswith("two thousand") else None
    rest = number(re.sub(r"^(?:nineteen|two thousand(?: and)?)\s*", "", w))
    if base is None or rest is None or rest >= 100 or rest != int(rest):
        return None
    return base + int(rest)


def _year_of(y: str, dct: date | None) -> int | None:
    """A year as written: 2022, '22 (near publication) or in words."""
    if y[:1].isalpha():
        return _said_year(y)
    return int(y) if len(y.strip("'")) == 4 else _year2(y, dct)


def month_year(m: re.Match[str], ctx: Context) -> Found | None:
    """February 2022, January this year, January nineteen ninety-seven."""
    month = MONTHS[words(m["mon"]).rstrip(".")]
    if m["y"]:
        y = _year_of(m["y"], ctx.dct)
        if y is None:
            return None
        return "DATE", f"{y:04d}-{month:02d}", None
    if ctx.dct is None:
        return "DATE", f"XXXX-{month:02d}", None
    y = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[words(m["rel"])]
    return "DATE", f"{y:04d}-{month:02d}", PUB


def month(m: re.Match[str], ctx: Context) -> Found | None:
    """February, last March, early June (publication year, moved by modifier or tense)."""
    month_ = MONTHS[words(m["mon"])]
    if ctx.dct is None:
        return "DATE", f"XXXX-{month_:02d}", None
    rel = words(m["rel"])
    if rel in ("last", "this past"):
        y = ctx.dct.year if month_ < ctx.dct.month else ctx.dct.year - 1
    elif rel in ("next", "this coming"):
        y = ctx.dct.year if month_ > ctx.dct.month else ctx.dct.year + 1
    elif rel == "this":
        y = ctx.dct.year
    else:
        y = year_for(ctx.dct, month_, None, ctx.direction())
    return "DATE", f"{y:04d}-{month_:02d}", PUB


def year(m: re.Match[str], ctx: Context) -> Found | None:
    """2016, fiscal 1989, early 1991, mid-1990."""
    return "DATE", m["y"], None


def year_period(m: re.Match[str], ctx: Context) -> Found | None:
    """the 1988 period, the 1988 quarter: the story's reporting quarter (or half) in that year (1988-Q3).

    Financial news compares a reporting period with the same one a year before; the period is the one the
    story is about (its reference time), so "the 1988 quarter" after "the third quarter" is 1988-Q3.
    """
    p = parse_point(ctx.ref) if ctx.ref else None
    if p is not None and p[0] in ("Q", "H"):
        return "DATE", m["y"] + fmt(p[0], p[1])[4:], NARR
    if words(m["per"]) == "quarter":
        return "DATE", f"{m['y']}-QX", None
    return "DATE", m["y"], None


def spelled_year(m: re.Match[str], ctx: Context) -> Found | None:
    """nineteen ninety-one, two thousand and one."""
    rest = number(m["yy"]) if m["yy"] else 0.0
    if rest is None or rest >= 100 or rest != int(rest):
        return None
    base = 1900 if words(m["c"]).startswith("nineteen") else 2000
    return "DATE", f"{base + int(rest):04d}", None


_TENS_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
               "eighties": 8, "nineties": 9}  # fmt: skip


def decade(m: re.Match[str], ctx: Context) -> Found | None:
    """the 1990s -> 199, the '90s, the nineties."""
    if m["dd"]:
        return "DATE", m["dd"], None
    digit = int(m["d2"]) if m["d2"] else _TENS_WORDS[words(m["tens"])]
    century = 19 if (m["dw"] or ctx.dct is None or digit > (ctx.dct.year % 100) // 10) else ctx.dct.year // 100
    return "DATE", f"{century}{digit}", None if m["dd"] or m["dw"] else (PUB if ctx.dct else None)


def century(m: re.Match[str], ctx: Context) -> Found | None:
    """the 20th century -> 19, this century."""
    if m["rel"]:
        if ctx.dct is None:
            return "DATE", "XX", None
        c = ctx.dct.year // 100 + {"this": 0, "last": -1, "previous": -1, "next": 1}[words(m["rel"])]
        return "DATE", f"{c:02d}", PUB
    n = int(m["n"]) if m["n"] else ORDINALS[words(m["nw"])]
    return "DATE", f"{n - 1:02d}", None


def _quarter_year(q: int, ctx: Context) -> tuple[int | None, str | None]:
    if ctx.dct is None:
        p, _ = narrative(ctx)
        return (p[1].year, NARR) if p else (None, None)
    y = ctx.dct.year
    if 3 * q - 2 > ctx.dct.month and ctx.tense() != "future":
        y -= 1  # a quarter that has not begun yet is last year's, unless the clause looks ahead
    return y, PUB


def quarter(m: re.Match[str], ctx: Context) -> Found | None:
    """the third quarter, third-quarter, the fourth quarter of 1990, this year's first quarter."""
    word = words(m["q"])
    q = ORDINALS[word]
    whole = words(m.group(0))
    if m["y1"] or m["y2"]:
        y2 = words(m["y2"])
        if m["y1"] or y2[:1].isdigit():
            return "DATE", f"{m['y1'] or m['y2']}-Q{q}", None
    if ctx.dct is not None and ("year's" in whole or "year" in words(m["y2"])):
        y = ctx.dct.year + (-1 if "last year" in whole else 1 if "next year" in whole else 0)
        return "DATE", f"{y}-Q{q}", PUB
    if word == "last" and whole.startswith("last"):
        if ctx.dct is None:
            return "DATE", "XXXX-QX", None
        return "DATE", fmt("Q", shift("Q", floor("Q", ctx.dct), -1)), PUB
    if "year-earlier" in whole or "year-ago" in whole:
        qy, anchor = _quarter_year(q, ctx)
        return "DATE", f"{qy - 1}-Q{q}" if qy else f"XXXX-Q{q}", anchor
    qy, anchor = _quarter_year(q, ctx)
    return "DATE", f"{qy}-Q{q}" if qy else f"XXXX-Q{q}", anchor


def half(m: re.Match[str], ctx: Context) -> Found | None:
    """the first half of 1990, the second half (of this year)."""
    h = 1 if words(m["h"]) == "first" else 2
    if m["y"]:
        return "DATE", f"{m['y']}-H{h}", None
    if ctx.dct is None:
        return "DATE", f"XXXX-H{h}", None
    y = ctx.dct.year + {"last": -1, "next": 1}.get(words(m["rel"]), 0)
    return "DATE", f"{y}-H{h}", PUB


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def season(m: re.Match[str], ctx: Context) -> Found | None:
    """last summer, the spring of 1991, this fall."""
    code = SEASONS[words(m["s"])]
    if m["y"]:
        y = _year_of(m["y"], ctx.dct)
        return ("DATE", f"{y:04d}-{code}", None) if y is not None else None
    rel = words(m["rel"])
    if rel in ("that", "the following", "the previous"):
        p, anchor = narrative(ctx)
        if p is None:
            return "DATE", f"XXXX-{code}", None
        start, y = _SEASON_START[code], p[1].year
        if rel == "the following":
            y = y if p[0] not in ("Y", "DE", "CE") and start > p[1].month else y + 1
        elif rel == "the previous":
            y = y if p[0] not in ("Y", "DE", "CE") and start < p[1].month else y - 1
        return "DATE", f"{y}-{code}", anchor
    if ctx.dct is None:
        return "DATE", f"XXXX-{code}", None
    start = _SEASON_START[code]
    y = ctx.dct.year
    if rel in ("last", "this past", "past"):
        y = y if ctx.dct.month >= start + 3 else y - 1
    elif rel in ("next", "coming", "this coming"):
        y = y if ctx.dct.month < start else y + 1
    elif rel != "this":
        tense = ctx.tense()
        if tense is None and not m["edge"]:
            return "DATE", f"XXXX-{code}", None  # "we go there in the summer": any summer, no calendar value
        if tense == "past" and ctx.dct.month < start:
            y -= 1
        elif tense == "future" and ctx.dct.month >= start + 3:
            y += 1
    return "DATE", f"{y}-{code}", PUB


# ---------------------------------------------------------------- days, weekdays and clock times


def part_of_day(word: str | None) -> str:
    """TIMEX3 part-of-day suffix of a word ("morning" -> TMO), empty when none."""
    return {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}.get(words(word), "")


def relday(m: re.Match[str], ctx: Context) -> Found | None:
    """today, yesterday, tomorrow, tonight, this morning, last night, yesterday afternoon."""
    word = words(m["w"])
    pod = part_of_day(m["pod"] or m["pod2"])
    offset = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2}.get(word, 0)
    if m["this"] and words(m["this"]) == "last":
        offset = -1 if m["pod"] and words(m["pod"]) == "night" else offset
        if words(m["pod"]) != "night":
            return None  # "last morning" is not an expression
    if word == "tonight":
        pod = "TNI"
    if ctx.dct is None:
        if word == "today" and not pod:
            return "DATE", "PRESENT_REF", None
        return ("TIME" if pod else "DATE"), f"XXXX-XX-XX{pod}", None
    value = (ctx.dct + timedelta(days=offset)).isoformat() + pod
    return ("TIME" if pod else "DATE"), value, PUB


WILL_BEFORE = re.compile(r"\b(?:will|shall|is to|are to)\b[^.;:!?]*$|'ll\b[^.;:!?]*$", re.IGNORECASE)
"""A future auxiliary shortly before a weekday ("will meet on Friday in the week ahead")."""


def _weekday_value(wd: int, rel: str, ctx: Context) -> tuple[str, str | None]:
    if rel in ("the previous", "the following"):
        p, anchor = narrative(ctx)
        if p is None or p[0] != "D":
            return f"XXXX-WXX-{wd}", None
        direction = "past" if rel == "the previous" else "future"
        return weekday_date(p[1], wd, direction, strict=True).isoformat(), anchor
    if ctx.dct is None:
        return f"XXXX-WXX-{wd}", None
    if rel in ("last", "this past", "past"):
        return weekday_date(ctx.dct, wd, "past", strict=True).isoformat(), PUB
    if rel in ("next", "this coming", "coming"):
        return weekday_date(ctx.dct, wd, "future", strict=True).isoformat(), PUB
    direction = "future" if ctx.tense() == "future" else "past"
    # "will meet on Friday" written on a Friday is next Friday (today would be "today"); "said Friday" is today, and so
    # is a weekday whose future cue is weaker than an auxiliary just before it ("signed a cooperation plan Friday")
    strict = direction == "future" and bool(WILL_BEFORE.search(ctx.text[max(0, ctx.start - 40) : ctx.start]))
    return weekday_date(ctx.dct, wd, direction, strict=strict).isoformat(), PUB


def weekday(m: re.Match[str], ctx: Context) -> Found | None:
    """Tuesday, last Tuesday, next Friday, Tuesday morning (resolved against publication, by tense)."""
    wd = WEEKDAYS[words(m["wd"])]
    value, anchor = _weekday_value(wd, words(m["rel"]), ctx)
    # TimeBank types "Tuesday morning" DATE far more often than TIME; the value keeps the part of day
    return "DATE", value + part_of_day(m["pod"]), anchor


def weekday_set(m: re.Match[str], ctx: Context) -> Found | None:
    """every Monday, Mondays -> XXXX-WXX-1; (Monday and) Tuesday nights -> XXXX-WXX-1TNI, XXXX-WXX-2TNI."""
    wd = WEEKDAYS[words(m["wd1"] or m["wd2"] or m["wd3"])]
    return "SET", f"XXXX-WXX-{wd}{part_of_day(m['pod'] or m['pods'] or m['podc'])}", None


def _clock(s: str) -> str | None:
    s = words(s)
    if s.startswith("noon"):
        return "12:00"
    if s.startswith("midnight"):
        return "24:00"
    mm = re.match(r"^(\d{1,2})(?:[:.](\d\d))?", s)
    if not mm:
        return None
    h, minute = int(mm.group(1)), int(mm.group(2) or 0)
    if len(mm.group(1)) == 2 and re.match(r"^\d{4}\b", s):  # 0735 GMT
        h, minute = int(s[:2]), int(s[2:4])
    pm = re.search(r"\bp\.?\s?m\b|\d\s*p\.?m|in the (?:afternoon|evening)", s)
    am = re.search(r"\ba\.?\s?m\b|\d\s*a\.?m|in the morning", s)
    if pm and h < 12:
        h += 12
    if am and h == 12:
        h = 0
    if h > 24 or minute > 59:
        return None
    return f"{h:02d}:{minute:02d}"


def time(m: re.Match[str], ctx: Context) -> Found | None:
    """at 3 p.m., 10:35 a.m. EDT, 9 a.m. Tuesday, noon (on the story's current day, else publication)."""
    g = m.groupdict()
    clock = _clock(m["clock"])
    if clock is None:
        return None
    day_word = words(g.get("day"))
    anchor: str | None
    if (g.get("mon") and g.get("d")) or (g.get("mon2") and g.get("d2")):
        mon, d = (m["mon"], m["d"]) if g.get("mon") else (m["mon2"], m["d2"])
        _, day, anchor = _month_day(mon, _day(d), None, ctx) or ("DATE", "XXXX-XX-XX", None)
    elif g.get("wd"):
        day, anchor = _weekday_value(WEEKDAYS[words(m["wd"])], "", ctx)
    elif day_word:
        offset = {"yesterday": -1, "tomorrow": 1}.get(day_word, 0)
        day, anchor = ((ctx.dct + timedelta(days=offset)).isoformat(), PUB) if ctx.dct else ("XXXX-XX-XX", None)
    else:
        p, anchor = narrative(ctx)
        day = p[1].isoformat() if p and p[0] == "D" else ("XXXX-XX-XX" if ctx.dct is None else ctx.dct.isoformat())
        anchor = anchor if p and p[0] == "D" else (PUB if ctx.dct else None)
    return "TIME", f"{day}T{clock}", anchor


def pod(m: re.Match[str], ctx: Context) -> Found | None:
    """the morning, that night, overnight, midday (a part of the story's current day); mid-afternoon yesterday."""
    w = words(m["w"])
    code = next((v for k, v in (("overnight", "NI"), ("midday", "MI"), ("afternoon", "AF"), ("morning", "MO"),
                                ("evening", "EV"), ("night", "NI")) if k in w), "")  # fmt: skip
    if m["day"]:  # the day is named: publication's, moved by yesterday / tomorrow
        if ctx.dct is None:
            return "TIME", f"XXXX-XX-XXT{code}", None
        day = ctx.dct + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(words(m["day"]), 0))
        return "TIME", f"{day.isoformat()}T{code}", PUB
    p, anchor = narrative(ctx)
    if p is None or p[0] != "D":
        if ctx.dct is None:
            return "TIME", f"XXXX-XX-XXT{code}", None
        p, anchor = ("D", ctx.dct), PUB
    d = p[1] + timedelta(days=1) if w.startswith("the next") else p[1]
    return "TIME", f"{d.isoformat()}T{code}", anchor
