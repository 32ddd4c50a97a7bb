"""Indirect quotes: a cue verb and the clause it reports, "according to X", and what a cue's object says.

Part of the quotes stage (``quotes`` attributes the marked spans and resolves speakers): every cue verb
outside quotation marks with a complement clause (``ccomp``), a parenthetical use ("the economy, he said,
is weak") or "according to X" gives an attribution whose content is that clause.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from .. import lexicons
from ..marks import MarkedSpan
from .cues import (
    ABOUT_PREPS,
    CUE_VERBS,
    OBJECT_VERBS,
    SPEECH_VERBS,
    UNSAID_HEADS,
    WEAK_VERBS,
)
from .syntax import (
    PRONOUNS_PERSON,
    QUESTION_NOTE,
    QUOTING_VERBS,
    Attribution,
    cue_span_of,
    head_span,
    np_span,
    subject_of,
    text_of,
    tokens_in,
    trim_span,
)

CITED_NOUNS = lexicons.words("words_quotes", list="indirect.CITED_NOUNS")  # fmt: skip
"""Heads of a "citing …" object that name where a claim came from rather than the claim."""
CITED_ENTS = lexicons.words("words_quotes", list="indirect.CITED_ENTS")


def inside_mask(n: int, marked: Sequence[MarkedSpan]) -> bytearray:
    """1 for every character between quotation marks (marks included)."""
    mask = bytearray(n)
    for m in marked:
        mask[m.open : m.close] = b"\x01" * (m.close - m.open)
    return mask


def is_cue(tok: Token, inside: bytearray) -> bool:
    return tok.pos_ in ("VERB", "AUX") and _lemma(tok) in CUE_VERBS and not inside[tok.idx]


def _lemma(tok: Token) -> str:
    """The cue's lemma, with the model's slips mended ("hoped" is not "hop")."""
    return "hope" if tok.lower_ in ("hoped", "hoping", "hopes") else tok.lemma_.lower()


PROMISING_VERBS = lexicons.words("words_quotes", list="indirect.PROMISING_VERBS")  # fmt: skip
"""Cues whose report is an infinitive ("threatened to tear it up", "urged Silicon Valley to find a compromise")."""

INTENT_VERBS = lexicons.words("words_quotes", list="indirect.INTENT_VERBS")  # fmt: skip
"""Cues of an intention ("wants to hold a referendum"): an attribution only of someone in particular, not in a
relative clause ("voters who want to …")."""


RAISING_VERBS = lexicons.words("words_quotes", list="indirect.RAISING_VERBS")  # fmt: skip
"""Verbs of an impression or expectation whose subject is not who holds it ("X seems to …", "X is expected to
…"): an attribution of category ``belief`` whose holder the text does not name."""


def _raising(doc: Doc, tok: Token, inside: bytearray) -> Attribution | None:
    """ "Voters seem to be leaving him", "It appears that the game was no bore", "Trump is expected to speak
    tonight": the subject and what is said of it (the infinitive or the clause) as an impression no one is named
    for. Not "appeared in court" (no infinitive), not "expected by analysts to" (then the analysts hold it, a
    case left to the cue rules), not "as expected" and not inside quotation marks."""
    lemma = tok.lemma_.lower()
    if lemma not in RAISING_VERBS or tok.pos_ not in ("VERB", "AUX") or inside[tok.idx]:
        return None
    if lemma == "expect":  # only the passive ("is expected to"), with no one named as expecting it
        passive = any(c.dep_ == "auxpass" for c in tok.children) or tok.dep_ == "acl"
        if tok.tag_ != "VBN" or not passive or any(c.dep_ == "agent" for c in tok.children):
            return None
    elif any(c.dep_ == "neg" for c in tok.children):
        return None
    inf = next(
        (c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i and any(a.lower_ == "to" for a in c.children)),
        None,
    )
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
    if inf is not None and subj is not None:
        lo, hi = subj.left_edge.idx, inf.right_edge.idx + len(inf.right_edge.text)
    elif lemma != "expect" and subj is not None and subj.lower_ == "it":
        clause = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
        if clause is None:
            return None
        toks = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head == clause and t.lower_ == "that")]
        span = trim_span(doc, toks)
        if span is None:
            return None
        lo, hi = span
    else:
        return None
    lo, hi = _within_paragraph(text_of(doc), tok.idx, (lo, hi))
    while hi > lo and text_of(doc)[hi - 1] in ".,;:":
        hi -= 1
    if hi - lo < 2:
        return None
    return Attribution(lo, hi, cue_span_of(tok), None, None, "indirect", 0.5, rule="raising")


def indirect_quotes(doc: Doc, inside: bytearray) -> list[Attribution]:
    """Attributions by a cue verb with a complement clause, a parenthetical cue or "according to"."""
    out: list[Attribution] = []
    for tok in doc:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            a = _according(doc, tok, inside)
            if a:
                out.append(a)
            continue
        raised = _raising(doc, tok, inside)
        if raised is not None:
            out.append(raised)
            continue
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in CLAIM_NOUNS and not inside[tok.idx]:
            claim = _claim_noun(doc, tok, inside)
            if claim is not None:
                out.append(claim)
            continue
        if not is_cue(tok, inside) or _unsaid_infinitive(tok) or _withheld(tok) or _described_intent(tok):
            continue
        found = reading_of(tok)
        if found is None:
            continue
        comp, reading = found
        if reading != "infinitive" and _lemma(tok) in INTENT_VERBS:
            continue  # "… - they wanted to make …" read as a parenthetical: an intention is only its infinitive
        lo, hi = _within_paragraph(text_of(doc), tok.idx, comp)
        if hi - lo < 2:
            continue
        subj = subject_of(tok, inside)
        weak = tok.lemma_.lower() in WEAK_VERBS
        out.append(
            Attribution(
                start=lo,
                end=hi,
                cue=cue_span_of(tok),
                speaker=np_span(subj) if subj is not None else None,
                speaker_head=head_span(subj) if subj is not None else None,
                kind="indirect",
                confidence=0.55 if weak else 0.75,
                note=_asked_note(tok, inside) if subj is None else None,
                rule=reading,
            )
        )
    return out


CLAIM_NOUNS = lexicons.words("words_quotes", list="indirect.CLAIM_NOUNS")  # fmt: skip
"""Nouns that report a clause ("Trump's assertion that …") when someone is named as making it."""

STATING_VERBS = lexicons.words("words_quotes", list="indirect.STATING_VERBS")
"""Verbs whose subject makes the claim a noun names ("floated the notion that …"; not "rejected the claim")."""


def _claim_noun(doc: Doc, noun: Token, inside: bytearray) -> Attribution | None:
    """ "Mr. Trump's assertion that Russia should hack …", "floated the notion that …", "complaints from X that …":
    the clause is reported, by the possessor, the "from"/"by" phrase or the subject of a stating verb."""
    clause = next(
        (
            c
            for c in noun.children
            if c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ),
        None,
    )
    if clause is None or clause.i < noun.i:
        return None
    who = next((c for c in noun.children if c.dep_ == "poss"), None)
    if who is None:
        by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by")), None)
        who = next((o for o in by.children if o.dep_ == "pobj"), None) if by is not None else None
    if who is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in STATING_VERBS:
        who = subject_of(noun.head, inside)
    if who is None or who.lower_ in ("its", "their", "it"):
        return None
    toks = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head == clause and t.lower_ == "that")]
    span = trim_span(doc, toks)
    if span is None:
        return None
    lo, hi = _within_paragraph(text_of(doc), noun.idx, span)
    if hi - lo < 2:
        return None
    return Attribution(lo, hi, cue_span_of(noun), np_span(who), head_span(who), "indirect", 0.6, rule="claim_noun")


def _withheld(tok: Token) -> bool:
    """ "did not repeat the president's words", "declined to predict whether …": a statement not made."""
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    if tok.lemma_.lower() == "see" and tok.head.lemma_.lower() == "remain":
        return True  # "it remains to be seen whether …"
    # "declined to say", "urged the chancellor to admit …": what someone refused, or was asked, to say
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in UNSAID_HEADS


def _unsaid_infinitive(tok: Token) -> bool:
    """ "the right to say what they want", "free to say what they like": an infinitive that a noun or adjective
    governs says nothing yet (a verb's is often reported: "declined to say whether", "went on to say that")."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    if tok.dep_ not in ("acl", "xcomp", "advcl", "relcl"):
        return False
    head = tok.head
    if head.pos_ == "AUX":  # "it's important to remember that …": the adjective is the copula's
        head = next((c for c in head.children if c.dep_ == "acomp"), head)
    return head.pos_ == "NOUN" or (head.pos_ == "ADJ" and head.lemma_.lower() in _ABILITY_ADJS)


_ABILITY_ADJS = lexicons.words("words_quotes", list="indirect._ABILITY_ADJS")  # fmt: skip
"""Adjectives whose infinitive is what one may or would say, not what one said ("free to say"; not "likely to say")."""


def _asked_note(tok: Token, inside: bytearray) -> str | None:
    """ "When asked how he was recruited, Zinchenko says …": the question's asker is not named, and the person
    asked (the main clause's subject) answers it but did not ask it — say so instead of guessing a speaker."""
    if tok.tag_ != "VBN" or tok.dep_ != "advcl" or tok.lemma_.lower() != "ask":
        return None
    answerer = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass") and not inside[c.idx]), None)
    if answerer is None:
        return None
    s, e = np_span(answerer)
    return f"{QUESTION_NOTE} {text_of(tok.doc)[s:e]}; who asked it is not named"


def _within_paragraph(text: str, at: int, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` clipped to the paragraph of offset ``at``: a parse that runs over a paragraph break is wrong."""
    para_lo = text.rfind("\n", 0, at) + 1
    para_hi = text.find("\n", at)
    para_hi = len(text) if para_hi < 0 else para_hi
    lo, hi = max(span[0], para_lo), min(span[1], para_hi)
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def drop_nested(doc: Doc, found: list[Attribution]) -> list[Attribution]:
    """Drop attributions that are part of what another reports ("Bush said history has shown …", "Ryan said it is
    unrealistic to think …", "…, according to the survey"): a cue inside another's content whose verb is not one
    of saying with a clause, or whose subject is no name or personal pronoun, reports no statement of its own."""
    text = text_of(doc)
    out = []
    for b in found:
        outer = [
            a
            for a in found
            if a is not b
            and b.cue is not None
            and a.cue is not None
            and a.start <= b.cue[0] < a.end
            and not b.start <= a.cue[0] < b.end
            and "\n" not in text[min(a.cue[0], b.cue[0]) : max(a.cue[1], b.cue[1])]
        ]
        if any(not _own_statement(doc, b, a) for a in outer):
            continue
        out.append(b)
    return out


def _own_statement(doc: Doc, b: Attribution, outer: Attribution) -> bool:
    """Whether ``b``, inside what ``outer`` reports, still reports speech of its own: a verb of saying with a
    clause, and as subject a name or a personal pronoun — or any subject when the outer cue follows it ("most
    voters said …; 46 percent said …") unless that cue is "according to", or when ``b`` is a coordinate or
    adverbial clause with its own subject."""
    assert b.cue is not None and outer.cue is not None
    cue = tokens_in(doc, b.cue[0], b.cue[1])
    if cue is None or b.speaker_head is None:
        return False
    verb = cue[0]
    if verb.lemma_.lower() not in SPEECH_VERBS or not any(c.dep_ in ("ccomp", "parataxis") for c in verb.children):
        return False
    if verb.dep_ in ("advcl", "conj") and any(c.dep_ == "nsubj" for c in verb.children):
        return True  # "74 percent said …, while 22 percent said …": a clause of its own beside the outer one
    head = tokens_in(doc, b.speaker_head[0], b.speaker_head[1])
    if head is None:
        return False
    after = outer.cue[0] > b.cue[0] and not text_of(doc)[outer.cue[0] : outer.cue[1]].lower().startswith("according")
    named = named_in(head.root) or any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in head.root.children)
    return after or named  # "His campaign manager, Jeff Weaver, says …" is named too


def _described_intent(tok: Token) -> bool:
    """ "voters who want to change the system", "those seeking to …": an intention that describes a group."""
    return _lemma(tok) in INTENT_VERBS and tok.dep_ in ("relcl", "acl")


def complement_of(tok: Token) -> tuple[int, int] | None:
    """Character span of what the cue verb reports: its ``ccomp`` clause, or its host clause if parenthetical."""
    found = reading_of(tok)
    return found[0] if found is not None else None


def _complements(tok: Token) -> list[Token]:
    """The cue's children, its ``ccomp`` after it first when its subject comes before it: in "The agency said that
    loans fell" a clause the parser also hung before the cue (the previous sentence, across an abbreviation's
    period: "£4.2m. The agency said …") is not what the agency said."""
    children = list(tok.children)
    subject_first = any(c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i for c in children)
    if subject_first and any(c.dep_ == "ccomp" and c.i > tok.i for c in children):
        return [c for c in children if c.i > tok.i] + [c for c in children if c.i < tok.i]
    return children


def reading_of(tok: Token) -> tuple[tuple[int, int], str] | None:
    """What the cue verb reports and how it was read: ``clause`` (its ``ccomp``), ``infinitive`` ("vowed to …"),
    ``as_clause`` ("As X reported, …"), ``parenthetical`` ("the economy, he said, is weak") or ``object``
    ("announced an agreement")."""
    doc = tok.doc
    if any(c.dep_ == "oprd" for c in tok.children):
        return None  # "a move officials called “inadvisable”": a label given, and any clause beside it a misparse
    for child in _complements(tok):
        if child.dep_ == "ccomp":
            if child.i < tok.i and any(t.text == ";" for t in doc[child.right_edge.i : tok.i]):
                continue  # "Trade is a concern; the government fears that …": the clause before ";" is the writer's
            if tok.lemma_.lower() in PERCEPTION_VERBS and _small_clause(child):
                return None  # "had seen an effort fall", "found her sister alive": seen or found, not reported
            toks = [t for t in child.subtree if not (t.dep_ == "mark" and t.head == child and t.lower_ in ("that",))]
            toks = _object_as_subject(tok, child) + toks
            for more in _more_reported(tok, child):
                toks.extend(more.subtree)  # "said they had no idea …, had never been interviewed and …"
            return _read(trim_span(doc, _around_the_cue(tok, child, _cut_nested(child, toks))), "clause")
    lemma = _lemma(tok)
    if lemma in PROMISING_VERBS:
        inf = next((c for c in tok.children if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)), None)
        if lemma == "call" and inf is None:  # "called on tech companies to become more aggressive"
            on = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")), None)
            obj = next((o for o in on.children if o.dep_ == "pobj"), None) if on is not None else None
            inf = (
                next((c for c in obj.children if c.dep_ in ("acl", "relcl") and c.tag_ == "VB"), None) if obj else None
            )
        if inf is not None and inf.i > tok.i:
            toks = [t for t in inf.subtree if not (t.dep_ == "aux" and t.lower_ == "to" and t.head == inf)]
            return _read(trim_span(doc, toks), "infinitive")
    as_clause = tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
    if as_clause and tok.i < tok.head.i:  # "As The New York Times reported, the deal failed"
        own = {t.i for t in tok.subtree}
        toks = [t for t in tok.head.subtree if t.i not in own]
        return _read(trim_span(doc, _around_the_cue(tok, tok.head, toks)), "as_clause")
    if tok.dep_ == "parataxis" or (tok.dep_ == "ccomp" and tok.i > tok.head.i and _is_comma_before(tok)):
        host = tok.head
        own = {t.i for t in tok.subtree}
        toks = [t for t in host.subtree if t.i not in own]
        return _read(trim_span(doc, _around_the_cue(tok, host, toks)), "parenthetical")
    if lemma in OBJECT_VERBS and not _not_yet_said(tok):
        for child in tok.children:
            if child.dep_ == "dobj" or (child.dep_ == "prep" and child.lower_ in ABOUT_PREPS):
                head = child if child.dep_ == "dobj" else next((c for c in child.children if c.dep_ == "pobj"), None)
                if head is None or head.ent_type_ in ("DATE", "TIME", "PERSON") or head.pos_ == "PRON":
                    continue  # "denied Damien Duff, Jiri Jarosik and Mateja Kezman": a person is not what was said
                if lemma == "cite" and (head.ent_type_ in CITED_ENTS or head.lemma_.lower() in CITED_NOUNS):
                    continue  # "citing two officials", "citing Reuters": who it came from, not what was said
                if lemma == "claim" and head.lemma_.lower() in WON_THINGS:
                    continue  # "claimed the coaching award", "the attack claimed 40 lives": won or taken, not said
                toks = list(head.subtree)
                if sum(1 for t in toks if not t.is_punct) >= 2:
                    return _read(trim_span(doc, _cut_nested(head, toks)), "object")
    return None


def _read(span: tuple[int, int] | None, reading: str) -> tuple[tuple[int, int], str] | None:
    return (span, reading) if span is not None else None


_FINITE = lexicons.words("words_quotes", list="indirect._FINITE")
PERCEPTION_VERBS = lexicons.words("words_quotes", list="indirect.PERCEPTION_VERBS")
"""Cues that also take a tenseless small clause of what was perceived ("saw the ball fall")."""


def _small_clause(clause: Token) -> bool:
    """A complement with no tense of its own ("saw the ball fall", "found her sister alive"): what a perception
    or finding verb takes, never a report — a reported clause has a tensed verb ("said he would go")."""
    if clause.tag_ in _FINITE or any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE for c in clause.children):
        return False
    if any(c.dep_ == "mark" for c in clause.children) or (
        clause.tag_ == "VB" and clause.i > 0 and clause.doc[clause.i - 1].lower_ == "to"
    ):
        return False  # "said that …", "whether …"
    return clause.tag_ in ("VB", "VBG", "VBN") or clause.pos_ in ("ADJ", "NOUN", "PROPN", "ADV")


def _object_as_subject(cue: Token, clause: Token) -> list[Token]:
    """ "The bank added underlying lending rose by 4%": a clause with no subject right after the cue's object was
    misparsed, and the object is the clause's subject (what was added is that lending rose)."""
    if clause.i < cue.i or any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in clause.children):
        return []
    obj = next((c for c in cue.children if c.dep_ == "dobj" and cue.i < c.i < clause.i), None)
    if obj is None or obj.right_edge.i + 1 != clause.left_edge.i:
        return []
    return list(obj.subtree)


def _around_the_cue(cue: Token, clause: Token, toks: list[Token]) -> list[Token]:
    """A clause the cue interrupts ("Still, he said, the two were …"): only what follows the cue when what
    precedes it is no part of the clause's core (an adverb or connective), so the span holds no attribution."""
    if not toks or not min(t.i for t in toks) < cue.i < max(t.i for t in toks):
        return toks
    before = [t for t in toks if t.i < cue.i]
    if any(t.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") or t.i == clause.i for t in before):
        return toks  # "The meetings, he said, were …": the subject is before the cue; keep the whole clause
    return [t for t in toks if t.i > cue.i]


def _more_reported(cue: Token, first: Token) -> list[Token]:
    """Further clauses the cue reports after its first one: another ``ccomp`` the parser split off ("said the
    number … dead or missing have reached 440"), or a coordinated "(but) that …" clause."""
    out = []
    for c in cue.children:
        if c.i <= first.i or (c.i > first.i and cue.i > first.i):
            continue  # only after the first reported clause, on the far side of the cue
        if c.dep_ == "ccomp" or (c.dep_ == "conj" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)):
            out.append(c)
    return out


WON_THINGS = lexicons.words("words_quotes", list="indirect.WON_THINGS")  # fmt: skip
"""Objects with which "claim" means won or took ("claimed the title", "claimed 40 lives")."""


PLANNING_VERBS = lexicons.words("words_quotes", list="indirect.PLANNING_VERBS")
"""Verbs whose "to" complement is still to come ("plans to announce", "is to unveil")."""


def _not_yet_said(verb: Token) -> bool:
    """A cue in the future or as a plan ("will announce his line-up", "plans to unveil"): nothing said yet."""
    if any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall") for c in verb.children):
        return True
    planned = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in PLANNING_VERBS
    return planned and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _cut_nested(head: Token, toks: list[Token]) -> list[Token]:
    """Stop a content clause where a nested attribution starts (", telling reporters that …", ", adding …")."""
    for t in head.subtree:
        nested = t is not head and t.dep_ in ("advcl", "conj") and t.lemma_.lower() in CUE_VERBS | QUOTING_VERBS
        # ", adding …" or ", while 22 percent said …": a cue of its own (a participle, or a clause with its subject)
        # ", while Le Monde quoted …": a subordinate clause with its own subject starts another attribution
        own = t.tag_ == "VBG" or (t.dep_ == "advcl" and any(c.dep_ == "nsubj" for c in t.children))
        if t.dep_ == "conj" and t.tag_ == "VBG" and t.head.tag_ == "VBG":
            own = False  # "is acting unlawfully and showing disregard …": the second half of one progressive
        if nested and own and any(c.dep_ in ("ccomp", "dobj") for c in t.children):
            return [x for x in toks if x.i < t.left_edge.i]
    doc = head.doc
    for t in head.subtree:  # "…, according to U.S. Customs": where the claim came from is not part of it
        cue = t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to"
        if cue and t.i > head.i and doc[t.i - 1].text in (",", "—", "–", "("):
            return [x for x in toks if x.i < t.i - 1]
    return toks


def _is_comma_before(tok: Token) -> bool:
    left = tok.left_edge
    return left.i > 0 and tok.doc[left.i - 1].text in (",", "—", "–")


def _according(doc: Doc, tok: Token, inside: bytearray) -> Attribution | None:
    """``according to X, <clause>`` or ``<clause>, according to X``."""
    if inside[tok.idx]:
        return None
    to = doc[tok.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        source = next((c for c in tok.children if c.dep_ == "pobj"), None)
    host = tok.head
    own = {t.i for t in tok.subtree} | {t.i for t in to.subtree}
    toks = [t for t in host.subtree if t.i not in own] if host is not tok else []
    span = trim_span(doc, toks)
    if span is None or source is None:
        return None
    span = _within_paragraph(text_of(doc), tok.idx, span)
    if span[1] - span[0] < 2:
        return None
    cue_end = to.idx + len(to.text)
    return Attribution(
        span[0], span[1], (tok.idx, cue_end), np_span(source), head_span(source), "indirect", 0.7, rule="according"
    )


def named_in(tok: Token) -> bool:
    """A proper name or a personal pronoun."""
    return tok.pos_ == "PROPN" or tok.lower_ in PRONOUNS_PERSON | {"i", "we", "they"}
