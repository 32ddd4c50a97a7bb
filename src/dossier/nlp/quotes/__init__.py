"""Quotes: direct, indirect and mixed attributions with their cue, content, category and resolved speaker.

Public face: :func:`extract_quotes` (the stage), :func:`quote_candidates` and the fitted model
(:class:`QuoteModel`, :func:`shipped_model`; the speaker model :func:`shipped_speaker_model` and
:func:`speaker_candidates`, for the trainers in ``dossier.train``) and the cue lexicon
(``CUE_VERBS``, ``CUE_CATEGORY``, ``CATEGORIES``). Everything else in this folder is private to it.
"""

from .cues import CATEGORIES, CUE_CATEGORY, CUE_VERBS, SPEECH_VERBS
from .extract import extract_quotes, quote_candidates, speaker_candidates
from .scoring import MODEL_PATH, Features, QuoteModel, shipped_model
from .speaker_model import SPEAKER_MODEL_PATH, shipped_speaker_model

__all__ = [
    "CATEGORIES",
    "CUE_CATEGORY",
    "CUE_VERBS",
    "MODEL_PATH",
    "SPEAKER_MODEL_PATH",
    "SPEECH_VERBS",
    "Features",
    "QuoteModel",
    "extract_quotes",
    "quote_candidates",
    "shipped_model",
    "shipped_speaker_model",
    "speaker_candidates",
]
