"""Stories: which articles cover the same event, decided one article at a time.

An article is reduced to ``Features``: who (entity ids, weighted by mentions), where
(places), when (publication day, specific dates it names) and what (content words).
Two articles are compared with TF-IDF cosines over words and over entities, then
the *when* and *where* gates: coverage of one event is published within days of
each other, and two events of the same kind usually differ in place or date even
when their words agree. A new article joins the story whose members it is most
similar to on average (average link), if that similarity clears ``Params.join``;
otherwise it starts a story. Nothing is recomputed for earlier articles.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from ..model import Article
from . import names

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her
    here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
    now of off on once only or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves said says say
    told one two three new year years last first week weeks day days time mr ms mrs would could also like just
    get got including according people since still even many much well back way made make may might must can't
    don't monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow""".split()  # noqa: SIM905 - a word list reads best as words
)
"""Function words and reporting verbs: frequent in every story, telling none apart."""

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", re.UNICODE)
LEAD_WEIGHT = 3
"""How many times the title and lead count against the rest of the body."""
LEAD_CHARS = 400
"""Length of the lead: the first paragraph, cut after the first sentence ending past this many characters."""
CENTRE_TYPES = frozenset({"GPE", "LOC"})
"""Entity types that can be where a story happens: facilities are left out, being mostly metonyms ("the
White House said") or the base model's mistakes on titles ("the Comey Memos" as FAC)."""
MAX_TERMS = 150
"""Distinct content words kept per article (the most frequent): bounds storage at 1M articles."""


@dataclass(frozen=True, slots=True)
class Params:
    """Weights and thresholds of story assignment (one frozen object, documented defaults)."""

    join: float = 0.2
    """Least average-link similarity for an article to join a story."""
    text_weight: float = 0.4
    """Share of word similarity (whole text) in the combined score."""
    lead_weight: float = 0.3
    """Share of title-and-lead word similarity; entities take the rest."""
    window_days: int = 2
    """Publication days apart beyond which similarity is discounted."""
    max_days: int = 21
    """Publication days apart beyond which two articles are never one story."""
    place_penalty: float = 0.5
    """Factor when both articles centre on different places that the other does not name."""
    max_share: float = 0.0
    """Share of the best single match in the link score (the rest is the average over members)."""


@dataclass(frozen=True, slots=True)
class Features:
    """What story assignment knows of an article (plain data, stored as JSON)."""

    article_id: str
    terms: tuple[tuple[str, int], ...]
    """Content words (lower-cased, stop words dropped) with counts; the title counts twice."""
    lead: tuple[tuple[str, int], ...]
    """Content words of the title and lead alone: what happened, without the background."""
    entities: tuple[tuple[str, int], ...]
    """Entity keys (global ids when resolved) with mention counts."""
    places: tuple[str, ...] = ()
    """Place (GPE, LOC) entity keys, most mentioned first (at most 3)."""
    day: int | None = None
    """Publication date as a day number (``date.toordinal``), when known."""
    dates: tuple[str, ...] = ()
    """Specific days (YYYY-MM-DD timex values) the article names, most frequent first (at most 3)."""


def words(text: str) -> list[str]:
    """Content words of ``text``: folded, possessives cut, stop words and one-letter words dropped."""
    out = []
    for m in _WORD.finditer(text):
        w = names.fold(m.group()).replace("’", "'")
        if w.endswith("'s"):
            w = w[:-2]
        if len(w) > 2 and w not in STOPWORDS:
            out.append(w)
    return out


def lead(body: str) -> str:
    """The article's opening (title line and first sentences): where news states the event."""
    text = body.lstrip()
    m = re.compile(r"[.!?][\"'”’]?\s").search(text, LEAD_CHARS)
    return text[: m.end()] if m else text


def day_number(published: str | None) -> int | None:
    """``YYYY-MM-DD...`` -> day number; None when absent or not a full date."""
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def features(article: Article, entity_key: Callable[[str], str | None] | None = None) -> Features:
    """The features of an analysed article; ``entity_key`` maps an article entity id to its global key."""
    body = " ".join(article.text[s:e] for s, e in article.body) if article.body else article.text
    counts = Counter(words(body))
    # the title and the lead say what happened; the rest is background shared with other stories
    lead_counts = Counter(words(lead(body)))
    if article.title and not body.lstrip().startswith(article.title.strip()):
        lead_counts.update(words(article.title))
    for _ in range(LEAD_WEIGHT - 1):
        counts.update(lead_counts)
    terms = tuple(sorted(counts.most_common(MAX_TERMS), key=lambda kv: (-kv[1], kv[0])))
    ents: Counter[str] = Counter()
    places: Counter[str] = Counter()
    for e in article.entities:
        key = entity_key(e.id) if entity_key else None
        key = key or "n:" + names.normalize(e.name, e.type)
        weight = max(1, len(e.mentions))
        ents[key] += weight
        if e.type in CENTRE_TYPES:
            places[key] += weight
    days = Counter(t.value[:10] for t in article.timexes if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value[:10] or ""))
    return Features(
        article_id=article.id,
        terms=terms,
        lead=tuple(sorted(lead_counts.items(), key=lambda kv: (-kv[1], kv[0]))),
        entities=tuple(sorted(ents.items(), key=lambda kv: (-kv[1], kv[0]))),
        places=tuple(k for k, _ in places.most_common(3)),
        day=day_number(article.published),
        dates=tuple(d for d, _ in days.most_common(3)),
    )


def counted(f: Features) -> list[str]:
    """The words, entity keys and day keys of ``f`` that document frequencies count."""
    return [t for t, _ in f.terms] + [k for k, _ in f.entities] + ["d:" + d for d in f.dates]


_TF = tuple(0.0 if c == 0 else 1.0 + math.log(c) for c in range(256))
"""Sublinear term frequency ``1 + ln(c)``, tabled (the same floats ``math.log`` gives)."""


def _unit(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


@dataclass(frozen=True, slots=True)
class Scorer:
    """Compares features with IDF weights from document frequencies (``df``) over ``n`` articles."""

    df: Mapping[str, int]
    n: int
    params: Params = Params()
    _cache: dict[str, tuple[dict[str, float], ...]] = field(default_factory=dict, compare=False, repr=False)
    """Vectors already weighed, by article id (a story's members are compared many times)."""
    _idf: dict[str, float] = field(default_factory=dict, compare=False, repr=False)

    def vectors(self, f: Features) -> tuple[dict[str, float], ...]:
        """The unit TF-IDF vectors of the words, the lead and the entities of ``f``."""
        got = self._cache.get(f.article_id)
        if got is None or len(self._cache) > 10_000:
            # who and when together: the specific days an article names count like its entities
            who_when = f.entities + tuple(("d:" + d, 1) for d in f.dates)
            got = (self._vector(f.terms), self._vector(f.lead), self._vector(who_when))
            if len(self._cache) > 10_000:
                self._cache.clear()
            self._cache[f.article_id] = got
        return got

    def _vector(self, items: Sequence[tuple[str, int]]) -> dict[str, float]:
        """The unit TF-IDF vector of ``items`` (the hot loop of story placement: locals, tabled logs)."""
        known, df, n1, log = self._idf, self.df, self.n + 1, math.log
        vec = {}
        for t, c in items:
            w = known.get(t)
            if w is None:
                w = known[t] = log(n1 / (df.get(t, 0) + 1)) + 1.0
            vec[t] = (_TF[c] if c < 256 else 1.0 + log(c)) * w
        return _unit(vec)

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency of a word or entity key."""
        got = self._idf.get(term)
        if got is None:
            got = self._idf[term] = math.log((self.n + 1) / (self.df.get(term, 0) + 1)) + 1.0
        return got

    def similarity(self, a: Features, b: Features) -> float:
        """How likely two articles report one event, in [0, 1]."""
        p = self.params
        gap = abs(a.day - b.day) if a.day is not None and b.day is not None else 0
        if gap > p.max_days:
            return 0.0
        va, vb = self.vectors(a), self.vectors(b)
        text, lead_sim, ents = (_cosine(x, y) for x, y in zip(va, vb, strict=True))
        score = p.text_weight * text + p.lead_weight * lead_sim + (1.0 - p.text_weight - p.lead_weight) * ents
        if gap > p.window_days:
            score *= p.window_days / gap
        if _place_conflict(a, b):
            score *= p.place_penalty
        return score

    def link(self, new: Features, members: Sequence[Features]) -> float:
        """Average-link similarity of an article to a story's members."""
        if not members:
            return 0.0
        sims = [self.similarity(new, m) for m in members]
        share = self.params.max_share
        return (1.0 - share) * sum(sims) / len(sims) + share * max(sims)


def _place_conflict(a: Features, b: Features) -> bool:
    """Both centre on a place, the places differ, and neither names the other's."""
    if not a.places or not b.places or a.places[0] == b.places[0]:
        return False
    a_keys = {k for k, _ in a.entities}
    b_keys = {k for k, _ in b.entities}
    return a.places[0] not in b_keys and b.places[0] not in a_keys


def assign(
    new: Features, stories: Mapping[int, Sequence[Features]], scorer: Scorer
) -> tuple[int | None, float, dict[int, float]]:
    """The story ``new`` joins (None: a new story), its score, and every candidate story's score."""
    scores = {sid: scorer.link(new, members) for sid, members in stories.items()}
    if not scores:
        return None, 0.0, scores
    best = max(scores, key=lambda s: (scores[s], -s))
    if scores[best] >= scorer.params.join:
        return best, scores[best], scores
    return None, scores[best], scores


def index_features(f: Features, df: Mapping[str, int], *, entities: int = 10, terms: int = 15) -> list[str]:
    """The article's most telling features (its top entities, its rarest repeated words): stored lookup keys."""
    repeated = [t for t, c in f.terms if c >= 2] or [t for t, _ in f.terms]
    rare = sorted(repeated, key=lambda t: (df.get(t, 0), t))[:terms]
    return [k for k, _ in f.entities[:entities]] + rare


def query_features(f: Features, df: Mapping[str, int], *, limit: int = 40) -> list[str]:
    """Features to look candidate articles up by, rarest first (a rare shared feature finds the story fastest)."""
    keys = [k for k, _ in f.entities[:15]] + [t for t, _ in f.terms[:40]]
    return sorted(dict.fromkeys(keys), key=lambda t: (df.get(t, 0), t))[:limit]
