"""Word lists and tables shipped as data: ``dossier/data/lexicons/*.tsv``, loaded once.

Each file starts with ``#`` lines saying what a row means, then a header row naming the columns, then one row
per entry, tab-separated. The code says how a list is used; the file says what it contains (spaCy keeps its
lookup tables the same way). Regexes stay in code.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parents[1] / "data" / "lexicons"
"""Where the shipped tables live."""

Row = dict[str, str]
"""One row of a table: column name → cell (an empty string for a missing cell)."""


class LexiconError(ValueError):
    """A shipped table is missing or malformed (a packaging bug, not bad user input)."""


@cache
def table(name: str) -> tuple[Row, ...]:
    """The rows of ``data/lexicons/<name>.tsv`` (header row first, ``#`` lines are comments)."""
    path = LEXICON_DIR / f"{name}.tsv"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read lexicon ({exc})") from exc
    rows = [line for line in lines if line.strip() and not line.startswith("#")]
    if not rows:
        raise LexiconError(f"{path}: no header row")
    header = rows[0].split("\t")
    out: list[Row] = []
    for number, line in enumerate(rows[1:], start=2):
        cells = line.split("\t")
        if len(cells) > len(header):
            raise LexiconError(f"{path}: row {number} has {len(cells)} cells for {len(header)} columns")
        out.append(dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True)))
    return tuple(out)


def words(name: str, column: str | None = None, **where: str) -> frozenset[str]:
    """The first column (or ``column``) of the rows of table ``name`` whose cells equal ``where``."""
    rows = table(name)
    if not rows:
        return frozenset()
    key = column or next(iter(rows[0]))
    return frozenset(r[key] for r in rows if all(r.get(k) == v for k, v in where.items()))


def mapping(name: str, key: str, value: str) -> dict[str, str]:
    """Table ``name`` as a dict from column ``key`` to column ``value`` (the last row wins)."""
    return {r[key]: r[value] for r in table(name)}
