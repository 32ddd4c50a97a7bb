"""Figures and words: number normalisation, the figures an article reports, and where a story's articles disagree.

Pure functions over text and records. ``tokenize`` gives the word tokens quote lineage compares, numbers merged
and normalised ("4,000", "four thousand", "4k" are one token of value 4000). ``extract`` finds the figures an
article reports: counts of something ("about 300 protesters", "killed 12", "12 people were killed", "$4 million")
and, from its events, the date and place of each kind of event. ``discrepancies`` compares one story's articles:
the same figure (same thing counted, same unit) reported with different values.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..model import Article

WORDS_FILE = Path(__file__).resolve().parents[1] / "data" / "lineage_words.tsv"
"""Stop words, number words, scale words and casualty words (one a line: word, kind, value)."""

_ABSOLUTE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    re.IGNORECASE,
)
"""A date written out ("March 4", "4 March", "2023-03-04"): only those are compared across articles — "on
Monday" depends on when each article was published, so two articles can resolve it to different days."""

APPROX_TOLERANCE = 0.1
"""Relative difference two figures may have when either is approximate ("about 300") and still agree."""

_TOKEN = re.compile(r"[$€£]?\d+(?:[.,]\d+)*(?:st|nd|rd|th|k|m|bn|mn)?%?(?!\w)|\w+(?:['’]\w+)*", re.UNICODE)
_NUMERIC = re.compile(r"([$€£]?)(\d+(?:[.,]\d+)*)(st|nd|rd|th|k|m|bn|mn)?(%?)$")
_APPROX = frozenset(
    {"about", "around", "some", "nearly", "almost", "roughly", "approximately", "over", "least", "than"}
)
_CASUALTY_KEY = {
    "dead": "killed",
    "died": "killed",
    "killed": "killed",
    "wounded": "injured",
    "hurt": "injured",
    "injured": "injured",
    "detained": "arrested",
    "arrested": "arrested",
    "jailed": "arrested",
}
_AUX = frozenset({"were", "was", "have", "had", "been", "are", "is", "be", "being", "reportedly", "also", "now"})
_NOT_COUNTED = frozenset(
    {
        "years",
        "months",
        "weeks",
        "days",
        "hours",
        "minutes",
        "seconds",
        "times",
        "percent",
        "points",
        "decades",
        "centuries",
        "things",
        "ways",
        "others",
        "ones",
    }
)
"""Nouns after a number that measure time or are not a count of something to compare across articles."""


@lru_cache(maxsize=1)
def words() -> dict[str, tuple[str, float | None]]:
    """The word table: word -> (kind, value)."""
    out: dict[str, tuple[str, float | None]] = {}
    with WORDS_FILE.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("word\t") or not line.strip():
                continue
            word, kind, value = [*line.rstrip("\n").split("\t"), ""][:3]
            out[word] = (kind, float(value) if value else None)
    return out


def is_stop(norm: str) -> bool:
    """Whether a normalised word carries no content (articles, pronouns, auxiliaries, reporting verbs)."""
    entry = words().get(norm)
    return entry is not None and entry[0] == "stop"


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a text: its normalised form and character span; ``value`` is set for a number."""

    norm: str
    start: int
    end: int
    value: float | None = None
    unit: str = ""
    """For a number: its currency sign or ``%`` ("" for a plain count)."""


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lowercase, accents stripped, apostrophes unified."""
    decomposed = unicodedata.normalize("NFKD", word)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("’", "'").replace("‘", "'").casefold()


def number_norm(value: float) -> str:
    """The normal form of a number: ``4000``, ``2.5``."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _numeric(raw: str) -> tuple[float, str] | None:
    m = _NUMERIC.match(raw)
    if m is None:
        return None
    sign, digits, suffix, pct = m.groups()
    if "," in digits and all(len(g) == 3 for g in digits.split(",")[1:]):
        digits = digits.replace(",", "")
    elif "," in digits:
        digits = digits.replace(",", ".")
    try:
        value = float(digits)
    except ValueError:
        return None
    scale = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9}.get(suffix or "", 1.0)
    return value * scale, sign or pct


def tokenize(text: str) -> tuple[Token, ...]:
    """Word tokens of ``text`` with numbers merged and normalised: "four thousand", "4,000" and "4k" are one
    token ``4000``; "4.5 million" is ``4500000``; ordinals lose their suffix ("24th" -> ``24``)."""
    table = words()
    raw = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    out: list[Token] = []
    i = 0
    while i < len(raw):
        word, start, end = raw[i]
        low = fold(word)
        parsed = _numeric(low)
        kind = table.get(low, ("", None))
        if parsed is None and kind[0] != "number":
            out.append(Token(low, start, end))
            i += 1
            continue
        # a number: digits or number words, then scale words ("4 million", "two hundred thousand")
        total, current = 0.0, 0.0
        unit = ""
        if parsed is not None:
            current, unit = parsed
        else:
            current = kind[1] or 0.0
        j = i + 1
        while j < len(raw):
            nxt = fold(raw[j][0])
            k = table.get(nxt, ("", None))
            if k[0] == "scale" and k[1]:
                current = max(current, 1.0) * k[1]
                if k[1] >= 1000:
                    total, current = total + current, 0.0
            elif k[0] == "number" and parsed is None and k[1] is not None and k[1] < 10 and current >= 20:
                current += k[1]  # "twenty five"
            else:
                break
            end = raw[j][2]
            j += 1
        value = total + current
        out.append(Token(number_norm(value) + unit, start, end, value=value, unit=unit))
        i = j
    return tuple(out)


# ---------------------------------------------------------------- figures
@dataclass(frozen=True, slots=True)
class Figure:
    """A figure an article reports: ``kind`` count | date | place, ``what`` is measured, its ``value``."""

    kind: str
    what: str
    value: str
    text: str
    start: int
    end: int
    approx: bool = False


def _counted_noun(norm: str) -> bool:
    return norm.isalpha() and len(norm) > 3 and norm.endswith("s") and not is_stop(norm) and norm not in _NOT_COUNTED


def _is_year(tok: Token) -> bool:
    return tok.value is not None and not tok.unit and tok.value.is_integer() and 1800 <= tok.value <= 2100


def count_figures(text: str) -> list[Figure]:
    """Counts in ``text``: "300 protesters", "killed 12", "12 people were killed", "$4 million" (a year is not
    a count). ``what`` is the thing counted (or the casualty verb: killed, injured, arrested), prefixed by the
    unit for money and percentages."""
    toks = tokenize(text)
    out: list[Figure] = []
    for i, t in enumerate(toks):
        if t.value is None or (_is_year(t) and not t.unit):
            continue
        approx = i > 0 and toks[i - 1].norm in _APPROX
        what: str | None = None
        end = t.end
        start = toks[i - 1].start if approx else t.start
        if t.unit:
            what = {"$": "usd", "€": "eur", "£": "gbp", "%": "percent"}[t.unit]
            following = toks[i + 1].norm if i + 1 < len(toks) else ""
            if t.unit == "%" and not following.isalpha():
                continue  # a bare percentage: too many of them, of too many things
            if t.unit == "%":
                what, end = f"percent {following}", toks[i + 1].end
            else:
                # money: what it is for, when a word says so within three ("$4 million grant", "$2bn in aid")
                for k in range(i + 1, min(len(toks), i + 4)):
                    if toks[k].norm.isalpha() and not is_stop(toks[k].norm) and toks[k].norm not in {"in", "of"}:
                        what, end = f"{what} {toks[k].norm}", toks[k].end
                        break
        else:
            # "killed 12" / "killed at least 12"
            back = i - 1
            while back >= 0 and toks[back].norm in _APPROX | {"at"}:
                back -= 1
            if back >= 0 and toks[back].norm in _CASUALTY_KEY:
                what, start = _CASUALTY_KEY[toks[back].norm], toks[back].start
            else:
                # "12 people were killed", "12 dead", "300 protesters"
                j = i + 1
                noun: Token | None = None
                if j < len(toks) and (_counted_noun(toks[j].norm) or toks[j].norm == "people"):
                    noun = toks[j]
                    j += 1
                k = j
                while k < len(toks) and toks[k].norm in _AUX and k - j < 3:
                    k += 1
                if k < len(toks) and toks[k].norm in _CASUALTY_KEY:
                    what, end = _CASUALTY_KEY[toks[k].norm], toks[k].end
                elif noun is not None and noun.norm != "people":
                    what, end = noun.norm, noun.end
                else:
                    # "3,000 anti-war protesters": up to two modifiers before the counted noun
                    m = i + 1
                    while m < min(len(toks), i + 4) and toks[m].norm.isalpha() and not is_stop(toks[m].norm):
                        if toks[m].norm in _NOT_COUNTED or toks[m].norm in _APPROX | {"several", "many", "few"}:
                            break  # "24 hours several groups": the number measured the hours
                        if _counted_noun(toks[m].norm) and m > i + 1:
                            what, end = toks[m].norm, toks[m].end
                            break
                        m += 1
        if what is None:
            continue
        out.append(Figure("count", what, number_norm(t.value), text[start:end], start, end, approx))
    return out


def extract(article: Article) -> list[Figure]:
    """The figures ``article`` reports: counts in its body, and the date and place of each kind of event."""
    spans = article.body or ((0, len(article.text)),)
    out: list[Figure] = []
    for s, e in spans:
        out.extend(
            Figure(f.kind, f.what, f.value, f.text, f.start + s, f.end + s, f.approx)
            for f in count_figures(article.text[s:e])
        )
    for ev in article.events:
        if (
            ev.date is not None
            and re.fullmatch(r"\d{4}-\d{2}-\d{2}", ev.date.value)
            and ev.date.basis != "published"
            and _ABSOLUTE.search(ev.date.text)
        ):
            out.append(Figure("date", ev.type, ev.date.value, ev.date.text, ev.start, ev.end))
        if ev.location:
            out.append(Figure("place", ev.type, ev.location, ev.location, ev.start, ev.end))
    return out


# ---------------------------------------------------------------- discrepancies
@dataclass(frozen=True, slots=True)
class Reported:
    """One article's figures, with what orders it in its story (publication date, then ingest order)."""

    article: str
    outlet: str | None
    published: str | None
    seq: int
    figures: tuple[Figure, ...]


def _agree(kind: str, a: str, b: str, approx: bool) -> bool:
    if kind == "place":
        fa, fb = fold(a), fold(b)
        return fa in fb or fb in fa
    if kind == "count":
        va, vb = float(a), float(b)
        if approx:
            return abs(va - vb) <= APPROX_TOLERANCE * max(va, vb)
        return va == vb
    return a == b


def _single(kind: str, values: Sequence[Figure]) -> Figure | None:
    """The article's one value for a figure, or None when it reports several that disagree (ambiguous)."""
    first = values[0]
    for f in values[1:]:
        if not _agree(kind, first.value, f.value, f.approx or first.approx):
            return None
    return first


def discrepancies(reports: Iterable[Reported]) -> list[dict[str, object]]:
    """Figures a story's articles report differently: kind, what, the values with the articles saying each
    (first-published first), and which value came first. An article giving two values for one figure is left
    out of that figure (it may count two things)."""
    order = sorted(reports, key=lambda r: (r.published is None, r.published or "", r.seq))
    by_key: dict[tuple[str, str], list[tuple[Reported, Figure]]] = {}
    for r in order:
        grouped: dict[tuple[str, str], list[Figure]] = {}
        for f in r.figures:
            grouped.setdefault((f.kind, f.what), []).append(f)
        for key, values in grouped.items():
            single = _single(key[0], values)
            if single is not None:
                by_key.setdefault(key, []).append((r, single))
    out: list[dict[str, object]] = []
    for (kind, what), items in by_key.items():
        clusters: list[list[tuple[Reported, Figure]]] = []
        for r, f in items:
            for c in clusters:
                head = c[0][1]
                if _agree(kind, head.value, f.value, head.approx or f.approx):
                    c.append((r, f))
                    break
            else:
                clusters.append([(r, f)])
        if len(clusters) < 2:
            continue
        shown: list[dict[str, object]] = [
            {
                "value": c[0][1].value,
                "text": c[0][1].text,
                "articles": [_brief(r, f) for r, f in c],
            }
            for c in clusters
        ]
        out.append(
            {
                "kind": kind,
                "what": what,
                "values": shown,
                "first": {"value": clusters[0][0][1].value, "article": clusters[0][0][0].article},
            }
        )
    return out


def _brief(r: Reported, f: Figure) -> dict[str, object]:
    return {"id": r.article, "outlet": r.outlet, "published": r.published, "text": f.text}


def as_figures(rows: Mapping[str, Sequence[Sequence[object]]]) -> dict[str, tuple[Figure, ...]]:
    """Stored figure rows (kind, what, value, text, start, end, approx) grouped by article, as records."""
    return {
        aid: tuple(
            Figure(str(r[0]), str(r[1]), str(r[2]), str(r[3]), int(str(r[4])), int(str(r[5])), bool(r[6])) for r in rs
        )
        for aid, rs in rows.items()
    }
