"""Quote parsing helpers shared by the quote stages: speaker phrases, cue spans, the attribution record.

Pure functions over a parsed spaCy ``Doc``; offsets are characters into ``doc.text``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .. import lexicons
from ..spans import doc_text

PRONOUNS_PERSON = lexicons.words("words_quotes", list="syntax.PRONOUNS_PERSON")
PRONOUNS_ANY = PRONOUNS_PERSON | frozenset({"they", "them", "their", "it", "its", "we", "i", "you"})
SUBJECT_DEPS = lexicons.words("words_quotes", list="syntax.SUBJECT_DEPS")
_NP_RIGHT = lexicons.words("words_quotes", list="syntax._NP_RIGHT")
_CLIMB = lexicons.words("words_quotes", list="syntax._CLIMB")
_NOT_SPEAKER_ENTS = lexicons.words("words_quotes", list="syntax._NOT_SPEAKER_ENTS")
_CALENDAR = frozenset(
    {
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("today", "yesterday", "tonight", "january", "february", "march", "april", "may", "june", "july"),
        *("august", "september", "october", "november", "december"),
    }
)
_ADJUNCT_PREPS = lexicons.words("words_quotes", list="syntax._ADJUNCT_PREPS")
_ISSUE_VERBS = lexicons.words("words_quotes", list="syntax._ISSUE_VERBS")
"""Verbs by which someone issues a document ("issued a statement saying …")."""
CREDIT_WORDS = lexicons.words("words_quotes", list="syntax.CREDIT_WORDS")
"""First words of a parenthesis that credits where an item came from ("(via Bloomberg)", "(Source: AP)")."""

QUOTING_VERBS = lexicons.words("words_quotes", list="syntax.QUOTING_VERBS")
"""Verbs whose object is the one speaking in "X quoted Y as saying" ("was quoted as saying": the passive subject)."""

_ADDRESSEE_VERBS = lexicons.words("words_quotes", list="syntax._ADDRESSEE_VERBS")
"""Cue verbs whose following noun is the person spoken to ("told AFP"), never an inverted subject."""


QUESTION_NOTE = "a question put to"
"""Start of the note on a question whose asker is not named ("When asked …, X said")."""


@dataclass(frozen=True, slots=True)
class Attribution:
    """A cue with its content clause and speaker mention, before it becomes a ``Quote``."""

    start: int
    end: int
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None
    """Character span of the speaker mention's head phrase."""
    speaker_head: tuple[int, int] | None
    kind: str
    confidence: float
    note: str | None = None
    rule: str = ""
    """Which rule proposed it (``clause``, ``object``, ``according``, ``frame``, ``colon`` …): a feature of the
    fitted model that decides whether it is an attribution."""
    category: str = "speech"
    """What it attributes: speech, belief, knowledge, finding, plan or document (``quotes.category``)."""


text_of = doc_text


def trim_span(doc: Doc, toks: Sequence[Token]) -> tuple[int, int] | None:
    """Character span of tokens, without leading/trailing punctuation and conjunctions."""
    toks = sorted(toks, key=lambda t: t.i)
    opened = [i for i, t in enumerate(toks) if t.text == "("]
    if opened:  # "… next week (via Bloomberg)": a credit, or a parenthesis left open, is not part of what was said
        last = opened[-1]
        close = next((j for j in range(last, len(toks)) if toks[j].text == ")"), None)
        credit = last + 1 < len(toks) and toks[last + 1].lower_ in CREDIT_WORDS
        if close is None or (credit and all(t.is_punct for t in toks[close + 1 :])):
            toks = toks[:last]
    while toks and (toks[0].is_punct or toks[0].dep_ == "cc"):
        toks = toks[1:]
    while toks and ((toks[-1].is_punct and toks[-1].text not in ("”", "’", '"', "»")) or toks[-1].dep_ == "cc"):
        toks = toks[:-1]
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def cue_span_of(tok: Token) -> tuple[int, int]:
    """The cue verb with its particle and auxiliaries' neighbour ("pointed out", "went on to say")."""
    end = tok.idx + len(tok.text)
    for c in tok.children:
        if c.dep_ == "prt" and c.i == tok.i + 1:
            end = c.idx + len(c.text)
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.text == ":":
        end = nxt.idx + 1
    return tok.idx, end


# ---------------------------------------------------------------- speakers


def subject_of(tok: Token, inside: bytearray) -> Token | None:
    """The speaker of a cue: its subject outside any quotation, inherited through conjunctions and clause chains."""
    cur = tok
    for _ in range(5):
        for c in cur.children:
            # a passive subject is not the cue's speaker ("X was asked"), but is the subject of a coordinated
            # active verb ("Trump was forced into damage control and said …")
            if c.dep_ in SUBJECT_DEPS and (c.dep_ != "nsubjpass" or cur is not tok) and not inside[c.idx]:
                if "\n" in text_of(tok.doc)[min(c.idx, tok.idx) : max(c.idx, tok.idx)]:
                    continue  # a subject across a paragraph break is a parse error
                return unclosed_appositive(c, cur) or c
            if c.dep_ == "agent":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None and not inside[pobj.idx]:
                    return pobj
        if cur.dep_ == "acl" and cur.tag_ == "VBG" and cur.head.pos_ in ("NOUN", "PROPN") and not inside[cur.head.idx]:
            # "a statement saying …", "an email stressing …": the document speaks, or whoever issued it
            return _issuer(cur.head, inside) or cur.head
        if cur.dep_ == "advcl" and not shares_subject(cur):
            break  # "when asked, X said": a passive participle's subject is not the cue's speaker
        if cur.dep_ == "pcomp" and cur.head.lower_ == "as" and cur.head.head.lemma_.lower() in QUOTING_VERBS:
            # "Le Monde quoted a French diplomat as saying …": the one quoted speaks, the outlet reports it
            quoted = next((c for c in cur.head.head.children if c.dep_ in ("dobj", "nsubjpass")), None)
            if quoted is not None and not inside[quoted.idx]:
                return quoted
        if cur.dep_ == "pcomp" and cur.head.dep_ == "prep" and cur.head.head is not cur.head:
            cur = cur.head.head  # "by suggesting that …": through the preposition to its verb
            continue
        if cur.dep_ in _CLIMB and cur.head is not cur:
            cur = cur.head
        else:
            break
    return _inverted_subject(tok, inside) or _left_name(tok, inside) or _adjunct_subject(tok, inside)


def unclosed_appositive(subj: Token, verb: Token) -> Token | None:
    """ "Or maybe Jeb Bush, consultant Phil Musser says": an "appositive" name running into the verb with no comma
    to close it is the real subject, misparsed."""
    for c in subj.children:
        if c.dep_ == "appos" and c.pos_ == "PROPN" and c.right_edge.i == verb.i - 1 and c.i > subj.i:
            return c
    return None


def _lone_name(tok: Token) -> bool:
    """A capitalized word on its own inside a sentence, closed by punctuation: a name, whatever its tag."""
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return tok.is_title and tok.is_alpha and not tok.is_sent_start and nxt is not None and nxt.is_punct


def _issuer(document: Token, inside: bytearray) -> Token | None:
    """ "His office put out a statement saying …": who issued the document speaks through it."""
    verb = document.head
    if document.dep_ != "dobj" or verb.lemma_.lower() not in _ISSUE_VERBS:
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj" and not inside[c.idx]), None)


def shares_subject(tok: Token) -> bool:
    """Whether an adverbial clause without a subject of its own takes the main clause's.

    "…, saying", "to comment on", "Having announced that …" do; "when asked" (passive) does not.
    """
    if tok.tag_ == "VBG":
        return True
    if tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return True  # a purpose infinitive: "X went off script to comment on …"
    return tok.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("having", "have") for c in tok.children)


def _adjunct_subject(tok: Token, inside: bytearray) -> Token | None:
    """ "X seemed ready to riff on it, telling the crowd …" or "X replied, before adding …" misparsed: a participle
    after a comma belongs to the nearest clause before it, whose subject speaks."""
    doc = tok.doc
    if tok.tag_ != "VBG" or tok.i < 2:
        return None
    comma = tok.i - 1
    if doc[comma].pos_ == "ADP" and doc[comma].lower_ in _ADJUNCT_PREPS:
        comma -= 1  # "…, before adding"
    if doc[comma].text != ",":
        return None
    for verb in reversed(doc[tok.sent.start : comma]):
        if verb.pos_ not in ("VERB", "AUX") or inside[verb.idx]:
            continue
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i), None)
        if subj is not None:
            if inside[subj.idx] or subj.ent_type_ in _NOT_SPEAKER_ENTS:
                return None
            return subj
    return None


def _left_name(tok: Token, inside: bytearray) -> Token | None:
    """ "…, Marcel Lazar, 44, said" parsed with the name as an appositive elsewhere: the name just before the cue."""
    doc = tok.doc
    if tok.tag_ == "VBG" or any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
        return None  # "…, telling X" / "Trump was asked": the name before is not who speaks
    for c in tok.lefts:  # "About 4 in 10 say …" with the count parsed as a modifier of the verb
        counted = c.dep_ in ("nummod", "npadvmod", "dep") and c.pos_ in ("NUM", "NOUN", "PROPN")
        if counted and not inside[c.idx] and c.ent_type_ not in ("DATE", "TIME"):
            return c
    for t in reversed(doc[max(0, tok.i - 6) : tok.i]):
        if inside[t.idx] or "\n" in t.text:
            return None
        if t.pos_ == "PROPN" and t.ent_type_ not in _NOT_SPEAKER_ENTS:
            while t.dep_ in ("compound", "flat") and t.head.i > t.i:
                t = t.head
            return t
        if not (t.is_punct or t.pos_ in ("NUM", "ADV", "AUX", "PART")):
            return _appositive_name(tok, inside)
    return None


def _appositive_name(tok: Token, inside: bytearray) -> Token | None:
    """ "Harry Reid, the minority leader, said" with the name misparsed: the name an appositive right before
    the cue describes."""
    doc = tok.doc
    if tok.i < 3 or doc[tok.i - 1].text != ",":
        return None
    last = doc[tok.i - 2]
    appos = next((a for a in last.ancestors if a.dep_ == "appos"), last if last.dep_ == "appos" else None)
    if appos is None or appos.right_edge.i != last.i or inside[appos.idx]:
        return None
    name = appos.head
    if name.pos_ != "PROPN" or name.ent_type_ in _NOT_SPEAKER_ENTS or inside[name.idx]:
        return None
    return name


def _inverted_subject(tok: Token, inside: bytearray) -> Token | None:
    """ "…,” said Briggs" / ", said the minority leader," when the parse put the subject elsewhere."""
    doc = tok.doc
    if tok.i > 0 and not doc[tok.i - 1].is_punct:
        return None
    if tok.lemma_.lower() in _ADDRESSEE_VERBS or tok.lower_ in _ADDRESSEE_VERBS:
        return None
    for t in doc[tok.i + 1 : min(len(doc), tok.i + 5)]:
        if inside[t.idx] or t.is_punct:
            return None
        if t.ent_type_ in _NOT_SPEAKER_ENTS or t.lower_ in _CALENDAR:
            return None  # "said Tuesday"
        if _lone_name(t):
            return t  # "…,” said Skelly, explaining …" with the name tagged as an adverb
        if t.dep_ in ("npadvmod", "advmod"):
            return None  # "said matter-of-factly"
        if t.pos_ in ("PROPN", "NOUN") or t.lower_ in PRONOUNS_PERSON | {"they", "we"}:
            while t.dep_ in ("compound", "flat", "amod") and t.head.i > t.i:
                t = t.head
            return t
        if t.pos_ not in ("DET", "ADJ", "ADV"):
            return None
    return None


def head_span(tok: Token) -> tuple[int, int]:
    """The head noun with its compound names ("Artem Zinchenko")."""
    lo, hi = tok.i, tok.i
    for c in tok.children:
        if c.dep_ in ("compound", "flat") and c.i < tok.i:
            lo = min(lo, c.i)
        if c.dep_ in ("compound", "flat") and c.i > tok.i:
            hi = max(hi, c.i)
    doc = tok.doc
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def np_span(tok: Token) -> tuple[int, int]:
    """The speaker phrase: the noun with its modifiers, without appositives and relative clauses."""
    toks = [tok]
    for c in tok.children:
        if (c.i < tok.i and c.dep_ not in ("punct", "appos")) or (c.i > tok.i and c.dep_ in _NP_RIGHT):
            toks.extend(c.subtree)
    text = text_of(tok.doc)
    # a sentence the parser ran across a paragraph break ("9:30 p.m.\n\nDonald Trump says"): stay on the line
    toks = [t for t in toks if "\n" not in text[min(t.idx, tok.idx) : max(t.idx, tok.idx)]]
    toks.sort(key=lambda t: t.i)
    span = trim_span(tok.doc, toks)
    return span if span else (tok.idx, tok.idx + len(tok.text))


def tokens_in(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")
