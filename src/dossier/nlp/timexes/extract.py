"""Time expressions normalized to TIMEX3 values, anchored to publication and story time.

``extract_timexes(text, published=...)`` scans for trigger words (numbers, months, units...), runs the
compiled rules of :mod:`.timex_patterns` only around them, drops the matches that are numbers or names
rather than times ("$2,016", "1990 votes", "the daily Kommersant", CBS's "60 Minutes", a 6-year-old
boy), keeps the longest non-overlapping ones and normalizes them in reading order
(:mod:`.timex_normalize`, :mod:`.timex_relative`), carrying the story's reference time from one
expression to the next ("In 2016 ... The following year" -> 2017).

Rules worth knowing (TempEval-3 / TimeBank conventions where they exist):
- a month and day without a year take their occurrence nearest publication; a tense cue in the sentence
  picks its side when that occurrence is within nine months. With publication 2023-03-10, "on February
  24th" in a past-tense sentence is 2023-02-24; nothing is resolved by world knowledge. Without a
  publication date it stays ``XXXX-02-24``: month names are deictic and do not borrow the narrative year.
- weekdays resolve against publication: past tense (or no cue) -> the latest such day on or before it,
  future -> the next on or after it; "last"/"next" skip publication day itself.
- anaphoric phrases (the following year, a year later, that day, the previous month) use the story time:
  the last resolved date before them; backward comparisons ("a year earlier", "the year-ago quarter")
  do not move it, and beside a quarter they compare that quarter a year back (1988-Q3).
- "now" -> PRESENT_REF, "recently" / "in recent years" -> PAST_REF, "the near future" -> FUTURE_REF;
  durations are P3Y, PT48H, P10Y (a decade), P2Y6M; sets are typed SET (every Monday -> XXXX-WXX-1,
  annually -> P1Y, "three times a year" -> P1Y); a rate of an amount ("$5 a year", "358,000 a month") is no
  time expression.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date

from ...model import Entity, Timex
from .. import lexicons
from . import normalize as absolute
from . import relative
from .calendar import parse_date
from .normalize import Context, Found
from .patterns import DIGIT_RULES, MONTHS, RULES, TOKEN, TRIGGERS, WEEKDAYS, WINDOW

__all__ = ["extract_timexes", "surnames_of"]

_TEMPORAL_BEFORE = re.compile(
    r"(?:\b(?:in|since|until|till|by|of|from|to|through|during|before|after|between|and|or|early|late|mid|"
    r"circa|around|about|fiscal|year|the|this|last|next|spring|summer|fall|autumn|winter|than|on|for|"
    r"[A-Z][a-z]+\.?(?:\s+\d{1,2},)?)|[(\-–—/'])\s*$"
)
_QUANTITY_BEFORE = re.compile(
    r"(?:\b(?:about|some|nearly|almost|over|under|than|only|just|around|approximately|roughly|least|most|"
    r"total|of|the|all|another|additional|extra|No|no|number|Nos?|Room|Flight|flight|route|Route|page|"
    r"Highway|highway|Interstate|model|Model|Boeing|Airbus|type|code|version|ISO|Windows|PS|Apollo|"
    r"Article|article|Section|section|Rule|rule|Resolution|resolution|Lot|Unit|unit|Gate|gate)|[$€£#@+]|\d[,.])\s*$"
)
_NOUN_AFTER = re.compile(
    r"^[\s-]*(?:[a-z]+s\b(?<!\bwas)(?<!\bhas)(?<!\bis)(?<!\bthis)(?<!\bas)(?<!\bits)(?<!\bus)(?<!\bplus)"
    r"(?<!\bless)(?<!\bunless)(?<!\bwhereas)(?<!\bcrisis)(?<!\bthus)(?<!\bsaw)|people|men|women|children|"
    r"persons|feet|foot|metres|meters|miles|km|kilometers|kilometres|kg|tons|tonnes|pounds|dollars|euros|"
    r"yen|yuan|rubles|acres|hectares|calories|cc|mm|square|cubic|troops|soldiers|residents|"
    r"(?:[A-Z][a-z]+\s+)?(?:St|Street|Ave|Avenue|Road|Rd|Boulevard|Blvd|Lane|Drive|Place|Park|Way)\b)"
)
_PERCENT_AFTER = re.compile(r"^\s*(?:%|percent|per\s+cent|pc\b|bn\b|m\b|million|billion|points?\b)", re.I)


_YEAR_TITLE_OK = lexicons.words("words_timexes", list="extract._YEAR_TITLE_OK")


def _keep_year(text: str, start: int, end: int, y: int) -> bool:
    """Is the 4-digit number at text[start:end] a year rather than a count, amount or code?"""
    before = text[max(0, start - 25) : start]
    after = text[end : end + 30]
    if re.search(r"(?<!\d)(?:1\d|20)\d\d\s*[-–/]\s*$", before):
        return True  # the end of a range of years: "2014-2016"
    if _PERCENT_AFTER.match(after) or re.search(r"[\d,.]$|\d[/-]$|[$€£#]\s*$", before):
        return False
    if re.match(r"^\s*[-–/]\s*(?:\d\d|(?:1\d|20)\d\d)\b(?![-/.]\d)", after):
        return True  # the start of a range or season of years: "1990-91", "2022/23", "2014-2016"
    if _QUANTITY_BEFORE.search(before) and not re.search(r"\b(?:of|the|than|around|about)\s*$", before):
        return False
    if re.search(r"\b(?:about|some|nearly|almost|than|around|over)\s*$", before) and _NOUN_AFTER.match(after):
        return False
    if _NOUN_AFTER.match(after) and not _TEMPORAL_BEFORE.search(before):
        return False
    name = re.search(r"(?:^|[^.!?;:\s]\s*)\b([A-Z][A-Za-z]+)\s+$", before)
    if name and name.group(1).lower() not in _YEAR_TITLE_OK:
        return False  # part of a name: "Euro 2016", "Orion 1980", "Vision 2030"
    if y < 1500 and not re.search(r"\b(?:in|since|of|by|until|from|year|to|AD|BC|circa|c\.)\s*$", before):
        return False
    return not re.match(r"^\s*(?:[-/]\s*\d{1,3}\b(?!-)|\.\d|:\d|x\s*\d)", after)


_NEWSPAPER_AFTER = re.compile(
    r"^\s*(?:newspaper|paper|magazine|journal|tabloid|publication|broadsheet|edition|show|news\b|[A-Z])"
)


_TITLE_WORDS = re.compile(
    r"\b(?:Minutes?|Hours?|Days?|Week|Weekend|Month|Year|Today|Tonight|Tomorrow|Noon|Now|Morning)\b"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s*[\"“‘'`(]*|\n)\s*[\"“‘'`(]*$")


def _is_title(m: re.Match[str], text: str, start: int) -> bool:
    """Title Case unit words mid-sentence name a show or paper ("60 Minutes", ABC's "This Week", VOA Today)."""
    words = m.group(0).split()
    if not _TITLE_WORDS.search(m.group(0)) or any(w.islower() for w in words):
        return False
    return not _SENTENCE_START.search(text[max(0, start - 4) : start]) or any(w[0].isupper() for w in words[1:])


_PERSON_AFTER = re.compile(
    r"^\s*(?:[\w-]+\s+){0,2}?(?:boys?|girls?|m[ae]n|wom[ae]n|sons?|daughters?|child|children|kids?|bab(?:y|ies)|"
    r"infants?|toddlers?|teen(?:ager)?s?|students?|mother|father|mom|dad|wife|husband|brother|sister|"
    r"grand(?:mother|father|son|daughter)|persons?|people|residents?|protesters?|suspects?|victims?|drivers?|"
    r"players?|act(?:or|ress)|singers?|stars?|pilots?|officers?|soldiers?|business(?:man|woman)|workers?|"
    r"patients?|(?:girl|boy)friend|nephew|niece|cousin|pensioner|citizens?|members?|activists?|leaders?|"
    r"veterans?|natives?|immigrants?|refugees?|migrants?|gunman|striker|midfielder|defender|goalkeeper|"
    r"forward|winger|champion|rookie|model|writer|author|director|executive|chairman|president|rapper|"
    r"musician|doctor|nurse|teacher|lawyer|journalist|reporter|widow(?:er)?|twins?|fans?|youths?)\b",
    re.I,
)


_THING_AFTER = re.compile(
    r"^\s*(?:[\w-]+\s+){0,2}?(?:company|firm|business|building|house|church|cathedral|bridge|law|ban|truce|"
    r"ceasefire|treaty|record|tradition|dispute|conflict|war|feud|rivalry|regime|policy|embargo|system|"
    r"institution|organi[sz]ation|party|brand|landmark|monument|tree|ship|plant|reactor|car|aircraft|plane)\b",
    re.I,
)


def _thing_age(m: re.Match[str], after: str) -> bool:
    """Is "N-year-old" the age of a thing ("the 850-year-old landmark"), which TimeBank marks, not a person's?

    People's ages ("a 44-year-old engineer", "the 6-year-old") are left out, as TimeBank leaves them: a
    year-age up to 120 counts only before a word for a thing; other ages unless a person noun follows.
    """
    if not re.match(r"^\s+[a-z]", after) or _PERSON_AFTER.match(after):
        return False
    n = m["n"].replace(",", "")
    if m["u"].lower().startswith("year") and (not n.isdigit() or int(n) <= 120):
        return bool(_THING_AFTER.match(after))
    return True


def _keep(name: str, m: re.Match[str], text: str) -> bool:
    """Context checks a match must pass before it competes with the others."""
    start, end = m.span()
    before = text[max(0, start - 30) : start]
    after = text[end : end + 30]
    if name in ("duration", "relunit", "relday", "clock", "fuzzy", "time") and _is_title(m, text, start):
        return False
    if name == "year":
        return _keep_year(text, m.start("y"), m.end("y"), int(m["y"]))
    if name in ("mdy", "dmy", "month_year") and re.match(r"^\s*[-–]\s*\d", after):
        return name != "mdy"  # "May 5-7": keep the month, not a half-range
    if name == "month":
        mon = m["mon"]
        if not mon[0].isupper():
            return False
        if mon in ("May", "March", "August") and not (m["edge"] or m["rel"]):
            return bool(
                re.search(
                    r"\b(?:in|since|until|till|by|of|from|to|through|during|before|after|early|late|mid|"
                    r"last|next|this|and|or|between|the|a|its)\s*$",
                    before,
                    re.I,
                )
            )
        return True
    if name == "spelled_year":
        return bool(m["yy"]) or m.group(0).lower().startswith("the year")
    if (
        name == "offset"
        and m["dir"].lower() in ("later", "earlier")
        and re.match(r"^(?:a\s+few|few|several|many|some|a\s+number\s+of|numerous)$", m["n"].lower())
    ):
        return False  # "a few days later": TimeBank marks the duration, not a date
    if (
        name == "offset"
        and m["dir"].lower() in ("later", "earlier")
        and re.match(r"^(?:hours?|minutes?|seconds?)$", m["u"].lower())
    ):
        return False  # "an hour later": no calendar date to give, so the duration (PT1H) as TimeBank marks it
    if name == "season" and not (m["rel"] or m["y"] or m["edge"]):
        if re.match(r"^\s+of\b", after):
            return False
        if m.group(0).lower().startswith("the") and m["s"].lower() in ("summer", "winter"):
            return True
        return bool(re.search(r"\b(?:in|during|since|until|by|over|through|throughout|for|all|each|every)\s*$", before))
    if name == "set" and m["adv"]:
        if m.group(0)[0].isupper() and not re.search(r"(?:^|[.!?]\s+|\n)$", before):
            return False
        if re.match(r"^\s+[A-Z]", after) and re.search(r"\b[A-Z][\w.]*\s+$", before):
            return False  # "the Communist Party daily Granma": a paper between a name and its title
        return not (_NEWSPAPER_AFTER.match(after) and re.search(r"\b(?:the|a|an)\s*$", before))
    if name == "duration":
        u = m["u"].lower()
        n = re.sub(r"\s+", " ", m["n"].lower())
        if u.startswith("second") and n in ("a", "an", "one"):
            return False  # "a second time"
        if u.startswith("quarter") and (re.match(r"^\s+of\b", after) or n in ("a", "an", "one")):
            return False  # "three quarters of the vote"
        if re.search(r"[\d,.]$", before):
            return False  # part of a bigger number
        if (m["adj"] or "").lower() == "-old" or re.match(r"^(?:-olds?\b|\s+old\b)", after):
            return (m["adj"] or "").lower() == "-old" and _thing_age(m, after)
        if re.match(r"^\d{4}$", n) and 1500 <= int(n) <= 2099 and not u.endswith("s"):
            return False  # "2010 Year" is a year, not 2010 years
    if name == "fuzzy":
        w = m.group(0).lower()
        if w == "now" and re.match(r"^-", after):
            return False
        if w == "current" and re.match(r"^\s*(?:account|affairs|events|assets|liabilities)", after):
            return False
    if name == "weekday" and re.match(
        r"^\s+(?:and|or)\s+[A-Z][a-z]+day\s+(?:morning|afternoon|evening|night)s\b", after
    ):
        return False  # "Monday and Tuesday nights": a set, like the day it is coordinated with
    return not (name == "relday" and re.search(r"\bUSA\s*$", before))  # "USA Today"


NORMALIZERS: dict[str, Callable[[re.Match[str], Context], Found | None]] = {
    "iso": absolute.iso, "numeric": absolute.numeric, "iso_slash": absolute.iso_slash, "dotted": absolute.iso_slash,
    "qcode": absolute.qcode, "fiscal_code": absolute.fiscal_code, "mdy": absolute.mdy, "dmy": absolute.dmy,
    "month_year": absolute.month_year, "month": absolute.month, "year": absolute.year,
    "year_period": absolute.year_period,
    "spelled_year": absolute.spelled_year, "decade": absolute.decade, "century": absolute.century,
    "quarter": absolute.quarter, "half": absolute.half, "season": absolute.season, "relday": absolute.relday,
    "weekday": absolute.weekday, "weekday_set": absolute.weekday_set, "time": absolute.time, "clock": absolute.time,
    "pod": absolute.pod, "relunit": relative.relunit, "offset": relative.offset, "year_ago": relative.year_ago,
    "duration": relative.duration_, "vague_duration": relative.vague_duration, "set": relative.set_,
    "fraction": relative.fraction, "rate": relative.rate,
    "fuzzy": relative.fuzzy, "unit_adj": relative.unit_adj, "holiday": relative.holiday_,
}  # fmt: skip
"""Rule name (:data:`.timex_patterns.RULES`) -> its normalizer."""


def _comparison(name: str, m: re.Match[str]) -> bool:
    """A comparison ("a year ago", "the year-earlier quarter", "the 1988 period") does not move the story's time."""
    if name in ("year_ago", "year_period"):
        return True
    return name == "offset" and m["dir"].lower() in ("ago", "earlier") and m["u"].lower().startswith("year")


_DETERMINER_BEFORE_HYPHEN = re.compile(r"(?:(?:the|a|an|its|their)\s+)+(?=[\w.]+-quarter\b)", re.I)


def _trimmed_start(name: str, m: re.Match[str]) -> int:
    """TimeBank leaves determiners out of hyphenated modifiers: "a [third-quarter] loss", "the [third-quarter]"."""
    if name == "quarter":
        lead = _DETERMINER_BEFORE_HYPHEN.match(m.group(0))
        if lead:
            return m.start() + lead.end()
    return m.start()


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """Per rule, the merged stretches of text around its trigger words: the only places it can match."""
    left, right = WINDOW
    out: dict[str, list[tuple[int, int]]] = {}
    n = len(text)
    for tok in TOKEN.finditer(text):
        word = tok.group()
        rules = DIGIT_RULES if word[0].isdigit() else TRIGGERS.get(word.lower())
        if not rules:
            continue
        lo, hi = max(0, tok.start() - left), min(n, tok.end() + right)
        for rule in rules:
            spans = out.setdefault(rule, [])
            if spans and lo <= spans[-1][1]:
                spans[-1] = (spans[-1][0], hi)
            else:
                spans.append((lo, hi))
    return out


_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'”’)\]]+", re.IGNORECASE)


_MONTH_PREPS = lexicons.words("words_timexes", list="extract._MONTH_PREPS")  # fmt: skip
"""Words before a bare month name that make it the month ("in May", "since March")."""


def _a_name(name: str, m: re.Match[str], text: str, surnames: frozenset[str]) -> bool:
    """A bare month name that is someone's name ("Trump and May last met": Theresa May) or a title's word
    ("the March Without Borders")."""
    if name != "month" or m["edge"] or m["rel"]:
        return False
    word = m["mon"]
    before = re.findall(r"[\w']+", text[max(0, m.start() - 20) : m.start()])
    prev = before[-1].lower() if before else ""
    listed = prev in ("and", "or") and len(before) > 1 and before[-2].lower() in MONTHS  # "April and May"
    if word in surnames and prev not in _MONTH_PREPS and not listed:
        return True
    nxt = re.match(r"\s+([A-Z][a-z]+)", text[m.end() : m.end() + 30])
    return prev == "the" and nxt is not None and nxt.group(1).lower() not in WEEKDAYS


def surnames_of(entities: Iterable[Entity]) -> frozenset[str]:
    """Last words of the people an article names in full (for ``extract_timexes``'s ``surnames``)."""
    return frozenset(e.name.split()[-1] for e in entities if e.type == "PERSON" and " " in e.name)


def extract_timexes(text: str, *, published: str | None = None, surnames: frozenset[str] = frozenset()) -> list[Timex]:
    """TIMEX3 expressions in ``text``; relative ones resolved against ``published`` or the story's time.

    ``published`` is an ISO date (``YYYY-MM-DD``, a longer timestamp is cut to the day). Offsets index
    ``text``. Without ``published``, deictic expressions keep X for what they cannot know. ``surnames`` are
    the last words of the article's people: a bare "May" among them is Theresa May, not the month.
    """
    dct: date | None = parse_date(published) if published else None
    candidates: list[tuple[int, int, int, str, re.Match[str]]] = []
    windows = _windows(text)
    for order, (name, pattern) in enumerate(RULES):
        seen: set[int] = set()
        for lo, hi in windows.get(name, ()):
            for m in pattern.finditer(text, lo, hi):
                if m.end() > m.start() and m.start() not in seen and _keep(name, m, text):
                    if _a_name(name, m, text, surnames):
                        continue
                    seen.add(m.start())
                    candidates.append((_trimmed_start(name, m), m.end(), order, name, m))
    chosen: list[tuple[int, int, int, str, re.Match[str]]] = []
    taken = bytearray(len(text))  # characters already inside a chosen expression (linear, not pairwise)
    for url in _URL.finditer(text):  # "…/world/2024/mar/12/…" is an address, not a date in the story
        taken[url.start() : url.end()] = b"\x01" * (url.end() - url.start())
    for cand in sorted(candidates, key=lambda c: (c[0] - c[1], c[2], c[0])):
        if not any(taken[cand[0] : cand[1]]):
            chosen.append(cand)
            taken[cand[0] : cand[1]] = b"\x01" * (cand[1] - cand[0])
    out: list[Timex] = []
    ref: str | None = None
    ref_at = -1
    for start, end, _, name, m in sorted(chosen):
        found = NORMALIZERS[name](m, Context(text, start, end, dct, ref, ref_at))
        if found is None:
            continue
        kind, value, anchor = found
        value = _named_before(out, text[start:end], value)
        out.append(Timex(text=text[start:end], start=start, end=end, type=kind, value=value, anchor=anchor))
        if name in ("mdy", "dmy") and _FULL_DAY.match(value):
            out.extend(_second_day(text, out[-1], taken))
        if kind in ("DATE", "TIME") and value[:4].isdigit() and not _comparison(name, m):
            ref, ref_at = value, start
    return out


_FULL_DAY = re.compile(r"^(\d{4})-(\d\d-\d\d)")
_AND_DAY = re.compile(
    r"\s+(?:and|or|&)\s+(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b(?![,.:]\d)(?=\s*(?:$|[^\w\s%]|[A-Z]|"
    r"(?:in|at|on|to|for|of|and|or|when|as|with|the|from|during|this|last|next|is|was|were|are|will)\b))"
)
"""A second day after a month and day ("April 24 and 25."), not a count ("May 5 and 6 people")."""


def _second_day(text: str, first: Timex, taken: bytearray) -> list[Timex]:
    """The day coordinated with a month and day ("April 24 and 25"): a date of its own in the same month."""
    m = _AND_DAY.match(text, first.end)
    if m is None or any(taken[m.start("d") : m.end()]):
        return []
    y, mo, d = int(first.value[:4]), int(first.value[5:7]), int(m["d"])
    try:
        day = date(y, mo, d)
    except ValueError:
        return []
    if d <= int(first.value[8:10]):
        return []  # "May 5 and 3 other days": not a later day of the same month
    return [Timex(text=text[m.start("d") : m.end()], start=m.start("d"), end=m.end(), type="DATE",
                  value=day.isoformat(), anchor=first.anchor)]  # fmt: skip


def _named_before(earlier: list[Timex], text: str, value: str) -> str:
    """A month and day without a year ("At that same Feb. 8 meeting") that the story named in full before ("a Feb. 8,
    2017, encounter") is that day, not the one nearest publication."""
    m = _FULL_DAY.match(value)
    if m is None or re.search(r"\d{4}|'\d\d", text):
        return value
    for t in reversed(earlier):
        full = _FULL_DAY.match(t.value)
        if full and full[2] == m[2] and full[1] != m[1] and re.search(r"\d{4}", t.text):
            return full[1] + value[4:]
    return value
