"""Coreference for news: names to names, and descriptions and pronouns to the entity they mean.

Two pure steps over a parsed ``Doc``:

- ``link_names`` joins the name forms of one referent: full name, surname, titled name
  ("Mr. Kim" ↔ "Kim Jong-un"), acronym ("NATO"), a shorter tail ("Internal Security Service").
- ``resolve`` attaches appositive and definite descriptions ("a former Russian spy", "the
  businessman") and third-person pronouns to the compatible, most salient preceding referent,
  scored by recency, grammatical role and mention count, with agreement (gender, number,
  person vs thing) and the binding constraint that a plain object pronoun never means the subject
  of its own clause. Precision first: when two readings score close, or the best reading is a
  person who is not a named entity ("the officer"), the pronoun stays unresolved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ...model import Mention
from .. import lexicons
from ..marks import find_marked_spans
from ..spans import doc_text
from .names import (
    HONORIFICS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PRONOUNS,
    REFLEXIVES,
    TITLE_HEADS,
    Gender,
    first_name_gender,
    initials,
    norm,
)
from .outlets import looks_like_outlet

NATIONS = {
    "u.s.": "united states",
    "us": "united states",
    "usa": "united states",
    "america": "united states",
    "uk": "united kingdom",
    "u.k.": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    "kyiv": "kiev",
}
"""Country variants that name the same place."""

THING_TYPES = lexicons.words("words_entities", list="coref.THING_TYPES")
"""Types that "it"/"its" can refer to."""

GROUP_TYPES = frozenset({"ORG", "NORP"})
"""Types that "they"/"their" can refer to."""

PLACE_NOUNS = lexicons.words("words_entities", list="coref.PLACE_NOUNS")
"""Nouns of definite descriptions of a place ("the country")."""

PLEONASTIC_HEADS = lexicons.words("words_entities", list="coref.PLEONASTIC_HEADS")
"""Verbs whose subject "it" is usually empty ("it is likely that", "it seems")."""

VAGUE_NOUNS = lexicons.words("words_entities", list="coref.VAGUE_NOUNS")
"""Description heads too vague to take the only nearby entity as their referent (places: "the country"
may be a country the text never names beside the city it does)."""

QUOTED_PENALTY = 40.0
"""Score taken off a name inside quotation marks as the referent of a pronoun outside them (the writer's
pronouns mostly mean the people the writer talks about, not the people a speaker mentions)."""

SUBJECT = frozenset({"nsubj", "nsubjpass"})
OBJECT = lexicons.words("words_entities", list="coref.OBJECT")


@dataclass(frozen=True, slots=True)
class NameForm:
    """One distinct name of the article, as ``link_names`` sees it."""

    words: tuple[str, ...]
    """The name's words as written (honorifics and "the" already removed)."""
    type: str
    first: int
    """Character offset of its first mention."""
    titled: bool = False
    """Seen after an honorific ("Mr. Kim"): a single word is then a surname."""
    place: bool = False
    """Known place name voted a place on its own: never a person's surname."""


def _key(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(w.lower() for w in words)


COMPANY_TAILS = lexicons.words("words_entities", list="coref.COMPANY_TAILS")  # fmt: skip
"""Words that end a company's full name and that the text drops later ("Circuit City Stores" -> "Circuit City")."""


def company_prefix(short: NameForm, long: NameForm) -> bool:
    """Whether ``short`` is ``long`` without the company words that end it (and is no person's titled name)."""
    s, lg = _key(short.words), _key(long.words)
    if not s or len(s) >= len(lg) or s != lg[: len(s)] or short.titled:
        return False
    if short.type == "PERSON" and first_name_gender(s[0]) is not None:
        return False  # "John Lewis Partnership" is not every John
    return all(w.strip(".") in COMPANY_TAILS for w in lg[len(s) :])


GENERATIONS = lexicons.words("words_entities", list="coref.GENERATIONS")
"""Suffixes after a surname ("Robert S. Mueller III"): a later "Mueller" is still his. Not "Jr.": beside his
father, "Trump" is the father."""

FAMILY_NAME_FIRST = lexicons.words("words_entities", list="coref.FAMILY_NAME_FIRST")  # fmt: skip
"""Family names that East Asian names put first ("Kim Jong Un", "Xi Jinping"): a later "Kim" is the surname."""


def _compatible(short: NameForm, long: NameForm) -> bool:
    """Whether ``short`` can be another name of the referent named ``long``."""
    s, lg = _key(short.words), _key(long.words)
    if long.type == "PERSON" and short.type == "PERSON" and _initialled(s, lg):
        return True  # "W. Mark Felt" = "William Mark Felt"
    if len(s) >= len(lg) or not s:
        return False
    if long.type == "PERSON":
        if short.place or short.type not in ("PERSON", "ORG", "GPE", "NORP", "LOC"):
            return False
        bare = lg[:-1] if len(lg) > 2 and lg[-1] in GENERATIONS else lg
        if s == lg[-len(s) :] or (bare is not lg and s == bare[-len(s) :]):
            return True
        asian = len(lg) >= 3 or "-" in lg[-1] or short.titled  # "Kim Jong Un", "Moon Jae-in", "President Xi"
        if len(s) == 1 and s[0] == lg[0] and s[0] in FAMILY_NAME_FIRST and asian:
            return True
        # "Mr. Kim" -> "Kim Jong-un", "Artem" -> "Artem Zinchenko" (a titled word or first name)
        return len(s) == 1 and s[0] == lg[0] and (short.titled or first_name_gender(s[0]) is not None)
    if long.type in ("ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"):
        if long.type == "ORG" and company_prefix(short, long):
            return True  # "Broadreach Networks" -> "Broadreach", whatever the model made of the short form
        if short.type == "PERSON" and not short.place:
            return False
        acronym = short.words[0].replace(".", "")
        full = list(long.words[1:] if lg[0] == "the" else long.words)  # "AP" = "The Associated Press"
        if len(s) == 1 and len(acronym) >= 2 and acronym.isupper() and acronym == initials(full).upper():
            return True
        return len(s) >= 2 and s == lg[-len(s) :]
    if long.type in ("GPE", "LOC"):
        return NATIONS.get(" ".join(s)) == " ".join(lg) or (len(s) >= 2 and s == lg[-len(s) :])
    return False


def _initialled(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two full names of one person where one spells a given name as an initial ("w. mark felt", "william mark
    felt"): same length and surname, every other word equal or an initial of the other's."""
    if len(a) != len(b) or len(a) < 2 or a == b or a[-1] != b[-1]:
        return False

    def fits(x: str, y: str) -> bool:
        return (
            x == y
            or (len(x) == 2 and x.endswith(".") and y.startswith(x[0]) and len(y) > 2)
            or (len(y) == 2 and y.endswith(".") and x.startswith(y[0]) and len(x) > 2)
        )

    return all(fits(x, y) for x, y in zip(a[:-1], b[:-1], strict=True))


def link_names(forms: Sequence[NameForm]) -> list[int]:
    """A cluster number per name form: forms with one number name one referent.

    Longer names are placed first; a shorter form joins a longer compatible one, and when
    several fit (two Bushes) the one mentioned last before it, else the first after it.
    """
    order = sorted(range(len(forms)), key=lambda i: (-len(forms[i].words), forms[i].first))
    cluster = [-1] * len(forms)
    heads: list[int] = []  # the longest form of each cluster
    for i in order:
        f = forms[i]
        nation = NATIONS.get(" ".join(_key(f.words)))
        fits = [
            c
            for c, h in enumerate(heads)
            if _compatible(f, forms[h]) or (nation is not None and nation == " ".join(_key(forms[h].words)))
        ]
        if not fits:
            cluster[i] = len(heads)
            heads.append(i)
            continue
        before = [c for c in fits if forms[heads[c]].first <= f.first]
        cluster[i] = (
            max(before, key=lambda c: forms[heads[c]].first)
            if before
            else min(fits, key=lambda c: forms[heads[c]].first)
        )
    return cluster


@dataclass(slots=True)
class Referent:
    """What pronoun and description resolution knows of one entity (filled in as it goes)."""

    type: str
    spans: tuple[tuple[int, int], ...]
    """Token spans of its name mentions."""
    gender: Gender | None = None
    descriptors: set[str] = field(default_factory=set)
    """Lemmas of nouns that described it ("spy", "businessman")."""


@dataclass(frozen=True, slots=True)
class _Event:
    """A mention seen so far: where, of whom (-1: a person or group that is no entity), in what role."""

    token: int
    sent: int
    ref: int
    dep: str
    head: int
    is_name: bool
    gender: Gender | None = None
    plural: bool = False
    type: str = "PERSON"
    quoted: bool = False
    """Inside quotation marks: someone else's words."""


def _base_np(doc: Doc, head: Token) -> tuple[int, int]:
    """Token span of a noun phrase up to its head: determiner, adjectives, compounds — no clauses."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in ("det", "amod", "compound", "nummod", "advmod", "nmod", "poss", "case", "predet"):
            start = min(start, child.left_edge.i)
    while start < head.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start, head.i + 1


def _init_referents(doc: Doc, refs: Sequence[Referent]) -> list[tuple[int, int, int]]:
    """Genders and descriptors from titles, first names and appositives; returns (ref, start, end) of
    appositive and predicate descriptions as nominal mentions."""
    nominals: list[tuple[int, int, int]] = []
    for r, ref in enumerate(refs):
        for s, e in ref.spans:
            if ref.type == "PERSON" and ref.gender is None:
                # "Mr." says male; "Chancellor" says nothing, so the first name still may
                if s > 0 and norm(doc[s - 1].text) in HONORIFICS:
                    ref.gender = HONORIFICS[norm(doc[s - 1].text)]
                if ref.gender is None and e - s >= 2:
                    ref.gender = first_name_gender(doc[s].text)
            root = doc[s:e].root
            nouns = PERSON_NOUNS if ref.type == "PERSON" else ORG_NOUNS
            # "Zinchenko, a former spy" and "the chief executive, Tim Cook": the noun describes the name
            described = [c for c in root.children if c.dep_ == "appos"]
            if root.dep_ == "appos":
                described.append(root.head)
            for noun in described:
                if noun.pos_ != "NOUN" or noun.lemma_.lower() not in nouns or noun.tag_ in ("NNS", "NNPS"):
                    continue
                if any(c.dep_ == "poss" and c.tag_ in ("PRP$", "WP$") for c in noun.lefts):
                    continue  # "Smith, whose lawyer", "his lawyer": someone else
                ref.descriptors.add(noun.lemma_.lower())
                a, b = _base_np(doc, noun)
                nominals.append((r, a, b))
            if s > 0 and (doc[s - 1].lemma_.lower() in nouns or norm(doc[s - 1].text) in TITLE_HEADS):
                # "businessman Raivo Susu", "First Minister Jack McConnell" -> "the first minister"
                ref.descriptors.add(doc[s - 1].lemma_.lower())
            if root.dep_ in SUBJECT and root.head.lemma_ == "be":
                for child in root.head.children:
                    if child.dep_ == "attr" and child.pos_ == "NOUN" and child.lemma_.lower() in nouns:
                        ref.descriptors.add(child.lemma_.lower())
                        a, b = _base_np(doc, child)
                        nominals.append((r, a, b))
            if ref.type == "PERSON" and ref.gender is None:
                for d in ref.descriptors:
                    ref.gender = ref.gender or PERSON_NOUNS.get(d)
    return nominals


def _pronoun_ok(tok: Token) -> bool:
    """A third-person pronoun worth resolving (not an empty "it")."""
    low = tok.lower_
    if low not in PRONOUNS or tok.tag_ not in ("PRP", "PRP$"):
        return False
    # an object "it" ("do it") and the subject of "it is/seems" rarely name an entity
    if low == "it" and any(c.dep_ == "acomp" for c in tok.head.children):
        return False  # "it has become clear that ..."
    return not (low == "it" and (tok.dep_ not in SUBJECT or tok.head.lemma_ in PLEONASTIC_HEADS))


def _agrees(tok: Token, ev: _Event, refs: Sequence[Referent]) -> bool:
    """Gender, number and person/thing agreement of a pronoun with a mention."""
    gender, plural = PRONOUNS[tok.lower_]
    if ev.ref < 0:
        if plural:
            return ev.plural
        if ev.type == "THING":
            return tok.lower_ in ("it", "its", "itself")
        return ev.type == "PERSON" and not ev.plural and (gender is None or ev.gender in (None, gender))
    ref = refs[ev.ref]
    if plural:
        return ref.type in GROUP_TYPES
    if tok.lower_ in ("it", "itself"):
        # "it" means a thing that was a subject ("Russia said it would"), not any noun before it
        return ref.type in THING_TYPES and ev.dep in SUBJECT
    if tok.lower_ == "its":
        return ref.type in THING_TYPES
    return ref.type == "PERSON" and ref.gender in (None, gender)


def _score(
    tok: Token, tsent: int, ev: _Event, refs: Sequence[Referent], counts: Sequence[int], quoted: bool = False
) -> float | None:
    """How likely the pronoun means this mention's referent, or None when it cannot."""
    if not _agrees(tok, ev, refs):
        return None
    reflexive = tok.lower_ in REFLEXIVES
    same_clause = ev.head == tok.head.i and ev.dep in SUBJECT
    if reflexive:
        return 200.0 if same_clause else None
    if same_clause and tok.dep_ in OBJECT:
        return None  # "Zinchenko saw him": him is not Zinchenko
    dist = tsent - ev.sent
    score = 100.0 - 30.0 * dist
    doc = tok.doc
    cited = ev.dep == "pobj" and doc[ev.head].lower_ == "to" and ev.head > 0 and doc[ev.head - 1].lower_ == "according"
    if ev.dep in SUBJECT or cited:  # "according to X" names the one speaking, as a subject does
        score += 35.0
        if tok.dep_ in SUBJECT:
            score += 15.0
    elif ev.dep in OBJECT:
        score += 15.0
    elif ev.dep == "poss":
        score += 5.0
    if ev.is_name:
        score += 5.0
    if dist == 0 and tok.i - ev.token <= 8:
        score += 15.0  # "Yukos, its personnel": the name just before
    if ev.ref >= 0:
        score += min(20.0, 4.0 * counts[ev.ref])
    if ev.quoted and not quoted:
        score -= QUOTED_PENALTY  # "“… Obama doesn't understand,” he said": he is the speaker, not Obama
    return score


def resolve(doc: Doc, refs: Sequence[Referent], *, window: int = 2, margin: float = 15.0) -> list[tuple[int, Mention]]:
    """Description and pronoun mentions of ``refs`` (index into ``refs``, mention), in text order."""
    sent_of = [0] * len(doc)
    for k, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            sent_of[i] = k
    out: list[tuple[int, Mention]] = []
    in_name = [False] * len(doc)
    starts: dict[int, list[tuple[int, int]]] = {}
    for r, ref in enumerate(refs):
        for s, e in ref.spans:
            starts.setdefault(s, []).append((r, e))
            for i in range(s, e):
                in_name[i] = True
    nominal_at: dict[int, tuple[int, int]] = {}
    for r, a, b in _init_referents(doc, refs):
        nominal_at[b - 1] = (r, a)
    history: list[_Event] = []
    counts = [0] * len(refs)
    quoted = _quoted_tokens(doc)

    def add(ref: int, tok: Token, is_name: bool, **kw: object) -> None:
        kw["quoted"] = quoted[tok.i]
        history.append(
            _Event(tok.i, sent_of[tok.i], ref, tok.dep_, tok.head.i, is_name, **kw)  # type: ignore[arg-type]
        )
        if ref >= 0:
            counts[ref] += 1

    for tok in doc:
        i = tok.i
        for r, e in starts.get(i, ()):
            add(r, doc[i:e].root, True)
        if in_name[i]:
            continue
        if i in nominal_at:
            r, a = nominal_at[i]
            out.append((r, _mention(doc, a, i + 1, "nominal")))
            add(r, tok, False)
            continue
        if tok.pos_ == "NOUN" or _capital_title(tok) or _age_description(tok):
            meant = _definite(doc, tok, refs, history, sent_of)
            if meant is not None:
                a, b = _base_np(doc, tok)
                out.append((meant, _mention(doc, a, b, "nominal")))
                add(meant, tok, False)
            elif tok.lemma_.lower() in PERSON_NOUNS or tok.tag_ == "NNS":
                add(-1, tok, False, gender=PERSON_NOUNS.get(tok.lemma_.lower()), plural=tok.tag_ == "NNS")
            elif _thing_subject(tok):
                add(-1, tok, False, type="THING")  # "the directive … it must": no entity, so "it" stays unresolved
            continue
        if not _pronoun_ok(tok):
            continue
        tsent = sent_of[i]
        if PRONOUNS[tok.lower_][1]:
            # "they": only the nearest plural-compatible mention, and only if it is an entity
            near = next((ev for ev in reversed(history) if _agrees(tok, ev, refs) or ev.plural), None)
            if near is not None and near.ref >= 0 and near.dep in SUBJECT and tsent - near.sent <= 1:
                out.append((near.ref, _mention(doc, i, i + 1, "pronoun")))
                add(near.ref, tok, False)
            continue
        limit = window if PRONOUNS[tok.lower_][0] else 1
        best: dict[int, float] = {}
        for ev in reversed(history):
            if tsent - ev.sent > limit:
                break
            sc = _score(tok, tsent, ev, refs, counts, quoted[i])
            if sc is not None and sc > best.get(ev.ref, -1e9):
                best[ev.ref] = sc
        if not best:
            continue
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        top_ref, top = ranked[0]
        if top_ref < 0 or (len(ranked) > 1 and top - ranked[1][1] < margin):
            continue
        gender = PRONOUNS[tok.lower_][0]
        if refs[top_ref].type == "PERSON" and refs[top_ref].gender is None and gender:
            refs[top_ref].gender = gender
        out.append((top_ref, _mention(doc, i, i + 1, "pronoun")))
        add(top_ref, tok, False)
    return out


KIND_NOUNS = lexicons.words("words_entities", list="coref.KIND_NOUNS")  # fmt: skip
"""Organization nouns that say what kind of organization: "the charity" needs a charity, not any company."""

_MEDIA_KINDS = lexicons.words("words_entities", list="coref._MEDIA_KINDS")


def _of_kind(doc: Doc, ref: Referent, lemma: str) -> bool:
    """Whether a referent is of the kind a description names: described so, or so named ("Barclays Bank")."""
    if lemma in ref.descriptors:
        return True
    names = {doc[s:e].text.lower() for s, e in ref.spans}
    if any(lemma in n.split() for n in names):
        return True
    return lemma in _MEDIA_KINDS and any(looks_like_outlet(doc[s:e].text) for s, e in ref.spans)


THING_TIME_NOUNS = lexicons.words("words_entities", list="coref.THING_TIME_NOUNS")


def _thing_subject(tok: Token) -> bool:
    """A definite common noun subject that names no entity ("the directive", "the bill"): a thing "it" may mean."""
    lemma = tok.lemma_.lower()
    if tok.tag_ != "NN" or tok.dep_ not in SUBJECT or lemma in THING_TIME_NOUNS:
        return False
    if lemma in ORG_NOUNS or lemma in PLACE_NOUNS or lemma in PERSON_NOUNS or lemma in TITLE_HEADS:
        return False
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.lefts)


def _employer(doc: Doc, ev: _Event) -> bool:
    """A mention that only says where someone works ("an analyst at Dresdner Kleinwort"): not what the story's
    "the company" means."""
    if ev.dep != "pobj":
        return False
    prep = doc[ev.head]
    return prep.lower_ in ("at", "for", "with", "of") and prep.head.lemma_.lower() in PERSON_NOUNS


def _age_description(tok: Token) -> bool:
    """ "the (confident) 23-year-old": news's way of naming again someone just introduced."""
    return tok.lower_ == "old" and any(c.lower_ in ("year", "years") for c in tok.lefts) and tok.dep_ in (
        "nsubj", "nsubjpass", "dobj", "pobj", "appos", "attr"
    )  # fmt: skip


def _capital_title(tok: Token) -> bool:
    """A capitalized title used as a description ("the Chancellor", "the Home Secretary")."""
    lemma = tok.lower_
    return tok.pos_ == "PROPN" and tok.tag_ == "NNP" and (lemma in TITLE_HEADS or lemma in PERSON_NOUNS)


def _quoted_tokens(doc: Doc) -> list[bool]:
    """Per token: whether it lies inside quotation marks."""
    out = [False] * len(doc)
    for m in find_marked_spans(doc_text(doc)):
        span = doc.char_span(m.start, m.end, alignment_mode="expand") if m.end > m.start else None
        if span is not None:
            out[span.start : span.end] = [True] * len(span)
    return out


def _definite(
    doc: Doc, tok: Token, refs: Sequence[Referent], history: Sequence[_Event], sent_of: Sequence[int]
) -> int | None:
    """The referent a definite description ("the former spy", "the agency") means, if one clearly fits."""
    titled = _capital_title(tok)
    aged = _age_description(tok)
    if (tok.tag_ != "NN" and not titled and not aged) or not any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.lefts
    ):
        return None
    if any(c.dep_ in ("prep", "relcl", "acl") for c in tok.rights):
        return None  # "the leader of X", "the country that ...": a new or restricted referent
    if aged:  # "the 23-year-old": the one person just mentioned
        near_people = {
            ev.ref for ev in history if ev.ref >= 0 and refs[ev.ref].type == "PERSON" and sent_of[tok.i] - ev.sent <= 1
        }
        return near_people.pop() if len(near_people) == 1 else None
    lemma = tok.lemma_.lower()
    if lemma in PERSON_NOUNS or lemma in TITLE_HEADS:
        types: frozenset[str] = frozenset({"PERSON"})
    elif lemma in ORG_NOUNS:
        types = frozenset({"ORG"})
    elif lemma in PLACE_NOUNS:
        types = frozenset({"GPE"})
    else:
        return None
    for ev in reversed(history):
        if ev.ref >= 0 and lemma in refs[ev.ref].descriptors:
            return ev.ref
        if ev.ref < 0 and doc[ev.token].lemma_.lower() == lemma:
            return None  # "a police officer ... the officer": the description's own antecedent, no entity
    if titled or (lemma not in PERSON_NOUNS and lemma not in ORG_NOUNS and lemma not in PLACE_NOUNS):
        return None  # "the Chancellor", "the archbishop": only someone introduced with that title
    if any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.lefts):
        return None  # "the Yahoo News reporter": someone else, named by their employer
    if lemma in VAGUE_NOUNS or lemma in PLACE_NOUNS:
        return None  # "the government", "the country": often someone or somewhere the text never names
    near = {
        ev.ref
        for ev in history
        if ev.ref >= 0 and refs[ev.ref].type in types and sent_of[tok.i] - ev.sent <= 1 and not _employer(doc, ev)
    }
    if lemma in KIND_NOUNS:  # "the charity" is not Apple, "the newspaper" not any organization nearby
        near = {r for r in near if _of_kind(doc, refs[r], lemma)}
    gender = PERSON_NOUNS.get(lemma)
    near = {r for r in near if gender is None or refs[r].gender in (None, gender)}
    if not near and lemma in ("company", "firm"):
        return _main_company(doc, refs, history)
    return near.pop() if len(near) == 1 else None


def _main_company(doc: Doc, refs: Sequence[Referent], history: Sequence[_Event]) -> int | None:
    """ "The company said …" far from any name: the organization the story is about, when one clearly leads
    (named at least twice, and more often than any other), not a firm only named as someone's employer."""
    counts: dict[int, int] = {}
    for ev in history:
        if ev.ref >= 0 and ev.is_name and refs[ev.ref].type == "ORG" and not _employer(doc, ev):
            counts[ev.ref] = counts.get(ev.ref, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] >= ranked[0][1]):
        return None
    return ranked[0][0]


def _mention(doc: Doc, start: int, end: int, kind: str) -> Mention:
    """A Mention over tokens ``[start, end)`` with exact character offsets."""
    span = doc[start:end]
    return Mention(span.start_char, span.end_char, span.text, kind)
