"""Quotes: direct, indirect and mixed, with speakers resolved to entities.

How it works (a pure stage over a parsed ``Doc``):

1. ``quote_marks.find_marked_spans`` finds the text inside quotation marks.
2. Every cue verb outside the marks with a complement clause (``ccomp``), a
   parenthetical use ("the economy, he said, is weak") or "according to X"
   gives an *indirect* attribution whose content is that clause (``quote_indirect``).
3. Each marked span is attributed: to the attribution whose clause it fills
   (direct) or sits inside (then the clause is a *mixed* quote), else to a cue
   in its own sentences ("“…,” he said"), a colon ("X said: “…”", also across
   a paragraph break), the previous quote in a run of quotes, a cue in the next
   sentence, or the person the passage is about (low confidence, with a note).
   Short quoted phrases with no cue (scare quotes, titles) are not quotes.
4. The speaker mention (subject of the cue, "said X", "according to X", an
   appositive) is mapped to an entity with ``MentionIndex``; a pronoun or
   description that no entity covers falls back to the most recent person
   subject or the last quote's speaker, with lower confidence.

``Quote.text/start/end`` is the *content*: for a direct quote the text inside
the marks (marks excluded, a trailing comma dropped); for an indirect quote the
complement clause without its "that"; for a mixed quote the whole paraphrase,
quoted fragment and its marks included.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ...model import Entity, Layout, Quote
from .. import lexicons
from ..marks import MarkedSpan, find_marked_spans, reexamine
from ..spans import MentionIndex, in_spans
from .category import classify
from .cues import (
    CUE_VERBS,
    FRAME_VERBS,
    NAMING_VERBS,
    SPEECH_VERBS,
)
from .headline import headline_attributions, headline_line, turn_attributions
from .indirect import (
    complement_of,
    drop_nested,
    indirect_quotes,
    inside_mask,
    is_cue,
    named_in,
)
from .scoring import Features, QuoteModel, features, shipped_model
from .speaker_model import shipped_speaker_model, speaker_features
from .speakers import resolve_speaker
from .syntax import (
    PRONOUNS_PERSON,
    SUBJECT_DEPS,
    Attribution,
    cue_span_of,
    head_span,
    np_span,
    shares_subject,
    subject_of,
    text_of,
    tokens_in,
    unclosed_appositive,
)

_RELATIVE = lexicons.words("words_quotes", list="extract._RELATIVE")
_SUBORDINATE = lexicons.words("words_quotes", list="extract._SUBORDINATE")

_NICKNAME = re.compile(r"\b[A-Z][a-z]+\s*$")
"""A capitalized given name right before an opening mark (the first half of "Jimmy “the Whirlwind” White")."""
_NAME_AFTER = re.compile(r"\s*[A-Z][a-z]+\b")
"""A capitalized word right after the closing mark (the surname)."""

MIN_SPEECH_WORDS = 4
"""A quoted span with fewer words and no cue of its own is a scare quote or title, not a quote."""


def extract_quotes(
    doc: Doc,
    entities: Sequence[Entity],
    layout: Layout,
    model: QuoteModel | None = None,
    speaker_model: QuoteModel | None = None,
) -> tuple[list[Quote], list[str]]:
    """Quotes in ``doc`` (in text order) and warnings about what could not be attributed.

    Each candidate the rules propose is kept when the fitted model (``model``, else the shipped one) gives it a
    probability at or above its threshold; that probability is the quote's confidence. The speaker model
    (``speaker_model``, else the shipped one) gives each speaker its confidence; below its threshold the speaker
    loses its entity link (reported by name only, as unresolved).
    """
    candidates, marked, notes = _candidates(doc, entities, layout)
    model = model or shipped_model()
    speaker_model = speaker_model or shipped_speaker_model()
    quotes = []
    for q, f, sf in candidates:
        if model is not None:
            p = model.probability(f)
            if p < model.threshold:
                continue
            if f.get("rule=possessor"):
                # not fitted: a possessor whose quoted words speak of him in the third person may not have said
                # them (the reporter may have); PolNeAR has too few such cases to learn it, so the rule's doubt stays
                p = min(p, q.confidence)
            q = replace(q, confidence=round(p, 3))
        if speaker_model is not None and q.speaker is not None and sf is not None:
            q = _with_speaker_confidence(q, speaker_model.probability(sf), speaker_model.threshold)
        quotes.append(q)
    return quotes, notes + _warnings(marked, quotes)


def _with_speaker_confidence(q: Quote, p: float, threshold: float) -> Quote:
    """``q`` whose speaker carries the model's probability; an unsure one loses its entity link, with a note."""
    assert q.speaker is not None
    speaker = replace(q.speaker, confidence=round(p, 3))
    note = q.note
    if p < threshold and speaker.entity is not None:
        speaker = replace(speaker, entity=None)
        note = (note + "; " if note else "") + f"speaker unsure ({p:.2f}): not linked to an entity"
    return replace(q, speaker=speaker, note=note)


def quote_candidates(doc: Doc, entities: Sequence[Entity], layout: Layout) -> list[tuple[Quote, Features]]:
    """Every candidate the rules propose, with the rules' own confidence, and its model features (for training)."""
    return [(q, f) for q, f, _ in _candidates(doc, entities, layout)[0]]


def speaker_candidates(doc: Doc, entities: Sequence[Entity], layout: Layout) -> list[tuple[Quote, Features]]:
    """Every candidate that has a speaker, with the speaker model's features (for training)."""
    return [(q, sf) for q, _, sf in _candidates(doc, entities, layout)[0] if sf is not None]


def _candidates(
    doc: Doc, entities: Sequence[Entity], layout: Layout
) -> tuple[list[tuple[Quote, Features, Features | None]], list[MarkedSpan], list[str]]:
    text = text_of(doc)
    body = layout.body or ((0, len(text)),)
    marked, notes = reexamine(text, [m for m in find_marked_spans(text) if in_spans(m.open, m.open + 1, body)])
    index = MentionIndex(entities)
    inside = inside_mask(len(text), marked)
    head = headline_line(text)
    # the headline is read as a sentence too ("Trump tells 3,000 in Reno NFL has gone ‘soft’"), though layout
    # keeps it out of the body; the fitted model weighs a headline candidate by its own feature
    readable = (*body, head) if head is not None else body
    indirect = drop_nested(doc, [a for a in indirect_quotes(doc, inside) if in_spans(a.start, a.start + 1, readable)])
    found = _attribute_marked(doc, marked, indirect, inside)
    colon = headline_attributions(doc)
    if colon:  # "Graham: Trump’s ‘Incredibly Hateful Rhetoric’ …": the colon's speaker owns the line
        found = sorted([a for a in found if not _overlaps_any(a, colon)] + colon, key=lambda a: a.start)
    # "FALLIN: Well, I think …": a transcript turn; what the turn itself reports stays beside it
    turns = [t for t in turn_attributions(doc, body) if not any(a.start == t.start for a in found)]
    if turns:
        found = sorted(found + turns, key=lambda a: a.start)
    attributions = [c for c in (classify(doc, a) for a in found) if c]
    resolved = resolve_speaker(doc, attributions, entities, index, inside)
    out = []
    for (q, trace), a in zip(resolved, attributions, strict=True):
        sf = speaker_features(doc, q, a, trace, index) if q.speaker is not None else None
        out.append((q, features(doc, q, a), sf))
    return out, marked, notes


# ---------------------------------------------------------------- direct quotes


def _words(span: Span | None) -> int:
    return sum(1 for t in span if not t.is_punct and not t.is_space) if span is not None else 0


def _attribute_marked(
    doc: Doc, marked: Sequence[MarkedSpan], indirect: list[Attribution], inside: bytearray
) -> list[Attribution]:
    """Attribute every marked span; merge it with the indirect attribution whose clause it fills or sits in."""
    text = text_of(doc)
    used: set[int] = set()  # indexes into ``indirect`` consumed by a direct or mixed quote
    out: list[Attribution] = []
    prev: Attribution | None = None
    prev_close = -1
    for m in marked:
        span = tokens_in(doc, m.start, m.end)
        words = _words(span)
        if words <= 4 and _NICKNAME.search(text, max(0, m.open - 30), m.open) and _NAME_AFTER.match(text, m.close):
            continue  # 'Jimmy “the Whirlwind” White', 'Dwayne "The Rock" Johnson': a nickname inside a name
        note = None if m.closed else "no closing quotation mark; ended at paragraph end"
        if m.paragraphs > 1:
            note = f"continues over {m.paragraphs} paragraphs"
        host = _host(indirect, m)
        if host is not None:
            a = indirect[host]
            used.add(host)
            if _fills(doc, a, m):
                start, end = _drop_trailing_comma(text, m.start, m.end)
                attr = replace(a, start=start, end=end, kind="direct", confidence=0.9, note=note, rule="host_" + a.rule)
                if attr.speaker is None or inside[attr.speaker[0]]:
                    attr = _with_adjacent_speaker(doc, attr, m, inside)
            else:
                attr = replace(
                    a, kind="mixed", confidence=min(0.8, a.confidence + 0.05), note=note, rule="host_" + a.rule
                )
            out.append(attr)
            prev, prev_close = attr, m.close
            continue
        found = _frame_cue(doc, m, inside) or _colon_cue(doc, m, inside) or _trailing_clause(doc, m, inside)
        speech_like = not _looks_like_title(span)
        if found is None and speech_like and _embedded(doc, m, inside):
            found = _person_like(_governing_subject(doc, m, inside), doc)
        if found is None and prev is not None and _run_of_quotes(text, prev_close, m.open):
            found = _bridge_cue(doc, prev_close, m, inside) or replace(
                prev, cue=None, confidence=0.7, note="speaker carried over from the previous quote", rule="carried"
            )
        if found is None:
            found = _next_sentence_cue(doc, m, inside)
        cued = found is not None and found.cue is not None and found.rule not in ("governing", "possessor")
        if words < MIN_SPEECH_WORDS and not cued and not _is_clause(span):
            continue  # a scare quote or a title: not speech (the verb of the sentence it sits in is no cue)
        if found is None and _looks_like_title(span):
            continue
        if _looks_like_title(span) and _TITLE_BEFORE.search(text[max(0, m.open - 40) : m.open]):
            continue  # 'told ABC's "Good Morning America"', 'said on "This Week"', 'author of "Bitter Pill"'
        if found is None:
            found = _governing_subject(doc, m, inside) or _previous_subject(doc, m, inside)
        if found is None:
            found = Attribution(
                m.start, m.end, None, None, None, "direct", 0.4, "no cue; speaker from context", rule="context"
            )
        kind = "direct"
        label = (words < MIN_SPEECH_WORDS and not _is_clause(span)) or _looks_like_title(span)
        as_what = re.search(r"\b(?:as|as being)\s*$", text[max(0, m.open - 12) : m.open]) is not None
        listed = prev is not None and prev.kind == "mixed" and prev.confidence <= 0.35
        between = text[prev_close : m.open] if listed else "-"
        as_what = as_what or re.fullmatch(r"\s*(?:,|and|or|, and|, or)\s*", between) is not None  # "… and “x”"
        # "called it a “slush fund”", "dubbed “A Triumph of the Will”", "assailed the deal as “insane”"
        owner = _phrase_owner(doc, m) if label or words < MIN_SPEECH_WORDS + 2 else None
        if owner is not None:
            # "Schuh is using Musk’s “production hell”": the phrase is Musk’s, not the user’s
            found = replace(
                found, speaker=np_span(owner), speaker_head=head_span(owner), cue=None, confidence=0.5,
                rule="phrase_owner", note="speaker: whose phrase it is (a possessive before the quote)",
            )  # fmt: skip
            label = True
        elif label and (_naming(doc, found) or as_what):
            if found.speaker is None:
                continue  # "the so-called “reform”"
            kind, note = "mixed", "a short quoted label (naming or scare quote), not speech"
            found = replace(found, confidence=0.35, rule="label")
        if owner is not None:
            kind = "mixed"
        start, end = _drop_trailing_comma(text, m.start, m.end)
        notes = "; ".join(n for n in (note, found.note) if n) or None
        attr = replace(found, start=start, end=end, kind=kind, note=notes)
        out.append(attr)
        prev, prev_close = attr, m.close
    out.extend(a for i, a in enumerate(indirect) if i not in used and not _overlaps_any(a, out))
    out.sort(key=lambda a: a.start)
    # a mixed quote with several quoted fragments is reached from each of them: report it once
    seen: set[tuple[int, int]] = set()
    unique = []
    for a in out:
        if (a.start, a.end) not in seen:
            seen.add((a.start, a.end))
            unique.append(a)
    return unique


def _phrase_owner(doc: Doc, m: MarkedSpan) -> Token | None:
    """The proper name whose possessive stands right before the opening mark ("Musk’s “production hell”")."""
    before = text_of(doc)[: m.open].rstrip()
    if not before.endswith(("'s", "’s", "s'", "s’")):
        return None
    pos = tokens_in(doc, len(before) - 2, len(before))
    if pos is None or not len(pos):
        return None
    tok = pos[-1]
    name = tok.head if tok.tag_ == "POS" and tok.head.i < tok.i else doc[tok.i - 1] if tok.tag_ == "POS" else tok
    return name if name.pos_ == "PROPN" and name.ent_type_ in ("PERSON", "ORG", "NORP", "GPE", "") else None


def _with_adjacent_speaker(doc: Doc, a: Attribution, m: MarkedSpan, inside: bytearray) -> Attribution:
    """ "“…,” Gene Sperling, an adviser, said": the name between closing mark and cue, when the parse missed it."""
    if a.cue is None or a.cue[0] < m.close:
        return a
    span = tokens_in(doc, m.close, a.cue[0]) if a.cue[0] > m.close else None
    between = [t for t in span if not t.is_punct] if span is not None else []
    head = next((t for t in between if t.pos_ in ("PROPN", "NOUN", "PRON")), None)
    if head is None:
        return a
    while head.dep_ in ("compound", "flat", "amod") and head.head.i > head.i and head.head.idx < a.cue[0]:
        head = head.head
    return replace(a, speaker=np_span(head), speaker_head=head_span(head))


def _naming(doc: Doc, a: Attribution) -> bool:
    """Whether the cue names rather than reports ("called it a “slush fund”", "described him as “reckless”")."""
    if a.cue is None:
        return False
    cue = tokens_in(doc, a.cue[0], a.cue[1])
    return cue is not None and cue[0].lemma_.lower() in NAMING_VERBS


def _overlaps_any(a: Attribution, others: Sequence[Attribution]) -> bool:
    return any(o.start < a.end and a.start < o.end for o in others)


def _host(indirect: Sequence[Attribution], m: MarkedSpan) -> int | None:
    """The indirect attribution whose content clause contains most of the marked span."""
    best: tuple[int, int] | None = None
    for i, a in enumerate(indirect):
        overlap = min(a.end, m.close) - max(a.start, m.open)
        if overlap > 0.6 * (m.end - m.start) and (best is None or a.end - a.start < best[1]):
            best = (i, a.end - a.start)
    return best[0] if best else None


def _fills(doc: Doc, a: Attribution, m: MarkedSpan) -> bool:
    """Whether the marked span is the content clause (a trailing conjunct may follow): then the quote is direct."""
    clause = tokens_in(doc, a.start, a.end)
    quoted = tokens_in(doc, m.start, m.end)
    if clause is None or quoted is None:
        return False
    before = [t for t in clause if not t.is_punct and t.idx < m.open]
    # "“…,” Gene Sperling, an adviser, said": a speaker misparsed into the clause is not content — but only when
    # the quote ends at a comma; "“Bold” plans could fail, the study warned": the words after the mark are content
    text = text_of(doc)
    cut = text[m.start : m.end].rstrip().endswith(",") or text[m.close : m.close + 2].lstrip().startswith(",")
    after = [
        t for t in clause if t.idx >= m.close and (a.cue is None or t.idx >= a.cue[0] or a.cue[0] < m.close or not cut)
    ]
    if len(before) > max(1, _words(quoted) // 10):
        return False
    words_after = [t for t in after if not t.is_punct]
    if not words_after or words_after[0].dep_ == "cc" or len(words_after) <= max(1, _words(quoted) // 10):
        return True
    # a trailing adverbial ("… “we will win” on Tuesday") still leaves the quote direct
    return len(words_after) <= 3 and (words_after[0].pos_ == "ADP" or words_after[0].ent_type_ in ("DATE", "TIME"))


def _sentence_frame(doc: Doc, m: MarkedSpan) -> list[Token]:
    """Tokens outside the marks in the sentences the quote touches, within its paragraph."""
    text = text_of(doc)
    para_lo = text.rfind("\n", 0, m.open) + 1
    para_hi = text.find("\n", m.close)
    para_hi = len(text) if para_hi < 0 else para_hi
    first = tokens_in(doc, m.open, m.open + 1)
    last = tokens_in(doc, max(m.open, m.close - 1), m.close)
    if first is None or last is None:
        return []
    lo = first.sent.start
    hi = last.sent.end
    # spaCy often ends a sentence at the closing mark: take the clause that follows ("…,” he said.)
    if hi < len(doc) and doc[hi - 1].idx < m.close and doc[hi].idx < para_hi:
        hi = doc[hi].sent.end
    return [t for t in doc[lo:hi] if para_lo <= t.idx < para_hi and not (m.open <= t.idx < m.close)]


def _frame_cue(doc: Doc, m: MarkedSpan, inside: bytearray) -> Attribution | None:
    """A cue verb in the quote's own sentences ("“…,” he said", "She said “…”")."""
    frame = [t for t in _sentence_frame(doc, m) if not inside[t.idx]]
    cues = [t for t in frame if t.pos_ in ("VERB", "AUX") and (t.lemma_.lower() in FRAME_VERBS or _retort(t))]
    # "Asked which county was his favorite, he demurred: “…”": the question's cue does not frame the answer
    cues = [t for t in cues if not (t.dep_ == "advcl" and t.tag_ == "VBN" and not shares_subject(t))]
    cues = [t for t in cues if t.lemma_.lower() not in ("go", "put") or _as_put_it(t)]
    cues = [t for t in cues if not _next_sentence_report(doc, m, t)]
    # "the asking price": an attributive participle is no cue
    cues = [t for t in cues if t.dep_ not in ("amod", "compound", "nmod")]
    cues = [t for t in cues if not _after_own_sentence(doc, m, t, inside)]
    if not cues:
        return None

    def rank(t: Token) -> tuple[int, int]:
        linked = any(m.open <= c.idx < m.close for c in t.children) or m.open <= t.head.idx < m.close
        dist = min(abs(t.idx - m.close), abs(m.open - t.idx))
        return (0 if linked else 1, dist)

    cue = min(cues, key=rank)
    subj = subject_of(cue, inside)
    found = Attribution(
        m.start,
        m.end,
        cue_span_of(cue),
        np_span(subj) if subj is not None else None,
        head_span(subj) if subj is not None else None,
        "direct",
        0.9,
        rule="frame",
    )
    return found if subj is not None else _with_adjacent_speaker(doc, found, m, inside)


def _retort(verb: Token) -> bool:
    """ "Hillary shot back", "her husband cut in", "fired back", "chimed in": a reply, framing the quote beside it."""
    lemma = verb.lemma_.lower()
    particle = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")}
    return (lemma in ("shoot", "fire", "hit", "snap") and "back" in particle) or (
        lemma in ("cut", "chime", "pipe", "butt") and "in" in particle
    )


def _next_sentence_report(doc: Doc, m: MarkedSpan, cue: Token) -> bool:
    """A cue after a quote that ends its own sentence, reporting a clause of its own: another statement.

    ("“… we have to fight.” In response, David Davis said the Tories would …": Davis said the second thing.)
    """
    if cue.idx < m.close or text_of(doc)[m.start : m.end].rstrip()[-1:] not in (".", "!", "?", "…"):
        return False
    last = tokens_in(doc, max(m.open, m.close - 1), m.close)
    if last is None or cue.sent.start <= last.start:
        return False
    return any(c.dep_ == "ccomp" for c in cue.children)


def _after_own_sentence(doc: Doc, m: MarkedSpan, cue: Token, inside: bytearray) -> bool:
    """A cue in a new sentence after a quote that ends its own: the next sentence opens with a capitalized word
    that is neither the cue nor its subject ("“… selling.” Overall, asking prices fell …": no frame; but
    "“… selling.” Smith said." is one)."""
    text = text_of(doc)
    if cue.idx < m.close or text[m.start : m.end].rstrip()[-1:] not in (".", "!", "?", "…"):
        return False
    after = tokens_in(doc, m.close, cue.idx)
    words = [t for t in after if not (t.is_punct or t.is_space)] if after is not None else []
    if not words or not words[0].text[:1].isupper():
        return False
    subj = subject_of(cue, inside)
    own = {t.i for t in subj.subtree} if subj is not None else set()
    return words[0].i not in own


def _as_put_it(tok: Token) -> bool:
    """ "as she put it" and "he went on": cue only in these idioms."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and nxt.lower_ in ("it", "on")


def _colon_cue(doc: Doc, m: MarkedSpan, inside: bytearray) -> Attribution | None:
    """ "X said: “…”" or "Dean Baker, economist: “…”" — the quote follows a colon (maybe after a paragraph break)."""
    text = text_of(doc)
    before = text[: m.open].rstrip()
    if not before.endswith(":"):
        return None
    colon = tokens_in(doc, len(before) - 1, len(before))
    if colon is None:
        return None
    sent = colon.sent if colon.sent.start < colon.start or colon.start == 0 else doc[colon.start - 1].sent
    lead = [t for t in sent if t.idx < colon.start_char and not inside[t.idx]]
    dashes = [k for k, t in enumerate(lead) if t.text in ("-", "—", "–") and k > 0]
    if dashes:
        lead = lead[dashes[-1] + 1 :]  # "HEADLINE IN CAPITALS - Jeffrey M. Jones:": the byline after the dash
    if not lead:
        return None
    cue_span = (colon.start_char, colon.end_char)
    verbs = [t for t in lead if t.pos_ in ("VERB", "AUX")]
    cue = next((t for t in reversed(verbs) if t.lemma_.lower() in CUE_VERBS), None)
    if cue is not None:
        subj = subject_of(cue, inside)
        if subj is None:
            return None
        return Attribution(
            m.start, m.end, cue_span_of(cue), np_span(subj), head_span(subj), "direct", 0.9, rule="colon_cue"
        )
    if verbs:
        # "He had a message for them:" — any clause will do, but only with a person-like subject
        subj = subject_of(sent.root, inside) if sent.root in lead else None
        if subj is None or not (subj.pos_ == "PROPN" or subj.lower_ in PRONOUNS_PERSON):
            return None
        return Attribution(m.start, m.end, cue_span, np_span(subj), head_span(subj), "direct", 0.6, rule="colon_clause")
    # a label line: "Dean Baker, Center for Economic and Policy Research:"
    names = [t for t in lead if t.pos_ == "PROPN" and t.dep_ not in ("compound", "flat")]
    if not names or len(lead) > 15:
        return None
    head = names[0]
    return Attribution(m.start, m.end, cue_span, np_span(head), head_span(head), "direct", 0.7, rule="colon_label")


def _trailing_clause(doc: Doc, m: MarkedSpan, inside: bytearray) -> Attribution | None:
    """ "“…,” Bennett shot back" / "“…,” he mocks": a subject and verb right after a quote that ends in , ? or !.

    Any verb will do here (manner-of-speaking verbs are open-ended); the quote's own punctuation and the
    clause's position make it the frame of the quote.
    """
    text = text_of(doc)
    if not m.closed or text[m.start : m.end].rstrip()[-1:] not in (",", "?", "!"):
        return None
    para_end = text.find("\n", m.close)
    para_end = len(text) if para_end < 0 else para_end
    lo = m.close + len(text[m.close : para_end]) - len(text[m.close : para_end].lstrip())
    after = tokens_in(doc, lo, min(para_end, lo + 80)) if lo < para_end else None
    if after is None:
        return None
    if after[0].is_title and after[0].pos_ in ("DET", "ADV", "ADP", "SCONJ", "CCONJ"):
        return None  # "“…?” The question hung in the air": a new sentence of the writer's
    for t in after[:8]:
        if (t.is_punct and t.text not in ("’", "'")) or inside[t.idx]:
            return None
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass"):
            subj = next((c for c in t.children if c.dep_ == "nsubj" and m.close <= c.idx < t.idx), None)
            if subj is None or subj.lower_ in _RELATIVE or t.dep_ == "relcl":
                return None
            np = {x.i for x in subj.subtree}
            if any(x.i not in np and x.pos_ != "ADV" for x in after if x.i < t.i):
                return None  # "“…,” while Smith refers to him as": the clause is not the quote's frame
            own = [c for c in t.children if not m.open <= c.idx < m.close]
            if any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp") for c in own):
                return None  # "I had prepared a statement": a clause with its own object is not a frame
            return Attribution(
                m.start, m.end, cue_span_of(t), np_span(subj), head_span(subj), "direct", 0.75, rule="trailing"
            )
    return None


def _embedded(doc: Doc, m: MarkedSpan, inside: bytearray) -> bool:
    """Whether the quote sits inside a sentence of the writer's ("Moore thanked him for “…”")."""
    span = tokens_in(doc, m.start, m.end)
    if span is None or not len(span):
        return False  # an empty pair of marks
    sent = span[0].sent
    return any(not t.is_punct and t.idx < m.open and not inside[t.idx] for t in sent)


def _person_like(a: Attribution | None, doc: Doc) -> Attribution | None:
    """The attribution if its speaker is a name or a personal pronoun, else None."""
    if a is None or a.speaker_head is None:
        return None
    head = tokens_in(doc, *a.speaker_head)
    if head is None:
        return None
    return a if named_in(head.root) else None


def _bridge_cue(doc: Doc, prev_close: int, m: MarkedSpan, inside: bytearray) -> Attribution | None:
    """ "“…,” said Craig Robinson. Dianne Bystrom agreed. “…”": a sentence of its own between two quotes whose main
    verb is a cue with a named subject hands the next quote to that speaker instead of the previous one."""
    bridge = tokens_in(doc, prev_close, m.open) if m.open > prev_close else None
    if bridge is None:
        return None
    text = text_of(doc)
    sents = list({t.sent.start: t.sent for t in bridge}.values())  # spaCy's Span.sents is untyped
    for sent in reversed(sents):
        root = sent.root
        if sent.start_char < prev_close or inside[root.idx] or root.lemma_.lower() not in SPEECH_VERBS:
            continue
        if not any(c in text[prev_close : sent.start_char] for c in ".!?\n"):
            continue  # "“…!” Bush said.": the previous quote's own frame, split off by the parser
        subj = subject_of(root, inside)
        if subj is None or not named_in(subj) or subj.idx < sent.start_char:
            continue
        return Attribution(
            m.start,
            m.end,
            cue_span_of(root),
            np_span(subj),
            head_span(subj),
            "direct",
            0.7,
            "speaker: the cue just before the quote",
            rule="bridge",
        )
    return None


def _run_of_quotes(text: str, prev_close: int, open_: int) -> bool:
    """The previous quote ends in this paragraph or the one before, with at most a short bridge between."""
    if prev_close < 0 or open_ < prev_close:
        return False
    gap = text[prev_close:open_]
    return gap.count("\n\n") + (1 if "\n" in gap and "\n\n" not in gap else 0) <= 1 and len(gap.strip()) <= 200


def _next_sentence_cue(doc: Doc, m: MarkedSpan, inside: bytearray) -> Attribution | None:
    """“…” followed by a sentence whose cue has no complement of its own ("That is what he said.")."""
    last = tokens_in(doc, max(m.open, m.close - 1), m.close)
    if last is None or last.sent.end >= len(doc):
        return None
    nxt = doc[last.sent.end].sent
    if "\n" in text_of(doc)[m.close : nxt.start_char]:
        return None
    for t in nxt:
        if is_cue(t, inside) and t.lemma_.lower() in FRAME_VERBS and complement_of(t) is None:
            subj = subject_of(t, inside)
            if subj is not None:
                return Attribution(
                    m.start, m.end, cue_span_of(t), np_span(subj), head_span(subj), "direct", 0.7, rule="next_sentence"
                )
    return None


def _is_clause(span: Span | None) -> bool:
    """Whether a short quoted span is a clause of its own ("everything changed radically")."""
    if span is None:
        return False
    return any(
        t.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJECT_DEPS and c in span for c in t.children) for t in span
    )


_FIRST_PERSON = lexicons.words("words_quotes", list="extract._FIRST_PERSON")


def _third_person_only(span: Span) -> bool:
    """Whether quoted words refer to a person as he/him/his (or she/her) and never speak as I or we."""
    lowers = {t.lower_ for t in span}
    return bool(lowers & (PRONOUNS_PERSON | {"himself", "herself"})) and not lowers & _FIRST_PERSON


def _governing_subject(doc: Doc, m: MarkedSpan, inside: bytearray) -> Attribution | None:
    """A fragment quoted inside someone's sentence ("the FBI lists “…”", "X credited him for “…”"): its subject."""
    span = tokens_in(doc, m.start, m.end)
    if span is None:
        return None
    sent = span[0].sent
    if not any(not t.is_punct and t.idx < m.open for t in sent):
        return None  # the quote opens its sentence: nothing outside it governs it
    # the subject of the highest clause: in "Rubio bemoaned the climate in which people “hate each other”" the
    # quoted clause's own subject is part of what is reported, and Rubio is the one reporting it
    found: tuple[Token, Token] | None = None
    cur: Token | None = span.root
    for _ in range(8):
        if cur is None:
            break
        subj = next((c for c in cur.children if c.dep_ in SUBJECT_DEPS and not inside[c.idx]), None)
        if subj is not None and cur.dep_ == "relcl" and subj.lower_ in _RELATIVE:
            found = (cur, subj)  # "the sign, which read “…”": the relative pronoun stands for the sign
            break
        if subj is not None and subj.lower_ not in _RELATIVE:
            found = (cur, subj)
            # climb out of content and argument clauses, not out of an adverbial or coordinate clause with a
            # named subject of its own ("…, while Trump refers to him as “Chris”")
            if cur.dep_ not in _SUBORDINATE or (cur.dep_ in ("advcl", "conj") and named_in(subj)):
                break
        cur = cur.head if cur.head is not cur else None
    if found is None:
        return None
    verb, subj = found
    owner = next((c for c in subj.children if c.dep_ == "poss"), None)
    if owner is not None and subj.pos_ == "NOUN":
        subj = owner  # "the former spy’s decision “was …”": the possessor speaks
    if subj.pos_ not in ("PROPN", "NOUN", "PRON") or subj.lower_ in ("it", "this", "that", "there"):
        return None
    cue = (verb.idx, verb.idx + len(verb.text)) if not inside[verb.idx] else None
    if owner is not None and subj is owner and _third_person_only(span):
        # "the spy’s decision “was motivated by … Estonia’s humanity towards him”": the claim is his, the words
        # speak of him and may be the reporter's
        return Attribution(
            m.start, m.end, cue, np_span(subj), head_span(subj), "direct", 0.35,
            "speaker: the subject's possessor; the quoted words speak of him or her in the third person, so they "
            "may be the reporter's", rule="possessor",
        )  # fmt: skip
    return Attribution(
        m.start,
        m.end,
        cue,
        np_span(subj),
        head_span(subj),
        "direct",
        0.5,
        "speaker: subject of the sentence",
        rule="governing",
    )


def _previous_subject(doc: Doc, m: MarkedSpan, inside: bytearray) -> Attribution | None:
    """ "Dianne Bystrom agreed. “…”": a quote that stands alone after a sentence about its speaker."""
    before = text_of(doc)[: m.open].rstrip()
    if not before:
        return None
    last = tokens_in(doc, len(before) - 1, len(before))
    if last is None or inside[last.start_char]:
        return None
    root = last[0].sent.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and not inside[c.idx]), None)
    if subj is not None:
        subj = unclosed_appositive(subj, root) or subj
    if subj is None or not (subj.pos_ == "PROPN" or subj.lower_ in PRONOUNS_PERSON):
        return None
    return Attribution(
        m.start,
        m.end,
        None,
        np_span(subj),
        head_span(subj),
        "direct",
        0.5,
        "speaker: subject of the previous sentence",
        rule="previous_subject",
    )


_TITLE_BEFORE = re.compile(r"(?:[A-Z][\w.&]*['’]s|\b(?:on|of|in|author of|host of|star of))\s*$")
"""What comes before a quoted title rather than a quote: an outlet's possessive, "on", "author of"."""

_TITLE_SMALL_WORDS = lexicons.words("words_quotes", list="extract._TITLE_SMALL_WORDS")
"""Words a title leaves in lower case ("Forum for the Future")."""


def _looks_like_title(span: Span | None) -> bool:
    """A quoted title or name: every content word capitalized and no verb."""
    if span is None:
        return True
    words = [t for t in span if t.is_alpha]
    capped = [t for t in words if t.text[0].isupper()]
    small = all(t.text[0].isupper() or t.lower_ in _TITLE_SMALL_WORDS for t in words)
    if len(capped) >= 2 and small and words[0].text[0].isupper():
        return True  # "Do They Know It's Christmas?", "Free Mojtaba and Arash Day": a title, verbs or not
    if any(t.pos_ in ("VERB", "AUX") for t in span):
        return False
    return bool(words) and all(t.text[0].isupper() or t.is_stop for t in words)


def _drop_trailing_comma(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in ", ":
        end -= 1
    return start, end


def _warnings(marked: Sequence[MarkedSpan], quotes: Sequence[Quote]) -> list[str]:
    """Article-level notes: unclosed marks, quotes with no speaker."""
    out = []
    unclosed = sum(1 for m in marked if not m.closed)
    if unclosed:
        out.append(f"quotes: {unclosed} quote(s) have no closing mark; ended at paragraph end")
    nameless = sum(1 for q in quotes if q.speaker is None)
    if nameless:
        out.append(f"quotes: {nameless} quote(s) have no speaker named in the text")
    return out
