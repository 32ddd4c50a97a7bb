"""Calendar arithmetic on TIMEX3 values: parse, shift and format points at their granularity.

A point is ``(granularity, date)``: ``Y`` year, ``Q`` quarter, ``H`` half, ``M`` month, ``W`` ISO week,
``D`` day, ``DE`` decade, ``CE`` century. The date is the first day of the period, so shifting and
formatting never depend on the day inside it.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

Point = tuple[str, date]
"""A calendar period: its granularity code and its first day."""

_VALUE = re.compile(
    r"^(?P<y>\d{4})(?:-(?:Q(?P<q>[1-4])|H(?P<h>[12])|W(?P<w>\d\d?)(?:-(?P<wd>[1-7]))?|(?P<m>[01]\d)"
    r"(?:-(?P<d>[0-3]\d))?)|-(?P<s>SP|SU|FA|WI))?(?:T.*|-WE)?$"
)
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")


def parse_date(value: str) -> date | None:
    """The day a publication date names: ISO (``2023-03-10``, ``2023-03-10T08:15Z``) or, through dateparser,
    an absolute form with a four-digit year ("March 10, 2023", "Fri, 10 Mar 2023 08:15:00 +0000").

    Relative strings ("yesterday") are refused rather than resolved against the clock.
    """
    m = re.match(r"^\s*(\d{4})-(\d{2})-(\d{2})", value or "")
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    if not re.search(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)", value or "") or re.search(
        r"(?i)\b(?:ago|yesterday|today|tomorrow|now|last|next|this)\b", value
    ):
        return None
    import dateparser  # lazy: only odd publication dates pay for its import

    parsed = dateparser.parse(value, settings={"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "MDY"})
    return parsed.date() if parsed else None


def parse_point(value: str) -> Point | None:
    """A resolved TIMEX3 date value as a point, or None for REF values, durations and X-parts."""
    m = _VALUE.match(value)
    if m:
        y = int(m.group("y"))
        try:
            if m.group("d"):
                return "D", date(y, int(m.group("m")), int(m.group("d")))
            if m.group("m"):
                return "M", date(y, int(m.group("m")), 1)
            if m.group("q"):
                return "Q", date(y, 3 * int(m.group("q")) - 2, 1)
            if m.group("s"):  # a season: approximated by the month it begins
                return "M", date(y, {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[m.group("s")], 1)
            if m.group("h"):
                return "H", date(y, 1 if m.group("h") == "1" else 7, 1)
            if m.group("w"):
                monday = date.fromisocalendar(y, int(m.group("w")), 1)
                return ("D", monday + timedelta(days=int(m.group("wd")) - 1)) if m.group("wd") else ("W", monday)
        except ValueError:
            return None
        return "Y", date(y, 1, 1)
    if _DECADE.match(value):
        return "DE", date(int(value) * 10 or 1, 1, 1)
    if _CENTURY.match(value):
        return "CE", date(int(value) * 100 or 1, 1, 1)
    return None


def floor(gran: str, d: date) -> date:
    """The first day of the period of granularity ``gran`` that contains ``d``."""
    if gran == "Y":
        return date(d.year, 1, 1)
    if gran == "Q":
        return date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)
    if gran == "H":
        return date(d.year, 1 if d.month <= 6 else 7, 1)
    if gran == "M":
        return date(d.year, d.month, 1)
    if gran == "W":
        return d - timedelta(days=d.isoweekday() - 1)
    if gran == "DE":
        return date(max(1, d.year // 10 * 10), 1, 1)
    if gran == "CE":
        return date(max(1, d.year // 100 * 100), 1, 1)
    return d


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole months, the day clamped to the month's length."""
    total = d.year * 12 + d.month - 1 + months
    y, m = divmod(total, 12)
    y = min(max(y, 1), 9999)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def shift(gran: str, d: date, n: int) -> date:
    """``d`` moved by ``n`` periods of granularity ``gran``."""
    if gran == "D":
        return d + timedelta(days=n)
    if gran == "W":
        return d + timedelta(weeks=n)
    months = {"M": 1, "Q": 3, "H": 6, "Y": 12, "DE": 120, "CE": 1200}.get(gran, 0)
    return add_months(d, n * months)


def fmt(gran: str, d: date) -> str:
    """The TIMEX3 value of the period of granularity ``gran`` containing ``d``."""
    if gran == "Y":
        return f"{d.year:04d}"
    if gran == "Q":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if gran == "H":
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if gran == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if gran == "W":
        iso = d.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    if gran == "DE":
        return f"{d.year // 10:03d}"
    if gran == "CE":
        return f"{d.year // 100:02d}"
    return d.isoformat()


def weekday_date(dct: date, weekday: int, direction: str, *, strict: bool = False) -> date:
    """The day with ISO ``weekday`` nearest ``dct`` in ``direction`` (past/future); ``strict`` skips ``dct``."""
    if direction == "future":
        delta = (weekday - dct.isoweekday()) % 7
        return dct + timedelta(days=delta or (7 if strict else 0))
    delta = (dct.isoweekday() - weekday) % 7
    return dct - timedelta(days=delta or (7 if strict else 0))


def year_for(dct: date, month: int, day: int | None, tense: str | None) -> int:
    """The year of a month (and day) given without one: its occurrence nearest publication.

    A tense cue picks its side when that occurrence is within nine months (eleven for a bare month): past ->
    the latest on or before publication (March 2023: "February 24th" is 2023-02-24), future -> the next one
    (November: "January" is next year's; May: "expected to begin in March" is next year's); without a cue, or
    farther, the nearest wins.
    """

    def start(y: int) -> date:
        return date(y, month, min(day or 1, calendar.monthrange(y, month)[1]))

    def end(y: int) -> date:
        return start(y) if day else date(y, month, calendar.monthrange(y, month)[1])

    y = dct.year
    before = y if start(y) <= dct else y - 1  # latest occurrence that has begun by publication
    after = y if end(y) >= dct else y + 1  # earliest occurrence not over by publication
    if before == after:
        return y
    d_before = (dct - end(before)).days if end(before) < dct else 0
    d_after = (start(after) - dct).days if start(after) > dct else 0
    if tense == "ended":
        return before
    if tense == "past" and d_before <= 270:
        return before
    if tense == "deadline":  # "funded through Sept. 30", written in November: the coming one
        return before if d_before <= 7 else after  # ("by Jan. 14" the day after: the deadline just passed)
    if tense == "future" and d_after <= (270 if day else 330):
        return after  # "expected to begin in March", written in May: next March (a month name looks further)
    return before if d_before <= d_after else after


def duration(n: float | None, unit: str) -> str:
    """A TIMEX3 duration: ``n`` units (None: an unknown number), e.g. P3Y, PT48H, P10Y for a decade."""
    time_units = {"H": "H", "TM": "M", "S": "S"}
    scale = {"Q": (3, "M"), "DE": (10, "Y"), "CE": (100, "Y"), "ML": (1000, "Y"), "2W": (2, "W"), "WE": (2, "D")}
    if n is None:
        code = {"Q": "Q", "2W": "W", "WE": "WE", "ML": "ML"}.get(unit, unit)
        return f"PTX{time_units[unit]}" if unit in time_units else f"PX{code}"
    k, u = scale.get(unit, (1, unit))
    total = n * k
    if total == int(total):
        return f"PT{int(total)}{time_units[u]}" if u in time_units else f"P{int(total)}{u}"
    whole = int(total)
    if u in ("H", "TM"):  # 5 1/2 hours -> PT5H30M
        rest = round((total - whole) * 60)
        return (
            f"PT{whole}{time_units[u]}{rest}{'M' if u == 'H' else 'S'}"
            if whole
            else f"PT{rest}{'M' if u == 'H' else 'S'}"
        )
    if u == "Y" and total * 12 == int(total * 12):  # 2 1/2 years -> P2Y6M
        return f"P{whole}Y{int(total * 12) - 12 * whole}M" if whole else f"P{int(total * 12)}M"
    smaller = {"Y": (12, "M"), "W": (7, "D"), "D": (24, "H"), "M": (30, "D")}
    if u in smaller:
        k2, u2 = smaller[u]
        amount = round(total * k2)
        return f"PT{amount}H" if u2 == "H" else f"P{amount}{u2}"
    return f"P{total:g}{u}"


def _nth_weekday(y: int, month: int, weekday: int, n: int) -> date:
    """The n-th ISO ``weekday`` of a month (n = -1: the last)."""
    if n > 0:
        first = date(y, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = date(y, month, calendar.monthrange(y, month)[1])
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def _easter(y: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    lx = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * lx) // 451
    month, day = divmod(h + lx - 7 * m + 114, 31)
    return date(y, month, day + 1)


HOLIDAYS: dict[str, tuple[int, int] | str] = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "new year's day": (1, 1),
    "new year's eve": (12, 31), "valentine's day": (2, 14), "halloween": (10, 31), "independence day": (7, 4),
    "veterans day": (11, 11), "armistice day": (11, 11), "boxing day": (12, 26), "may day": (5, 1),
    "bastille day": (7, 14), "st. patrick's day": (3, 17), "thanksgiving": "thanksgiving",
    "thanksgiving day": "thanksgiving", "labor day": "labor", "memorial day": "memorial",
    "election day": "election", "easter": "easter", "easter sunday": "easter", "good friday": "good friday",
    "mother's day": "mother", "father's day": "father",
}  # fmt: skip
"""Holidays dossier can place on the calendar: fixed (month, day) or a rule name (US observances)."""


def holiday(name: str, y: int) -> date:
    """The day of holiday ``name`` (a HOLIDAYS key) in year ``y``."""
    rule = HOLIDAYS[name]
    if isinstance(rule, tuple):
        return date(y, *rule)
    easter = _easter(y)
    return {
        "thanksgiving": lambda: _nth_weekday(y, 11, 4, 4),
        "labor": lambda: _nth_weekday(y, 9, 1, 1),
        "memorial": lambda: _nth_weekday(y, 5, 1, -1),
        "election": lambda: _nth_weekday(y, 11, 1, 1) + timedelta(days=1),
        "easter": lambda: easter,
        "good friday": lambda: easter - timedelta(days=2),
        "mother": lambda: _nth_weekday(y, 5, 7, 2),
        "father": lambda: _nth_weekday(y, 6, 7, 3),
    }[rule]()


def nearest(dct: date, when: Callable[[int], date], rel: str, tense: str | None) -> date:
    """The occurrence of a yearly day nearest publication: ``last``/``next`` pick the side, tense breaks ties."""
    options = [when(y) for y in (dct.year - 1, dct.year, dct.year + 1)]
    before = max(d for d in options if d <= dct) if rel != "last" else max(d for d in options if d < dct)
    after = min(d for d in options if d >= dct) if rel != "next" else min(d for d in options if d > dct)
    if rel == "last":
        return before
    if rel == "next":
        return after
    if rel == "this":
        return options[1]
    if tense == "past" and (dct - before).days <= 270:
        return before
    if tense == "future" and (after - dct).days <= 270:
        return after
    return before if (dct - before) <= (after - dct) else after
