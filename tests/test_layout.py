"""Layout: the body leaves out title, bylines, datelines, bios, source lines and boilerplate (no model)."""

from __future__ import annotations

import pytest

from dossier.model import Layout
from dossier.nlp.layout import analyze_layout, clean_authors, match_dateline, parse_byline


def body_text(text: str, layout: Layout) -> str:
    return "\n".join(text[s:e] for s, e in layout.body)


def left_out(text: str, layout: Layout) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for s, e, reason in layout.boilerplate:
        out.setdefault(reason, []).append(text[s:e])
    return out


def test_seed_bio_and_source_line_are_not_body(seed_text: str) -> None:
    layout = analyze_layout(seed_text)
    assert layout.authors == ("John Cameron",)
    assert layout.outlet == "The Nation View"
    assert layout.title is None  # the first line is a sentence, not a headline
    body = body_text(seed_text, layout)
    assert body.startswith("Another blow to the Kremlin.")
    assert body.endswith("how he was discovered.")
    assert "Source: IL Tempo" not in body and "John Cameron" not in body
    parts = left_out(seed_text, layout)
    assert parts["source line"] == ["Source: IL Tempo"]
    assert parts["author bio"][0].startswith("John Cameron is a journalist at The Nation View")
    assert parts["author bio"][0].endswith("economic trends.")


def test_metadata_wins_over_the_text(seed_text: str) -> None:
    layout = analyze_layout(seed_text, title="T", authors=("Jane Roe",), outlet="Metro Daily")
    assert (layout.title, layout.authors, layout.outlet) == ("T", ("Jane Roe",), "Metro Daily")
    assert "John Cameron" not in body_text(seed_text, layout)  # the bio is still not body


def test_body_offsets_index_the_text() -> None:
    text = "  Headline\r\n\r\nBy Ann Lee\r\nFirst para.\r\nSecond para.\r\n"
    layout = analyze_layout(text)
    assert [text[s:e] for s, e in layout.body] == ["First para.\r\nSecond para."]
    assert layout.title == "Headline" and layout.authors == ("Ann Lee",)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Chelsea sack Mutu\n\nChelsea have sacked Adrian Mutu after he failed a drugs test.", "Chelsea sack Mutu"),
        ("Is the euro in trouble?\nEconomists are divided.", "Is the euro in trouble?"),
        ("“We will win,” says Mayor\nThe mayor said it twice.", "“We will win,” says Mayor"),
        (
            "Poll: Wealthy Voters Abandon Republican Party.\n\nA new poll shows it.",
            "Poll: Wealthy Voters Abandon Republican Party.",
        ),
        ("$1m payoff for former Shell boss\n\nShell is to pay $1m.", "$1m payoff for former Shell boss"),
        ("iTunes now selling Band Aid song\n\nIpod owners can now download it.", "iTunes now selling Band Aid song"),
        ("# Talks collapse in Brussels\n\nThe talks failed.", "Talks collapse in Brussels"),  # a Markdown heading
        # negatives: a sentence, a single line, a lower-case start, a long line, a byline, a dateline
        ("The council met on Tuesday.\nIt voted on the budget.", None),
        ("The council met on Tuesday.\n\nIt voted on the budget.", None),
        ("Mayor Ann Lee Opened The New Library.\nIt cost $10m.", None),
        ("Just one line of text", None),
        ("and then it rained\nThe town flooded.", None),
        ("This first line is far too long to be a headline because it goes on and on " * 3 + "\nBody.", None),
        ("By Ann Lee\nThe council met.", None),
        ("MOSCOW (Reuters) - Russia said on Monday it would respond\nMore text.", None),
    ],
)
def test_title_for_plain_text(text: str, title: str | None) -> None:
    layout = analyze_layout(text)
    assert layout.title == title
    if title:
        assert title not in body_text(text, layout)


def test_given_title_as_first_line_is_left_out() -> None:
    text = "Council approves library\nThe council voted on Tuesday."
    layout = analyze_layout(text, title="Council  approves library")
    assert body_text(text, layout) == "The council voted on Tuesday."


@pytest.mark.parametrize(
    ("line", "authors", "outlets"),
    [
        ("By Ann Lee", ("Ann Lee",), ()),
        ("BY MARIA LOPEZ", ("Maria Lopez",), ()),
        ("By JOHN SMITH and Jane Doe, Associated Press", ("John Smith", "Jane Doe"), ("Associated Press",)),
        ("By Jane Roe | Metro Daily", ("Jane Roe",), ("Metro Daily",)),
        ("By Jane Roe, Reuters", ("Jane Roe",), ("Reuters",)),
        ("By Ann Lee, Bo Chan & Cy Dee, staff writers", ("Ann Lee", "Bo Chan", "Cy Dee"), ()),
        ("By Ann Lee, Senior Correspondent", ("Ann Lee",), ()),
        ("By Ann Lee | March 3, 2024", ("Ann Lee",), ()),
        ("Written by Pierre de la Fontaine", ("Pierre de la Fontaine",), ()),
        ("By AP", (), ("Associated Press",)),
        ("**By Maria Lopez** | Updated 3 hours ago", ("Maria Lopez",), ()),  # Markdown emphasis
        # negatives: sentences that start with "By"
        ("By Friday the vote was over.", (), ()),
        ("By Tuesday, the council had voted.", (), ()),
        ("By the time he arrived, it was dark.", (), ()),
        ("By 2030 the city will have grown.", (), ()),
    ],
)
def test_bylines(line: str, authors: tuple[str, ...], outlets: tuple[str, ...]) -> None:
    credit = parse_byline(line, 0, len(line))
    assert tuple(a.name for a in credit.authors) == authors
    assert tuple(o.name for o in credit.outlets) == outlets
    for span in (*credit.authors, *credit.outlets):
        assert line[span.start : span.end] == span.text


@pytest.mark.parametrize(
    ("text", "dateline", "body_start"),
    [
        ("WEST PALM BEACH, Fla. — Former President Trump spoke.", "WEST PALM BEACH, Fla. —", "Former"),
        ("MOSCOW (Reuters) - Russia said on Monday it would respond.", "MOSCOW (Reuters) -", "Russia"),
        ("LONDON, March 3 (Reuters) - Britain's economy grew.", "LONDON, March 3 (Reuters) -", "Britain"),
        ("WASHINGTON (AP) — The Senate passed the bill.", "WASHINGTON (AP) —", "The Senate"),
        ("KYIV, Ukraine -- Sirens sounded overnight.", "KYIV, Ukraine --", "Sirens"),
        ("Moscow (Reuters) - Russia said so.", "Moscow (Reuters) -", "Russia"),
        ("(Reuters) - Shares fell.", "(Reuters) -", "Shares"),
        # negatives
        ("NATO — the alliance — met in Brussels.", None, "NATO"),
        ("The mayor – who was late – spoke first.", None, "The mayor"),
        ("Moscow - the capital - was quiet.", None, "Moscow"),
    ],
)
def test_datelines(text: str, dateline: str | None, body_start: str) -> None:
    layout = analyze_layout(text)
    got = text[layout.dateline[0] : layout.dateline[1]] if layout.dateline else None
    assert got == dateline
    assert body_text(text, layout).startswith(body_start)


def test_dateline_only_where_the_story_starts() -> None:
    lede = "The talks began in Geneva on Monday, " + "and the delegations argued over the agenda, " * 5 + "aides said."
    text = lede + "\nLONDON — Officials met again."
    assert analyze_layout(text).dateline is None  # a story paragraph above it: a place name, not the dateline
    assert match_dateline("LONDON — Officials met again.") is not None


@pytest.mark.parametrize(
    ("text", "title", "left_out", "body_start"),
    [
        (  # headline (ending in a period), photo caption, then the dateline that starts the story
            "Comey memos released to Congress, track his testimony and new book.\n\n"
            "Members of the migrant caravan at the border wall in Tijuana on Sunday.\n\n"
            "WASHINGTON — A series of memos were released on Thursday.\n\nMore text.",
            "Comey memos released to Congress, track his testimony and new book.",
            ["dek or caption"],
            "A series of memos",
        ),
        (  # a dek under a known title
            "Prison guards charged\nTwo federal prison officers charged with falsifying records\n"
            "WASHINGTON – Two federal prison officers were charged Tuesday.\nMore.",
            "Prison guards charged",
            ["dek or caption"],
            "Two federal prison officers were charged",
        ),
        (  # no dateline: nothing left out
            "Blair returns from peace mission\n\nMembers of the cabinet met on Sunday.\n\nThe talks went on.",
            "Blair returns from peace mission",
            [],
            "Members of the cabinet",
        ),
        (  # a dateline too far down is no dateline
            "Title here\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\nLONDON — Officials met again.",
            "Title here",
            [],
            "One.",
        ),
    ],
)
def test_lines_above_the_dateline_are_not_body(text: str, title: str, left_out: list[str], body_start: str) -> None:
    layout = analyze_layout(text)
    assert layout.title == title
    assert [r for _, _, r in layout.boilerplate if r not in ("title", "dateline")] == left_out
    assert body_text(text, layout).startswith(body_start)


@pytest.mark.parametrize(
    ("given", "outlet", "expected"),
    [
        (("Analysis by Chris Cillizza", "CNN Editor-at-large"), "CNN", ("Chris Cillizza",)),
        (("Ilana Muhlstein", "MS", "RDN"), None, ("Ilana Muhlstein",)),
        (("Troy Smith", "Cleveland com"), "Cleveland", ("Troy Smith",)),
        (("Greg Beacham", "Ap Sports Writer"), None, ("Greg Beacham",)),
        (("Sandee LaMotte", "CNN"), "MSN", ("Sandee LaMotte",)),
        (("Meg Kinnard", "Errin Haines", "Associated Press"), None, ("Meg Kinnard", "Errin Haines")),
        (("Admin",), None, ()),
        (("John Cameron", "john cameron"), None, ("John Cameron",)),
        (("Phil Helsel is a reporter",), "NBC News", ("Phil Helsel",)),
        (("Mike Wuerthele", "Malcolm Owen Monday", "November"), None, ("Mike Wuerthele", "Malcolm Owen")),
        (("Theresa May", "Kim June"), None, ("Theresa May", "Kim June")),  # names that are also dates stay
        (("Tom Gillespie News reporter",), "Sky News", ("Tom Gillespie",)),
        (("Carrie Arnold November",), None, ("Carrie Arnold",)),
        (("JERUSALEM POST STAFF NOVEMBER",), "jpost.com", ()),
        (("Paul Takahashi", "Staff writer"), None, ("Paul Takahashi",)),
        (("The Russian", "Syrian defense ministries"), None, ()),
        (("Ludwig van Beethoven", "Vincent van Gogh"), None, ("Ludwig van Beethoven", "Vincent van Gogh")),
        (("Jane Doe",), "The Nation View", ("Jane Doe",)),  # a person is kept
    ],
)
def test_metadata_authors_are_persons(given: tuple[str, ...], outlet: str | None, expected: tuple[str, ...]) -> None:
    assert clean_authors(given, outlet) == expected
    assert analyze_layout("Some text.\nMore text.", authors=given, outlet=outlet).authors == expected


@pytest.mark.parametrize(
    ("outlet", "expected"), [("Autoracing | F1 | Indy | MotoGP", "Autoracing"), ("The Hill", "The Hill"), (None, None)]
)
def test_site_name_without_sections(outlet: str | None, expected: str | None) -> None:
    assert analyze_layout("Some text.\nMore text.", outlet=outlet).outlet == expected


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Follow us on Twitter", "social"),
        ("Follow Jane Roe on X @janeroe", "social"),
        ("Sign up for our daily newsletter", "newsletter"),
        ("Get the best stories delivered to your inbox", "newsletter"),
        ("Share this article", "share"),
        ("Facebook Twitter Email", "share"),
        ("Subscribe now", "subscribe"),
        ("Photo: Jane Doe/AP", "photo credit"),
        ("(Photo by John Smith/AFP via Getty Images)", "photo credit"),
        ("Image credit: NASA", "photo credit"),
        ("Advertisement", "advertisement"),
        ("Story continues below advertisement", "advertisement"),
        ("Read more: Why the council voted no", "related links"),
        ("Copyright 2024 Metro Daily. All rights reserved.", "copyright"),
        ("© 2024 Metro Daily", "copyright"),
        ("Reporting by Ivan Petrov; Editing by Alex Smith", "credits"),
        ("Updated: March 3, 2024 10:05 AM", "timestamp"),
        ("Published on Tue, 5 March 2024", "timestamp"),
        ("Source: IL Tempo", "source line"),
        ("Originally published in The Conversation.", "source line"),
    ],
)
def test_boilerplate_lines(line: str, reason: str) -> None:
    text = f"The council met on Tuesday and voted.\n{line}\nThe vote was close."
    layout = analyze_layout(text)
    assert left_out(text, layout) == {reason: [line]}
    assert len(layout.body) == 2


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell 5% on Monday after the report.",
        "Follow the money, the prosecutor told the jury.",
        "Subscribers complained about the price rise.",
        "Published reports say the deal will be done by 2025.",
        "Photos of the flood spread on social media, and the mayor responded.",
        "Sources said the talks had stalled.",
        "Watch the skies tonight, the agency advised.",
    ],
)
def test_body_lines_that_look_like_boilerplate_stay(line: str) -> None:
    text = f"The council met on Tuesday and voted.\n{line}\nThe vote was close."
    layout = analyze_layout(text)
    assert layout.boilerplate == ()
    assert body_text(text, layout) == text


@pytest.mark.parametrize(
    ("bio", "author", "outlet"),
    [
        ("Jane Roe is a senior correspondent for the Metro Daily.", "Jane Roe", "The Metro Daily"),
        ("Ann Lee is a freelance journalist based in Rome.", "Ann Lee", None),
        ("Maria Lopez covers politics for the Palm Beach Post.", "Maria Lopez", "The Palm Beach Post"),
        ("Bo Chan, a former diplomat, is a columnist at The Globe and Mail.", "Bo Chan", "The Globe and Mail"),
    ],
)
def test_author_bio_at_the_end(bio: str, author: str, outlet: str | None) -> None:
    text = f"The council met on Tuesday.\nIt voted on the budget.\n\n{bio}"
    layout = analyze_layout(text)
    assert layout.authors == (author,)
    assert layout.outlet == outlet
    assert bio not in body_text(text, layout)


@pytest.mark.parametrize(
    "last",
    [
        "Navalny is a lawyer and activist who has been jailed since 2021.",
        "Smith is a reporter's worst nightmare, one colleague said.",
        "The reporter is a veteran of the paper.",
    ],
)
def test_closing_body_paragraphs_are_not_bios(last: str) -> None:
    text = f"The council met on Tuesday.\n{last}"
    layout = analyze_layout(text)
    assert layout.authors == () and layout.boilerplate == ()


def test_empty_and_blank_text() -> None:
    assert analyze_layout("").body == ()
    assert analyze_layout(" \n\t\n").body == ()


@pytest.mark.parametrize(
    ("line", "left_out"),
    [
        ("BLACK DEATH PLAGUE fears: Holidaymakers die after eating marmot [INSIGHT]", True),
        ("Royal news: Prince Andrew steps back from duties [LATEST]", True),
        ("The court heard that the defendant [Smith] had lied.", False),
    ],
)
def test_teaser_links_with_a_bracket_tag_are_not_body(line: str, left_out: bool) -> None:
    text = "A story\n\nThe first paragraph of the story is here.\n" + line + "\nThe story goes on."
    layout = analyze_layout(text)
    assert (line not in body_text(text, layout)) is left_out
