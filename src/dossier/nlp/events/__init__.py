"""Events: who did what to whom, when and where, typed with CAMEO codes, with the evidence sentence.

Public face: :func:`extract_events` (the stage), :func:`event_features` (the rules' proposals with the
features the fitted trigger decision weighs, for ``python -m dossier.train events``), :func:`lexical_proposals`
(the trigger words the rules left out, for ``benchmarks/events_lexical_fit.py``), :func:`merge_events`. Everything
else in this folder is private to it; the taxonomy is described in ``docs/events.md``.
"""

from .extract import KEPT_MODALITIES, event_features, extract_events, lexical_proposals
from .fitted import MODEL_FILE
from .merge import merge_events

__all__ = ["KEPT_MODALITIES", "MODEL_FILE", "event_features", "extract_events", "lexical_proposals", "merge_events"]
