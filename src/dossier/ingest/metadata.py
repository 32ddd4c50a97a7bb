"""Page metadata: every source a page offers for its title, authors and date, and a vote between them.

``candidates`` collects what each source says — JSON-LD ``Article``/``NewsArticle`` (``headline``,
``author``, ``datePublished``), OpenGraph and other ``<meta>`` tags, ``<time>`` elements, author
elements (``rel=author``, ``itemprop=author``, ``class="author"``), "By …"/"Von …" bylines in the
page's text, a date in the URL, trafilatura's metadata and htmldate's two searches. ``vote`` groups
the candidates that say the same thing and picks the value whose sources are most likely right
(the most precise source that spoke, agreement breaking ties). The precisions are fitted on pages with gold
metadata by ``benchmarks/metadata_fit.py`` and shipped in ``data/metadata_sources.json``.

Everything here is pure: a parsed page in, records out.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from email.utils import parsedate_to_datetime
from functools import cache
from pathlib import Path
from typing import Any, Literal

from .visible import html_to_text

Field = Literal["title", "authors", "published"]
"""The metadata fields a page's sources vote on."""
FIELDS: tuple[Field, ...] = ("title", "authors", "published")
SOURCES_FILE = Path(__file__).resolve().parents[1] / "data" / "metadata_sources.json"
"""The fitted precision of each source and the vote rule of each field (written by benchmarks/metadata_fit.py)."""
DEFAULT_PRECISION = 0.5
"""The precision of a source the fitted table does not know."""

_ARTICLE_TYPES = re.compile(r"(?:News|Blog|Scholarly|Tech|Report|Analysis|Opinion|Review)?Article|BlogPosting|Posting")
_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("jan", "january", "januar", "jänner", "janvier", "enero", "gennaio"),
            ("feb", "february", "februar", "février", "febrero", "febbraio"),
            ("mar", "march", "märz", "mars", "marzo"),
            ("apr", "april", "avril", "abril", "aprile"),
            ("may", "mai", "mayo", "maggio"),
            ("jun", "june", "juni", "juin", "junio", "giugno"),
            ("jul", "july", "juli", "juillet", "julio", "luglio"),
            ("aug", "august", "août", "agosto"),
            ("sep", "sept", "september", "septembre", "septiembre", "settembre"),
            ("oct", "october", "oktober", "octobre", "octubre", "ottobre"),
            ("nov", "november", "novembre", "noviembre"),
            ("dec", "december", "dezember", "décembre", "diciembre", "dicembre"),
        ),
        1,
    )
    for m in names
}
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_DOTTED = re.compile(r"(?<!\d)(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?!\d)")
_WORDY = re.compile(
    r"(?<!\w)(\d{1,2})\.?\s+([^\W\d]{3,9})\.?,?\s+(\d{4})(?!\d)|(?<!\w)([^\W\d]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})"
)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|[-_]|\.html?|$)")
_BYLINE_END = r"\s*(?:[|•·,]\s*(?:\d|am\b|on\b|updated).*|\s(?:am|on|um|le|el|under)\s.*)?$"
"""What may follow the names of a byline: a date or time ("am 25.08.2015", "| 13:10"), a category ("under")."""
_BYLINE = re.compile(
    r"^(?:(?:posted|written|published|geschrieben|verfasst|veröffentlicht|text|story|words)\s+)?"
    rf"(?:by|von|par|por|di)\s*:?\s+(?P<names>[^\W\d_][^|•·\n]{{1,100}}?){_BYLINE_END}",
    re.IGNORECASE,
)
_LABELLED = re.compile(
    rf"^(?:autor(?:in)?|author|text|von|by)\s*:\s*(?P<names>[^\W\d_][^|•·\n]{{1,80}}?){_BYLINE_END}", re.IGNORECASE
)
_DATE_TEXT = r"(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.?\s+[^\W\d]{3,9}\.?\s+\d{4})"
_DATED = re.compile(  # "04.02.2022 | 13:10 Uhr | Uta Helkenberg", "06.11.2023 13:30 von Olga"
    rf"^[^\w]*{_DATE_TEXT}[^|–—\n]{{0,20}}?(?:\s[|–—-]\s|\s(?:von|by)\s)(?:[^|–—\n]{{0,20}}?\s[|–—-]\s)?"
    r"(?:von\s|by\s)?(?P<names>[^\W\d_][^|–—\n\d]{1,60}?)\s*$",
    re.IGNORECASE,
)
_AUTHOR_HREF = re.compile(
    r"/(?:author|authors|autor|autoren|autorinnen|newsteam|profile|profil|user|users|members?|mitglied|redakteur|"
    r"journalist|people|staff)/[^/?#]+/?(?:[?#]|$)",
    re.IGNORECASE,
)
_LABEL_ONLY = re.compile(r"^(?:autor(?:in)?|author|text|von|by)\s*:\s*$", re.IGNORECASE)
_PREFIX = re.compile(
    r"^(?:(?:view all posts|alle beiträge|all posts|more posts|artikel|beiträge|posts|zum profil|mehr|alles)"
    r"\s+(?:by|von)"
    r"|(?:posted|written|published|geschrieben|verfasst|veröffentlicht|text|story|words|analysis|opinion)\s+(?:by|von)"
    r"|by|von|par|por|autor(?:in)?\s*:?|author\s*:?|text\s*:)\s+",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"\s*(?:;|\||/|&|,|\band\b|\bund\b|\bet\b|\by\b)\s*", re.IGNORECASE)
_ROLE = re.compile(
    r"(?:reporter|correspondent|writer|editor|columnist|contributor|photographer|journalist|redakteur|"
    r"korrespondent|autor|mitarbeiter|volontär|praktikant)(?:in|innen|s)?$",
    re.IGNORECASE,
)
"""The last word of a job title beside a name ("Ana Lima, Senior Correspondent"): the title is no author."""
NOT_AUTHORS_FILE = Path(__file__).resolve().parents[1] / "data" / "not_authors.tsv"
"""Author values that are no person ("Staff", "Redaktion", "dpa", "Name"), one (kind, name) row each."""
_PHOTO = re.compile(r"\b(?:foto|photo|bild|image|getty|shutterstock|imago|istock|picture alliance|©)", re.IGNORECASE)
_GALLERY = re.compile(r"^(?:open this photo in gallery|photo gallery|gallery)\b", re.IGNORECASE)
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|–—»«:·•]|-{1,2}|::)\s+")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One source's value for one field: a title, a tuple of author names, or a YYYY-MM-DD date."""

    field: Field
    source: str
    value: str | tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Voted:
    """The vote's winner for each field (None when no source said anything) and the winning sources."""

    title: str | None
    authors: tuple[str, ...]
    published: str | None
    sources: Mapping[str, tuple[str, ...]]


def page_candidates(
    root: Any, *, url: str | None = None, extra: Sequence[Candidate] = (), site: str | None = None
) -> tuple[Candidate, ...]:
    """Every candidate the parsed page ``root`` (an lxml HTML element) offers, plus ``extra`` ones.

    ``url`` is the page's address when known (a date in it is a candidate); ``site`` the site's name, which is
    never a title or an author.
    """
    out: list[Candidate] = list(extra)
    site = site or _meta(root, "og:site_name")
    linked = _jsonld(root)
    objects = [o for o in linked if _ARTICLE_TYPES.fullmatch(_type(o))]
    persons = {o.get("@id"): o for o in linked if _type(o) == "Person" and o.get("@id")}
    for o in objects[:1]:
        out.extend(_candidate("title", "jsonld", o.get("headline") or o.get("name"), site))
        out.extend(_candidate("authors", "jsonld", _jsonld_people(o.get("author"), persons), site))
        out.extend(_candidate("published", "jsonld", o.get("datePublished") or o.get("dateCreated"), site))
    for source, names in (
        ("og", ("og:title",)),
        ("twitter", ("twitter:title",)),
        ("meta", ("title", "dc.title", "parsely-title", "sailthru.title", "headline")),
    ):
        out.extend(_candidate("title", source, _meta(root, *names), site))
    title_tag = root.findtext(".//title")
    out.extend(_candidate("title", "title.tag", _strip_site(title_tag, site, guess=True), site))
    h1 = _first_text(root, "//article//h1") or _first_text(root, "//h1")
    if h1:
        # a headline the <title> or og:title repeats, or some other heading (the site's, a section's)
        titles = _squash(f"{title_tag} {_meta(root, 'og:title')}")
        repeated = len(_squash(h1)) >= 4 and _squash(h1) in titles
        out.extend(_candidate("title", "h1" if repeated else "h1.alone", h1, site))
    out.extend(
        _candidate(
            "authors",
            "meta",
            _meta(root, "author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl"),
            site,
        )
    )
    out.extend(_candidate("authors", "dom", _dom_authors(root), site))
    out.extend(_candidate("authors", "link", _author_links(root), site))
    out.extend(_candidate("authors", "twitter", (_meta(root, "twitter:creator") or "").lstrip("@") or None, site))
    lines = _visible_lines(root)
    byline, listed = _text_byline(lines, h1)
    out.extend(_candidate("authors", "text.list" if listed else "text", byline, site))
    out.extend(
        _candidate(
            "published",
            "meta",
            _meta(
                root,
                *("article:published_time", "og:published_time", "datepublished", "date", "pubdate", "publishdate"),
                *("publish-date", "dc.date.issued", "dc.date", "dcterms.date", "parsely-pub-date", "sailthru.date"),
            ),
            site,
        )
    )
    out.extend(_candidate("published", "time", _time_element(root), site))
    out.extend(_candidate("published", "text", _text_date(lines, h1), site))
    out.extend(_candidate("published", "label", _labelled_date(lines), site))
    canonical = url or _canonical(root)
    if canonical:
        m = _URL_DATE.search(canonical)
        if m:
            out.extend(_candidate("published", "url", f"{m[1]}-{m[2]}-{m[3]}", site))
    return tuple(_full_names(out, lines, site))


_NAME_LINE = re.compile(r"^(?P<name>[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){1,2})(?:\s*$|\s+[-–—|,]\s)")


def _full_names(found: Sequence[Candidate], lines: Sequence[str], site: str | None) -> Iterator[Candidate]:
    """The candidates with a first name alone ("Todd") completed by the page: the first line that is that name
    with a surname, alone or before a dash or comma ("Todd Bates", "Stefanus Stahl - Maschinenbauer, …")."""
    full: dict[str, str] = {}
    for c in found:
        if c.field != "authors" or not isinstance(c.value, tuple):
            yield c
            continue
        names = []
        for name in c.value:
            if " " not in name and name[:1].isupper() and name not in full:
                full[name] = next(
                    (
                        m["name"]
                        for line in lines
                        if line.startswith(f"{name} ")
                        and (m := _NAME_LINE.match(line))
                        and _person_like(m["name"], site)
                        and m["name"].split()[1][:1].isupper()
                    ),
                    name,
                )
            names.append(full.get(name, name))
        yield Candidate(c.field, c.source, tuple(dict.fromkeys(names)))


def candidate(field: Field, source: str, value: object, site: str | None = None) -> Candidate | None:
    """A cleaned candidate, or None when ``value`` is nothing this field can hold (a photo credit, the site)."""
    found = list(_candidate(field, source, value, site))
    return found[0] if found else None


def _candidate(field: Field, source: str, value: object, site: str | None) -> Iterator[Candidate]:
    if field == "title":
        title = _clean_title(_strip_site(_str(value), site), site)
        if title:
            yield Candidate("title", source, title)
    elif field == "authors":
        names = people(value, site)
        if names:
            yield Candidate("authors", source, names)
    else:
        day = parse_day(value)
        if day:
            yield Candidate("published", source, day)


Rule = Literal["best", "sum", "logistic"]
RULES: tuple[Rule, ...] = ("best", "sum", "logistic")
"""How a vote weighs the sources that agree: ``best`` trusts the most precise one, ``sum`` adds their log-odds
as if they were independent, ``logistic`` adds weights fitted jointly (a logistic regression over which sources
back a value, so sources that copy each other share their weight)."""


@dataclass(frozen=True, slots=True)
class Group:
    """The candidates of one field that say the same thing, and every source that backs it (a source naming
    some of a group's authors backs it as far as it goes)."""

    candidates: tuple[Candidate, ...]
    support: frozenset[str]

    @property
    def value(self) -> str | tuple[str, ...]:
        """The value in the spelling most of its sources use."""
        return _spelling(self.candidates)


def groups(found: Sequence[Candidate], field: Field) -> list[Group]:
    """The candidates of ``field`` grouped by what they say (the same title or date; the same names, ignoring
    case, accents, spaces and punctuation), in the order they first appear."""
    by_key: dict[object, list[Candidate]] = {}
    for c in found:
        if c.field == field:
            by_key.setdefault(_key(c.value), []).append(c)
    return [
        Group(tuple(g), frozenset(c.source for k, other in by_key.items() if _part_of(k, key) for c in other))
        for key, g in by_key.items()
    ]


def vote(
    found: Sequence[Candidate],
    precision: Mapping[str, float] | None = None,
    rules: Mapping[str, Rule] | None = None,
    weights: Mapping[str, float] | None = None,
) -> Voted:
    """The value of each field whose sources are most likely right.

    Candidates that say the same thing form one group (``groups``). Each source weighs log(p / (1 - p)), p
    its fitted precision for the field. Under the ``sum`` rule a group scores the sum of its backing sources'
    weights, as naive Bayes adds independent evidence (a weight below zero counts as zero); under ``best`` the
    most precise source decides and the sum breaks ties — sources that copy each other (og:title,
    twitter:title, trafilatura's title) then cannot outvote a better one; under ``logistic`` a group scores
    the fitted intercept plus the fitted ``weights`` of its backing sources. Which rule a field uses is chosen
    by cross-validation (``benchmarks/metadata_fit.py``). The winning group says its value in the spelling
    most of its sources use (then the one with more words: "Arian Schlichenmayer" over "Arianschlichenmayer").
    """
    table = precision if precision is not None else fitted_precision()
    chosen = rules if rules is not None else fitted_rules()
    fitted = weights if weights is not None else fitted_weights()
    best: dict[str, tuple[str | tuple[str, ...] | None, tuple[str, ...]]] = {}
    for field in FIELDS:
        ranked: list[tuple[float, float, int, Group]] = []
        rule = chosen.get(field, "best")
        for order, group in enumerate(groups(found, field)):
            own = dict.fromkeys(c.source for c in group.candidates)
            ws = [_odds(table.get(f"{field}:{s}", DEFAULT_PRECISION)) for s in own]
            if rule == "best":
                ranked.append((max(ws), sum(ws), -order, group))
            elif rule == "sum":
                total = sum(max(0.0, _odds(table.get(f"{field}:{s}", DEFAULT_PRECISION))) for s in group.support)
                ranked.append((total, max(ws), -order, group))
            else:
                score = fitted.get(f"{field}:", 0.0) + sum(fitted.get(f"{field}:{s}", 0.0) for s in group.support)
                ranked.append((score, max(ws), -order, group))
        if ranked:
            _, _, _, group = max(ranked, key=lambda r: r[:3])
            best[field] = (group.value, tuple(dict.fromkeys(c.source for c in group.candidates)))
        else:
            best[field] = (None, ())
    title, authors, published = (best[f][0] for f in FIELDS)
    return Voted(
        title=title if isinstance(title, str) else None,
        authors=authors if isinstance(authors, tuple) else (),
        published=published if isinstance(published, str) else None,
        sources={f: best[f][1] for f in FIELDS},
    )


def _part_of(part: object, whole: object) -> bool:
    """``part`` is ``whole``, or (author sets) a part of it."""
    return part == whole or (isinstance(part, frozenset) and isinstance(whole, frozenset) and part < whole)


def _spelling(group: Sequence[Candidate]) -> str | tuple[str, ...]:
    votes: dict[str | tuple[str, ...], set[str]] = {}
    for c in group:
        votes.setdefault(c.value, set()).add(c.source)
    return max(votes, key=lambda v: (len(votes[v]), len(" ".join(v).split() if isinstance(v, tuple) else v.split())))


@cache
def _table() -> Mapping[str, Any]:
    try:
        data = json.loads(SOURCES_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def fitted_precision() -> Mapping[str, float]:
    """The shipped precision of each ``field:source`` (empty when the table is missing: every source 0.5)."""
    return {k: float(v) for k, v in _table().get("precision", {}).items()}


def fitted_weights() -> Mapping[str, float]:
    """The shipped logistic weight of each ``field:source`` (``field:`` alone is the field's intercept)."""
    return {k: float(v) for k, v in _table().get("weights", {}).items()}


def fitted_rules() -> Mapping[str, Rule]:
    """The shipped vote rule of each field (``best`` where the table says nothing)."""
    return {f: r for f, r in _table().get("rules", {}).items() if r in RULES}


def _odds(p: float) -> float:
    p = min(max(p, 0.001), 0.999)
    return math.log(p / (1.0 - p))


def _key(value: str | tuple[str, ...]) -> object:
    if isinstance(value, tuple):
        return frozenset(_squash(_unaccent(v)) for v in value)
    return " ".join(value.casefold().split())


def _unaccent(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def parse_day(value: object) -> str | None:
    """The day (YYYY-MM-DD) a date string names, as written (no time-zone shift); None if there is none."""
    if isinstance(value, list) and value:
        value = value[0]
    if not isinstance(value, str) or not value.strip():
        return None
    s = value.strip()
    m = _ISO.search(s)
    if m:
        return _day(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"((?:19|20)\d{2})(\d{2})(\d{2})(?:\d{4,6})?", s)
    if m:
        return _day(int(m[1]), int(m[2]), int(m[3]))
    m = _DOTTED.search(s)
    if m:
        return _day(int(m[3]), int(m[2]), int(m[1]))
    m = _WORDY.search(s)
    if m:
        day, month, year = (m[1], m[2], m[3]) if m[1] else (m[5], m[4], m[6])
        number = _MONTHS.get(month.casefold().rstrip("."))
        return _day(int(year), number, int(day)) if number else None
    try:
        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat() if 1990 <= year <= 2100 else None
    except ValueError:
        return None


def people(value: object, site: str | None = None) -> tuple[str, ...]:
    """The person names in an author value: no "Staff", site names, agencies, photo credits or URLs."""
    if isinstance(value, (list, tuple)):
        return tuple(dict.fromkeys(n for v in value for n in people(v, site)))
    if not isinstance(value, str):
        return ()
    value = " ".join(value.replace("\u00ad", "").split())  # soft hyphens: "Mat\xadthi\xadas"
    if not value or len(value) > 200 or _PHOTO.search(value) or "http" in value or "@" in value:
        return ()
    value = _PREFIX.sub("", value)
    out: list[str] = []
    parts = _SPLIT.split(value) if _SPLIT.search(value) else [value]
    if "," in value and not re.search(r";|\||\band\b|\bund\b|&", value, re.IGNORECASE):
        pieces = [p.strip() for p in value.split(",")]
        if len(pieces) == 2 and all(" " not in p for p in pieces):
            parts = [f"{pieces[1]} {pieces[0]}"]  # "Smith, John"
    for part in parts:
        name = _PREFIX.sub("", part.strip(" .:-–—*_()[]")).strip(" .:-–—*_")
        if len(name.split()) == 2 and name.split()[0].casefold() == name.split()[1].casefold():
            name = name.split()[0]  # a name said twice ("Zum Profil von jesusfreak jesusfreak")
        if _person_like(name, site):
            out.append(name)
    return tuple(dict.fromkeys(out))


@cache
def not_authors() -> frozenset[str]:
    """The casefolded author values that are no person, from ``data/not_authors.tsv``."""
    rows = NOT_AUTHORS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(r.split("\t", 1)[1].strip().casefold() for r in rows if r.strip() and not r.startswith("#"))


def _person_like(name: str, site: str | None) -> bool:
    words = name.split()
    if not words or len(words) > 5 or len(name) < 2 or (any(ch.isdigit() for ch in name) and " " in name):
        return False
    if re.search(r"[()\[\]{}<>=?!:\"“”]", name) or _UI_WORD.match(name):
        return False
    if _ROLE.search(words[-1]):
        return False  # a job title ("Reporter", "Chief Political Correspondent")
    low = name.casefold()
    if low in not_authors() or re.search(r"\.(?:com|de|org|net|ch|at|uk|fr)\b|[a-z]{2}\.[a-z]{2,}$", low):
        return False
    if site and any(_squash(low) == _squash(part) for part in [site, *_TITLE_SEPARATORS.split(site)]):
        return False  # the site's name, or a part of it ("Die FURCHE" of "Achtsam durch die Krise | Die FURCHE")
    if len(words) > 1 and words[-1].casefold() in ("said", "says", "sagt", "schreibt", "wrote"):
        return False  # a commenter ("Stephangoeldi said")
    if re.search(r"\b(?:staff|redaktion|team|desk|newsroom|agentur|verlag|gmbh|e\.?\s?v\.?|ag|inc|ltd)\b", low):
        return False
    return not (len(words) > 1 and any(w[:1].islower() for w in words if w not in _LOWER_PARTICLES))


_UI_WORD = re.compile(
    r"(?:log\s?in|log\s?out|sign\s?(?:in|up|out)|register|registrieren|anmelden|abmelden|abonnieren|subscribe|"
    r"suche|search|filter|menu|menü|suscripciones|my|mein|settings|einstellungen|account|konto)\b",
    re.IGNORECASE,
)
"""A page's controls ("Login E-Paper", "My Settings", "Registrieren") caught as an author's link or line."""
_LOWER_PARTICLES = frozenset({"de", "da", "del", "della", "di", "van", "von", "der", "den", "la", "le", "du", "v."})


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())


def _clean_title(value: object, site: str | None) -> str | None:
    if not isinstance(value, str):
        return None
    title = " ".join(value.split())
    if not title or len(title) > 300 or _GALLERY.match(title):
        return None
    if site and _squash(title) == _squash(site):
        return None
    return title


def _strip_site(title: str | None, site: str | None, *, guess: bool = False) -> str | None:
    """A title without the site's name before or after a separator ("Headline | Site", "Site: Headline").

    With ``guess`` (a ``<title>``), and no site part found, the longest part stands for the headline.
    """
    if not title:
        return None
    title = " ".join(title.split())
    seps = list(_TITLE_SEPARATORS.finditer(title))
    if not seps:
        return title
    if site:
        if _is_site(title[seps[-1].end() :], site):
            return _strip_site(title[: seps[-1].start()], site)
        if _is_site(title[: seps[0].start()], site):
            return _strip_site(title[seps[0].end() :], site)
    return max(_TITLE_SEPARATORS.split(title), key=len) if guess else title


def _is_site(part: str, site: str) -> bool:
    part, site = _squash(part), _squash(site)
    return len(part) >= 3 and bool(site) and (part == site or part in site or site in part)


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _meta(root: Any, *names: str) -> str | None:
    """The first non-empty ``content`` of a ``<meta name|property|itemprop=NAME>``, in the order of ``names``."""
    wanted = {n.casefold(): i for i, n in enumerate(names)}
    found: dict[int, str] = {}
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().casefold()
        i = wanted.get(key)
        content = (el.get("content") or "").strip()
        if i is not None and content and i not in found:
            found[i] = content
    return found[min(found)] if found else None


def _canonical(root: Any) -> str | None:
    for el in root.iter("link"):
        if (el.get("rel") or "").casefold() == "canonical" and el.get("href"):
            return str(el.get("href"))
    return _meta(root, "og:url")


def _first_text(root: Any, xpath: str) -> str | None:
    for el in root.xpath(xpath):
        text = " ".join(el.text_content().split())
        if text:
            return text
    return None


def _time_element(root: Any) -> str | None:
    for el in root.xpath("//*[@itemprop='datePublished']|//time"):
        value = el.get("datetime") or el.get("content") or el.text_content()
        if value and parse_day(str(value)):
            return str(value)
    return None


def _dom_authors(root: Any) -> list[str]:
    """Names in author elements: ``rel=author``, ``itemprop=author``, ``class`` with "author" or "byline"."""
    xpath = (
        "//*[@rel='author']|//*[@itemprop='author']|//*[contains(@class,'author') or contains(@class,'byline')"
        " or contains(@class,'autor') or contains(@id,'author')]"
    )
    for el in root.xpath(xpath):
        if el.tag in ("meta", "link", "script", "style", "body", "html", "img"):
            continue
        inner = el.xpath(".//*[@itemprop='name']|.//*[contains(@class,'fn')]")
        text = " ".join((inner[0] if inner else el).text_content().split())
        if text and len(text) <= 80 and people(text):
            return [text]
    return []


def _author_links(root: Any) -> list[str]:
    """The text of the first link to an author's page (``/author/NAME``, ``/autoren/``, ``/profile/`` …)."""
    for el in root.xpath("//a[@href]|//*[@data-author]"):
        if el.get("data-author"):
            return [str(el.get("data-author"))]
        if _AUTHOR_HREF.search(el.get("href") or ""):
            text = " ".join(el.text_content().split())
            if text and len(text) <= 60 and people(text):
                return [text]
    return []


def _visible_lines(root: Any) -> list[str]:
    """The page's visible text, one non-blank line per paragraph."""
    return [s for s in (line.strip() for line in html_to_text(root).split("\n")) if s]


_UPDATED = re.compile(
    r"\b(?:updated?|aktualisiert|letzte änderung|zuletzt geändert|geändert|modified|mis à jour|actualizado)\b",
    re.IGNORECASE,
)
_PUBLISHED_LABEL = re.compile(
    r"^(?:published|posted|first published|veröffentlicht|erschienen|publiziert|publié|publicado|pubblicato|"
    r"datum|date)\b(?:\s+(?:am|on|le|el|il|den))?\s*:?\s*(?=\d|[^\W\d]{3,9}\.?\s+\d)",
    re.IGNORECASE,
)
"""A line that says when the article was published: "Erschienen am: 01.11.2023", "Published on March 3, 2021"."""


def _text_date(lines: Sequence[str], headline: str | None) -> str | None:
    """The story's date line: a short line with a date among the ten after the headline.

    The headline may be split over two or three lines, and may appear more than once (a teaser list, the
    article): the occurrence with the date closest below it counts. A run of three or more dated lines is a
    list (related posts), not a date line; an update stamp and an embedded post's signature ("— Name (@handle)
    November 3, 2023") are no date line either.
    """
    if not headline:
        return None
    target = _squash(headline)
    if not target:
        return None
    squashed = [_squash(line) for line in lines]
    found: list[tuple[int, str]] = []
    for start, first in enumerate(squashed):
        if not first or not target.startswith(first):
            continue
        end = next((start + n for n in (1, 2, 3) if "".join(squashed[start : start + n]) == target), None)
        if end is None:
            continue
        window = lines[end : end + 10]
        dated = [
            (i, line)
            for i, line in enumerate(window)
            if len(line) <= 100 and parse_day(line) and "(@" not in line and not _UPDATED.search(line)
        ]
        if dated and len({parse_day(line) for _, line in dated}) < 3:
            found.append(dated[0])
    return _written(min(found)[1]) if found else None


def _written(line: str) -> str:
    """The date a reader sees on a line that also holds a machine timestamp ("Ana Lima2022-12-07T10:10:52+01:00
    25. Dezember 2022"): the timestamp is a hidden microformat, often the last change."""
    rest = _TIMESTAMP.sub(" ", line)
    return rest if rest != line and parse_day(rest) else line


_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")


def _labelled_date(lines: Sequence[str]) -> str | None:
    """The first short line that labels a date as the publication's ("Erschienen am: 01.11.2023")."""
    for line in lines:
        if len(line) <= 100 and _PUBLISHED_LABEL.match(line) and parse_day(line):
            return line
    return None


def _text_byline(lines: Sequence[str], headline: str | None = None) -> tuple[str | None, bool]:
    """The first "By NAME" / "Von NAME" / "Autor: NAME" line ("Autor:" may stand alone above the name).

    The headline is no byline ("Von Sprachregeln, Gender-Politik und …"), nor is a sentence that starts with
    "By" ("By the time of the meetup in October 2019, nearly"). Also says whether the page's bylines name three or
    more different people: then they may be a list (teasers, comments, events: "02.11.2022 - Placebo -
    Stadthalle") rather than the article's, and the first is a source of its own precision. (Starting the
    search at the headline instead of the top of the page found no more: 5-fold CV 0.689 against 0.693.)
    """
    title = _squash(headline or "")
    found: list[str] = []
    for i, line in enumerate(lines):
        if len(line) > 120 or (title and _squash(line) == title):
            continue
        if _LABEL_ONLY.match(line) and i + 1 < len(lines):
            line = f"{line} {lines[i + 1]}"
        m = _BYLINE.match(line) or _LABELLED.match(line) or _DATED.match(line)
        if m and people(m.group("names")) and _all_names(m.group("names")):
            found.append(m.group("names"))
    if not found:
        return None, False
    return found[0], len({_key(people(f)) for f in found}) >= 3


def _all_names(value: str) -> bool:
    """No part of a byline's names is a clause: a part of seven or more words is a sentence that starts with
    "By", not a name ("Bob Yirka, Phys.org" and "Ana Lima, Projektleiterin der HSS in Tunesien" pass)."""
    return all(len(p.split()) <= 6 for p in _SPLIT.split(value))


def _jsonld(root: Any) -> list[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    for el in root.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(el.text or "", strict=False)
        except ValueError:
            continue
        objects.extend(_walk(data))
    return objects


def _walk(data: object) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _walk(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _walk(data["@graph"])
        main = data.get("mainEntity") or data.get("mainEntityOfPage")
        if isinstance(main, dict):
            yield from _walk(main)


def _type(obj: Mapping[str, Any]) -> str:
    t = obj.get("@type")
    if isinstance(t, list):
        t = next((x for x in t if isinstance(x, str) and _ARTICLE_TYPES.fullmatch(x)), t[0] if t else "")
    return t if isinstance(t, str) else ""


def _jsonld_people(value: object, by_id: Mapping[object, Mapping[str, Any]]) -> list[str]:
    if isinstance(value, list):
        return [n for v in value for n in _jsonld_people(v, by_id)]
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        if _type(value) == "Organization":
            return []
        name = value.get("name")
        if name is None and value.get("@id") in by_id:
            name = by_id[value["@id"]].get("name")
        return [name] if isinstance(name, str) else []
    return []
