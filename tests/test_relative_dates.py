"""Direction of relative dates: tense, modals and cue words say whether a bare weekday, month or season lies
ahead of publication or behind it (issue 15). Sentences written for this test; each names the reading a
careful reader gives. Publication dates: Wednesday 2019-05-15 unless the case says otherwise."""

from __future__ import annotations

import pytest

from dossier.nlp.timexes import extract_timexes

WED = "2019-05-15"  # a Wednesday in May
FRI = "2019-05-17"  # a Friday
NOV = "2019-11-20"  # a Wednesday in November

CASES = [
    # forward: will / expected / scheduled / deadline / next / obligation
    ("The council is expected to give final approval of its budget on Monday night.", FRI, "Monday night",
     "2019-05-20TNI"),
    ("Lawmakers must pass the bill by Friday.", WED, "Friday", "2019-05-17"),
    ("The senate has to pass the bill by Friday.", WED, "Friday", "2019-05-17"),
    ("Construction is expected to begin in March.", WED, "March", "2020-03"),
    ("The program is funded through Sept. 30.", NOV, "Sept. 30", "2020-09-30"),
    ("The agency is funded through Sept. 30.", WED, "Sept. 30", "2019-09-30"),
    ("The talks will resume on Tuesday.", WED, "Tuesday", "2019-05-21"),
    # the publication's own weekday told ahead is next week's; told back (or with a weak cue) it is the day itself
    ("The leader will meet on Friday in the week ahead with the president.", FRI, "Friday", "2019-05-24"),
    ("The two men met on Friday, officials said.", FRI, "Friday", "2019-05-17"),
    ("Russia signed an economic cooperation plan Friday.", FRI, "Friday", "2019-05-17"),
    ("The minister will visit Paris in February.", WED, "February", "2020-02"),
    ("The vote is scheduled for Thursday.", WED, "Thursday", "2019-05-16"),
    ("The court is scheduled to rule in January.", NOV, "January", "2020-01"),
    ("The summit will take place next Tuesday.", WED, "next Tuesday", "2019-05-21"),
    ("Next March the rules change.", WED, "Next March", "2020-03"),
    ("The company plans to open the plant in October.", WED, "October", "2019-10"),
    ("The law takes effect next month.", WED, "next month", "2019-06"),
    ("Ministers are set to meet on Monday.", WED, "Monday", "2019-05-20"),
    ("Voters will go to the polls on Sunday.", FRI, "Sunday", "2019-05-19"),
    ("The deadline for bids is Friday.", WED, "Friday", "2019-05-17"),
    ("Applications must be filed by March 1.", NOV, "March 1", "2020-03-01"),
    ("The strike will last until Thursday.", WED, "Thursday", "2019-05-16"),
    ("The museum reopens in the spring.", NOV, "the spring", "2020-SP"),
    ("The plant will open in the summer.", WED, "the summer", "2019-SU"),
    ("The minister is due to resign in December.", WED, "December", "2019-12"),
    ("Talks are expected to conclude in April.", NOV, "April", "2020-04"),
    # a scheduling verb in the present ("ends", "resume", "meet"), a postponement ("adjourned until")
    ("The ceasefire ends on Sunday.", WED, "Sunday", "2019-05-19"),
    ("Talks resume on Monday.", WED, "Monday", "2019-05-20"),
    ("The two leaders meet separately Monday with the envoy.", FRI, "Monday", "2019-05-20"),
    ("The court adjourned the case until Tuesday.", WED, "Tuesday", "2019-05-21"),
    ("The judge deferred sentencing to Friday.", WED, "Friday", "2019-05-17"),
    # a date named as what something comes before: ahead when the sentence is not past
    ("Campaigners are gearing up ahead of the November elections.", WED, "November", "2019-11"),
    ("Parties are campaigning hard in the run-up to the March vote.", WED, "March", "2020-03"),
    ("Ahead of the March vote, the party changed its leader.", WED, "March", "2019-03"),
    # backward: past tense / last / ago
    ("The vote was held on Monday.", WED, "Monday", "2019-05-13"),
    ("He resigned in March.", WED, "March", "2019-03"),
    ("Last Friday, police arrested him.", WED, "Last Friday", "2019-05-10"),
    ("Police arrested two men on Sunday.", WED, "Sunday", "2019-05-12"),
    ("The company announced the sale in January.", WED, "January", "2019-01"),
    ("The company announced the sale in December.", WED, "December", "2018-12"),
    ("Prices rose in the summer.", WED, "the summer", "2018-SU"),
    ("Last March the rules changed.", WED, "Last March", "2019-03"),
    ("The court ruled last month.", WED, "last month", "2019-04"),
    ("She met the president on Tuesday.", WED, "Tuesday", "2019-05-14"),
    ("The bill passed the house in October.", NOV, "October", "2019-10"),
    ("The storm hit the coast on Aug. 30.", NOV, "Aug. 30", "2019-08-30"),
    ("Troops withdrew in September.", WED, "September", "2018-09"),
    ("He had met her on Thursday.", WED, "Thursday", "2019-05-09"),
    ("The ceasefire ended on Sunday.", WED, "Sunday", "2019-05-12"),
    ("The two leaders did not meet on Monday.", WED, "Monday", "2019-05-13"),
    # a holiday with its year after the occasion's noun
    ("Trump visited Paris for Bastille Day ceremonies last year.", WED, "Bastille Day", "2018-07-14"),
    ("The shops were busy at Christmas last year.", WED, "Christmas", "2018-12-25"),
    # generic: no calendar value
    ("We go there in the summer.", WED, "the summer", "XXXX-SU"),
    ("They meet every week.", WED, "every week", "P1W"),
    # an unnamed time to come, and a present that was
    ("Islam will one day be the second largest religion there.", WED, "one day", "FUTURE_REF"),
    ("Some day she will return.", WED, "Some day", "FUTURE_REF"),
    ("They stayed one day in Paris.", WED, "one day", "P1D"),
    ("Holders may buy shares at half the then-current price.", WED, "then-current", "PAST_REF"),
    ("Farmers plant in the spring.", WED, "the spring", "XXXX-SP"),
    # sets and durations read whole
    ("The store is open seven days a week.", WED, "seven days a week", "P1W"),
    ("Guards watch the site 24 hours a day.", WED, "24 hours a day", "P1D"),
    ("The feud lasted a quarter of a century.", WED, "a quarter of a century", "P25Y"),
    ("He ruled for half a century.", WED, "half a century", "P50Y"),
    ("The talks lasted half an hour.", WED, "half an hour", "PT30M"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "published", "phrase", "value"), CASES)
def test_relative_date_takes_the_direction_its_sentence_gives(
    text: str, published: str, phrase: str, value: str
) -> None:
    found = {t.text: t.value for t in extract_timexes(text, published=published)}
    assert found.get(phrase) == value, found


def test_a_day_named_in_full_before_keeps_its_year() -> None:
    text = "The memos describe a Feb. 8, 2017, encounter.\n\nAt that same Feb. 8 meeting, Comey challenged him."
    found = [(t.text, t.value) for t in extract_timexes(text, published="2018-04-19")]
    assert found == [("Feb. 8, 2017", "2017-02-08"), ("Feb. 8", "2017-02-08")]
    # without the earlier full date, the nearest past one
    assert [t.value for t in extract_timexes("At a Feb. 8 meeting, Comey challenged him.", published="2018-04-19")] == [
        "2018-02-08"
    ]


def test_seven_days_a_week_is_one_set_not_two_durations() -> None:
    found = [(t.text, t.type) for t in extract_timexes("The store is open seven days a week.", published=WED)]
    assert found == [("seven days a week", "SET")]


def test_there_are_forty_cases_or_more() -> None:
    assert len(CASES) >= 40
