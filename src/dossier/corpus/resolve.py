"""Entity resolution across articles: does this article's entity name a known global entity?

Pure functions over small frozen records; the SQLite layer (``update.py``) fetches
the candidates by the keys ``lookup_keys`` returns and stores the decision.
Every decision carries its rule and a sentence saying why, so a merge can be
checked by a person. Rules, strongest first:

1. ``same_name`` — a multi-word name (or a non-person name) equals a known alias.
2. ``person_name`` — same surname, compatible first names ("J. Smith" ~ "John Smith").
3. ``surname`` — a bare surname ("Putin", "President Putin") joins the one person in the corpus
   with that surname; when several people share it, context (co-occurring entities) decides, else
   usage: the one person other articles called by the surname alone ("Trump" for Donald Trump, never for
   Melania Trump); else the mention stays apart (``ambiguous``).
4. ``acronym`` — "NATO" ~ "North Atlantic Treaty Organization" (initials), types compatible.
5. ``transliteration`` — same consonant skeleton and a small edit distance ("Kiev" ~ "Kyiv"), and
   at least one co-occurring entity in common.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from . import names

MIN_SURNAME_USAGE = 3
"""Articles a person must hold before being the one the corpus calls by a shared surname alone."""

MIN_CONTEXT_SHARED = 2
"""Shared co-occurring entities that let context pick one of several same-surname people."""


@dataclass(frozen=True, slots=True)
class EntityRef:
    """An article's entity as resolution sees it."""

    article_id: str
    entity_id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    context: frozenset[str] = frozenset()
    """Normalized names of the other entities in the same article."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A global entity that might be the same referent."""

    id: int
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    context: frozenset[str] = frozenset()
    """Normalized names of entities seen with it (its recent articles)."""
    article_count: int = 0
    ambiguous: bool = False
    """A surname-only entity kept apart because several people share the surname: nothing merges into it
    by surname alone."""
    load_context: Callable[[], frozenset[str]] | None = field(default=None, compare=False, repr=False)
    """When set, the context is read through it, only if a rule needs it (the store's look-up is the
    costly part of resolution and most decisions never compare contexts); it should memoize."""


def context_of(c: Candidate) -> frozenset[str]:
    """The candidate's context (loaded on first use when it has a loader)."""
    return c.load_context() if c.load_context is not None else c.context


@dataclass(frozen=True, slots=True)
class Decision:
    """Where an entity goes: ``global_id`` None means a new global entity."""

    global_id: int | None
    rule: str
    why: str


def all_names(ref: EntityRef | Candidate) -> tuple[str, ...]:
    """The entity's name and the aliases that are names (descriptions such as "the former spy" are
    not evidence of identity across articles), without duplicates."""
    return tuple(dict.fromkeys((ref.name, *(a for a in ref.aliases if names.is_name(a)))))


@lru_cache(maxsize=65536)
def lookup_keys(name: str, type_: str) -> frozenset[str]:
    """Keys under which a name is indexed and looked up (prefix says which rule can use it)."""
    keys: set[str] = set()
    norm = names.normalize(name, type_)
    if not norm:
        return frozenset()
    keys.add("n:" + norm)
    if type_ in names.PERSON_TYPES:
        parts = [w for w in names.person_parts(name)]
        if parts:
            keys.add("s:" + (names.surname(name) or parts[-1]))
            keys.add("g:" + parts[0])
    acr = names.acronym(name)
    if acr:
        keys.add("a:" + acr)
    ini = names.initials(name)
    if ini and type_ not in names.PERSON_TYPES:
        keys.add("a:" + ini)
    skel = names.name_skeleton(name, type_)
    if len(skel.replace(" ", "")) >= 2:
        keys.add("k:" + skel)
    return frozenset(keys)


KEY_ORDER = ("n:", "s:", "a:", "k:", "g:")
"""Key kinds from the most to the least specific: candidates are fetched in this order."""


def query_keys(ref: EntityRef) -> list[str]:
    """Every key to look candidates up by, for all of the entity's names, most specific first.

    Given names (``g:``) are only asked for a titled single name ("Mr. Kim"), where the word
    may be a family name written first.
    """
    out: set[str] = set()
    for n in all_names(ref):
        keys = lookup_keys(n, ref.type)
        if not names.titled_single(n):
            keys = frozenset(k for k in keys if not k.startswith("g:"))
        out |= keys
    return sorted(out, key=lambda k: (KEY_ORDER.index(k[:2]) if k[:2] in KEY_ORDER else len(KEY_ORDER), k))


def _multiword(name: str, type_: str) -> bool:
    return len(names.normalize(name, type_).split()) > 1


def _bare_surnames(ref: EntityRef) -> set[str]:
    """Surnames this entity is known by only as a single word ("Putin", "Mr. Kim")."""
    if ref.type not in names.PERSON_TYPES or any(_multiword(n, ref.type) for n in all_names(ref)):
        return set()
    return {names.normalize(n, ref.type) for n in all_names(ref) if names.normalize(n, ref.type)}


def _full_names(c: EntityRef | Candidate) -> list[str]:
    return [n for n in all_names(c) if _multiword(n, c.type)]


def _holds_surname(c: Candidate, word: str, titled: bool) -> bool:
    """Whether one of the candidate's full names ends in (or, after a title, starts with) ``word``."""
    for n in _full_names(c):
        parts = names.person_parts(n)
        if names.surname(n) == word or (titled and parts and parts[0] == word):
            return True
    return False


def _called_by_surname(c: Candidate, word: str) -> bool:
    """Whether articles named the candidate by the bare surname ``word`` (an alias of one word)."""
    return any(not _multiword(n, c.type) and names.normalize(n, c.type) == word for n in c.aliases)


def _shared(a: frozenset[str], b: frozenset[str]) -> int:
    return len(a & b)


def _pick_by_context(ref: EntityRef, people: Sequence[Candidate]) -> tuple[Candidate, str, str] | None:
    """The one candidate the evidence singles out, with its rule and why; None when nothing tells.

    In order: the article names the others in full as entities apart from this surname (its own
    name linking kept them apart, so they are someone else), leaving one; usage: the one person
    other articles called by the surname alone; clearly more co-occurring entities in common than
    any other candidate (by ``MIN_CONTEXT_SHARED``).
    """
    named = [c for c in people if ref.context & {names.normalize(n, c.type) for n in _full_names(c)}]
    rest = [c for c in people if c not in named]
    if named and len(rest) == 1:
        apart = ", ".join(sorted(c.name for c in named))
        return rest[0], "surname_context", f"the same article names {apart} apart from '{ref.name}'"
    pool = rest or people
    word = sorted(_bare_surnames(ref))[0] if _bare_surnames(ref) else ""
    called = [c for c in pool if _called_by_surname(c, word)]
    if len(called) == 1 and called[0].article_count >= MIN_SURNAME_USAGE:
        c = called[0]
        return c, "surname_usage", f"only {c.name} has been called '{word}' alone (in {c.article_count} articles)"
    scored = sorted(((_shared(ref.context, context_of(c)), c) for c in pool), key=lambda x: -x[0])
    best, second = scored[0][0], scored[1][0] if len(scored) > 1 else 0
    if best >= MIN_CONTEXT_SHARED and best - second >= MIN_CONTEXT_SHARED:
        why = f"{best} co-occurring entities match {scored[0][1].name} (next best {second})"
        return scored[0][1], "surname_context", why
    return None


def decide(ref: EntityRef, candidates: Iterable[Candidate]) -> Decision:
    """Merge ``ref`` into one of ``candidates`` or start a new global entity, saying why."""
    pool = [c for c in candidates if names.compatible(ref.type, c.type)]
    ref_norms = {names.normalize(n, ref.type) for n in all_names(ref)} - {""}
    is_person = ref.type in names.PERSON_TYPES
    bare = _bare_surnames(ref)

    # 1. the same (informative) name
    same = [c for c in pool if ref_norms & {names.normalize(n, c.type) for n in all_names(c)}]
    if not bare:
        same = [c for c in same if not is_person or _compatible_people(ref, c)]
    if same and not bare:
        best = (
            same[0]
            if len(same) == 1
            else max(same, key=lambda c: (_shared(ref.context, context_of(c)), c.article_count))
        )
        shared = sorted(ref_norms & {names.normalize(n, best.type) for n in all_names(best)})
        return Decision(best.id, "same_name", f"same name '{shared[0]}' and compatible type {best.type}")

    if is_person and not bare:
        # 2. full name vs full name with the same surname and compatible first names
        people = [c for c in pool if _compatible_people(ref, c) and _full_names(c)]
        if people:
            best = (
                people[0]
                if len(people) == 1
                else max(people, key=lambda c: (_shared(ref.context, context_of(c)), c.article_count))
            )
            return Decision(best.id, "person_name", f"'{ref.name}' and '{best.name}': same surname, first names agree")
        # a full name joins a surname-only entity when no other person holds that surname
        word = names.surname(ref.name) or ""
        surname_only = [
            c for c in pool if not _full_names(c) and word in {names.normalize(n, c.type) for n in all_names(c)}
        ]
        holders = [c for c in pool if _full_names(c) and _holds_surname(c, word, False)]
        if len(surname_only) == 1 and not holders and not surname_only[0].ambiguous:
            c = surname_only[0]
            return Decision(c.id, "surname", f"'{ref.name}' is the only person in the corpus named '{c.name}'")

    if bare:
        # 3. a bare surname: the unique person holding it, or context, else apart
        titled = any(names.titled_single(n) for n in all_names(ref))
        word = sorted(bare)[0]
        people = [c for c in pool if _holds_surname(c, word, titled)]
        if len(people) == 1:
            c = people[0]
            return Decision(
                c.id, "surname", f"'{ref.name}': the only person in the corpus with surname '{word}' is {c.name}"
            )
        if len(people) > 1:
            picked = _pick_by_context(ref, people)
            who = ", ".join(sorted(c.name for c in people))
            if picked is not None:
                return Decision(picked[0].id, picked[1], f"'{ref.name}' could be {who}; {picked[2]}")
            alone = [c for c in same if not _full_names(c) and c.ambiguous]
            if alone:
                return Decision(
                    alone[0].id, "ambiguous", f"'{ref.name}' could be {who}; context does not tell, kept apart"
                )
            return Decision(None, "ambiguous", f"'{ref.name}' could be {who}; context does not tell, kept apart")
        if same:
            best = max(same, key=lambda c: c.article_count)
            return Decision(best.id, "same_name", f"same surname-only name '{word}'")

    # 4. acronyms
    for c in pool:
        why = _acronym_match(ref, c)
        if why:
            return Decision(c.id, "acronym", why)

    # 5. transliteration variants with shared context
    for c in pool:
        why = _transliteration_match(ref, c)
        if why:
            return Decision(c.id, "transliteration", why)

    return Decision(None, "new", f"no known entity matches '{ref.name}' ({ref.type})")


def _compatible_people(ref: EntityRef, c: Candidate) -> bool:
    """Whether two people's full names can denote one person (and none conflicts)."""
    ref_full = _full_names(ref)
    c_full = _full_names(c)
    if not ref_full or not c_full:
        return False
    return any(names.same_person_name(a, b) for a in ref_full for b in c_full) and not any(
        names.surname(a) == names.surname(b) and not names.same_person_name(a, b) for a in ref_full for b in c_full
    )


def _acronym_match(ref: EntityRef, c: Candidate) -> str | None:
    if ref.type in names.PERSON_TYPES:
        return None
    for a in all_names(ref):
        for b in all_names(c):
            for short, long_ in ((a, b), (b, a)):
                acr = names.acronym(short)
                if acr and len(long_.split()) > 1 and acr == names.initials(long_):
                    return f"'{short}' is the initials of '{long_}'"
    return None


def _transliteration_match(ref: EntityRef, c: Candidate) -> str | None:
    for a in all_names(ref):
        na = names.normalize(a, ref.type)
        for b in all_names(c):
            nb = names.normalize(b, c.type)
            if na == nb or len(na) < 4 or len(nb) < 4:
                continue
            skel_a, skel_b = names.name_skeleton(a, ref.type), names.name_skeleton(b, c.type)
            limit = max(2, min(len(na), len(nb)) // 3)
            if skel_a == skel_b and names.edit_distance(na, nb) <= limit:
                shared = sorted(ref.context & context_of(c))
                if shared:
                    return f"'{a}' and '{b}' are spelling variants (same consonants) and both appear with {shared[0]}"
    return None
