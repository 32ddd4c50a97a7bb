"""Error types. Every error names the input it is about and says why, in one line."""

from __future__ import annotations


class DossierError(Exception):
    """Base class for dossier's errors."""


class InputError(DossierError):
    """An input could not be read or analysed; ``source`` names it, the message says why."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class StoreError(DossierError):
    """The SQLite store could not be opened or written."""
