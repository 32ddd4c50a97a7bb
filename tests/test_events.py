"""Events: sentence-level positives and negatives, roles, dates, locations, and the seed end to end.

Sentence tests parse with the real spaCy model and build entities from spaCy's own named
entities (one entity per name), so they do not depend on the entities/coreference stage; dates
are tested with hand-built ``Timex`` lists, so they do not depend on the timex stage.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from dossier.model import Entity, Event, Mention, Timex
from dossier.nlp.events.taxonomy import SENSES, TYPES

pytestmark = pytest.mark.slow


def _nlp():  # type: ignore[no-untyped-def]
    from dossier.nlp import pipeline

    return pipeline.load()


def _entities(doc) -> list[Entity]:  # type: ignore[no-untyped-def]
    """One entity per distinct spaCy name (no coreference: pronouns stay unresolved)."""
    groups: dict[tuple[str, str], list[Mention]] = {}
    for ent in doc.ents:
        if ent.label_ in ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"):
            groups.setdefault((ent.text, ent.label_), []).append(Mention(ent.start_char, ent.end_char, ent.text))
    return [
        Entity(id=f"E{i}", name=name, type=label, aliases=(name,), mentions=tuple(ms))
        for i, ((name, label), ms) in enumerate(groups.items(), 1)
    ]


def _timexes(text: str, values: dict[str, str]) -> list[Timex]:
    out = []
    for phrase, value in values.items():
        for m in re.finditer(re.escape(phrase), text):
            out.append(Timex(phrase, m.start(), m.end(), "DATE", value))
    return out


def events_of(
    text: str,
    timexes: dict[str, str] | None = None,
    published: str | None = None,
    entities: Sequence[Entity] | None = None,
) -> list[Event]:
    from dossier.nlp.events import extract_events

    doc = _nlp()(text)
    ents = list(entities) if entities is not None else _entities(doc)
    return extract_events(doc, ents, _timexes(text, timexes or {}), published=published)


def roles(event: Event) -> set[tuple[str, str]]:
    """(role, name) pairs, names without a leading "the" (spaCy keeps it in some entity spans)."""
    return {(p.role, re.sub(r"^the ", "", p.name, flags=re.I)) for p in event.participants}


def anaphoric_name(name: str) -> bool:
    """A participant name that is a description pointing elsewhere ("same country", "country")."""
    from dossier.nlp.events.args import ANAPHORIC_HEADS, ANAPHORIC_MODIFIERS

    words = name.lower().split()
    return bool(set(words) & ANAPHORIC_MODIFIERS) or (len(words) == 1 and words[0] in ANAPHORIC_HEADS)


def happened(events: list[Event]) -> list[Event]:
    """The events the text says took place (asserted, or reported by someone): not the ones it says did not, will
    or might."""
    return [e for e in events if e.modality in ("asserted", "reported")]


def only(events: list[Event], kind: str) -> Event:
    found = [e for e in events if e.type == kind]
    assert len(found) == 1, f"expected one {kind} event, got {[(e.type, e.trigger) for e in events]}"
    return found[0]


# --- taxonomy -------------------------------------------------------------------------------


def test_every_sense_names_a_type() -> None:
    assert {s.type for s in SENSES} <= set(TYPES)


def test_every_type_is_documented() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "events.md").read_text(encoding="utf-8")
    for name, kind in TYPES.items():
        assert f"| `{name}` |" in doc, f"{name} missing from docs/events.md"
        assert kind.cameo is None or kind.cameo in doc


def test_cameo_codes_are_numeric_strings() -> None:
    for t in TYPES.values():
        assert t.cameo is None or re.fullmatch(r"\d{2,4}", t.cameo), t


# --- positives: type, trigger, roles --------------------------------------------------------

POSITIVES = [
    ("Police arrested Maria Kolesnikova in Minsk.", "arrest", {("agent", "Police"), ("patient", "Maria Kolesnikova")}),
    (
        "Maria Kolesnikova was arrested by the KGB on Monday.",
        "arrest",
        {("patient", "Maria Kolesnikova"), ("agent", "KGB")},
    ),
    ("The arrest of Alexei Navalny shocked his supporters.", "arrest", {("patient", "Alexei Navalny")}),
    (
        "Iran released Nazanin Zaghari-Ratcliffe last year.",
        "release",
        {("agent", "Iran"), ("patient", "Nazanin Zaghari-Ratcliffe")},
    ),
    ("The United States and Russia carried out a prisoner swap in Abu Dhabi.", "exchange", {("participant", "Russia")}),
    (
        "Edward Snowden sought asylum in Russia.",
        "asylum_request",
        {("agent", "Edward Snowden"), ("recipient", "Russia")},
    ),
    ("Russia granted asylum to Edward Snowden.", "asylum_grant", {("agent", "Russia")}),
    ("Russia invaded Ukraine in February.", "invasion", {("agent", "Russia"), ("target", "Ukraine")}),
    (
        "Asked about the arrest of Alexei Navalny by Russian police, she declined to comment.",
        "arrest",
        {("patient", "Alexei Navalny")},
    ),
    ("Thousands of people protested against the government in Tbilisi.", "protest", {("location", "Tbilisi")}),
    ("Joe Biden was elected president of the United States.", "election", {("candidate", "Joe Biden")}),
    ("Boris Johnson resigned as prime minister.", "resignation", {("patient", "Boris Johnson")}),
    ("Gunmen killed Haitian President Jovenel Moise at his home.", "death", {("agent", "Gunmen")}),
    ("Queen Elizabeth died in London.", "death", {("patient", "Queen Elizabeth"), ("location", "London")}),
    (
        "Israel and the United Arab Emirates signed a peace agreement in Washington.",
        "agreement",
        {("participant", "Israel")},
    ),
    (
        "The European Union imposed sanctions on Belarus.",
        "sanctions",
        {("agent", "European Union"), ("target", "Belarus")},
    ),
    ("Ratko Mladic was sentenced to life in prison.", "trial", {("patient", "Ratko Mladic")}),
    ("Prosecutors charged Sam Bankman-Fried with fraud.", "charge", {("patient", "Sam Bankman-Fried")}),
    ("Xi Jinping met Joe Biden in Bali.", "meeting", {("participant", "Xi Jinping"), ("participant", "Joe Biden")}),
    ("Nancy Pelosi visited Taiwan.", "visit", {("agent", "Nancy Pelosi"), ("destination", "Taiwan")}),
    (
        "A car bomb exploded outside the embassy in Kabul.",
        "bombing",
        {("location", "Kabul"), ("instrument", "car bomb")},
    ),
    ("Russian forces shelled Kharkiv overnight.", "attack", {("target", "Kharkiv")}),
    ("Kim Jong Un threatened to strike Seoul.", "threat", {("agent", "Kim Jong Un")}),
    ("Gunmen seized dozens of hostages at a school in Beslan.", "arrest", {("agent", "Gunmen")}),
    ("Three bombs went off in Belfast.", "bombing", {("location", "Belfast")}),
    (
        "Oleg Gordievsky spied for Britain for a decade.",
        "espionage",
        {("agent", "Oleg Gordievsky"), ("beneficiary", "Britain")},
    ),
]


@pytest.mark.parametrize(("sentence", "kind", "expected"), POSITIVES, ids=[p[1] + ":" + p[0][:30] for p in POSITIVES])
def test_positive_sentence(sentence: str, kind: str, expected: set[tuple[str, str]]) -> None:
    event = only(events_of(sentence), kind)
    got = roles(event)
    missing = {r for r in expected if r not in got and not (r[0] == "location" and event.location == r[1])}
    assert not missing, f"missing {missing} in {got}"
    assert sentence[event.start : event.end] == event.trigger
    assert event.sentence.strip() == sentence
    root = TYPES[kind].cameo
    assert event.cameo == root or (event.cameo is not None and (root is None or event.cameo[:2] == root[:2]))


def test_passive_agent_and_patient_are_not_swapped() -> None:
    event = only(events_of("Artem Zinchenko was arrested by the Estonian Internal Security Service."), "arrest")
    assert any(r == "patient" and "Zinchenko" in n for r, n in roles(event))
    assert ("agent", "Estonian Internal Security Service") in roles(event)
    assert not any(r == "agent" and "Zinchenko" in n for r, n in roles(event))


def test_reduced_relative_and_coordination() -> None:
    text = "Artem Zinchenko, a former spy arrested in 2016 and released in 2017, now lives in Estonia."
    evs = events_of(text, {"in 2016": "2016", "in 2017": "2017"})
    arrest, release = only(evs, "arrest"), only(evs, "release")
    assert any(r == "patient" and "Zinchenko" in n for r, n in roles(arrest))
    assert any(r == "patient" and "Zinchenko" in n for r, n in roles(release))
    assert arrest.date is not None and arrest.date.value == "2016" and arrest.date.basis == "clause"
    assert release.date is not None and release.date.value == "2017" and release.date.basis == "clause"


def test_persons_traded_for_persons_are_an_exchange() -> None:
    text = "The United States released Viktor Bout in exchange for Paul Whelan."
    event = only(events_of(text), "exchange")
    names = {n for _, n in roles(event)}
    assert {"Paul Whelan", "Viktor Bout"} <= names


def test_demonym_modifier_maps_to_the_country() -> None:
    text = "Ukraine resisted. The Russian invasion of Ukraine began in February."
    event = only(events_of(text), "invasion")
    assert ("target", "Ukraine") in roles(event)
    # "Russian" resolves to Russia only when the article names Russia
    assert ("agent", "Russian") in roles(event) or ("agent", "Russia") in roles(event)
    text2 = "Russia attacked. The Russian invasion of Ukraine began in February."
    assert ("agent", "Russia") in roles(only(events_of(text2), "invasion"))


@pytest.mark.parametrize(
    ("text", "visit"),
    [
        ("Michael Howard came back from his trip to Mexico.", True),
        ("The trip was a disaster for the team.", False),
        ("Blair's road trip to Scotland ended.", False),
    ],
)
def test_a_trip_is_a_visit_only_with_where_it_went(text: str, visit: bool) -> None:
    assert any(e.type == "visit" for e in events_of(text)) is visit


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("The United States has threatened to impose tariffs on China.", "threat", {("agent", "United States")}),
        ("Trump threatened Iran with retaliation.", "threat", {("agent", "Trump"), ("target", "Iran")}),
        ("Trump slammed Comey on Twitter.", "criticism", {("agent", "Trump"), ("target", "Comey")}),
        ("Thousands of protesters rallied in Havana on Sunday.", "protest", {("agent", "Thousands")}),
        ("Thousands of people took to the streets of Tehran on Friday.", "protest", {("agent", "Thousands")}),
        ("Paul Manafort was charged in Mueller's investigation.", "charge", {("patient", "Paul Manafort")}),
    ],
)
def test_threats_by_states_and_sharper_criticism(text: str, kind: str, expected: set[tuple[str, str]]) -> None:
    assert expected <= roles(only(events_of(text), kind))


def test_a_post_is_a_position_not_the_person_who_held_it() -> None:
    from dossier.api import analyze

    text = "Health Secretary Alan Milburn spoke on Monday. He stepped down as health secretary in 2003."
    event = only(list(analyze(text).events), "resignation")
    assert ("position", "health secretary") in roles(event) and ("patient", "Alan Milburn") in roles(event)
    assert all(p.entity is None for p in event.participants if p.role == "position")


def test_support_verb_subject_is_the_agent() -> None:
    text = "Joe Smith said he took part in demonstrations in Moscow."
    event = only(events_of(text), "protest")
    assert ("agent", "Joe Smith") in roles(event)
    assert event.location == "Moscow"


# --- negatives: other senses, negation, modality, hypotheticals -----------------------------

NEGATIVES = [
    "He suffered a cardiac arrest last night.",
    "The company released a statement on Monday.",
    "The band released a new album.",
    "The police did not arrest anyone.",
    "No arrests were made.",
    "He may be arrested next week.",
    "She could be detained at the border.",
    "The government denied attacking the village.",
    "If Russia invades Ukraine, sanctions will follow.",
    "China plans to invade Taiwan, analysts fear.",
    "A judge issued a warrant for his arrest.",
    "The minister will resign next month.",
    "The senator attacked the new policy.",
    "The team failed to meet the deadline.",
    "She executed the plan perfectly.",
    "The death toll rose to 40.",
    "Researchers began a clinical trial of the vaccine.",
    "He demonstrated that the method works.",
    "The stock market rally continued.",
    "Sanctions have hurt the economy.",
    "Will the president resign?",
    "Neither man was tried.",
    "He shot a video of the parade.",
    "The party fired up its supporters.",
    "Hundreds of asylum seekers arrived.",
    "The deal fell through.",
    "Investors fought for control of the company.",
    "The invasion of privacy worried users.",
    "They asked for the release of Alexei Navalny.",
    "The Liberal Democrat leader Ed Davey called for a general election.",
    "The company seized the opportunity.",
    "The custody battle lasted years.",
    "The news went off well.",
    "The coming general election will give Britain a chance.",
    "There is a meeting planned for January.",
    "If they have no papers, they are going to be detained.",
    "New powers would let ministers detain suspects without trial.",
    "The law gives the police powers to detain suspects without trial.",
    "Phishing attacks boomed during 2004.",
    "Customers could be charged less for calls.",
    "The campaign was threatened by violence.",
    "Wales twice threatened further scores.",
    "In Europe, trials in Berlin and Helsinki are broadcasting signals to handsets.",
    "Elected police commissioners would be more accountable.",
    "Invading foreign nations cannot destroy an idea.",
    "He does not lie, nor does he kill innocent people.",
    "A judge imposed the punishment without a trial.",
    "The prime minister dismissed them as nonsense.",
    "Liam Fox opened the forum with an attack on Labour's record.",
    "The battle for control of Manchester United took another turn.",
    "Federal agents raided the company's offices in March.",
    "Five locations for the potential summit are under consideration.",
    "The meeting will be the third summit since 1945.",
    "The talks are supposed to take place in May.",
    "Blair spoke directly to voters in the run-up to the election.",
    "Migrants seeking asylum gathered at the border.",
    "The door slammed shut.",
    "Rising costs threaten to derail the project.",
    "Stocks rallied on Friday.",
    "Fans took to the streets to celebrate the win.",
    "Troops marched into the city.",
    "Customers were charged five pounds.",
    "Everyone in Westminster is now working towards a May general election.",
    "Ministers gathered in Brussels ahead of the summit.",
    "Trump would raise human rights during any meeting with Kim.",
    "Over-55s say they always vote in a general election.",  # a habit (unseen sample, issue 15)
    "70% said they would be certain to vote in an immediate election.",  # would be certain: not yet
    "He was found guilty of nothing, his lawyer said jokingly." if False else "They discussed the weather.",
]


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_negative_sentence(sentence: str) -> None:
    found = happened(events_of(sentence))
    assert found == [], [(e.type, e.trigger, e.modality) for e in found]


def test_threatened_sanctions_are_a_threat_not_sanctions() -> None:
    assert [e.type for e in events_of("Officials threatened sanctions.")] == ["threat"]


def test_negated_verb_keeps_other_events() -> None:
    evs = events_of("Police arrested two men but did not charge them.")
    assert [e.type for e in evs] == ["arrest"]


def test_hedge_makes_the_event_reported() -> None:
    plain = only(events_of("Police arrested the mayor."), "arrest")
    hedged = only(events_of("Police reportedly arrested the mayor."), "arrest")
    assert (plain.modality, hedged.modality) == ("asserted", "reported")


# --- dates ---------------------------------------------------------------------------------


def test_date_from_clause() -> None:
    text = "On Monday, police arrested the mayor in Lyon."
    event = only(events_of(text, {"Monday": "2024-03-04"}, published="2024-03-06"), "arrest")
    assert event.date is not None
    assert (event.date.text, event.date.value, event.date.basis) == ("Monday", "2024-03-04", "clause")


def test_date_governed_by_previous_sentence() -> None:
    text = "In 2016, the spy was exposed. He was arrested and jailed."
    event = events_of(text, {"In 2016": "2016"}, published="2023-03-20")
    arrest = next(e for e in event if e.trigger == "arrested")
    assert arrest.date is not None
    assert (arrest.date.value, arrest.date.basis) == ("2016", "governing")


def test_background_timex_does_not_govern() -> None:
    text = "He fought in a war that began in 1950. Police arrested him."
    event = only(events_of(text, {"1950": "1950"}, published="2018-04-29"), "arrest")
    assert event.date is not None and event.date.basis == "published"


def test_a_headline_participle_is_passive() -> None:
    """Headlinese drops "was": the one detained is the patient, not the agent."""
    event = only(events_of("Opposition leader Nika Melia detained ahead of protest"), "arrest")
    assert roles(event) == {("patient", "Nika Melia")}
    event = only(events_of("Police detained opposition leader Nika Melia"), "arrest")
    assert ("patient", "Nika Melia") in roles(event) and ("agent", "Police") in roles(event)  # an object: active


def test_a_headline_description_is_the_person_the_body_gives_that_title() -> None:
    text = "Opposition leader detained ahead of protest\n\nPolice detained opposition leader Nika Melia on Saturday."
    arrests = [e for e in events_of(text, {"Saturday": "2024-02-24"}, published="2024-02-25") if e.type == "arrest"]
    assert len(arrests) == 1  # one arrest, told twice
    assert ("patient", "Nika Melia") in roles(arrests[0]) and arrests[0].date is not None
    assert arrests[0].date.value == "2024-02-24"


def test_a_sentence_with_its_own_time_is_not_dated_by_an_earlier_sentence() -> None:
    text = (
        "Thousands gathered outside parliament on Sunday. Prime Minister Irakli Garibashvili resigned last month"
        " after his government was accused of stalling reforms."
    )
    events = events_of(text, {"on Sunday": "2024-02-25", "last month": "2024-01"}, published="2024-02-26")
    accusation = only(events, "accusation")
    assert accusation.date is not None and accusation.date.basis == "published"  # not Sunday's


def test_a_time_the_parser_hangs_on_the_subject_dates_the_clause() -> None:
    text = "Georgian police on Saturday detained opposition leader Nika Melia."
    event = only(events_of(text, {"Saturday": "2024-02-24"}, published="2024-02-25"), "arrest")
    assert event.date is not None and (event.date.value, event.date.basis) == ("2024-02-24", "clause")


SPEAKING = "Speaking of the Russian invasion of Ukraine"


@pytest.mark.parametrize(
    ("text", "timex", "dated"),
    [
        (f"{SPEAKING}, she said the events that happened on Monday shocked her.", "Monday", True),
        (f"{SPEAKING}, he said the situation that took place on Friday was terrible.", "Friday", True),
        (f"{SPEAKING}, he said the war that began in 2014 was terrible.", "2014", False),
        (f"{SPEAKING}, he said he met her on Friday.", "Friday", False),
    ],
)
def test_a_noun_event_takes_the_date_of_a_clause_saying_when_a_reference_to_it_happened(
    text: str, timex: str, dated: bool
) -> None:
    event = only(events_of(text, {timex: "2022-02-24"}, published="2022-03-01"), "invasion")
    assert event.date is not None
    if dated:
        assert (event.date.text, event.date.value, event.date.basis) == (timex, "2022-02-24", "governing")
    else:
        assert event.date.basis == "published"


def test_present_tense_is_not_governed_by_an_old_date() -> None:
    text = "In 2016, the spy was exposed. Today police arrest dozens of people every week."
    for e in events_of(text, {"In 2016": "2016"}, published="2023-03-20"):
        assert e.date is None or e.date.value != "2016"


def test_timex_in_another_paragraph_does_not_govern() -> None:
    text = "In 2016, the spy was exposed.\n\nPolice arrested the mayor."
    event = only(events_of(text, {"In 2016": "2016"}, published="2023-03-20"), "arrest")
    assert event.date is not None and event.date.basis == "published" and event.date.value == "2023-03-20"


def test_event_dated_after_publication_is_future_not_past() -> None:
    text = "David Klein steps down on 16 January."
    ahead = events_of(text, {"16 January": "2005-01-16"}, published="2005-01-15")
    assert [(e.type, e.modality) for e in ahead] == [("resignation", "future")]
    done = events_of(text, {"16 January": "2005-01-16"}, published="2005-01-20")
    assert [(e.type, e.modality) for e in done] == [("resignation", "asserted")]


# --- modality: what the text says of the event -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "mood"),
    [
        ("Police arrested John Smith in Leeds on Monday.", "arrest", "asserted"),
        ("Police did not arrest John Smith.", "arrest", "negated"),
        ("Prime Minister Boris Johnson will not resign, his office said.", "resignation", "negated"),
        ("The minister Alan Milburn will resign next month.", "resignation", "future"),
        ("China plans to invade Taiwan, analysts fear.", "invasion", "future"),
        ("Foreign Secretary Jack Straw is to visit Thailand and Indonesia this week.", "visit", "future"),
        ("Kim is scheduled to meet with President Moon at a summit next Friday.", "meeting", "future"),
        ("Rebels reportedly attacked the convoy near Kabul.", "attack", "reported"),
        ("The group claimed to have attacked the embassy in Kabul.", "attack", "reported"),
        ("In January, Trump cancelled his visit to London.", "visit", "negated"),
    ],
)
def test_modality_says_what_the_text_says(text: str, kind: str, mood: str) -> None:
    found = [(e.type, e.modality) for e in events_of(text, published="2018-04-20")]
    assert (kind, mood) in found, found


@pytest.mark.parametrize(
    "text",
    [
        "If Russia invades Ukraine, sanctions will follow.",  # hypothetical: not kept
        "John Smith may be arrested next week.",
        "No arrests were made.",  # negated, but nobody named: nothing to follow
        "Christian North Koreans are routinely imprisoned and tortured.",  # a practice
    ],
)
def test_what_might_happen_is_not_an_event(text: str) -> None:
    assert events_of(text, published="2018-04-20") == []


def test_future_event_without_its_own_date_is_not_dated_by_publication() -> None:
    event = only(events_of("China plans to invade Taiwan.", published="2018-04-20"), "invasion")
    assert event.modality == "future" and event.date is None


# --- where the date comes from: clause, sentence, narrative, publication --------------------------------


def test_anchor_clause_for_a_time_in_the_clause_it_completes() -> None:
    text = "In early 1970, Felt chanced to meet a Navy lieutenant named Bob Woodward at the White House."
    event = only(events_of(text, {"early 1970": "1970"}, published="2008-12-19"), "meeting")
    assert event.date is not None and (event.date.value, event.date.anchor) == ("1970", "clause")


def test_anchor_narrative_in_a_historical_paragraph() -> None:
    text = (
        "In 1972, Mark Felt was passed over for the top job at the bureau. He was bitter about it for years."
        " Colleagues said he spoke often of his anger. He then met Bob Woodward in a garage."
    )
    event = only(events_of(text, {"In 1972": "1972"}, published="2008-12-19"), "meeting")
    assert event.date is not None and (event.date.value, event.date.anchor) == ("1972", "narrative")


def test_a_semicolon_ends_the_time_a_sentence_sets() -> None:
    text = (
        "The summit began hours after reports that the two Koreas are negotiating a statement to end the war; "
        "the two nations ended that conflict with a truce in 1953."
    )
    event = only(events_of(text, {"1953": "1953"}, published="2018-04-17"), "meeting")
    assert event.date is not None and event.date.anchor == "published"


def test_a_future_event_takes_no_date_behind_publication() -> None:
    import dossier

    text = (
        "President Trump will travel to the United Kingdom in July, the White House confirmed Thursday, where he will"
        " meet with Prime Minister Theresa May for bilateral talks."
    )
    meeting = only(list(dossier.analyze(text, published="2018-04-26").events), "meeting")
    assert meeting.modality == "future" and (meeting.date is None or meeting.date.value != "2018-04-26")


def test_now_does_not_date_what_is_scheduled() -> None:
    import dossier

    text = "Now Kim is scheduled to meet with South Korean President Moon Jae-in at a summit next Friday."
    meetings = [e for e in dossier.analyze(text, published="2018-04-20").events if e.type == "meeting"]
    assert meetings and all(e.date is None or e.date.value == "2018-04-27" for e in meetings)


def test_anchor_published_when_nothing_dates_it() -> None:
    event = only(events_of("Police arrested John Smith in Leeds.", published="2023-03-20"), "arrest")
    assert event.date is not None and (event.date.value, event.date.anchor) == ("2023-03-20", "published")


def test_no_date_without_publication() -> None:
    event = only(events_of("Police arrested the mayor."), "arrest")
    assert event.date is None


def test_a_year_on_the_object_that_names_the_event_dates_it() -> None:
    event = only(events_of("Iran and the powers signed a 2015 agreement in Vienna.", {"2015": "2015"}), "agreement")
    assert event.date is not None and event.date.value == "2015"


def test_a_time_limit_is_not_shared_with_a_coordinated_clause() -> None:
    text = "The White House postponed the tariffs until June 1, and has reached agreements with Canada."
    event = only(events_of(text, {"June 1": "2018-06-01"}, published="2018-04-30"), "agreement")
    assert event.date is not None and event.date.basis == "published"


def test_the_main_clauses_time_does_not_date_an_event_named_as_a_landmark() -> None:
    text = "Shares fell on Monday after a finance ministers' meeting in Berlin."
    meeting = only(events_of(text, {"Monday": "2024-03-04"}, published="2024-03-06"), "meeting")
    assert meeting.date is not None and meeting.date.basis == "published"


def test_timex_on_a_noun_does_not_date_the_verb() -> None:
    text = "The court convicted him over the 1995 massacre."
    evs = events_of(text, {"1995": "1995"}, published="2017-11-22")
    trial = only(evs, "trial")
    assert trial.date is not None and trial.date.value == "2017-11-22" and trial.date.basis == "published"


# --- entities, pronouns, evidence ------------------------------------------------------------


def test_pronoun_resolved_through_the_mention_index() -> None:
    text = "Artem Zinchenko fled. He was arrested by police."
    from dossier.nlp.pipeline import load

    doc = load()(text)
    zin = Entity(
        id="E1",
        name="Artem Zinchenko",
        type="PERSON",
        mentions=(Mention(0, 15, "Artem Zinchenko"), Mention(text.index("He"), text.index("He") + 2, "He", "pronoun")),
    )
    event = only(events_of(text, entities=[zin]), "arrest")
    patient = next(p for p in event.participants if p.role == "patient")
    assert (patient.name, patient.entity) == ("Artem Zinchenko", "E1")
    assert text[patient.start : patient.end] == "He"
    del doc


def test_unresolved_pronoun_is_dropped() -> None:
    event = only(events_of("Yesterday he was arrested by police."), "arrest")
    assert not any(p.name.lower() == "he" for p in event.participants)


def test_evidence_sentence_is_clipped_to_its_line() -> None:
    text = "The exchange was agreed,\nNow police arrested the mayor of Lyon."
    event = only(events_of(text), "arrest")
    assert event.sentence == "Now police arrested the mayor of Lyon."
    assert text[event.sentence_start : event.sentence_end] == event.sentence


# --- the seed, end to end ----------------------------------------------------------------------


def _seed_events(seed_text: str) -> list[Event]:
    values = {"In 2016": "2016", "in 2016": "2016", "in 2017": "2017", "The following year": "2017"}
    return events_of(seed_text, values, published="2023-03-20")


def test_seed_with_hand_built_timexes(seed_text: str) -> None:
    evs = _seed_events(seed_text)
    arrests = [e for e in evs if e.type == "arrest"]
    assert any(
        e.date is not None
        and e.date.value == "2016"
        and any("Zinchenko" in p.name and p.role == "patient" for p in e.participants)
        and any("Internal Security Service" in p.name and p.role == "agent" for p in e.participants)
        for e in arrests
    )
    released = [e for e in evs if e.type in ("release", "exchange") and e.date is not None and e.date.value == "2017"]
    assert any(any("Zinchenko" in p.name for p in e.participants) for e in released)
    assert any(any("Raivo Susu" in p.name for p in e.participants) for e in released)
    asylum = [e for e in evs if e.type == "asylum_request"]
    assert any({"Zinchenko", "Estonia"} <= {w for p in e.participants for w in p.name.split()} for e in asylum)
    invasions = [e for e in evs if e.type == "invasion"]
    assert any({("agent", "Russia"), ("target", "Ukraine")} <= roles(e) for e in invasions)


def test_seed_end_to_end(seed_article) -> None:  # type: ignore[no-untyped-def]
    """Through ``dossier.analyze``: entities, coreference and timexes are the real stages."""
    evs = list(seed_article.events)
    by_type: dict[str, list[Event]] = {}
    for e in evs:
        by_type.setdefault(e.type, []).append(e)

    def names(e: Event) -> str:
        return " | ".join(p.name for p in e.participants) + " | " + (e.location or "")

    assert any(
        e.date and e.date.value == "2016" and "Zinchenko" in names(e) and "Internal Security Service" in names(e)
        for e in by_type.get("arrest", [])
    )
    assert any(
        e.date and e.date.value == "2017" and "Zinchenko" in names(e) and "Raivo Susu" in names(e)
        for e in by_type.get("exchange", []) + by_type.get("release", [])
    )
    assert any("Zinchenko" in names(e) and "Estonia" in names(e) for e in by_type.get("asylum_request", []))
    assert any(
        "Russia" in names(e) and "Ukraine" in names(e) and e.date and e.date.value.endswith("-02-24")
        for e in by_type.get("invasion", [])
    )  # "the dire situation that took place on February 24th" in the same sentence
    assert any(
        "Zinchenko" in names(e) and "Navalny" in names(e) and "St. Petersburg" in names(e)
        for e in by_type.get("protest", [])
    )
    # the lede and the body tell the arrest, the release and the swap twice: one record each
    assert {t: len(by_type.get(t, [])) for t in ("arrest", "release", "exchange", "asylum_request")} == dict.fromkeys(
        ("arrest", "release", "exchange", "asylum_request"), 1
    )
    for e in evs:
        for p in e.participants:  # named entities or clear descriptions, never "same country"
            assert p.entity is not None or not anaphoric_name(p.name), p
        assert seed_article.text[e.start : e.end] == e.trigger
        assert e.sentence_start is not None and seed_article.text[e.sentence_start : e.sentence_end] == e.sentence


def test_a_time_is_not_a_participant() -> None:
    event = only(events_of("Saturday's attack on the convoy near Kabul shocked the city."), "attack")
    assert not any("Saturday" in p.name for p in event.participants)


def test_a_device_that_kills_is_a_cause_not_a_killer() -> None:
    event = only(events_of("A roadside bomb killed three soldiers in Helmand."), "death")
    assert not any(p.role == "agent" for p in event.participants)
    assert any(p.role == "patient" and "soldiers" in p.name for p in event.participants)


def test_an_attack_with_bombs_is_a_bombing() -> None:
    evs = events_of("The attack on the bus station in Belfast was carried out with two car bombs.")
    assert [e.type for e in evs if e.trigger == "attack"] == ["bombing"]
    assert [e.type for e in events_of("Gunmen attacked a convoy near Kabul.")] == ["attack"]


@pytest.mark.parametrize(
    ("sentence", "victim"),
    [
        ("A man was shot dead at his door in Belfast.", "man"),
        ("Police found John Smith dead in his flat.", "John Smith"),
    ],
)
def test_dead_states_a_death(sentence: str, victim: str) -> None:
    event = only(events_of(sentence), "death")
    assert [p.role for p in event.participants if victim in p.name] == ["patient"]
    assert not any("Police" in p.name for p in event.participants)


@pytest.mark.parametrize("sentence", ["The deal is dead.", "He played dead.", "The dead end worried drivers."])
def test_dead_without_a_victim_is_not_a_death(sentence: str) -> None:
    assert [e for e in events_of(sentence) if e.type == "death"] == []


# --- sport and figurative senses ----------------------------------------------------------------

MATCH_REPORT = (
    "Wales beat Scotland 24-18 in the Six Nations on Saturday.\n"
    "The striker scored twice and the goalkeeper saved a penalty as the league leaders held on.\n"
    "{sentence}\n"
    "The referee sent off a midfielder in the second half of the tournament match.\n"
)


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Italy coach John Kirwan wants his side to improve when they meet Wales on Saturday.", "meeting"),
        ("Wales launched a series of attacks on the England line in the second half.", "attack"),
        ("He made a return to action at an indoor meeting in Birmingham.", "meeting"),
        ("Walder released Mark Mayerholfer on the wing.", "release"),
        ("She missed the national trials because of an ankle problem.", "trial"),
        ("Wales have won two of their last three visits to Paris.", "visit"),
    ],
)
def test_game_sense_in_a_match_report_is_not_an_event(sentence: str, kind: str) -> None:
    evs = events_of(MATCH_REPORT.format(sentence=sentence))
    assert not [e for e in evs if e.type == kind], [(e.type, e.trigger) for e in evs]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Fans attacked police officers outside the stadium and three people were injured.", "attack"),
        ("The club captain was released from jail on bail.", "release"),
        ("The former manager met Jose Mourinho and Peter Kenyon in a London hotel last month.", "meeting"),
        ("The winger faces a criminal trial in court next week.", "trial"),
    ],
)
def test_real_events_in_a_match_report_stay(sentence: str, kind: str) -> None:
    evs = events_of(MATCH_REPORT.format(sentence=sentence))
    assert [e for e in evs if e.type == kind], [(e.type, e.trigger) for e in evs]


def test_a_score_line_marks_a_game_in_any_article() -> None:
    evs = events_of("Arsenal met Chelsea at the weekend and won 2-1.")
    assert not [e for e in evs if e.type == "meeting"]


@pytest.mark.parametrize(
    "text",
    [
        "Rebels attacked the convoy near Kabul.",
        "Rebels attacked the convoy of a football team near Kabul on Monday.",
        "Putin met Xi in Beijing on Tuesday.",
    ],
)
def test_political_events_outside_sport_are_kept(text: str) -> None:
    assert events_of(text)


@pytest.mark.parametrize(
    ("sentence", "criticism"),
    [
        ("The senator attacked the minister over the delay.", True),
        ("The opposition leader attacked the president for failing to act.", True),
        ("The union attacked the plan as reckless.", False),  # not a physical target: no event at all
        ("The union attacked the decision.", False),
    ],
)
def test_a_verbal_attack_is_criticism(sentence: str, criticism: bool) -> None:
    evs = events_of(sentence)
    assert not [e for e in evs if e.type == "attack"]
    if criticism:
        assert only(evs, "criticism").cameo == TYPES["criticism"].cameo


def test_heart_attack_is_not_an_attack() -> None:
    assert not [e for e in events_of("The minister died of a heart attack in Moscow.") if e.type == "attack"]


# --- participants that are descriptions -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "dropped"),
    [
        ("Zinchenko sought asylum in the same country that had jailed him for spying.", "asylum_request", "country"),
        ("The other side attacked the convoy near Kabul.", "attack", "side"),
        ("Police said the man was arrested in Kabul on Monday.", "arrest", "man"),
    ],
)
def test_an_anaphoric_description_is_not_a_participant(text: str, kind: str, dropped: str) -> None:
    event = only(events_of(text), kind)
    assert not any(dropped in p.name for p in event.participants), event.participants


@pytest.mark.parametrize(
    ("text", "kind", "kept"),
    [
        ("Police arrested two men in Kabul on Monday.", "arrest", "two men"),
        ("Police arrested two men in Kabul on Monday.", "arrest", "Police"),
        ("Some medical staff have been charged with writing false reports.", "charge", "medical staff"),
        ("Rebels attacked the convoy near Kabul.", "attack", "convoy"),
    ],
)
def test_a_clear_description_is_a_participant(text: str, kind: str, kept: str) -> None:
    event = only(events_of(text), kind)
    assert any(kept in p.name for p in event.participants), event.participants


# --- audit of real news (BBC, NewsWCL50, web pages): events that did not happen or are not events -------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("In January, Trump nixed a February visit to the U.K. to open the embassy.", "visit"),  # called off
        ("The minister cancelled the meeting with union leaders on Monday.", "meeting"),
        ("Israel postponed the release of the prisoners.", "release"),
        ("Foreign Secretary Jack Straw is to visit Thailand and Indonesia this week.", "visit"),  # British future
        ("She said she was looking forward to visiting London.", "visit"),  # anticipated
        ("Dowd was even more wary about a meeting after seeing the list.", "meeting"),  # any meeting
        ('"When did you become aware of the Trump Tower meeting?"', "meeting"),  # a quoted question
        ("Mutu to hold talks with Juventus", "meeting"),  # a headline's infinitive: announced
        ("The men have been allowed to meet their lawyers.", "meeting"),  # permitted
        ("The union is preparing the scheduled talks with ministers.", "meeting"),
        ("Mr Clarke dismissed the latest Tory attack.", "attack"),  # someone's attack on nothing, unarmed
        ("The proposals follow a recommendation last year by elections watchdog the Electoral Commission.", "election"),
        ("England sat on rugby's summit 15 months ago as world champions.", "meeting"),  # the top
        ("The committee opened a surprise legal assault on President Trump on Friday.", "attack"),
        ("Wilbur Ross, who has been charged with negotiating with the European Union, pushed for cuts.", "charge"),
        ("Trump signaled more optimism about brokering a nuclear accord with North Korea.", "agreement"),
        ("Kim's offer for a summit was conveyed to Trump by South Korea last month.", "meeting"),
        ("The Tories would cut £35bn, the equivalent of sacking every doctor and teacher in the UK.", "dismissal"),
        ("Mr Schwartz ran a demonstration of the service in London on Monday.", "protest"),  # a demo
        ("Beijing is worried about his behaviour, as demonstrated by his abrupt departure.", "protest"),
        ("The discovery leads many to believe he has killed himself.", "death"),  # believed
        ("Christian North Koreans are routinely imprisoned and tortured.", "arrest"),  # a practice
        ("The issue will come up when Angela Merkel visits the White House later this week.", "visit"),
        ("Russia launched an all-out assault on our democracy.", "attack"),  # no physical target
        ("She said she had witnessed spiteful killing of foxes.", "death"),  # animals
        ("Ninety-one foxes were killed by the hunts on Saturday.", "death"),
        ("The campaign shared the goals of hurting the party and electing Donald Trump.", "election"),
        ("These detainees should be prosecuted and tried.", "trial"),  # the modal reaches the conjunct
        ("If they pass a screening, they may be detained or fitted with ankle monitors and released.", "release"),
        ('"I almost died there," Bublik said, jokingly.', "death"),
        ("Mr Straw said the US had agreed to release the four after discussions.", "release"),  # decided
        ("People get released from prison when their prosecution was unsustainable.", "release"),  # a habit
        ("The gadget explosion signalled the strongest growth yet in the US in 2004.", "bombing"),  # figurative
        ("The bots are often used to launch attacks across the web.", "attack"),
        ("The pad has a spot for charging any Apple Watch, AirPods or iPhone with a wireless case.", "charge"),
        ("The party did nothing but one iteration after another of attacking Donald Trump.", "attack"),
        ("The re-release of Jailhouse Rock by Elvis Presley was out-selling the cover.", "release"),
        ("The film was made in Rwanda whereas Hotel Rwanda was shot mostly in South Africa.", "attack"),
        ("Kim is scheduled to meet with President Moon at a summit in the Demilitarized Zone next Friday.", "meeting"),
        ("Trump is working with Moon ahead of the expected summit with Kim Jong Un.", "meeting"),
    ],
)
def test_events_that_did_not_happen_are_not_reported(text: str, kind: str) -> None:
    events = happened(events_of(text, published="2018-04-20"))
    assert kind not in {e.type for e in events}, [(e.type, e.trigger) for e in events]


@pytest.mark.parametrize(
    ("text", "kind", "trigger"),
    [
        ("Trump visited the U.K. in February.", "visit", "visited"),
        ("The minister held a meeting with union leaders on Monday.", "meeting", "meeting"),
        ("Israel released the prisoners on Tuesday.", "release", "released"),
        ("Angela Cannings was convicted of murder in 2002.", "trial", "convicted"),
        (
            "Caption People took to the streets to either vote in or boycott a controversial election to choose"
            " members of an all-powerful Constituent Assembly.",
            "election",
            "election",
        ),
        ("An IRA leader said that the aim of the Bloody Friday attacks had been to cause damage.", "attack", "attacks"),
        (
            "Police in Lyon searched for a man believed to be responsible for a Friday blast which injured people.",
            "bombing",
            "blast",
        ),  # the conviction itself is reported
        ("Police arrested a man who had attacked an officer in Leeds.", "arrest", "arrested"),
        ("A cabinet meeting on Wednesday approved the ban.", "meeting", "meeting"),  # a dated "a meeting"
        ("Police in Hong Kong arrested 40 protesters after a march turned violent.", "protest", "march"),
        ("Trump met Kim Jong Un at a summit in Singapore in February.", "meeting", ""),
        ("Gunmen shot a police officer in Kabul on Monday.", "attack", "shot"),
        ("Mutu held talks with Juventus on Monday.", "meeting", "held talks"),
        ("A man attacked John Smith with a knife in Leeds on Monday.", "attack", "attacked"),
        ("After Putin visited London on Monday, he flew to Warsaw.", "visit", "visited"),  # a past "after" clause
        ("Russian forces launched an assault on the town of Bakhmut on Monday.", "attack", "assault"),
        ("The rebel attack killed ten soldiers on Monday.", "attack", "attack"),  # harm words: armed
        ("Putin's meeting with Xi in Beijing on Monday lasted three hours.", "meeting", "meeting"),
        ("Amicus was due to meet, although the TGWU is holding specially scheduled talks.", "meeting", "talks"),
        ("Prosecutors charged John Smith with murdering his neighbour on Monday.", "charge", "charged"),
        ("Russia's invasion of Ukraine began on Monday.", "invasion", "invasion"),
        ("It suggested that Forest's role in the Rolando attack had been considerable.", "attack", "attack"),
        ("Thousands joined a demonstration of farmers in Paris on Monday.", "protest", "demonstration"),
        ('Mr Howard said: "I am being attacked on one side by people who want tax cuts."', "criticism", "attacked"),
        ("Police killed three gunmen who had attacked the embassy on Monday.", "death", "killed"),
        ("Police arrested him and charged him with murder on Monday.", "charge", "charged"),  # own conjunct
        ("He could not be reached, but he was arrested and later released on Monday.", "release", "released"),
        ("European Union leaders decided on Monday to impose sanctions on Belarus.", "sanctions", "sanctions"),
        ("An explosion at a chemical factory killed three workers on Monday.", "bombing", "explosion"),
        ('"There was an explosion and I thought it was a car crash," said Eva.', "bombing", "explosion"),
        ("He said no group had yet claimed responsibility for the explosion in Lyon.", "bombing", "explosion"),
        ("Neither man was tried for the Rolando bombing in 1977.", "bombing", "bombing"),  # a known event
        ("They voted in an election in which every candidate backed Maduro in July.", "election", "election"),
        ("The prisoners were released on Tuesday.", "release", "released"),  # a definite plural is no habit
        ("Prosecutors charged John Smith with fraud on Monday.", "charge", "charged"),
        ("The party did nothing but one iteration after another of attacking Donald Trump.", "criticism", "attacking"),
        ("The court found him guilty of genocide over the 1995 Srebrenica massacre.", "death", "massacre"),
        ("European Union leaders agreed on Monday to extend sanctions against Belarus.", "sanctions", "sanctions"),
    ],
)
def test_real_events_next_to_those_cues_stay(text: str, kind: str, trigger: str) -> None:
    events = events_of(text, {"February": "2018-02", "Monday": "2018-04-16", "Tuesday": "2018-04-17",
                              "2002": "2002", "Wednesday": "2018-04-18"}, published="2018-04-20")  # fmt: skip
    assert any(e.type == kind and e.trigger.endswith(trigger) for e in events), [(e.type, e.trigger) for e in events]


def test_what_a_threat_threatens_with_is_not_its_target() -> None:
    events = events_of("The unions threatened strike action against the government.", published="2018-04-20")
    for e in events:
        if e.type == "threat":
            assert ("target", "strike action") not in roles(e)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Patienten müssen Zeit für die Konsultation mit Kollegen aufwenden. " * 6, False),
        ("Beim Verlust des Schlüssel sind die Daten allerdings verloren, und die Folge ist klar. " * 5, False),
        ("The police arrested the man in the city on Tuesday and the court was told of it. " * 5, True),
        ("Short text.", True),  # too short to judge: English is assumed
    ],
)
def test_events_only_in_english_text(text: str, expected: bool) -> None:
    from dossier.nlp.events.extract import english

    assert english(_nlp()(text)) is expected
    if not expected:
        assert events_of(text) == []


@pytest.mark.parametrize(("word", "released"), [("memos", False), ("aides", True)])
def test_a_common_noun_inside_a_person_tag_is_not_a_person(word: str, released: bool) -> None:
    text = f"James Comey's {word} were released to Congress on Thursday."
    start = text.index(word)
    # the tagger's "James Comey Memos" PERSON, its mention over the lower-case noun
    person = Entity("E1", "James Comey Memos", "PERSON", mentions=(Mention(start, start + len(word), word),))
    events = events_of(text, {"Thursday": "2018-04-19"}, published="2018-04-20", entities=[person])
    assert ("release" in {e.type for e in events}) is released


@pytest.mark.parametrize(
    ("text", "role", "name"),
    [
        ("Pochettino fired by Tottenham Pochettino", "agent", "Tottenham Pochettino"),  # one tag over two names
    ],
)
def test_the_patient_is_not_also_the_agent(text: str, role: str, name: str) -> None:
    start = text.index(name)
    person = Entity(
        "E1", name, "PERSON", mentions=(Mention(0, 10, "Pochettino"), Mention(start, start + len(name), name))
    )
    for e in events_of(text, published="2019-11-19", entities=[person]):
        assert (role, name) not in roles(e)


@pytest.mark.parametrize(("kind", "keeps"), [("ORG", False), ("GPE", False), ("PERSON", True)])
def test_they_resolved_to_an_institution_is_not_the_freed(kind: str, keeps: bool) -> None:
    text = "The detainees landed on Tuesday. The Pentagon says they were freed on Monday."
    they = text.index("they")
    name = "Pentagon" if kind != "PERSON" else "Moazzam Begg"
    entity = Entity("E1", name, kind, mentions=(Mention(they, they + 4, "they"),))
    events = events_of(text, {"Monday": "2005-01-24"}, published="2005-01-26", entities=[entity])
    assert any(("patient", name) in roles(e) for e in events if e.type == "release") is keeps


@pytest.mark.parametrize(("kind", "keeps"), [("ORG", False), ("GPE", False), ("PERSON", True)])
def test_a_persons_pronoun_resolved_to_a_club_is_dropped(kind: str, keeps: bool) -> None:
    text = "Mourinho left the club. Police arrested him on Monday."
    him = text.index("him")
    name = "Manchester United" if kind != "PERSON" else "Jose Mourinho"
    entity = Entity("E1", name, kind, mentions=(Mention(0, 8, "Mourinho"), Mention(him, him + 3, "him")))
    events = events_of(text, {"Monday": "2019-11-18"}, published="2019-11-20", entities=[entity])
    arrest = only(events, "arrest")
    assert (("patient", name) in roles(arrest)) is keeps


@pytest.mark.parametrize(
    ("value", "published", "after"),
    [
        ("2018-W17", "2018-04-17", True),  # next week's meeting, in a Tuesday paper
        ("2018-W16", "2018-04-17", False),  # this week's
        ("2007", "2005-01-01", True),
        ("2004-12-29", "2005-01-01", False),
        ("XXXX-07-13", "2018-04-26", False),  # no year: unknown
    ],
)
def test_dated_after_publication(value: str, published: str, after: bool) -> None:
    from dossier.nlp.events.extract import _after

    assert _after(value, published) is after


@pytest.mark.parametrize(
    ("text", "kind", "doer"),
    [
        ("Angela Cannings was wrongly convicted of killing two of her babies.", "death", "Angela Cannings"),
        (
            "Jose Cazares said a gang member was suspected of killing the mother of his children.",
            "death",
            "gang member",
        ),
        ("John Smith was accused of attacking a police officer in Leeds.", "attack", "John Smith"),
    ],
)
def test_an_alleged_crime_is_told_without_its_doer(text: str, kind: str, doer: str) -> None:
    events = [e for e in events_of(text, published="2018-04-20") if e.type == kind]
    assert events, "the act is told"
    assert all(("agent", doer) not in roles(e) for e in events)


def test_a_subject_from_the_paragraph_before_is_not_the_patient() -> None:
    # the parser runs two lines together (a blank line would end the sentence): "released" conjoins "fired"
    text = (
        "Michael Flynn was fired as adviser after misleading Pence\nJames Comey's memos regarding interactions"
        " with President Trump are released to Congress; Harvard Law professor Alan Dershowitz reacts."
    )
    released = next(t for t in _nlp()(text) if t.text == "released")
    assert released.dep_ == "conj" and released.head.text == "fired"  # the parse this test is about
    events = events_of(text, published="2018-04-20")
    assert "release" not in {e.type for e in events}, [(e.type, e.trigger, roles(e)) for e in events]


def test_a_headline_run_into_the_lede_keeps_the_ledes_subject() -> None:
    text = (
        "7 militants killed in blasts in Afghanistan\nKANDAHAR, Afghanistan, Oct. 3 (Xinhua) -- Seven Taliban"
        " militants were killed in two accidental explosions in Kandahar province Friday night."
    )
    deaths = [e for e in events_of(text, published="2014-10-04") if e.type == "death" and e.trigger == "killed"]
    assert deaths, "the lede's killing is an event"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Israeli jets carried out an air strike on Gaza on Tuesday.", "attack"),
        ("Rail workers began a nationwide strike on Monday.", "protest"),
    ],
)
def test_a_trigger_with_two_senses_takes_the_one_whose_checks_hold(text: str, kind: str) -> None:
    """Regression: the lexicon's second "strike" sense used to hide the first (one sense per lemma was kept)."""
    assert kind in {e.type for e in events_of(text)}


# --- what news reports most: acquisitions, accidents, announcements, votes (issue 15) --------------------------


@pytest.mark.parametrize(
    ("text", "kind", "who"),
    [
        ("Google acquired YouTube for $1.65bn in 2006.", "acquisition", "YouTube"),
        ("Disney completed its takeover of Fox.", "acquisition", "Fox"),
        ("The plane crash in Ethiopia killed 157 people.", "accident", "Ethiopia"),
        ("The company Acme announced a new chief executive on Monday.", "announcement", "new chief executive"),
    ],
)
def test_news_types_beyond_conflict_and_justice(text: str, kind: str, who: str) -> None:
    event = only(events_of(text, published="2019-05-15"), kind)
    assert any(who in p.name for p in event.participants) or event.location == who, event


@pytest.mark.parametrize(
    "text",
    ["He bought a house.", "Stocks crashed on Monday.", "The market crash wiped out savings.", "She sold tickets."],
)
def test_other_senses_of_buying_and_crashing_are_not_events(text: str) -> None:
    assert {e.type for e in events_of(text)} & {"acquisition", "accident"} == set()


def test_a_participle_is_dated_by_its_main_clause() -> None:
    text = "Two trains collided near Leeds on Monday, killing three people."
    event = only(events_of(text, {"on Monday": "2019-05-13"}, published="2019-05-15"), "death")
    assert event.date is not None and (event.date.value, event.date.anchor) == ("2019-05-13", "sentence")


# --- pleas and taking office (issue 15: found missing on the NewsWCL50 train stories) --------------------------------


def test_a_guilty_plea_is_a_trial_event_with_the_defendant_as_patient() -> None:
    event = only(events_of("Michael Flynn pleaded guilty to lying to the FBI.", published="2018-04-19"), "trial")
    assert event.trigger == "pleaded" and [(p.role, p.name) for p in event.participants] == [
        ("patient", "Michael Flynn")
    ]


def test_a_not_guilty_plea_is_no_event() -> None:
    assert not [e for e in events_of("Manafort has pleaded not guilty to the charges.") if e.type == "trial"]


def test_taking_office_is_an_appointment_and_taking_to_the_streets_still_a_protest() -> None:
    took = only(events_of("Pompeo took office as secretary of state in April.", {"April": "2018-04"}), "appointment")
    assert took.trigger == "took office" and took.date is not None and took.date.value == "2018-04"
    assert only(events_of("Thousands took to the streets in London."), "protest").trigger.startswith("took")
    assert not events_of("He took the office chair home.")


def test_a_nomination_to_a_post_is_an_appointment_an_award_nomination_is_not() -> None:
    event = only(events_of("Trump has nominated Pompeo to become the next secretary of state."), "appointment")
    assert event.trigger == "nominated" and ("patient", "Pompeo") in [(p.role, p.name) for p in event.participants]
    assert not events_of("The film was nominated for an Oscar.")


# --- hopes, likelihoods, habits; what an acquisition or a release is of (issue 15, events3) ---------------------------


def _of_type(events: list[Event], kind: str) -> list[tuple[str, str]]:
    return [(e.trigger, e.modality) for e in events if e.type == kind]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Rovers are hoping for talks with Smith about the job.", "meeting"),  # a hope
        ("The unions hoped for a meeting with Obama before the strike.", "meeting"),
        ("The referendum, which is likely to take place in June, divides the party.", "election"),  # a likelihood
        ('"Let the referendum settle this," the minister said.', "election"),  # urged, not held
        ("The summit is imminent, diplomats in Vienna said.", "meeting"),  # ahead
        ("Tax inspectors make around 2,000 visits a year to firms in Leeds.", "visit"),  # a habit
        ("Police arrested about 40 drivers a week during the campaign.", "arrest"),
    ],
)
def test_hopes_likelihoods_urgings_and_habits_are_not_reported_as_happened(text: str, kind: str) -> None:
    found = [e for e in happened(events_of(text)) if e.type == kind]
    assert found == [], [(e.trigger, e.modality) for e in found]


@pytest.mark.parametrize(
    "text",
    [
        "Bishop's Guantanamo release call",  # a headline: the call, not the release
        "Senator's Guantanamo release call",
        "Union makes fresh strike threat over pay",  # a guard: parsed right already
    ],
)
def test_an_event_noun_before_a_call_or_threat_is_not_reported_as_happened(text: str) -> None:
    found = [e for e in happened(events_of(text)) if e.type in ("release", "strike", "attack", "protest")]
    assert found == [], [(e.trigger, e.type, e.modality) for e in found]


def test_an_election_still_to_come_is_not_reported_as_held_whatever_the_parse() -> None:
    """A dash after the noun makes the small model hang "upcoming" on the next verb; the word still reads."""
    text = (
        "Mr Jones said the upcoming general election - widely tipped for 5 May - would be much more unpredictable"
        " than any others in recent memory."
    )
    from dossier import api

    assert [e for e in happened(list(api.analyze(text).events)) if e.type == "election"] == []


def test_an_intention_denied_is_nothing_ahead() -> None:
    assert _of_type(events_of("The chairman said he has no intention of selling Fiat."), "acquisition") == []


def test_an_event_a_relative_clause_puts_ahead_is_future() -> None:
    event = only(events_of("Italy's referendum, which will be held in May, was called by Renzi."), "election")
    assert event.modality == "future"


@pytest.mark.parametrize(
    "text",
    [
        "Some 50,000 were sold in the first week, the firm said.",  # goods, counted
        "The club sold Jones to Chelsea for 5 million pounds on Friday.",  # a player: a transfer
    ],
)
def test_an_acquisition_is_of_a_company_or_stake_not_goods_or_a_player(text: str) -> None:
    assert _of_type(events_of(text), "acquisition") == []


@pytest.mark.parametrize(
    ("text", "patient"),
    [
        ("Vodafone bought a 20% stake in Verizon on Monday.", "20% stake"),
        ("Google acquired YouTube in 2006.", "YouTube"),
        ("Siemens sold its mobile phone unit to BenQ.", "its mobile phone unit"),
    ],
)
def test_a_company_or_a_stake_is_acquired(text: str, patient: str) -> None:
    event = only(events_of(text), "acquisition")
    assert ("patient", patient) in roles(event)


def test_a_title_the_tagger_took_for_a_people_is_not_released() -> None:
    text = "Sales rose after the release of Vice Town in October."
    start = text.index("Vice Town")
    game = Entity("E1", "Vice Town", "NORP", ("Vice Town",), (Mention(start, start + 9, "Vice Town"),))
    assert _of_type(events_of(text, entities=[game]), "release") == []
    freed = only(events_of("Iran released three Americans on Friday."), "release")
    assert ("patient", "Americans") in roles(freed)


@pytest.mark.parametrize(
    "text",
    [
        "The hunters chased deer through the woods and then shot them.",  # the deer are shot
        "Hunters in Devon were seen chasing hares then killing them.",
        "The Tories will have to fight hard to be heard in Scotland.",  # a campaign
        "She will fight on her record, Ms Smith told reporters.",
    ],
)
def test_animals_shot_and_campaigns_fought_are_no_attacks(text: str) -> None:
    found = [(e.type, e.trigger) for e in events_of(text) if e.type in ("attack", "death")]
    assert found == []


def test_armed_fights_and_people_shot_are_still_attacks() -> None:
    assert only(events_of("Troops fought rebels in the north on Sunday."), "attack").trigger == "fought"
    shot = only(events_of("Gunmen chased two policemen through the market and then shot them."), "attack")
    assert shot.trigger == "shot"
    assert only(events_of("Police arrested 40 drivers on Saturday."), "arrest").modality == "asserted"


@pytest.mark.parametrize(
    "text",
    [
        "Officials said the crash was not due to an attack by rebels.",  # a cause denied
        "The outage does not appear to be due to an attack by rebels.",
        "Hackers attacked the Pentagon on Monday.",  # computers, not violence
        "The site went down after an attack by vandals or malicious hackers.",
    ],
)
def test_denied_causes_and_attacks_by_hackers_are_no_attacks(text: str) -> None:
    assert _of_type(events_of(text), "attack") == []


def test_an_attack_named_as_a_cause_is_told() -> None:
    assert only(events_of("The delay was due to an attack by rebels in Kabul."), "attack").modality == "asserted"


@pytest.mark.parametrize(
    ("text", "kind", "kept"),
    [
        ("Most arrests in Britain happen at night.", "arrest", False),  # arrests in general
        ("Some attacks on soldiers are never reported.", "attack", False),
        ("Some protests in Paris turned violent on Saturday.", "protest", True),  # past: real ones
        ("Many arrests have been made in Minsk since Sunday.", "arrest", True),  # perfect: real ones
    ],
)
def test_quantified_events_in_a_simple_present_are_generic(text: str, kind: str, kept: bool) -> None:
    assert bool(_of_type(happened(events_of(text)), kind)) is kept
