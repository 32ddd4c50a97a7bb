"""Normalizers for relative periods, durations, sets, vague references and holidays.

The counterpart of :mod:`.timex_normalize` (absolute dates, days and clock times); the anchoring rules
are the same and are described there.
"""

from __future__ import annotations

import re

from .calendar import HOLIDAYS, duration, floor, fmt, holiday, nearest, parse_point, shift
from .normalize import (
    FINENESS,
    NARR,
    PUB,
    UNIT_GRAN,
    Context,
    Found,
    narrative,
    number,
    part_of_day,
    unit_code,
    words,
)
from .patterns import MONTHS, SEASONS

# ---------------------------------------------------------------- relative periods


_DEICTIC = {"the full": 0, "this": 0, "last": -1, "next": 1, "past": -1, "coming": 1, "this past": -1, "this coming": 1,
            "current": 0, "the current": 0, "upcoming": 1, "the coming": 1}  # fmt: skip
_ANAPHORIC = {"the following": 1, "the next": 1, "the previous": -1, "the prior": -1, "the same": 0, "that": 0,
              "that same": 0, "the very same": 0,
              "the preceding": -1}  # fmt: skip


def relunit(m: re.Match[str], ctx: Context) -> Found | None:
    """this week, last month, next year, the following year, that year, earlier this month, the quarter."""
    rel = words(m["rel"])
    u = words(m["u"])
    edge = words(m["edge"])
    if u == "period":
        if rel in ("the latest", "latest", "the most recent"):
            return _latest_quarter(ctx)  # "the latest period": the reporting quarter a results story is about
        p = parse_point(ctx.ref) if ctx.ref else None
        if p is None or p[0] != "Q" or rel in ("this", "next", "coming", "past", "last", "the past", "the last"):
            return None
        return "DATE", fmt("Q", p[1]), NARR
    gran = {"week": "W", "weekend": "W", "month": "M", "year": "Y", "quarter": "Q", "decade": "DE",
            "century": "CE", "fiscal year": "Y", "day": "D"}[u]  # fmt: skip
    if u == "day" and rel not in _ANAPHORIC:
        return None  # "the day", "this day": not a calendar day of their own
    if rel == "the" and u in ("year", "fiscal year") and not edge:
        after = ctx.text[ctx.end : ctx.end + 12].lower()
        if re.match(r"\s+end(?:ed|ing)\b", after):
            return "DURATION", "P1Y", None  # "the year ended Sept. 30": a fiscal year as a span
        if ctx.dct is not None and re.search(r"\b(?:for|in)\s*$", ctx.text[max(0, ctx.start - 6) : ctx.start].lower()):
            return "DATE", str(ctx.dct.year), PUB  # "for the year": the current (reporting) year
    if rel in ("the past", "the last") and not edge and ctx.dct is not None and gran != "D":
        # "over the past year": TimeBank (and HeidelTime) mark the previous calendar unit, a DATE
        return "DATE", fmt(gran, shift(gran, floor(gran, ctx.dct), -1)), PUB
    if rel == "the" and not edge:
        if u == "fiscal year":
            return "DURATION", "P1Y", None
        if u == "quarter":
            return _latest_quarter(ctx)
        if u != "weekend":
            return None  # "the year", "the week": too often not a time expression of their own
    if rel in ("the latest", "latest", "the most recent") and u == "quarter":
        return _latest_quarter(ctx)
    suffix = "-WE" if u == "weekend" else ""
    if rel in _ANAPHORIC or (rel == "the" and edge and not ctx.dct):
        p, anchor = narrative(ctx)
        if p is None:
            return "DATE", {"W": "XXXX-WXX", "M": "XXXX-XX", "Q": "XXXX-QX"}.get(gran, "XXXX") + suffix, None
        if FINENESS.get(gran, 0) > FINENESS.get(p[0], 0):  # "the next day" after a bare year: day unknown
            return "DATE", f"{p[1].year:04d}" + {"W": "-WXX", "M": "-XX", "D": "-XX-XX"}.get(gran, "") + suffix, anchor
        return "DATE", fmt(gran, shift(gran, floor(gran, p[1]), _ANAPHORIC.get(rel, 0))) + suffix, anchor
    if ctx.dct is None:
        return "DATE", {"W": "XXXX-WXX", "M": "XXXX-XX", "Q": "XXXX-QX"}.get(gran, "XXXX") + suffix, None
    if rel == "the" and u == "weekend" and not edge:
        n = 0 if ctx.dct.isoweekday() >= 6 or ctx.tense() == "future" else -1
        return "DATE", fmt("W", shift("W", floor("W", ctx.dct), n)) + suffix, PUB
    n = _DEICTIC.get(rel, 0)
    if u == "weekend" and rel in ("last", "past", "this past") and ctx.dct.isoweekday() == 7:
        n = 0 if rel != "last" else -1
    return "DATE", fmt(gran, shift(gran, floor(gran, ctx.dct), n)) + suffix, PUB


def _latest_quarter(ctx: Context) -> Found | None:
    p = parse_point(ctx.ref) if ctx.ref else None
    if p is not None and p[0] == "Q":
        return "DATE", fmt("Q", p[1]), NARR
    if ctx.dct is None:
        return "DATE", "XXXX-QX", None
    return "DATE", fmt("Q", shift("Q", floor("Q", ctx.dct), -1)), PUB


def offset(m: re.Match[str], ctx: Context) -> Found | None:
    """two weeks ago (publication), three years later / a year earlier (the story's time)."""
    n = number(m["n"])
    unit = unit_code(m["u"])
    direction = words(m["dir"])
    gran = UNIT_GRAN.get(unit)
    if gran is None:  # hours and minutes: a point we cannot place on the calendar
        return ("DATE", "PAST_REF" if direction == "ago" else "FUTURE_REF", None)
    if n is None:
        return "DATE", "PAST_REF" if direction in ("ago", "earlier") else "FUTURE_REF", None
    sign = 1 if direction in ("later", "from now", "hence") else -1
    steps = round(n * (2 if unit == "2W" else 1)) * sign
    if direction in ("ago", "from now", "hence"):
        if ctx.dct is None:
            return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None
        base, anchor = ("D", ctx.dct), PUB
        p = parse_point(ctx.ref) if ctx.ref else None
        if gran == "Y" and steps == -1 and p is not None and p[0] == "Q":
            base = p  # "a year ago" beside a quarter compares the same quarter (TimeBank's financial news)
    else:
        p0, anchor = narrative(ctx)
        if p0 is None:
            return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None
        if FINENESS.get(gran, 0) > FINENESS.get(p0[0], 0) and p0[0] in ("Y", "DE", "CE"):
            # "two months later" after a bare "2016": the month is not known ("the next day" keeps the year too)
            return "DATE", f"{p0[1].year:04d}" + {"M": "-XX", "W": "-WXX", "D": "-XX-XX"}.get(gran, ""), anchor
        base = p0
    if base[0] == "Q" and gran == "Y":
        return "DATE", fmt("Q", shift("Y", base[1], steps)), anchor
    return "DATE", fmt(gran, shift(gran, floor(gran, base[1]), steps)), anchor


def year_ago(m: re.Match[str], ctx: Context) -> Found | None:
    """year-earlier, the year-ago quarter, the quarter a year ago, last year's quarter: the compared quarter."""
    p = parse_point(ctx.ref) if ctx.ref else None
    if p is not None and p[0] in ("Q", "H", "M"):
        return "DATE", fmt(p[0], shift("Y", p[1], -1)), NARR
    if ctx.dct is None:
        return "DATE", "XXXX", None
    what = words(m["what"] or m["what2"] or m["what3"])
    if what.endswith("quarter"):  # no quarter under discussion: the latest reported one, a year back
        return "DATE", fmt("Q", shift("Y", shift("Q", floor("Q", ctx.dct), -1), -1)), PUB
    return "DATE", str(ctx.dct.year - 1), PUB


# ---------------------------------------------------------------- durations, sets, vague references

_AMOUNT_BEFORE = re.compile(
    r"(?:\d|percent|%|million|billion|trillion|dollars?|cents?|euros?|pounds?|times|twice)\W*$", re.I
)


_SOMEDAY = re.compile(r"^(?:one|some)\s+day$")
_SOMEDAY_BEFORE = re.compile(
    r"\b(?:will|would|could|might|may|can|shall|should|must|to|hope[sd]?|I|we|you|he|she|they|it)\s*$|'ll\s*$",
)


def _someday(ctx: Context) -> bool:
    """Whether "one day" / "some day" here is a time to come ("will one day be", "Some day she will return")."""
    if ctx.text[ctx.start : ctx.end].lower().startswith("some"):
        return not re.search(r"\b(?:for|a|per|each|every)\s*$", ctx.text[max(0, ctx.start - 8) : ctx.start], re.I)
    return _SOMEDAY_BEFORE.search(ctx.text[max(0, ctx.start - 8) : ctx.start]) is not None


def duration_(m: re.Match[str], ctx: Context) -> Found | None:
    """three years -> P3Y, 48 hours -> PT48H, a decade -> P10Y, the past two weeks, 30-year, nearly an hour."""
    if _SOMEDAY.match(words(m.group(0))) and _someday(ctx):
        return "DATE", "FUTURE_REF", None  # "Islam will one day be ...": an unnamed future time, not a length
    n = number(m["n"])
    if n is not None and m["half"]:
        n += 0.5  # "a year and a half"
    unit = unit_code(m["u"])
    raw_n = words(m["n"])
    if raw_n in ("a", "an") and _AMOUNT_BEFORE.search(ctx.text[max(0, ctx.start - 25) : ctx.start]):
        if not re.search(r"\b(?:times|twice)\W*$", ctx.text[max(0, ctx.start - 12) : ctx.start], re.I):
            return None  # "$5 a year", "358,000 a month": a rate of an amount, not a time (TimeML leaves rates out)
        return "SET", duration(1, unit), None  # "three times a year": a frequency
    return "DURATION", duration(n, unit), None


_FRACTIONS = {"quarter": 0.25, "half": 0.5, "third": 1 / 3, "three quarters": 0.75, "three-quarters": 0.75}
_UNIT_SIZE = {"century": (100, "Y"), "decade": (10, "Y"), "year": (12, "M"), "month": (30, "D"), "week": (7, "D"),
              "day": (24, "H"), "hour": (60, "TM")}  # fmt: skip


def fraction(m: re.Match[str], ctx: Context) -> Found | None:
    """a quarter of a century -> P25Y, half a decade -> P5Y, half a year -> P6M, half an hour -> PT30M."""
    share = _FRACTIONS[words(m["f"])]
    size, unit = _UNIT_SIZE[words(m["u"])]
    n = size * share
    if n != int(n):
        return "DURATION", duration(None, unit), None
    return "DURATION", duration(int(n), unit), None


def rate(m: re.Match[str], ctx: Context) -> Found | None:
    """seven days a week -> one SET every week (P1W), 24 hours a day -> P1D: a frequency, not two durations."""
    return "SET", duration(1, unit_code(m["per"])), None


def vague_duration(m: re.Match[str], ctx: Context) -> Found | None:
    """recent years, the next few days, coming weeks, for years, decades of -> PXY, PXD, PXW."""
    word = m["u"] or m["u2"] or m["u3"] or m["u4"] or m["u5"]
    if not m["det"] and (m["q"] or "").lower() == "recent":
        return "DATE", "PAST_REF", None  # "in recent years": TimeBank's (and HeidelTime's) PAST_REF
    return "DURATION", duration(None, unit_code(word)), None


_ADVERB_SETS = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
    "hourly": "PT1H", "quarterly": "P3M", "nightly": "P1D", "biweekly": "P2W", "semiannually": "P6M",
}  # fmt: skip


def set_(m: re.Match[str], ctx: Context) -> Found | None:
    """every Monday, each year -> P1Y, annually -> P1Y, daily -> P1D, every two weeks -> P2W, each July -> XXXX-07."""
    if m["adv"]:
        adv = words(m["adv"])
        if adv in _ADVERB_SETS:
            return "SET", _ADVERB_SETS[adv], None
        return "SET", duration(1, unit_code(adv.split()[-1])), None
    if m["mon"]:  # "each July": TimeML's set of Julys, XXXX-07
        return "SET", f"XXXX-{MONTHS[words(m['mon'])]:02d}", None
    if m["ssn"]:
        return "SET", f"XXXX-{SEASONS[words(m['ssn'])]}", None
    u = words(m["u"])
    if u in ("morning", "night", "evening"):
        return "SET", f"XXXX-XX-XX{part_of_day(u)}", None
    n = number(m["n"]) if m["n"] else 1.0
    if m["other"]:
        n = (n or 1) * 2
    return "SET", duration(n, unit_code(u)), None


_FUZZY = {"future": "FUTURE_REF", "soon": "FUTURE_REF", "as soon as possible": "FUTURE_REF", "near term": "FUTURE_REF",
          "short term": "FUTURE_REF", "long term": "FUTURE_REF", "recent": "PAST_REF", "recently": "PAST_REF",
          "lately": "PAST_REF", "past": "PAST_REF", "previously": "PAST_REF", "formerly": "PAST_REF",
          "once upon a time": "PAST_REF"}  # fmt: skip


def fuzzy(m: re.Match[str], ctx: Context) -> Found | None:
    """now / currently -> PRESENT_REF, recently / the past / then-current -> PAST_REF, soon / the future ->
    FUTURE_REF."""
    w = words(m.group(0))
    if w.startswith("then"):
        return "DATE", "PAST_REF", None  # "the then-current price": current at a past time
    value = next((v for k, v in _FUZZY.items() if w.endswith(k) or w.startswith(k)), "PRESENT_REF")
    return "DATE", value, None


def unit_adj(m: re.Match[str], ctx: Context) -> Found | None:
    """year-end (this year), year-long (P1Y), day-long (P1D)."""
    w = words(m["w"]) if m["w"] else "end"
    u = words(m["u"] or "year")
    unit = unit_code(u)
    if w in ("long", "old"):
        return "DURATION", duration(1, unit), None
    if ctx.dct is None:
        return "DATE", "XXXX", None
    gran = UNIT_GRAN.get(unit, "Y")
    return "DATE", fmt(gran, ctx.dct), PUB


def holiday_(m: re.Match[str], ctx: Context) -> Found | None:
    """Christmas, last Thanksgiving, Election Day 1998, Easter week (US observances where they differ)."""
    name = words(m["h"])
    if name not in HOLIDAYS:
        return None
    gran = "W" if m["week"] else "D"
    suffix = "-WE" if m["end"] else ""  # "Easter weekend"
    if m["y"]:
        return "DATE", fmt(gran, holiday(name, int(m["y"]))) + suffix, None
    if ctx.dct is None:
        rule = HOLIDAYS[name]
        return (
            "DATE",
            (f"XXXX-{rule[0]:02d}-{rule[1]:02d}" if isinstance(rule, tuple) and gran == "D" else "XXXX"),
            None,
        )
    later = _YEAR_AFTER.match(ctx.text, ctx.end)
    if later and not m["rel"]:  # "Bastille Day ceremonies last year": that year's, whatever the tense
        y = ctx.dct.year + {"last": -1, "next": 1}.get(later["rel"].lower(), 0)
        return "DATE", fmt(gran, holiday(name, y)) + suffix, PUB
    day = nearest(ctx.dct, lambda y: holiday(name, y), words(m["rel"]), ctx.tense())
    return "DATE", fmt(gran, day) + suffix, PUB


_YEAR_AFTER = re.compile(r"(?:\s+[a-z][\w-]*){0,2}?\s+(?P<rel>last|next|this)\s+year\b(?!'s)", re.IGNORECASE)
"""A year named just after a holiday and the words for its occasion ("Christmas parties last year")."""
