"""Time expressions: extraction extents, TIMEX3 values, the two anchors, and the numbers that are not dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.model import Timex
from dossier.nlp.timexes import extract_timexes
from dossier.nlp.timexes.calendar import duration, parse_point, year_for

PUB = "2023-03-10"  # a Friday; ISO week 2023-W10


def values(text: str, published: str | None = PUB) -> list[tuple[str, str]]:
    """(text, value) of every expression found."""
    return [(t.text, t.value) for t in extract_timexes(text, published=published)]


def one(text: str, published: str | None = PUB) -> Timex:
    found = extract_timexes(text, published=published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "expr", "value", "kind"),
    [
        # years, decades, centuries
        ("He was arrested in 2016.", "2016", "2016", "DATE"),
        ("It grew in the 1990s.", "the 1990s", "199", "DATE"),
        ("It grew in the early 1990s.", "the early 1990s", "199", "DATE"),
        ("Prices peaked in the '80s.", "the '80s", "198", "DATE"),
        ("The war shaped the 20th century.", "the 20th century", "19", "DATE"),
        ("In fiscal 1989 it earned more.", "fiscal 1989", "1989", "DATE"),
        ("It happened in nineteen ninety-one.", "nineteen ninety-one", "1991", "DATE"),
        # explicit dates in the common news formats
        ("The invasion began on 24 February 2022.", "24 February 2022", "2022-02-24", "DATE"),
        ("The invasion began on February 24, 2022.", "February 24, 2022", "2022-02-24", "DATE"),
        ("The invasion began on Feb. 24, 2022.", "Feb. 24, 2022", "2022-02-24", "DATE"),
        ("Filed 2022-02-24 in Kyiv.", "2022-02-24", "2022-02-24", "DATE"),
        ("Filed 2/24/2022 in Kyiv.", "2/24/2022", "2022-02-24", "DATE"),
        ("Filed 24/2/2022 in Kyiv.", "24/2/2022", "2022-02-24", "DATE"),
        ("Filed 2022/02/24 in Kyiv.", "2022/02/24", "2022-02-24", "DATE"),
        ("Filed 24.02.2022 in Kyiv.", "24.02.2022", "2022-02-24", "DATE"),
        ("Q3 2022 results were weak.", "Q3 2022", "2022-Q3", "DATE"),
        ("Q4 profits rose.", "Q4", "2022-Q4", "DATE"),
        ("In FY2022 it lost money.", "FY2022", "2022", "DATE"),
        ("The talks ended on the 3rd of March.", "the 3rd of March", "2023-03-03", "DATE"),
        ("They met in January 2021.", "January 2021", "2021-01", "DATE"),
        ("The deal closed in the third quarter of 1990.", "the third quarter of 1990", "1990-Q3", "DATE"),
        ("Sales grew in the first half of 2021.", "the first half of 2021", "2021-H1", "DATE"),
        ("It snowed in the winter of 1994.", "the winter of 1994", "1994-WI", "DATE"),
        # deictic: resolved against publication (2023-03-10, a Friday)
        ("The minister resigned yesterday.", "yesterday", "2023-03-09", "DATE"),
        ("The minister resigns today.", "today", "2023-03-10", "DATE"),
        ("The minister will resign tomorrow.", "tomorrow", "2023-03-11", "DATE"),
        ("The minister resigned last Tuesday.", "last Tuesday", "2023-03-07", "DATE"),
        ("The minister resigned on Tuesday.", "Tuesday", "2023-03-07", "DATE"),
        ("The minister will resign on Tuesday.", "Tuesday", "2023-03-14", "DATE"),
        ("The minister resigned two weeks ago.", "two weeks ago", "2023-W08", "DATE"),
        ("The minister resigned three years ago.", "three years ago", "2020", "DATE"),
        ("The vote is next month.", "next month", "2023-04", "DATE"),
        ("The vote was last month.", "last month", "2023-02", "DATE"),
        ("The vote is this week.", "this week", "2023-W10", "DATE"),
        ("The vote was last year.", "last year", "2022", "DATE"),
        ("Profits rose earlier this year.", "earlier this year", "2023", "DATE"),
        ("It will open next spring.", "next spring", "2024-SP", "DATE"),
        ("Profits fell in the fourth quarter.", "the fourth quarter", "2022-Q4", "DATE"),
        ("He resigned in January.", "January", "2023-01", "DATE"),
        ("She spoke this morning.", "this morning", "2023-03-10TMO", "TIME"),
        ("The blast came at 3 p.m.", "3 p.m.", "2023-03-10T15:00", "TIME"),
        ("Troops crossed at 10:35 a.m. EDT.", "10:35 a.m. EDT", "2023-03-10T10:35", "TIME"),
        ("The strike began Tuesday morning.", "Tuesday morning", "2023-03-07TMO", "DATE"),
        # vague references
        ("The party is now in opposition.", "now", "PRESENT_REF", "DATE"),
        ("He recently left.", "recently", "PAST_REF", "DATE"),
        ("He is currently abroad.", "currently", "PRESENT_REF", "DATE"),
        ("Rates will fall in the near future.", "the near future", "FUTURE_REF", "DATE"),
        # durations
        ("He served three years in prison.", "three years", "P3Y", "DURATION"),
        ("They were held for 48 hours.", "48 hours", "PT48H", "DURATION"),
        ("The feud lasted a decade.", "a decade", "P10Y", "DURATION"),
        ("The feud lasted two decades.", "two decades", "P20Y", "DURATION"),
        ("She waited 2 1/2 years.", "2 1/2 years", "P2Y6M", "DURATION"),
        ("The talks took 5 1/2 hours.", "5 1/2 hours", "PT5H30M", "DURATION"),
        ("Prices rose over the past two weeks.", "the past two weeks", "P2W", "DURATION"),
        ("Profit for the first nine months rose.", "the first nine months", "P9M", "DURATION"),
        ("The 30-year bond fell.", "30-year", "P30Y", "DURATION"),
        ("It will take several years.", "several years", "PXY", "DURATION"),
        ("Talks will resume in the coming weeks.", "the coming weeks", "PXW", "DURATION"),
        ("The siege lasted nearly two months.", "nearly two months", "P2M", "DURATION"),
        ("It took a year and a half.", "a year and a half", "P1Y6M", "DURATION"),
        ("He waited two and a half hours.", "two and a half hours", "PT2H30M", "DURATION"),
        # sets
        ("The market opens every Monday.", "every Monday", "XXXX-WXX-1", "SET"),
        ("The fee is paid annually.", "annually", "P1Y", "SET"),
        ("The report is revised each year.", "each year", "P1Y", "SET"),
        ("The bus runs daily.", "daily", "P1D", "SET"),
        ("The committee meets every two weeks.", "every two weeks", "P2W", "SET"),
    ],
)
def test_value(text: str, expr: str, value: str, kind: str) -> None:
    t = one(text)
    assert (t.text, t.value, t.type) == (expr, value, kind)
    assert text[t.start : t.end] == t.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # narrative anchor: the story's own time, whatever the publication date
        (
            "In 2016 he was arrested. The following year he was released.",
            [("2016", "2016"), ("The following year", "2017")],
        ),
        ("In 2016 he was arrested. The next year he was released.", [("2016", "2016"), ("The next year", "2017")]),
        ("In 2016 he was arrested. A year later he was freed.", [("2016", "2016"), ("A year later", "2017")]),
        ("In 2016 he was arrested. Two years later he fled.", [("2016", "2016"), ("Two years later", "2018")]),
        ("In 2016 he was arrested; the previous year he had moved.", [("2016", "2016"), ("the previous year", "2015")]),
        (
            "In March 2019 he left. The following month he returned.",
            [("March 2019", "2019-03"), ("The following month", "2019-04")],
        ),
        (
            "He left on May 3, 2019. The next day he returned.",
            [("May 3, 2019", "2019-05-03"), ("The next day", "2019-05-04")],
        ),
        ("He left in 2019. That year the war began.", [("2019", "2019"), ("That year", "2019")]),
        (
            "It began in the summer of 2015. The following winter it ended.",
            [("the summer of 2015", "2015-SU"), ("The following winter", "2015-WI")],
        ),
    ],
)
def test_narrative_anchor(text: str, expected: list[tuple[str, str]]) -> None:
    for published in (PUB, None):
        assert values(text, published) == expected
    following = extract_timexes(text, published=PUB)[1]
    assert following.anchor == "narrative"


def test_narrative_falls_back_to_publication_without_a_story_time() -> None:
    t = one("The following year he was released.")
    assert (t.value, t.anchor) == ("2024", "publication")
    assert one("The following year he was released.", None).value == "XXXX"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The invasion started on February 24th.", "XXXX-02-24"),
        ("The minister resigned last Tuesday.", "XXXX-WXX-2"),
        ("The minister resigned yesterday.", "XXXX-XX-XX"),
        ("The vote is next month.", "XXXX-XX"),
        ("It was agreed in January.", "XXXX-01"),
        ("The minister resigns today.", "PRESENT_REF"),
        ("The blast came at 3 p.m.", "XXXX-XX-XXT15:00"),
    ],
)
def test_without_publication_unknown_parts_stay_x(text: str, value: str) -> None:
    t = one(text, None)
    assert t.value == value
    assert t.anchor is None


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        # month and day without a year: the occurrence nearest publication, the tense breaking near-ties
        ("The invasion started on February 24th.", "2023-03-10", "2023-02-24"),
        ("The summit will open on January 14.", "2022-11-20", "2023-01-14"),
        ("The summit opened on December 20.", "2023-01-05", "2022-12-20"),
        ("Payment is due Dec. 15.", "1989-10-26", "1989-12-15"),
        ("He was shot on Oct. 23 in his kitchen.", "1999-05-05", "1998-10-23"),
        # weekday: past tense -> the latest on or before publication (publication day included)
        ("Bombs exploded Friday.", "1998-08-07", "1998-08-07"),
        ("Bombs exploded Saturday.", "1998-08-07", "1998-08-01"),
        ("The team plans to leave on Thursday.", "1998-09-30", "1998-10-01"),
        ("The election, widely tipped for 5 May, looks close.", "2005-01-15", "2005-05-05"),
        ("They will vote next Friday.", "2023-03-10", "2023-03-17"),
        ("Exiles planned a large demonstration on Saturday.", "2000-01-07", "2000-01-08"),
        ("On Friday, the government planned to pay the families.", "1998-09-30", "1998-09-25"),
    ],
)
def test_publication_anchor_and_tense(text: str, published: str, value: str) -> None:
    t = one(text, published)
    assert (t.value, t.anchor) == (value, "publication")


@pytest.mark.parametrize(
    "text",
    [
        "Revenue reached 100M last quarter's target.".replace(" last quarter's target", ""),
        "The account number is 2882015.",
        "He paid $2,016 for the car.",
        "More than 2,000 people marched.",
        "The measure won 1990 votes.",
        "Shares rose 2016% in a decade of growth.".replace(" in a decade of growth", ""),
        "The team scored 2018 points.",
        "Call 555-2016 now.".replace(" now", ""),
        "He lives at 1600 Pennsylvania Avenue.",
        "They read the daily Kommersant.",
        "The Communist Party daily Granma compared Elian with a hero.",
        "Three quarters of the vote went to him.",
        "He tried a second time.",
        "The 6-year-old boy was found.",
        "The current account deficit widened.",
        "The fall of the Berlin Wall changed Europe.",
        "You may go.",
        "He will march on the capital.",
        "Flight 2016 landed.",
        "It costs 1,999 euros.",
        "Sales rose 12.50 percent.",
        "Euro 2016 was won by Portugal.",
        "He works for a venture called Orion 1980, making parts.",
    ],
)
def test_numbers_that_are_not_times(text: str) -> None:
    assert extract_timexes(text, published=PUB) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Macron vowed to rebuild the 850-year-old landmark.", [("850-year-old", "P850Y")]),
        ("The IRA's 8-month-old truce held.", [("8-month-old", "P8M")]),
        ("Ahmed, a 24-year-old engineer, left.", []),
        ("The 6-year-old was found at sea.", []),
        ("He was 37 years old when he was kidnapped.", []),
        ("The decades-old feud ended.", [("decades-old", "PXDE")]),
    ],
)
def test_ages_of_things_are_durations_ages_of_people_are_not(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Elian was found Thanksgiving Day clinging to a tube.", "2000-04-17", ("Thanksgiving Day", "1999-11-25")),
        ("It is a theme from now to Election Day.", "1998-10-26", ("Election Day", "1998-11-03")),
        ("Protesters prayed as Easter week began.", "2000-04-17", ("Easter week", "2000-W16")),
        ("He left on Christmas Eve 2019.", "2023-03-10", ("Christmas Eve 2019", "2019-12-24")),
        ("He was found last Christmas.", "2023-03-10", ("last Christmas", "2022-12-25")),
        ("He traveled to North Korea over Easter weekend.", "2018-04-20", ("Easter weekend", "2018-W13-WE")),
    ],
)
def test_holidays(text: str, published: str, expected: tuple[str, str]) -> None:
    assert expected in values(text, published)


@pytest.mark.parametrize(
    "text",
    [
        "Gonzalez said on CBS's 60 Minutes that he would stay.",
        "Speaking on ABC's This Week, Baker said the request stood.",
        "This is VOA Today.",
        "It reminded him of the film High Noon.",
        "Thousands joined the March Without Borders.",
    ],
)
def test_show_titles_are_not_times(text: str) -> None:
    assert extract_timexes(text, published=PUB) == []


def test_agreed_on_monday_is_the_past_monday() -> None:
    text = "European Union leaders agreed on Monday to extend sanctions, diplomats said."
    assert values(text, "2021-06-15") == [("Monday", "2021-06-14")]


def test_would_be_looks_ahead() -> None:
    assert values("Michel added that the measures would be reviewed in December.", "2021-06-15") == [
        ("December", "2021-12")
    ]


def test_ranges_of_years() -> None:
    assert values("Prices fell in 2014-2016.") == [("2014", "2014"), ("2016", "2016")]
    assert values("The 2022/23 season ended.") == [("2022", "2022")]
    assert values("The half-time score in the second half stood.") == []


def test_2010_year_is_the_year_not_a_duration() -> None:
    assert values("The 2010 Year of Biodiversity.") == [("2010", "2010")]


def test_relative_dates_use_the_article_not_today() -> None:
    assert values("The minister resigned yesterday.", "1998-08-07") == [("yesterday", "1998-08-06")]
    assert values("The vote was last year.", "1989-11-02") == [("last year", "1988")]


def test_offsets_index_the_text_and_are_sorted() -> None:
    text = "On Monday, Feb. 6, 2023, at 9 a.m., three years after the vote, he left; the next day he spoke."
    found = extract_timexes(text, published=PUB)
    assert [t.start for t in found] == sorted(t.start for t in found)
    for t in found:
        assert text[t.start : t.end] == t.text
    assert ("Monday, Feb. 6, 2023", "2023-02-06") in values(text)
    assert ("the next day", "2023-02-07") in values(text)


def test_year_comparison_keeps_the_quarter_under_discussion() -> None:
    text = "Profit fell in the third quarter, from $5 million a year earlier. The latest quarter also had a charge."
    assert values(text, "1989-11-02") == [
        ("the third quarter", "1989-Q3"),
        ("a year earlier", "1988-Q3"),
        ("The latest quarter", "1989-Q3"),
    ]


def test_finer_step_than_the_story_time_leaves_x() -> None:
    assert values("He left in 2019. The next day he returned.")[1] == ("The next day", "2019-XX-XX")
    assert values("He lost the 2016 election. Two months later he wrote.")[1] == ("Two months later", "2016-XX")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a weekday's "late"/"early" is part of it; bare "hours"/"days" before later/after/of are durations
        ("President Trump late Thursday tweeted about it.", [("late Thursday", "2023-03-09")]),
        ("Trump fired back hours later via Twitter.", [("hours", "PTXH")]),
        ("After days of ominous reports, it came.", [("days", "PXD")]),
        ("It came in the early hours of Thursday.", [("Thursday", "2023-03-09")]),
        # a month with "of last year"; "may" and a present passive look ahead, not back
        ("It began in February of last year.", [("February of last year", "2022-02")]),
        ("They may hit the links again on Wednesday.", [("Wednesday", "2023-03-15")]),
        ("The plan stalls when the deadline is reached in September.", [("September", "2023-09")]),
    ],
)
def test_extents_and_cues_from_news(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected


def test_a_persons_surname_is_not_a_month() -> None:
    text = "Trump and May last met in Davos. They meet again in April and May."
    found = [(t.text, t.start) for t in extract_timexes(text, published=PUB, surnames=frozenset({"May"}))]
    assert found == [("April", text.index("April")), ("May", text.rindex("May"))]


@pytest.mark.parametrize(
    "published", ["2023-03-10T08:15:00Z", "March 10, 2023", "Fri, 10 Mar 2023 08:15:00 +0000", "10 March 2023"]
)
def test_published_forms(published: str) -> None:
    assert values("It happened yesterday.", published) == [("yesterday", "2023-03-09")]


@pytest.mark.parametrize("published", ["yesterday", "last week", "soon", "", "n/a"])
def test_relative_or_empty_published_is_no_anchor(published: str) -> None:
    assert values("It happened yesterday.", published) == [("yesterday", "XXXX-XX-XX")]


def test_seed(seed_path: Path) -> None:
    text = seed_path.read_text(encoding="utf-8")
    got = [(t.text, t.value) for t in extract_timexes(text)]
    assert ("2016", "2016") in got and ("2017", "2017") in got
    assert ("The following year", "2017") in got
    assert ("February 24th", "XXXX-02-24") in got
    dated = {t.text: t for t in extract_timexes(text, published="2023-03-10")}
    assert dated["The following year"].value == "2017"  # narrative, whatever the publication date
    assert dated["The following year"].anchor == "narrative"
    assert dated["February 24th"].value == "2023-02-24"  # the latest February 24th before publication
    assert not any(t.value.startswith("10") or t.text == "10" for t in dated.values())  # "10 times" is no time


@pytest.mark.parametrize(
    ("n", "unit", "value"),
    [
        (3, "Y", "P3Y"),
        (48, "H", "PT48H"),
        (1, "DE", "P10Y"),
        (None, "Y", "PXY"),
        (1.5, "H", "PT1H30M"),
        (2, "Q", "P6M"),
    ],
)
def test_duration_values(n: float | None, unit: str, value: str) -> None:
    assert duration(n, unit) == value


def test_calendar_helpers() -> None:
    from datetime import date

    assert parse_point("2023-W10") == ("W", date(2023, 3, 6))
    assert parse_point("PRESENT_REF") is None
    assert year_for(date(2023, 3, 10), 2, 24, "past") == 2023
    assert year_for(date(2023, 3, 10), 12, 1, None) == 2022


def test_tempeval_quality_gate() -> None:
    """TimeBank + AQUAINT (TempEval-3 training data) scores stay above floors; skipped without the shared data."""
    from benchmarks import tempeval

    if not tempeval.CORPUS.is_dir():
        pytest.skip(f"{tempeval.CORPUS} not found")
    docs = tempeval.load_corpus(tempeval.CORPUS)
    ours, _ = tempeval.run_dossier(docs)
    scores = tempeval.score([(list(d.gold), s) for d, s in zip(docs, ours, strict=True)])
    # floors a little under the figures of benchmarks/results/tempeval.json (0.946 relaxed, 0.814 value)
    assert scores["relaxed_f1"] >= 0.93
    assert scores["strict_f1"] >= 0.87
    assert scores["value_f1"] >= 0.80
    assert scores["type_f1"] >= 0.89


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Orangemen march each July from their church.", [("each July", "XXXX-07")]),
        ("The fair opens every September.", [("every September", "XXXX-09")]),
        ("They ski every winter.", [("every winter", "XXXX-WI")]),
        # negative: a dated month is a date, not a set; a bare month is a date
        ("They meet each May 5 in Riga.", [("May 5", "2023-05-05")]),
        ("He resigned in July.", [("July", "2022-07")]),
    ],
)
def test_recurring_months_and_seasons_are_sets(text: str, expected: list[tuple[str, str]]) -> None:
    found = extract_timexes(text, published=PUB)
    assert [(t.text, t.value) for t in found] == expected
    assert all((t.type == "SET") == t.value.startswith("XXXX-") for t in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the year's reporting period is the quarter the story is about (TimeBank's financial news)
        (
            "Net rose in the third quarter. In the 1988 period, it earned $5 million.",
            [("the third quarter", "1989-Q3"), ("the 1988 period", "1988-Q3")],
        ),
        # a comparison does not move the story's quarter
        (
            "Net rose in the third quarter. In the 1988 period it lost money; the year-ago quarter was worse.",
            [("the third quarter", "1989-Q3"), ("the 1988 period", "1988-Q3"), ("the year-ago quarter", "1988-Q3")],
        ),
        # negative: without a quarter under discussion the period is the year (the quarter unknown)
        ("In the 1988 period, it earned $5 million.", [("the 1988 period", "1988")]),
        ("It earned $3 in the 1988 quarter.", [("the 1988 quarter", "1988-QX")]),
    ],
)
def test_year_period_takes_the_story_quarter(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text, "1989-10-26") == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The new labor pact takes hold, effective June 1.", "1990-06-01"),
        ("U.S. Trust created an office of the chairman, effective Feb. 1.", "1990-02-01"),
        # negative: without the cue the nearest occurrence wins
        ("The new labor pact was signed June 1.", "1989-06-01"),
    ],
)
def test_effective_looks_ahead(text: str, value: str) -> None:
    assert one(text, "1989-10-26").value == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "ago" takes no object, so a determiner after it does not break the expression
        ("Two weeks ago the bank failed.", [("Two weeks ago", "DATE", "2023-W08")]),
        ("Three years ago his son died.", [("Three years ago", "DATE", "2020")]),
        # hours and minutes later: no calendar date to give, so the duration as TimeBank marks it
        ("Ten minutes later his car exploded.", [("Ten minutes", "DURATION", "PT10M")]),
        ("Just over an hour later, he was declared dead.", [("Just over an hour", "DURATION", "PT1H")]),
        # negative: days later stay dates on the story's time; "ago" with hours stays a past reference
        (
            "He was arrested on May 3, 2021. Two days later he was freed.",
            [("May 3, 2021", "DATE", "2021-05-03"), ("Two days later", "DATE", "2021-05-05")],
        ),
        ("Two hours ago the plane landed.", [("Two hours ago", "DATE", "PAST_REF")]),
        ("It opened two years later than planned.", [("two years", "DURATION", "P2Y")]),
    ],
)
def test_offsets(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(t.text, t.type, t.value) for t in extract_timexes(text, published=PUB)] == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a scheduled event in the present tense looks ahead (PUB is a Friday)
        ("The trial opens Monday.", "2023-03-13"),
        ("The 10-day trip begins Monday.", "2023-03-13"),
        ("Parliament convenes Tuesday.", "2023-03-14"),
        # negative: a past cue nearer the weekday still wins; no cue at all is the past
        ("He said Monday that the trial opens soon.", "2023-03-06"),
        ("Stocks fell Monday.", "2023-03-06"),
    ],
)
def test_scheduled_present_looks_ahead(text: str, value: str) -> None:
    assert next(t for t in extract_timexes(text, published=PUB) if t.type == "DATE").value == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Net rose in the third quarter. For the quarter a year ago, it lost money.",
            [("the third quarter", "1989-Q3"), ("the quarter a year ago", "1988-Q3")],
        ),
        (
            "Net rose in the third quarter. U.K. sales for last year's quarter fell.",
            [("the third quarter", "1989-Q3"), ("last year's quarter", "1988-Q3")],
        ),
        (
            "Net rose in the third quarter, against a loss for the corresponding period last year.",
            [("the third quarter", "1989-Q3"), ("the corresponding period last year", "1988-Q3")],
        ),
        # without a quarter under discussion: the latest reported quarter (1989-Q3), a year back
        ("It earned $3 million in the year-ago quarter.", [("the year-ago quarter", "1988-Q3")]),
        # negative: last year's results are last year's
        ("Last year's results were weak.", [("Last year", "1988")]),
    ],
)
def test_same_quarter_a_year_back(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text, "1989-11-01") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He works Sunday mornings.", [("Sunday mornings", "SET", "XXXX-WXX-7TMO")]),
        (
            "Flights leave on Monday and Tuesday nights.",
            [("Monday", "SET", "XXXX-WXX-1TNI"), ("Tuesday nights", "SET", "XXXX-WXX-2TNI")],
        ),
        # negative: one Sunday morning, or two days, are dates
        ("He left Sunday morning.", [("Sunday morning", "DATE", "2023-03-05TMO")]),
        ("He met Monday and Tuesday.", [("Monday", "DATE", "2023-03-06"), ("Tuesday", "DATE", "2023-03-07")]),
    ],
)
def test_weekday_parts_of_day_in_the_plural_are_sets(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(t.text, t.type, t.value) for t in extract_timexes(text, published=PUB)] == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("A hearing is set for the week of March 6.", "2000-02-24", ("the week of March 6", "2000-W10")),
        ("The week of March 6, 2000 was busy.", None, ("The week of March 6, 2000", "2000-W10")),
        ("A hearing is set for the week of March 6.", None, ("the week of March 6", "XXXX-WXX")),
        # negative: the day itself, without "the week of", is a day
        ("A hearing is set for March 6.", "2000-02-24", ("March 6", "2000-03-06")),
    ],
)
def test_the_week_of_a_date(text: str, published: str | None, expected: tuple[str, str]) -> None:
    assert values(text, published) == [expected]


def test_daily_is_a_set_unless_it_names_a_paper() -> None:
    assert values("It is published daily in Moscow.") == [("daily", "P1D")]
    assert values("The Moscow daily Kommersant reported it.") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # "would" puts what follows after the reporting time
        ("He said he would resign on Monday.", "2000-01-10"),
        ("It said the flights would leave from August 6.", "2000-08-06"),
        # a possessive day dates a noun: only the verb after it counts
        ("Ahead of Sunday's election, parties will rally.", "2000-01-09"),
        ("They said they would look for ways to get around Wednesday's ruling.", "2000-01-05"),
        # negative: "would have" is no future; a possessive with a past verb after it is past
        ("He said he would have won on Monday.", "2000-01-03"),
        ("Monday's attack killed 12.", "2000-01-03"),
    ],
)
def test_would_and_possessive_days(text: str, value: str) -> None:
    assert one(text, "2000-01-07").value == value  # a Friday


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("In London at mid-afternoon yesterday, shares rose.", PUB, ("mid-afternoon yesterday", "2023-03-09TAF")),
        ("Late afternoon today, he left.", PUB, ("Late afternoon today", "2023-03-10TAF")),
        ("In London at mid-afternoon yesterday, shares rose.", None, ("mid-afternoon yesterday", "XXXX-XX-XXTAF")),
        # negative: without a named day the part of day is the story's (here publication's) day
        ("In the morning, he left.", PUB, ("the morning", "2023-03-10TMO")),
    ],
)
def test_part_of_day_with_a_named_day(text: str, published: str | None, expected: tuple[str, str]) -> None:
    assert values(text, published) == [expected]


def test_a_date_inside_a_web_address_is_not_a_time_expression() -> None:
    from dossier.nlp.timexes import extract_timexes

    text = "Source: https://www.theguardian.com/world/2024/mar/12/story-1995 (published March 12, 2024)"
    assert [t.text for t in extract_timexes(text, published="2024-03-12")] == ["March 12, 2024"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Biden won; the 2020 election was on Nov. 3.", "2020-11-03"),  # the year names the occasion
        ("In 2016, he was arrested on March 3.", "2016-03-03"),  # the sentence opens on its year
        ("A program approved in 1987 had bought shares through Sept. 29.", "1989-09-29"),  # background year
    ],
)
def test_a_day_takes_its_sentences_year_only_when_the_year_sets_the_sentences_time(text: str, value: str) -> None:
    from dossier.nlp.timexes import extract_timexes

    assert extract_timexes(text, published="1989-10-30")[-1].value == value


@pytest.mark.slow
def test_the_pipeline_passes_the_articles_people_to_the_month_check() -> None:
    from dossier.api import analyze

    text = "Theresa May met Trump in London. Trump and May last met in Davos. He will visit again in May."
    article = analyze(text, published=PUB)
    assert [t.start for t in article.timexes if t.text == "May"] == [text.rindex("May")]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a second day coordinated with a month and day is a date of its own; a count after "and" is not
        ("The summit is held on April 24 and 25.", "1999-02-10", [("April 24", "1999-04-24"), ("25", "1999-04-25")]),
        ("On May 5 and 6 people died.", "1999-02-10", [("May 5", "1999-05-05")]),
        ("On May 5 and 30 percent of the vote.", "1999-02-10", [("May 5", "1999-05-05")]),
        # a year said in words after a month or a season (broadcast transcripts)
        ("January nineteen ninety-seven. Atlanta again.", "1998-02-27", [("January nineteen ninety-seven", "1997-01")]),
        ("We saw it in the winter of nineteen ninety-four.", "1998-02-23",
         [("the winter of nineteen ninety-four", "1994-WI")]),
        ("In May two thousand and one he left.", "1998-02-27", [("May two thousand and one", "2001-05")]),
        # a reporting period that "ended" is over, however long ago; a participle after "be" is not past tense
        ("In the fiscal year ended Jan. 31, the company reported sales.", "1989-10-31",
         [("the fiscal year", "P1Y"), ("Jan. 31", "1989-01-31")]),
        ("The dividend would be paid on a still unspecified date in January.", "1989-10-26", [("January", "1990-01")]),
    ],
)  # fmt: skip
def test_second_days_said_years_ended_periods_and_participles(
    text: str, published: str, expected: list[tuple[str, str]]
) -> None:
    assert values(text, published) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The stock pays a dividend of $1.76 a year.", []),
        ("The economy created jobs at a rate of 358,000 a month.", []),
        ("Rooms cost between $35 and $55 a night.", []),
        # a frequency stays a SET; a length stays a duration
        ("The board meets three times a year.", [("three times a year", "P1Y")]),
        ("It took a year.", [("a year", "P1Y")]),
    ],
)
def test_a_rate_of_an_amount_is_no_time_expression(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected


def test_the_latest_period_is_the_latest_reported_quarter() -> None:
    assert values("The latest period includes gains of $9.1 million.", "1989-10-26") == [
        ("The latest period", "1989-Q3")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # US time zones as news writes them now ("ET", "PT") belong to the clock time, and so does its day
        ("The show airs at 9 p.m. ET on Thursday.", [("9 p.m. ET on Thursday", "2023-03-09T21:00")]),
        ("The polls close at 8 p.m. PT.", [("8 p.m. PT", "2023-03-10T20:00")]),
        # "Minutes after", like "Hours later": an unknown number of minutes
        ("Minutes after the blast, police arrived.", [("Minutes", "PTXM")]),
    ],
)
def test_modern_time_zones_and_minutes_after(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected
