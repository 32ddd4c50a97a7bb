"""The fitted second look: trigger words the rules did not make an event of, kept when the weights say so.

The rules (``triggers``, ``extract._build``) are strict: a noun with no participant ("the explosion"), a verb whose
subject the parse missed ("Tamerlan, 26, died after a gunfight") or a sense check that fails on a pronoun ("it
exploded") give no event. Every word of the trigger lexicon that the rules left out is described here
(:func:`lexical_features`: its type, lemma, part of speech, dependency, determiner, what its sentence names, whether a
rule candidate was built and then dropped) and a logistic regression over those features
(``dossier/data/models/events_lexical.json``, fitted by ``python -m dossier.train events`` on the annotated NewsWCL50
train stories and TempEval-3 TBAQ's EVENT mentions; threshold chosen on WikiEvents dev and the NewsWCL50 dev stories)
says whether it is an event mention. What it keeps is a bare event: type, trigger, evidence, modality and a date, no
participants (a repeat of a named event merges into it).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spacy.tokens import Doc, Token

from .args import ArgContext, looks_like, military
from .fitted import TriggerModel, read_model
from .lexicon import INTRANSITIVE, UNREAL_MODIFIERS
from .syntax import direct_object, is_passive, subject
from .taxonomy import SENSES_OF, Sense

LEXICAL_MODEL_FILE = "events_lexical.json"
"""The weights' file name under ``dossier/data/models/``."""

DEFINITE = frozenset({"the", "this", "that", "these", "those"})
"""Determiners that point at one known event ("the explosion")."""


LexicalModel = TriggerModel
"""The second look's weights: the same logistic regression as the trigger decision's, over other features."""


def lexical_senses(tok: Token) -> tuple[Sense, ...]:
    """The lexicon's senses of a token that a word alone can carry (a proper noun counts as a noun: "Boston Bombing
    Suspect"); not those defined by what goes with the word ("took office", "found guilty", "imposed sanctions")."""
    pos = "VERB" if tok.pos_ == "VERB" else "NOUN" if tok.pos_ in ("NOUN", "PROPN") else None
    if pos is None:
        return ()
    senses = SENSES_OF.get((tok.lemma_.lower(), pos), ()) or SENSES_OF.get((tok.lower_, pos), ())
    return tuple(s for s in senses if _alone(s))


def _alone(sense: Sense) -> bool:
    return sense.second_look and not (
        sense.objects or sense.particle or sense.complements or sense.cues or sense.needs_support or sense.plural_only
    )


def lexical_features(tok: Token, sense: Sense, dropped: bool, ents: Mapping[int, str]) -> dict[str, float]:
    """What one left-out trigger word looks like in its sentence (``ents``: token index -> entity label)."""
    sent = tok.sent
    det = next((c.lower_ for c in tok.children if c.dep_ == "det"), None)
    labels = {ents[t.i] for t in sent if t.i in ents}
    feats = {
        f"type={sense.type}": 1.0,
        f"lemma={sense.lemma}": 1.0,
        f"pos={tok.pos_}": 1.0,
        f"tag={tok.tag_}": 1.0,
        f"dep={tok.dep_}": 1.0,
        f"head={tok.head.lemma_.lower()}" if tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") else "head=-": 1.0,
        "det=definite" if det in DEFINITE else "det=indefinite" if det in ("a", "an") else "det=none": 1.0,
        "possessor": 1.0 if any(c.dep_ == "poss" for c in tok.children) else 0.0,
        "dropped": 1.0 if dropped else 0.0,
        "negated": 1.0 if any(c.dep_ == "neg" for c in tok.children) else 0.0,
        "modal": 1.0 if any(c.tag_ == "MD" for c in tok.children) else 0.0,
        "number": 1.0 if any(t.like_num and t.ent_type_ not in ("DATE", "TIME") for t in sent) else 0.0,
        "person": 1.0 if labels & {"PERSON", "NORP"} else 0.0,
        "place": 1.0 if labels & {"GPE", "LOC", "FAC"} else 0.0,
        "date": 1.0 if any(t.ent_type_ in ("DATE", "TIME") for t in sent) else 0.0,
        "capitalized": 1.0 if tok.text[:1].isupper() and tok.i != sent.start else 0.0,
    }
    return feats


def left_out(
    doc: Doc, taken: list[tuple[int, int]], candidates: frozenset[int], ctx: ArgContext
) -> Iterator[tuple[Token, Sense, dict[str, float]]]:
    """Every lexicon word outside the character spans the rules ``taken`` (events of any modality) whose company does
    not mark another sense, with its first such sense and features (``candidates``: heads of rule candidates, which
    were then dropped)."""
    ents = {t.i: t.ent_type_ for t in doc if t.ent_type_}
    for tok in doc:
        s, e = tok.idx, tok.idx + len(tok)
        if any(a < e and s < b for a, b in taken):
            continue
        sense = next((x for x in lexical_senses(tok) if not _wrong_company(tok, x, ctx)), None)
        if sense is not None:
            yield tok, sense, lexical_features(tok, sense, tok.i in candidates, ents)


def _wrong_company(tok: Token, sense: Sense, ctx: ArgContext) -> bool:
    """Whether the word's company says it is another sense, or no one event: a particle ("fired back"), an argument
    that fails the sense's check ("sold mobiles", "met expectations", "the Liberal Democrats will have to fight"), a
    predicative use ("called the explosion an attack"), a blocked or unreal modifier ("heart attack", "a potential
    summit"), a noun with nothing that picks one event out ("detention without trial", "in some criminal trials"), a
    fight with no armed side ("she will fight on her record").
    A missing argument, or a pronoun, says nothing: that is the second look's case ("it exploded")."""
    if tok.pos_ == "VERB":
        if any(c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ == "back") for c in tok.children):
            return True  # "fired back", "will fight back": a reply, not the event
        arg = subject(tok) if is_passive(tok) else direct_object(tok)
        if arg is None and sense.lemma in INTRANSITIVE:
            arg = subject(tok)
        if arg is not None and arg.pos_ != "PRON" and not looks_like(arg, sense.check, ctx):
            return True
        return sense.lemma in FIGHTING and not military(subject(tok), ctx)
    if tok.dep_ == "oprd":
        return True
    if any(c.lemma_.lower() in sense.blocked | UNREAL_MODIFIERS or c.lower_ in sense.blocked for c in tok.children):
        return True
    return not any(
        (c.dep_ == "det" and c.lower_ in SPECIFIC) or c.dep_ in ("poss", "nummod", "amod", "compound")
        for c in tok.children
    )


SPECIFIC = frozenset({"the", "a", "an", "this", "that", "these", "those"})
"""Determiners that pick out one event ("the explosion"; not "some criminal trials", "any meeting")."""

FIGHTING = frozenset({"fight", "clash", "battle"})
"""Verbs that are an attack only between armed sides ("fought for equal pay", "will have to fight to be heard")."""


def load_lexical_model() -> TriggerModel | None:
    """The shipped weights, or None when the file is absent (then the rules alone decide)."""
    return read_model(LEXICAL_MODEL_FILE)
