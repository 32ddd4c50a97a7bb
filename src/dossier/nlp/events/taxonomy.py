"""dossier's event taxonomy: types, CAMEO codes, trigger lexicon and role frames (docs/events.md).

Pure data. Each ``EventType`` says which CAMEO code it carries (None where CAMEO
has none: elections, appointments, deaths ...), how syntactic positions map to
roles, and which *support verbs* turn a nominal trigger into a reported event
("imposed sanctions", "took part in demonstrations"). Each ``Sense`` is one
trigger lemma with the checks that keep its wrong senses out ("cardiac arrest",
"released a report", "meet the deadline").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Check = Literal["person", "actor", "place", "target", "device", "any"]
"""What an argument must look like for a trigger sense to hold (see ``event_syntax.looks_like``)."""


@dataclass(frozen=True, slots=True)
class EventType:
    """One kind of event and the frame its participants fill."""

    name: str
    cameo: str | None
    label: str
    subject: str = "agent"
    """Role of the active subject (and of the passive ``by`` agent)."""
    object: str = "patient"
    """Role of the direct object, the passive subject and a nominal's ``of`` complement."""
    poss: str = "patient"
    """Role of a nominal trigger's possessor ("Zinchenko's arrest", "Russia's invasion")."""
    modifier: str | None = None
    """Role of a named modifier of a nominal trigger ("Russian invasion", "US sanctions")."""
    preps: dict[str, str] = field(default_factory=dict)
    """Preposition -> role for complements of the trigger or its support verb."""
    support: dict[str, str] = field(default_factory=dict)
    """Support verb lemma -> role of its subject, for nominal triggers ("hold a protest")."""


@dataclass(frozen=True, slots=True)
class Sense:
    """One trigger lemma in one part of speech, with its sense checks."""

    lemma: str
    pos: Literal["VERB", "NOUN"]
    type: str
    check: Check = "any"
    """What the patient/object must be; a verb whose object fails this is another sense."""
    requires_object: bool = False
    """The sense needs its object (or passive subject) to be present and pass ``check``."""
    objects: frozenset[str] = frozenset()
    """For a verb: its direct object must have one of these lemmas ("sign" + "treaty")."""
    particle: str | None = None
    """A particle the verb needs ("step down", "swear in")."""
    cues: frozenset[str] = frozenset()
    """For a noun: a modifier or ``of`` complement must have one of these lemmas ("prisoner exchange")."""
    blocked: frozenset[str] = frozenset()
    """Modifier lemmas that signal another sense ("cardiac arrest", "clinical trial")."""
    needs_support: bool = False
    """A noun that is an event only under a support verb ("imposed sanctions", "sought asylum")."""
    plural_only: bool = False
    """Only the plural form is the event ("talks")."""
    cameo: str | None = None
    """A finer CAMEO code for this trigger than its type's."""
    confidence: float = 0.9
    subject_role: str | None = None
    """Role of the active subject when it differs from the type's ("X died": patient, not agent)."""
    complements: frozenset[str] = frozenset()
    """For a verb: a predicative complement it needs ("found him guilty")."""


_LOC = {"in": "location", "at": "location", "near": "location", "outside": "location", "inside": "location"}

TYPES: dict[str, EventType] = {
    t.name: t
    for t in (
        EventType(
            "arrest",
            "173",
            "Arrest, detention or imprisonment",
            subject="agent",
            object="patient",
            preps={**_LOC},
            support={"make": "agent", "carry": "agent", "order": "agent"},
        ),
        EventType(
            "release",
            "0841",
            "Release of a detained person",
            preps={**_LOC, "from": "origin"},
            support={"secure": "agent", "win": "agent"},
        ),
        EventType(
            "exchange",
            "0841",
            "Exchange of prisoners between parties",
            subject="participant",
            object="patient",
            poss="participant",
            modifier="participant",
            preps={**_LOC, "between": "participant", "with": "participant", "for": "patient"},
            support={
                "carry": "participant",
                "conduct": "participant",
                "complete": "participant",
                "agree": "participant",
            },
        ),
        EventType(
            "asylum_request",
            "0233",
            "Request for asylum or protection",
            subject="agent",
            object="patient",
            poss="agent",
            preps={"in": "recipient", "from": "recipient", "to": "recipient"},
            support={
                "seek": "agent",
                "request": "agent",
                "apply": "agent",
                "ask": "agent",
                "claim": "agent",
                "file": "agent",
                "lodge": "agent",
                "submit": "agent",
                "petition": "agent",
            },
        ),
        EventType(
            "asylum_grant",
            "073",
            "Asylum or protection granted",
            subject="agent",
            object="recipient",
            poss="recipient",
            preps={"in": "location", "to": "recipient"},
            support={
                "grant": "agent",
                "give": "agent",
                "award": "agent",
                "receive": "recipient",
                "obtain": "recipient",
                "win": "recipient",
                "get": "recipient",
            },
        ),
        EventType(
            "defection", None, "Defection to another side", poss="agent", preps={"to": "destination", "from": "origin"}
        ),
        EventType(
            "invasion",
            "192",
            "Military invasion or occupation of territory",
            object="target",
            poss="agent",
            modifier="agent",
            preps={"by": "agent", **_LOC},
            support={"launch": "agent", "begin": "agent", "start": "agent", "order": "agent"},
        ),
        EventType(
            "attack",
            "190",
            "Armed attack, strike or assault",
            subject="agent",
            object="target",
            poss="agent",
            modifier="agent",
            preps={"on": "target", "against": "target", "by": "agent", **_LOC},
            support={
                "launch": "agent",
                "carry": "agent",
                "conduct": "agent",
                "mount": "agent",
                "stage": "agent",
                "perpetrate": "agent",
                "commit": "agent",
            },
        ),
        EventType(
            "bombing",
            "183",
            "Bombing or explosion of a device",
            subject="agent",
            object="target",
            poss="agent",
            preps={"on": "target", "against": "target", "by": "agent", "outside": "location", **_LOC},
            support={"carry": "agent", "conduct": "agent", "detonate": "agent", "set": "agent", "plant": "agent"},
        ),
        EventType(
            "protest",
            "14",
            "Protest, demonstration or strike",
            subject="agent",
            object="target",
            poss="agent",
            preps={"against": "target", "for": "beneficiary", **_LOC},
            support={
                "hold": "agent",
                "stage": "agent",
                "organize": "agent",
                "organise": "agent",
                "lead": "agent",
                "join": "agent",
                "attend": "agent",
                "take": "agent",
                "participate": "agent",
                "launch": "agent",
                "go": "agent",
                "march": "agent",
            },
        ),
        EventType(
            "election",
            None,
            "Election or vote",
            subject="agent",
            object="candidate",
            poss="location",
            preps={**_LOC, "for": "candidate"},
            support={"hold": "agent", "win": "candidate", "lose": "candidate", "contest": "candidate", "call": "agent"},
        ),
        EventType(
            "appointment",
            None,
            "Appointment, nomination or taking office",
            subject="agent",
            object="patient",
            poss="patient",
            preps={"to": "organization", "at": "organization", **_LOC},
            support={"announce": "agent"},
        ),
        EventType(
            "resignation",
            None,
            "Resignation from a post",
            subject="patient",
            object="patient",
            poss="patient",
            preps={"from": "organization", "as": "position"},
            support={"announce": "patient", "submit": "patient", "tender": "patient", "offer": "patient"},
        ),
        EventType(
            "acquisition",
            "061",
            "Acquisition, takeover, merger or sale of a company",
            subject="agent",
            object="patient",
            poss="agent",
            preps={"of": "patient", "by": "agent", "from": "seller", "to": "recipient", "with": "participant"},
            support={"complete": "agent", "announce": "agent", "agree": "agent", "approve": "agent"},
        ),
        EventType(
            "accident",
            None,
            "Accident or disaster: a crash, collision, derailment, earthquake",
            subject="patient",
            object="patient",
            poss="location",
            preps={**_LOC, "on": "location"},
        ),
        EventType(
            "announcement",
            "010",
            "Statement or announcement made public",
            subject="agent",
            object="topic",
            poss="agent",
            preps={"on": "topic", "about": "topic", "by": "agent"},
            support={"make": "agent", "issue": "agent"},
        ),
        EventType(
            "dismissal",
            None,
            "Dismissal or removal from a post",
            subject="agent",
            object="patient",
            poss="patient",
            preps={"from": "organization"},
        ),
        EventType(
            "death",
            None,
            "Death or killing (CAMEO codes only for killings: 18, 186 assassination, 202 massacre)",
            subject="agent",
            object="patient",
            poss="patient",
            modifier=None,
            preps={"by": "agent", **_LOC},
            support={"commit": "agent", "carry": "agent"},
        ),
        EventType(
            "agreement",
            "057",
            "Agreement or treaty signed or reached",
            subject="participant",
            object="participant",
            poss="participant",
            modifier="participant",
            preps={"between": "participant", "with": "participant", **_LOC},
            support={
                "sign": "participant",
                "reach": "participant",
                "strike": "participant",
                "conclude": "participant",
                "seal": "participant",
                "broker": "mediator",
                "ink": "participant",
                "clinch": "participant",
            },
        ),
        EventType(
            "sanctions",
            "163",
            "Sanctions or embargo imposed",
            subject="agent",
            object="target",
            poss="agent",
            modifier="agent",
            preps={"on": "target", "against": "target"},
            support={
                "impose": "agent",
                "slap": "agent",
                "announce": "agent",
                "introduce": "agent",
                "levy": "agent",
                "adopt": "agent",
                "expand": "agent",
                "extend": "agent",
                "unveil": "agent",
                "approve": "agent",
            },
        ),
        EventType(
            "charge",
            "173",
            "Criminal charge or indictment",
            subject="agent",
            object="patient",
            poss="patient",
            preps={"against": "patient", **_LOC},
            support={"file": "agent", "bring": "agent", "press": "agent", "level": "agent", "face": "patient"},
        ),
        EventType(
            "trial",
            "173",
            "Trial, verdict or sentence",
            subject="agent",
            object="patient",
            poss="patient",
            preps={"against": "patient", **_LOC},
            support={
                "stand": "patient",
                "face": "patient",
                "go": "patient",
                "serve": "patient",
                "receive": "patient",
                "open": "agent",
                "begin": "agent",
                "deliver": "agent",
                "reach": "agent",
                "hand": "agent",
                "impose": "agent",
            },
        ),
        EventType(
            "meeting",
            "040",
            "Meeting, talks or consultation",
            subject="participant",
            object="participant",
            poss="participant",
            preps={"with": "participant", "between": "participant", **_LOC},
            support={"hold": "participant", "have": "participant", "attend": "participant", "host": "host"},
        ),
        EventType(
            "visit",
            "042",
            "Visit to a place or person",
            subject="agent",
            object="destination",
            poss="agent",
            preps={"to": "destination", "by": "agent", **_LOC},
            support={"make": "agent", "pay": "agent"},
        ),
        EventType(
            "accusation",
            "112",
            "Accusation",
            subject="agent",
            object="target",
            poss="agent",
            preps={"against": "target"},
            support={"make": "agent", "level": "agent"},
        ),
        EventType("criticism", "111", "Condemnation or criticism", subject="agent", object="target"),
        EventType("threat", "13", "Threat", subject="agent", object="target", preps={"against": "target"}),
        EventType(
            "espionage",
            None,
            "Spying",
            subject="agent",
            object="target",
            poss="agent",
            preps={"on": "target", "for": "beneficiary", "against": "target"},
            support={"conduct": "agent", "commit": "agent"},
        ),
    )
}
"""dossier's event types by name."""

PRISONER_CUES = frozenset({"prisoner", "spy", "hostage", "detainee", "captive", "pow", "inmate"})
TREATY_NOUNS = frozenset(
    {"agreement", "treaty", "accord", "pact", "deal", "ceasefire", "truce", "armistice", "memorandum"}
)
_NONE: frozenset[str] = frozenset()


def _s(lemma: str, pos: Literal["VERB", "NOUN"], type_: str, **kw: object) -> Sense:
    return Sense(lemma, pos, type_, **kw)  # type: ignore[arg-type]


SENSES: tuple[Sense, ...] = (
    # arrest / detention (CAMEO 173)
    _s("arrest", "VERB", "arrest", check="person", confidence=0.95),
    _s("detain", "VERB", "arrest", check="person", confidence=0.95),
    _s("jail", "VERB", "arrest", check="person", requires_object=True),
    _s("imprison", "VERB", "arrest", check="person", requires_object=True),
    _s("apprehend", "VERB", "arrest", check="person", requires_object=True),
    _s("seize", "VERB", "arrest", check="person", requires_object=True, confidence=0.8),
    _s("incarcerate", "VERB", "arrest", check="person", requires_object=True),
    _s("arrest", "NOUN", "arrest", blocked=frozenset({"cardiac", "heart", "respiratory", "house"})),
    _s("detention", "NOUN", "arrest", blocked=frozenset({"pretrial", "pre-trial", "immigration"})),
    _s("imprisonment", "NOUN", "arrest", blocked=frozenset({"life", "false"})),
    # release (CAMEO 0841: return, release person(s))
    _s("release", "VERB", "release", check="person", requires_object=True),
    _s("free", "VERB", "release", check="person", requires_object=True),
    _s("parole", "VERB", "release", check="person", requires_object=True),
    _s(
        "release",
        "NOUN",
        "release",
        check="person",
        requires_object=True,
        blocked=frozenset({"press", "news", "product", "data", "film", "album", "statement", "gas", "water"}),
    ),
    # prisoner exchange
    _s("exchange", "NOUN", "exchange", cues=PRISONER_CUES),
    _s("swap", "NOUN", "exchange", cues=PRISONER_CUES),
    _s(
        "exchange",
        "VERB",
        "exchange",
        objects=frozenset({"prisoner", "hostage", "detainee", "captive", "spy"}),
    ),
    _s("swap", "VERB", "exchange", objects=frozenset({"prisoner", "hostage", "detainee", "captive", "spy"})),
    # asylum and defection
    _s("asylum", "NOUN", "asylum_request", needs_support=True),
    _s("defect", "VERB", "defection", check="person"),
    _s("defection", "NOUN", "defection", requires_object=False),
    # invasion and attacks (CAMEO 19x / 18x)
    _s("invade", "VERB", "invasion", check="place", requires_object=True, confidence=0.95),
    _s("invasion", "NOUN", "invasion", check="place", blocked=frozenset({"home", "privacy"}), confidence=0.95),
    _s("occupy", "VERB", "invasion", check="place", requires_object=True, confidence=0.8),
    _s("annex", "VERB", "invasion", check="place", requires_object=True),
    _s("annexation", "NOUN", "invasion", check="place"),
    _s("attack", "VERB", "attack", check="target", requires_object=True, confidence=0.8),
    _s(
        "attack",
        "NOUN",
        "attack",
        check="target",
        blocked=frozenset(
            {
                "heart",
                "panic",
                "anxiety",
                "asthma",
                "personal",
                "verbal",
                "shark",
                "dog",
                "ad",
                "political",
                "phishing",
                "cyber",
                "malware",
                "virus",
                "hacking",
                "ransomware",
                "spam",
                "denial",
                "legal",
                "rhetorical",
                "diplomatic",
                "legislative",
            }
        ),
    ),
    _s(
        "assault",
        "NOUN",
        "attack",
        check="target",
        blocked=frozenset({"sexual", "verbal", "legal", "political", "rhetorical", "diplomatic", "legislative"}),
        cameo="182",
    ),
    _s("raid", "VERB", "attack", check="target", requires_object=True, confidence=0.75),
    _s("airstrike", "NOUN", "attack", cameo="195"),
    _s(
        "strike",
        "NOUN",
        "attack",
        cues=frozenset({"air", "missile", "drone", "military", "rocket", "artillery"}),
        cameo="195",
    ),
    _s("shelling", "NOUN", "attack", cameo="194"),
    _s("shell", "VERB", "attack", check="target", requires_object=True, cameo="194"),
    _s("ambush", "VERB", "attack", check="target", requires_object=True),
    _s("ambush", "NOUN", "attack"),
    _s("gunfire", "NOUN", "attack", cameo="193"),
    _s("fight", "VERB", "attack", check="target", cameo="193", confidence=0.75),
    _s("clash", "VERB", "attack", check="target", cameo="193", confidence=0.75),
    _s("shoot", "VERB", "attack", check="person", requires_object=True, cameo="193", confidence=0.8),
    _s("shooting", "NOUN", "attack", blocked=frozenset({"film", "photo"}), cameo="193", confidence=0.8),
    _s("bombing", "NOUN", "bombing", blocked=frozenset({"carpet"})),
    _s("bomb", "VERB", "bombing", check="target", requires_object=True),
    _s(
        "explosion",
        "NOUN",
        "bombing",
        blocked=frozenset({"population", "growth", "price", "demand", "data", "cost"}),
        confidence=0.8,
    ),
    _s("blast", "NOUN", "bombing", confidence=0.8),
    _s("detonate", "VERB", "bombing", check="device", requires_object=True),
    _s("go", "VERB", "bombing", particle="off", check="device", requires_object=True, subject_role="instrument"),
    _s("blow", "VERB", "bombing", particle="up", confidence=0.8),
    _s("explode", "VERB", "bombing", check="device", requires_object=True, confidence=0.8, subject_role="instrument"),
    # protests (CAMEO 14)
    _s("protest", "VERB", "protest", check="any"),
    _s("demonstrate", "VERB", "protest", check="any", confidence=0.8),
    _s("rally", "VERB", "protest", check="any", confidence=0.8),
    _s("march", "VERB", "protest", check="any", confidence=0.75),
    _s("protest", "NOUN", "protest"),
    _s("demonstration", "NOUN", "protest", blocked=frozenset({"product", "technology", "live", "cooking"})),
    _s("march", "NOUN", "protest", confidence=0.8),
    _s(
        "strike",
        "NOUN",
        "protest",
        cues=frozenset({"hunger", "general", "labor", "labour", "worker", "teacher", "rail", "nationwide", "national"}),
        cameo="143",
    ),
    _s("walkout", "NOUN", "protest", cameo="143"),
    _s("boycott", "NOUN", "protest", cameo="143", confidence=0.8),
    # elections
    _s("elect", "VERB", "election", check="person"),
    _s("re-elect", "VERB", "election", check="person"),
    _s("reelect", "VERB", "election", check="person"),
    _s(
        "election",
        "NOUN",
        "election",
        blocked=frozenset({"upcoming", "next", "forthcoming", "future", "planned", "coming", "expected"}),
    ),
    _s("referendum", "NOUN", "election"),
    # acquisitions and sales of companies (the object must be an organisation or a named party)
    _s("acquire", "VERB", "acquisition", check="actor", requires_object=True, confidence=0.85),
    _s("buy", "VERB", "acquisition", check="actor", requires_object=True, confidence=0.75),
    _s("purchase", "VERB", "acquisition", check="actor", requires_object=True, confidence=0.8),
    _s("sell", "VERB", "acquisition", check="actor", requires_object=True, confidence=0.7),
    _s("merge", "VERB", "acquisition", confidence=0.75),
    _s("acquisition", "NOUN", "acquisition", check="actor", requires_object=True, confidence=0.85),
    _s("takeover", "NOUN", "acquisition", confidence=0.85),
    _s("merger", "NOUN", "acquisition", confidence=0.85),
    # accidents and disasters
    _s(
        "crash",
        "NOUN",
        "accident",
        blocked=frozenset({"market", "stock", "currency", "price", "computer", "system", "software", "share", "bike"}),
        confidence=0.8,
    ),
    _s("collision", "NOUN", "accident", confidence=0.8),
    _s("derailment", "NOUN", "accident", confidence=0.85),
    _s("derail", "VERB", "accident", confidence=0.7),
    _s("earthquake", "NOUN", "accident", confidence=0.85),
    _s("quake", "NOUN", "accident", confidence=0.8),
    # statements and announcements
    _s("announce", "VERB", "announcement", requires_object=True, confidence=0.75),
    _s("announcement", "NOUN", "announcement", confidence=0.75),
    _s("primary", "NOUN", "election", needs_support=True, confidence=0.85),
    # appointment, resignation, dismissal
    _s("appoint", "VERB", "appointment", check="person", requires_object=True),
    _s("swear", "VERB", "appointment", particle="in"),
    _s("inaugurate", "VERB", "appointment", check="person", requires_object=True),
    _s("appointment", "NOUN", "appointment", check="person", requires_object=True),
    _s("inauguration", "NOUN", "appointment"),
    _s("resign", "VERB", "resignation", check="actor"),
    _s("step", "VERB", "resignation", particle="down", check="actor"),
    _s("resignation", "NOUN", "resignation"),
    _s("dismiss", "VERB", "dismissal", check="person", requires_object=True),
    _s("sack", "VERB", "dismissal", check="person", requires_object=True),
    _s("oust", "VERB", "dismissal", check="person", requires_object=True, complements=frozenset({"from", "as"})),
    _s("fire", "VERB", "dismissal", check="person", requires_object=True, confidence=0.75),
    _s("dismissal", "NOUN", "dismissal", check="person", requires_object=True),
    _s("ouster", "NOUN", "dismissal"),
    # killing and death
    _s("kill", "VERB", "death", check="person", requires_object=True, cameo="18", confidence=0.95),
    _s("murder", "VERB", "death", check="person", requires_object=True, cameo="18"),
    _s("assassinate", "VERB", "death", check="person", requires_object=True, cameo="186"),
    _s("execute", "VERB", "death", check="person", requires_object=True, cameo="18"),
    _s("slay", "VERB", "death", check="person", requires_object=True, cameo="18"),
    _s("massacre", "VERB", "death", check="person", requires_object=True, cameo="202"),
    _s("killing", "NOUN", "death", blocked=frozenset({"mercy"}), cameo="18"),
    _s("murder", "NOUN", "death", blocked=frozenset({"mystery", "attempted"}), cameo="18"),
    _s("assassination", "NOUN", "death", cameo="186", blocked=frozenset({"character", "attempted"})),
    _s("execution", "NOUN", "death", check="person", requires_object=True),
    _s("massacre", "NOUN", "death", cameo="202"),
    _s("slaughter", "NOUN", "death", cameo="202"),
    _s("slaying", "NOUN", "death", cameo="18"),
    _s("die", "VERB", "death", check="person", requires_object=True, subject_role="patient"),
    _s("death", "NOUN", "death", blocked=frozenset({"brain", "civil", "heat", "sudden"})),
    _s("perish", "VERB", "death", check="person", requires_object=True, subject_role="patient"),
    # agreements (CAMEO 057)
    _s("sign", "VERB", "agreement", objects=TREATY_NOUNS - {"deal"}),
    _s("agreement", "NOUN", "agreement", needs_support=True),
    _s("treaty", "NOUN", "agreement", needs_support=True),
    _s("accord", "NOUN", "agreement", needs_support=True),
    _s("pact", "NOUN", "agreement", needs_support=True),
    _s("deal", "NOUN", "agreement", needs_support=True, confidence=0.8),
    _s("ceasefire", "NOUN", "agreement", needs_support=True, cameo="0871"),
    _s("truce", "NOUN", "agreement", needs_support=True, cameo="0871"),
    # sanctions (CAMEO 163)
    _s("sanction", "VERB", "sanctions", check="target", requires_object=True),
    _s("sanction", "NOUN", "sanctions", needs_support=True),
    _s("embargo", "NOUN", "sanctions", needs_support=True),
    # justice (CAMEO 173: arrest, detain or charge with legal action)
    _s("charge", "VERB", "charge", check="actor", requires_object=True, complements=frozenset({"with"})),
    _s("indict", "VERB", "charge", check="actor", requires_object=True),
    _s("prosecute", "VERB", "charge", check="actor", requires_object=True),
    _s("charge", "NOUN", "charge", needs_support=True),
    _s("indictment", "NOUN", "charge"),
    _s(
        "trial",
        "NOUN",
        "trial",
        check="actor",
        requires_object=True,
        blocked=frozenset({"clinical", "drug", "vaccine", "free", "field", "time", "pilot", "medical", "phase"}),
    ),
    _s("try", "VERB", "trial", check="actor", requires_object=True, confidence=0.8),
    _s("convict", "VERB", "trial", check="actor", requires_object=True),
    _s("acquit", "VERB", "trial", check="actor", requires_object=True),
    _s("find", "VERB", "trial", check="actor", complements=frozenset({"guilty", "innocent"})),
    _s("verdict", "NOUN", "trial"),
    _s("conviction", "NOUN", "trial", check="actor", requires_object=True, confidence=0.8),
    _s("sentence", "VERB", "trial", check="person", requires_object=True),
    _s("sentence", "NOUN", "trial", needs_support=True),
    # meetings and visits (CAMEO 04x)
    _s("meet", "VERB", "meeting", check="actor"),
    _s("meeting", "NOUN", "meeting", blocked=frozenset({"board", "shareholder", "annual"}), confidence=0.8),
    _s("summit", "NOUN", "meeting", confidence=0.85),
    _s("talk", "NOUN", "meeting", plural_only=True, cameo="046", confidence=0.8),
    _s("visit", "VERB", "visit", check="place", requires_object=True),
    _s("visit", "NOUN", "visit", blocked=frozenset({"site", "home", "hospital", "doctor", "state"})),
    _s("trip", "NOUN", "visit", blocked=frozenset({"road", "field", "school", "power", "day", "ego"}), confidence=0.8),
    # statements that matter (CAMEO 11x, 13)
    _s("accuse", "VERB", "accusation", check="target", requires_object=True),
    _s("accusation", "NOUN", "accusation"),
    _s("condemn", "VERB", "criticism", check="target", requires_object=True, confidence=0.85),
    _s("denounce", "VERB", "criticism", check="target", requires_object=True, confidence=0.85),
    _s("criticize", "VERB", "criticism", check="target", requires_object=True, confidence=0.8),
    _s("criticise", "VERB", "criticism", check="target", requires_object=True, confidence=0.8),
    *(
        _s(lemma, "VERB", "criticism", check="target", requires_object=True, confidence=0.8)
        for lemma in ("slam", "lambaste", "lambast", "castigate", "rebuke", "assail", "deride", "berate", "chastise")
    ),
    _s("threaten", "VERB", "threat", confidence=0.8),
    # espionage
    _s("spy", "VERB", "espionage", check="any"),
    _s("espionage", "NOUN", "espionage"),
)
"""The trigger lexicon: one entry per (lemma, part of speech) sense."""

SENSE_INDEX: dict[tuple[str, str], Sense] = {(s.lemma, s.pos): s for s in SENSES}
"""Senses by (lemma, "VERB"|"NOUN")."""

GRANT_VERBS = frozenset({"grant", "give", "award", "receive", "obtain", "win", "get", "offer"})
"""Support verbs that make "asylum" a grant rather than a request."""

EXCHANGE_VERBS = frozenset(
    {"bring", "release", "free", "return", "swap", "exchange", "hand", "trade", "receive", "get"}
)
"""Verbs that, with persons on both sides of "in exchange for", describe a prisoner exchange."""
