"""Layout: which parts of the text are the article body, and which are title, bylines, datelines, bios.

``analyze_layout`` is a pure function of the text (and of the metadata a reader found),
built from line-level regexes — no model. Every line left out of the body is kept in
``Layout.boilerplate`` with the reason, so nothing disappears without a trace. The
``parse_*`` helpers are shared with the source extractor, which turns bylines, bios and
"Source:" lines into media sources with offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Layout
from . import lexicons
from .entities import canonical, is_known, looks_like_outlet

_NAME_TOKEN = r"[A-Z][\w'’\-]*\.?"
_PARTICLE = r"(?:de|da|del|della|di|van|von|der|den|la|le|bin|al|el|dos|du|ter)"
PERSON = rf"{_NAME_TOKEN}(?:[ \t]+(?:{_PARTICLE}[ \t]+){{0,2}}{_NAME_TOKEN}){{1,4}}"
"""A personal name as bylines and bios write it: two to five capitalized words."""
OUTLET = (
    r"(?:[Tt]he[ \t]+)?[A-Z0-9][\w'’&.!\-]*"
    r"(?:[ \t]+(?:(?:of|and|&|de|del|della|di|du|la|le|il|el|for|on)[ \t]+)?[A-Z0-9][\w'’&.!\-]*)*"
)
"""An outlet's name: capitalized words, optionally after "the" and joined by "of", "and", "&"."""

_ROLES = (
    r"journalist|reporter|correspondent|writer|editor|columnist|contributor|producer|analyst|commentator|"
    r"blogger|author|freelancer|photographer|photojournalist|critic|anchor|host|intern|fellow|newscaster"
)
_BIO = re.compile(
    rf"^(?P<name>{PERSON})(?:,[^,\n]{{1,80}},)?\s+(?:is|was|has been|serves as|works as)\s+(?:an?|the)\s+"
    rf"(?:[\w\-]+\s+){{0,5}}?(?:{_ROLES})s?\b(?!['’])"
)
_BIO_VERB = re.compile(
    rf"^(?P<name>{PERSON})\s+(?:covers|writes|reports|has covered|has written|has reported|contributes)\b"
    rf"(?=[^.\n]{{0,160}}?\s(?:for|at|to)\s+{OUTLET})"
)
_BIO_OUTLET = re.compile(rf"\s(?:at|for|with|to|on|of)\s+(?P<outlet>{OUTLET})")
_ABOUT_AUTHOR = re.compile(r"^(?:about the (?:author|writer|reporter)s?|the author)\s*:?\s*$", re.IGNORECASE)
_BYLINE = re.compile(
    r"^(?:[*_]{1,3})?(?i:by|written by|words by|story by|text by|reported by)\s+(?P<rest>[A-Z].{0,160})$"
)  # "**By Maria Lopez** | Updated …": Markdown emphasis around a byline
_SOURCE_LINE = re.compile(
    r"^(?i:sources?|source text|via|fonte|fuente|quelle)\s*:\s*(?P<names>\S.{0,160}?)\s*\.?$"
    r"|^(?i:(?:this (?:article|story|report) (?:was |is )?(?:first |originally )?|originally )"
    r"(?:published|appeared|ran) (?:in|on|by|at))\s+(?P<origin>[A-Z].{0,120}?)\s*\.?$"
)
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?"
)
_REGION = r"(?:,[ \t]+[A-Z][\w.'’\-]*(?:[ \t][A-Z][\w.'’\-]*){0,3})?"
_WHEN = rf"(?:,[ \t]+{_MONTH}[ \t]+\d{{1,2}}(?:,[ \t]+\d{{4}})?)?"
_WIRE = r"\((?P<wire>[A-Z][^()\n]{0,40})\)"
_DASH = r"(?:[—–]|--?)"
_DATELINES = (
    # WEST PALM BEACH, Fla. —   LONDON, March 3 (Reuters) -   KYIV, Ukraine (AP) —
    re.compile(
        rf"^(?P<place>[A-Z][A-Z.'’\-]+(?:[ \t][A-Z][A-Z.'’\-]+){{0,5}}){_REGION}{_WHEN}[ \t]*(?:{_WIRE}[ \t]*)?{_DASH}"
    ),
    # Moscow (Reuters) -
    re.compile(
        rf"^(?P<place>[A-Z][\w.'’\-]+(?:[ \t][A-Z][\w.'’\-]+){{0,3}}){_REGION}{_WHEN}[ \t]*{_WIRE}[ \t]*{_DASH}"
    ),
    # (Reuters) -
    re.compile(rf"^{_WIRE}[ \t]*{_DASH}"),
)
_LINE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, re.IGNORECASE))
    for reason, pattern in (
        ("social", r"^(?:follow|like) (?:us|me|him|her|them|@\w+|[A-Z][\w.]*(?: [A-Z][\w.]*)*) on\b"),
        ("social", r"^follow @\w+|^(?:twitter|x|instagram|facebook|mastodon|bluesky|threads)\s*:\s*@?\w+\s*$"),
        (
            "newsletter",
            r"\b(?:sign up|subscribe|register)\b.{0,60}\bnewsletters?\b|^newsletters?\b|delivered to your inbox",
        ),
        (
            "subscribe",
            r"^(?:subscribe(?: now| today)?|already a subscriber|become a (?:member|subscriber)|"
            r"support (?:our|independent) journalism|donate(?: now)?)\b",
        ),
        (
            "share",
            r"^(?:share(?: this)?(?: article| story| page)?(?: on \w+)?|tweet|email|print|copy link|"
            r"(?:facebook|twitter|linkedin|whatsapp|reddit|email|pinterest|telegram)(?:[\s|,/]+"
            r"(?:facebook|twitter|linkedin|whatsapp|reddit|email|pinterest|telegram|print|copy link))+)\s*[:|]?\s*$",
        ),
        (
            "photo credit",
            r"^\(?(?:file )?(?:photo|photograph|image|picture|video|illustration|graphic)s?(?: credit)?"
            r"\s*(?::|by\b)|(?:/|via )\s*(?:getty images|afp|reuters|ap(?: photo)?|shutterstock|epa(?:-efe)?|"
            r"anadolu|sipa|alamy)\)?\s*\.?$",
        ),
        (
            "advertisement",
            r"^(?:advertisement|advertising|sponsored(?: content)?|"
            r"story continues below(?: this)?(?: advertisement| ad)?|ad|skip advert(?:isement)?)\s*$",
        ),
        ("related links", r"\[(?:insight|pictures?|photos?|video|latest|revealed|poll|analysis|live|explained)\]\s*$"),
        (
            "related links",
            r"^(?:read more|related(?: articles?| stories| coverage)?|see also|more on this story|"
            r"recommended(?: for you)?|most read|trending|also read|read also|watch|listen)\s*(?::|\||$)",
        ),
        ("copyright", r"^(?:©|\(c\)\s|copyright\b)|\ball rights reserved\b"),
        ("credits", r"^\(?(?:additional )?(?:reporting|writing|editing|edited|compiled|research) by\b"),
        (
            "contact",
            r"^(?:contact|e-?mail|write to) (?:the )?(?:author|reporter|writer|us|him|her)\b.{0,80}@|"
            r"^[\w.+-]+@[\w-]+\.[\w.]+\s*$",
        ),
        (
            "timestamp",
            r"^(?:published|updated|posted|last updated|first published|last modified)\s*(?::|on\b|at\b)?\s*"
            r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
            r"[^.]{0,50}$",
        ),
    )
)
_SHORT = 220
"""Boilerplate lines are short; a longer line is body however it starts."""
_BEFORE_DATELINE = 3
"""How many short lines (headline, dek, photo caption) may stand above the dateline that starts a story."""
_PARTICLES = frozenset(_PARTICLE.strip("(?:)").split("|"))
_ROLE_WORDS = (
    r"(?i:news|sports?|senior|chief|staff|political|foreign|business|tech|science|special|contributing|"
    r"associate|deputy|managing|investigative|white house|national|world|guest|freelance)"
)
_MONTH_NAME = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November|December),?")
_WEEKDAY = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day", re.IGNORECASE)
_NOT_AUTHORS = lexicons.words("words_nlp", list="layout._NOT_AUTHORS")
_WEB_SUFFIX = re.compile(r"(?:\.|\s)(?:com|org|net|co\.uk|co|uk|in|au)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A name found in the text with its offsets (``text`` is as written, ``name`` normalized)."""

    name: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Credit:
    """People and outlets a byline, bio or source line names."""

    authors: tuple[NameSpan, ...] = ()
    outlets: tuple[NameSpan, ...] = ()


def analyze_layout(
    text: str,
    *,
    title: str | None = None,
    authors: tuple[str, ...] = (),
    outlet: str | None = None,
) -> Layout:
    """Split ``text`` into body spans and the rest; find title, bylines, outlet, dateline.

    ``title``, ``authors`` and ``outlet`` from a reader's metadata win over what the text says.
    """
    lines = list(_lines(text))
    if not lines:
        return Layout(body=(), title=title, authors=authors, outlet=outlet)
    reasons: dict[int, str] = {}
    found_title = _title(text, lines, title)
    if found_title is not None:
        reasons[0] = "title"
    credits: list[Credit] = []
    for i, (s, e) in enumerate(lines):
        if i in reasons:
            continue
        line = text[s:e]
        if len(line) > _SHORT:
            continue
        byline = parse_byline(text, s, e)
        if byline.authors or byline.outlets:
            reasons[i] = "byline"
            credits.append(byline)
        elif _SOURCE_LINE.match(line):
            reasons[i] = "source line"
        else:
            for reason, pattern in _LINE_RULES:
                if pattern.search(line):
                    reasons[i] = reason
                    break
    credits.extend(_bios(text, lines, reasons))
    body_lines = [i for i in range(len(lines)) if i not in reasons]
    dateline: tuple[int, int] | None = None
    starts = {i: lines[i][0] for i in body_lines}
    for k, first in enumerate(body_lines[: _BEFORE_DATELINE + 1]):
        s, e = lines[first]
        m = match_dateline(text[s:e])
        if m is not None and m.end() < e - s:
            if any(e2 - s2 > _SHORT for s2, e2 in (lines[i] for i in body_lines[:k])):
                break  # a long paragraph before it is the story: this is a quoted place name, not the dateline
            dateline = (s, s + len(m.group(0).rstrip()))
            starts[first] = s + m.end() + len(text[s + m.end() : e]) - len(text[s + m.end() : e].lstrip())
            # the story starts at its dateline: short lines above it are a headline, a dek or a photo caption
            for i in body_lines[:k]:
                reasons[i] = "title" if i == 0 and found_title is None and title is None else "dek or caption"
            if 0 in body_lines[:k] and found_title is None and title is None:
                found_title = text[lines[0][0] : lines[0][1]]
            body_lines = body_lines[k:]
            break
    boilerplate = [(lines[i][0], lines[i][1], reason) for i, reason in sorted(reasons.items())]
    if dateline:
        boilerplate.append((dateline[0], dateline[1], "dateline"))
    boilerplate.sort()
    text_authors = tuple(dict.fromkeys(a.name for c in credits for a in c.authors))
    text_outlets = [o.name for c in credits for o in c.outlets]
    outlet = _site_name(outlet)
    return Layout(
        body=_merge(body_lines, lines, starts),
        title=title or found_title,
        authors=clean_authors(authors, outlet) or text_authors,
        outlet=outlet or (text_outlets[0] if text_outlets else None),
        dateline=dateline,
        boilerplate=tuple(boilerplate),
    )


def clean_authors(authors: tuple[str, ...], outlet: str | None = None) -> tuple[str, ...]:
    """The persons among a reader's author metadata: no outlets, roles, credentials, sites or "Analysis by".

    Page metadata mixes them in: ("Chris Cillizza", "CNN Editor-at-large"), ("Ilana Muhlstein", "MS", "RDN"),
    ("Troy Smith", "Cleveland com"), ("Greg Beacham", "Ap Sports Writer"), ("Sandee LaMotte", "CNN").
    """
    out: dict[str, str] = {}
    site = canonical(outlet).casefold() if outlet else None
    for raw in authors:
        name = re.sub(r"^(?i:(?:analysis|opinion|commentary|review|story|words|text|written)\s+)?(?i:by)\s+", "", raw)
        name = re.sub(r"\s+(?:is|was)\s+(?:an?|the)\s.*$", "", name)  # "Phil Helsel is a reporter"
        name = (
            re.sub(
                r"\s+(?i:January|February|March|April|June|July|August|September|October|November|December)$", "", name
            )
            if len(name.split()) > 2
            else name
        )
        # "Tom Gillespie News reporter": the role after the name
        name = re.sub(rf"(?:\s+(?:{_ROLE_WORDS}))*\s+(?i:{_ROLES}|staff|desk|team)s?$", "", name)
        words = name.split()
        while len(words) > 2 and (_WEEKDAY.fullmatch(words[-1].strip(",.")) or _MONTH_NAME.fullmatch(words[-1])):
            words.pop()  # "Malcolm Owen Monday", "Carrie Arnold November": the date line ran into the name
        name = " ".join(words).strip(" ,;|")
        if len(words) == 1 and _DATE_PART.match(name):
            continue  # "November"
        if not words or name.casefold() in _NOT_AUTHORS or _WEB_SUFFIX.search(name):
            continue
        if len(words) == 1 and (name.isupper() or not name[:1].isupper()):
            continue  # "MS", "RDN", "AS": credentials and initials, not names
        if is_known(name) or looks_like_outlet(name) or canonical(name).casefold() == site:
            continue
        if re.search(rf"\b(?i:{_ROLES})s?\b", name):
            continue  # "CNN Editor-at-large", "AP Sports Writer"
        if words[0] in ("The", "the") or any(w[:1].islower() and w not in _PARTICLES for w in words):
            continue  # "The Russian", "Syrian defense ministries": a phrase, not a name
        out.setdefault(name.casefold(), name)
    return tuple(out.values())


def _site_name(outlet: str | None) -> str | None:
    """A site name without its section list ("Autoracing | F1 | Indy" -> "Autoracing")."""
    if outlet is None:
        return None
    first = re.split(r"\s+[|•·]\s+", outlet.strip())[0].strip()
    return first or None


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """Non-blank lines as (start, end), trimmed of surrounding whitespace."""
    for m in re.finditer(r"[^\r\n]+", text):
        raw = m.group(0)
        stripped = raw.strip()
        if stripped:
            start = m.start() + raw.index(stripped[0])
            yield start, start + len(stripped)


def _title(text: str, lines: list[tuple[int, int]], given: str | None) -> str | None:
    """The first line when it is a headline: the given title, or short, unpunctuated and followed by more."""
    s, e = lines[0]
    first = text[s:e]
    if given is not None:
        same = " ".join(first.split()).casefold() == " ".join(given.split()).casefold()
        return first if same else None
    if len(lines) < 2 or len(first) > 150 or len(first.split()) > 20:
        return None
    ellipsis = first.endswith(("...", "…"))
    if first[-1] in ",;:" or (first[-1] == "." and not ellipsis and not _title_case_headline(text, e, first)):
        return None  # a sentence
    if first[0].islower() and first.split()[0].islower():
        return None  # text that starts mid-sentence ("iTunes" and "$1m" may start a headline)
    if parse_byline(text, s, e).authors or match_dateline(first) or _SOURCE_LINE.match(first):
        return None
    return re.sub(r"^#{1,6}\s+", "", first)  # a Markdown heading's marks are not part of the title


def _title_case_headline(text: str, end: int, line: str) -> bool:
    """A headline some sites end with a period: Title Case, one sentence, a blank line after it."""
    blank_after = re.match(r"[ \t]*\r?\n[ \t]*\r?\n", text[end : end + 8]) is not None
    words = [w for w in re.findall(r"[^\W\d_][\w'’\-]*", line) if len(w) > 3]
    capitalized = sum(w[0].isupper() for w in words)
    one_sentence = re.search(r"[.!?][’”'\"]?\s+[A-Z]", line[:-1]) is None
    return blank_after and one_sentence and bool(words) and capitalized / len(words) >= 0.6


def match_dateline(line: str) -> re.Match[str] | None:
    """The dateline at the start of a paragraph ("MOSCOW (Reuters) -", "WEST PALM BEACH, Fla. —")."""
    for pattern in _DATELINES:
        m = pattern.match(line)
        if m is None:
            continue
        if m.groupdict().get("wire"):
            return m
        after = line[m.end() :].lstrip()[:1]
        # "NATO — the alliance" is a sentence; a dateline is followed by one ("WASHINGTON — The Senate")
        if len(m.group("place")) >= 3 and (after.isupper() or after.isdigit() or after in "\"'“‘"):
            return m
    return None


def _bios(text: str, lines: list[tuple[int, int]], reasons: dict[int, str]) -> list[Credit]:
    """Author bios among the last lines ("NAME is a journalist at OUTLET ..."), marked in ``reasons``."""
    credits: list[Credit] = []
    candidates = [i for i in range(len(lines)) if i not in reasons][-4:]
    body_seen = [i for i in range(len(lines)) if i not in reasons]
    for i in candidates:
        if body_seen and i == body_seen[0]:
            continue  # the first paragraph is the story, not a bio
        s, e = lines[i]
        credit = parse_bio(text, s, e)
        if credit is None:
            if i > 0 and reasons.get(i - 1) == "author bio heading":
                reasons[i] = "author bio"
            elif _ABOUT_AUTHOR.match(text[s:e]):
                reasons[i] = "author bio heading"
            continue
        reasons[i] = "author bio"
        credits.append(credit)
        surname = credit.authors[0].name.split()[-1] if credit.authors else None
        for j in range(i + 1, len(lines)):  # the bio's next short paragraphs about the same person
            follow = text[lines[j][0] : lines[j][1]]
            if j in reasons or len(follow) > 400:
                break
            if re.match(r"(?:He|She|They|His|Her|Their)\b", follow) or (surname and follow.startswith(surname)):
                reasons[j] = "author bio"
            else:
                break
    for i, reason in list(reasons.items()):
        if reason == "author bio heading":
            reasons[i] = "author bio"
    return credits


def parse_bio(text: str, start: int, end: int) -> Credit | None:
    """The author and outlet of a bio paragraph at ``text[start:end]``, or None if it is not a bio."""
    para = text[start:end]
    m = _BIO.match(para) or _BIO_VERB.match(para)
    if m is None:
        return None
    name = m.group("name")
    author = NameSpan(name, name, start + m.start("name"), start + m.end("name"))
    sentence_end = para.find(". ", m.end())
    o = _BIO_OUTLET.search(para, m.end() - 1, sentence_end if sentence_end > 0 else len(para))
    outlets: tuple[NameSpan, ...] = ()
    if o is not None:
        raw = o.group("outlet").rstrip(".")
        if raw.split()[0] not in ("The", "the") and not looks_like_outlet(raw) and len(raw.split()) < 2:
            raw = ""  # "at Harvard"-like single words: not clearly an outlet
        if raw:
            s = start + o.start("outlet")
            outlets = (NameSpan(canonical(raw), raw, s, s + len(raw)),)
    return Credit(authors=(author,), outlets=outlets)


_ROLE_ONLY = re.compile(
    rf"^(?:(?:senior|chief|staff|special|political|foreign|national|world|science|tech|business|sports|"
    rf"investigative|white house|contributing|associate|deputy|managing|guest|freelance)\s+)*(?:{_ROLES})s?$",
    re.IGNORECASE,
)


_DATE_PART = re.compile(
    rf"^(?:{_MONTH}|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|Updated|Published|\d)"
    r"|^(?:today|yesterday)$",
    re.IGNORECASE,
)


def parse_byline(text: str, start: int, end: int) -> Credit:
    """Authors and outlet of a "By NAME[, NAME and NAME][, OUTLET | date]" line at ``text[start:end]``.

    Empty when the line is not a byline: every part must read as a name, an outlet, a role or a
    date, so "By Friday the vote was over" is a sentence, not a byline.
    """
    line = text[start:end]
    m = _BYLINE.match(line)
    if m is None:
        return Credit()
    authors: list[NameSpan] = []
    outlets: list[NameSpan] = []
    offset = m.start("rest")
    rest = m.group("rest")
    for piece in re.finditer(r"[^,;|•·/]+?(?=\s*(?:,|;|\||•|·|/|\s[—–-]\s|\band\b|&|$))", rest):
        raw = piece.group(0).strip()
        raw = re.sub(r"^(?:and|&)\s+", "", raw).strip(" —–-*_")
        if not raw:
            continue
        s = start + offset + piece.start() + piece.group(0).index(raw)
        span_text = text[s : s + len(raw)]
        # the first part of a byline is a person unless it is a known outlet ("By Emily Post" is a person)
        if is_known(raw) or (looks_like_outlet(raw) and (outlets or authors)):
            outlets.append(NameSpan(canonical(raw), span_text, s, s + len(raw)))
        elif _ROLE_ONLY.match(raw) or _DATE_PART.match(raw):
            continue
        elif re.fullmatch(PERSON, raw) and not _DATE_PART.match(raw.split()[0]):
            name = " ".join(w.capitalize() if w.isupper() and len(w) > 2 else w for w in raw.split())
            authors.append(NameSpan(name, span_text, s, s + len(raw)))
        else:
            return Credit()  # a part that is no name, outlet, role or date: a sentence starting "By"
    return Credit(authors=tuple(authors), outlets=tuple(outlets))


def parse_source_line(text: str, start: int, end: int) -> tuple[NameSpan, ...]:
    """The outlets a "Source: X, Y" or "Originally published in X" line names."""
    m = _SOURCE_LINE.match(text[start:end])
    if m is None:
        return ()
    group = "names" if m.group("names") else "origin"
    base = start + m.start(group)
    names = re.split(r"(?<=[a-z\d)])\.\s", m.group(group))[0]  # "Futurism. Read the original article."
    out: list[NameSpan] = []
    for piece in re.finditer(r"[^,;]+", names):
        for part in re.split(r"\s+and\s+", piece.group(0)) if not is_known(piece.group(0)) else [piece.group(0)]:
            raw = part.strip().rstrip(".")
            if not raw or not _name_like(raw):
                continue
            s = base + piece.start() + piece.group(0).index(raw)
            out.append(NameSpan(canonical(raw), raw, s, s + len(raw)))
    return tuple(out)


def _name_like(raw: str) -> bool:
    """A proper name or a web address ("Il Tempo", "nytimes.com"), not a phrase ("News agencies")."""
    if "." in raw and " " not in raw:
        return True
    words = [w for w in raw.split() if w.lower() not in ("of", "and", "the", "de", "di", "la", "le", "il", "el", "&")]
    return bool(words) and all(w[0].isupper() or w[0].isdigit() for w in words)


def _merge(body_lines: list[int], lines: list[tuple[int, int]], starts: dict[int, int]) -> tuple[tuple[int, int], ...]:
    """Consecutive body lines as one span each run; a run ends at a line left out."""
    spans: list[tuple[int, int]] = []
    previous = -2
    for i in body_lines:
        s, e = starts[i], lines[i][1]
        if spans and i == previous + 1:
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
        previous = i
    return tuple(spans)
