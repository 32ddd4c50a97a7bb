"""``python -m dossier.train ner|quotes|speakers|sources|events|entities|places [--check]``: refit the shipped
weights and tables (``--check``: compare only)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

TRAINERS = ("ner", "quotes", "speakers", "sources", "events", "entities", "places")
"""The trainers of this package, each a module with ``main(check=...) -> int``."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the named trainers."""
    ap = argparse.ArgumentParser(prog="python -m dossier.train", description=__doc__)
    ap.add_argument("what", nargs="+", choices=list(TRAINERS), help="which weights to refit")
    ap.add_argument("--check", action="store_true", help="refit and compare with the shipped file; write nothing")
    args = ap.parse_args(argv)
    status = 0
    for what in args.what:
        if what == "ner":
            from . import ner

            status |= ner.main(check=args.check)
        elif what == "quotes":
            from . import quotes

            status |= quotes.main(check=args.check)
        elif what == "speakers":
            from . import speakers

            status |= speakers.main(check=args.check)
        elif what == "sources":
            from . import sources

            status |= sources.main(check=args.check)
        elif what == "events":
            from . import events

            status |= events.main(check=args.check)
        elif what == "entities":
            from . import entities

            status |= entities.main(check=args.check)
        elif what == "places":
            from . import places

            status |= places.main(check=args.check)
    return status


if __name__ == "__main__":
    sys.exit(main())
