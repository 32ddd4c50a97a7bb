"""Entities: one record per referent, with its names, descriptions and pronouns.

Starts from the base model's named entities and fixes what it gets systematically wrong in
news (the fixes live in ``ner``), each a switch of ``EntityOptions`` (the CoNLL benchmark turns
them off one by one):

- ``trim``: spans that swallow "the", a possessive "'s", a title ("Mr.", "Gen."), a trailing score
  or a line break; spans that run across " - " or brackets are split.
- ``caps``: all-caps lines (headlines, datelines) are re-tagged from the names the document uses in
  mixed case and a place gazetteer, instead of the model's guesses on shouted text.
- ``shapes``: "St." before a place, outlet and organization words after a name ("Yahoo News",
  "... Polytechnic University"), outlets named after "according to", "reported by", "Source:".
- ``person_cues``: names the model missed, found by a title before them, a first name, or an
  appositive person noun ("Artem Zinchenko, a former Russian spy").
- ``propagate``: other occurrences of a name (and a person's surname) the model found once.
- ``teams``: a place that plays (subject or object of "beat", "drew with", a place followed by its
  score in a results line, "X v Y") is a team, an organization — except countries' national sides.
- ``vote``: one type per referent, voted over its mentions with priors (gazetteer, titles, first
  names, appositives, organization words).
- ``link`` and ``coref``: name forms of one referent joined; descriptions and pronouns attached
  (see ``coref``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from ...model import Entity, Layout, Mention
from .. import lexicons
from ..spans import in_spans
from . import coref, ner
from .names import (
    HONORIFICS,
    ORG_NOUNS,
    ORG_SUFFIXES,
    PERSON_NOUNS,
    countries,
    first_name_gender,
    is_first_name,
    norm,
    places,
    words,
)
from .outlets import is_known

SPEECH_VERBS = lexicons.words("cue_verbs", kind="speech")
"""Verbs of saying (lemmas): a name that is their subject speaks."""

KEPT_LABELS = lexicons.words("words_entities", list="extract.KEPT_LABELS")
"""OntoNotes labels that name a referent (dates, numbers and money are handled elsewhere)."""

PLATFORMS = words(
    """twitter facebook instagram tiktok youtube telegram whatsapp snapchat reddit linkedin weibo wechat vkontakte
    threads bluesky truth-social"""
)
"""Social platforms: organizations, though the model often takes "Twitter" for a person ("wrote on Twitter")."""

PARTIES = {
    **dict.fromkeys(
        ["labour", "lib dems", "liberal democrats", "snp", "plaid cymru", "ukip", "sinn fein", "sinn féin", "dup",
         "uup", "sdlp", "bnp", "reform uk", "the labour party", "labour party"],
        "ORG",
    ),
    **dict.fromkeys(["tory", "tories", "lib dem", "liberal democrat", "conservatives", "blairites"], "NORP"),
}  # fmt: skip
"""British parties, which the model often takes for people ("the Lib Dems", "Labour said"): a party's name is an
organization, its members' ("the Tories", "a Lib Dem") a group (OntoNotes' NORP)."""

FAC_SUFFIXES = words(
    "centre center stadium airport bridge square street avenue road tower palace arena hall prison "
    "cathedral church mosque temple station port harbour harbor building"
)
"""Last words that make a name a facility ("Scottish Exhibition and Conference Centre")."""

DOTTED_INITIALISM = re.compile(r"(?:[A-Z]\.){2,}")
"""Initials with periods ("F.B.I.", "U.S."): one name with its undotted form ("FBI")."""

DOTTED_PLACES = lexicons.words("words_entities", list="extract.DOTTED_PLACES")
"""Dotted initials that name places; other dotted initials of three letters or more name organizations
("F.B.I.", "C.I.A.", "N.S.A."), which the base model often types GPE."""

BOILERPLATE_FACTOR = 0.6
"""Confidence multiplier for entities seen only outside the body (bios, source lines)."""


@dataclass(frozen=True, slots=True)
class EntityOptions:
    """Which of the news fixes run (all by default); the CoNLL benchmark's ablation turns each off."""

    trim: bool = True
    caps: bool = True
    shapes: bool = True
    person_cues: bool = True
    propagate: bool = True
    vote: bool = True
    teams: bool = True
    link: bool = True
    coref: bool = True


VOTE_CERTAIN = 3.0
"""Weight of evidence that settles a type by itself: a country, a title before the name, a known outlet or party."""
VOTE_KIND = 2.5
"""Weight of a kind noun right before the name ("oil firm Yukos", "the browser Firefox")."""
VOTE_LIKELY = 2.0
"""Weight of strong context: a gazetteer place that is not a country, someone "of" an organization who speaks."""
VOTE_HINT = 1.5
"""Weight of a hint: a first name, an appositive noun, an organization suffix, "shares" after the name."""
# The weights are hand-set (spaCy's own label votes 1.0); fitting them on CoNLL eng.train is open (issue 14).


def _priors(doc: Doc, c: ner.Cand) -> list[tuple[str, float]]:
    """Context votes for a candidate's type: gazetteer, title, first name, appositive, organization words."""
    votes = list(c.votes)
    span = doc[c.start : c.end]
    key = span.text.lower()
    gaz = places().get(key)
    if gaz:
        votes.append((gaz, VOTE_CERTAIN if key in countries() else VOTE_LIKELY))
    if ner.is_title_before(doc, c.start):
        votes.append(("PERSON", VOTE_CERTAIN))
    if c.end - c.start >= 2 and is_first_name(doc[c.start].text) and not gaz:
        votes.append(("PERSON", VOTE_HINT))
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "at" and root.head.head.lemma_.lower() in PERSON_NOUNS:
        votes.append(("ORG", VOTE_HINT))  # "a research director at Gartner"
    for child in root.children:
        if child.dep_ == "appos" and child.lemma_.lower() in PERSON_NOUNS:
            votes.append(("PERSON", VOTE_HINT))
        elif child.dep_ == "appos" and child.lemma_.lower() in ORG_NOUNS:
            votes.append(("ORG", VOTE_HINT))
    if key in PLATFORMS:
        votes.append(("ORG", VOTE_CERTAIN))
    if key in PARTIES:
        votes.append((PARTIES[key], VOTE_CERTAIN))
    if _speaks_for(doc, c):
        votes.append(("PERSON", VOTE_LIKELY))  # "Yonca Brunini of Yahoo said": someone of an organization speaks
    kind = _kind_before(doc, c)
    if kind is not None:
        votes.append((kind, VOTE_KIND))  # "oil firm Yukos", "the browser Firefox"
    if c.end < len(doc) and _firm_after(doc, c.end):
        votes.append(("ORG", VOTE_HINT))  # "Yukos shares", "Yukos's chief executive"
    if c.end - c.start >= 2 and is_known(span.text):
        votes.append(("ORG", VOTE_CERTAIN))  # a known outlet's full name ("Daily Telegraph"), whatever the model typed
    if _dotted(span.text) and len(span.text) >= 6 and span.text not in DOTTED_PLACES:
        votes.append(("ORG", VOTE_CERTAIN))
    if c.end - c.start >= 3 and any(t.text == "&" for t in span[1:-1]):
        votes.append(("ORG", VOTE_CERTAIN))  # "Douglas & Lomason", "Procter & Gamble": partners' names make a firm
    if c.end - c.start >= 2 and norm(doc[c.end - 1].text) in ORG_SUFFIXES:
        votes.append(("ORG", VOTE_HINT))
    elif c.end - c.start >= 2 and norm(doc[c.end - 1].text) in FAC_SUFFIXES:
        votes.append(("FAC", VOTE_HINT))
    return votes


COMPANY_NOUNS = words(
    """firm company group giant maker retailer carrier airline operator provider insurer broadcaster chain
    conglomerate manufacturer producer supplier subsidiary startup start-up publisher distributor bank lender
    brewer miner carmaker automaker chipmaker rival"""
)
"""Nouns that, right before a name, say it is a company ("oil firm Yukos", "software maker Oracle")."""

PRODUCT_NOUNS = words(
    """browser software program programme app application drug medicine vaccine game console handset phone
    smartphone device car model aircraft jet plane operating system chip processor"""
)
"""Nouns that, right before a name, say it is a product ("the browser Firefox", "the drug Crestor")."""

FIRM_AFTER = words("shares stock shareholders stockholders subsidiary profits profit revenues revenue takeover")
"""Words after a name (or its "'s") that only a company has ("Yukos shares")."""


def _speaks_for(doc: Doc, c: ner.Cand) -> bool:
    """A two- or three-word name that says something and is "of"/"at"/"from" an organization named after it."""
    if not 2 <= c.end - c.start <= 3 or c.end + 1 >= len(doc):
        return False
    root = doc[c.start : c.end].root
    speaks = root.dep_ == "nsubj" and root.head.lemma_.lower() in SPEECH_VERBS
    return speaks and doc[c.end].lower_ in ("of", "at", "from") and ner.titled(doc[c.end + 1])


def _kind_before(doc: Doc, c: ner.Cand) -> str | None:
    """ORG or PRODUCT when the noun right before the name says which ("oil firm Yukos", "browser Firefox")."""
    if c.start == 0 or c.end - c.start > 3:
        return None
    before = doc[c.start - 1]
    if before.pos_ != "NOUN" or before.ent_type_:
        return None
    lemma = before.lemma_.lower()
    return "ORG" if lemma in COMPANY_NOUNS else "PRODUCT" if lemma in PRODUCT_NOUNS else None


def _firm_after(doc: Doc, i: int) -> bool:
    if doc[i].lower_ in ("'s", "’s") and i + 1 < len(doc):
        i += 1
    nxt = doc[i].lower_
    return nxt in FIRM_AFTER or (nxt == "chief" and i + 1 < len(doc) and doc[i + 1].lower_ == "executive")


def _dotted(text: str) -> bool:
    return DOTTED_INITIALISM.fullmatch(text) is not None


def _form_key(text: str) -> str:
    """What makes two name texts one form: case, and the periods of initials ("F.B.I." is "FBI")."""
    return text.replace(".", "").lower() if _dotted(text) else text.lower()


def _tally(votes: Iterable[tuple[str, float]]) -> tuple[str, float]:
    """The winning label and its share of the votes."""
    total: Counter[str] = Counter()
    for label, w in votes:
        total[label] += w  # type: ignore[assignment]
    label, best = max(total.items(), key=lambda kv: (kv[1], kv[0] == "PERSON"))
    return label, best / (sum(total.values()) or 1.0)


def _candidates(doc: Doc, options: EntityOptions) -> list[ner.Cand]:
    """Name mentions after the enabled fixes, in text order, not overlapping."""
    caps = ner.caps_mask(doc) if options.caps else [False] * len(doc)
    cands = [ner.Cand(e.start, e.end, e.label_, ((e.label_, 1.0),)) for e in doc.ents if e.label_ in KEPT_LABELS]
    if options.trim:
        demonyms = frozenset(e.text for e in doc.ents if e.label_ == "NORP")
        cands = [p for c in cands for p in ner.trim(doc, c, demonyms)]
    shouted: list[ner.Cand] = []
    if options.caps:
        # re-tagged from the document's own names below; the model's full person names ("By JOHN SMITH")
        # are kept as a fallback where nothing else matches
        shouted = [replace(c, votes=((c.label, 0.5),)) for c in cands if caps[c.start] and ner.full_name(doc, c)]
        cands = [c for c in cands if not caps[c.start]]
    cands = ner.dedupe(cands)
    if options.shapes:
        cands = ner.shapes(doc, cands, caps)
    if options.person_cues:
        cands = ner.join_split_names(doc, cands)
        cov = ner.covered(doc, cands)
        cands = ner.dedupe([ner.extend_first_names(doc, c, caps, cov) for c in cands])
    if options.person_cues:
        cands = ner.dedupe([*cands, *ner.missed_people(doc, cands, caps)])
    if options.propagate:
        cands = ner.dedupe([*cands, *ner.propagate(doc, cands, caps)])
    if options.caps:
        cands = ner.dedupe([*cands, *ner.caps_names(doc, cands, caps)])
        cands = ner.dedupe([*cands, *shouted])
    return cands


def extract_entities(doc: Doc, layout: Layout, *, options: EntityOptions = EntityOptions()) -> list[Entity]:
    """One entity per referent: canonical name, aliases, every mention (names, descriptions, pronouns)."""
    cands = _candidates(doc, options)
    if not cands:
        return []
    votes = [_priors(doc, c) if options.vote else list(c.votes[:1]) for c in cands]
    if options.teams:
        for k, w in ner.team_votes(doc, cands).items():
            c = cands[k]
            if c.label in ("GPE", "LOC", "FAC") or (
                c.label == "PERSON" and doc[c.start : c.end].text.lower() in places()
            ):
                # places that play ("Newcastle", typed a person or not); people in score tables stay people
                votes[k].append(("ORG", w))
            elif ner.side_role(doc, cands[k]):
                votes[k].append(("ORG", w + 1.0))  # "Surrey captain Chris Lewis", whatever the model says
    # name forms: the same text is one form; its type is voted over its occurrences
    form_of: dict[tuple[str, str], int] = {}
    form_cands: list[list[int]] = []
    for k, c in enumerate(cands):
        key = (_form_key(doc[c.start : c.end].text), "" if options.vote else c.label)
        if key not in form_of:
            form_of[key] = len(form_cands)
            form_cands.append([])
        form_cands[form_of[key]].append(k)
    forms = []
    for ks in form_cands:
        c = cands[ks[0]]
        label, _ = _tally(v for k in ks for v in votes[k])
        text = doc[c.start : c.end].text.lower()
        forms.append(
            coref.NameForm(
                words=tuple(t.text for t in doc[c.start : c.end]),
                type=label,
                first=doc[c.start].idx,
                titled=any(ner.is_title_before(doc, cands[k].start) for k in ks),
                place=text in places() and label in ("GPE", "LOC"),
            )
        )
    if options.link:
        cluster = coref.link_names(forms) if options.vote else _link_same_label(forms)
    else:
        cluster = list(range(len(forms)))
    if options.link and options.vote:
        longest: dict[int, int] = {}
        for f, number in enumerate(cluster):
            if number not in longest or len(forms[f].words) > len(forms[longest[number]].words):
                longest[number] = f
        for f, number in enumerate(cluster):
            head = forms[longest[number]]
            if head.type == "ORG" and coref.company_prefix(forms[f], head):
                for k in form_cands[f]:
                    votes[k].append(("ORG", VOTE_CERTAIN))  # the short form of a company's name is the company
        split = _split_known_surnames(doc, cands, form_cands, forms, cluster)
        for f, number in split.items():
            cluster[f] = number
            for k in form_cands[f]:
                votes[k].append(("PERSON", VOTE_CERTAIN))  # the evidence that split it says a person
    members: dict[int, list[int]] = defaultdict(list)
    for f, ks in enumerate(form_cands):
        members[cluster[f]].extend(ks)
    groups = sorted((sorted(ks) for ks in members.values()), key=lambda ks: cands[ks[0]].start)
    typed = []
    for ks in groups:
        label, share = _tally(v for k in ks for v in votes[k])
        if options.vote and label != "PERSON" and _named_person(doc, cands, ks, votes):
            label = "PERSON"  # "Donald Trump" is a person however often the model calls a bare "Trump" ORG
        elif options.vote and label in ("ORG", "NORP") and _titled_person(doc, cands, ks):
            label = "PERSON"  # "President Trump": however often "Trump's lawyers" reads as an organization
        if label in KEPT_LABELS:
            typed.append((ks, label, share))
    refs = [coref.Referent(label, tuple((cands[k].start, cands[k].end) for k in ks)) for ks, label, _ in typed]
    extra: dict[int, list[Mention]] = defaultdict(list)
    if options.coref:
        for r, m in coref.resolve(doc, refs):
            extra[r].append(m)
    out = []
    for r, (ks, label, share) in enumerate(typed):
        names = [_mention(doc, cands[k]) for k in ks]
        out.append(_entity(names, extra[r], label, share, layout))
    out.sort(key=lambda e: e.mentions[0].start)
    return [replace(e, id=f"E{i + 1}") for i, e in enumerate(out)]


def _named_person(
    doc: Doc, cands: Sequence[ner.Cand], ks: Sequence[int], votes: Sequence[list[tuple[str, float]]]
) -> bool:
    """Whether the referent has a full personal name ("Donald Trump") whose own mentions vote PERSON.

    A full name is a property of the referent: the surname-only mentions linked to it are the same
    person even when the model types most of them ORG or GPE.
    """
    by_form: dict[str, list[int]] = defaultdict(list)
    surnames_only = True  # every other form is the full name's last word ("Nika Melia" … "Melia")
    full = [cands[k] for k in ks if cands[k].end - cands[k].start >= 2]
    last = {doc[c.end - 1].text.lower() for c in full}
    for k in ks:
        c = cands[k]
        if c.end - c.start >= 2:
            by_form[doc[c.start : c.end].text.lower()].append(k)
        elif doc[c.start].text.lower() not in last:
            surnames_only = False
    for form, members in by_form.items():
        if places().get(form):
            continue
        first = doc[cands[members[0]].start].text
        if not (is_first_name(first) or (surnames_only and len(by_form) == 1)):
            continue  # a given name not in the list: only when the rest is the bare surname (no "New York" + "York")
        if _tally(v for k in members for v in votes[k])[0] == "PERSON":
            return True
    return False


MALE_PRONOUNS = lexicons.words("words_entities", list="extract.MALE_PRONOUNS")
FEMALE_PRONOUNS = lexicons.words("words_entities", list="extract.FEMALE_PRONOUNS")


def _split_known_surnames(
    doc: Doc,
    cands: Sequence[ner.Cand],
    form_cands: Sequence[Sequence[int]],
    forms: Sequence[coref.NameForm],
    cluster: Sequence[int],
) -> dict[int, int]:
    """Undo the link of a bare surname to a full name that the text shows to be someone else.

    Two kinds of evidence, each about gender against the full name's first name ("Melania Trump"):
    honorifics ("Mr. Trump" twice or more, never "Mrs. Trump"), or — when the writer used the surname
    alone in two or more sentences before the full name appears, as news does for someone the reader
    already knows — the pronouns of the sentences the surname is the subject of. Returns the new cluster
    number of each form split off.
    """
    out: dict[int, int] = {}
    heads: dict[int, int] = {}
    for f, c in enumerate(cluster):
        longer = c not in heads or len(forms[f].words) > len(forms[heads[c]].words)
        if forms[f].type == "PERSON" and len(forms[f].words) >= 2 and longer:
            heads[c] = f
    next_id = max(cluster, default=-1) + 1
    for f, c in enumerate(cluster):
        head = heads.get(c)
        if head is None or len(forms[f].words) != 1:
            continue
        gender = first_name_gender(forms[head].words[0])
        if gender is not None and _other_gender(doc, [cands[k] for k in form_cands[f]], gender, forms[head].first):
            out[f] = next_id
            next_id += 1
    return out


def _other_gender(doc: Doc, mentions: Sequence[ner.Cand], gender: str, head_first: int) -> bool:
    """Whether the mentions of a surname show a referent of another gender than ``gender``."""
    honorifics: Counter[str | None] = Counter(
        HONORIFICS.get(norm(doc[x.start - 1].text)) for x in mentions if x.start > 0
    )
    other_gender = "f" if gender == "m" else "m"
    if honorifics[other_gender] >= 2 and not honorifics[gender]:
        return True
    early = [x for x in mentions if doc[x.start].idx < head_first]
    if len({doc[x.start].sent.start for x in early}) < 2:
        return False
    own = other = 0
    for x in early:
        if doc[x.start : x.end].root.dep_ in ("nsubj", "nsubjpass"):
            after = [t.lower_ for t in doc[x.start].sent if t.i >= x.end and t.pos_ == "PRON"]
            male = sum(p in MALE_PRONOUNS for p in after)
            female = sum(p in FEMALE_PRONOUNS for p in after)
            own += male if gender == "m" else female
            other += female if gender == "m" else male
    return other >= 2 and other > 2 * own


def _titled_person(doc: Doc, cands: Sequence[ner.Cand], ks: Sequence[int]) -> bool:
    """Whether a personal title stands before one of the referent's mentions ("President Trump") and none
    of its names is a known place."""
    if any(doc[cands[k].start : cands[k].end].text.lower() in places() for k in ks):
        return False
    return any(ner.is_title_before(doc, cands[k].start) for k in ks)


def _link_same_label(forms: Sequence[coref.NameForm]) -> list[int]:
    """Name linking without type voting: only forms of one label may join (for the ablation)."""
    by_label: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(forms):
        by_label[f.type].append(i)
    cluster = [0] * len(forms)
    base = 0
    for idx in by_label.values():
        sub = coref.link_names([forms[i] for i in idx])
        for i, c in zip(idx, sub, strict=True):
            cluster[i] = base + c
        base += len(idx)
    return cluster


def _mention(doc: Doc, c: ner.Cand) -> Mention:
    span = doc[c.start : c.end]
    return Mention(span.start_char, span.end_char, span.text, "name")


def _entity(names: list[Mention], extra: list[Mention], label: str, share: float, layout: Layout) -> Entity:
    """The record: canonical name (longest mixed-case name), aliases, mentions in order, confidence."""
    mentions = sorted([*names, *extra], key=lambda m: (m.start, m.end))
    canon = max(names, key=lambda m: (not m.text.isupper(), len(m.text.split()), len(m.text), -m.start)).text
    aliases: list[str] = []
    for m in mentions:
        if m.kind != "pronoun" and m.text not in aliases:
            aliases.append(m.text)
    confidence = min(1.0, 0.5 + 0.4 * share + 0.05 * len(names))
    if layout.body and not any(in_spans(m.start, m.end, layout.body) for m in names):
        confidence *= BOILERPLATE_FACTOR
    return Entity(
        id="",
        name=canon,
        type=label,
        aliases=tuple(aliases),
        mentions=tuple(mentions),
        confidence=round(confidence, 3),
    )
