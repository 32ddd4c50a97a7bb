"""Docs held to the code: every command has help text and a README entry (as sqlite-utils does)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from dossier.cli import build_parser

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


COMMANDS = _commands()


def test_there_are_commands() -> None:
    assert {"analyze", "ingest", "stats", "search", "export", "stories", "entity", "timeline", "serve", "batch"} <= set(
        COMMANDS
    )


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_has_help(name: str) -> None:
    parser = COMMANDS[name]
    assert parser.description and len(parser.description) > 20, f"{name} has no description"
    for action in parser._actions:
        if action.dest != "help":
            assert action.help, f"{name}: option {action.dest} has no help"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_has_readme_entry(name: str) -> None:
    assert re.search(rf"^#+ `dossier {name}\b", README, re.M), f"README has no '### `dossier {name}`' section"


def test_readme_opens_with_the_two_setup_commands() -> None:
    head = README[:1500]
    assert "make demo" in head and "make test" in head
