"""Benchmarks: scripts that print dossier's figures beside a baseline run in the same process.

They read ``../shared/data`` (or ``$DOSSIER_SHARED/data``) and skip, saying so, when it is absent.
Run one with ``python -m benchmarks.NAME``; all with ``make bench``.
"""
