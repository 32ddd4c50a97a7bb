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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token

from ..model import Entity, Event, Participant, Timex
from .event_args import ANIMAL_NOUNS, QUANTITY_NOUNS, ArgContext, is_person, looks_like, military, participant
from .event_dates import choose_date, place_timexes
from .event_figurative import (
    PHYSICAL_HARM_WORDS,
    game_sense,
    sport_article,
    verbal_attack,
    verbal_attack_on_person,
)
from .event_lexicon import (
    ASYLUM_HEADS,
    BLAST_CONTEXT,
    CHARGING_WORDS,
    DECIDED_TYPES,
    DUTY_VERBS,
    ENGLISH_WORDS,
    FILMING_WORDS,
    HOLDING_VERBS,
    INTRANSITIVE,
    LAW_ENFORCEMENT,
    SPECIFYING_PREPS,
    THREAT_OBJECTS,
    TIME_WORDS,
    UNREAL_MODIFIERS,
)
from .event_merge import OBJECT_ROLES, merge_events
from .event_syntax import (
    DEVICE_NOUNS,
    PERSON_PRONOUNS,
    PLACE_LABELS,
    SUBJECTS,
    alleged,
    asserted,
    by_agent,
    clause_head,
    conjuncts,
    decided,
    direct_object,
    generic,
    hedged,
    is_passive,
    preps,
    subject,
)
from .event_taxonomy import EXCHANGE_VERBS, GRANT_VERBS, SENSE_INDEX, TYPES, EventType, Sense
from .spans import MentionIndex, doc_text


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A trigger that passed its sense checks, before participants and dates."""

    sense: Sense
    type: EventType
    head: Token
    span: tuple[int, int]
    """Token range [start, end) of the trigger text."""
    support: Token | None = None
    support_role: str | None = None


def extract_events(
    doc: Doc, entities: Sequence[Entity], timexes: Sequence[Timex], *, published: str | None = None, merge: bool = True
) -> list[Event]:
    """Events in ``doc`` with participants resolved to ``entities`` and dates from ``timexes``.

    With ``merge`` (the default) repeated mentions of one event are one record (``event_merge``);
    without it every mention is reported (what mention-level benchmarks such as WikiEvents score).
    """
    if not english(doc):
        return []  # German "die" is not a death: the trigger lexicon is English
    placed = place_timexes(doc, timexes)
    in_timex = frozenset(i for p in placed for i in p.tokens)
    ctx = ArgContext(doc, MentionIndex(entities), entities, placed, published, in_timex, sport_article(doc))
    events: list[Event] = []
    taken: list[tuple[int, int, str]] = []
    for cand in _candidates(doc, ctx):
        s, e = doc[cand.span[0]].idx, doc[cand.span[1] - 1].idx + len(doc[cand.span[1] - 1])
        if any(a < e and s < b and t == cand.type.name for a, b, t in taken):
            continue
        event = _build(cand, ctx)
        if event is not None:
            events.append(event)
            taken.append((s, e, cand.type.name))
    return merge_events(events) if merge else sorted(events, key=lambda ev: (ev.start, ev.end))


# --- candidates -------------------------------------------------------------------------------


def _candidates(doc: Doc, ctx: ArgContext) -> Iterator[_Candidate]:
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB":
            sense = SENSE_INDEX.get((lemma, "VERB"))
            if sense is not None:
                cand = _verb_candidate(tok, sense, ctx)
                if cand is not None:
                    yield cand
        elif tok.pos_ == "ADJ" and tok.lemma_.lower() == "dead":
            cand = _dead(tok, ctx)
            if cand is not None:
                yield cand
        elif tok.pos_ == "NOUN":
            if lemma == "exchange" and tok.head.lower_ == "in":
                cand = _exchange_for(tok, ctx)
            else:
                sense = SENSE_INDEX.get((lemma, "NOUN"))
                cand = _noun_candidate(tok, sense, ctx) if sense is not None else None
            if cand is not None:
                yield cand


def _verb_candidate(verb: Token, sense: Sense, ctx: ArgContext) -> _Candidate | None:
    end = verb.i + 1
    particles = [
        c for c in verb.children if c.dep_ in ("prt", "advmod") and c.lower_ in ("in", "down", "up", "out", "off")
    ]
    if sense.particle is not None:
        prt = next((c for c in particles if c.lower_ == sense.particle), None)
        if prt is None:
            return None
        end = max(end, prt.i + 1)
    elif any(c.dep_ == "prt" and c.lower_ in ("up", "out") for c in particles):
        return None  # "free up", "step up", "sign up", "fire up": other senses
    passive = is_passive(verb)
    obj = subject(verb) if passive else direct_object(verb)
    lo, hi, _, _ = _bounds(verb.doc, verb)
    if obj is not None and not lo <= obj.i < hi:
        # a subject the parser found across a line break: the same word in this clause if it has one (a
        # headline run into "Seven Taliban militants were killed"), else none ("Flynn was fired" two
        # paragraphs up is not what "the memos are released" releases)
        same = [t for t in verb.doc[lo : verb.i] if t.lemma_ == obj.lemma_ and t.pos_ == obj.pos_]
        obj = same[-1] if same else None
    if sense.objects:
        if obj is None or obj.lemma_.lower() not in sense.objects:
            return None
        end = max(end, obj.i + 1) if obj.i > verb.i and obj.i - verb.i <= 3 else end
    lemma = sense.lemma
    if sense.complements and not any(
        c.lemma_.lower() in sense.complements
        and c.dep_ in ("acomp", "oprd", "xcomp", "ccomp", "advmod", "attr", "prep")
        for c in verb.children
    ):
        return None
    raider = subject(verb) if not passive else by_agent(verb)
    if lemma == "raid" and raider is not None and raider.lemma_.lower() in LAW_ENFORCEMENT:
        return None  # "federal agents raided the offices": a search, not an armed attack
    tasked = [
        g
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ == "with"
        for g in c.children
        if g.dep_ in ("pcomp", "pobj") and g.tag_ == "VBG" and g.lemma_.lower() in DUTY_VERBS
    ]
    if lemma == "charge" and tasked:
        return None  # "charged with negotiating with the European Union": given a task, not accused
    if lemma == "charge" and any(t.lemma_.lower() in CHARGING_WORDS for t in verb.sent):
        return None  # "a dedicated spot for charging any Apple Watch": batteries, not courts
    if lemma == "shoot" and any(t.lemma_.lower() in FILMING_WORDS for t in verb.sent):
        return None  # "Hotel Rwanda was shot mostly in South Africa, with some scenes made in Kigali": filming
    if lemma in ("fight", "clash") and not military(subject(verb), ctx):
        return None  # "fought for equal pay", "clashed over the budget"
    menace = obj is not None and obj.lemma_.lower() in THREAT_OBJECTS
    if lemma == "dismiss" and obj is not None and obj.pos_ == "PRON" and obj.lower_ not in ("he", "she", "him", "her"):
        return None  # "dismissed them as nonsense": claims, not people
    if lemma == "threaten" and (passive or not (menace or any(c.dep_ == "xcomp" for c in verb.children))):
        return None  # "threatened to strike" is a threat; "threatened by", "threatened a try" are not
    if lemma == "threaten" and not looks_like(subject(verb) or verb, "person", ctx):
        return None
    if lemma == "try" and not passive:
        return None
    if verb.dep_ in ("amod", "compound"):
        return None  # "his spying activity", "elected commissioners": a modifier, not a predication
    if verb.tag_ == "VBG" and verb.dep_ in ("csubj", "nsubj"):
        return None  # "invading foreign nations cannot destroy ...": an activity in general
    if lemma in ("spy",) and verb.dep_ in ("pobj", "pcomp"):
        return None  # "charges of spying", "jailed for spying": the crime of another event
    if lemma == "demonstrate" and any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp") for c in verb.children):
        return None  # "demonstrated that ...", "demonstrated its power"
    shown = verb.tag_ == "VBN" and any(c.dep_ == "agent" or (c.lower_ == "as" and c.i < verb.i) for c in verb.children)
    if lemma == "demonstrate" and (passive or shown):
        return None  # "as demonstrated by his abrupt departure": shown, not a protest
    if lemma == "protest" and any(c.dep_ == "ccomp" for c in verb.children):
        return None  # "protested that ..." is a complaint
    if obj is None and lemma in INTRANSITIVE:
        obj = subject(verb)
    if sense.requires_object and obj is None:
        return None
    if obj is not None and not looks_like(obj, sense.check, ctx):
        return None
    if lemma == "meet":
        partner = next((o for p, o in preps(verb) if p == "with"), None)
        if partner is not None and not looks_like(partner, "person", ctx):
            return None
    return _Candidate(sense, TYPES[sense.type], verb, (verb.i, end))


def _noun_candidate(noun: Token, sense: Sense, ctx: ArgContext) -> _Candidate | None:
    start, end = noun.i, noun.i + 1
    kind = TYPES[sense.type]
    if noun.dep_ == "oprd":
        return None  # "called the explosion an attack": a characterization, not a report
    if noun.dep_ == "compound":
        if sense.lemma != "asylum" or noun.head.lemma_.lower() not in ASYLUM_HEADS:
            return None  # "arrest warrant", "death toll", "election campaign"
        return _Candidate(sense, kind, noun.head, (noun.i, noun.head.i + 1))
    nxt = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if nxt is not None and nxt.pos_ == "NOUN" and nxt.head.i != noun.i and nxt.lemma_.lower() not in TIME_WORDS:
        return None  # "by elections watchdog the Electoral Commission": a modifier the parser did not attach
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    odd_owner = owner is not None and not (
        looks_like(owner, "actor", ctx)
        or looks_like(owner, "place", ctx)
        or owner.pos_ == "PRON"
        or owner.ent_type_ in ("DATE", "TIME")
    )
    if odd_owner and kind.poss in ("participant", "agent"):
        return None  # "England sat on rugby's summit": the top of a sport, not a meeting
    before = [noun.doc[i].lower_ for i in range(max(0, noun.i - 2), noun.i)]
    if before[-1:] in (["re-"], ["re"], ["pre-"], ["pre"]) or before in (["re", "-"], ["pre", "-"]):
        return None  # "re-release", "pre-trial"
    if sense.lemma == "death" and noun.head.lower_ == "to":
        return None  # "scared to death", "sentenced to death": not a death
    if sense.lemma == "trip" and not any(p == "to" and looks_like(o, "place", ctx) for p, o in preps(noun)):
        return None  # a trip is a visit only with where it went ("his trip to Mexico")
    if sense.plural_only and noun.tag_ != "NNS":
        return None
    mods = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod", "nummod")]
    if any(m.lemma_.lower() in sense.blocked or m.lower_ in sense.blocked for m in mods):
        return None
    held = noun.dep_ == "dobj" and noun.head.lemma_.lower() in HOLDING_VERBS
    if not held and any(m.lemma_.lower() in UNREAL_MODIFIERS or m.lower_ in UNREAL_MODIFIERS for m in noun.children):
        return None  # "a potential summit", "any meeting", "the proposed deal" (but "is holding scheduled talks")
    of_obj = next((o for p, o in preps(noun) if p == "of"), None)
    if sense.cues:
        cue = next((m for m in mods if m.lemma_.lower() in sense.cues), None)
        on_strike = sense.lemma == "strike" and noun.head.lower_ == "on"
        if cue is None and not on_strike and (of_obj is None or of_obj.lemma_.lower() not in sense.cues):
            return None
        if cue is not None and cue.i < start:
            start = cue.i
    figurative = [m for m in mods if m.pos_ == "NOUN" and m.lemma_.lower() not in BLAST_CONTEXT | DEVICE_NOUNS]
    if (
        sense.lemma in ("explosion", "blast")
        and figurative
        and not any(t.lemma_.lower() in BLAST_CONTEXT for t in noun.sent)
    ):
        return None  # "the gadget explosion signalled the strongest growth yet"
    support, role = _support(noun, kind, sense)
    if support is None and noun.head.lower_ == "in" and not any(c.dep_ in ("det", "poss") for c in noun.children):
        return None  # "in protest", "in agreement", "in detention" (a state, not an event)
    if sense.needs_support and support is None:
        return None
    if support is not None and sense.lemma == "asylum" and support.lemma_.lower() in GRANT_VERBS:
        kind = TYPES["asylum_grant"]
        role = kind.support.get(support.lemma_.lower(), role)
    patient = of_obj
    if patient is None and kind.poss == "patient":
        patient = next((c for c in noun.children if c.dep_ == "poss"), None)
    if sense.requires_object and patient is None and support is None:
        return None
    if patient is not None and not looks_like(patient, sense.check, ctx):
        return None
    if kind.name == "death" and patient is not None and patient.lemma_.lower() in ANIMAL_NOUNS:
        return None  # "spiteful killing of foxes"
    if sense.lemma == "demonstration" and of_obj is not None and not looks_like(of_obj, "actor", ctx):
        return None  # "ran a demonstration of the service": a demo, not a protest
    hit = next((o for p, o in preps(noun) if p in ("on", "against")), None)
    if hit is None and support is not None and noun.dep_ == "dobj":
        hit = next((o for p, o in preps(support) if p in ("on", "against")), None)  # "launched an assault on X"
    if sense.check == "target" and hit is not None and not looks_like(hit, "target", ctx):
        return None  # "an attack on Labour's record" is criticism
    if support is not None and noun.dep_ == "dobj" and noun.head.i == support.i and noun.i - support.i <= 3:
        start = min(start, support.i)
    return _Candidate(sense, kind, noun, (start, end), support, role)


def _support(noun: Token, kind: EventType, sense: Sense) -> tuple[Token | None, str | None]:
    """The support verb a nominal trigger is the object of ("imposed sanctions", "took part in protests")."""
    table = dict(kind.support)
    if sense.lemma == "asylum":
        table.update(TYPES["asylum_grant"].support)
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass", "attr", "oprd") and head.pos_ == "VERB":
        verb = head
    elif noun.dep_ == "pobj" and head.dep_ in ("prep", "dative") and head.lower_ != "for":
        verb = head.head  # not "called for a general election": asked for, not called
        if verb.lemma_.lower() == "part" and verb.head.pos_ == "VERB":
            verb = verb.head  # "take part in"
    elif noun.dep_ == "conj":
        return _support(noun.head, kind, sense) if noun.head.pos_ == "NOUN" else (None, None)
    else:
        return None, None
    role = table.get(verb.lemma_.lower())
    return (verb, role) if role is not None and verb.pos_ == "VERB" else (None, None)


def _dead(adj: Token, ctx: ArgContext) -> _Candidate | None:
    """ "X was found dead", "shot him dead", "nine people were dead": a death stated by its result."""
    verb = adj.head
    if adj.dep_ not in ("acomp", "oprd", "xcomp", "ccomp", "advmod") or verb.pos_ not in ("VERB", "AUX"):
        return None
    victim = direct_object(verb) if not is_passive(verb) and direct_object(verb) is not None else subject(verb)
    if victim is None or not looks_like(victim, "person", ctx):
        return None
    sense = Sense("dead", "VERB", "death", check="person", subject_role="patient", confidence=0.85)
    return _Candidate(sense, TYPES["death"], verb, (adj.i, adj.i + 1))


def _exchange_for(noun: Token, ctx: ArgContext) -> _Candidate | None:
    """ "in exchange for X, Y brought back Z": persons traded for persons are a prisoner exchange."""
    verb = noun.head.head
    given = next((o for p, o in preps(noun) if p == "for"), None)
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in EXCHANGE_VERBS or given is None:
        return None
    got = subject(verb) if is_passive(verb) else direct_object(verb)
    if got is None or not is_person(given, ctx) or not is_person(got, ctx):
        return None
    sense = Sense("exchange", "NOUN", "exchange", confidence=0.8)
    return _Candidate(sense, TYPES["exchange"], noun, (noun.head.i, noun.i + 2), verb, "participant")


# --- checks on arguments ----------------------------------------------------------------------


# --- building the event -----------------------------------------------------------------------


def _bounds(doc: Doc, trigger: Token) -> tuple[int, int, int, int]:
    """Token range and character range of the evidence: the sentence clipped to the trigger's line."""
    text = doc_text(doc)
    sent = trigger.sent
    para_start = text.rfind("\n", 0, trigger.idx) + 1
    para_end = text.find("\n", trigger.idx)
    para_end = len(text) if para_end < 0 else para_end
    s_char, e_char = max(sent.start_char, para_start), min(sent.end_char, para_end)
    toks = [t.i for t in sent if s_char <= t.idx < e_char and not t.is_space]
    lo, hi = (toks[0], toks[-1] + 1) if toks else (sent.start, sent.end)
    return lo, hi, doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])


def _roles(cand: _Candidate) -> list[tuple[str, Token, str | None]]:
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


def _build(cand: _Candidate, ctx: ArgContext) -> Event | None:
    doc = ctx.doc
    head = cand.head
    if not asserted(head, cand.support):
        return None
    if cand.type.name not in DECIDED_TYPES and decided(head, cand.support):
        return None  # "agreed to release the four": not yet released (sanctions "agreed" are the decision)
    if head.pos_ == "VERB" and generic(head, subject(head) if is_passive(head) else direct_object(head)):
        return None  # "People get released from prison when ...": a habit, not an event
    lo, hi, s_char, e_char = _bounds(doc, head)
    participants: list[Participant] = []
    location: str | None = None
    seen: set[tuple[str, str]] = set()
    roles = _roles(cand)
    object_heads = {tok.i for role, tok, _ in roles if role == cand.type.object}
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
        person_slot = tok.pos_ == "PRON" and role == cand.type.object and cand.sense.check == "person"
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
    anchors = [t for t in (head, cand.support) if t is not None]
    paragraph_start = doc_text(doc).rfind("\n", 0, head.idx) + 1
    predicate = clause.i in {a.i for a in anchors}
    date = choose_date(doc, head, anchors, clause, ctx.placed, (lo, hi), paragraph_start, ctx.published, predicate)
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
        return None  # dated after publication: announced or expected, not yet happened
    bare = nominal and not participants and location is None and cand.support is None
    specific = _specific(head) and not (_indefinite(head) and head.dep_ not in SUBJECTS)
    if bare and not specific and (date is None or date.basis != "clause"):
        return None  # a bare mention ("protests are rare", "wary about a meeting") is not a reported event
    confidence = cand.sense.confidence
    if hedged(head, clause) or charged:
        confidence -= 0.15
    if bare:
        confidence -= 0.15
    if not any(p.entity for p in participants):
        confidence -= 0.1
    t_start = doc[cand.span[0]].idx
    t_end = doc[cand.span[1] - 1].idx + len(doc[cand.span[1] - 1])
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
    )


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
