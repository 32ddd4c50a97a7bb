"""When an event happened: the timex in its clause, else its sentence's, else the narrative's, else publication.

Each date says where it comes from (``EventDate.anchor``): ``clause``, ``sentence``, ``narrative`` or ``published``;
``basis`` keeps the older three-way answer (``clause`` / ``governing`` / ``published``).

The order (docs/events.md):

1. ``clause`` — a DATE/TIME timex attached to the trigger, its support verb or its
   clause head without crossing another clause ("In 2016, X was arrested").
2. ``governing`` — a timex on a clause the event's clause is coordinated with
   ("arrested in 2016 and released"), or, for a past-tense event, the latest
   timex in the previous sentences of the same paragraph (the story's narrative
   time: "In 2016 ... . He was then jailed"), when that timex sets the time of its sentence's main clause.
3. ``published`` — the publication date, marked as such (text is empty).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...model import EventDate, Timex
from .. import lexicons
from .syntax import CLAUSE_DEPS, past

GOVERNING_SENTENCES = 2
"""How many previous sentences (within the paragraph) a narrative timex governs."""

TIME_NOUNS = lexicons.words("words_events", list="dates.TIME_NOUNS")
"""Nouns a timex can hang on and still date the clause ("on Sunday minutes after landing")."""

OCCURRENCE_VERBS = lexicons.words("words_events", list="dates.OCCURRENCE_VERBS")
"""Verbs that say when something happened; "take place" is recognised by its object."""

REFERRING_NOUNS = lexicons.words("words_events", list="dates.REFERRING_NOUNS")
"""General nouns and pronouns that refer back to an event named elsewhere in the sentence."""

SAME_TIME_MARKS = lexicons.words("words_events", list="dates.SAME_TIME_MARKS")
"""Subordinators of a clause that happens at the main clause's time ("as protesters marched")."""

_UNDATED = lexicons.words("words_events", list="dates._UNDATED")


@dataclass(frozen=True, slots=True)
class PlacedTimex:
    """A timex with its syntactic root token and the sentence it sits in."""

    timex: Timex
    root: int
    """Token index of the timex's syntactic head."""
    sent_start: int
    """Character offset of its sentence."""
    tokens: frozenset[int]


def place_timexes(doc: Doc, timexes: Sequence[Timex]) -> list[PlacedTimex]:
    """Attach each DATE/TIME timex to the parse (timexes that do not align with tokens are dropped)."""
    out = []
    for t in timexes:
        if t.type not in ("DATE", "TIME"):
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        out.append(PlacedTimex(t, span.root.i, span.sent.start_char, frozenset(range(span.start, span.end))))
    return sorted(out, key=lambda p: p.timex.start)


def _is_clause(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and (tok.dep_ in CLAUSE_DEPS or tok.head.i == tok.i)


def _reaches(doc: Doc, start: int, targets: set[int], lo: int, hi: int) -> bool:
    """Whether walking up from token ``start`` meets ``targets`` before another clause (within ``[lo, hi)``)."""
    cur = doc[start]
    prev: Token | None = None
    for _ in range(40):
        if cur.i in targets:
            return True
        if cur.i != start and _is_clause(cur):
            return False
        misplaced = prev is not None and _misattached_time(cur, prev)
        if cur.i != start and cur.pos_ in ("NOUN", "PROPN") and cur.lemma_.lower() not in TIME_NOUNS and not misplaced:
            return False  # "the 1995 massacre": the timex dates that noun, not the clause above it
        if cur.head.i == cur.i or not lo <= cur.head.i < hi:
            return False
        prev, cur = cur, cur.head
    return False


def _misattached_time(noun: Token, prep: Token) -> bool:
    """ "Georgian police on Saturday detained …": the parser hangs the clause's time on its subject; a subject
    is not dated by a time phrase of its own (the day belongs to the verb)."""
    return noun.dep_ in ("nsubj", "nsubjpass") and prep.dep_ == "prep" and prep.lower_ in ("on", "at", "during")


def _inside(doc: Doc, clause: Token, placed: PlacedTimex, lo: int, hi: int) -> bool:
    """Whether the event's clause hangs on the timex phrase itself (a parser quirk: "The year he was released")."""
    cur = clause
    for _ in range(6):
        head = cur.head
        if head.i == cur.i or not lo <= head.i < hi:
            return False
        if head.i in placed.tokens:
            return True
        if _is_clause(head) and cur.dep_ != "conj" and head.dep_ not in ("conj", "relcl"):
            return False
        cur = head
    return False


def _topical(doc: Doc, placed: PlacedTimex) -> bool:
    """Whether a timex sets its sentence's time: it hangs on the main clause ("In 2016, X was ..."),
    not on a noun or a subordinate clause ("a war that began in 1950")."""
    root = doc[placed.root]
    main = root.sent.root
    return _reaches(doc, placed.root, {main.i}, root.sent.start, root.sent.end)


def _occurrence_of_reference(doc: Doc, placed: PlacedTimex, lo: int, hi: int) -> bool:
    """Whether the timex dates a clause "<general reference> happened/took place <timex>": the clause's
    verb says something occurred, and what occurred is a general noun ("the situation that took place on
    February 24th", "the events happened on Monday"), not a new named event."""
    cur = doc[placed.root]
    for _ in range(8):
        if _is_clause(cur) and cur.i != placed.root:
            break
        if cur.head.i == cur.i or not lo <= cur.head.i < hi:
            return False
        cur = cur.head
    else:
        return False
    verb = cur
    lemma = verb.lemma_.lower()
    takes_place = lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children)
    if lemma not in OCCURRENCE_VERBS and not takes_place:
        return False
    if verb.dep_ == "relcl":
        subject: Token | None = verb.head
    else:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and subject.lemma_.lower() in REFERRING_NOUNS


TIME_LANDMARK_PREPS = lexicons.words("words_events", list="dates.TIME_LANDMARK_PREPS")
"""Prepositions that use an event as a landmark for the time of another ("after the meeting")."""


def _time_landmark(trigger: Token) -> bool:
    """Whether a nominal event is the landmark of a temporal phrase ("after a meeting", "prior to the vote")."""
    if trigger.pos_ != "NOUN":
        return False
    cur = trigger
    for _ in range(3):  # "after a ministers' meeting and stern words": the parser may hang it on its neighbour
        if cur.dep_ == "pobj":
            prep = cur.head
            return prep.lower_ in TIME_LANDMARK_PREPS or (prep.lower_ == "to" and prep.head.lower_ == "prior")
        if cur.dep_ not in ("conj", "nmod", "appos", "compound"):
            return False
        cur = cur.head
    return False


def _value(t: Timex, published: str | None) -> str:
    return published if t.value == "PRESENT_REF" and published else t.value


def choose_date(
    doc: Doc,
    trigger: Token,
    anchors: Sequence[Token],
    clause: Token,
    placed: Sequence[PlacedTimex],
    bounds: tuple[int, int],
    paragraph_start: int,
    published: str | None,
    predicate: bool = True,
    ahead: bool = False,
) -> EventDate | None:
    """The event's date: clause timex, else governing timex, else publication date, else None.

    ``anchors`` are the tokens a clause timex may attach to (trigger, support verb, clause head);
    ``bounds`` the token range of the evidence sentence; ``predicate`` says whether the event is
    its clause's predication (only then does a previous sentence's narrative time govern it:
    "At the time of her death she was working ..." is not dated by the story's time); ``ahead`` that the event is
    told as future: it takes no date before publication ("the White House confirmed Thursday, where he will meet ...")
    and no "now".
    """
    lo, hi = bounds
    if ahead and published:
        placed = [p for p in placed if not _behind(p.timex, published)]
    targets = {a.i for a in anchors} | {clause.i}
    if clause.dep_ == "xcomp" and clause.head.pos_ in ("VERB", "AUX"):
        targets.add(clause.head.i)  # "In early 1970, Felt chanced to meet ...": the time of the verb it completes
    local = [p for p in placed if lo <= p.root < hi]
    near = sorted(local, key=lambda p: abs(p.root - trigger.i))
    if _time_landmark(trigger):
        # "shares fell on Monday after a ministers' meeting": Monday is the fall's; the meeting has its own time
        for p in near:
            if p.timex.value not in _UNDATED and _reaches(doc, p.root, {trigger.i}, lo, hi):
                return EventDate(p.timex.text, _value(p.timex, published), "clause", "clause")
        return EventDate("", published, "published", "published") if published else None
    for p in near:
        dated = p.timex.value not in _UNDATED or p.timex.value == "PRESENT_REF"
        if dated and (_reaches(doc, p.root, targets, lo, hi) or _inside(doc, clause, p, lo, hi)):
            return EventDate(p.timex.text, _value(p.timex, published), "clause", "clause")
    # coordinated clauses share a time adjunct: "arrested in 2016 and released"
    cur = clause
    while cur.dep_ == "conj" and lo <= cur.head.i < hi:
        cur = cur.head
        for p in near:
            limit = doc[p.root].head.lower_ in ("until", "till", "through", "by")  # "postponed until June 1, and …"
            if p.timex.value not in _UNDATED and not limit and _reaches(doc, p.root, {cur.i}, lo, hi):
                return EventDate(p.timex.text, p.timex.value, "governing", "sentence")
    if trigger.pos_ == "NOUN":  # "the invasion ... the situation that took place on February 24th"
        for p in near:
            if p.timex.value not in _UNDATED and _occurrence_of_reference(doc, p, lo, hi):
                return EventDate(p.timex.text, p.timex.value, "governing", "sentence")
    seg_lo, seg_hi = _segment(doc, trigger, lo, hi)
    own_time = [p for p in near if p.timex.value not in _UNDATED and _topical(doc, p) and seg_lo <= p.root < seg_hi]
    if (
        own_time
        and clause.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ in SAME_TIME_MARKS for c in clause.children)
    ):
        p = own_time[0]  # "Police fired tear gas on Sunday as protesters marched": the same time as the main clause
        return EventDate(p.timex.text, p.timex.value, "governing", "sentence")
    told_past = _told_past(trigger, clause)
    landmark = clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in TIME_LANDMARK_PREPS for c in clause.children
    )
    if own_time and told_past and not landmark and not (published and _later(own_time[0].timex.value, published)):
        p = own_time[0]  # "In early 1970, Felt chanced to meet ...": the sentence's own time, not the publication's
        return EventDate(p.timex.text, p.timex.value, "governing", "sentence")
    if predicate and past(clause) and not own_time:  # a sentence with its own time is not told in an earlier one's
        sent_start = doc[lo].idx
        earlier = [p for p in placed if paragraph_start <= p.timex.start < sent_start and p.timex.value not in _UNDATED]
        if earlier:
            last = earlier[-1]
            between = sum(1 for s in doc.sents if last.sent_start < s.start_char < sent_start)
            if between < GOVERNING_SENTENCES and _topical(doc, last):
                return EventDate(last.timex.text, last.timex.value, "governing", "narrative")
    if told_past and not own_time:
        historical = _historical(doc, placed, (paragraph_start, doc[lo].idx), published)
        if historical is not None:  # a past-tense event in a paragraph about 1970 is not dated by today's paper
            return EventDate(historical.timex.text, historical.timex.value, "governing", "narrative")
    if published:
        return EventDate("", published, "published", "published")
    return None


def _told_past(trigger: Token, clause: Token) -> bool:
    """Whether the event is told in a past tense: its clause's, the verb it complements ("chanced to meet",
    "was passed over"), or for a noun its sentence's main verb ("Nixon's resignation came ...")."""
    cur = clause
    for _ in range(3):
        if past(cur) or (cur.dep_ == "ROOT" and cur.tag_ == "VBN" and not any(c.dep_ == "aux" for c in cur.children)):
            return True  # a root participle with no auxiliary is a simple past the tagger misread ("Felt chanced")
        if cur.dep_ not in ("xcomp", "conj", "advcl") or cur.head.i == cur.i:
            break  # "collided near Leeds on Monday, killing three": the participle is told in the main verb's time
        cur = cur.head
    return trigger.pos_ == "NOUN" and past(trigger.sent.root)


HISTORICAL_SENTENCES = 6
"""How many sentences back a historical time (a year before publication) still governs a past-tense event."""


def _historical(
    doc: Doc, placed: Sequence[PlacedTimex], where: tuple[int, int], published: str | None
) -> PlacedTimex | None:
    """The latest earlier timex of the paragraph (``where``: its start, the sentence's start) that sets a time before
    the publication year, when the story is still told in that time (within :data:`HISTORICAL_SENTENCES`
    sentences, no later dated sentence in between)."""
    paragraph_start, sent_start = where
    earlier = [p for p in placed if paragraph_start <= p.timex.start < sent_start and p.timex.value[:4].isdigit()]
    if not earlier or not published or not published[:4].isdigit():
        return None
    last = earlier[-1]
    if last.timex.value[:4] >= published[:4] or not _topical(doc, last):
        return None  # the story is back in the present (or the last time is not a time the narrative set)
    between = sum(1 for s in doc.sents if last.sent_start < s.start_char < sent_start)
    return last if between < HISTORICAL_SENTENCES else None


def _segment(doc: Doc, trigger: Token, lo: int, hi: int) -> tuple[int, int]:
    """The part of the sentence between semicolons that holds the trigger: "The summit began hours after reports ...;
    the two nations ended that conflict with a truce in 1953" does not date the summit 1953."""
    start = max((t.i + 1 for t in doc[lo : trigger.i] if t.text == ";"), default=lo)
    end = min((t.i for t in doc[trigger.i : hi] if t.text == ";"), default=hi)
    return start, end


SAME_DAY_WORDS = ("today", "tonight", "this ", "later")
"""How a timex says the publication day itself is still ahead ("later today", "this evening")."""


def _behind(t: Timex, published: str) -> bool:
    """Whether a timex cannot date an event told as future: "now", or a day before (or, unless it says "today" or
    "this evening", on) the publication day."""
    if t.value == "PRESENT_REF":
        return True
    known = t.value.split("T")[0][:10]
    if not known[:4].isdigit():
        return False
    n = min(len(known), len(published[:10]))
    return known[:n] < published[:n] or (
        n == 10 and known[:n] == published[:n] and not t.text.lower().startswith(SAME_DAY_WORDS)
    )


def _later(value: str, published: str) -> bool:
    """Whether a date value lies after the publication day (compared on the digits both give)."""
    known = value.split("T")[0][:10]
    if not known[:4].isdigit():
        return False
    n = min(len(known), len(published[:10]))
    return known[:n] > published[:n]
