"""Quote speakers: map the speaker mention of an attribution to an article entity.

The mention is looked up with ``MentionIndex`` (names, and the pronouns and descriptions
that coreference linked); a pronoun no entity covers falls back to the most recent person
subject or the last quote's speaker, with lower confidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from ...model import Entity, Quote, Speaker
from ..entities import HONORIFICS, PERSON_NOUNS, first_name_gender
from ..spans import MentionIndex
from .cues import DOCUMENT_NOUNS
from .syntax import (
    PRONOUNS_ANY,
    PRONOUNS_PERSON,
    QUESTION_NOTE,
    Attribution,
    head_span,
    np_span,
    text_of,
    tokens_in,
)


@dataclass(frozen=True, slots=True)
class SpeakerTrace:
    """How a quote's speaker was found: the features of the fitted speaker model (``speaker_model``)."""

    how: str
    """The path that found it: ``entity`` (a mention the entities cover), ``relative``, ``appositive``,
    ``in_phrase``, ``relative_phrase``, ``pronoun_last`` / ``pronoun_recent`` / ``pronoun_pair`` /
    ``pronoun_unresolved`` (a pronoun no entity covers), ``phrase`` (a bare description), ``context_subject`` /
    ``context_pronoun`` / ``context_recent`` (a quote with no cue), ``none``."""
    recency: str | None = None
    """The entity the recency heuristic (latest person subject, last speaker) gives for the same mention."""
    competing: int = 0
    """Distinct persons named as subjects in the 1,200 characters before the speaker mention."""


def resolve_speaker(
    doc: Doc,
    attributions: Sequence[Attribution],
    entities: Sequence[Entity],
    index: MentionIndex,
    inside: bytearray | None = None,
) -> list[tuple[Quote, SpeakerTrace]]:
    """Turn attributions into ``Quote`` records whose speakers are entities' canonical names, each with how its
    speaker was found.

    ``inside`` marks the characters between quotation marks: a person named only inside someone's quote is
    not taken as the referent of the writer's "he".
    """
    text = text_of(doc)
    # "Corker said that Trump had failed. “…,” he said": a person named inside what someone reports is not
    # the writer's "he" (the reporter of it is)
    reported = [(a.start, a.end) for a in attributions if a.kind != "direct"]
    persons = sorted(
        (m.start, m.end, e)
        for e in entities
        if e.type == "PERSON"
        for m in e.mentions
        if m.kind != "pronoun"
        and _is_subject(doc, m.start, m.end)
        and not (inside and inside[m.start])
        and not any(lo <= m.start < hi for lo, hi in reported)
    )
    # every name of a person outside quotes, subject or not: what a description ("the 28-year-old") may mean
    named = sorted(
        (m.start, m.end, e)
        for e in entities
        if e.type == "PERSON"
        for m in e.mentions
        if m.kind == "name" and not (inside and inside[m.start])
    )
    quotes: list[tuple[Quote, SpeakerTrace]] = []
    last: Speaker | None = None
    last_at = -1
    for a in attributions:
        speaker: Speaker | None = None
        confidence = a.confidence
        note = a.note
        how = "none"
        recent = last if a.start - last_at < 1500 else None
        if a.speaker is not None and a.speaker_head is not None:
            speaker, guessed, how = _speaker_at(doc, a, index, persons, recent, named, inside)
            if guessed:
                confidence *= 0.8
        elif a.cue is None and a.kind == "direct":
            speaker, how = _from_context(doc, a.start, index, persons, recent)
            if speaker is None:
                note = (note + "; " if note else "") + "speaker not named in the text"
        elif not (note and note.startswith(QUESTION_NOTE)):
            note = (note + "; " if note else "") + "cue has no named speaker (passive or impersonal)"
        cue = text[a.cue[0] : a.cue[1]] if a.cue else None
        trace = SpeakerTrace(how, *_recency(text, speaker, persons, recent))
        quotes.append(
            (
                Quote(
                    text=text[a.start : a.end],
                    start=a.start,
                    end=a.end,
                    kind=a.kind,  # type: ignore[arg-type]
                    category=a.category,  # type: ignore[arg-type]
                    speaker=speaker,
                    cue=cue,
                    confidence=round(min(1.0, max(0.0, confidence)), 3),
                    cue_start=a.cue[0] if a.cue else None,
                    cue_end=a.cue[1] if a.cue else None,
                    note=note,
                ),
                trace,
            )
        )
        if speaker is not None:
            last, last_at = speaker, a.end
    return quotes


def _speaker_at(
    doc: Doc,
    a: Attribution,
    index: MentionIndex,
    persons: Sequence[tuple[int, int, Entity]],
    last: Speaker | None,
    named_persons: Sequence[tuple[int, int, Entity]] = (),
    inside: bytearray | None = None,
) -> tuple[Speaker, bool, str]:
    """The entity behind the speaker mention, or a fallback for an unresolved pronoun. (speaker, guessed, how)."""
    assert a.speaker is not None and a.speaker_head is not None
    hs, he = a.speaker_head
    how = "entity"
    ent = index.at(hs, he)
    if ent is not None and _names_a_modifier(doc, ent, hs, he):
        ent = None  # "a prominent Kremlin critic says": the critic speaks, not the Kremlin
    word = text_of(doc)[hs:he].lower()
    if ent is not None and word in PRONOUNS_PERSON and _named_only_quoted(ent, inside):
        ent = None  # "“The thing about Cyril was …,” she said": she is not the man her own quote names
    if word in PRONOUNS_PERSON and last is not None and _continues(doc, a) and _fits(word, last, persons, hs):
        return replace(last, start=hs, end=he), False, "pronoun_last"  # "“…,” he added": the last speaker goes on
    relative = text_of(doc)[hs:he].lower() in ("who", "which", "that")
    if ent is None and relative:
        ent, how = _antecedent_of_relative(doc, hs, he, index), "relative"
    if ent is None and a.rule != "headline_colon":  # "Poll: Bernie Sanders Burns Hillary Clinton": no appositive
        ent, how = _appositive_entity(doc, hs, he, index), "appositive"
    if (ent is None or ent.type != "PERSON") and word not in PRONOUNS_ANY:
        person = _person_in_phrase(doc, a.speaker, index)
        if person is not None:
            ent, how = person, "in_phrase"
    if ent is None:
        # "according to findings published by the X Institute": a document speaks for the body that issued it
        ent, how = _publisher(doc, hs, he, index), "publisher"
    if ent is not None:
        return Speaker(name=ent.name, entity=ent.id, start=hs, end=he), False, how
    mention = text_of(doc)[hs:he]
    phrase = _relative_antecedent_phrase(doc, hs, he) if relative else None
    if phrase is not None:
        return Speaker(name=text_of(doc)[phrase[0] : phrase[1]], start=hs, end=he), False, "relative_phrase"
    if mention.lower() in PRONOUNS_ANY:
        fallback = _antecedent(mention.lower(), hs, persons, last)
        how = "pronoun_last" if fallback is not None and fallback == last else "pronoun_recent"
        if fallback is None and mention.lower() == "they":
            fallback, how = _named_pair(doc, hs, index), "pronoun_pair"
        if fallback is not None:
            return replace(fallback, start=hs, end=he), True, how
        return Speaker(name=mention, start=hs, end=he), True, "pronoun_unresolved"
    s, e = a.speaker
    named = _described_person(doc, a.speaker, hs, he, named_persons)
    if named is not None:
        # "The 28-year-old striker said …" after "Jane Roe …": the description is the person the article names
        return Speaker(name=named.name, entity=named.id, start=s, end=e), False, "description"
    return Speaker(name=text_of(doc)[s:e], start=s, end=e), False, "phrase"


_DOCUMENT_SOURCES = ("ORG", "PERSON", "GPE", "NORP")
"""Entity types that can issue a document."""
_ISSUED_BY = ("by", "from", "in")
"""Prepositions that name who issued a document ("a report by X", "data from X", "findings published in X")."""


def _publisher(doc: Doc, hs: int, he: int, index: MentionIndex) -> Entity | None:
    """The body that issued the document a speaker mention names: the possessor ("Gallup's poll"), the "by" or
    "from" phrase ("a report by the institute", "findings published in the institute's journal"): the last
    entity of that phrase, the owner at the end of an "of" chain. None when the head is no document noun."""
    span = tokens_in(doc, hs, he)
    if span is None or not len(span):
        return None
    head = span.root
    if head.pos_ == "PROPN" or head.lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    phrases = [c for c in head.children if c.dep_ == "poss"]
    verbs = [head] + [c for c in head.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
    for v in verbs:
        for prep in v.children:
            if prep.dep_ in ("prep", "agent") and prep.lower_ in _ISSUED_BY and (v is not head or prep.lower_ != "in"):
                phrases.extend(o for o in prep.children if o.dep_ == "pobj")
    for phrase in phrases:
        found = [index.at(t.idx, t.idx + len(t.text)) for t in phrase.subtree]
        ents = [e for e in found if e is not None and e.type in _DOCUMENT_SOURCES]
        if ents:
            return ents[-1]
    return None


def _described_person(
    doc: Doc, phrase: tuple[int, int], hs: int, he: int, named: Sequence[tuple[int, int, Entity]]
) -> Entity | None:
    """The one person a definite description of a person means ("the 28-year-old", "the striker"): the only
    person named in the sentence before it or its own, else the only person the article has named so far; None
    when the description is of someone the article introduced without a name ("a spokesman … the spokesman"),
    restricted ("the leader of …") or when two people fit."""
    span = tokens_in(doc, hs, he)
    whole = tokens_in(doc, phrase[0], phrase[1])
    if span is None or whole is None or not len(span):
        return None
    head = span.root
    if head.tag_ not in ("NN", "CD") or not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in head.lefts):
        return None
    if any(c.dep_ in ("prep", "relcl", "acl") for c in head.rights):
        return None
    aged = any(t.lower_ == "old" and any(c.lower_ in ("year", "years") for c in t.lefts) for t in whole)
    lemma = head.lemma_.lower()
    if not aged and lemma not in PERSON_NOUNS:
        return None
    text = text_of(doc)
    earlier = text[: phrase[0]].lower()
    if re.search(rf"\b(?:an?|another|one)\s+(?:[\w-]+\s+){{0,2}}{re.escape(head.lower_)}\b", earlier):
        return None  # "a spokesman for the club … the spokesman said": someone the article does not name
    wanted = PERSON_NOUNS.get(lemma)
    before = [p for p in named if p[1] <= phrase[0] and (wanted is None or gender_of(p[2]) in (None, wanted))]
    sent = head.sent
    previous = doc[sent.start - 1].sent if sent.start > 0 else sent
    near = {p[2].id: p[2] for p in before if p[0] >= previous.start_char}
    if len(near) == 1:
        return next(iter(near.values()))
    everyone = {p[2].id: p[2] for p in before}
    return next(iter(everyone.values())) if not near and len(everyone) == 1 else None


CONTINUING_CUES = ("add", "continue")
"""Cues by which a speaker goes on ("he added", "she continued"): their pronoun is the last speaker."""


def _continues(doc: Doc, a: Attribution) -> bool:
    """Whether the cue is one by which the last speaker goes on ("he added that …", "she continued: …")."""
    if a.cue is None:
        return False
    cue = tokens_in(doc, a.cue[0], a.cue[1])
    return cue is not None and len(cue) > 0 and cue[0].lemma_.lower() in CONTINUING_CUES


def _fits(pronoun: str, last: Speaker, persons: Sequence[tuple[int, int, Entity]], at: int) -> bool:
    """Whether the last speaker is a person (an entity named as a subject) whose gender does not contradict the
    pronoun, and no one else was named as a subject since ("Jones disagreed. He added …" is Jones)."""
    ent = next((p[2] for p in persons if p[2].id == last.entity), None)
    before = [p for p in persons if p[1] <= at]
    if ent is None or (before and before[-1][2].id != ent.id):
        return False
    wanted = "f" if pronoun in ("she", "her") else "m" if pronoun in ("he", "him") else None
    return wanted is None or gender_of(ent) in (None, wanted)


def _named_only_quoted(ent: Entity, inside: bytearray | None) -> bool:
    """Whether every name of the entity lies inside quotation marks (someone the quoted words speak of)."""
    names = [m for m in ent.mentions if m.kind == "name"]
    return inside is not None and bool(names) and all(inside[m.start] for m in names)


def _recency(
    text: str, speaker: Speaker | None, persons: Sequence[tuple[int, int, Entity]], last: Speaker | None
) -> tuple[str | None, int]:
    """What the recency heuristic would say of the same mention (the entity id of the latest fitting person or
    the last speaker), and how many distinct persons were named as subjects in the 1,200 characters before it."""
    if speaker is None or speaker.start is None or speaker.end is None:
        return None, 0
    at = speaker.start
    word = text[speaker.start : speaker.end].lower()
    guess = _antecedent(word if word in PRONOUNS_ANY else "he", at, persons, last)
    competing = len({p[2].id for p in persons if p[1] <= at and at - p[1] < 1200})
    return (guess.entity if guess is not None else None), competing


def _names_a_modifier(doc: Doc, ent: Entity, hs: int, he: int) -> bool:
    """Whether the entity is named only by a modifier of a common-noun head ("Kremlin critic", "Google
    engineer"), so that the speaker is the person the noun describes, not the entity."""
    span = doc.char_span(hs, he, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    head = span.root
    if head.pos_ != "NOUN" or head.ent_type_:
        return False
    h0, h1 = head.idx, head.idx + len(head.text)
    return not any(m.start < h1 and h0 < m.end for m in ent.mentions)


def _person_in_phrase(doc: Doc, phrase: tuple[int, int], index: MentionIndex) -> Entity | None:
    """A person named in the speaker's own words, before any preposition, comma or relative clause.

    ("media and PR strategist Glen Yearwood, who …" is Glen Yearwood; "a spokesman for John Smith" is not Smith.)
    """
    span = tokens_in(doc, phrase[0], phrase[1])
    if span is None:
        return None
    for t in span:
        if t.pos_ == "ADP" or t.is_punct or t.lower_ in ("who", "which", "that", "whose"):
            return None
        if t.dep_ == "poss" or (t.dep_ == "compound" and t.head.pos_ == "NOUN"):
            continue  # "Abe's government", "Trump administration officials": the name modifies who speaks
        ent = index.at(t.idx, t.idx + len(t.text))
        if ent is not None and ent.type == "PERSON":
            return ent
    return None


def _antecedent_of_relative(doc: Doc, hs: int, he: int, index: MentionIndex) -> Entity | None:
    """ "officials who said …": the entity of the noun a relative pronoun stands for."""
    span = tokens_in(doc, hs, he)
    if span is None:
        return None
    clause = span.root.head
    if clause.dep_ not in ("relcl", "acl") or clause.head is clause:
        return None
    s, e = head_span(clause.head)
    return index.at(s, e) or _appositive_entity(doc, s, e, index)


def _relative_antecedent_phrase(doc: Doc, hs: int, he: int) -> tuple[int, int] | None:
    """ "some experts who think …": the noun phrase a relative pronoun stands for, when no entity covers it."""
    span = tokens_in(doc, hs, he)
    if span is None:
        return None
    clause = span.root.head
    if clause.dep_ != "relcl" or clause.head is clause or clause.head.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    noun = clause.head
    if noun.lower_ in ("those", "one", "ones", "some", "many"):
        return None  # "among those who say": the phrase says nothing about who
    return np_span(noun)


def _is_subject(doc: Doc, start: int, end: int) -> bool:
    """Whether a mention is a clause subject (pronouns refer back to subjects far more than to objects)."""
    span = tokens_in(doc, start, end)
    if span is None:
        return False
    root = span.root
    # "Head of the division, Andrew Burke, spoke about …": the name in apposition to the subject is one too
    return root.dep_ in ("nsubj", "nsubjpass") or (root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass"))


def _appositive_entity(doc: Doc, hs: int, he: int, index: MentionIndex) -> Entity | None:
    """ "the campaign's spokesman, Jason Miller, said": the appositive names the speaker."""
    span = tokens_in(doc, hs, he)
    if span is None:
        return None
    for c in span.root.children:
        if c.dep_ == "appos":
            s, e = head_span(c)
            ent = index.at(s, e)
            if ent is not None:
                return ent
    return None


def _antecedent(
    pronoun: str, at: int, persons: Sequence[tuple[int, int, Entity]], last: Speaker | None
) -> Speaker | None:
    """A pronoun's referent when no entity covers it: the last speaker in a run of quotes, else the latest person."""
    if pronoun not in PRONOUNS_PERSON:
        people = {p[2].id for p in persons}
        group = last is not None and last.entity is not None and last.entity not in people
        # "they" and "we" are a group, never one person; "it" the organization that spoke last
        return last if group and pronoun in ("they", "we", "it") else None
    wanted = "f" if pronoun in ("she", "her", "hers") else "m" if pronoun in ("he", "him", "his") else None
    people_by_id = {p[2].id: p[2] for p in persons}  # one gender look-up per entity, not per mention
    fits = {i: gender_of(e) in (None, wanted) for i, e in people_by_id.items()}
    recent = [p for p in persons if p[1] <= at and at - p[1] < 1200 and fits[p[2].id]]
    agrees = last is not None and last.entity is not None and fits.get(last.entity, True)
    if last is not None and agrees and (not recent or last.entity == recent[-1][2].id):
        return last
    if recent:
        ent = recent[-1][2]
        return Speaker(name=ent.name, entity=ent.id)
    return last if last is None or fits.get(last.entity or "", True) else None


def _named_pair(doc: Doc, at: int, index: MentionIndex) -> Speaker | None:
    """ "Turnbull and Ciobo said … “…,” they said": "they" are the people the previous sentence's subject names
    together (reported by their names joined; no single entity)."""
    tok = tokens_in(doc, at, at + 1)
    if tok is None:
        return None
    sent = tok.sent
    previous = doc[sent.start - 1].sent if sent.start > 0 else None
    for s in (sent, previous):
        if s is None:
            continue
        for t in s:
            if t.idx >= at or t.dep_ != "nsubj":
                continue
            subtree = list(t.subtree)
            if not any(x.lower_ == "and" for x in subtree):
                continue
            found = [index.at(x.idx, x.idx + len(x.text)) for x in subtree if x.pos_ == "PROPN"]
            names = list(dict.fromkeys(e.name for e in found if e is not None and e.type == "PERSON"))
            if len(names) >= 2 and all(e is None or e.type == "PERSON" for e in found):
                return Speaker(name=" and ".join(names))
    return None


def gender_of(ent: Entity) -> str | None:
    """A person's gender as the text shows it: a first name, or an honorific before a mention."""
    gender = first_name_gender(ent.name.split()[0]) if " " in ent.name else None
    if gender is None:
        for m in ent.mentions:
            title = m.text.split()[0].lower().rstrip(".") if m.text else ""
            if HONORIFICS.get(title):
                return HONORIFICS[title]
    return gender


def _from_context(
    doc: Doc, at: int, index: MentionIndex, persons: Sequence[tuple[int, int, Entity]], last: Speaker | None
) -> tuple[Speaker | None, str]:
    """A quote with no cue: the person its sentence is about, else the last speaker, else the latest person."""
    tok = tokens_in(doc, at, at + 1)
    if tok is None:
        return None, "none"
    sent = tok.sent
    for t in sent:
        if t.idx >= at:
            break
        if t.dep_ in ("nsubj", "nsubjpass", "poss"):
            ent = index.at(t.idx, t.idx + len(t.text))
            if ent is not None and ent.type == "PERSON":
                return Speaker(name=ent.name, entity=ent.id, start=t.idx, end=t.idx + len(t.text)), "context_subject"
            if t.lower_ in PRONOUNS_PERSON:
                found = _antecedent(t.lower_, t.idx, persons, last)
                if found is not None:
                    return replace(found, start=t.idx, end=t.idx + len(t.text)), "context_pronoun"
    found = _antecedent("he", at, persons, last)
    return found, "context_recent" if found is not None else "none"
