"""``python -m dossier.train quotes|events [--check]``: refit the shipped weights (``--check``: compare only)."""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from collections.abc import Sequence

TRAINERS = ("quotes", "events")
"""Trainer modules of this package, each with ``main(check=...) -> int``; an absent one is skipped with a note."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the named trainers."""
    ap = argparse.ArgumentParser(prog="python -m dossier.train", description=__doc__)
    ap.add_argument("what", nargs="+", choices=list(TRAINERS), help="which weights to refit")
    ap.add_argument("--check", action="store_true", help="refit and compare with the shipped file; write nothing")
    args = ap.parse_args(argv)
    status = 0
    for what in args.what:
        if importlib.util.find_spec(f"{__package__}.{what}") is None:
            print(f"train: no trainer for {what} in this build", file=sys.stderr)
            status |= 1
            continue
        status |= importlib.import_module(f"{__package__}.{what}").main(check=args.check)
    return status


if __name__ == "__main__":
    sys.exit(main())
