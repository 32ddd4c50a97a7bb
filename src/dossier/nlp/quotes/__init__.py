"""Quotes: direct, indirect and mixed attributions with their cue, content and resolved speaker.

Public face: :func:`extract_quotes` (the stage) and the cue lexicon (``CUE_VERBS``, ``CUE_CATEGORY``).
Everything else in this folder is private to it.
"""

from .cues import CUE_CATEGORY, CUE_VERBS, SPEECH_VERBS
from .extract import extract_quotes

__all__ = ["CUE_CATEGORY", "CUE_VERBS", "SPEECH_VERBS", "extract_quotes"]
