"""Trainers of dossier's shipped weights: ``python -m dossier.train quotes`` (``make train`` runs them all).

Each trainer reads a training split from ``../shared/data`` (``$DOSSIER_SHARED``), fits on ``train``, chooses
on ``dev``, and writes small JSON weights under ``dossier/data/models/``. Needs scikit-learn (the ``train``
extra); dossier itself applies the weights without it.
"""
