"""Entities: names found by spaCy's NER and fixed for news, typed, linked by coreference into referents.

Public face: :func:`extract_entities` (the stage), :class:`EntityOptions`, the fitted type model
(:class:`TypeModel`, :func:`load_model`, :func:`from_json`) and its training examples (:func:`type_examples`),
the name helpers other stages use (honorifics, nouns that describe a person, first-name genders, the place
gazetteer) and the outlet table (``canonical``, ``is_known``, ``looks_like_outlet``). Everything else in this
folder is private to it.
"""

from .extract import EntityOptions, TypeExample, extract_entities, type_examples
from .fitted import CLASS_OF, MODEL_FILE, NOT_A_NAME, TypeModel, from_json, load_model, rule
from .names import HONORIFICS, PERSON_NOUNS, countries, first_name_gender, is_first_name, places, strip_possessive
from .outlets import canonical, is_known, looks_like_outlet

__all__ = [
    "CLASS_OF",
    "HONORIFICS",
    "MODEL_FILE",
    "NOT_A_NAME",
    "PERSON_NOUNS",
    "EntityOptions",
    "TypeExample",
    "TypeModel",
    "canonical",
    "countries",
    "extract_entities",
    "first_name_gender",
    "from_json",
    "is_first_name",
    "is_known",
    "load_model",
    "looks_like_outlet",
    "places",
    "rule",
    "strip_possessive",
    "type_examples",
]
