"""Media sources: outlets, agencies and documents that claims are attributed to.

Each cue ("as reported by", "according to a report by", "told the ... reporter",
"(AP) —", "Source:", bylines) is a regex over the text followed by a name; a name is
accepted as a source when the cue is unambiguous about media ("reported by X") or when
the name is a known outlet or looks like one ("told Reuters", but not "told Smith").
So the extractor does not depend on the NER label ("Yahoo News" tagged PERSON or GPE
is still found), and the entity whose mention overlaps the name is linked afterwards.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from spacy.tokens import Doc

from ..model import Entity, Layout, Source
from . import lexicons
from .entities import canonical, is_known, looks_like_outlet
from .layout import NameSpan, parse_bio, parse_byline, parse_source_line
from .spans import MentionIndex, doc_text

_TOKEN = r"(?:(?:[A-Z]\.){2,}|[A-Z0-9][\w'’&!\-]*(?:\.(?:com|org|net|co\.uk)\b)?)"
_NAME = (
    rf"(?P<the>(?:[Tt]he)[ \t]+)?(?P<name>(?=[A-Z]){_TOKEN}"
    rf"(?:[ \t]+(?:(?:of[ \t]+the|of|and|&|de|del|della|di|du|la|le|il|el)[ \t]+)?{_TOKEN}){{0,6}})"
)
_DOCS = (
    r"report|reports|documents?|filings?|indictment|complaint|affidavit|transcripts?|memo|memos|memorandum|"
    r"records|study|survey|poll|data|analysis|investigation|audit|ruling|emails?|cables?|letter|statement|"
    r"press release|court papers|leaked \w+|dossier|article|story|assessment|estimates?|figures|census"
)
_PAPERS = (
    r"reports|report|documents|document|filings?|indictment|complaint|affidavit|transcripts?|memos?|memorandum|"
    r"records|emails|cables|letter|court papers|dossier|leaked \w+"
)
"""Documents a claim can rest on without an author named ("court documents"); data and polls are not."""
_MEDIA_NOUNS = (
    r"reporters?|journalists?|correspondents?|interviewers?|editors?|podcast|program|programme|show|newspaper|"
    r"magazine|channel|broadcast|website|news agency|team|crew|host|anchor|newsroom|radio|television|TV|"
    r"station|daily|tabloid|broadcaster"
)
_NOT_NAMES = frozenset(
    {
        *("January", "February", "March", "April", "May", "June", "July", "August", "September", "October"),
        *("November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        *("I", "He", "She", "It", "They", "We", "You", "This", "That", "These", "Those", "His", "Her", "Their"),
        *("Its", "Mr", "Mrs", "Ms", "Dr", "An", "A"),
    }
)

Acceptance = Callable[[str, str], bool]
"""Whether a name (as written) found after a cue is a media source, given the text that follows it."""


def _media(name: str, after: str) -> bool:
    """Weak cues ("told X", "according to X"): a known outlet, an outlet-like name, or "X reporter"."""
    if looks_like_outlet(name):
        return True
    # "X reporter", "LBC radio" (but not "Missouri radio station KMBC": the outlet is named after the noun)
    m = re.match(rf"[ \t]+(?:{_MEDIA_NOUNS})\b(?:[ \t]+(?:station|channel|network))?", after)
    return m is not None and not re.match(r"[ \t]+[A-Z]", after[m.end() :])


def _any_name(name: str, after: str) -> bool:
    """Strong cues ("reported by X", "a report by X"): any proper name."""
    return True


@dataclass(frozen=True, slots=True)
class _Cue:
    kind: str
    pattern: re.Pattern[str]
    accept: Acceptance
    before: re.Pattern[str] | None = None
    """For a name that precedes the cue ("Reuters reported"): ``pattern`` finds the verb, ``before`` the
    name ending right before it, in a bounded look-back (a name-first regex over the text is quadratic)."""
    keys: tuple[str, ...] = ()
    """Lower-case words one of which the text must contain for the cue to occur at all."""


_DETERMINERS = r"an?|the|this|that|these|those|his|her|their|its"
_A = rf"(?i:{_DETERMINERS})[ \t]+"
_ADJ = r"(?:[\w\-]+[ \t]+){0,3}?"
_NAME_BEFORE = re.compile(rf"(?<![\w'’&.\-]){_NAME}[ \t]+$")
_REPORTING_VERB = re.compile(
    r"\b(?:(?i:has|had|also)[ \t]+)?(?i:reported|reports|revealed|reveals|wrote|writes|published|noted|"
    r"said|says|put it|called|described|ran|understands|learned|learnt|can reveal)\b(?![ \t]+(?i:by|in)\b)"
    r"|\b(?i:quoted|quotes)\b(?![ \t]+(?i:by|in|as)\b)"  # "Le Monde quoted a diplomat", not "was quoted as"
)
_NAME_MEDIA_BEFORE = re.compile(
    rf"(?<![\w'’&.\-]){_NAME}[ \t]+(?i:news agency|radio station|radio|television station|television|TV channel|"
    rf"TV station|TV|newspaper|daily|weekly|broadcaster|news website|website|news service|wire service|channel|"
    rf"magazine|tabloid)[ \t]+$"
)
"""A name and the media noun that says what it is, before a reporting verb ("the Interfax news agency said")."""
_LOOKBACK = 120
"""Characters before a verb searched for the name that precedes it."""
_CUES: tuple[_Cue, ...] = (
    # according to a report by the Times / documents obtained by X / X's report
    _Cue(
        "according_to",
        re.compile(
            rf"\b(?i:according to)[ \t]+(?:{_A})?{_ADJ}(?i:{_DOCS})[ \t]+"
            rf"(?i:(?:published|released|obtained|seen|reviewed|compiled|commissioned|prepared|filed|issued|"
            rf"conducted|produced|written)[ \t]+)?"
            rf"(?i:by|from|in|of|on)[ \t]+{_NAME}"
        ),
        _any_name,
    ),
    _Cue("according_to", re.compile(rf"\b(?i:according to)[ \t]+{_NAME}(?=['’]s?[ \t]+(?i:{_DOCS})\b)"), _any_name),
    _Cue("according_to", re.compile(rf"\b(?i:according to)[ \t]+{_NAME}"), _media),
    _Cue(
        "according_to",
        re.compile(rf"\b(?i:according to)[ \t]+{_A}(?:new[ \t]+|recent[ \t]+|latest[ \t]+)?{_NAME}(?=[ /\-])"),
        _media,
    ),
    # citing a report by X / citing X
    _Cue(
        "citation",
        re.compile(
            rf"\b(?i:citing|quoting|cited by|quoted by)[ \t]+(?:{_A})?"
            rf"(?:{_ADJ}(?i:{_DOCS})[ \t]+(?i:by|from|in)[ \t]+)?{_NAME}"
        ),
        _media,
    ),
    # first reported by / as reported by / reported in
    _Cue(
        "report",
        re.compile(
            rf"\b(?i:first|originally|initially|previously|earlier)[ \t]+(?i:reported)[ \t]+(?i:by|in|on)[ \t]+{_NAME}"
        ),
        _any_name,
    ),
    _Cue("reported_by", re.compile(rf"\b(?i:reported)[ \t]+(?i:by|in)[ \t]+{_NAME}"), _any_name),
    _Cue("reported_by", re.compile(rf"\b(?i:published|aired|broadcast)[ \t]+(?i:by)[ \t]+{_NAME}"), _media),
    # a report by X / a X report
    _Cue(
        "report",
        re.compile(
            rf"\b{_A}{_ADJ}(?i:report|investigation|story|article|analysis|documentary|exposé|expose|series|"
            rf"poll|survey|exclusive|broadcast)[ \t]+(?i:(?:published|aired)[ \t]+)?(?i:by|in|on)[ \t]+{_NAME}"
        ),
        _any_name,
    ),
    # "a story from Reuters" (but "the rights to the story from his family")
    _Cue(
        "report",
        re.compile(rf"\b{_A}{_ADJ}(?i:report|story|article|dispatch|exclusive)[ \t]+(?i:from)[ \t]+{_NAME}"),
        _media,
    ),
    _Cue(
        "report",
        re.compile(r"\b(?i:report|investigation|story|article|analysis|documentary|poll)\b"),
        _media,
        re.compile(rf"(?<![\w'’]){_A}{_NAME}[ \t]+$"),
    ),
    # interviews: in an interview with the BBC / told the Yahoo News reporter / speaking to CNN
    _Cue(
        "interview",
        re.compile(
            rf"\b{_A}{_ADJ}(?i:interview|conversation|chat|podcast|talk|sit-down)s?[ \t]+"
            rf"(?i:with|on|to|for)[ \t]+{_NAME}"
        ),
        _media,
    ),
    _Cue(
        "interview",
        re.compile(
            rf"\b(?i:told|telling|tells|speaking to|speaking with|spoke to|spoke with|said to|talking to|"
            rf"in comments to|in a statement to|said on|appeared on|speaking on|interviewed on|"
            rf"interviewed by)[ \t]+{_NAME}"
        ),
        _media,
    ),
    _Cue(
        "report", re.compile(rf"\b(?i:writing in|wrote in|published in|an op-ed in|a column in)[ \t]+{_NAME}"), _media
    ),
    _Cue("report", re.compile(r"\b(?i:first[ \t]+)(?i:reported|revealed|broke)\b"), _media, _NAME_BEFORE),
    _Cue("reported_by", _REPORTING_VERB, _media, _NAME_BEFORE),
    # the Deutsche Welle radio station reported / the Interfax news agency said
    _Cue("reported_by", _REPORTING_VERB, _any_name, _NAME_MEDIA_BEFORE),
    # the name after the verb: ", writes The Guardian", ", reported the BBC"
    _Cue(
        "reported_by",
        re.compile(
            rf"[,;][ \t]*(?i:writes|wrote|reports|reported|notes|noted|says|said|adds|added)[ \t]+"
            rf"(?:(?i:the)[ \t]+)?{_NAME}"
        ),
        _media,
    ),
    # a credit in parentheses: (via Bloomberg)
    _Cue("reported_by", re.compile(rf"\((?i:via)[ \t]+{_NAME}[ \t]*\)"), _any_name),
    # wire datelines anywhere: (AP) — / (Reuters) -
    _Cue("wire", re.compile(r"\((?P<name>[A-Z][\w.&'’\- ]{0,40}?)\)[ \t]*(?:[—–]|--?)[ \t]"), lambda n, a: is_known(n)),
)
_REPORTING_KEYS = (
    "report", "reveal", "wrote", "writes", "published", "noted", "said", "says", "put it", "called", "described",
    "quote", "understands", "learn",
)  # fmt: skip
"""Words one of which a text must hold for ``_REPORTING_VERB`` to match (both cues built on it)."""
_KEYS: tuple[tuple[str, ...], ...] = (
    ("according to",),
    ("according to",),
    ("according to",),
    ("according to",),
    ("citing", "quoting", "cited by", "quoted by"),
    ("reported",),
    ("reported",),
    ("published by", "aired by", "broadcast by"),
    ("report", "investigation", "story", "article", "analysis", "documentar", "expos", "series", "poll", "survey"),
    ("report", "story", "article", "dispatch", "exclusive"),
    ("report", "investigation", "story", "article", "analysis", "documentary", "poll"),
    ("interview", "conversation", "chat", "podcast", "talk", "sit-down"),
    (
        "told",
        "telling",
        "tells",
        "speaking",
        "spoke",
        "said to",
        "talking to",
        "comments to",
        "statement to",
        "said on",
        "appeared on",
        "interviewed",
    ),
    ("writing in", "wrote in", "published in", "op-ed in", "column in"),
    ("first",),
    (*_REPORTING_KEYS, "ran"),
    _REPORTING_KEYS,
    ("writes", "wrote", "report", "notes", "noted", "says", "said", "adds", "added"),
    ("via",),
    ("(",),
)
_CUES = tuple(replace(cue, keys=keys) for cue, keys in zip(_CUES, _KEYS, strict=True))
_DOCUMENT_ONLY = re.compile(
    rf"\b(?i:according to|citing)[ \t]+"
    rf"(?P<doc>(?:{_A})?(?:(?!(?i:{_DETERMINERS})\b)[\w\-]+[ \t]+){{1,2}}?(?i:{_PAPERS}))\b"
    r"(?![ \t]+(?i:by|from|in|of|on|obtained|published|released|seen|reviewed)\b)(?!['’])"
)


_GENERIC_DOCS = re.compile(
    r"(?i:media|news|press|local|foreign|state|unconfirmed|some|several|multiple|various|other|one|another|"
    r"two|three|many|earlier|previous|recent)\b"
)
"""Words that leave a document unnamed ("according to media reports", "citing local news reports")."""


SOURCES_MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "models" / "sources.json"
"""How often a source of each kind is right, fitted on PolNeAR train (``python -m dossier.train sources``)."""


@cache
def kind_confidence() -> Mapping[str, float]:
    """The shipped confidence by kind (empty when the package carries none); kinds absent have no labelled data."""
    try:
        kinds = json.loads(SOURCES_MODEL_PATH.read_text(encoding="utf-8"))["kinds"]
    except (OSError, KeyError, ValueError):
        return {}
    return {str(k): float(v) for k, v in kinds.items()}


def extract_sources(doc: Doc, entities: Sequence[Entity], layout: Layout) -> list[Source]:
    """Sources cited in ``doc``: outlets, agencies and documents, one ``Source`` per mention, in text order.

    Each carries the fitted confidence of its kind (None for kinds PolNeAR has no labels for)."""
    text = doc_text(doc)
    confidence = kind_confidence()
    index = MentionIndex(entities)
    found: dict[tuple[int, int], Source] = {}
    spans: list[tuple[int, int]] = []  # sorted keys of ``found``

    def add(kind: str, span: NameSpan) -> None:
        key = (span.start, span.end)
        i = bisect.bisect_right(spans, (span.start, len(text) + 1))
        # a span inside one already found is the same mention (names are short: look a few back)
        if any(s <= span.start and span.end <= e for s, e in spans[max(0, i - 4) : i]):
            return
        entity = index.at(span.start, span.end)
        entity_id = entity.id if entity else None
        found[key] = Source(span.name, kind, span.text, span.start, span.end, entity_id, confidence.get(kind))
        bisect.insort(spans, key)

    lowered = text.lower()
    matches = [list(_matches(cue, text, lowered)) for cue in _CUES]  # each cue's scan, once (used up to 3 times)
    from_layout = list(_from_layout(text, layout))
    # an outlet this article names unmistakably ("reported by InsideSources", "Source: X") is one everywhere in it
    seen = {span.name for kind, span in from_layout if kind == "source_line"}
    for cue, cue_matches in zip(_CUES, matches, strict=True):
        if cue.accept is _any_name and cue.kind in ("reported_by", "report"):
            seen.update(
                s.name
                for candidates in cue_matches
                for s in candidates
                if not (_AUTHORED.search(text[max(0, s.start - 40) : s.start]) and _a_person(s, index))
                and not _a_place(s, index)
            )
    for kind, span in from_layout:
        add(kind, span)
    for cue, cue_matches in zip(_CUES, matches, strict=True):
        for candidates in cue_matches:
            for span in _unless_person(_described(candidates, text), index):
                if cue.accept is _media and _ambiguous(span, text):
                    break  # "Dr Fox said", "Sun said" (the company): a surname or a word, not the outlet
                authored = _AUTHORED.search(text[max(0, span.start - 40) : span.start]) is not None
                if ((authored and _a_person(span, index)) or _a_place(span, index)) and span.name not in seen:
                    break  # "the story by EB White", "reported in China": a person or a place, not a media source
                if cue.accept(span.text, text[span.end : span.end + 40]) or (cue.kind != "wire" and span.name in seen):
                    for part in _pair(span):
                        add(cue.kind, part)
                    break
    # short forms of an outlet named in full earlier: "the Post" after "The Washington Post"
    full = _full_names(found.values())
    if full:
        for key, source in list(found.items()):
            if source.kind != "byline" and _last_word(source.name, single=True) in full:
                found[key] = replace(source, name=full[_last_word(source.name, single=True)])
        for cue, cue_matches in zip(_CUES, matches, strict=True):
            if cue.kind == "wire":
                continue
            for candidates in cue_matches:
                for span in candidates:
                    word = _last_word(span.text, single=True)
                    if word in full:
                        add(cue.kind, replace(span, name=full[word]))
                        break
    for m in _DOCUMENT_ONLY.finditer(text) if "according to" in lowered or "citing" in lowered else ():
        document = _document_span(m)
        if document is not None:
            add("according_to" if m.group(0)[:1].lower() == "a" else "citation", document)
    return sorted(found.values(), key=lambda s: (s.start, s.end))


_DESCRIPTOR = re.compile(
    r"[ \t]+(?:(?:think-tank|think|tank|firm|group|company|charity|consultancy|agency|watchdog|newspaper|"
    r"magazine|broadcaster|website|researchers?|analysts?|bank|regulator|organi[sz]ation|lobby|pollster|institute|"
    r"network|tabloid|paper|channel|station|campaign|pressure|advocacy|rights|research|market|industry|trade|"
    r"consumer|news|wire|service|outlet|daily|weekly|body)[ \t]+){1,3}"
    rf"(?P<name>{_TOKEN}(?:[ \t]+{_TOKEN}){{0,5}})"
)
"""A lower-case description between a place and the name ("UK think-tank Demos", "US research firm Gartner")."""


def _described(candidates: list[NameSpan], text: str) -> list[NameSpan]:
    """The name after a description, not the place before it ("a report by UK think-tank Demos" -> Demos)."""
    if not candidates:
        return candidates
    first = max(candidates, key=lambda c: c.end - c.start)
    m = _DESCRIPTOR.match(text, first.end)
    if m is None or is_known(first.text):
        return candidates
    raw = m.group("name")
    return [NameSpan(canonical(raw), raw, m.start("name"), m.end("name"))]


def _last_word(name: str, *, single: bool = False) -> str:
    """The last word of a name, lower-case, without "the"; with ``single``, "" unless it is the only word."""
    words = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE).lower().split()
    if not words or (single and len(words) != 1):
        return ""
    return words[-1]


def _full_names(sources: Iterable[Source]) -> dict[str, str]:
    """Last word -> full name of the multi-word outlets found ("post" -> "The Washington Post")."""
    full: dict[str, str] = {}
    for source in sources:
        words = re.sub(r"^the\s+", "", source.name, flags=re.IGNORECASE).split()
        if source.kind != "byline" and len(words) >= 2 and looks_like_outlet(source.name):
            full.setdefault(words[-1].lower(), source.name)
    return full


def _from_layout(text: str, layout: Layout) -> Iterator[tuple[str, NameSpan]]:
    """Sources in the lines the layout left out of the body: "Source:" lines, bylines, author bios."""
    for start, end, reason in layout.boilerplate:
        if reason == "source line":
            for span in parse_source_line(text, start, end):
                yield "source_line", span
        elif reason == "byline":
            credit = parse_byline(text, start, end)
            for span in (*credit.authors, *credit.outlets):
                yield "byline", span
        elif reason == "author bio":
            bio = parse_bio(text, start, end)
            if bio is not None:
                for span in (*bio.authors, *bio.outlets):
                    yield "byline", span


def _matches(cue: _Cue, text: str, lowered: str) -> Iterator[list[NameSpan]]:
    """For each place the cue occurs, its candidate names, best first (``lowered`` is ``text.lower()``)."""
    if cue.keys and not any(k in lowered for k in cue.keys):
        return  # a plain substring test is far faster than the regex scan it saves
    for m in cue.pattern.finditer(text):
        if cue.before is None:
            yield list(_candidates(m, False))
            continue
        window_start = max(0, m.start() - _LOOKBACK)
        b = cue.before.search(text, window_start, m.start())
        if b is not None:
            yield list(_candidates(b, True))


def _unless_person(candidates: list[NameSpan], index: MentionIndex) -> list[NameSpan]:
    """The candidates, but no outlet cut out of a person's name ("Fox" from "Vicente Fox said")."""
    if len(candidates) < 2:
        return candidates
    full = max(candidates, key=lambda c: c.end - c.start)
    entity = index.at(full.start, full.end)
    if entity is None or entity.type != "PERSON" or is_known(full.text):
        return candidates
    covers = any(m.start <= full.start and full.end <= m.end for m in entity.mentions)
    return [full] if covers else candidates


def _a_person(span: NameSpan, index: MentionIndex) -> bool:
    """A name the entities stage holds for a person named in two or more words ("Comey" of "James Comey"),
    and nothing like an outlet."""
    entity = index.at(span.start, span.end)
    return (
        entity is not None
        and entity.type == "PERSON"
        and (len(span.text.split()) >= 2 or len(entity.name.split()) >= 2)
        and not looks_like_outlet(span.text)
        and not looks_like_outlet(entity.name)
    )


_TITLES = re.compile(
    r"(?:\b(?:Dr|Mr|Mrs|Ms|Miss|Sir|Lord|Lady|Dame|Prof|Professor|President|Senator|Sen|Rep|Gov|Judge|Justice|"
    r"Gen|General|Col|Capt|Rev|Father|Bishop|Chancellor|Minister|Secretary|Chairman|King|Queen|Prince|Princess)"
    r"\.?[ \t]+)$"
)
_WORD_OUTLETS = lexicons.words("words_nlp", list="sources._WORD_OUTLETS")  # fmt: skip
"""Outlet names that are also an English word or a company ("Sun said", "Time will tell"): trusted after "the"
or before a media noun only. (A surname outlet such as "Fox" is judged by its title: "Dr Fox said".)"""


def _ambiguous(span: NameSpan, text: str) -> bool:
    """Whether a one-word name after a weak cue is more likely a person or a word than the outlet.

    After a title ("Dr Fox") it is a person; without "the" before it or a media noun after it ("Sun said"
    is the company, "the Sun said" and "Sun newspaper" the paper) a word outlet is not trusted.
    """
    before = text[max(0, span.start - 20) : span.start]
    if _TITLES.search(before):
        return True
    if len(span.text.split()) != 1 or span.text.lower().lstrip("the ").strip() not in _WORD_OUTLETS:
        return False
    media_after = re.match(rf"[ \t]+(?:{_MEDIA_NOUNS})\b", text[span.end : span.end + 30]) is not None
    return not before.lower().endswith("the ") and not media_after


def _pair(span: NameSpan) -> list[NameSpan]:
    """Two outlets joined by "and" as two sources ("reports from The Wrap and Deadline"); one name otherwise
    ("Procter and Gamble"): only when a side starts with "The" or is a known outlet."""
    m = re.fullmatch(r"(?P<a>.+?)[ \t]+and[ \t]+(?P<b>.+)", span.text)
    if m is None or is_known(span.text):
        return [span]
    a, b = m.group("a"), m.group("b")
    if not (a.startswith("The ") or b.startswith("The ") or is_known(a) or is_known(b)):
        return [span]
    sb = span.start + m.start("b")
    return [NameSpan(canonical(a), a, span.start, span.start + len(a)), NameSpan(canonical(b), b, sb, sb + len(b))]


def _a_place(span: NameSpan, index: MentionIndex) -> bool:
    """A name the entities stage holds for a place, all of it ("has been reported in China"; not "the Argus
    Leader of Sioux Falls"), and no known outlet."""
    entity = index.at(span.start, span.end)
    if entity is None or entity.type not in ("GPE", "LOC") or looks_like_outlet(span.text):
        return False
    return any(m.start <= span.start and span.end <= m.end for m in entity.mentions)


_AUTHORED = re.compile(
    r"(?i:\b(?:written|story|stories|article|book|novel|poem|column|essay|piece|op-ed|memoir|letter|memos?|"
    r"blog post|tweet)s?[ \t]+(?:written[ \t]+)?by[ \t]+(?:the[ \t]+)?)$"
)
"""An authored work before its author ("the story by EB White", "memos written by Comey"): a person there is
the writer; after "a survey from", "a report by" a name tagged PERSON is as often a firm ("Piper Jaffray")."""


def _candidates(m: re.Match[str], name_first: bool) -> Iterator[NameSpan]:
    """The cue's name, then shorter names nearer the cue ("CNN Sunday" -> "CNN"; "Yesterday Reuters" -> "Reuters")."""
    raw = re.sub(r"['’]s?$", "", m.group("name"))
    start = m.start("name")
    the = m.groupdict().get("the")
    if the and the.startswith("The"):  # a capital "The" inside a sentence is part of the name
        start, raw = m.start("the"), the + raw
    words = list(re.finditer(r"\S+", raw))
    owner = max((i for i, w in enumerate(words[:-1]) if re.search(r"['’]s$", w.group(0))), default=-1)
    if name_first and owner >= 0:
        words = words[owner + 1 :]  # "South Korea's Munhwa Ilbo reported": the paper, not its country
    cut = next((i for i, w in enumerate(words) if i and w.group(0) in _NOT_NAMES), len(words))
    words = words[:cut] if not name_first else words  # "the Financial Times on Monday" -> "the Financial Times"
    n = len(words)
    pieces: list[NameSpan] = []
    for i, w in enumerate(words[1:-1], 1):  # "Bill O'Reilly of Fox News": the outlet after "of"/"at"
        if w.group(0) in ("of", "at") and is_known(raw[words[i + 1].start() : words[-1].end()]):
            tail = raw[words[i + 1].start() : words[-1].end()]
            pieces.append(NameSpan(canonical(tail), tail, start + words[i + 1].start(), start + words[-1].end()))
    for k in range(n, 0, -1):
        part = words[n - k : n] if name_first else words[:k]
        s, e = part[0].start(), part[-1].end()
        piece = raw[s:e]
        if piece.split()[-1] in ("and", "&", "of", "for", "on", "de", "la", "le", "il", "el"):
            continue
        first = piece.split()[0].rstrip(".")
        if first in _NOT_NAMES or (first == "The" and len(piece.split()) == 1):
            continue
        pieces.append(NameSpan(canonical(piece), piece, start + s, start + e))
    # a known outlet inside a longer run of capitals ("Reuters Moscow bureau chief") is the name
    yield from sorted(pieces, key=lambda p: not is_known(p.text))


def _document_span(m: re.Match[str]) -> NameSpan | None:
    """A document named without its author ("according to court documents")."""
    raw = m.group("doc")
    start = m.start("doc")
    det = re.match(rf"{_A}", raw)
    if det:
        raw, start = raw[det.end() :], start + det.end()
    if not raw or raw.lower() in ("data", "figures", "estimates", "records", "statement", "story", "article"):
        return None  # too generic to name on its own
    if _GENERIC_DOCS.match(raw):
        return None  # "according to media reports": no outlet named
    return NameSpan(raw, raw, start, start + len(raw))


def normalize_entity_names(entities: Sequence[Entity], sources: Sequence[Source]) -> list[Entity]:
    """Give an outlet entity the normalized name of the source linked to it ("IL Tempo" -> "Il Tempo"), and the
    type of an organization when a known outlet cited as a source was typed a place or a person.

    Only case differs, so the referent is the same; the surface form stays an alias.
    """
    names = {s.entity: s.name for s in sources if s.entity}
    outlets = {s.entity for s in sources if s.entity and s.kind != "byline" and is_known(s.name)}
    out = []
    for e in entities:
        name = names.get(e.id)
        if name and name != e.name and name.casefold() == e.name.casefold():
            aliases = e.aliases if e.name in e.aliases else (*e.aliases, e.name)
            e = replace(e, name=name, aliases=aliases)
        if e.id in outlets and e.type in ("GPE", "LOC", "NORP", "PERSON") and len(e.name.split()) <= 3:
            e = replace(e, type="ORG")  # "Bloomberg reported": a known outlet cited as a source is an organization
        out.append(e)
    return out
