"""Known news outlets and agencies, and how to write an outlet's name the same way every time.

``canonical(name)`` maps the spellings a text uses ("AP", "the Associated Press",
"IL Tempo", "NYT") to one name per outlet, from a curated table of major outlets and
agencies (data: ``data/lexicons/outlets.tsv``); unknown names are cleaned by casing rules only.
``is_known``/``looks_like_outlet`` tell the source extractor whether a name can be a media source at all.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicons


def _outlet_table() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for row in lexicons.table("outlets"):
        spellings = table.setdefault(row["name"], [])
        if row["alias"]:
            spellings.append(row["alias"])
    return {name: tuple(aliases) for name, aliases in table.items()}


_TABLE: dict[str, tuple[str, ...]] = _outlet_table()
"""Canonical outlet or agency name -> other spellings texts use for it."""

OUTLET_WORDS = lexicons.words("outlet_words", list="outlet_word")
"""Words that make an unknown capitalized name look like an outlet ("Metro Daily", "The Nation View")."""

_FUNCTION_WORDS = lexicons.words("outlet_words", list="function_word")
_COMMON_CAPS = lexicons.words("outlet_words", list="common_cap")


def _key(name: str) -> str:
    """The look-up key of a spelling: lower-case, no leading article, no punctuation noise."""
    s = " ".join(name.replace("’", "'").split()).strip(" .,;:'\"")
    s = re.sub(r"'s$", "", s)
    s = s.lower()
    if s.startswith("the "):
        s = s[4:]
    return s


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for canonical_name, aliases in _TABLE.items():
        for spelling in (canonical_name, *aliases):
            index.setdefault(_key(spelling), canonical_name)
    return index


def lookup(name: str) -> str | None:
    """The canonical name of a known outlet or agency, else None."""
    return _index().get(_key(name))


def is_known(name: str) -> bool:
    """Whether ``name`` is a spelling of an outlet or agency in the curated table."""
    return lookup(name) is not None


def looks_like_outlet(name: str) -> bool:
    """Whether ``name`` is a known outlet or a capitalized name ending in an outlet word ("Metro Daily")."""
    if is_known(name):
        return True
    words = _key(name).split()
    first = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    if len(words) >= 2 and words[-1] == "agency" and words[-2] not in ("news", "press", "wire"):
        return False  # "The European Space Agency" is a government agency, "Xinhua News Agency" a news agency
    # one generic word ("TV", "Post") is not a name; "Metro Daily" is
    if len(words) >= 2 and words[-1] in OUTLET_WORDS and first[:1].isupper():
        return True
    if re.fullmatch(r"[A-Z][\w\-]*\.(?:com|org|net|co\.uk)", first):
        return True  # "As FoxNews.com reported": a site named by its address
    return _branch_of_known(first)


_SERVICES = lexicons.words("words_entities", list="outlets._SERVICES")  # fmt: skip
"""Words that name an outlet's service or region after its name ("BBC Wales", "BBC Radio 4", "CNN Turk")."""


def _branch_of_known(name: str) -> bool:
    """A known outlet and one of its services or regions ("BBC Wales", "BBC Radio 4"), not "Fox Mulder"."""
    parts = name.split()
    for k in range(len(parts) - 1, 0, -1):
        rest = parts[k:]
        if (
            is_known(" ".join(parts[:k]))
            and len(rest) <= 3
            and all(w.lower() in _SERVICES or w.isdigit() for w in rest)
        ):
            return True
    return False


_URL_HOST = re.compile(r"^(?:https?://)?(?:www\.)?(?P<host>[a-z0-9\-]+(?:\.[a-z0-9\-]+)+)(?:[/?#]\S*)?$", re.I)


def _host(name: str) -> str | None:
    """The outlet behind a web address: "https://www.theguardian.com/world/…" -> "The Guardian" when the site's
    name is a known outlet, else the bare host ("example-news.com"); None when ``name`` is no address."""
    if not re.match(r"^(?:https?://|www\.)", name.strip(), re.I) and "/" not in name:
        return None
    m = _URL_HOST.match(name.strip())
    if m is None:
        return None
    host = m.group("host").lower()
    label = host.split(".")[-3] if re.search(r"\.(?:co|com|org|net)\.[a-z]{2}$", host) else host.split(".")[-2]
    for guess in (host, label, re.sub(r"^the", "the ", label)):
        known = lookup(guess)
        if known:
            return known
    return host


def canonical(name: str) -> str:
    """One spelling per outlet: the table's name for known outlets, else ``name`` cleaned by casing rules.

    "IL Tempo" -> "Il Tempo", "the New York Times" -> "The New York Times", "AP" -> "Associated Press",
    "the Metro Daily" -> "The Metro Daily", "IL FOGLIO" -> "Il Foglio".
    """
    known = lookup(name)
    if known:
        return known
    host = _host(name)
    if host:
        return host
    if re.fullmatch(r"[A-Za-z][\w\-]*\.(?:com|org|net|co\.uk)", name.strip()):
        site = _host("www." + name.strip())  # "FoxNews.com" -> "Fox News" when the site is known
        if site and "." not in site:
            return site
    s = " ".join(name.replace("’", "'").split()).strip(' .,;:"')
    s = re.sub(r"'s$", "", s)
    words = s.split(" ")
    if not words or not s:
        return s
    all_caps = all(w.isupper() or not w.isalpha() for w in words) and len(words) > 1
    out: list[str] = []
    for i, w in enumerate(words):
        low = w.lower()
        if low in _FUNCTION_WORDS and (w.isupper() or (i == 0 and w.islower())):
            # an all-caps article ("IL Tempo") or a lower-case leading "the" reads as a title word
            out.append(low.capitalize() if i == 0 else low)
        elif all_caps and w.isalpha() and (len(w) > 4 or low in _COMMON_CAPS):
            out.append(w.capitalize())
        else:
            out.append(w)
    return " ".join(out)
