"""What an attribution is — speech, belief, knowledge, finding, plan or document — and what is none at all.

Part of the quotes stage. The cue lemma's categories come from ``data/lexicons/cue_verbs.tsv``; a document
or study as the one who "says" makes it a ``document`` (or a ``finding`` with a verb of finding). Captions and
chart text ("a video showing …", "the above chart suggests …"), hypotheticals ("if he says that …", "most
people know …") and a verb's object when no one who can speak is its subject ("the four-seater boasts …")
are not attributions.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from .. import lexicons
from .cues import (
    CAPTION_NOUNS,
    CATEGORIES,
    CUE_CATEGORIES,
    DOCUMENT_NOUNS,
    GENERIC_SUBJECTS,
    HYPOTHETICAL_MARKS,
    SPEAKER_NOUNS,
)
from .syntax import PRONOUNS_ANY, Attribution, tokens_in

_SPEAKING_ENTS = lexicons.words("words_quotes", list="category._SPEAKING_ENTS")
_ALWAYS_GENERIC = lexicons.words("words_quotes", list="category._ALWAYS_GENERIC")
"""Generic subjects that make even a verb of saying hypothetical ("you say that …"); "people said" is a survey."""


def classify(doc: Doc, a: Attribution) -> Attribution | None:
    """``a`` with its category, or None when it attributes nothing (a caption, a hypothetical, a thing's object).

    A direct quote is never dropped here (its marks say someone's words are quoted); it only gets a category.
    """
    if a.cue is None:
        return replace(a, category="speech")
    cue = tokens_in(doc, a.cue[0], a.cue[1])
    head_span = tokens_in(doc, *a.speaker_head) if a.speaker_head is not None else None
    head = head_span.root if head_span is not None and len(head_span) else None
    if cue is None or not len(cue):
        return replace(a, category="speech")
    verb = cue[0]
    if a.rule in (
        "raising",
        "host_raising",
    ):  # "X seems to …", "X is expected to …": an impression, held by no one named
        return None if _hypothetical(verb) else replace(a, category="belief")
    category = _category(verb, head, a.rule)
    if verb.lemma_.lower() in HEARING_VERBS and verb.pos_ in ("VERB", "AUX") and a.rule not in ("according",):
        a = _told_by(a, verb)  # "the council has heard that …": the council heard it, someone else said it
    if a.kind == "direct":
        return replace(a, category=category)
    if head is not None and head.pos_ != "PROPN" and head.lemma_.lower() in CAPTION_NOUNS:
        return None  # "a video showing …", "the above chart suggests …"
    if _hypothetical(verb) or (head is not None and _generic(head, category)):
        return None
    if a.rule == "object" and head is not None and not _can_speak(head):
        return None  # "the four-seater boasts a top speed of …"
    return replace(a, category=category)


def _category(verb: Token, head: Token | None, rule: str) -> str:
    document = head is not None and head.pos_ != "PROPN" and head.lemma_.lower() in DOCUMENT_NOUNS
    if rule in ("according", "claim_noun") or verb.pos_ not in ("VERB", "AUX"):
        return "document" if document else "speech"
    lemma = "hope" if verb.lower_ in ("hoped", "hoping", "hopes") else verb.lemma_.lower()
    cats = CUE_CATEGORIES.get(lemma, frozenset({"speech"}))
    if document:
        return "finding" if "finding" in cats else "document"
    if "speech" in cats:
        return "speech"
    return next(c for c in CATEGORIES if c in cats)


def _hypothetical(verb: Token) -> bool:
    """ "if he says that …", "whether she thinks …": a cue in a condition or an open question."""
    return any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in verb.children)


def _generic(head: Token, category: str) -> bool:
    """ "most people know …", "you think …": a subject that is nobody in particular."""
    word = head.lower_
    if word in _ALWAYS_GENERIC:
        return True
    if category == "speech" or word not in GENERIC_SUBJECTS:
        return False
    if word == "people":  # "most people know", "people think"; not "people familiar with the talks"
        return not any(
            c.dep_ in ("amod", "acl", "relcl", "prep", "nummod") and c.lower_ != "most" for c in head.children
        )
    return True


def _can_speak(head: Token) -> bool:
    """Whether a subject can say something: a name, a personal pronoun, an organisation or a speaking noun."""
    if head.pos_ == "PROPN" or head.lower_ in PRONOUNS_ANY or head.ent_type_ in _SPEAKING_ENTS:
        return True
    lemma = head.lemma_.lower()
    return lemma in SPEAKER_NOUNS or lemma in DOCUMENT_NOUNS or head.lower_ in ("who", "that", "which")


HEARING_VERBS = lexicons.words("words_quotes", list="category.HEARING_VERBS")
"""Cues whose subject received what was said ("the council has heard …"): never its speaker."""


def _told_by(a: Attribution, verb: Token) -> Attribution:
    """The one a hearing verb heard it from ("heard from the police that …"), else no speaker (with a note)."""
    source = next(
        (o for c in verb.children if c.dep_ == "prep" and c.lower_ == "from" for o in c.children if o.dep_ == "pobj"),
        None,
    )
    if source is not None:
        span = (source.left_edge.idx, source.right_edge.idx + len(source.right_edge.text))
        head = (source.idx, source.idx + len(source.text))
        return replace(a, speaker=span, speaker_head=head)
    hearer = " (the subject heard it)" if a.speaker is not None else ""
    note = f"who said it is not named{hearer}"
    return replace(a, speaker=None, speaker_head=None, note=f"{a.note}; {note}" if a.note else note)
