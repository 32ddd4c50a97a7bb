"""Entities: names found by spaCy's NER and fixed for news, typed, linked by coreference into referents.

Public face: :func:`extract_entities` (the stage), :class:`EntityOptions`, the name helpers other stages
use (honorifics, first-name genders, the place gazetteer) and the outlet table (``canonical``,
``is_known``, ``looks_like_outlet``). Everything else in this folder is private to it.
"""

from .extract import EntityOptions, extract_entities
from .names import HONORIFICS, countries, first_name_gender, places, strip_possessive
from .outlets import canonical, is_known, looks_like_outlet

__all__ = [
    "HONORIFICS",
    "EntityOptions",
    "canonical",
    "countries",
    "extract_entities",
    "first_name_gender",
    "is_known",
    "looks_like_outlet",
    "places",
    "strip_possessive",
]
