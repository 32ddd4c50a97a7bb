"""Sport and figurative senses of event words: "they meet Wales on Saturday" is a fixture, not talks.

Match reports use the vocabulary of politics and war for games: teams *meet*, *clash*, *visit*
grounds and launch *attacks*; a fly-half *releases* a winger; athletes go to *trials* and *meetings*
(athletics meets). Outside sport, *attack* is also verbal ("attacked the minister over the delay").
These checks use general cues, never names:

- **sport articles**: the document is about sport when it has several unambiguous sport words
  (league, striker, goalkeeper, tournament, semi-final, referee, rugby, medal ...) or score lines
  ("2-1", "6-4"). There, attacks, clashes, meetings, visits and marches are the game's unless the
  sentence speaks of violence (police, injured, knife, riot ...) — or, for a meeting, it is a past
  meeting between named persons in a sentence with no sport word ("met the chairman in a hotel");
  releases need custody words (prison, jail, bail ...) and trials legal words (court, charge, jury ...);
  "his dismissal against Arsenal" is a sending-off and "stepped down from 400m to 200m" a change of event.
- **sport sentences** in any article: a score line or a word of the game (striker, referee, league ...) marks
  attacks, meetings, visits and marches there as the game's (again unless violence is named).
- **verbal attacks**: "attacked X over/as/for doing ...", "attacked X, saying ..." are criticism.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .. import lexicons
from ..spans import doc_text

STRONG_SPORT_WORDS = lexicons.words("words_events", list="figurative.STRONG_SPORT_WORDS")  # fmt: skip
"""Sport words that hardly occur in other senses in news (not "goal", "match", "final", "stadium")."""

SPORT_WORDS = STRONG_SPORT_WORDS | frozenset(
    {"defender", "keeper", "squad", "stadium", "cup", "coach", "manager", "match", "goal", "season", "club",
     "player", "final", "champion", "fan", "team", "game", "striker"}
)  # fmt: skip
"""Words of sport that count only in a sport article ("goal", "match" and "team" have other senses elsewhere)."""

GAME_WORDS = lexicons.words("words_events", list="figurative.GAME_WORDS")  # fmt: skip
"""Words that put a sentence of any article on the pitch (not "football": "a football stadium" can be a target)."""

_HYPHENATED = re.compile(r"\b(?:(?:semi|quarter)-finals?|kick-off|half-time|hat-trick|play-offs?|fly-half)\b")
"""Unambiguous sport words the tokenizer splits at the hyphen."""

VIOLENCE_WORDS = lexicons.words("words_events", list="figurative.VIOLENCE_WORDS")  # fmt: skip
"""Words that make an attack in a sport context a real one ("fans attacked police after the match")."""

CUSTODY_WORDS = lexicons.words("words_events", list="figurative.CUSTODY_WORDS")  # fmt: skip
"""Words that make "released" a release from custody rather than from a club or into space on the pitch."""

LEGAL_WORDS = lexicons.words("words_events", list="figurative.LEGAL_WORDS")  # fmt: skip
"""Words that make "trial" a court case rather than a selection race."""

POST_WORDS = lexicons.words("words_events", list="figurative.POST_WORDS")  # fmt: skip
"""Posts one steps down from (in a sport article, other step-downs are a change of event or division)."""

GAME_TYPES = lexicons.words("words_events", list="figurative.GAME_TYPES")
"""Event types whose words match reports use for the game itself."""

VERBAL_PREPS = frozenset({"over", "as"})
SAYING_VERBS = lexicons.words("words_events", list="figurative.SAYING_VERBS")

_SCORE_LINE = re.compile(r"(?<![\d./:-])\d{1,2}-\d{1,2}(?![\d/:]|[.-]\d)")
"""A score line ("2-1", "6-4 3-6"), not a date ("2016-17"), a time or a ratio of large numbers."""


def _lemmas(tokens: Doc | Span) -> list[str]:
    return [t.lemma_.lower() if t.pos_ != "PROPN" else t.lower_ for t in tokens]


def sport_article(doc: Doc) -> bool:
    """Whether ``doc`` is about sport: three unambiguous sport words or score lines, or one and many weaker words."""
    lemmas = _lemmas(doc)
    words = [w for w in lemmas if w in STRONG_SPORT_WORDS] + _HYPHENATED.findall(doc_text(doc).lower())
    scores = len(_SCORE_LINE.findall(doc_text(doc)))
    if len(words) + scores >= 3 and (len(set(words)) >= 2 or scores >= 1):
        return True
    weak = sum(1 for w in lemmas if w in SPORT_WORDS and w not in STRONG_SPORT_WORDS)
    return len(words) + scores >= 1 and weak >= 6


def sport_sentence(sent: Span, in_sport_article: bool) -> bool:
    """Whether a sentence speaks of a game (any sport word in a sport article, a strong one elsewhere)."""
    vocabulary = SPORT_WORDS if in_sport_article else GAME_WORDS
    if _SCORE_LINE.search(sent.text) or _HYPHENATED.search(sent.text.lower()):
        return True
    return any(w in vocabulary for w in _lemmas(sent))


def _has(sent: Span, words: frozenset[str]) -> bool:
    return any(t.lemma_.lower() in words or t.lower_ in words for t in sent)


def game_sense(kind: str, head: Token, sent: Span, in_sport_article: bool, persons_met: int) -> bool:
    """Whether an event of type ``kind`` triggered by ``head`` in ``sent`` is sport or another sense.

    ``persons_met`` is the number of named persons among a meeting's participants.
    """
    lemma = head.lemma_.lower()
    if kind == "release":
        return in_sport_article and not _has(sent, CUSTODY_WORDS)
    if kind == "trial" and lemma == "trial":
        return in_sport_article and not _has(sent, LEGAL_WORDS)
    if kind == "dismissal" and in_sport_article and lemma == "dismissal":
        return any(c.lower_ == "against" for c in head.children)  # "his dismissal against Arsenal": a red card
    if kind == "resignation" and in_sport_article and lemma == "step":
        # "stepped down from 400m to 200m": a step down from a post says "as coach" or names the post
        return not any(c.lower_ == "as" for c in head.children) and not _has(sent, POST_WORDS)
    if kind not in GAME_TYPES:
        return False
    if (kind == "protest" and lemma != "march") or (kind == "meeting" and lemma not in ("meet", "meeting")):
        return False  # "talks" in a sport article are talks (contracts, takeovers)
    sporty = sport_sentence(sent, in_sport_article)
    if not (in_sport_article or sporty):
        return False
    if kind in ("attack", "invasion") and _has(sent, VIOLENCE_WORDS):
        return False
    # "Cole met Mourinho in a London hotel": a meeting, even in a sport article
    met = kind == "meeting" and head.tag_ in ("VBD", "VBN") and persons_met >= 2
    return not (met and not sport_sentence(sent, False))


def verbal_attack(head: Token) -> bool:
    """ "attacked the minister over the delay", "attacked the plan as reckless", "attacked him, saying ...": words."""
    if head.pos_ != "VERB" or head.lemma_.lower() != "attack":
        return False
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in VERBAL_PREPS:
            return True
        if c.dep_ == "prep" and c.lower_ == "for" and any(o.tag_ == "VBG" for o in c.children):
            return True  # "attacked the board for failing to ..."
        if c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in SAYING_VERBS:
            return True
    return False


PHYSICAL_HARM_WORDS = VIOLENCE_WORDS | {
    "beat", "punch", "kick", "kill", "die", "death", "blood", "shoot", "shot", "attacker", "assailant", "injury",
    "hurt", "victim", "machete", "acid", "bat", "fist", "hammer", "car", "vehicle", "dog", "mob", "crowd",
}  # fmt: skip
"""Words that make an attack on a person physical ("attacked him with a knife", "beaten by the attackers")."""


def verbal_attack_on_person(head: Token, sent: Span, person_targeted: bool) -> bool:
    """ "one iteration after another of attacking Trump": an attack on a named person told with no word of
    physical harm in its sentence is words (politics and opinion attack people with words)."""
    return person_targeted and head.lemma_.lower() == "attack" and not _has(sent, PHYSICAL_HARM_WORDS)
