"""Dependency-parse helpers for events: clauses, voice, subjects, factuality and argument kinds.

Pure functions over spaCy tokens. They answer the questions ``events`` asks of a
trigger: is it passive, who is its (possibly inherited) subject, is it asserted
as having happened (not negated, not modal, not under "deny"/"plan"/"if"), and
does an argument look like a person, a place or a device?
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from .. import lexicons
from ..spans import doc_text

CLAUSE_DEPS = lexicons.words("words_events", list="syntax.CLAUSE_DEPS")
"""Dependency labels by which a verb heads its own clause."""

SUBJECTS = lexicons.words("words_events", list="syntax.SUBJECTS")

MODALS = lexicons.words("words_events", list="syntax.MODALS")
"""Auxiliaries that make a clause possible, obligatory or future rather than reported fact."""

NONFACTUAL_VERBS = lexicons.words("words_events", list="syntax.NONFACTUAL_VERBS")  # fmt: skip
"""Governors under which a complement event is not asserted ("denied attacking", "plans to invade")."""

NOMINAL_BLOCKERS = lexicons.words("words_events", list="syntax.NOMINAL_BLOCKERS")  # fmt: skip
"""Non-factual governors that also block a nominal object ("denied the attack", "called for the release",
"nixed a visit", "postponed the meeting": called off or put off, so it did not take place)."""

TOPIC_PREPOSITIONS = lexicons.words("words_events", list="syntax.TOPIC_PREPOSITIONS")
"""A blocker's prepositions that name what is talked about, not what is asked for or feared: the event is a given
("asked about the invasion", not "asked for the release")."""

ALLEGATION_VERBS = lexicons.words("words_events", list="syntax.ALLEGATION_VERBS")  # fmt: skip
"""Verbs whose "of/for/with X" names a crime alleged: the act may be real, its doer is not established
("accused of attacking", "suspected of killing the mother", "wrongly convicted of killing")."""
ALLEGATION_WORDS = ALLEGATION_VERBS | {"suspected", "guilty", "innocent"}

NONFACTUAL_ADJS = lexicons.words("words_events", list="syntax.NONFACTUAL_ADJS")  # fmt: skip
"""Adjectives that govern a possible, not actual, event ("likely to resign", "set to visit")."""

NONFACTUAL_NOUNS = lexicons.words("words_events", list="syntax.NONFACTUAL_NOUNS")  # fmt: skip
"""Nouns under which a nominal event is not asserted ("a warrant for his arrest", "threat of invasion")."""

BELIEF_VERBS = lexicons.words("words_events", list="syntax.BELIEF_VERBS")
"""Verbs whose clause is a belief: the event it tells is not asserted ("many believe he has killed himself")."""

GOAL_NOUNS = lexicons.words("words_events", list="syntax.GOAL_NOUNS")
"""Nouns whose gerund complement is aimed at, not done ("optimism about brokering an accord")."""

CONDITIONALS = lexicons.words("words_events", list="syntax.CONDITIONALS")
HABITUAL = lexicons.words("words_events", list="syntax.HABITUAL")  # fmt: skip
"""Adverbs that make a clause a practice, not one event ("are routinely imprisoned")."""
TEMPORAL = lexicons.words("words_events", list="syntax.TEMPORAL")
"""Conjunctions that, with a simple present, look ahead ("when he visits")."""
HEDGES = lexicons.words("words_events", list="syntax.HEDGES")
"""Words that leave an event asserted but less certain."""
FREQUENCY_UNITS = lexicons.words("words_events", list="syntax.FREQUENCY_UNITS")
"""Units of time that, counted per ("a year", "every week", "per month"), make a clause a practice, not one event."""
FREQUENCY_DETS = lexicons.words("words_events", list="syntax.FREQUENCY_DETS")
"""Determiners that make a unit of time a rate ("visits a year", "each month"), not a length or a date."""
ANTICIPATED_EVENT_VERBS = lexicons.words("words_events", list="dates.OCCURRENCE_VERBS") | {"hold", "go", "come"}
"""Verbs whose subject is an event taking place ("which is likely to take place", "which will be held in May")."""
LEMMA_FIXES = {"hoping": "hope", "hoped": "hope"}
"""Forms the tagger's lemmatizer gets wrong in news ("hoping" -> "hop")."""

PERSON_PRONOUNS = lexicons.words("words_events", list="syntax.PERSON_PRONOUNS")

PERSON_NOUNS = frozenset(
    """
    person people man woman men women child children boy girl teenager youth baby family father mother son
    daughter brother sister wife husband relative prisoner hostage detainee captive inmate suspect convict
    defendant journalist reporter correspondent editor blogger activist protester protestor demonstrator
    dissident opponent critic rival spy agent officer soldier troop trooper fighter militant rebel insurgent
    guerrilla gunman attacker assailant terrorist jihadist bomber policeman policewoman cop guard commander
    general colonel major captain lieutenant sergeant marshal admiral official minister president premier
    chancellor prime leader chief head director executive ceo chairman chairwoman chair founder owner
    businessman businesswoman entrepreneur tycoon oligarch banker lawyer attorney judge prosecutor lawmaker
    legislator senator congressman congresswoman mp deputy politician diplomat ambassador envoy consul mayor
    governor king queen prince princess monarch emperor pope cleric imam priest bishop rabbi monk nun citizen
    national resident civilian villager worker employee staff staffer member volunteer student teacher
    professor scientist researcher doctor nurse patient victim survivor witness refugee migrant immigrant
    asylum-seeker tourist passenger driver pilot crew crewman sailor fisherman farmer player coach athlete
    actor actress singer artist writer author poet director candidate nominee voter supporter follower loyalist
    friend colleague associate partner ally neighbour neighbor acquaintance roommate companion
    separatist nationalist extremist militia militiaman personnel servicemen serviceman contractor aide adviser
    advisor advisers spokesman spokeswoman spokesperson secretary commissioner inspector investigator detective
    sheriff ranger warden
    """.split()  # noqa: SIM905 (a word list reads best as text)
)
"""Common nouns naming people: the patient of "arrest", "release", "kill" must be one of these (or a name)."""

PLACE_NOUNS = frozenset(
    """
    country nation state territory region province city town village capital island peninsula border area
    district land neighbour neighbor republic enclave zone
    """.split()  # noqa: SIM905 (a word list reads best as text)
)
"""Common nouns naming territory (what can be invaded or visited)."""

TARGET_NOUNS = (
    PERSON_NOUNS
    | PLACE_NOUNS
    | frozenset(
        """
    convoy base camp post checkpoint position positions station embassy consulate ship vessel boat tanker
    building school hospital market mosque church temple synagogue office headquarters compound village bus
    train car truck vehicle plane aircraft airport port bridge plant facility pipeline refinery depot barracks
    outpost patrol unit army force forces police military government regime
    """.split()  # noqa: SIM905 (a word list reads best as text)
    )
)
"""Physical targets: an "attack" on one of these is violence, not criticism."""

DEVICE_NOUNS = frozenset(
    """
    bomb device ied mine landmine grenade shell rocket missile explosive explosives charge vest car vehicle
    truck suicide
    """.split()  # noqa: SIM905 (a word list reads best as text)
)
"""What explodes or is detonated in a bombing."""

PERSON_LABELS = lexicons.words("words_events", list="syntax.PERSON_LABELS")
"""Entity labels that can fill a person slot (organizations and states act and are acted on as people)."""
PLACE_LABELS = lexicons.words("words_events", list="syntax.PLACE_LABELS")


def clause_head(tok: Token) -> Token:
    """The nearest verb at or above ``tok`` that heads a clause (the root if none)."""
    cur = tok
    while True:
        if cur.pos_ in ("VERB", "AUX") and (cur.dep_ in CLAUSE_DEPS or cur.head.i == cur.i):
            return cur
        if cur.head.i == cur.i:
            return cur
        cur = cur.head


def is_passive(verb: Token) -> bool:
    """Whether ``verb`` is passive: "was arrested", a reduced relative "a spy arrested in 2016"."""
    if any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in verb.children):
        return True
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod"):
        return True
    if verb.tag_ == "VBN" and verb.dep_ == "conj" and not any(c.dep_ == "aux" for c in verb.children):
        return is_passive(verb.head)
    return _headline_passive(verb)


HEADLINE_TRANSITIVE = lexicons.words("words_events", list="syntax.HEADLINE_TRANSITIVE")  # fmt: skip
"""Verbs that take an object: in a headline without one, the participle is passive ("Opposition leader detained")."""


def _headline_passive(verb: Token) -> bool:
    """Headlinese drops "was": "Opposition leader detained ahead of protest" is a passive with a subject, on a line
    of its own with no closing full stop, no auxiliary and no object."""
    if verb.tag_ not in ("VBN", "VBD") or verb.lemma_.lower() not in HEADLINE_TRANSITIVE:
        return False
    if any(c.dep_ in ("aux", "dobj", "dative", "ccomp", "xcomp") for c in verb.children):
        return False
    if not any(c.dep_ == "nsubj" for c in verb.children):
        return False
    text = doc_text(verb.doc)
    start = text.rfind("\n", 0, verb.idx) + 1
    end = text.find("\n", verb.idx)
    line = text[start : end if end >= 0 else len(text)].strip()
    subj = next(c for c in verb.children if c.dep_ == "nsubj")
    return start <= subj.idx and not line.endswith((".", "!", "?", "”", '"', ":", ";", ","))


def lemma_of(tok: Token) -> str:
    """The lower-cased lemma, with the lemmatizer's known misses repaired ("hoping" is "hope", not "hop")."""
    return LEMMA_FIXES.get(tok.lower_, tok.lemma_.lower())


def relative_antecedent(tok: Token) -> Token:
    """For a relative pronoun ("who", "that"), the noun its clause modifies; else ``tok``."""
    if tok.tag_ in ("WP", "WDT") or (tok.lower_ == "that" and tok.dep_ in SUBJECTS):
        clause = tok.head
        if clause.dep_ == "relcl":
            return clause.head
    return tok


def subject(verb: Token) -> Token | None:
    """The grammatical subject of ``verb``, inherited across coordination, participles and control."""
    seen = 0
    cur = verb
    while seen < 6:
        seen += 1
        for c in cur.children:
            if c.dep_ in SUBJECTS:
                return relative_antecedent(c)
        if cur.dep_ in ("acl", "amod") and cur.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return cur.head
        if cur.dep_ == "relcl":
            return cur.head
        if cur.dep_ == "xcomp":
            obj = next((c for c in cur.head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj
        if cur.dep_ in ("conj", "xcomp", "advcl") and cur.head.i != cur.i:
            cur = cur.head
            continue
        return None
    return None


def direct_object(verb: Token) -> Token | None:
    """The direct object of ``verb``, or of the verb it is coordinated with ("arrested and jailed him")."""
    for c in verb.children:
        if c.dep_ in ("dobj", "obj"):
            return c
    for c in verb.children:
        if c.dep_ in ("ccomp", "oprd", "xcomp") and c.pos_ == "ADJ":
            # "found him guilty": the object is parsed as the subject of the small clause
            subj = next((g for g in c.children if g.dep_ in SUBJECTS), None)
            if subj is not None:
                return subj
    # "X arrested and jailed Y": the first conjunct shares the object of the second
    for c in verb.children:
        if c.dep_ == "conj" and c.pos_ == "VERB":
            for d in c.children:
                if d.dep_ in ("dobj", "obj"):
                    return d
    return None


def by_agent(head: Token) -> Token | None:
    """The object of a passive "by" phrase (or a nominal's "by X")."""
    for c in head.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def preps(head: Token) -> Iterator[tuple[str, Token]]:
    """(preposition, object) pairs hanging on ``head``, multiword ones included ("in support of")."""
    for c in head.children:
        if c.dep_ not in ("prep", "agent", "dative"):
            continue
        for g in c.children:
            if g.dep_ == "pobj":
                if g.lemma_ in ("support", "defense", "defence", "solidarity", "favor", "favour", "protest"):
                    for p in g.children:
                        if p.dep_ == "prep" and p.lower_ == "of":
                            yield ("for", next((o for o in p.children if o.dep_ == "pobj"), g))
                    continue
                yield (c.lower_, g)


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the nouns coordinated with it ("Estonia and Russia")."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            out.extend(conjuncts(c))
    return out


def negated(tok: Token) -> bool:
    """Whether ``tok`` carries its own negation ("not arrested", "no arrests", "never met")."""
    for c in tok.children:
        if c.dep_ == "neg":
            return True
        if c.dep_ == "det" and c.lower_ == "no":
            return True
        if c.dep_ == "advmod" and c.lower_ in ("never", "not"):
            return True
        if c.dep_ in ("cc", "preconj") and c.lower_ in ("nor", "neither"):
            return True  # "neither arrested ...", "nor does he kill"
    return tok.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ == "nor" for c in tok.head.children)


def negative_subject(verb: Token) -> bool:
    """Whether the clause's subject is negative ("neither X nor Y were tried", "nobody was arrested")."""
    for c in verb.children:
        if c.dep_ in SUBJECTS:
            if c.lower_ in ("nobody", "none", "nothing", "neither") or c.lower_ == "no one":
                return True
            if any(g.dep_ in ("preconj", "det") and g.lower_ in ("neither", "no") for g in c.children):
                return True
    return False


def modal(verb: Token) -> bool:
    """Whether ``verb`` carries a modal or future auxiliary ("may be arrested", "will visit"), or shares
    the one of the verb it is coordinated with ("should be prosecuted and tried")."""
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS for c in verb.children):
        return True
    cur = verb
    for _ in range(4):  # "may be detained or fitted with monitors and released": up the chain of conjuncts
        if cur.dep_ != "conj" or cur.head.pos_ not in ("VERB", "AUX") or cur.head.i == cur.i:
            return False
        if any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in cur.children):
            return False  # its own subject or auxiliary: its own mood
        cur = cur.head
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS for c in cur.children):
            return True
    return False


FUTURE_MODALS = lexicons.words("words_events", list="syntax.FUTURE_MODALS")
"""Auxiliaries that put a clause ahead in time rather than make it possible ("will visit", "won't attend")."""

PLANNING_VERBS = lexicons.words("words_events", list="syntax.PLANNING_VERBS")  # fmt: skip
"""Governors whose complement is an event ahead ("plans to visit", "is expected to resign", "vowed to attend")."""

REPORTING_BLOCKERS = lexicons.words("words_events", list="syntax.REPORTING_BLOCKERS")
"""Governors that attribute an event to a claimant ("claimed to have attacked"): reported, not established."""

FUTURE_ADJS = lexicons.words("words_events", list="syntax.FUTURE_ADJS")
"""Adjectives that put the event they govern ahead ("set to visit", "due to resign")."""

MODALITIES = ("asserted", "reported", "negated", "future", "hypothetical")
"""What the text says of an event: it happened, someone says it did, it did not, it will, or it might."""


def _modal_kind(verb: Token) -> str | None:
    """``future`` or ``hypothetical`` for a verb with a modal auxiliary (its own or its conjunct's), else None."""
    if not modal(verb):
        return None
    own = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBN" and any(c.lower_ in MODALS for c in own) and not any(c.lemma_ in ("be", "have") for c in own):
        return None  # "as will newly elected leader Abbas": a participle cannot take "will" alone, a misparse
    cur = verb
    for _ in range(5):
        aux = [c.lower_ for c in cur.children if c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS]
        if aux:
            return "future" if all(a in FUTURE_MODALS for a in aux) else "hypothetical"
        if cur.dep_ != "conj" or cur.head.i == cur.i:
            break
        cur = cur.head
    return "hypothetical"


def modality(trigger: Token, extra: Token | None = None) -> str | None:
    """What the text says of the event at ``trigger``: one of :data:`MODALITIES`, or None when it is no
    single event at all (a habit, "almost died", "detained without trial").

    ``extra`` is a support verb whose own negation or modality also counts.
    """
    if trigger.sent.text.rstrip().rstrip("\"'”’)").endswith("?"):  # also a quoted question: '...meeting?"'
        return "hypothetical"
    for t in (trigger, extra):
        if t is None:
            continue
        kind = _modal_kind(t)
        if _conditional(t) or kind == "hypothetical":
            return "hypothetical"  # "if Russia invades", "may be arrested", "may not be arrested"
        if negated(t) or negative_subject(t):
            return "negated"  # "was not arrested", "will not attend"
        if kind is not None:
            return kind
    for t in (trigger, extra):
        if t is not None and t.dep_ == "ROOT" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
            return "future"  # a headline's "Mutu to hold talks with Juventus": announced, not done
    modifiers = [*trigger.children, *(extra.children if extra is not None else ())]
    if trigger.pos_ == "NOUN" and trigger.dep_ == "pobj" and trigger.head.head.pos_ in ("VERB", "AUX"):
        modifiers.extend(trigger.head.head.children)  # "they always vote in a general election"
    objects = [o for t in (trigger, extra) if t is not None and t.pos_ == "VERB" for o in [direct_object(t)] if o]
    rated = [*modifiers, *(c for o in objects for c in o.children)]  # "arrested 40 drivers a week": on the object
    if any(c.dep_ == "advmod" and c.lower_ in HABITUAL for c in modifiers) or _rate(rated):
        return None  # "are routinely imprisoned and tortured", "make 3,000 visits a year": a practice, not one event
    if any(t is not None and t.pos_ in ("VERB", "AUX") and imperative(t) for t in (trigger, extra)):
        return "hypothetical"  # "Release the hostages!": asked for, not done
    if trigger.tag_ in ("VBZ", "VBP") and any(c.dep_ in ("mark", "advmod") and c.lower_ in TEMPORAL for c in modifiers):
        return "hypothetical"  # "when Merkel visits the White House later this week": ahead, or a habit
    if any(c.dep_ == "advmod" and c.lower_ in ("almost", "nearly") for c in trigger.children):
        return None  # "I almost died there"
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "without":
        return None  # "detained without trial"
    if trigger.pos_ == "NOUN" and _anticipated(trigger):
        return "future"  # "in the run-up to the election", "ahead of the summit": a landmark still to come
    if trigger.pos_ == "NOUN" and _asked_for(trigger):
        return "hypothetical"  # a headline's "Tutu's Guantanamo release call": what is called for
    if trigger.pos_ == "NOUN" and trigger.dep_ in SUBJECTS | {"attr"}:
        kind = _modal_kind(trigger.head)
        if kind is not None:
            return kind  # "The meeting will be the third summit"
        if _future(trigger.head):
            return "future"  # "the talks are supposed to take place in May"
    planned = ("plan", "schedule", "propose", "expect", "intend", "hope")
    if any(c.dep_ == "acl" and c.lemma_.lower() in planned for c in trigger.children):
        return "future"  # "a meeting planned for January"
    if trigger.pos_ == "NOUN":
        ahead = next((k for c in trigger.children if c.dep_ == "relcl" and (k := _ahead(c)) is not None), None)
        if ahead is not None:
            return ahead  # "the election, which is likely to take place in May": not yet held
    return _governed(trigger, extra)


def _governed(trigger: Token, extra: Token | None) -> str:
    """The modality the trigger's governors give it, walking up to the clause that describes it."""
    cur = trigger
    through_verb = False  # whether the walk came up through a gerund ("optimism about brokering an accord")
    for _ in range(12):
        if cur.head.i == cur.i:
            break
        parent = cur.head
        dep = cur.dep_
        lemma = lemma_of(parent)
        is_extra = extra is not None and parent.i == extra.i
        blocks = lemma in NONFACTUAL_VERBS and dep in ("xcomp", "ccomp", "pcomp")
        topic = dep == "prep" and cur.lower_ in TOPIC_PREPOSITIONS  # "asked about the invasion" presupposes it
        blocks = blocks or (lemma in NOMINAL_BLOCKERS and dep in ("dobj", "prep", "nsubjpass") and not topic)
        if parent.pos_ in ("VERB", "AUX") and not is_extra and blocks:
            if lemma in REPORTING_BLOCKERS:
                return "reported"  # "claimed to have attacked"
            if lemma in PLANNING_VERBS and not negated(parent):
                return "future"  # "plans to invade", "vowed to attend"
            if lemma in ("cancel", "nix", "scrap", "scupper", "abandon", "deny", "refuse", "fail", "decline"):
                return "negated" if lemma not in ("deny",) else "hypothetical"  # "cancelled the meeting"
            return "hypothetical"
        if parent.pos_ == "ADJ" and lemma in ("due", "owing") and cur.lower_ == "to" and dep in ("prep", "pcomp"):
            # "due to an attack" names a cause (not "due to resign"): told unless the cause is denied ("was not due
            # to an attack", "does not appear to be due to an attack")
            copula = parent.head
            if negated(copula) or (copula.dep_ == "xcomp" and negated(copula.head)):
                return "hypothetical"
            cur = parent
            continue
        if parent.pos_ == "ADJ" and lemma in NONFACTUAL_ADJS and dep in ("xcomp", "prep", "pcomp"):
            return "future" if lemma in FUTURE_ADJS else "hypothetical"
        if parent.pos_ == "NOUN" and lemma in NONFACTUAL_NOUNS and dep in ("acl", "prep", "pobj", "compound"):
            intended = lemma in ("plan", "offer", "invitation", "intention") and not negated(parent)
            return "future" if intended else "hypothetical"  # "no intention of selling him": nothing ahead
        if lemma in BELIEF_VERBS and cur.i == trigger.i and trigger.pos_ == "VERB" and dep in ("ccomp", "xcomp"):
            return "hypothetical"  # "believe he has killed himself" (not "believed to be responsible for a blast")
        through_verb = through_verb or cur.tag_ == "VBG"
        if parent.pos_ == "NOUN" and lemma in GOAL_NOUNS and through_verb and dep in ("prep", "pcomp"):
            return "hypothetical"  # "the goals of hurting the party and electing Trump" (not "the aim of the attacks")
        # "could face arrest", "will face trial", "did not order the attack"
        under = parent.pos_ in ("VERB", "AUX") and dep in ("xcomp", "ccomp", "dobj", "pobj", "prep") and not is_extra
        if under:
            kind = _modal_kind(parent)
            if kind is not None:
                return kind
            if negated(parent):
                return "hypothetical"
        if dep != "conj" and _conditional(parent):
            return "hypothetical"
        if dep in ("ccomp", "xcomp", "dobj", "nsubj") and parent.pos_ == "VERB" and not is_extra and imperative(parent):
            return "hypothetical"  # "Let the election decide this": what is urged, not what happened
        if dep in ("acl", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
            return "hypothetical"  # "powers to detain", "raided the house to arrest him": a possibility or a purpose
        if dep == "acl" and cur.lemma_.lower() in ("plan", "schedule", "propose", "expect", "intend"):
            return "future"
        if dep == "xcomp" and parent.lemma_.lower() == "go" and parent.tag_ == "VBG":
            return "future"  # "they are going to be detained"
        if dep == "xcomp" and parent.lemma_.lower() == "be" and any(c.lower_ == "to" for c in cur.children):
            return "future"  # "Straw is to visit Thailand": the British future ("is due to", "is set to" as adjectives)
        if lemma == "look" and any(c.lower_ == "forward" for c in parent.children):
            return "future"  # "was looking forward to visiting London": anticipated, not done
        descriptive = dep in ("relcl", "appos") or (dep in ("acl", "amod") and cur.tag_ in ("VBN", "VBG"))
        if descriptive or parent.dep_ == "ROOT":
            break  # a relative or participial clause describes; its governor's mood does not reach it
        cur = parent
    return "asserted"


def asserted(trigger: Token, extra: Token | None = None) -> bool:
    """Whether the event at ``trigger`` is asserted as real (not negated, modal, conditional or denied)."""
    return modality(trigger, extra) == "asserted"


def _anticipated(noun: Token) -> bool:
    """Whether a nominal event is named as what is ahead: "ahead of", "in advance of", "towards", "the
    run-up (lead-up, build-up) to", "in preparation for"."""
    prep = noun.head
    if noun.dep_ != "pobj":
        return False
    if prep.lower_ in ("towards", "toward"):
        return True
    if prep.lower_ == "of" and prep.head.lower_ in ("ahead", "advance"):
        return True
    if prep.lower_ == "for" and prep.head.lemma_.lower() in ("preparation", "prepare", "countdown"):
        return True
    if prep.lower_ == "to":
        before = noun.doc[max(0, prep.i - 3) : prep.i].text.lower().replace(" ", "")
        return before.endswith(("run-up", "lead-up", "build-up", "runup", "countdown"))
    return False


def _asked_for(noun: Token) -> bool:
    """Whether a nominal event modifies the non-factual noun right after it ("release call", "strike threat",
    "merger bid"), whatever the parser made of the pair: headlines drop the verb, and the small model then takes
    the second noun for an apposition or an object of the first."""
    if noun.i + 1 >= len(noun.doc):
        return False
    after = noun.doc[noun.i + 1]
    if after.pos_ != "NOUN" or after.lemma_.lower() not in NONFACTUAL_NOUNS:
        return False
    return after.head.i == noun.i or noun.head.i == after.i


def alleged(trigger: Token) -> bool:
    """Whether the event is the crime someone is accused, suspected or convicted of ("suspected of killing
    the mother", "wrongly convicted of killing two of her babies"): the act is told, its doer is not
    established. A definite crime noun names a known event ("tried for the Rolando bombing")."""
    prep = trigger.head
    if trigger.dep_ not in ("pcomp", "pobj") or prep.lower_ not in ("of", "for", "with"):
        return False
    governor = prep.head
    if governor.pos_ not in ("VERB", "ADJ") or governor.lemma_.lower() not in ALLEGATION_WORDS:
        return False
    return not (trigger.pos_ == "NOUN" and _definite(trigger))


def _definite(noun: Token) -> bool:
    """Whether a noun is definite: "the"/"this"/"that" or a possessive ("the Rolando bombing", "his murder")."""
    return any(
        (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")) or c.dep_ == "poss"
        for c in noun.children
    )


def _future(verb: Token) -> bool:
    """Whether a clause looks ahead: "is supposed to / expected to / set to / going to take place"."""
    for c in verb.children:
        if c.dep_ in ("xcomp", "acomp") and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            return verb.lemma_.lower() in ("suppose", "expect", "set", "go", "due", "schedule", "plan", "likely")
        if c.dep_ == "acomp" and c.lemma_.lower() in NONFACTUAL_ADJS:
            return True
    return False


def _conditional(tok: Token) -> bool:
    """Whether ``tok`` is in a conditional: its own "if", or the consequent of an "if" clause."""
    for c in tok.children:
        if c.dep_ == "mark" and c.lower_ in CONDITIONALS:
            return True
        if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children):
            return True
    return False


DECISION_VERBS = lexicons.words("words_events", list="syntax.DECISION_VERBS")
"""Verbs whose complement is decided, not yet done ("agreed to release the four", "decided to step down")."""


def decided(trigger: Token, extra: Token | None = None) -> bool:
    """Whether the event is the complement of a decision ("the US had agreed to release the four")."""
    for t in (trigger, extra):
        if t is not None and t.dep_ == "xcomp" and t.head.lemma_.lower() in DECISION_VERBS:
            return True
    return False


def generic(verb: Token, patient: Token | None) -> bool:
    """A habitual present with a bare plural ("People get released from prison when ..."): no one event."""
    if verb.pos_ not in ("VERB", "AUX") or patient is None or patient.tag_ != "NNS":
        return False
    if any(c.dep_ in ("det", "poss", "nummod", "amod", "compound") for c in patient.children):
        return False
    tensed = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))]
    return all(t.tag_ in ("VBP", "VBZ", "VBN", "VB") for t in tensed) and any(t.tag_ in ("VBP", "VBZ") for t in tensed)


GENERIC_QUANTIFIERS = lexicons.words("words_events", list="syntax.GENERIC_QUANTIFIERS")
"""Quantifiers that, on a plural event noun in a simple present, speak of such events in general ("in some criminal
trials, juries ...", "most arrests happen at night")."""


def generic_mention(noun: Token, clause: Token) -> bool:
    """A quantified plural event noun in a simple-present clause ("In some criminal trials, juries hear evidence in
    secret", "Most arrests happen at night"): events of a kind, not one that happened. Past or perfect clauses tell
    real ones ("some protests turned violent", "many arrests have been made")."""
    if noun.pos_ != "NOUN" or noun.tag_ != "NNS":
        return False
    if not any(c.dep_ in ("det", "amod") and c.lower_ in GENERIC_QUANTIFIERS for c in noun.children):
        return False
    aux = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    if clause.tag_ == "VBD" or any(a.tag_ in ("VBD", "MD") or a.lemma_ == "have" for a in aux):
        return False
    bare = clause.tag_ == "VB" and not aux and any(c.dep_ in SUBJECTS for c in clause.children)  # "arrests happen"
    return bare or any(t.tag_ in ("VBP", "VBZ") for t in (clause, *aux))


def hedged(trigger: Token, clause: Token) -> bool:
    """Whether a hedge ("reportedly", "alleged") qualifies the event."""
    for t in (trigger, clause):
        for c in t.children:
            if c.lower_ in HEDGES:
                return True
    return False


def past(clause: Token) -> bool:
    """Whether a clause is in a past tense ("was arrested", "fled", "had met")."""
    if clause.tag_ == "VBD":
        return True
    aux = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "VBD" for a in aux):
        return True
    return clause.tag_ == "VBN" and clause.dep_ in ("acl", "conj", "relcl") and not aux


def imperative(verb: Token) -> bool:
    """Whether ``verb`` heads an imperative ("Let the election decide this", '"Free the hostages," he said'): a bare
    verb that opens its sentence with no subject or auxiliary, or one coordinated with such a verb."""
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and verb.head.i != verb.i:
        return not any(c.dep_ in SUBJECTS | {"expl", "aux", "auxpass"} for c in verb.children) and imperative(verb.head)
    if verb.tag_ != "VB" or verb.dep_ not in ("ROOT", "ccomp", "parataxis"):
        return False  # a quoted imperative hangs on its "he said" as a ccomp
    if any(c.dep_ in SUBJECTS | {"expl", "aux", "auxpass"} for c in verb.children):
        return False
    first = next((t for t in verb.sent if t.is_alpha), None)
    return first is not None and first.i == verb.i


def _rate(modifiers: list[Token]) -> bool:
    """Whether a modifier counts per unit of time ("3,000 visits a year", "twice a week", "every month", "per day"):
    the clause tells a practice, not one event."""
    for c in modifiers:
        if c.dep_ in ("npadvmod", "advmod", "nmod") and c.lemma_.lower() in FREQUENCY_UNITS:
            if any(d.lower_ in ("ago", "later", "earlier", "before", "after") for d in c.children):
                continue  # "a year ago", "a day later": a date, not a rate
            if any(d.dep_ == "det" and d.lower_ in FREQUENCY_DETS for d in c.children):
                return True
        per = c.dep_ == "prep" and c.lower_ == "per"
        if per and any(g.dep_ == "pobj" and g.lemma_.lower() in FREQUENCY_UNITS for g in c.children):
            return True
        if c.dep_ in ("npadvmod", "advmod") and c.lower_ in ("times", "twice", "thrice") and _rate(list(c.children)):
            return True  # "visited the site 40 times a year"
    return False


def _ahead(relcl: Token) -> str | None:
    """``future``/``hypothetical`` when a relative clause on a nominal event says the event itself is still ahead
    ("which is likely to take place in May", "which will be held next year"); None otherwise ("which was held in
    secret", "which will be remembered")."""
    if not any(c.dep_ in SUBJECTS and c.lower_ in ("which", "that") for c in relcl.children):
        return None
    chain = [relcl]
    cur = relcl
    for _ in range(3):  # "is likely to take place": the adjective's or verb's complement says what the event does
        nxt = next((c for c in cur.children if c.dep_ in ("xcomp", "acomp") and c.pos_ in ("VERB", "ADJ")), None)
        if nxt is None:
            break
        chain.append(nxt)
        cur = nxt
    if not any(_occurs(v) for v in chain):
        return None
    kind = _modal_kind(relcl)
    if kind is not None:
        return kind
    if _future(relcl) or any(lemma_of(v) in FUTURE_ADJS | PLANNING_VERBS for v in chain[1:]):
        return "future"
    if any(lemma_of(v) in NONFACTUAL_ADJS for v in chain[1:]):
        return "hypothetical"
    return None


def _occurs(verb: Token) -> bool:
    """Whether a verb says an event takes place ("take place", "be held", "happen", "go ahead")."""
    if verb.pos_ != "VERB":
        return False
    word = lemma_of(verb)
    if word == "take":
        return any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children)
    if word == "go":
        return any(c.lower_ == "ahead" for c in verb.children)
    return word in ANTICIPATED_EVENT_VERBS
