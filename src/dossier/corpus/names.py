"""Name keys for matching entities and outlets across articles (pure string functions).

A name is reduced to comparable forms: its normalized full name ("President
Vladimir Putin's" -> "vladimir putin"), its surname for people, its initials
for organizations ("North Atlantic Treaty Organization" -> "nato") and a
consonant skeleton for transliteration variants ("Kiev"/"Kyiv" -> "kv").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TITLES = frozenset(
    """mr mrs ms miss mx dr prof sir dame lord lady president vice prime minister secretary senator sen rep
    representative gov governor gen general col colonel lt lieutenant capt captain sgt sergeant adm admiral cmdr
    commander chancellor king queen prince princess pope rev reverend judge justice chief director ambassador
    mayor attorney former late sheikh ayatollah premier chairman chairwoman ceo spokesman spokeswoman officer
    agent deputy foreign defense defence state interior finance u.s us of mp counsel special adviser advisor
    spokesperson envoy press national security""".split()  # noqa: SIM905 - a word list reads best as words
)
"""Words that precede a person's name without being part of it ("President Putin", "Gen. Smith")."""

_CONNECTORS = frozenset({"of", "the", "and", "for", "&", "de", "du", "des", "la", "le", "del", "on", "in", "to", "at"})
_SUFFIXES = frozenset({"inc", "ltd", "llc", "plc", "corp", "co"})
_GENERATIONAL = frozenset({"jr", "sr", "ii", "iii", "iv"})
_FAMILY = frozenset({"jr", "sr"})
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_TOKEN = re.compile(r"[^\W_]+(?:[.'’][^\W_]+)*\.?", re.UNICODE)
_VOWELISH = frozenset("aeiouyhw")

PERSON_TYPES = frozenset({"PERSON"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
GROUP_TYPES = frozenset({"ORG", "NORP"})

_COMPATIBLE: dict[str, frozenset[str]] = {
    "PERSON": PERSON_TYPES,
    "GPE": PLACE_TYPES,
    "LOC": PLACE_TYPES,
    "FAC": PLACE_TYPES | {"ORG"},
    "ORG": frozenset({"ORG", "FAC", "NORP"}),
    "NORP": frozenset({"NORP", "ORG"}),
}


def fold_text(text: str) -> str:
    """Lowercase, strip accents and unify apostrophes/hyphens (``"Kyïv’s"`` -> ``"kyiv's"``); for whole texts."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-").casefold()


fold = lru_cache(maxsize=65536)(fold_text)
"""``fold_text`` memoized, for names and words (short strings that recur); never call it on an article's text,
which the cache would keep alive (65,536 of them)."""


def tokens(name: str) -> list[str]:
    """Folded word tokens of a name, possessive and hyphens removed (``"Kim Jong-un's"`` -> kim, jong, un)."""
    text = _POSSESSIVE.sub("", fold(name).strip())
    return [t.rstrip(".") for t in _TOKEN.findall(text.replace("-", " ")) if t.rstrip(".")]


@lru_cache(maxsize=65536)
def is_name(text: str) -> bool:
    """Whether an alias is a proper name ("Artem Zinchenko", "the United States", "NATO") rather than a
    description ("the former Russian spy") or a pronoun: every word after a leading "the" is capitalized
    (or a connector such as "of")."""
    words = text.replace("’", "'").split()
    if words and words[0].casefold() == "the":
        words = words[1:]
    if not words:
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.casefold() in _CONNECTORS for w in words) and words[0][0].isupper()


def strip_titles(words: list[str]) -> tuple[list[str], bool]:
    """Drop leading titles and trailing suffixes; also report whether a title was there."""
    i = 0
    while i < len(words) - 1 and words[i] in TITLES:
        i += 1
    had_title = i > 0
    rest = words[i:]
    while len(rest) > 1 and rest[-1] in _SUFFIXES:
        rest = rest[:-1]
    if rest and rest[0] == "the" and len(rest) > 1:
        rest = rest[1:]
    return rest, had_title


@lru_cache(maxsize=65536)
def normalize(name: str, type_: str = "") -> str:
    """The comparable full form: folded, titles (people) and a leading "the" stripped, dots dropped."""
    words = tokens(name)
    if type_ in PERSON_TYPES:
        words, _ = strip_titles(words)
    elif words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    return " ".join(w.replace(".", "") for w in words)


@lru_cache(maxsize=65536)
def person_parts(name: str) -> tuple[str, ...]:
    """A person's name words without titles, generational suffix last ("Donald Trump Jr." -> donald, trump, jr)."""
    words, _ = strip_titles(tokens(name))
    return tuple(w.replace(".", "") for w in words if w.replace(".", ""))


@lru_cache(maxsize=65536)
def surname(name: str) -> str | None:
    """A person's last name ("Vladimir Putin" -> "putin"); None for a one-word name."""
    words = [w for w in person_parts(name) if w not in _GENERATIONAL]
    return words[-1] if len(words) > 1 else None


@lru_cache(maxsize=65536)
def same_person_name(a: str, b: str) -> bool:
    """Whether two multi-word person names can be one person: same surname and generation, compatible
    first names ("John Smith" ~ "J. Smith" ~ "John A. Smith"; not "Adam Smith", not "Donald Trump Jr.";
    "Robert Mueller" ~ "Robert S. Mueller III")."""
    pa, pb = person_parts(a), person_parts(b)
    ga = {w for w in pa if w in _GENERATIONAL}
    gb = {w for w in pb if w in _GENERATIONAL}
    wa = [w for w in pa if w not in _GENERATIONAL]
    wb = [w for w in pb if w not in _GENERATIONAL]
    # "Jr."/"Sr." tell father from son; a numeral ("III") is often dropped ("Robert Mueller" is
    # "Robert S. Mueller III"), so only two different numerals disagree
    if ga & _FAMILY != gb & _FAMILY or (ga - _FAMILY and gb - _FAMILY and ga - _FAMILY != gb - _FAMILY):
        return False
    if len(wa) < 2 or len(wb) < 2 or wa[-1] != wb[-1]:
        return False
    fa, fb = wa[0], wb[0]
    if fa == fb:
        return True
    if len(fa) == 1 or len(fb) == 1:
        return fa[0] == fb[0]
    return False


@lru_cache(maxsize=65536)
def titled_single(name: str) -> bool:
    """Whether a person name is one word after a title ("Mr. Kim"): then it is a family name."""
    words, had_title = strip_titles(tokens(name))
    return had_title and len(words) == 1


@lru_cache(maxsize=65536)
def initials(name: str) -> str | None:
    """Initials of a multi-word name without connectors ("North Atlantic Treaty Organization" -> "nato")."""
    words = [w.replace(".", "") for w in tokens(name)]
    content = [w for w in words if w not in _CONNECTORS]
    if len(content) < 2:
        return None
    return "".join(w[0] for w in content if w)


@lru_cache(maxsize=65536)
def acronym(name: str) -> str | None:
    """The name itself when it is an acronym ("NATO", "C.I.A.", "U.S.") -> "nato"/"cia"/"us"; else None."""
    compact = name.strip().replace(" ", "")
    compact = _POSSESSIVE.sub("", compact)
    letters = compact.replace(".", "")
    if 2 <= len(letters) <= 6 and letters.isalpha() and (letters.isupper() or re.fullmatch(r"(?:\w\.){2,}", compact)):
        return letters.casefold()
    return None


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """A transliteration key: first letter plus consonants, doubles collapsed ("Kyiv", "Kiev" -> "kv")."""
    folded = "".join(c for c in fold(word) if c.isalpha())
    if not folded:
        return ""
    out = [folded[0]]
    for c in folded[1:]:
        if c in _VOWELISH:
            continue
        if out[-1] != c:
            out.append(c)
    return "".join(out)


@lru_cache(maxsize=65536)
def name_skeleton(name: str, type_: str = "") -> str:
    """The skeleton of every word of the normalized name, space-joined."""
    return " ".join(skeleton(w) for w in normalize(name, type_).split())


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (names are short, so the quadratic table is cheap)."""
    if a == b:
        return 0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


@lru_cache(maxsize=65536)
def compatible(type_a: str, type_b: str) -> bool:
    """Whether two entity types can name one referent (GPE/LOC yes, PERSON/ORG no)."""
    if type_a == type_b:
        return True
    return type_b in _COMPATIBLE.get(type_a, frozenset({type_a}))


@lru_cache(maxsize=65536)
def outlet_key(name: str) -> str:
    """A key that equates spellings of one outlet ("IL Tempo", "Il Tempo"; "The New York Times", "New York Times")."""
    words = tokens(name)
    while words and words[0] in {"the", "a"}:
        words = words[1:]
    return " ".join(w.replace(".", "") for w in words)


@lru_cache(maxsize=65536)
def same_outlet(a: str, b: str) -> bool:
    """Whether two outlet names denote one outlet: equal keys, or an acronym of the other ("NYT")."""
    ka, kb = outlet_key(a), outlet_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    for short, long_ in ((a, b), (b, a)):
        acr = acronym(short)
        if acr and acr == initials(long_):
            return True
    return False
