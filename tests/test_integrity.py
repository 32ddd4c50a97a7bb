"""Paragraphs that break off mid-sentence are reported with their offsets; complete text is not."""

from __future__ import annotations

import pytest

from dossier.nlp.integrity import broken_paragraphs, text_warnings


@pytest.mark.parametrize(
    ("text", "broken"),
    [
        # the seed's cut: a comma, then an unrelated paragraph
        ("Estonia brought back businessman Raivo Susu,\nNow, as reported by Yahoo News, he fled.", ["Susu,"]),
        ("He told the\n\nThe match ended.", ["told the"]),
        ("The deal was signed by the minister and\n\nOther news.", ["minister and"]),
        # complete paragraphs, headlines ending on a particle, lead-ins, lists, wrapped lines, markup debris
        ("The talks failed. Both sides left.\n\nNew talks are planned.", []),
        ("Blair to face trust issue head on\n\nTony Blair will face questions.", []),
        ("He said:\n\n“We will win.”", []),
        ("They are worried about costs,\n - they fear the risk.", []),
        ("He was dragged away by staff,\nwho said nothing.", []),
        ("Victory at Twickenham. &lt;\n\nNext.", []),
        ("", []),
    ],
)
def test_broken_paragraphs(text: str, broken: list[str]) -> None:
    got = broken_paragraphs(text, [(0, len(text))])
    assert len(got) == len(broken)
    for (stop, tail), suffix in zip(got, broken, strict=True):
        assert tail.endswith(suffix) and text[:stop].endswith(suffix)


def test_only_the_body_is_read_and_warnings_name_the_offset() -> None:
    text = "Body ends well.\nBio of the writer and"
    assert broken_paragraphs(text, [(0, 15)]) == []
    (warning,) = text_warnings(text, [(0, len(text))])
    assert f"offset {len(text)}" in warning and "writer and" in warning
