"""dossier: turn news into checkable knowledge.

>>> import dossier
>>> article = dossier.analyze("Artem Zinchenko said: “I left.”", published="2023-03-10")
>>> article.quotes[0].speaker.name  # doctest: +SKIP
'Artem Zinchenko'
"""

from __future__ import annotations

from .api import analyze, analyze_paths
from .engine import Options
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


def __getattr__(name: str) -> object:
    # the store pulls in sqlite and corpus stages; import it only when asked for
    if name == "Store":
        from .store import Store

        return Store
    raise AttributeError(name)
