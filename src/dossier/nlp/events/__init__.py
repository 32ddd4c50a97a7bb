"""Events: who did what to whom, when and where, typed with CAMEO codes, with the evidence sentence.

Public face: :func:`extract_events` (the stage). Everything else in this folder is private to it; the
taxonomy is described in ``docs/events.md``.
"""

from .extract import extract_events

__all__ = ["extract_events"]
