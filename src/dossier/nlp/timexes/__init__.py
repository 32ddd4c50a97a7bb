"""Time expressions: found by named regex rules, normalized to TIMEX3 against the publication date and the
story's own time.

Public face: :func:`extract_timexes` (the stage) and :func:`surnames_of` (the names that must not be read as
dates: "April Ryan"). Everything else in this folder is private to it.
"""

from .extract import extract_timexes, surnames_of

__all__ = ["extract_timexes", "surnames_of"]
