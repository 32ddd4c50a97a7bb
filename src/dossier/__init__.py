"""dossier: turn news into checkable knowledge.

>>> import dossier
>>> article = dossier.analyze("Artem Zinchenko said: “I left.”", published="2023-03-10")
>>> article.quotes[0].speaker.name  # doctest: +SKIP
'Artem Zinchenko'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import DossierError, InputError
from .model import Article, Document, Entity, Event, Mention, Quote, Source, Speaker, Timex

__all__ = [
    "Article",
    "Document",
    "DossierError",
    "Entity",
    "Event",
    "InputError",
    "Mention",
    "Options",
    "Quote",
    "Source",
    "Speaker",
    "Store",
    "Timex",
    "analyze",
    "analyze_paths",
]

__version__ = "0.1.0"


if TYPE_CHECKING:
    from .api import analyze, analyze_paths
    from .engine import Options
    from .store import Store


def __getattr__(name: str) -> object:
    # spaCy (via the engine) takes seconds to import: load it only when analysis is asked for,
    # so that `dossier stats`, the web app and `import dossier.store` start fast
    if name in ("analyze", "analyze_paths"):
        from . import api

        return getattr(api, name)
    if name == "Options":
        from .engine import Options

        return Options
    if name == "Store":
        from .store import Store

        return Store
    raise AttributeError(f"module 'dossier' has no attribute {name!r}")
