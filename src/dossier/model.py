"""The records dossier produces: frozen dataclasses with character offsets.

Every offset indexes into ``Article.text``. Records import nothing from the rest
of the package, hold no spaCy objects and pickle cleanly (for Spark and
multiprocessing). ``to_dict``/``from_dict`` give the JSON contract
(``schema/article.schema.json``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

QuoteKind = Literal["direct", "indirect", "mixed"]
"""How a quote is rendered: verbatim in marks, paraphrased, or partly quoted."""

QuoteCategory = Literal["speech", "belief", "knowledge", "finding", "plan", "document"]
"""What an attribution is: something said or written, a belief, knowledge, a finding, a plan, or what a
document says. Analyses stored before categories existed read back as ``speech``."""

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
"""TIMEX3 types as TempEval-3 defines them."""

SourceKind = Literal["reported_by", "according_to", "source_line", "wire", "byline", "interview", "report", "citation"]
"""How a media source is invoked in the text."""


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in the text where an entity is referred to."""

    start: int
    end: int
    text: str
    kind: str = "name"
    """``name`` (a proper name), ``nominal`` ("the former spy") or ``pronoun``."""


@dataclass(frozen=True, slots=True)
class Entity:
    """One referent of an article, with all its names and mentions."""

    id: str
    name: str
    type: str
    """spaCy OntoNotes label: PERSON, ORG, GPE, LOC, NORP, FAC, ..."""
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a quote is attributed to."""

    name: str
    entity: str | None = None
    """Id of the article entity the speaker resolves to, when there is one."""
    start: int | None = None
    end: int | None = None
    """The mention the attribution hangs on (may be a pronoun)."""
    confidence: float | None = None
    """The fitted probability that this is who said it (None when no speaker model is shipped)."""


@dataclass(frozen=True, slots=True)
class Quote:
    """A statement attributed to someone in the text."""

    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: Speaker | None
    cue: str | None
    confidence: float
    cue_start: int | None = None
    cue_end: int | None = None
    note: str | None = None
    """Why something is missing or unusual (e.g. no closing quotation mark, speaker not named)."""
    category: QuoteCategory = "speech"
    """What the attribution is (speech, belief, knowledge, finding, plan, document); see ``QuoteCategory``."""


@dataclass(frozen=True, slots=True)
class Source:
    """An outlet, agency, person or document that a claim is attributed to."""

    name: str
    kind: str
    text: str
    start: int
    end: int
    entity: str | None = None
    confidence: float | None = None
    """How often a source of this kind is right, fitted on PolNeAR train (None: no labelled data for the kind)."""


@dataclass(frozen=True, slots=True)
class Timex:
    """A time expression normalized to a TIMEX3 value."""

    text: str
    start: int
    end: int
    type: TimexType
    value: str
    anchor: str | None = None
    """What the value was resolved against: ``publication``, ``narrative`` or None (absolute)."""


@dataclass(frozen=True, slots=True)
class EventDate:
    """When an event happened, with the text that says so."""

    text: str
    value: str
    basis: str = "clause"
    """``clause`` (timex in its clause), ``governing`` (nearest governing timex) or ``published``."""
    anchor: str | None = None
    """Where the date comes from, most local first: ``clause`` (a timex in the event's clause), ``sentence``
    (one in its sentence), ``narrative`` (a time the story set earlier: "In 1970 ... The following year") or
    ``published`` (the publication date, when nothing in the text dates it)."""


@dataclass(frozen=True, slots=True)
class Participant:
    """Who took part in an event and in what role."""

    role: str
    name: str
    entity: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, when and where — with its evidence sentence."""

    type: str
    cameo: str | None
    trigger: str
    start: int
    end: int
    sentence: str
    date: EventDate | None
    participants: tuple[Participant, ...]
    location: str | None
    confidence: float
    sentence_start: int | None = None
    sentence_end: int | None = None
    modality: str = "asserted"
    """What the text says of it: ``asserted`` (it happened), ``reported`` (someone claims it did),
    ``negated`` (it did not), ``future`` (it will) or ``hypothetical`` (it might)."""


@dataclass(frozen=True, slots=True)
class Layout:
    """What the text is made of beyond the body: bylines, datelines, bios, source lines."""

    body: tuple[tuple[int, int], ...]
    title: str | None = None
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    dateline: tuple[int, int] | None = None
    boilerplate: tuple[tuple[int, int, str], ...] = ()
    """Spans left out of the body and why: (start, end, reason)."""


@dataclass(frozen=True, slots=True)
class Document:
    """An input article before analysis: what a reader produced."""

    text: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    path: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    language: str | None = None
    warnings: tuple[str, ...] = ()
    extracted_from_html: bool = False


@dataclass(frozen=True, slots=True)
class Article:
    """The analysis of one article: the JSON contract."""

    id: str
    source: dict[str, str]
    title: str | None
    outlet: str | None
    authors: tuple[str, ...]
    published: str | None
    language: str | None
    text: str
    body: tuple[tuple[int, int], ...]
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    sources: tuple[Source, ...] = ()
    timexes: tuple[Timex, ...] = ()
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = ()
    content_hash: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    """Extra facts (published-date basis, dateline, boilerplate spans)."""

    def to_dict(self) -> dict[str, Any]:
        """The article as the JSON contract's object."""
        return _plain(self)  # type: ignore[no-any-return]

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        """Rebuild an article from its contract object (as stored or exported)."""
        ents = tuple(
            Entity(
                id=e["id"],
                name=e["name"],
                type=e["type"],
                aliases=tuple(e.get("aliases") or ()),
                mentions=tuple(Mention(**m) for m in e.get("mentions") or ()),
                confidence=e.get("confidence", 1.0),
            )
            for e in d.get("entities") or ()
        )
        quotes = tuple(
            Quote(**{**q, "speaker": Speaker(**q["speaker"]) if q.get("speaker") else None})
            for q in d.get("quotes") or ()
        )
        events = tuple(
            Event(
                **{
                    **ev,
                    "date": EventDate(**ev["date"]) if ev.get("date") else None,
                    "participants": tuple(Participant(**p) for p in ev.get("participants") or ()),
                }
            )
            for ev in d.get("events") or ()
        )
        return cls(
            id=d["id"],
            source=dict(d.get("source") or {}),
            title=d.get("title"),
            outlet=d.get("outlet"),
            authors=tuple(d.get("authors") or ()),
            published=d.get("published"),
            language=d.get("language"),
            text=d["text"],
            body=tuple((int(a), int(b)) for a, b in d.get("body") or ()),
            entities=ents,
            quotes=quotes,
            sources=tuple(Source(**s) for s in d.get("sources") or ()),
            timexes=tuple(Timex(**t) for t in d.get("timexes") or ()),
            events=events,
            warnings=tuple(d.get("warnings") or ()),
            content_hash=d.get("content_hash", ""),
            meta=dict(d.get("meta") or {}),
        )


def _plain(obj: Any) -> Any:
    """Dataclasses/tuples -> JSON-ready dicts/lists (fast, no deepcopy)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [_plain(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    return obj
