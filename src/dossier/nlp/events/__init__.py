"""Events: who did what to whom, when and where, typed with CAMEO codes, with the evidence sentence.

Public face: :func:`extract_events` (the stage), :func:`event_features` (the rules' proposals with the
features the fitted trigger decision weighs, for ``python -m dossier.train events``). Everything else in this
folder is private to it; the taxonomy is described in ``docs/events.md``.
"""

from .extract import KEPT_MODALITIES, event_features, extract_events
from .fitted import MODEL_FILE

__all__ = ["KEPT_MODALITIES", "MODEL_FILE", "event_features", "extract_events"]
