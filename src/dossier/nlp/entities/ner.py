"""Name mentions: the base model's entities corrected for news, as token-span candidates.

Each function is one fix that ``entities.EntityOptions`` can switch off (see ``entities``): spans
trimmed and split, all-caps lines re-tagged, outlet and organization shapes, missed persons, names
propagated through the document, sides in a match. Candidates carry votes for their type; the
entities stage tallies them per referent.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from .. import lexicons
from .names import (
    HONORIFICS,
    ORG_SUFFIXES,
    OUTLET_WORDS,
    PERSON_NOUNS,
    PERSONAL_TITLES,
    PLACE_PREFIXES,
    TITLE_HEADS,
    countries,
    gazetteer,
    initials,
    is_first_name,
    norm,
    places,
    words,
)
from .outlets import is_known

NUMBERLESS = lexicons.words("words_entities", list="ner.NUMBERLESS")
"""Labels whose names do not end in a number: a trailing number is a score or a count."""


TITLED_THE = lexicons.words("words_entities", list="ner.TITLED_THE")
"""Labels whose names may begin with a capital "The" ("The Nation View", "The Crying Game")."""


DASHES = lexicons.words("words_entities", list="ner.DASHES")
"""Separators that end a name when they stand apart from it."""


OUTLET_CUES = (("reported", "by"), ("according", "to"), ("source", ":"), ("sources", ":"), ("interview", "with"))
"""Word pairs after which a capitalized run names an outlet or organization."""


JOB_AT = lexicons.words("words_entities", list="ner.JOB_AT")
"""Nouns followed by "at"/"for" and the outlet someone works for."""


MATCH_VERBS = words(
    "beat defeat draw lose thrash edge overcome rout trounce outplay upset down hammer crush "
    "overpower outscore eliminate tie"
)
"""Verbs whose subject and object are sides of a match."""

MATCH_NOUNS = words(
    "match game fixture tie clash victory win defeat draw loss final semi-final quarter-final replay derby "
    "encounter showdown triumph"
)
"""Nouns whose "against"/"over"/"with" object is a side ("their match against Nottinghamshire")."""

SIDE_ROLES = words(
    "captain skipper coach manager striker midfielder defender goalkeeper keeper winger forward batsman bowler "
    "opener spinner all-rounder wicketkeeper quarterback pitcher teammate chairman squad"
)
"""Nouns a side's name modifies ("Surrey captain Chris Lewis"); people have no captains."""

TIME_ZONES = lexicons.words("words_entities", list="ner.TIME_ZONES")
"""Time-zone abbreviations ("1300 GMT"): units of time that the model takes for organizations; never names."""

EVENT_SUFFIXES = lexicons.words("words_entities", list="ner.EVENT_SUFFIXES")
"""Last words that make a name a competition ("Hopman Cup", "US Open", "Grand Slams"): evidence for EVENT."""

BROADCAST_WORDS = lexicons.words("words_entities", list="ner.BROADCAST_WORDS")
"""Words of a broadcaster's name that a number or a place after them continues ("BBC Radio 4", "BBC Radio
Scotland"): the number is no score, the place no separate name."""

GOVERNMENT_BODIES = lexicons.words("words_entities", list="ner.GOVERNMENT_BODIES")
"""Capitalized after a nationality, a government body ("Scottish Executive", "Welsh Assembly"): the model tags the
nationality alone."""

PARTY_WORDS = words("labour snp ukip dup uup sdlp bnp tory conservative plaid")
"""One-word party names that open a modifier run ("SNP Holyrood leader", "Labour Commons group"): the party is a
name of its own, the rest another."""

PORTFOLIOS = words(
    "home foreign health education culture environment transport trade shadow interior justice defence defense "
    "energy agriculture finance housing communities"
)
"""Words a model may type as names when they open a minister's title ("Home Secretary", "Health Minister")."""


@dataclass(frozen=True, slots=True)
class Cand:
    """A candidate name mention over tokens ``[start, end)`` with the evidence for its type: (label, cue) pairs,
    the cue naming the rule that saw it ("spacy" for the base model's own label)."""

    start: int
    end: int
    label: str
    votes: tuple[tuple[str, str], ...]


def titled(t: Token) -> bool:
    """A capitalized word: a name's word ("Zinchenko", "IL", "O'Neill")."""
    return t.text[:1].isupper() and any(ch.isalpha() for ch in t.text)


def caps_mask(doc: Doc) -> list[bool]:
    """Per token: it sits on an all-caps line (headline, dateline, shouted table row)."""
    mask = [False] * len(doc)
    line: list[int] = []

    def close() -> None:
        words = [doc[i] for i in line if doc[i].is_alpha and len(doc[i]) > 1]
        if words and sum(w.is_upper for w in words) >= 0.75 * len(words):
            for i in line:
                mask[i] = True
        line.clear()

    for t in doc:
        if "\n" in t.text:
            close()
            continue
        line.append(t.i)
        if "\n" in t.whitespace_:
            close()
    close()
    return mask


def trim(doc: Doc, c: Cand, demonyms: frozenset[str] = frozenset()) -> list[Cand]:
    """Split at line breaks and free-standing separators, then strip what is not part of the name.

    ``demonyms`` are words the model tagged NORP somewhere in the document: one that opens a person's
    name ("American Oliver McCall") is split off as its own NORP mention.
    """
    pieces: list[tuple[int, int]] = []
    cur = c.start
    for i in range(c.start, c.end):
        t = doc[i]
        free = (
            t.text in DASHES
            and (t.whitespace_ or t.text in "()[]")
            and (i == 0 or doc[i - 1].whitespace_ or t.text in "()[]")
        )
        numeric = c.label in NUMBERLESS and _counted(doc, c.start, i)
        # "Trump and Pelosi" read as one title: two names
        pair = c.label == "WORK_OF_ART" and c.end - c.start == 3 and i == c.start + 1 and titled(doc[c.end - 1])
        joint = (
            t.lower_ in ("'s", "’s")
            or (c.label == "PERSON" and t.lower_ in ("and", "&", "or"))
            or (pair and t.lower_ in ("and", "&"))
        )
        if "\n" in t.text or free or numeric or joint:
            pieces.append((cur, i))
            cur = i + 1
        elif "\n" in t.whitespace_:
            pieces.append((cur, i + 1))
            cur = i + 1
    pieces.append((cur, c.end))
    out = []
    for a, b in pieces:
        while a < b and (doc[a].lower_ in ("the", "a", "an") or doc[a].is_punct or doc[a].is_space):
            if doc[a].text == "The" and not doc[a].is_sent_start and c.label in TITLED_THE and b - a > 2:
                break  # "at The Nation View": a capital "The" inside a sentence belongs to the name
            a += 1
        if b - a >= 2 and _opening_participle(doc, a):
            a += 1  # "Injured Chelsea striker …", "Following Mr Straw's visit": the sentence's first word
        if b - a >= 2 and norm(doc[a].text) in PERSONAL_TITLES and titled(doc[a + 1]):
            a += 1  # "Ms Diemont" typed ORG by the model: a personal title makes it a person
            c = replace(c, label="PERSON", votes=(*c.votes, ("PERSON", "title_in_span")))
        if c.label == "PERSON" and b - a >= 2 and _demonym(doc[a], demonyms):
            out.append(Cand(a, a + 1, "NORP", (("NORP", "demonym"),)))
            a += 1
        if c.label == "PERSON":
            while a < b - 1 and norm(doc[a].text) in HONORIFICS and (doc[a].text.endswith(".") or titled(doc[a])):
                if norm(doc[a].text) not in TITLE_HEADS and norm(doc[a + 1].text) not in HONORIFICS:
                    break
                a += 1
            a = _after_title(doc, a, b)
        while b > a and (
            doc[b - 1].is_punct
            or doc[b - 1].is_space
            or doc[b - 1].lower_ in ("'s", "’s", "'", "’")
            # "Interfax news agency", "Guangdong province" (but not "Kim Jong-un")
            or (doc[b - 1].is_lower and c.label in NUMBERLESS and b - 2 >= a and bool(doc[b - 2].whitespace_))
            or (c.label in NUMBERLESS and _counted(doc, a, b - 1))
        ):
            b -= 1
        if b - a == 1 and doc[a].is_upper and doc[a].lower_ in TIME_ZONES:
            continue  # "1300 GMT": a unit of time, not a name
        if _party_before_name(doc, a, b):
            out.append(replace(c, start=a, end=a + 1, label="ORG"))  # "[SNP] [Holyrood] leader": two names
            a += 1
        if b - a == 1 and norm(doc[a].text) in HONORIFICS:
            continue  # a title alone ("Mr") names no one
        if b - a == 1 and doc[a].lower_ in PORTFOLIOS and b < len(doc) and norm(doc[b].text) in TITLE_HEADS:
            continue  # "Home" of "Home Secretary Charles Clarke": part of a title, not a name
        if a < b and any(titled(doc[i]) for i in range(a, b)):
            out.append(replace(c, start=a, end=b))
    return out


def _party_before_name(doc: Doc, a: int, b: int) -> bool:
    """``[a, b)`` is a one-word party and another name, used together as a modifier ("SNP Holyrood leader")."""
    if b - a != 2 or b >= len(doc) or doc[a].lower_ not in PARTY_WORDS:
        return False
    rest = doc[a + 1]
    return (
        titled(rest)
        and norm(rest.text) not in ORG_SUFFIXES | OUTLET_WORDS
        and doc[b].is_lower
        and doc[b].pos_ == "NOUN"
    )


def _counted(doc: Doc, start: int, i: int) -> bool:
    """Token ``i`` is a number that counts or scores, not a part of the name ("Radio 4" is a station's name)."""
    t = doc[i]
    named = i > start and norm(doc[i - 1].text) in BROADCAST_WORDS
    return t.like_num and any(ch.isdigit() for ch in t.text) and not named


TITLE_WORDS = lexicons.words("words_entities", list="ner.TITLE_WORDS")  # fmt: skip
"""Words before a name that describe the person and are no part of the name ("Commissioner Olli Rehn")."""


def _after_title(doc: Doc, a: int, b: int) -> int:
    """Where a person's name starts when a title run sits inside the span ("Economic Commissioner Olli Rehn",
    "Welshman Ray Reardon"): after its last title word, when capitalized words follow it."""
    cut = max((i for i in range(a, b - 1) if norm(doc[i].text) in TITLE_HEADS | TITLE_WORDS), default=None)
    if cut is None or not all(titled(doc[j]) or doc[j].text.endswith(".") for j in range(cut + 1, b)):
        return a
    return cut + 1


def _opening_participle(doc: Doc, i: int) -> bool:
    """A participle capitalized only because it opens the sentence, glued by the model to the name after it."""
    t = doc[i]
    first = t.is_sent_start or (i > 0 and "\n" in doc[i - 1].text + doc[i - 1].whitespace_)
    return first and t.tag_ in ("VBG", "VBN", "VBD") and t.text[:1].isupper() and titled(doc[i + 1])


def _demonym(t: Token, demonyms: frozenset[str]) -> bool:
    """A nationality word before a name ("American Oliver McCall"), not a first name."""
    return not is_first_name(t.text) and (t.text in demonyms or (t.pos_ == "ADJ" and titled(t)))


def covered(doc: Doc, cands: Iterable[Cand]) -> list[int]:
    """Per token: index+1 of the candidate covering it, 0 when none."""
    cov = [0] * len(doc)
    for k, c in enumerate(cands):
        for i in range(c.start, c.end):
            cov[i] = k + 1
    return cov


def run_after(doc: Doc, j: int, cov: Sequence[int], limit: int = 5) -> int:
    """End of the run of capitalized, uncovered words starting at ``j`` (at most ``limit``)."""
    k = j
    while k < len(doc) and k - j < limit and titled(doc[k]) and not cov[k] and "\n" not in doc[k].whitespace_:
        k += 1
    return k


def shapes(doc: Doc, cands: list[Cand], caps: Sequence[bool]) -> list[Cand]:
    """'St.' prefixes, organization/outlet suffixes, outlets named after a cue."""
    cov = covered(doc, cands)
    out: list[Cand] = []
    for k, c in enumerate(cands):
        s, e, label, votes = c.start, c.end, c.label, c.votes
        if s > 0 and not cov[s - 1] and doc[s - 1].text.lower() in PLACE_PREFIXES and titled(doc[s - 1]):
            s -= 1
        # "Daily Telegraph", "Sunday Times": the model keeps the paper's last word only
        if s > 0 and not cov[s - 1] and titled(doc[s - 1]) and is_known(doc[s - 1 : e].text):
            s -= 1
            label = "ORG"
            votes = (*votes, ("ORG", "known_outlet"))
        # the run after the name may end in an organization word, possibly through an adjacent name
        stop = run_after(doc, e, cov)
        if stop < len(doc) and cov[stop] and cov[stop] != k + 1 and stop - e < 4:
            stop = cands[cov[stop] - 1].end  # "St. Petersburg" + "Polytechnic University"
        last = max(
            (i for i in range(e, stop) if norm(doc[i].text) in ORG_SUFFIXES | OUTLET_WORDS and titled(doc[i])),
            default=-1,
        )
        if last >= e and not caps[s]:
            e = last + 1
            label = "ORG"
            votes = (*votes, ("ORG", "org_run"))
        elif label == "NORP" and e - s == 1 and _event_word(doc, e, cov) and not caps[s]:
            e += 1  # "Canadian Open": a nationality and a competition
            label = "EVENT"
            votes = (("EVENT", "event_run"),)
        elif label == "NORP" and e - s == 1 and _body_after(doc, e, cov):
            e += 1  # "Scottish Executive": a nationality and a government body
            label = "ORG"
            votes = (("ORG", "government_body"),)
        elif norm(doc[e - 1].text) in BROADCAST_WORDS and e < len(doc) and not caps[s] and _station(doc, e, cands, cov):
            e = cands[cov[e] - 1].end if cov[e] else e + 1  # "BBC Radio" + "Scotland"/"4": one station
            label = "ORG"
            votes = (*votes, ("ORG", "station"))
        out.append(Cand(s, e, label, votes))
    out = dedupe([*out, *_event_runs(doc, covered(doc, dedupe(out)), caps)])
    cov = covered(doc, out)
    for t in doc[:-2]:
        cue = (t.lower_, doc[t.i + 1].lower_)
        j = t.i + 2 if cue in OUTLET_CUES else -1
        if t.lower_ in JOB_AT and doc[t.i + 1].lower_ in ("at", "for"):
            j = t.i + 2
        if j < 0 or j >= len(doc) or norm(doc[j].text) in HONORIFICS:
            continue
        # "according to" and "interview with" name people as often as outlets: only outlet-shaped runs
        sure = cue not in (("according", "to"), ("interview", "with"))
        stop = run_after(doc, j, cov)
        shaped = stop > j and (doc[j].text == "The" or norm(doc[stop - 1].text) in OUTLET_WORDS | ORG_SUFFIXES)
        if stop > j and not (stop - j == 1 and doc[j].lower_ == "the") and (sure or shaped):
            out.append(Cand(j, stop, "ORG", (("ORG", "outlet_cue"),)))
        elif cov[j]:
            c = out[cov[j] - 1]
            if sure or norm(doc[c.end - 1].text) in OUTLET_WORDS:
                out[cov[j] - 1] = replace(c, votes=(*c.votes, ("ORG", "outlet_cue")))
    # "the Yahoo News reporter": a capitalized run before a newsroom job is an outlet
    for t in doc:
        if t.lower_ in JOB_AT and t.i > 0 and cov[t.i - 1]:
            c = out[cov[t.i - 1] - 1]
            if c.end == t.i:
                out[cov[t.i - 1] - 1] = replace(c, votes=(*c.votes, ("ORG", "newsroom_job")))
    return dedupe(out)


def _event_word(doc: Doc, i: int, cov: Sequence[int]) -> bool:
    """A capitalized competition word, free of other names, at ``i`` ("Open", "Cup", "Slams")."""
    return i < len(doc) and not cov[i] and norm(doc[i].text) in EVENT_SUFFIXES and titled(doc[i])


def _event_runs(doc: Doc, cov: Sequence[int], caps: Sequence[bool]) -> list[Cand]:
    """Competitions the model missed: two or more capitalized words, none in another name, ending in a
    competition word ("Grand Slams", "Hopman Cup"), not on an all-caps line nor opening a sentence nor with "The"."""
    out = []
    for t in doc:
        if not _event_word(doc, t.i, cov) or caps[t.i]:
            continue
        a = t.i
        while a > 0 and a - t.i > -4 and titled(doc[a - 1]) and not cov[a - 1] and "\n" not in doc[a - 1].whitespace_:
            a -= 1
        if doc[a].is_sent_start and a < t.i:
            a += 1  # "Yesterday Davis Cup ..." would take the sentence's first word
        if t.i - a >= 1 and doc[a].text != "The":  # a capital "The" opens a title: "The Hunger Games"
            out.append(Cand(a, t.i + 1, "EVENT", (("EVENT", "event_run"),)))
    return out


def _body_after(doc: Doc, i: int, cov: Sequence[int]) -> bool:
    """A capitalized government-body word, free of other names, at ``i``."""
    return i < len(doc) and not cov[i] and norm(doc[i].text) in GOVERNMENT_BODIES and titled(doc[i])


def _station(doc: Doc, i: int, cands: Sequence[Cand], cov: Sequence[int]) -> bool:
    """What follows a broadcaster's word continues its name: a number, or a one-word place on the same line."""
    if "\n" in doc[i - 1].whitespace_ or not doc[i - 1].whitespace_:
        return False
    t = doc[i]
    if not cov[i]:
        return (t.like_num and any(ch.isdigit() for ch in t.text)) or (titled(t) and t.lower_ in places())
    c = cands[cov[i] - 1]
    return c.start == i and c.end - c.start == 1 and c.label in ("GPE", "LOC")


def join_formal_names(doc: Doc, cands: Sequence[Cand]) -> list[Cand]:
    """A formal name the model cut before its place ("[Organization for Security and Cooperation] in [Europe]"):
    an organization's name with "for" or "on" in it, then "in" and a place, is one name when the place is a region
    of the world or the text uses the initials of the whole ("OSCE")."""
    acronyms = {t.text for t in doc if t.is_upper and len(t.text) >= 3}
    out: list[Cand] = []
    skip = -1
    for k, c in enumerate(cands):
        if k == skip:
            continue
        nxt = cands[k + 1] if k + 1 < len(cands) else None
        if nxt is not None and c.label == "ORG" and nxt.start == c.end + 1 and doc[c.end].lower_ == "in":
            words = [t.text for t in doc[c.start : nxt.end]]
            formal = any(doc[i].lower_ in ("for", "on") for i in range(c.start + 1, c.end - 1))
            region = gazetteer().get(doc[nxt.start : nxt.end].text.lower(), ("", ""))[1] == "region"
            if formal and (region or initials(words) in acronyms):
                out.append(Cand(c.start, nxt.end, "ORG", (*c.votes, ("ORG", "formal_name"))))
                skip = k + 1
                continue
        out.append(c)
    return out


def is_title_before(doc: Doc, i: int) -> bool:
    """A title word ("Mr.", "Gen.", "President") stands right before token ``i``."""
    return i > 0 and norm(doc[i - 1].text) in TITLE_HEADS and titled(doc[i - 1])


def person_noun_appos(t: Token) -> bool:
    """The token has an appositive person noun: "Zinchenko, a former spy"."""
    return any(c.dep_ == "appos" and c.lemma_.lower() in PERSON_NOUNS for c in t.children)


def extend_first_names(doc: Doc, c: Cand, caps: Sequence[bool], cov: Sequence[int]) -> Cand:
    """A person's name the model cut after the first name ("Artem [Zinchenko]") is extended leftward
    (and rightward after a first name) over words no other candidate (``cov``) holds."""
    s = c.start
    while c.label == "PERSON" and s > 0 and c.end - s < 4 and not caps[s - 1] and not cov[s - 1]:
        t = doc[s - 1]
        known = is_first_name(t.text) or (len(t.text) == 2 and t.text[1] == "." and t.text[0].isupper())
        common = t.is_sent_start or t.lower_ in PERSON_NOUNS or t.is_stop
        if not (known or (t.pos_ == "PROPN" and titled(t) and not common)):
            break  # "Actor Bruce Willis" stays "Bruce Willis"; "P. Simmons" takes its initial
        if (
            norm(t.text) in HONORIFICS
            or norm(t.text) in TITLE_WORDS
            or t.text.lower() in places()
            or "\n" in t.whitespace_
        ):
            break
        s -= 1
    e = c.end
    # "[Dirk] Medved": a first name the model ended the name on takes the surname after it
    while c.label == "PERSON" and e < len(doc) and e - s < 3 and is_first_name(doc[e - 1].text):
        if caps[e] or cov[e]:
            break
        t = doc[e]
        if t.pos_ != "PROPN" or not titled(t) or norm(t.text) in HONORIFICS or "\n" in doc[e - 1].whitespace_:
            break
        e += 1
    return replace(c, start=s, end=e) if (s, e) != (c.start, c.end) else c


def join_split_names(doc: Doc, cands: Sequence[Cand]) -> list[Cand]:
    """A three-part name the model cut in two ("[Amy Berman] [Jackson]"): two person spans with only a space
    between, the first starting with a known first name and the second a single word, are one name."""
    out: list[Cand] = []
    for c in sorted(cands, key=lambda c: c.start):
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label == c.label == "PERSON"
            and prev.end == c.start
            and c.end - c.start == 1
            and prev.end - prev.start == 2
            and is_first_name(doc[prev.start].text)
            and doc[prev.end - 1].whitespace_ == " "
        ):
            out[-1] = Cand(prev.start, c.end, "PERSON", prev.votes + c.votes)
            continue
        out.append(c)
    return [_hyphen_tail(doc, c) for c in out]


def _hyphen_tail(doc: Doc, c: Cand) -> Cand:
    """A person's name the model ended at a hyphen ("[Moon Jae]-in"): the hyphenated part is the name's."""
    e = c.end
    if c.label != "PERSON" or e + 1 >= len(doc) or doc[e].text != "-" or doc[e - 1].whitespace_ or doc[e].whitespace_:
        return c
    tail = doc[e + 1]
    return replace(c, end=e + 2) if tail.is_alpha and (tail.is_lower or titled(tail)) and len(tail) <= 12 else c


def missed_people(doc: Doc, cands: Sequence[Cand], caps: Sequence[bool]) -> list[Cand]:
    """Runs of capitalized proper nouns the model left out that a cue marks as a person."""
    cov = covered(doc, cands)
    out = []
    i = 0
    while i < len(doc):
        t = doc[i]
        if cov[i] or caps[i] or t.pos_ != "PROPN" or not titled(t) or norm(t.text) in HONORIFICS:
            i += 1
            continue
        j = i + 1
        while j < len(doc) and j - i < 4 and not cov[j] and doc[j].pos_ == "PROPN" and titled(doc[j]):
            j += 1
        span = doc[i:j]
        after_title = is_title_before(doc, i)
        initial = len(t.text) == 2 and t.text[1] == "." and t.text[0].isupper()  # "W. Athey"
        first = j - i >= 2 and (is_first_name(t.text) or initial) and doc[j - 1].text.lower() not in places()
        appos = j - i >= 2 and person_noun_appos(span.root)
        if after_title or first or appos:
            out.append(Cand(i, j, "PERSON", (("PERSON", "person_cue"),)))
        i = j
    return out


def name_key(doc: Doc, c: Cand) -> tuple[str, ...]:
    """The candidate's words as written (the key of document-level propagation)."""
    return tuple(t.text for t in doc[c.start : c.end])


def propagate(doc: Doc, cands: Sequence[Cand], caps: Sequence[bool]) -> list[Cand]:
    """Other occurrences of names found elsewhere in the document (and persons' surnames)."""
    table: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for c in cands:
        if caps[c.start] or not all(titled(t) or not t.is_alpha for t in doc[c.start : c.end]):
            continue
        table[name_key(doc, c)][c.label] += 1
        last = doc[c.end - 1]
        if c.label == "PERSON" and c.end - c.start >= 2 and titled(last) and not last.is_stop and len(last) > 2:
            table[(last.text,)]["PERSON"] += 1
    if not table:
        return []
    longest = max(len(k) for k in table)
    cov = covered(doc, cands)
    out = []
    i = 0
    while i < len(doc):
        if cov[i] or caps[i] or not titled(doc[i]):
            i += 1
            continue
        for n in range(min(longest, len(doc) - i), 0, -1):
            key = tuple(t.text for t in doc[i : i + n])
            if key in table and not any(cov[i : i + n]):
                label = table[key].most_common(1)[0][0]
                out.append(Cand(i, i + n, label, ((label, "propagated"),)))
                i += n
                break
        else:
            i += 1
    return out


def caps_names(doc: Doc, cands: Sequence[Cand], caps: Sequence[bool]) -> list[Cand]:
    """Names on all-caps lines, matched case-insensitively against the document's names and places."""
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for c in cands:
        if caps[c.start]:
            continue
        table[doc[c.start : c.end].text.lower()][c.label] += 1
        last = doc[c.end - 1]
        if c.label == "PERSON" and c.end - c.start >= 2 and not last.is_stop and len(last) > 2:
            table[last.lower_]["PERSON"] += 1
    gaz = places()
    cov = covered(doc, cands)
    out = []
    i = 0
    while i < len(doc):
        if not caps[i] or cov[i] or not doc[i].is_alpha:
            i += 1
            continue
        for n in range(min(5, len(doc) - i), 0, -1):
            span = doc[i : i + n]
            if "\n" in span.text or any(cov[i : i + n]) or (not span[-1].is_alpha and span[-1].text != "."):
                continue
            key = span.text.lower()
            label = table[key].most_common(1)[0][0] if key in table else gaz.get(key)
            if label:
                cue = "caps_doc" if key in table else "caps_gaz"
                out.append(Cand(i, i + n, label, ((label, cue),)))
                i += n
                break
        else:
            i += 1
    return out


def dedupe(cands: Iterable[Cand]) -> list[Cand]:
    """Overlapping candidates: the longest wins (ties: the earlier in the list)."""
    ranked = sorted(enumerate(cands), key=lambda kc: (-(kc[1].end - kc[1].start), kc[0]))
    taken: set[int] = set()
    kept = []
    for _, c in ranked:
        if not any(i in taken for i in range(c.start, c.end)):
            kept.append(c)
            taken.update(range(c.start, c.end))
    return sorted(kept, key=lambda c: c.start)


def is_score(t: Token) -> bool:
    """A score or a count: "3", "2-1", "372"."""
    return any(ch.isdigit() for ch in t.text) and all(ch.isdigit() or ch in "-/:" for ch in t.text)


STANDINGS_ROWS = 3
"""Lines of name-then-figures that make a standings table (its names are teams)."""


def _figures_after(doc: Doc, i: int) -> int:
    """How many figures ("50", ".625", "2-1") follow token ``i`` on its line."""
    n = 0
    while i < len(doc) and "\n" not in doc[i].text and (is_score(doc[i]) or _decimal(doc[i].text)):
        n += 1
        if "\n" in doc[i].whitespace_:
            break
        i += 1
    return n


def _decimal(text: str) -> bool:
    return text.startswith(".") and text[1:].isdigit()


def team_cues(doc: Doc, cands: Sequence[Cand]) -> dict[int, list[str]]:
    """Candidates that name a side in a match (index -> the cues that say so); countries excluded.

    Cues: ``score_line`` (two or more names followed by a score on one line), ``standings`` (a name opening the
    rows of a standings table, and its other mentions), ``side_context`` ("match against X", "Surrey captain",
    "Leeds drew with …"), ``match_verb`` (subject or object of "beat" with another name), ``versus`` ("X v Y"),
    ``side_list`` (listed beside a side).
    """
    out: dict[int, list[str]] = defaultdict(list)
    line_pairs: Counter[int] = Counter()  # line start token -> names followed by a score on that line
    line_of = []
    start = 0
    for t in doc:
        line_of.append(start)
        if "\n" in t.text or "\n" in t.whitespace_:
            start = t.i + 1
    scored = [k for k, c in enumerate(cands) if c.end < len(doc) and is_score(doc[c.end])]
    for k in scored:
        line_pairs[line_of[cands[k].start]] += 1
    for k in scored:
        if line_pairs[line_of[cands[k].start]] >= 2:
            out[k].append("score_line")
    # a standings table: lines that open with a name followed by two or more figures ("CHICAGO 50 30 .625")
    rows = [k for k in scored if cands[k].start == line_of[cands[k].start] and _figures_after(doc, cands[k].end) >= 2]
    if len(rows) >= STANDINGS_ROWS:
        # the table says what the name is in this article: its other mentions ("BALTIMORE AT SEATTLE") too
        teams = {doc[cands[k].start : cands[k].end].text.lower() for k in rows}
        for k, c in enumerate(cands):
            if doc[c.start : c.end].text.lower() in teams:
                out[k].append("standings")
    for k, c in enumerate(cands):
        root = doc[c.start : c.end].root
        head = root.head
        if _side_context(root) or side_role(doc, c) or _side_subject(root):
            out[k].append("side_context")
        if root.dep_ in ("nsubj", "dobj") and head.lemma_.lower() in MATCH_VERBS:
            other = [x for x in head.children if x.dep_ in ("nsubj", "dobj") and x.i != root.i]
            if other and other[0].pos_ == "PROPN":
                out[k].append("match_verb")
        if c.end + 1 < len(doc) and doc[c.end].lower_ in ("v", "v.", "vs", "vs.") and titled(doc[c.end + 1]):
            out[k].append("versus")
            nxt = next((j for j, d in enumerate(cands) if d.start == c.end + 1), None)
            if nxt is not None:
                out[nxt].append("versus")
    # sides listed together are sides alike ("title rivals Essex, Derbyshire and Surrey")
    at = {doc[c.start : c.end].root.i: k for k, c in enumerate(cands)}
    for k in list(out):
        root = doc[cands[k].start : cands[k].end].root
        for peer in (*root.conjuncts, *([root.head] if root.dep_ == "conj" else [])):
            j = at.get(peer.i)
            if j is not None and j not in out:
                out[j] = ["side_list"]
    nations = countries()
    return {k: v for k, v in out.items() if doc[cands[k].start : cands[k].end].text.lower() not in nations}


def side_role(doc: Doc, c: Cand) -> bool:
    """Whether a name modifies a side's role noun ("Surrey captain", "Leeds manager"): the name is a side."""
    root = doc[c.start : c.end].root
    return root.dep_ == "compound" and root.head.lemma_.lower() in SIDE_ROLES and root.head.i == c.end


def _side_subject(root: Token) -> bool:
    """ "Blackburn lost to Newcastle", "Leeds drew with Southampton": the subject is a side too."""
    if root.dep_ != "nsubj" or root.head.lemma_.lower() not in ("lose", "draw", "win", "play"):
        return False
    return any(
        p.dep_ == "prep"
        and p.lower_ in ("to", "with", "against")
        and any(_side_context(o) and o.pos_ == "PROPN" for o in p.children)
        for p in root.head.children
    )


def _side_context(root: Token) -> bool:
    """ "match against X", "victory over X", "lost to X", "a draw with X", "beaten by X": X is a side."""
    if root.dep_ not in ("pobj",) or root.head.lower_ not in ("against", "over", "to", "with", "by"):
        return False
    gov = root.head.head
    lemma = gov.lemma_.lower()
    if gov.pos_ == "NOUN":
        return lemma in MATCH_NOUNS and root.head.lower_ in ("against", "over", "with")
    if root.head.lower_ == "to":
        return lemma == "lose"
    if root.head.lower_ == "by":
        return lemma in MATCH_VERBS and any(c.dep_ == "auxpass" for c in gov.children)
    return lemma in ("draw", "win", "play") and root.head.lower_ in ("with", "against")


def full_name(doc: Doc, c: Cand) -> bool:
    """A person's name of two or three alphabetic words."""
    return c.label == "PERSON" and 2 <= c.end - c.start <= 3 and all(t.is_alpha for t in doc[c.start : c.end])
