"""Events: who did what to whom, when and where, from the sentence that says it.

How it works (a pure stage over a parsed ``Doc``; the taxonomy is in
``event_taxonomy`` and docs/events.md):

1. Every verb or noun whose lemma is in the trigger lexicon is a candidate. Its
   sense checks keep other senses out: the object of "release" must be a person
   ("released a report" is not an event), "attack" must hit a physical target,
   "sanctions", "asylum" and "agreement" count only under a support verb
   ("imposed sanctions", "sought asylum", "signed an agreement"), and nouns used
   as modifiers ("arrest warrant", "death toll") are never triggers.
2. Events not asserted as real are dropped: negated ("was not arrested", "no
   arrests"), modal or future ("may be arrested", "will visit"), conditional
   ("if Russia invades"), questions, and complements of non-factual governors
   ("denied attacking", "plans to invade", "a warrant for his arrest").
3. Participants come from the parse with the voice taken into account ("X was
   arrested by Y": Y agent, X patient), subjects inherited across coordination,
   participles and relative clauses, nominal frames ("Russia's invasion of
   Ukraine", "the arrest of X by Y"), support verbs ("he took part in
   demonstrations") and prepositions mapped per type ("between", "against").
   Each is resolved to an entity with ``MentionIndex`` (so a pronoun the
   coreference stage resolved maps to its entity) and reported by the entity's
   canonical name; a demonym modifier ("Russian invasion") maps to the country
   when the article names it. Unresolved pronouns are dropped.
4. The date is chosen by ``event_dates.choose_date``; the location is a
   GPE/LOC/FAC entity in a locative phrase of the trigger's clause.
5. Repeated mentions of one event are merged (``event_merge``): same type,
   compatible dates and participants, the most informative mention kept.

The evidence sentence is spaCy's sentence clipped to the trigger's paragraph
(line), so a sentence the parser ran across a line break is not the evidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Token

from ...model import Entity, Event, Layout, Participant, Timex
from .. import lexicons
from ..spans import MentionIndex, doc_text
from .args import QUANTITY_NOUNS, ArgContext, looks_like, participant
from .dates import choose_date, place_timexes
from .figurative import (
    PHYSICAL_HARM_WORDS,
    game_sense,
    sport_article,
    verbal_attack,
    verbal_attack_on_person,
)
from .fitted import features, load_model
from .lexical import left_out, load_lexical_model
from .lexicon import (
    DECIDED_TYPES,
    ENGLISH_WORDS,
    SPECIFYING_PREPS,
    THREAT_OBJECTS,
)
from .merge import OBJECT_ROLES, merge_events
from .syntax import (
    PERSON_PRONOUNS,
    PLACE_LABELS,
    SUBJECTS,
    alleged,
    by_agent,
    clause_head,
    conjuncts,
    decided,
    direct_object,
    generic,
    generic_mention,
    hedged,
    is_passive,
    modality,
    preps,
    subject,
)
from .taxonomy import TYPES, Sense
from .triggers import Candidate, candidates, evidence_bounds

REQUIRE_PARTICIPANT = False
"""Whether a reported (merged) event must name a participant, a place or its own date ("a general election":
which?); bare mentions would still count as further mentions of a named event. Off, as chosen on WikiEvents dev:
on, merged trigger precision rises 0.71 -> 0.72 but recall falls 0.47 -> 0.39 (F1 0.56 -> 0.51), and ten
hand-checked real events of the tests ("the explosion in Lyon", "the 1995 Srebrenica massacre") would be lost."""

KEPT_MODALITIES = lexicons.words("words_events", list="extract.KEPT_MODALITIES")
"""What is reported by default: what the text says happened, did not happen or will happen (not what might)."""


def extract_events(
    doc: Doc,
    entities: Sequence[Entity],
    timexes: Sequence[Timex],
    *,
    published: str | None = None,
    merge: bool = True,
    layout: Layout | None = None,
    modalities: frozenset[str] = KEPT_MODALITIES,
    threshold: float | None = None,
    require_participant: bool | None = None,
    lexical_threshold: float | None = None,
) -> list[Event]:
    """Events in ``doc`` with participants resolved to ``entities`` and dates from ``timexes``.

    With ``merge`` (the default) repeated mentions of one event are one record (``event_merge``);
    without it every mention is reported (what mention-level benchmarks such as WikiEvents score).
    With ``layout`` only the article's body counts: nothing from its headline, captions, "READ MORE" lines or
    other boilerplate. ``modalities`` says which events are kept (see :data:`KEPT_MODALITIES`). Each event's
    confidence is the fitted trigger model's probability (``fitted``); below its threshold (or ``threshold``, what the
    benchmarks try) it is dropped. ``require_participant`` overrides :data:`REQUIRE_PARTICIPANT`. Trigger words the
    rules left out are kept as bare events when the second look's probability (``lexical``) reaches its threshold (or
    ``lexical_threshold``; above 1, none is).
    """
    model = load_model()
    keep_at = model.threshold if model is not None and threshold is None else threshold
    required = REQUIRE_PARTICIPANT if require_participant is None else require_participant
    events: list[Event] = []
    proposed, left = _proposals(doc, entities, timexes, published, layout)
    for event, feats in proposed:
        if event.modality not in modalities:
            continue
        if model is not None:
            p = model.probability(feats)
            if keep_at is not None and p < keep_at:
                continue
            event = replace(event, confidence=round(max(0.01, min(0.99, p)), 2))
        events.append(event)
    second = load_lexical_model()
    if second is not None:
        second_at = second.threshold if lexical_threshold is None else lexical_threshold
        for event, feats in left:
            p = second.probability(feats)
            if event.modality in modalities and p >= second_at:
                events.append(replace(event, confidence=round(max(0.01, min(0.99, p)), 2)))
    if not merge:
        return sorted(events, key=lambda ev: (ev.start, ev.end))
    # a bare repeat ("the attack") is kept as a mention of a named event; alone it tells a reader nothing to follow
    return [ev for ev in merge_events(events) if _followable(ev) or not required]


def _followable(ev: Event) -> bool:
    """Whether an event says who, where or when of its own: a participant, a place, or a date in its sentence."""
    return bool(ev.participants or ev.location or (ev.date is not None and ev.date.anchor in ("clause", "sentence")))


def event_features(
    doc: Doc,
    entities: Sequence[Entity],
    timexes: Sequence[Timex],
    *,
    published: str | None = None,
    layout: Layout | None = None,
) -> list[tuple[Event, dict[str, float]]]:
    """Every event the rules propose (any modality, before the fitted decision), with the features the trigger
    model weighs: what ``python -m dossier.train events`` fits on."""
    return _proposals(doc, entities, timexes, published, layout)[0]


def lexical_proposals(
    doc: Doc,
    entities: Sequence[Entity],
    timexes: Sequence[Timex],
    *,
    published: str | None = None,
    layout: Layout | None = None,
) -> list[tuple[Event, dict[str, float]]]:
    """The trigger words the rules left out, each as a bare event with the features the second look weighs (what
    ``benchmarks/events_lexical_fit.py`` fits on)."""
    return _proposals(doc, entities, timexes, published, layout)[1]


Proposals = list[tuple[Event, dict[str, float]]]
"""Events with the features a fitted decision weighs."""


def _proposals(
    doc: Doc, entities: Sequence[Entity], timexes: Sequence[Timex], published: str | None, layout: Layout | None
) -> tuple[Proposals, Proposals]:
    """The rules' proposals, and the lexicon words they left out (as bare events)."""
    if not english(doc):
        return [], []  # German "die" is not a death: the trigger lexicon is English
    body = _body_spans(doc_text(doc), layout, doc)
    placed = place_timexes(doc, timexes)
    in_timex = frozenset(i for p in placed for i in p.tokens)
    ctx = ArgContext(doc, MentionIndex(entities), entities, placed, published, in_timex, sport_article(doc))
    out: Proposals = []
    taken: list[tuple[int, int, str]] = []
    heads: set[int] = set()
    for cand in candidates(doc, ctx):
        s, e = doc[cand.span[0]].idx, doc[cand.span[1] - 1].idx + len(doc[cand.span[1] - 1])
        heads.add(cand.head.i)
        if any(a < e and s < b and t == cand.type.name for a, b, t in taken):
            continue
        if not any(a <= s and e <= b for a, b in body):
            continue  # a caption, a "READ MORE" line, another story's headline
        event = _build(cand, ctx)
        if event is not None:
            feats = features(event, cand.head, cand.sense.lemma, cand.sense.confidence, cand.support is not None)
            out.append((event, feats))
            taken.append((s, e, cand.type.name))
    spans = [(a, b) for a, b, _ in taken]
    bare: Proposals = []
    for tok, sense, feats in left_out(doc, spans, frozenset(heads), ctx):
        if not any(a <= tok.idx and tok.idx + len(tok) <= b for a, b in body) or tok.i in in_timex:
            continue
        event = _bare_event(tok, sense, ctx)
        if event is not None:
            bare.append((event, feats))
    return out, bare


def _bare_event(tok: Token, sense: Sense, ctx: ArgContext) -> Event | None:
    """A lexicon word as an event with no participants: its modality, evidence and date (None: no single event)."""
    doc = ctx.doc
    mood = modality(tok)
    if mood is None:
        return None
    lo, hi, s_char, e_char = evidence_bounds(doc, tok)
    clause = clause_head(tok)
    paragraph_start = doc_text(doc).rfind("\n", 0, tok.idx) + 1
    date = choose_date(
        doc, tok, [tok], clause, ctx.placed, (lo, hi), paragraph_start, ctx.published, clause.i == tok.i,
        mood == "future",
    )  # fmt: skip
    if date is not None and date.anchor == "published" and mood in ("future", "hypothetical"):
        date = None
    kind = TYPES[sense.type]
    return Event(
        type=kind.name,
        cameo=sense.cameo or kind.cameo,
        trigger=tok.text,
        start=tok.idx,
        end=tok.idx + len(tok),
        sentence=doc_text(doc)[s_char:e_char],
        date=date,
        participants=(),
        location=None,
        confidence=0.5,
        sentence_start=s_char,
        sentence_end=e_char,
        modality=mood,
    )


# --- checks on arguments ----------------------------------------------------------------------


# --- building the event -----------------------------------------------------------------------


def _roles(cand: Candidate) -> list[tuple[str, Token, str | None]]:
    """(role, argument token, preposition) for every argument the parse gives the trigger."""
    kind, head = cand.type, cand.head
    out: list[tuple[str, Token, str | None]] = []
    if cand.sense.lemma == "dead":
        victim = direct_object(head) if not is_passive(head) and direct_object(head) is not None else subject(head)
        out.append(("patient", victim or head, None))
        out.extend((kind.preps[p], o, p) for p, o in preps(head) if p in ("in", "at", "near"))
    elif head.pos_ in ("VERB", "AUX"):
        subj = subject(head)
        if is_passive(head):
            if subj is not None and not cand.sense.objects:
                out.append((kind.object, subj, None))
            agent = by_agent(head)
            if agent is not None:
                out.append((kind.subject, agent, None))
        else:
            if subj is not None:
                out.append((cand.sense.subject_role or kind.subject, subj, None))
            obj = direct_object(head)
            menace = kind.name == "threat" and obj is not None and obj.lemma_.lower() in THREAT_OBJECTS
            if obj is not None and not cand.sense.objects and not menace:
                out.append((kind.object, obj, None))  # "threatened united action": what they threaten with
            for c in head.children:
                if c.dep_ in ("dative", "iobj") and c.pos_ in ("PROPN", "NOUN", "PRON"):
                    out.append(("recipient", c, None))
    else:
        for c in head.children:
            if c.dep_ == "poss":
                place = c.ent_type_ in ("GPE", "LOC", "FAC") and kind.modifier is None
                out.append(("location", c, "in") if place else (kind.poss, c, None))
            elif c.dep_ in ("compound", "amod", "nmod") and c.pos_ in ("PROPN", "ADJ", "NOUN") and c.ent_type_:
                if c.ent_type_ in ("GPE", "LOC", "FAC") and kind.modifier is None:
                    out.append(("location", c, "in"))
                elif kind.modifier is not None and c.ent_type_ in ("NORP", "GPE", "ORG"):
                    out.append((kind.modifier, c, None))
    for p, obj in preps(head):
        if head.pos_ == "NOUN" and p == "of" and kind.name == "visit":
            out.append((kind.subject, obj, None))  # "the visit of the president"
        elif head.pos_ == "NOUN" and p == "of":
            out.append((kind.object, obj, None))
        elif head.pos_ == "NOUN" and p == "by":
            out.append((kind.subject, obj, None))
        elif p in kind.preps and not (p == "by" and head.pos_ == "VERB"):
            out.append((kind.preps[p], obj, p))
    if cand.support is not None:
        sup = cand.support
        role = cand.support_role or kind.subject
        subj = subject(sup)
        if is_passive(sup):
            if subj is not None and subj.i != head.i:
                out.append((kind.object if kind.object != "target" else "recipient", subj, None))
            agent = by_agent(sup)
            if agent is not None:
                out.append((role, agent, None))
        elif subj is not None:
            out.append((role, subj, None))
        for c in sup.children:
            if c.dep_ in ("dative", "iobj"):
                out.append(("recipient", c, None))
        direct = direct_object(sup)
        if direct is not None and direct.i != head.i and cand.type.name == "exchange":
            out.append(("patient", direct, None))
        for p, obj in preps(sup):
            if p in kind.preps and obj.i != head.i:
                out.append((kind.preps[p], obj, p))
    for role, tok, via in list(out):
        if via is not None:
            # "exploded outside the embassy in Kabul": the place hangs one phrase down
            out.extend(("location", obj, p) for p, obj in preps(tok) if p in ("in", "at"))
        if role in (kind.subject, "agent"):
            # "Police in Hong Kong arrested ...": the actor's place is where it happened
            out.extend(("location", obj, p) for p, obj in preps(tok) if p in ("in", "at"))
    clause = clause_head(cand.support or head)
    if clause.dep_ == "relcl" and any(c.lower_ == "where" for c in clause.children):
        out.append(("location", clause.head, "in"))  # "Bakhmut, where forces have fought"
    if head.dep_ in SUBJECTS and head.head.pos_ == "VERB":
        # "Protests erupted in Moscow": the location hangs on the predicate
        for p, obj in preps(head.head):
            if p in ("in", "at", "near", "outside"):
                out.append(("location", obj, p))
    for _role, tok, via in list(out):
        if via in ("in", "at", "near", "outside"):
            # "at a Moscow airport": the named place is a modifier of the phrase
            out.extend(("location", c, via) for c in tok.children if c.dep_ == "compound" and c.ent_type_)
    expanded: list[tuple[str, Token, str | None]] = []
    for role, tok, via in out:
        for c in conjuncts(tok):
            expanded.append((role, c, via))
    return expanded


def _participants(
    cand: Candidate, ctx: ArgContext, roles: list[tuple[str, Token, str | None]], lo: int, hi: int
) -> tuple[list[Participant], str | None]:
    """Who the event's roles name inside its evidence (one participant per role and referent), and where."""
    participants: list[Participant] = []
    location: str | None = None
    seen: set[tuple[str, str]] = set()
    for role, tok, prep in roles:
        if not lo <= tok.i < hi or tok.i in range(*cand.span) or tok.i in ctx.timex_tokens:
            continue
        if tok.ent_type_ in ("DATE", "TIME") or (role == "location" and prep is None and tok.ent_type_ == ""):
            continue  # "Saturday's attack": a time is not a participant
        if role == "agent" and cand.type.name == "death" and not looks_like(tok, "person", ctx):
            role = "cause"  # "IED kills general", "the attack killed three": not a killer
        resolved = participant(role, tok, ctx, lo, hi)
        if resolved is None:
            continue
        part, ent = resolved
        person_slot = tok.pos_ == "PRON" and role == cand.type.object and cand.sense.check in ("person", "captive")
        if person_slot and ent is not None and ent.type not in ("PERSON", "NORP"):
            continue  # "The Pentagon says they were freed": those freed are people, not the Pentagon
        key = (role, part.entity or part.name)
        if key in seen:
            continue
        seen.add(key)
        is_place = ent is not None and ent.type in PLACE_LABELS
        if location is None and is_place and (role == "location" or prep in ("in", "at")):
            location = part.name
        if role == "location" and not is_place:
            continue
        if role in ("recipient", "destination") and prep is not None and ent is None:
            continue  # "seeking asylum in detention": a place or party must be named
        participants.append(part)
    objects = {p.entity for p in participants if p.entity and p.role in OBJECT_ROLES}
    # "Pochettino fired by Tottenham Pochettino" (one tag over two names): nobody fires, arrests or attacks
    # themselves here; a role the object already fills is a parse of the same words, not a second party
    participants = [p for p in participants if p.role in OBJECT_ROLES or p.entity is None or p.entity not in objects]
    return participants, location


def _retype(
    cand: Candidate,
    ctx: ArgContext,
    roles: list[tuple[str, Token, str | None]],
    participants: list[Participant],
    location: str | None,
    span: tuple[int, int],
    persons: int,
) -> tuple[str, str | None] | None:
    """The event's type and CAMEO code once its evidence is read (an attack by explosives is a bombing, an attack
    in words is criticism); None when it is no event at all."""
    doc, head = ctx.doc, cand.head
    lo, hi = span
    nominal = head.pos_ == "NOUN"
    kind, cameo = cand.type.name, cand.sense.cameo or cand.type.cameo
    if kind == "attack" and cand.sense.lemma in ("attack", "assault") and _explosive(doc, lo, hi):
        kind, cameo = "bombing", TYPES["bombing"].cameo  # "the attack ... the bombs": an attack by explosives
    person_hit = persons > 0 or any(
        tok.lower_ in PERSON_PRONOUNS for role, tok, _ in roles if role == "target" or (role == cand.type.object)
    )
    unarmed = not _explosive(doc, lo, hi) and not any(t.lemma_.lower() in PHYSICAL_HARM_WORDS for t in doc[lo:hi])
    whose = {p.role for p in participants}
    by_side = all(t.dep_ in ("amod", "poss") or t.ent_type_ == "NORP" for r, t, _ in roles if r == cand.type.subject)
    if kind == "attack" and nominal and location is None and whose == {"agent"} and unarmed and by_side:
        return None  # "Mr Clarke dismissed the latest Tory attack": someone's attack on nothing, unarmed: words
    if kind == "attack" and (verbal_attack(head) or verbal_attack_on_person(head, doc[lo:hi], person_hit)):
        kind, cameo = "criticism", TYPES["criticism"].cameo  # "attacked the minister over the delay": words
    return kind, cameo


def _build(cand: Candidate, ctx: ArgContext) -> Event | None:
    doc = ctx.doc
    head = cand.head
    mood = modality(head, cand.support)
    if mood is None:
        return None  # a habit, "almost died": no one event
    if mood == "asserted" and cand.type.name not in DECIDED_TYPES and decided(head, cand.support):
        mood = "future"  # "agreed to release the four": not yet released (sanctions "agreed" are the decision)
    if head.pos_ == "VERB" and generic(head, subject(head) if is_passive(head) else direct_object(head)):
        return None  # "People get released from prison when ...": a habit, not an event
    if generic_mention(head, clause_head(cand.support or head)):
        return None  # "in some criminal trials, juries hear ...": trials in general
    lo, hi, s_char, e_char = evidence_bounds(doc, head)
    roles = _roles(cand)
    object_heads = {tok.i for role, tok, _ in roles if role == cand.type.object}
    participants, location = _participants(cand, ctx, roles, lo, hi)
    if any(t.lower_ in ("every", "each", "any") and t.dep_ == "det" and t.head.i in object_heads for t in doc[lo:hi]):
        return None  # "the equivalent of sacking every doctor and teacher": anyone, so no one
    charged = alleged(head)
    if charged:  # "suspected of killing the mother": the death is told, the killer is only alleged
        participants = [p for p in participants if p.role != cand.type.subject]
    persons = sum(1 for p in participants if p.entity and (e := ctx.index.get(p.entity)) and e.type == "PERSON")
    if game_sense(cand.type.name, head, doc[lo:hi], ctx.sport, persons):
        return None  # "they meet Wales on Saturday", "launched a series of attacks" in a match report
    nominal = head.pos_ == "NOUN"
    clause = clause_head(cand.support or head)
    named = direct_object(head) if cand.sense.objects and head.pos_ == "VERB" else None  # "signed a 2015 agreement"
    anchors = [t for t in (head, cand.support, named) if t is not None]
    paragraph_start = doc_text(doc).rfind("\n", 0, head.idx) + 1
    predicate = clause.i in {a.i for a in anchors}
    date = choose_date(
        doc, head, anchors, clause, ctx.placed, (lo, hi), paragraph_start, ctx.published, predicate, mood == "future"
    )
    if (
        nominal
        and head.dep_ == "nsubj"
        and head.head.lemma_ == "be"
        and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children)
    ):
        return None  # "A general election is the best chance ...": generic
    if cand.sense.lemma == "deal" and not any(
        p.entity and (e := ctx.index.get(p.entity)) is not None and e.type in ("GPE", "NORP") for p in participants
    ):
        return None  # a business or transfer deal is not an agreement between political actors
    if date is not None and date.basis == "clause" and ctx.published and _after(date.value, ctx.published):
        mood = "future" if mood == "asserted" else mood  # dated after publication: announced, not yet happened
    if date is not None and date.anchor == "published" and mood in ("future", "hypothetical"):
        date = None  # what is ahead did not happen on the publication day
    if mood != "asserted" and not participants:
        return None  # "no arrests were made", "a summit is planned": nobody named, nothing to follow up
    bare = nominal and not participants and location is None and cand.support is None
    specific = _specific(head) and not (_indefinite(head) and head.dep_ not in SUBJECTS)
    if bare and not specific and (date is None or date.basis != "clause"):
        return None  # a bare mention ("protests are rare", "wary about a meeting") is not a reported event
    confidence = cand.sense.confidence
    if hedged(head, clause) or charged:
        confidence -= 0.15
        mood = "reported" if mood == "asserted" and hedged(head, clause) else mood
    if bare:
        confidence -= 0.15
    if not any(p.entity for p in participants):
        confidence -= 0.1
    t_start = doc[cand.span[0]].idx
    t_end = doc[cand.span[1] - 1].idx + len(doc[cand.span[1] - 1])
    retyped = _retype(cand, ctx, roles, participants, location, (lo, hi), persons)
    if retyped is None:
        return None
    kind, cameo = retyped
    return Event(
        type=kind,
        cameo=cameo,
        trigger=doc_text(doc)[t_start:t_end],
        start=t_start,
        end=t_end,
        sentence=doc_text(doc)[s_char:e_char],
        date=date,
        participants=tuple(participants),
        location=location,
        confidence=round(max(0.3, min(0.99, confidence)), 2),
        sentence_start=s_char,
        sentence_end=e_char,
        modality=mood,
    )


CAPTION_LINE = re.compile(
    r"^\s*(?:read more|related|see also|watch|listen|more|caption|photo|pictured|image)\b\s*[:|\-–—]"
    r"|\((?:photo|image|picture|file photo)\b[^)]*\)\s*$"
    r"|\b(?:getty images|afp(?: via getty)?|reuters|ap photo|epa|shutterstock)\s*\)?\s*$",
    re.IGNORECASE,
)
"""Lines that are not the story even when the layout kept them: captions and links to other stories."""


QUOTE_MARK = re.compile(r"[\"“”]|(?<![A-Za-z])['‘’]|['‘’](?![A-Za-z])")
"""A quotation mark; an apostrophe inside a word ("They're", "caravan's") is none."""

FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
"""Tags of a finite verb: a sentence without one reads as a photo caption ("Members of the caravan at the border wall
in Tijuana on Sunday."), a link ("More: A guide to ...") or a heading, not as the story telling something."""


def _caption(doc: Doc | None, start: int, line: str) -> bool:
    """Whether a body paragraph reads as a photo caption: a full stop at its end, and a first sentence of at least four
    words with no finite verb and no quotation marks (captions in rebuilt article text: "A protest in London last year
    against the proposed state visit.", "Michael T. Flynn, right, with Mr. Trump in January 2017. In one memo, ...")."""
    stripped = line.strip()
    if doc is None or not stripped.endswith(".") or QUOTE_MARK.search(stripped):
        return False
    lead = len(line) - len(line.lstrip())
    span = doc.char_span(start + lead, start + lead + len(stripped), alignment_mode="expand")
    if span is None or not len(span):
        return False
    first = span[0].sent
    words = [t for t in first if t.is_alpha and t.i < span.end]
    ends = [t for t in first if not t.is_space and t.i < span.end]
    if ends and ends[-1].text != "." and ends[-1].i < span.end - 1:
        return False  # a dateline ("KANDAHAR, Afghanistan, Oct. 3 (Xinhua) --") leads a story, not a caption
    root = first.root
    told = root.pos_ in ("VERB", "AUX") and root.tag_ != "VBG" and any(c.dep_ in SUBJECTS for c in root.children)
    return len(words) >= 4 and not told and not any(t.tag_ in FINITE_TAGS for t in words)


def _body_spans(text: str, layout: Layout | None, doc: Doc | None = None) -> list[tuple[int, int]]:
    """Character spans events may come from: the layout's body and the article's own headline (which states its main
    event: "Police arrest opposition leader in Minsk"), minus caption and link lines (and, given the
    parse, paragraphs that read as captions)."""
    spans = list(layout.body) if layout is not None and layout.body else [(0, len(text))]
    if layout is not None and layout.body:
        spans = sorted([*spans, *((a, b) for a, b, why in layout.boilerplate if why == "title")])
    out: list[tuple[int, int]] = []
    for a, b in spans:
        pos = a
        for line in text[a:b].splitlines(keepends=True):
            end = pos + len(line)
            if not CAPTION_LINE.search(line.strip()) and not _caption(doc, pos, line):
                if out and out[-1][1] == pos:
                    out[-1] = (out[-1][0], end)
                else:
                    out.append((pos, end))
            pos = end
    return out


def english(doc: Doc) -> bool:
    """Whether the text reads as English (its commonest function words are there), so English triggers apply."""
    words = [t.lower_ for t in doc if t.is_alpha]
    return len(words) < 30 or sum(w in ENGLISH_WORDS for w in words) >= 0.06 * len(words)


def _explosive(doc: Doc, lo: int, hi: int) -> bool:
    """Whether the evidence sentence names explosives ("car bombs", "an IED", "detonated")."""
    words = ("bomb", "ied", "explosive", "explosion", "detonate", "grenade", "blast")
    return any(doc[i].lemma_.lower() in words for i in range(lo, hi))


def _after(value: str, published: str) -> bool:
    """Whether a TIMEX3 date value lies after the publication date ("2007" in a 2005 article, "2018-W17"
    — next week's — in an article of Tuesday 2018-04-17)."""
    if not value[:4].isdigit():
        return False
    week = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if week is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", published[:10]):
        start = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        return start > date.fromisoformat(published[:10])
    known = value.split("T")[0]
    known = known[: next((i for i, ch in enumerate(known) if not (ch.isdigit() or ch == "-")), len(known))].rstrip("-")
    return known > published[: len(known)]


def _indefinite(noun: Token) -> bool:
    """Whether a nominal trigger is "a"/"an" and nothing more ("wary about a meeting"): any such event.

    Not when something says which one: a relative or infinitive clause ("an election in which ...", "an
    election to choose ..."), a prepositional phrase, or "there was an explosion" (that asserts one).
    """
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children):
        return False
    if any(
        c.dep_ in ("relcl", "acl", "amod") or (c.dep_ == "prep" and c.lower_ in SPECIFYING_PREPS) for c in noun.children
    ):
        return False  # "an election in which ...", "a controversial election", "a meeting with Putin"
    return not (noun.dep_ == "attr" and any(c.dep_ == "expl" for c in noun.head.children))


def _specific(noun: Token) -> bool:
    """Whether a nominal trigger names one event ("the attack", "his arrest", "a series of bombings")."""
    dets = {"the", "a", "an", "this", "that", "these", "those"}
    if any((c.dep_ == "det" and c.lower_ in dets) or c.dep_ == "poss" for c in noun.children):
        return True
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in QUANTITY_NOUNS:
        return any(c.dep_ == "det" for c in head.head.children)
    return False
