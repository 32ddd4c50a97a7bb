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
- ``second`` (off by default): a second NER fine-tuned on CoNLL-2003 (``nlp.second_ner``, when the pipeline was
  loaded with it): its label on each mention is evidence for the type model, and its names that no other rule
  proposed become candidates (the type model may drop them). The shipped type model was not fitted with it.
- ``vote``: one type per referent, decided by a model fitted on CoNLL-2003 ``eng.train`` (``fitted``) over the
  evidence of all its mentions (the base model's labels, gazetteer, titles, first names, appositives,
  organization words …); its probability is the entity's confidence.
- ``link`` and ``coref``: name forms of one referent joined; descriptions and pronouns attached
  (see ``coref``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from ...model import Entity, Layout, Mention
from .. import lexicons, second_ner
from ..spans import in_spans
from . import coref, fitted, ner
from .fitted import Evidence, TypeModel
from .names import (
    HONORIFICS,
    ORG_NOUNS,
    ORG_SUFFIXES,
    PERSON_NOUNS,
    PERSONAL_TITLES,
    first_name_gender,
    gazetteer,
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
    second: bool = False
    vote: bool = True
    teams: bool = True
    link: bool = True
    coref: bool = True


SECOND_LABEL = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE", "MISC": "NORP"}
"""The second NER's (CoNLL) label -> the OntoNotes label a candidate of its own starts with (the type model decides
the class, the evidence the subtype)."""


@dataclass(frozen=True, slots=True)
class Second:
    """The second NER's opinion over a document's tokens: its entities by token span, and per token the label of
    the entity that covers it ('' for none)."""

    doc: Doc
    exact: Mapping[tuple[int, int], str]
    covering: Sequence[str]

    @classmethod
    def of(cls, doc: Doc, on: bool = True) -> Second:
        """The opinion stored on ``doc`` (empty when ``on`` is off or the second NER did not run)."""
        found = second_ner.spans(doc) if on else []
        covering = [""] * len(doc)
        for s, e, label in found:
            covering[s:e] = [label] * (e - s)
        return cls(doc, {(s, e): label for s, e, label in found}, covering)

    def evidence(self, c: ner.Cand) -> list[Evidence]:
        """``(label, "conll")`` when it found the candidate's exact span, ``(label, "conll_part")`` when one of
        its entities overlaps it; nothing when it saw no name there."""
        exact = self.exact.get((c.start, c.end))
        if exact:
            return [(exact, "conll")]
        parts = sorted({label for label in self.covering[c.start : c.end] if label})
        return [(label, "conll_part") for label in parts]

    def missed(self, cands: Sequence[ner.Cand]) -> list[ner.Cand]:
        """Its names that overlap no candidate, as candidates of their own: only names of capitalized words, and
        not one word opening a sentence (the unseen reading found "£" and a heading's "Analysis" among them)."""
        taken: set[int] = set()
        for c in cands:
            taken.update(range(c.start, c.end))
        return [
            ner.Cand(s, e, SECOND_LABEL[label], ((label, "conll"),))
            for (s, e), label in sorted(self.exact.items())
            if not taken.intersection(range(s, e)) and self._name_like(s, e)
        ]

    def _name_like(self, start: int, end: int) -> bool:
        words = self.doc[start:end]
        return all(ner.titled(t) for t in words) and not (end - start == 1 and words[0].is_sent_start)


def _evidence(doc: Doc, c: ner.Cand, second: Second) -> list[Evidence]:
    """What the rules see about a candidate's type, as (label, cue) pairs: its own votes, then the second NER's
    label, gazetteer, title, first name, appositive, organization words, the noun before it."""
    votes = [v for v in c.votes if v[1] != "conll"]  # a candidate of the second NER's own gets its vote below
    votes.extend(second.evidence(c))
    span = doc[c.start : c.end]
    key = span.text.lower()
    gaz = places().get(key)
    if key in gazetteer():
        place_label, place_kind = gazetteer()[key]
        votes.append((place_label, f"gazetteer_{place_kind}"))
    if ner.is_title_before(doc, c.start):
        votes.append(("PERSON", "title_before"))
        if norm(doc[c.start - 1].text) in PERSONAL_TITLES:
            votes.append(("PERSON", "personal_title"))  # "Mr Kennedy": a person, whatever places share the name
    if c.end - c.start >= 2 and is_first_name(doc[c.start].text) and not gaz:
        votes.append(("PERSON", "first_name"))
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "at" and root.head.head.lemma_.lower() in PERSON_NOUNS:
        votes.append(("ORG", "job_at"))  # "a research director at Gartner"
    for child in root.children:
        if child.dep_ == "appos" and child.lemma_.lower() in PERSON_NOUNS:
            votes.append(("PERSON", "appositive"))
        elif child.dep_ == "appos" and child.lemma_.lower() in ORG_NOUNS:
            votes.append(("ORG", "appositive"))
    if any(norm(t.text) in ner.BROADCAST_WORDS for t in span[1:-1]) and ner.titled(span[0]):
        votes.append(("ORG", "station"))  # "BBC Radio 4", "BBC Radio Scotland": a station
    if c.end - c.start >= 2 and norm(doc[c.end - 1].text) in ner.EVENT_SUFFIXES and span[0].text != "The":
        votes.append(("EVENT", "event_suffix"))  # "Hopman Cup", "US Open", "Grand Slams"; not "The Hunger Games"
    if _job_after(doc, c) and key not in places():
        votes.append(("ORG", "job_after"))  # "Investec economist Philip Shaw": the name of an employer
    if key in PLATFORMS:
        votes.append(("ORG", "platform"))
    if key in PARTIES:
        votes.append((PARTIES[key], "party"))
    if _speaks_for(doc, c):
        votes.append(("PERSON", "speaks_for"))  # "Yonca Brunini of Yahoo said": someone of an organization speaks
    kind = _kind_before(doc, c)
    if kind is not None:
        votes.append((kind, "kind_before"))  # "oil firm Yukos", "the browser Firefox"
    if c.end < len(doc) and _firm_after(doc, c.end):
        votes.append(("ORG", "firm_after"))  # "Yukos shares", "Yukos's chief executive"
    if c.end - c.start >= 2 and is_known(span.text):
        votes.append(("ORG", "known_outlet"))  # a known outlet's full name ("Daily Telegraph")
    if _dotted(span.text) and len(span.text) >= 6 and span.text not in DOTTED_PLACES:
        votes.append(("ORG", "dotted"))
    if c.end - c.start >= 3 and any(t.text == "&" for t in span[1:-1]):
        votes.append(("ORG", "ampersand"))  # "Douglas & Lomason", "Procter & Gamble": partners' names make a firm
    if c.end - c.start >= 2 and norm(doc[c.end - 1].text) in ORG_SUFFIXES:
        votes.append(("ORG", "org_suffix"))
    elif c.end - c.start >= 2 and norm(doc[c.end - 1].text) in FAC_SUFFIXES:
        votes.append(("FAC", "fac_suffix"))
    return votes


SCORE = re.compile(r"\d+-\d+")
"""A match score or a result ("2-1", "6-3")."""


def _document(doc: Doc, teams: Mapping[int, Sequence[str]]) -> dict[str, float]:
    """What kind of article it is, as features every referent shares: sides of matches named in it, and the share
    of its lines that carry a score (a results page), so that the model can tell sport from other news."""
    lines = [line for line in doc.text.splitlines() if line.strip()]
    scored = sum(1 for line in lines if SCORE.search(line))
    return {"doc_sides": min(1.0, len(teams) / 3), "doc_scores": scored / len(lines) if lines else 0.0}


def _shape(doc: Doc, cands: Sequence[ner.Cand], ks: Sequence[int], caps: Sequence[bool]) -> dict[str, float]:
    """How a referent's names look: length of the longest, shouted, digits, dots, lower-case words, sentence starts."""
    spans = [doc[cands[k].start : cands[k].end] for k in ks]
    longest = max(len(s) for s in spans)
    n = len(spans)
    return {
        "words=1" if longest == 1 else "words=2" if longest == 2 else "words=3+": 1.0,
        "shouted": sum(caps[s.start] for s in spans) / n,
        "sentence_start": sum(bool(s[0].is_sent_start) for s in spans) / n,
        "digit": float(any(ch.isdigit() for s in spans for ch in s.text)),
        "dotted": float(any(_dotted(s.text) for s in spans)),
        "lowercase_word": float(any(t.is_lower for s in spans for t in s)),
        "hyphen": float(any("-" in s.text for s in spans)),
        "short": float(all(len(s.text) <= 3 for s in spans)),
    }


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


def _job_after(doc: Doc, c: ner.Cand) -> bool:
    """A job noun and a name follow the candidate ("Investec economist Philip Shaw")."""
    if c.end + 1 >= len(doc):
        return False
    job = doc[c.end]
    return job.is_lower and job.lemma_.lower() in PERSON_NOUNS and ner.titled(doc[c.end + 1])


def _event_lists(doc: Doc, cands: Sequence[ner.Cand], votes: Sequence[list[Evidence]]) -> dict[int, Evidence]:
    """Candidates listed with a competition ("the Australian Open, Wimbledon in 1999 and the US Open"): by index,
    the evidence that they are competitions too."""
    root_of = {doc[c.start : c.end].root.i: k for k, c in enumerate(cands)}
    out: dict[int, Evidence] = {}
    for k, c in enumerate(cands):
        if ("EVENT", "event_suffix") not in votes[k]:
            continue
        top = doc[c.start : c.end].root
        while top.dep_ == "conj" and top.head != top:
            top = top.head
        group = [top, *(t for t in top.subtree if t.dep_ == "conj" and _conj_chain(t, top))]
        for t in group:
            other = root_of.get(t.i)
            if other is not None and other != k:
                out[other] = ("EVENT", "event_list")
    return out


def _conj_chain(t: Token, top: Token) -> bool:
    while t.dep_ == "conj" and t != top:
        t = t.head
    return t == top


def _dotted(text: str) -> bool:
    return DOTTED_INITIALISM.fullmatch(text) is not None


def _form_key(text: str) -> str:
    """What makes two name texts one form: case, and the periods of initials ("F.B.I." is "FBI")."""
    return text.replace(".", "").lower() if _dotted(text) else text.lower()


def _candidates(doc: Doc, options: EntityOptions) -> tuple[list[ner.Cand], list[bool]]:
    """Name mentions after the enabled fixes, in text order, not overlapping; and the all-caps mask."""
    caps = ner.caps_mask(doc) if options.caps else [False] * len(doc)
    cands = [ner.Cand(e.start, e.end, e.label_, ((e.label_, "spacy"),)) for e in doc.ents if e.label_ in KEPT_LABELS]
    if options.trim:
        demonyms = frozenset(e.text for e in doc.ents if e.label_ == "NORP")
        cands = [p for c in cands for p in ner.trim(doc, c, demonyms)]
    shouted: list[ner.Cand] = []
    if options.caps:
        # re-tagged from the document's own names below; the model's full person names ("By JOHN SMITH")
        # are kept as a fallback where nothing else matches
        shouted = [
            replace(c, votes=((c.label, "caps_model"),)) for c in cands if caps[c.start] and ner.full_name(doc, c)
        ]
        cands = [c for c in cands if not caps[c.start]]
    cands = ner.dedupe(cands)
    if options.second:
        cands = ner.dedupe([*cands, *Second.of(doc).missed(cands)])
    if options.shapes:
        cands = ner.shapes(doc, ner.join_formal_names(doc, cands), caps)
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
    return cands, caps


@dataclass(frozen=True, slots=True)
class TypeExample:
    """A referent before its type is decided: the character spans of its name mentions and its features (what
    ``dossier.train.entities`` fits the type model on)."""

    spans: tuple[tuple[int, int], ...]
    features: dict[str, float]


@dataclass(frozen=True, slots=True)
class _Referent:
    ks: list[int]
    evidence: list[list[Evidence]]
    features: dict[str, float]


def type_examples(doc: Doc, model: TypeModel | None, *, options: EntityOptions = EntityOptions()) -> list[TypeExample]:
    """Every referent the rules propose, with its type features (``model`` types the name forms before linking;
    None counts their evidence)."""
    cands, refs = _referents(doc, options, model)
    out = []
    for r in refs:
        spans = tuple((doc[cands[k].start].idx, doc[cands[k].end - 1].idx + len(doc[cands[k].end - 1])) for k in r.ks)
        out.append(TypeExample(spans, r.features))
    return out


def extract_entities(doc: Doc, layout: Layout, *, options: EntityOptions = EntityOptions()) -> list[Entity]:
    """One entity per referent: canonical name, aliases, every mention (names, descriptions, pronouns)."""
    model = fitted.load_model() if options.vote else None
    cands, refs = _referents(doc, options, model)
    typed = []
    for r in refs:
        label, confidence = fitted.decide(model, r.features, r.evidence)
        if label is not None and label in KEPT_LABELS:
            typed.append((r.ks, label, confidence))
    referents = [coref.Referent(label, tuple((cands[k].start, cands[k].end) for k in ks)) for ks, label, _ in typed]
    extra: dict[int, list[Mention]] = defaultdict(list)
    if options.coref:
        for i, m in coref.resolve(doc, referents):
            extra[i].append(m)
    shared = _shared_surnames(doc, cands)
    out = []
    for i, (ks, label, confidence) in enumerate(typed):
        names = [_mention(doc, cands[k]) for k in ks]
        entity = _entity(names, extra[i], label, confidence, layout, fitted=model is not None)
        full = [f"{doc[cands[k].start].text} {shared[k]}" for k in ks if k in shared]
        if full and len(entity.name.split()) == 1:
            entity = replace(entity, name=full[0])  # "Jim" of "Jim and Margaret Cuthbert" is Jim Cuthbert
        out.append(entity)
    out.sort(key=lambda e: e.mentions[0].start)
    return [replace(e, id=f"E{i + 1}") for i, e in enumerate(out)]


def _referents(doc: Doc, options: EntityOptions, model: TypeModel | None) -> tuple[list[ner.Cand], list[_Referent]]:
    """The candidates and their referents (linked name forms) with the evidence and features of each."""
    cands, caps = _candidates(doc, options)
    if not cands:
        return cands, []
    second = Second.of(doc, options.second)
    ran = options.second and second_ner.SPANS_KEY in doc.spans
    votes = [_evidence(doc, c, second) if options.vote else list(c.votes[:1]) for c in cands]

    def shape(ks: Sequence[int], ev: Sequence[Sequence[Evidence]]) -> dict[str, float]:
        out = _shape(doc, cands, ks, caps)
        if ran:  # the share of its names where the second NER saw no name at all
            out["second_none"] = sum(not any(cue.startswith("conll") for _, cue in e) for e in ev) / len(ev)
        return out

    if options.vote:
        for k, listed in _event_lists(doc, cands, votes).items():
            votes[k].append(listed)
    teams = ner.team_cues(doc, cands) if options.teams else {}
    context = _document(doc, teams)
    if options.teams:
        for k, cues in teams.items():
            c = cands[k]
            if c.label in ("GPE", "LOC", "FAC") or (
                c.label == "PERSON" and doc[c.start : c.end].text.lower() in places()
            ):
                # places that play ("Newcastle", typed a person or not); people in score tables stay people
                votes[k].extend(("ORG", f"team_{cue}") for cue in cues)
            elif ner.side_role(doc, cands[k]):
                votes[k].append(("ORG", "side_role"))  # "Surrey captain Chris Lewis", whatever the model says
    # name forms: the same text is one form; its type is decided over its occurrences
    form_of: dict[tuple[str, str], int] = {}
    form_cands: list[list[int]] = []
    for k, c in enumerate(cands):
        key = (_form_key(doc[c.start : c.end].text), "" if options.vote else c.label)
        if key not in form_of:
            form_of[key] = len(form_cands)
            form_cands.append([])
        form_cands[form_of[key]].append(k)
    shared = _shared_surnames(doc, cands)
    keep_all = replace(model, drop=2.0) if model is not None else None  # a form is typed, never dropped
    forms = []
    form_label: dict[int, str] = {}
    for ks in form_cands:
        c = cands[ks[0]]
        ev = [votes[k] for k in ks]
        label = fitted.decide(keep_all, fitted.features(ev, {**context, **shape(ks, ev)}), ev)[0] or "ORG"
        form_label.update(dict.fromkeys(ks, label))
        text = doc[c.start : c.end].text.lower()
        surname = tuple(shared[k] for k in ks[:1] if k in shared)
        forms.append(
            coref.NameForm(
                words=(*(t.text for t in doc[c.start : c.end]), *surname),
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
                    votes[k].append(("ORG", "company_prefix"))  # the short form of a company's name
        split = _split_known_surnames(doc, cands, form_cands, forms, cluster)
        for f, number in split.items():
            cluster[f] = number
            for k in form_cands[f]:
                votes[k].append(("PERSON", "split_surname"))  # the evidence that split it says a person
    members: dict[int, list[int]] = defaultdict(list)
    for f, ks in enumerate(form_cands):
        members[cluster[f]].extend(ks)
    groups = sorted((sorted(ks) for ks in members.values()), key=lambda ks: cands[ks[0]].start)
    refs = []
    for ks in groups:
        flags = []
        if options.vote and _named_person(doc, cands, ks, form_label):
            flags.append("named_person")  # "Donald Trump": a person however often a bare "Trump" reads as ORG
        if options.vote and _titled_person(doc, cands, ks):
            flags.append("titled_person")  # "President Trump"
        ev = [votes[k] for k in ks]
        refs.append(_Referent(ks, ev, fitted.features(ev, {**context, **shape(ks, ev)}, flags)))
    return cands, refs


def _shared_surnames(doc: Doc, cands: Sequence[ner.Cand]) -> dict[int, str]:
    """First names that share the surname of the full name they are joined to ("Jim and Margaret Cuthbert"): by
    candidate index, that surname."""
    out: dict[int, str] = {}
    for k in range(len(cands) - 1):
        c, nxt = cands[k], cands[k + 1]
        if (
            c.label == nxt.label == "PERSON"
            and c.end - c.start == 1
            and nxt.end - nxt.start >= 2
            and nxt.start == c.end + 1
            and doc[c.end].lower_ in ("and", "&")
            and is_first_name(doc[c.start].text)
            and doc[nxt.start].text.lower() not in places()
        ):
            out[k] = doc[nxt.end - 1].text
    return out


def _named_person(doc: Doc, cands: Sequence[ner.Cand], ks: Sequence[int], form_label: Mapping[int, str]) -> bool:
    """Whether the referent has a full personal name ("Donald Trump") whose own mentions are typed PERSON.

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
        if form_label[members[0]] == "PERSON":
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


def _entity(
    names: list[Mention], extra: list[Mention], label: str, confidence: float, layout: Layout, *, fitted: bool
) -> Entity:
    """The record: canonical name (longest mixed-case name), aliases, mentions in order, confidence (the type
    model's probability; without it, the evidence's share)."""
    mentions = sorted([*names, *extra], key=lambda m: (m.start, m.end))
    canon = max(names, key=lambda m: (not m.text.isupper(), len(m.text.split()), len(m.text), -m.start)).text
    aliases: list[str] = []
    for m in mentions:
        if m.kind != "pronoun" and m.text not in aliases:
            aliases.append(m.text)
    if not fitted:
        confidence = min(1.0, 0.5 + 0.4 * confidence + 0.05 * len(names))
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
