"""Arguments of events: is this token a person, a place, a device? Which entity is it, by which name?

Pure helpers over a parsed ``Doc`` and the article's entities. A participant is reported by its
entity's canonical name: through ``MentionIndex`` (so a pronoun the coreference stage resolved maps
to its entity), an appositive, a demonym ("Russian" -> Russia), an institution of a state ("Turkish
authorities" -> Turkey) or "X says he ..."; a common-noun phrase with no entity keeps its text when it
describes someone by itself ("police", "two men"); an anaphoric description ("the same country", "the
man") and an unresolved pronoun are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...model import Entity, Participant
from .. import lexicons
from ..spans import MentionIndex, doc_text
from .dates import PlacedTimex
from .syntax import (
    DEVICE_NOUNS,
    PERSON_LABELS,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    PLACE_LABELS,
    PLACE_NOUNS,
    TARGET_NOUNS,
    preps,
    relative_antecedent,
)
from .taxonomy import Check

MILITARY_NOUNS = lexicons.words("words_events", list="args.MILITARY_NOUNS")  # fmt: skip
"""Subjects that make "fight" and "clash" armed conflict."""

INSTITUTION_NOUNS = lexicons.words("words_events", list="args.INSTITUTION_NOUNS")  # fmt: skip
"""Institutions that, modified by a demonym or place ("Turkish authorities"), act for that state (CAMEO actors)."""

QUANTITY_NOUNS = lexicons.words("words_events", list="args.QUANTITY_NOUNS")  # fmt: skip
"""Nouns that stand for the things they count ("a number of people", "a series of attacks")."""

REPORTING_VERBS = lexicons.words("words_events", list="args.REPORTING_VERBS")
ANAPHORIC_MODIFIERS = lexicons.words("words_events", list="args.ANAPHORIC_MODIFIERS")
"""Modifiers that make a description point back to something named elsewhere ("the same country")."""

ANAPHORIC_HEADS = lexicons.words("words_events", list="args.ANAPHORIC_HEADS")  # fmt: skip
"""Generic heads that, with "the"/"this"/"that" and no name, stand for an entity named elsewhere ("the country")."""

GENERIC_TITLES = lexicons.words("words_events", list="args.GENERIC_TITLES")
"""One-word "titles" that name no one in particular."""

PERSONAL = lexicons.words("words_events", list="args.PERSONAL")
"""Pronouns that only a person can be the referent of."""

ANIMAL_NOUNS = lexicons.words("words_events", list="args.ANIMAL_NOUNS")  # fmt: skip
"""Animals: "the killing of foxes", "91 foxes were killed" are not deaths a political event coder reports."""

ASSET_NOUNS = lexicons.words("words_events", list="args.ASSET_NOUNS")  # fmt: skip
"""What is bought or sold in an acquisition when no company is named: a company, a stake, a business or its assets
("bought a 20% stake", "sold its mobile phone unit"); not goods ("50,000 consoles were sold")."""

_JUNK_NOUNS = lexicons.words("words_events", list="args._JUNK_NOUNS")
_NP_LEFT = lexicons.words("words_events", list="args._NP_LEFT")


@dataclass(slots=True)
class ArgContext:
    """What the events of one document share: the parse, the entities, the placed timexes, the date."""

    doc: Doc
    index: MentionIndex
    entities: Sequence[Entity]
    placed: list[PlacedTimex]
    published: str | None
    timex_tokens: frozenset[int] = frozenset()
    sport: bool = False
    """The article is about sport (``event_figurative.sport_article``)."""


def military(tok: Token | None, ctx: ArgContext) -> bool:
    """Whether a subject is an armed force or a state ("Russian forces", "rebels", "Israel")."""
    if tok is None:
        return False
    ent = entity_at(tok, ctx)
    return tok.lemma_.lower() in MILITARY_NOUNS or (ent is not None and ent.type in ("GPE", "NORP"))


def entity_at(tok: Token, ctx: ArgContext) -> Entity | None:
    """The article entity with a mention over ``tok``, if any."""
    return ctx.index.at(tok.idx, tok.idx + len(tok.text))


def is_person(tok: Token, ctx: ArgContext) -> bool:
    """A named or resolved person (an entity labelled PERSON, or named like one elsewhere in the article)."""
    ent = entity_at(relative_antecedent(tok), ctx)
    if ent is None:
        return tok.ent_type_ == "PERSON" or tok.lemma_.lower() in PERSON_NOUNS
    return ent.type == "PERSON" or person_namesake(ent, ctx) is not None


def _nominal_mention(ent: Entity, tok: Token) -> bool:
    """Whether ``tok`` is covered by a description mention of ``ent`` (not by a name or pronoun)."""
    end = tok.idx + len(tok.text)
    return any(m.start < end and tok.idx < m.end and m.kind == "nominal" for m in ent.mentions)


def person_namesake(ent: Entity, ctx: ArgContext) -> Entity | None:
    """A PERSON entity with the same name as ``ent`` (the tagger labels one name differently in places)."""
    for other in ctx.entities:
        if other.type == "PERSON" and other is not ent and (ent.name == other.name or ent.name in other.aliases):
            return other
    return None


def looks_like(tok: Token, check: Check, ctx: ArgContext) -> bool:
    """Whether an argument can fill a slot of kind ``check`` (a person, a place, a physical target, a device)."""
    if check == "any":
        return True
    tok = relative_antecedent(tok)
    if tok.lemma_.lower() in QUANTITY_NOUNS:
        counted = next((o for p, o in preps(tok) if p == "of"), None)
        tok = counted if counted is not None else tok
    lemma = tok.lemma_.lower()
    if lemma in ANIMAL_NOUNS and check in ("person", "actor", "captive"):
        return False
    if tok.pos_ == "PRON" and check in ("person", "actor", "captive", "target") and _animal_antecedent(tok):
        return False  # "chasing foxes then shooting them": the foxes are shot
    ent = entity_at(tok, ctx)
    if ent is not None and tok.pos_ == "NOUN" and (_nominal_mention(ent, tok) or tok.text.islower()):
        # a description ("his memos") linked to a person is not itself a person, nor is a common noun a
        # name tag swallowed ("James Comey's memos" tagged PERSON "James Comey Memos"): judge the noun
        ent = None
    label = ent.type if ent is not None else tok.ent_type_
    person = (
        label in ("PERSON", "NORP")
        or lemma in PERSON_NOUNS
        or tok.lower_ in PERSON_PRONOUNS
        or tok.like_num
        or lemma in ("dozen", "hundred", "thousand", "several", "many", "some", "other", "all", "both", "few")
        or (tok.pos_ == "NOUN" and lemma.endswith(("ist", "ian")))
    )
    place = label in PLACE_LABELS or lemma in PLACE_NOUNS
    if check == "person":
        return person
    if check == "captive":
        # a person held: a name, a person noun, a count of people; a demonym only as people ("two Britons"), not a
        # singular name the tagger took for one ("the release of San Andreas", a game)
        norp_name = label == "NORP" and tok.tag_ == "NNP" and lemma not in PERSON_NOUNS
        return person and not norp_name
    if check == "asset":
        # a company, a stake or a business (an organization, never a person, a count or goods); "40% of Fuso" is Fuso
        share = next((o for p, o in preps(tok) if p == "of"), None) if lemma in ("%", "percent") else None
        if share is not None:
            return looks_like(share, check, ctx)
        # a name either tagger calls a person is no firm: "selling Shaun Wright-Phillips" is a footballer's transfer
        company = label == "ORG" and tok.pos_ == "PROPN" and tok.ent_type_ != "PERSON"
        return company or lemma in ASSET_NOUNS
    if check == "actor":
        return person or label in PERSON_LABELS
    if check == "place":
        return place
    if check == "device":
        return lemma in DEVICE_NOUNS
    return person or place or lemma in TARGET_NOUNS or label in ("FAC", "ORG")


def _animal_antecedent(pron: Token) -> bool:
    """Whether an unresolved "them"/"they"/"it" takes up an animal named just before it in its sentence ("chasing
    foxes then shooting them"): the object of the verb it is coordinated with, else the nearest preceding noun of the
    same number."""
    plural = pron.lower_ in ("them", "they", "themselves")
    if not plural and pron.lower_ not in ("it", "itself"):
        return False
    verb = pron.head
    if pron.dep_ in ("dobj", "obj") and verb.dep_ == "conj":
        # "chased deer through the woods and then shot them": the object of the first verb is the one shot
        first = next((c for c in verb.head.children if c.dep_ in ("dobj", "obj")), None)
        if first is not None and first.i < pron.i:
            return first.lemma_.lower() in ANIMAL_NOUNS
    for t in reversed(pron.sent[: pron.i - pron.sent.start]):
        if t.pos_ in ("NOUN", "PROPN") and (t.tag_ in ("NNS", "NNPS")) == plural:
            return t.lemma_.lower() in ANIMAL_NOUNS
    return False


def noun_phrase(tok: Token) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``tok`` (its left modifiers and the head, no clauses)."""
    left = tok
    for c in tok.lefts:
        if c.dep_ in _NP_LEFT:
            left = min(left, c.left_edge, key=lambda t: t.i)
            break
    if left.dep_ == "det" and left.head.i == tok.i:
        nxt = left.nbor(1) if left.i + 1 <= tok.i else tok
        left = nxt
    return left.idx, tok.idx + len(tok.text)


def participant(role: str, tok: Token, ctx: ArgContext, lo: int, hi: int) -> tuple[Participant, Entity | None] | None:
    """Resolve an argument token to a participant (entity name when it resolves), or None."""
    tok = relative_antecedent(tok)
    if tok.pos_ in ("DET", "ADP", "PUNCT", "SCONJ", "CCONJ", "VERB", "AUX"):
        return None
    if role == "position":  # "stepped down as health secretary": the post, never the person who held it
        s, e = noun_phrase(tok)
        return Participant(role, doc_text(ctx.doc)[s:e], None, s, e), None
    ent = entity_at(tok, ctx)
    where: tuple[int, int] | None = None
    if ent is None:
        for partner in [c for c in tok.children if c.dep_ == "appos"] + ([tok.head] if tok.dep_ == "appos" else []):
            ent = entity_at(partner, ctx)
            if ent is not None:
                where = (partner.idx, partner.idx + len(partner.text))
                break
    if ent is None and tok.lemma_.lower() in INSTITUTION_NOUNS:
        ent = _state_of(tok, ctx)
        if ent is not None:
            where = noun_phrase(tok)
    if ent is None and tok.pos_ == "PRON":
        speaker = _reported_speaker(tok, ctx, lo, hi)
        if speaker is None:
            return None
        ent = speaker
        where = (tok.idx, tok.idx + len(tok.text))
    not_a_person = ent is not None and ent.type not in ("PERSON", "NORP") and person_namesake(ent, ctx) is None
    if not_a_person and tok.lower_ in PERSONAL:
        return None  # "his appointment" resolved to Manchester United: a person's pronoun names no club or place
    if ent is not None:
        canon = canonical(ent, role, ctx)
        if where is None:
            mention = next((m for m in ent.mentions if m.start < tok.idx + len(tok.text) and tok.idx < m.end), None)
            where = (mention.start, mention.end) if mention else (tok.idx, tok.idx + len(tok.text))
        return Participant(role, canon.name, canon.id, where[0], where[1]), canon
    if tok.pos_ == "PRON" or tok.lemma_.lower() in _JUNK_NOUNS:
        return None
    if any(c.dep_ == "acl" for c in [tok]) or tok.pos_ not in ("NOUN", "PROPN", "NUM"):
        return None
    if anaphoric(tok):
        return None  # "the same country that jailed him": the entities stage did not say which; no guess
    s, e = noun_phrase(tok)
    if not any(ch.isalnum() for ch in doc_text(ctx.doc)[s:e]):
        return None
    titled = _titled_namesake(doc_text(ctx.doc)[s:e], ctx)
    if titled is not None:  # the headline's "Opposition leader" is the body's "opposition leader Nika Melia"
        canon = canonical(titled, role, ctx)
        return Participant(role, canon.name, canon.id, s, e), canon
    return Participant(role, doc_text(ctx.doc)[s:e], None, s, e), None


def _titled_namesake(description: str, ctx: ArgContext) -> Entity | None:
    """The one person the article names right after this description used as a title ("opposition leader
    Nika Melia", "Prime Minister Irakli Garibashvili"); None when no one, or more than one, is so called."""
    desc = re.sub(r"^(?:the|a|an)\s+", "", " ".join(description.lower().split()))
    if len(desc) < 4 or (" " not in desc and desc in GENERIC_TITLES):
        return None
    text = doc_text(ctx.doc)
    found: dict[str, Entity] = {}
    for ent in ctx.entities:
        if ent.type != "PERSON":
            continue
        for m in ent.mentions:
            before = " ".join(text[max(0, m.start - len(desc) - 12) : m.start].lower().split())
            if before.endswith(desc) and (len(before) == len(desc) or not before[-len(desc) - 1].isalnum()):
                found[ent.id] = ent
                break
    return next(iter(found.values())) if len(found) == 1 else None


def anaphoric(tok: Token) -> bool:
    """Whether a noun phrase with no entity points back to one ("the same country", "the man", "this group").

    Such a description names no one by itself: reported by its text it would be a participant called
    "same country". Clear descriptions ("police", "two men", "medical staff", "the army") are kept.
    """
    mods = [c for c in tok.children if c.i < tok.i]
    if any(m.lower_ in ANAPHORIC_MODIFIERS for m in mods):
        return True
    definite = any(m.dep_ == "det" and m.lower_ in ("the", "this", "that", "these", "those") for m in mods)
    bare_head = not any(m.dep_ in ("amod", "compound", "nummod", "nmod", "poss") for m in mods)
    return definite and bare_head and tok.lemma_.lower() in ANAPHORIC_HEADS


def _state_of(tok: Token, ctx: ArgContext) -> Entity | None:
    """The state an institution belongs to, from its modifier ("Turkish authorities" -> Turkey)."""
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i:
            ent = entity_at(c, ctx)
            if ent is not None and ent.type == "GPE":
                return ent
            if ent is not None and ent.type == "NORP":
                country = canonical(ent, "agent", ctx)
                return country if country.type == "GPE" else None
    return None


def canonical(ent: Entity, role: str, ctx: ArgContext) -> Entity:
    """The entity to report: a demonym's country ("Russian" -> Russia), a person's namesake."""
    demonym = ent.type == "NORP" or (" " not in ent.name and ent.name.endswith(("an", "ish", "ese", "i", "ch")))
    if demonym and ent.type in ("NORP", "GPE"):
        for other in ctx.entities:
            if other.type == "GPE" and other.name != ent.name and demonym_of(ent.name, other.name):
                return other
    if ent.type != "PERSON" and role in ("patient", "recipient", "candidate"):
        namesake = person_namesake(ent, ctx)
        if namesake is not None:
            return namesake
    return ent


def demonym_of(adjective: str, country: str) -> bool:
    """Whether ``adjective`` is the demonym of ``country`` by shared stem ("Ukrainian"/"Ukraine")."""
    n = 0
    for a, b in zip(adjective.lower(), country.lower(), strict=False):
        if a != b:
            break
        n += 1
    return n >= 4 and n >= len(country) - 2


def _reported_speaker(pron: Token, ctx: ArgContext, lo: int, hi: int) -> Entity | None:
    """For "X says (that) he ...", the person X — the one pronoun reading the syntax settles by itself."""
    if pron.lower_ not in ("he", "she", "him", "her"):
        return None
    cur = pron.head
    for _ in range(8):
        if cur.lemma_.lower() in REPORTING_VERBS and cur.pos_ == "VERB" and cur.i != pron.head.i:
            subj = next((c for c in cur.children if c.dep_ == "nsubj"), None)
            if subj is None or not lo <= subj.i < hi:
                return None
            ent = entity_at(subj, ctx)
            return ent if ent is not None and ent.type == "PERSON" else None
        if cur.head.i == cur.i or not lo <= cur.head.i < hi:
            return None
        cur = cur.head
    return None
