"""The vocabulary and compiled regular expressions that find time expressions.

Each rule is a named regex; :mod:`dossier.nlp.timexes` runs them all, keeps the longest non-overlapping
matches and hands each to the normalizer registered under the same name. Extents follow TimeBank's
conventions: determiners and modifiers ("the", "last", "early", "nearly") are inside, prepositions ("in",
"on", "at") are outside.
"""

from __future__ import annotations

import re

from .. import lexicons
from .calendar import HOLIDAYS

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
"""Month names and their abbreviations -> month number."""

WEEKDAYS: dict[str, int] = {
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3, "thursday": 4,
    "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5, "saturday": 6, "sat": 6, "sunday": 7, "sun": 7,
}  # fmt: skip
"""Weekday names -> ISO weekday (Monday = 1)."""

NUMBERS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "one hundred": 100, "a thousand": 1000, "one thousand": 1000, "thousand": 1000, "a dozen": 12, "dozen": 12,
    "half a": 0.5, "half an": 0.5, "a half": 0.5, "one and a half": 1.5, "a couple of": 2, "couple of": 2,
    "a couple": 2, "a pair of": 2,
}  # fmt: skip
"""Number words (vague quantities such as "several" are in VAGUE)."""

VAGUE = ("a few", "few", "several", "many", "some", "a number of", "numerous", "countless", "dozens of",
         "hundreds of", "thousands of", "a couple more", "more")  # fmt: skip
"""Quantities that leave the number unknown: "several years" -> PXY."""

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "twenty-second": 22, "twenty-third": 23, "twenty-fourth": 24, "twenty-fifth": 25,
    "twenty-sixth": 26, "twenty-seventh": 27, "twenty-eighth": 28, "twenty-ninth": 29, "thirtieth": 30,
    "thirty-first": 31, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "final": 4, "last": 4,
}  # fmt: skip
"""Ordinal words (for days of the month, quarters and centuries)."""

UNITS: dict[str, str] = {
    "second": "S", "minute": "TM", "hour": "H", "day": "D", "night": "D", "week": "W", "fortnight": "2W",
    "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE", "centurie": "CE",
    "millennium": "ML", "millennia": "ML", "weekend": "WE", "trading day": "D", "business day": "D",
    "working day": "D",
}  # fmt: skip
"""Unit words (singular stems) -> internal unit codes."""

SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
"""Season words -> TIMEX3 season codes."""

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI", "midday": "MI",
    "mid-afternoon": "AF", "mid afternoon": "AF", "noon": "12:00", "midnight": "24:00",
}  # fmt: skip
"""Parts of the day -> TIMEX3 suffixes (T + code)."""


def _wordset(text: str) -> frozenset[str]:
    """The words of a space-separated list (long vocabularies read best as text)."""
    return frozenset(re.findall(r"[\w']+", text))


def _phrases(text: str) -> list[str]:
    """The items of a comma-separated list of phrases."""
    return [p.strip() for p in text.split(",") if p.strip()]


def _alt(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of words as a character trie: Python's engine then tries one branch per letter
    instead of every word at every position (three times faster on news text). Greedy, so longer words win
    at a position; the caller's boundary assertion makes the engine backtrack to shorter ones."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in words:
        node = trie
        for ch in w.lower():
            node = node.setdefault(ch, {})
        node[""] = {}
    return f"(?:{_emit(trie)})"


def _emit(node: dict) -> str:  # type: ignore[type-arg]
    branches = [(r"\s+" if ch == " " else re.escape(ch)) + _emit(sub) for ch, sub in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


_FULL_MONTHS = [m for m in MONTHS if len(m) > 3 and m != "sept"]
_ABBREVIATIONS = [m for m in MONTHS if len(m) <= 4 and m != "may"]
MONTH = rf"(?:{_alt(_FULL_MONTHS)}|(?-i:May)|(?:{_alt(_ABBREVIATIONS)})\.?)"
"""A month name or abbreviation (abbreviations only where a day or year follows: see the rules)."""
MONTH_FULL = rf"(?:{_alt(_FULL_MONTHS)}|(?-i:May))"
WEEKDAY = rf"(?:{_alt([w for w in WEEKDAYS if len(w) > 4])})"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
DAY_WORD = (
    rf"(?:{_alt([o for o in ORDINALS if not o[0].isdigit() and ORDINALS[o] <= 31 and o not in ('final', 'last')])})"
)
YEAR = r"(?:1[0-9]\d\d|20\d\d)(?![\d,.]\d)"
_NUM_WORDS = [w for w in NUMBERS if w not in ("a", "an")]
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
NUM = (
    rf"(?:\d+(?:[.,]\d+)?(?:\s+\d/\d)?|(?:{_TENS})[-\s](?:{_ONES})|{_alt(_NUM_WORDS)}"
    rf"|(?:{_alt(_NUM_WORDS)}|an?)\s+and\s+a\s+half|{_alt(VAGUE)}|an?(?=\s)|(?:\d+|{_alt(_NUM_WORDS)})\s+(?:to|or|and)\s+(?:\d+|{_alt(_NUM_WORDS)}))"
)
"""A quantity: digits, number words, vague words or a range ("two to three")."""
UNIT = rf"(?:{_alt([u for u in UNITS if u not in ('centurie', 'millennia')])}|centuries|millennia)"
UNIT_PL = rf"(?:{_alt([u for u in UNITS if u not in ('millennia', 'centurie')])})s|centuries|millennia"
APPROX = (
    r"(?:about|around|approximately|roughly|nearly|almost|some|over(?=\s+an?\s)|more\s+than|less\s+than|"
    r"fewer\s+than|at\s+least|at\s+most|up\s+to|no\s+more\s+than|no\s+less\s+than|barely|well\s+over|"
    r"just\s+over|just\s+under|the\s+better\s+part\s+of|as\s+many\s+as|as\s+much\s+as|an\s+additional|"
    r"another|a\s+further|a\s+full|the\s+full|a\s+whole)"
)
"""Modifiers TimeBank keeps inside a duration's extent ("nearly three years")."""
EDGE = r"(?:early|late|mid|the\s+(?:beginning|start|end|middle|close|turn)\s+of(?:\s+the)?)"
"""Edge modifiers kept inside the extent ("early 1991", "the end of the month")."""
REL = (
    r"(?:this\s+past|this\s+coming|this|last|next|past|coming|previous|following|same|very\s+same|current|latest|full|"
    r"recent|prior|upcoming)"
)
TZ = r"(?:[ECMP][SD]?T|GMT|UTC|BST|CET|CEST|EET|MSK|JST|local\s+time|Moscow\s+time|Eastern|Pacific)"
SPELLED_YEAR = (
    rf"(?:nineteen|two\s+thousand(?:\s+and)?)\s+(?:(?:{_TENS})(?:[-\s](?:{_ONES}))?|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine)"
)
"""A year said in words, as transcripts of broadcasts write it: "nineteen ninety-four", "two thousand and one"."""
CLOCK = (
    r"(?:(?:[01]?\d|2[0-3]):[0-5]\d\s*(?:[ap]\.\s?m\.?|[ap]m\b)?|(?:1[0-2]|0?[1-9])(?:\.[0-5]\d)?\s*(?:[ap]\.\s?m\.?|[ap]m\b)"
    r"|(?:[01]\d|2[0-3])[0-5]\d(?=\s+(?:GMT|UTC|[ECMP][SD]T)\b)|noon|midnight|(?:1[0-2]|0?[1-9])\s+o'clock"
    rf"|(?:1[0-2]|0?[1-9])(?=\s+in\s+the\s+(?:morning|afternoon|evening)))(?:\s+{TZ}\b)?(?:\s+in\s+the\s+"
    r"(?:morning|afternoon|evening))?"
)
"""A clock time: 3 p.m., 15:30, 10:35 a.m. EDT, 0735 GMT, noon, 4 in the morning."""


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_B = r"(?<![\w$€£#])"  # a left word boundary that also refuses currency and numbering signs
_E = r"(?![\w%])"

RULES: list[tuple[str, re.Pattern[str]]] = [
    (
        "iso",
        _c(rf"{_B}(?P<y>\d{{4}})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:[T\s](?P<H>[0-2]\d):(?P<M>[0-5]\d)(?::\d\d)?Z?)?{_E}"),
    ),
    ("numeric", _c(r"(?<![\w/.-])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d{4}|\d\d)(?![\w/]|\.\d)")),
    ("iso_slash", _c(r"(?<![\w/.-])(?P<y>(?:1[89]|20)\d\d)/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?![\w/]|\.\d)")),
    ("dotted", _c(r"(?<![\w/.-])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:1[89]|20)\d\d)(?![\w/]|\.\d)")),
    ("qcode", re.compile(r"(?<![\w-])(?:Q(?P<q>[1-4])|H(?P<h>[12]))(?:(?:\s+|-|/)?(?P<y>(?:19|20)\d\d|'\d\d))?\b")),
    ("fiscal_code", re.compile(r"(?<![\w-])FY\s?(?P<y>(?:19|20)\d\d|'?\d\d)\b")),
    (
        "mdy",
        _c(
            rf"{_B}(?:(?P<wk>the\s+week\s+of)\s+)?(?:(?P<wd>{WEEKDAY}),?\s+)?(?:(?P<edge>{EDGE})\s+)?(?P<mon>{MONTH})\s+"
            rf"(?:the\s+)?(?P<d>{DAY}|{DAY_WORD})(?:(?:,\s*|\s+)(?P<y>{YEAR}|'\d\d))?(?![\w,]\d|\s*%|\s*-\s*\d)"
        ),
    ),
    (
        "dmy",
        _c(
            rf"{_B}(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>{DAY}|{DAY_WORD})(?:\s+of)?\s+(?P<mon>{MONTH})"
            rf"(?:,?\s+(?P<y>{YEAR}))?{_E}"
        ),
    ),
    (
        "month_year",
        _c(
            rf"{_B}(?:(?P<edge>{EDGE})[\s-]+)?(?P<mon>{MONTH})(?:,?\s+(?:of\s+)?(?P<y>{YEAR}|'\d\d|{SPELLED_YEAR})"
            rf"|\s+(?:of\s+)?(?P<rel>this|last|next)\s+year){_E}"
        ),
    ),
    (
        "month",
        _c(
            rf"{_B}(?:(?P<edge>{EDGE})[\s-]+)?(?:(?P<rel>this\s+past|this\s+coming|this|last|next)\s+)?(?P<mon>{MONTH_FULL}){_E}"
        ),
    ),
    (
        "year",
        _c(rf"{_B}(?:(?P<edge>{EDGE}|post|pre)[\s-]+)?(?:(?P<fy>fiscal|the\s+year|calendar)\s+)?(?P<y>{YEAR}){_E}"),
    ),
    ("year_period", _c(rf"{_B}the\s+(?P<y>{YEAR})\s+(?P<per>period|quarter){_E}")),
    (
        "spelled_year",
        _c(
            rf"{_B}(?:the\s+year\s+)?(?P<c>nineteen|two\s+thousand(?:\s+and)?)(?:\s+(?P<yy>(?:{_TENS})(?:[-\s](?:{_ONES}))?|{_alt(_NUM_WORDS)}))?{_E}"
        ),
    ),
    (
        "decade",
        _c(
            rf"{_B}(?:the\s+)?(?:(?P<edge>{EDGE})[\s-]+)?(?:(?P<dd>1\d\d|20\d)0'?s|'(?P<d2>\d)0'?s"
            rf"|(?P<dw>nineteen\s+)?(?P<tens>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)){_E}"
        ),
    ),
    (
        "century",
        _c(
            rf"{_B}(?:the\s+)?(?:(?P<edge>{EDGE})[\s-]+)?(?:(?P<rel>this|last|next|previous)|(?P<n>\d{{1,2}})(?:st|nd|rd|th)"
            rf"|(?P<nw>{DAY_WORD}))[\s-]+century{_E}"
        ),
    ),
    (
        "quarter",
        _c(
            rf"{_B}(?:(?:the|this\s+year's|last\s+year's|next\s+year's|(?P<y1>{YEAR})|fiscal|a|an|"
            r"year-earlier|year-ago|comparable|same|flat|current|latest)[\s-]+){0,3}"
            rf"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|final|last)[\s-]+(?:fiscal[\s-]+)?quarter"
            rf"(?:\s+of\s+(?:fiscal\s+)?(?P<y2>{YEAR}|this\s+year|last\s+year|next\s+year))?{_E}"
        ),
    ),
    (
        "half",
        _c(
            rf"{_B}(?:the\s+)?(?P<h>first|second|last|latter)\s+half\s+of\s+(?:the\s+)?(?:(?P<y>{YEAR})"
            r"|(?P<rel>this|last|next)\s+year|(?P<yr>year))\b"
        ),
    ),
    (
        "season",
        _c(
            rf"{_B}(?:the\s+)?(?:(?P<edge>early|late|mid)[\s-]+)?(?:(?P<rel>this\s+past|this\s+coming|this|last|next|"
            r"past|coming|that|the\s+following|the\s+previous)\s+)?"
            rf"(?P<s>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<y>{YEAR}|{SPELLED_YEAR}))?{_E}"
        ),
    ),
    (
        "relday",
        _c(
            r"\b(?:(?P<edge>early|late|earlier|later)\s+)?(?:(?P<w>today|tonight|yesterday|tomorrow|"
            r"the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)|(?P<this>this|last)\s+(?P<pod>morning|"
            r"afternoon|evening|night))(?:\s+(?P<pod2>morning|afternoon|evening|night))?\b"
        ),
    ),
    (
        "weekday",
        _c(
            rf"{_B}(?:(?:early|late)\s+(?={WEEKDAY}))?(?:(?P<rel>this\s+past|this\s+coming|last|next|this|coming|"
            rf"past|the\s+previous|the\s+following)\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<pod>morning|afternoon|"
            r"evening|night)(?!s))?\b"
        ),
    ),
    (
        "weekday_set",
        _c(
            rf"{_B}(?:(?:every|each)\s+(?P<wd1>{WEEKDAY})|(?P<wd2>{WEEKDAY})s)(?:\s+(?P<pod>morning|afternoon|evening|night)s?)?\b"
            rf"|{_B}(?P<wd3>{WEEKDAY})(?:\s+(?P<pods>morning|afternoon|evening|night)s\b|(?=\s+(?:and|or)\s+{WEEKDAY}\s+"
            r"(?P<podc>morning|afternoon|evening|night)s\b))"
        ),
    ),
    (
        "time",
        _c(
            rf"(?<![\w:.$])(?P<clock>{CLOCK})(?:,?\s+(?:on\s+)?(?P<day>today|yesterday|tomorrow|(?P<wd>{WEEKDAY})"
            rf"(?:,?\s+(?P<mon>{MONTH})\s+(?P<d>{DAY}))?|(?P<mon2>{MONTH})\s+(?P<d2>{DAY})))?(?![\w:])"
        ),
    ),
    (
        "holiday",
        _c(
            rf"{_B}(?:(?P<rel>last|next|this|this\s+past|this\s+coming)\s+)?(?P<h>{_alt(list(HOLIDAYS))})"
            rf"(?:\s+(?P<y>{YEAR}))?(?:\s+(?P<week>week(?P<end>end)?))?(?!\w)"
        ),
    ),
    ("clock", _c(rf"(?<![\w:.$])(?P<clock>{CLOCK})(?![\w:])")),
    (
        "pod",
        _c(
            r"\b(?P<w>overnight|midday|mid-?\s?afternoon|(?:the|that|this)\s+(?:morning|afternoon|evening|night)(?!\s+(?:of|the|when|that|before|after)\b)"
            r"|(?:early|late)\s+(?:morning|afternoon|evening)|the\s+next\s+(?:morning|evening|night))"
            r"(?:\s+(?P<day>yesterday|today|tomorrow))?\b"
        ),
    ),
    (
        "relunit",
        _c(
            rf"\b(?:(?P<edge>early|late|earlier|later|{EDGE})\s+(?:in\s+)?)?(?P<rel>(?:the\s+)?{REL}|that(?:\s+same)?|the|this)"
            rf"\s+(?P<u>week|weekend|month|year|quarter|decade|century|fiscal\s+year|period|day)(?!-)\b"
        ),
    ),
    (
        "offset",
        _c(
            rf"{_B}(?:{APPROX}\s+)?(?P<n>{NUM})[\s-]+(?:more\s+)?(?P<u>{UNIT}|{UNIT_PL})\s+(?:or\s+so\s+)?(?P<dir>ago\b|(?:earlier|later|from\s+now|hence)(?!\s+than\b)\b)"
        ),
    ),
    (
        "year_ago",
        _c(
            r"\b(?:the\s+)?(?:(?:comparable|same|corresponding)\s+)?(?P<w>year[-\s]earlier|year-ago|year\s+ago)(?:\s+(?P<what>quarter|period|third\s+quarter|second\s+quarter|first\s+quarter|fourth\s+quarter|month|level))?\b"
            r"|\b(?:the\s+)?(?:(?:comparable|same|corresponding)\s+)?(?P<what2>quarter|period)\s+(?:a\s+year\s+(?:ago|earlier)|"
            r"(?:of\s+|in\s+)?last\s+year(?!'))\b|\blast\s+year's\s+(?P<what3>quarter|period)\b"
        ),
    ),
    (
        "duration",
        _c(
            rf"{_B}(?:{APPROX}\s+)?(?:(?:the|a|its|their)\s+(?=(?:past|last|next|first|coming|previous|following|latest|"
            rf"final|initial|remaining|prior|ensuing|same)\b)|the\s+(?=[\w.,]+(?:\s+\w+)?\s+(?:{UNIT_PL})\b))?(?:(?P<span>past|last|next|first|coming|previous|following|latest|final|"
            rf"initial|remaining|prior|ensuing|same)\s+)?(?:{APPROX}\s+)?(?P<n>{NUM})[\s-]+(?:more\s+|additional\s+|full\s+|straight\s+|consecutive\s+)?"
            rf"(?P<u>{UNIT_PL}|{UNIT})(?P<half>\s+and\s+a\s+half)?(?P<adj>-(?:long|old))?(?:\s+or\s+so)?(?:\s+period)?{_E}"
        ),
    ),
    (
        "fraction",
        _c(
            rf"{_B}(?:(?:a|one)\s+)?(?P<f>quarter|half|third|three[\s-]quarters)[\s-]+(?:of[\s-]+)?(?:a|an|the)[\s-]+"
            rf"(?P<u>century|decade|year|month|week|day|hour){_E}"
        ),
    ),
    (
        "rate",
        _c(rf"{_B}(?P<n>{NUM})\s+(?P<u>{UNIT_PL}|nights|times)\s+(?:a|per|each)\s+(?P<per>week|day|month|year){_E}"),
    ),
    (
        "vague_duration",
        _c(
            rf"\b(?:(?P<det>the\s+)?(?P<q>past|last|next|coming|recent|previous|following|few|several|many|"
            rf"ensuing)\s+(?:few\s+|several\s+|many\s+|couple\s+of\s+)?(?P<u>{UNIT_PL})(?:\s+ahead)?|(?<!early\s)(?<!first\s)(?<!small\s)(?P<u2>decades|centuries|years|months|weeks|days|hours|minutes)"
            rf"(?=\s+(?:of|ago|earlier|later|before|after)\b)|(?:(?<=\bfor\s)|(?<=\bin\s)|(?<=\bwithin\s)|(?<=\bover\s))(?P<u3>(?:the\s+)?{UNIT_PL})|(?P<u4>decades|years|centuries)-(?:long|old)|the\s+(?P<u5>{UNIT_PL})\s+ahead)\b"
        ),
    ),
    (
        "set",
        _c(
            rf"\b(?:(?P<every>every|each|per)\s+(?:(?P<other>other)\s+)?(?:(?P<n>{NUM})\s+)?(?P<u>{UNIT}|{UNIT_PL}|morning|night|evening)"
            rf"|(?:every|each)\s+(?:(?P<mon>{MONTH_FULL})|(?P<ssn>spring|summer|fall|autumn|winter))(?![\w-]|\s+\d)"
            r"|(?P<adv>daily|weekly|monthly|annually|yearly|hourly|quarterly(?=\s*[.,;]|$)|nightly|biweekly|semiannually|twice\s+a\s+"
            r"(?:year|month|week|day)|once\s+a\s+(?:year|month|week|day)))\b"
        ),
    ),
    (
        "fuzzy",
        _c(
            r"\b(?:right\s+now|just\s+now|now|currently|(?:then[\s-]+)?current(?!\s+(?:account|affairs|events|assets|liabilities|"
            r"density|flow|account|of))|nowadays|these\s+days|at\s+present|at\s+the\s+moment|presently|"
            r"(?:more\s+|most\s+)?recently|recent|lately|"
            r"the\s+(?:recent|distant)\s+past|the\s+past(?!\s+(?:\w+\s+)?(?:year|month|week|day|decade|century|quarter|"
            r"hour|minute|few|several|two|three|four|five|six|seven|eight|nine|ten|\d))|"
            r"(?:the\s+(?:near|distant|foreseeable|immediate)\s+|the\s+)future|as\s+soon\s+as\s+possible|"
            r"the\s+(?:near|short|long)\s+term|once\s+upon\s+a\s+time)\b"
        ),
    ),
    ("unit_adj", _c(rf"{_B}(?P<u>year|month|week|day|quarter)-(?P<w>end|long)\b|\byear'?s?\s+end\b")),
]
"""(rule name, compiled pattern), every one normalized by the function of the same name."""

PAST_WORDS = _wordset(
    "was were had did said told ago last earlier previously been came went took began made saw left fell "
    "rose won lost met held gave got became brought bought sold paid found thought ran struck spoke wrote "
    "knew grew drew threw flew led fled fought caught sent spent built kept felt heard stood sought chose "
    "broke swore stole wore woke froze shook forgave overtook withdrew undertook"
)
"""Words that put a clause in the past (tense heuristic without a parser); regular "-ed" verbs count too."""
NOT_PAST_ED = _wordset(
    "need needed indeed proceed succeed exceed feed seed speed breed bleed embed shed red bed wed hundred "
    "united limited based related"
)
"""Words ending in -ed that are no past-tense verb (or are too often adjectives)."""
FUTURE_WORDS = lexicons.words("words_timexes", list="patterns.FUTURE_WORDS")
"""Words that put a clause in the future (plus the pairs in FUTURE_PAIRS and a trailing 'll)."""
FUTURE_PAIRS = frozenset(
    tuple(p.split())
    for p in _phrases(
        "going to, is to, are to, scheduled to, expected to, expects to, expect to, plans to, set to, "
        "intends to, intend to, planning to, would be, hopes to, hope to, aims to, aim to, to begin, "
        "to start, to meet, to vote, be held, due to"
    )
)
"""Two-word future cues."""
PLAN_WORDS = _wordset(
    "planned planning plans plan scheduled schedule expected expects expect postponed delayed deadline hopes "
    "hope hoped intends intend intended promised vowed effective tipped slated earmarked pencilled penciled "
    "adjourned adjourn deferred defer rescheduled reschedule"
)
"""Words that look ahead only for what follows them ("planned a rally on Saturday" -> the coming Saturday)."""
PLAN_PAIRS = frozenset([("as", "soon"), ("as", "early"), ("agreed", "to"), ("set", "for"), ("due", "on")])
"""Two-word plan cues ("as soon as Tuesday", "agreed to meet on Friday")."""
CUE_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
"""A word, for the tense scan."""
SENTENCE_END = re.compile(r"[.!?;:]\s+(?=[A-Z\"“‘'(])|\n")
"""Where a sentence (or clause) ends, for the tense window."""


def _triggers() -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """Which rules a word can start: each rule runs only in windows around its trigger words (speed)."""
    table: dict[str, set[str]] = {}

    def add(words: object, *rules: str) -> None:
        for w in words:  # type: ignore[attr-defined]
            table.setdefault(str(w), set()).update(rules)

    units = [u for u in UNITS if " " not in u] + ["centuries", "millennia", "period"]
    units += [u + "s" for u in units]
    add(units, "duration", "offset", "vague_duration", "set", "relunit", "year_ago", "unit_adj", "quarter", "half",
        "month_year", "century", "spelled_year", "relday", "fraction", "rate")  # fmt: skip
    add(["times"], "rate")
    add(MONTHS, "mdy", "dmy", "month_year", "month", "time")
    add(["may"], "mdy", "dmy", "month_year", "month", "time")
    add([w + "s" for w in WEEKDAYS] + list(WEEKDAYS), "weekday", "weekday_set", "time", "mdy", "dmy")
    add([o for o in ORDINALS if not o[0].isdigit()], "dmy", "mdy", "quarter", "half", "century")
    add(["twenty", "thirty"], "dmy", "mdy")
    add(
        ["today", "tonight", "yesterday", "tomorrow", "morning", "afternoon", "evening", "night"],
        "relday",
        "pod",
        "time",
    )
    add(["overnight", "midday", "mid", "afternoon", "morning", "evening", "night", "nights", "mornings"], "pod", "set",
        "weekday_set")  # fmt: skip
    add(SEASONS, "season")
    add(["nineteen", "thousand"], "spelled_year")
    add(["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"], "decade")
    add(["half"], "half")
    add(["daily", "weekly", "monthly", "annually", "yearly", "hourly", "quarterly", "nightly", "biweekly",
         "semiannually", "every", "each", "per"], "set")  # fmt: skip
    add(["now", "currently", "current", "nowadays", "days", "present", "moment", "presently", "recently", "recent",
         "lately", "past", "future", "possible", "term", "upon"], "fuzzy")  # fmt: skip
    add(["noon", "midnight", "clock"], "time", "clock")
    add({w for h in HOLIDAYS for w in re.findall(r"\w+", h) if w not in ("day", "s", "st", "eve", "new", "year")},
        "holiday")  # fmt: skip
    # every other rule also needs a word (a month, a unit, "quarter"...), which triggers it
    add(["q1", "q2", "q3", "q4", "h1", "h2"], "qcode")
    add(["fy"] + [f"fy{y}" for y in range(1990, 2040)], "fiscal_code")
    return {k: frozenset(v) for k, v in table.items()}, frozenset(
        ["iso", "numeric", "iso_slash", "dotted", "year", "year_period", "decade", "time", "clock", "qcode"]
    )


TRIGGERS, DIGIT_RULES = _triggers()
"""Lower-cased word -> the rules it can take part in; the rules a number can take part in."""
TOKEN = re.compile(r"\w+")
"""A word or number, for the trigger scan."""
WINDOW = (80, 80)
"""How far a rule's match may reach left and right of its trigger word (longest extents are ~70 chars)."""
