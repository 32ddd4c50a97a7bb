"""Event triggers: which words in a parsed ``Doc`` name an event of dossier's taxonomy, in which sense.

Every verb or noun whose lemma is in the trigger lexicon (``event_taxonomy.SENSES``) is a candidate;
its sense checks keep other senses out (see ``events`` for the whole stage and docs/events.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .. import lexicons
from ..spans import doc_text
from .args import ANIMAL_NOUNS, MILITARY_NOUNS, ArgContext, is_person, looks_like, military
from .lexicon import (
    ASYLUM_HEADS,
    BLAST_CONTEXT,
    CHARGING_WORDS,
    DUTY_VERBS,
    FILMING_WORDS,
    HOLDING_VERBS,
    INTRANSITIVE,
    LAW_ENFORCEMENT,
    THREAT_OBJECTS,
    TIME_WORDS,
    UNREAL_MODIFIERS,
)
from .syntax import (
    DEVICE_NOUNS,
    by_agent,
    direct_object,
    is_passive,
    preps,
    subject,
)
from .taxonomy import EXCHANGE_VERBS, GRANT_VERBS, SENSES_OF, TYPES, EventType, Sense


@dataclass(frozen=True, slots=True)
class Candidate:
    """A trigger that passed its sense checks, before participants and dates."""

    sense: Sense
    type: EventType
    head: Token
    span: tuple[int, int]
    """Token range [start, end) of the trigger text."""
    support: Token | None = None
    support_role: str | None = None


def candidates(doc: Doc, ctx: ArgContext) -> Iterator[Candidate]:
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB":
            senses = SENSES_OF.get((lemma, "VERB"), ())
            cand = next((c for c in (_verb_candidate(tok, s, ctx) for s in senses) if c is not None), None)
            if cand is None and lemma == "take":
                cand = _to_the_streets(tok)  # "took office" is a sense; "took to the streets" a phrase
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
                senses = SENSES_OF.get((lemma, "NOUN"), ())  # the first sense whose checks hold
                cand = next((c for c in (_noun_candidate(tok, s, ctx) for s in senses) if c is not None), None)
            if cand is not None:
                yield cand


def _verb_candidate(verb: Token, sense: Sense, ctx: ArgContext) -> Candidate | None:
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
    lo, hi, _, _ = evidence_bounds(verb.doc, verb)
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
    if (
        sense.complements
        and not any(
            c.lemma_.lower() in sense.complements
            and c.dep_ in ("acomp", "oprd", "xcomp", "ccomp", "advmod", "attr", "prep")
            for c in verb.children
        )
        and not (lemma == "charge" and passive and _in_a_case(verb))
    ):
        return None
    if lemma == "plead" and any(c.dep_ == "neg" for t in (verb, *verb.children) for c in t.children):
        return None  # "pleaded not guilty" is a plea, not a conviction (nor a conviction that did not happen)
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
    if TYPES[sense.type].name == "attack" and _cyber(by_agent(verb) if passive else subject(verb)):
        return None  # "hackers attacked the Pentagon": a break-in to computers, not violence
    if lemma in ("fight", "clash") and not _armed_fight(verb, ctx):
        return None  # "the Tories will have to fight hard to be heard": a party's campaign, not an armed fight
    if lemma in ("rally", "march") and not _crowd(subject(verb), ctx):
        return None  # "stocks rallied", "troops marched": only people rallying or marching protest
    menace = obj is not None and obj.lemma_.lower() in THREAT_OBJECTS
    # "threatened Iran with retaliation"
    menace = menace or any(p == "with" and o.lemma_.lower() in THREAT_OBJECTS for p, o in preps(verb))
    if lemma == "dismiss" and obj is not None and obj.pos_ == "PRON" and obj.lower_ not in ("he", "she", "him", "her"):
        return None  # "dismissed them as nonsense": claims, not people
    if lemma == "threaten" and (passive or not (menace or any(c.dep_ == "xcomp" for c in verb.children))):
        return None  # "threatened to strike" is a threat; "threatened by", "threatened a try" are not
    if lemma == "threaten" and not looks_like(subject(verb) or verb, "actor", ctx):
        return None  # a person, a state or an organization threatens ("the United States has threatened to …")
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
    if sense.requires_object and obj is None and not (sense.clausal and _that_clause(verb)):
        return None
    if obj is not None and not looks_like(obj, sense.check, ctx):
        return None
    if lemma == "meet":
        partner = next((o for p, o in preps(verb) if p == "with"), None)
        if partner is not None and not looks_like(partner, "person", ctx):
            return None
    return Candidate(sense, TYPES[sense.type], verb, (verb.i, end))


def _premodifiers(noun: Token) -> list[Token]:
    """The adjectives and nouns right before ``noun`` in its phrase ("the upcoming general election"), whatever the
    parser attached them to: a dash after the noun can make the small model hang "upcoming" on a later verb."""
    out = []
    for i in range(noun.i - 1, max(-1, noun.i - 4), -1):
        tok = noun.doc[i]
        if tok.pos_ not in ("ADJ", "NOUN", "PROPN"):
            break
        out.append(tok)
    return out


def _noun_candidate(noun: Token, sense: Sense, ctx: ArgContext) -> Candidate | None:
    start, end = noun.i, noun.i + 1
    kind = TYPES[sense.type]
    if noun.dep_ == "oprd":
        return None  # "called the explosion an attack": a characterization, not a report
    if noun.dep_ == "compound":
        if sense.lemma != "asylum" or noun.head.lemma_.lower() not in ASYLUM_HEADS:
            return None  # "arrest warrant", "death toll", "election campaign"
        return Candidate(sense, kind, noun.head, (noun.i, noun.head.i + 1))
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
    unreal = [*noun.children, *_premodifiers(noun)]
    if not held and any(m.lemma_.lower() in UNREAL_MODIFIERS or m.lower_ in UNREAL_MODIFIERS for m in unreal):
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
    if support is not None and _describes_a_kind(support):
        return None  # "migrants seeking asylum": who they are, not something that happened
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
    if kind.name == "attack" and _cyber(by_agent(noun)):
        return None  # "an attack by vandals or malicious hackers" on a website
    if support is not None and noun.dep_ == "dobj" and noun.head.i == support.i and noun.i - support.i <= 3:
        start = min(start, support.i)
    return Candidate(sense, kind, noun, (start, end), support, role)


def _support(noun: Token, kind: EventType, sense: Sense) -> tuple[Token | None, str | None]:
    """The support verb a nominal trigger is the object of ("imposed sanctions", "took part in protests")."""
    table = dict(kind.support)
    if sense.lemma == "asylum":
        table.update(TYPES["asylum_grant"].support)
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass", "attr", "oprd") and head.pos_ == "VERB":
        verb = head
    elif noun.dep_ == "pobj" and head.dep_ in ("prep", "dative") and (head.lower_ != "for" or kind.for_support):
        verb = head.head  # not "called for a general election": asked for, not called ("ask for asylum" is asking)
        if verb.lemma_.lower() == "part" and verb.head.pos_ == "VERB":
            verb = verb.head  # "take part in"
    elif noun.dep_ == "conj":
        return _support(noun.head, kind, sense) if noun.head.pos_ == "NOUN" else (None, None)
    else:
        return None, None
    role = table.get(verb.lemma_.lower())
    return (verb, role) if role is not None and verb.pos_ == "VERB" else (None, None)


def _to_the_streets(verb: Token) -> Candidate | None:
    """ "Thousands took to the streets": a protest, unless they went out to celebrate or mourn."""
    street = next((o for p, o in preps(verb) if p == "to" and o.lemma_.lower() == "street"), None)
    if street is None:
        return None
    purposes = {c.lemma_.lower() for c in verb.children if c.dep_ in ("xcomp", "advcl")}
    if purposes & {"celebrate", "cheer", "party", "mourn", "dance", "welcome", "greet"}:
        return None
    sense = Sense("take to the streets", "VERB", "protest", check="any", confidence=0.8)
    return Candidate(sense, TYPES["protest"], verb, (verb.i, street.i + 1))


def _dead(adj: Token, ctx: ArgContext) -> Candidate | None:
    """ "X was found dead", "shot him dead", "nine people were dead": a death stated by its result."""
    verb = adj.head
    if adj.dep_ not in ("acomp", "oprd", "xcomp", "ccomp", "advmod") or verb.pos_ not in ("VERB", "AUX"):
        return None
    victim = direct_object(verb) if not is_passive(verb) and direct_object(verb) is not None else subject(verb)
    if victim is None or not looks_like(victim, "person", ctx):
        return None
    sense = Sense("dead", "VERB", "death", check="person", subject_role="patient", confidence=0.85)
    return Candidate(sense, TYPES["death"], verb, (adj.i, adj.i + 1))


def _exchange_for(noun: Token, ctx: ArgContext) -> Candidate | None:
    """ "in exchange for X, Y brought back Z": persons traded for persons are a prisoner exchange."""
    verb = noun.head.head
    given = next((o for p, o in preps(noun) if p == "for"), None)
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in EXCHANGE_VERBS or given is None:
        return None
    got = subject(verb) if is_passive(verb) else direct_object(verb)
    if got is None or not is_person(given, ctx) or not is_person(got, ctx):
        return None
    sense = Sense("exchange", "NOUN", "exchange", confidence=0.8)
    return Candidate(sense, TYPES["exchange"], noun, (noun.head.i, noun.i + 2), verb, "participant")


def evidence_bounds(doc: Doc, trigger: Token) -> tuple[int, int, int, int]:
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


def _that_clause(verb: Token) -> bool:
    """Whether a verb takes a finite clause as its object ("announced it would delay a decision")."""
    return any(
        c.dep_ == "ccomp" and any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children) for c in verb.children
    )


def _describes_a_kind(verb: Token) -> bool:
    """A participle that describes a plural noun in general ("migrants seeking asylum", "people taking part in
    protests"), not an event of named or counted people."""
    if verb.tag_ != "VBG" or verb.dep_ != "acl":
        return False
    noun = verb.head
    return noun.tag_ in ("NNS", "NNPS") and not any(c.dep_ in ("det", "poss", "nummod") for c in noun.children)


CASE_NOUNS = lexicons.words("words_events", list="triggers.CASE_NOUNS")  # fmt: skip
"""What a passive "charged" without "with" needs beside it to be a criminal charge ("charged in the inquiry")."""


def _in_a_case(verb: Token) -> bool:
    """ "Gates and Manafort have been charged in Mueller's investigation" (not "customers were charged £5")."""
    return any(p in ("in", "by") and o.lemma_.lower() in CASE_NOUNS for p, o in preps(verb))


def _armed_fight(verb: Token, ctx: ArgContext) -> bool:
    """Whether a fight by a state or a people (not an armed force by name: "troops", "rebels") is armed: it has an
    opponent ("fought the rebels", "clashed with Russia"), a place ("fought in Iraq") or a length ("for 11 days")."""
    subj = subject(verb)
    if subj is None or subj.lemma_.lower() in MILITARY_NOUNS:
        return True
    if direct_object(verb) is not None:
        return True
    for p, o in preps(verb):
        if p in ("against", "with", "alongside") or (p in ("in", "at", "near") and looks_like(o, "place", ctx)):
            return True
        if p == "for" and o.ent_type_ in ("DATE", "TIME"):
            return True
    return False


CYBER_AGENTS = lexicons.words("words_events", list="triggers.CYBER_AGENTS")
"""Doers whose attack is on computers, not people or places ("an attack by hackers", "the worm attacked servers")."""


def _cyber(agent: Token | None) -> bool:
    """Whether an attack's doer (or one of its conjuncts: "vandals or malicious hackers") is a hacker or malware."""
    return agent is not None and any(t.lemma_.lower() in CYBER_AGENTS for t in (agent, *agent.conjuncts))


CROWD_NOUNS = lexicons.words("words_events", list="triggers.CROWD_NOUNS")  # fmt: skip
"""Subjects that rally or march as a protest ("thousands rallied"; not "stocks rallied", "troops marched")."""


def _crowd(subj: Token | None, ctx: ArgContext) -> bool:
    """Whether a subject is people who protest: a crowd noun, a count, or such a noun among its conjuncts ("the
    caravan's organizers, immigrant rights activists and legal observers marched")."""
    if subj is None or military(subj, ctx):
        return False
    if subj.pos_ == "NUM" and subj.head.pos_ == "VERB":
        return True
    return any(c.lemma_.lower() in CROWD_NOUNS for c in (subj, *subj.conjuncts))
