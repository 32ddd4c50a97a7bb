"""Stories: which articles cover the same event, decided one article at a time.

An article is reduced to ``Features``: who (entity ids, weighted by mentions), where
(places), when (publication day; the days, months, years and weekdays its text names:
"Monday's 6.1 earthquake"), what (content words, numbers, event types). A new article is
compared with a candidate story's members pair by pair (``pair_features``: TF-IDF cosines,
place overlap and conflict, date agreement and conflict, ...); the means and maxima over the
members go through a logistic regression fitted on ECB+ article-story pairs (``Model``,
shipped as ``data/story_model.json``, rebuilt by ``python -m benchmarks.train_stories``).
The article joins the most probable story when that probability clears the fitted join
threshold, else starts its own; another candidate story that also clears the fitted merge
threshold is merged into the chosen one (the new article bridges them), so that a story
split by an untypical first article heals whatever the arrival order. Nothing here reads or
writes the store: ``update`` does the SQL.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

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
MAX_NUMBERS = 10
"""Distinct numbers kept per article (the most frequent)."""
MAX_WHEN = 12
"""Distinct date keys kept per article (the most frequent)."""
MODEL_FILE = Path(__file__).resolve().parents[1] / "data" / "story_model.json"
"""The fitted story model (coefficients, thresholds, how they were fitted and scored)."""
MAX_TERMS = 150
"""Distinct content words kept per article (the most frequent): bounds storage at 1M articles."""
BACKGROUND_DOCUMENTS = 1000
"""How many articles of news in general a word's IDF counts beside the store's own (``Scorer.idf``): a store
that has seen 150 articles of a few stories would weigh the words they all share ("earthquake") as common and
the words of everyday news it has not met yet as rare; counting this many background articles, in which a word
appears as often as its general English frequency predicts (``background``), keeps a young store's weights
close to a grown one's. Chosen on ECB+ topics 1-35 (held-out folds, shuffled orders) with NewsWCL50 as the
regression check: ``benchmarks/results/stories-background.json``."""
BACKGROUND_WORDS = 500
"""Words in a typical news article: turns a word's frequency into the chance that an article contains it."""


@dataclass(frozen=True, slots=True)
class Params:
    """The candidate window of story assignment (blocking, not scoring: the fitted ``Model`` scores)."""

    max_days: int = 21
    """Publication days apart beyond which two articles are never one story (the SQL candidate window)."""
    window_days: int = 2
    """Publication days apart beyond which a pair's similarities (``SIMILARITIES``) are scaled by
    ``window_days / gap`` before the model reads them. Not fitted: ECB+, the fitting data, has no publication
    dates (kept from the hand-set scorer that NewsWCL50 checks)."""


@dataclass(frozen=True, slots=True)
class Features:
    """What story assignment knows of an article (plain data, stored as JSON)."""

    article_id: str
    terms: tuple[tuple[str, int], ...]
    """Content words (lower-cased, stop words dropped) with counts; the title and lead count ``LEAD_WEIGHT`` times."""
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
    when: tuple[str, ...] = ()
    """Date keys the text names, even without a year or a publication date to anchor them: ``md:03-04``
    (a day of a month), ``m:03`` (a month), ``y:2024`` (a year), ``wd:1`` (a weekday, Monday = 1)."""
    numbers: tuple[str, ...] = ()
    """Numbers the text states (magnitudes, tolls, ages; not years), most frequent first."""
    events: tuple[tuple[str, int], ...] = ()
    """Event types found in the text with counts (``attack``, ``arrest`` ...)."""


_DAY_VALUE = re.compile(r"(\d{4}|XXXX)-(\d\d)-(\d\d)")
_MONTH_VALUE = re.compile(r"(\d{4}|XXXX)-(\d\d)(?![\d-])")
_YEAR_VALUE = re.compile(r"(1[89]\d\d|20\d\d)(?![\d])")
_WEEKDAY_VALUE = re.compile(r"(?:\d{4}|XXXX)-W(?:\d\d|XX)-([1-7])")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w]|[.,]\d)")


def when_keys(value: str) -> list[str]:
    """The date keys of one timex value (``XXXX-02-01`` -> ``md:02-01``, ``m:02``; ``2008`` -> ``y:2008``)."""
    keys = []
    m = _DAY_VALUE.match(value)
    if m:
        keys += [f"md:{m.group(2)}-{m.group(3)}", f"m:{m.group(2)}"]
    else:
        m2 = _MONTH_VALUE.match(value)
        if m2:
            keys.append(f"m:{m2.group(2)}")
    if _YEAR_VALUE.match(value):
        keys.append("y:" + value[:4])
    w = _WEEKDAY_VALUE.match(value)
    if w:
        keys.append("wd:" + w.group(1))
    return keys


def numbers(text: str) -> list[str]:
    """The numbers ``text`` states, as written without thousands separators; single digits and years left out
    (every story has them; a year is a date key)."""
    out = []
    for m in _NUMBER.finditer(text):
        n = m.group().replace(",", "")
        if len(n) < 2 or _YEAR_VALUE.fullmatch(n):
            continue
        out.append(n)
    return out


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
    when = Counter(k for t in article.timexes if t.type == "DATE" for k in when_keys(t.value))
    kinds = Counter(e.type for e in article.events)
    return Features(
        article_id=article.id,
        terms=terms,
        lead=tuple(sorted(lead_counts.items(), key=lambda kv: (-kv[1], kv[0]))),
        entities=tuple(sorted(ents.items(), key=lambda kv: (-kv[1], kv[0]))),
        places=tuple(k for k, _ in places.most_common(3)),
        day=day_number(article.published),
        dates=tuple(d for d, _ in days.most_common(3)),
        when=tuple(k for k, _ in sorted(when.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_WHEN]),
        numbers=tuple(
            k for k, _ in sorted(Counter(numbers(body)).items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_NUMBERS]
        ),
        events=tuple(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


@lru_cache(maxsize=100_000)
def background(term: str) -> float:
    """The chance that a news article of ``BACKGROUND_WORDS`` words contains the word ``term``, from its English
    frequency in ``wordfreq`` (news, books, subtitles, web); 0 for an entity or a date key (``g:…``, ``d:…``),
    which no general list knows."""
    if ":" in term:
        return 0.0
    from wordfreq import word_frequency  # loads its tables on first use (~0.3 s): not on every CLI start

    return -math.expm1(-BACKGROUND_WORDS * word_frequency(term, "en"))


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


PAIR_FEATURES = (
    "text",
    "lead",
    "entities",
    "actors",
    "places",
    "place_conflict",
    "day_match",
    "day_conflict",
    "month_conflict",
    "year_conflict",
    "weekday_match",
    "weekday_conflict",
    "numbers",
    "number_conflict",
    "events",
)
"""What ``pair_features`` measures of two articles, in order (each in [0, 1]). A shared month or year is left
out: in a news stream nearly everything shares them (ECB+ pairs two events years apart, so there a shared year
would pass for evidence); only their conflicts tell."""
SIMILARITIES = frozenset({"text", "lead", "entities", "actors", "places", "numbers", "events"})
"""The pair features that say how alike two articles are (scaled down by a publication gap)."""
CENTRED = ("text", "lead", "entities")
"""Vector features also compared with the story's centroid (the mean of its members' unit vectors)."""
STORY_FEATURES = (
    tuple(f"mean_{n}" for n in PAIR_FEATURES)
    + tuple(f"max_{n}" for n in PAIR_FEATURES)
    + tuple(f"centroid_{n}" for n in CENTRED)
)
"""What the model reads of an article and a story: each pair feature averaged over the members, its maximum,
and the cosines with the story's centroids."""
_WHEN_KINDS = (("md:", "day"), ("m:", "month"), ("y:", "year"), ("wd:", "weekday"))


@dataclass(frozen=True, slots=True)
class Model:
    """A fitted logistic regression over ``STORY_FEATURES`` and its decision thresholds."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    intercept: float
    join: float
    """Least probability for an article to join its most probable story."""
    merge: float
    """Least probability for another candidate story to be merged into the one the article joined (above 1:
    never)."""

    def probability(self, x: Mapping[str, float]) -> float:
        """P(same story) for named feature values (a missing name counts 0)."""
        z = self.intercept + sum(w * x.get(n, 0.0) for n, w in zip(self.features, self.weights, strict=True))
        return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0

    @classmethod
    def from_dict(cls, d: Mapping[str, object]) -> Model:
        """The model written by ``to_dict`` (the shipped JSON)."""
        feats = tuple(str(n) for n in d["features"])  # type: ignore[attr-defined]
        weights = tuple(float(w) for w in d["weights"])  # type: ignore[attr-defined]
        if len(feats) != len(weights):
            raise ValueError("story model: features and weights differ in length")
        return cls(feats, weights, float(d["intercept"]), float(d["join"]), float(d["merge"]))  # type: ignore[arg-type]

    def to_dict(self) -> dict[str, object]:
        """Plain JSON data."""
        return {
            "features": list(self.features),
            "weights": list(self.weights),
            "intercept": self.intercept,
            "join": self.join,
            "merge": self.merge,
        }


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_FILE) -> Model:
    """The shipped story model (read once)."""
    return Model.from_dict(json.loads(path.read_text(encoding="utf-8")))


@dataclass(frozen=True, slots=True)
class _Prepared:
    """An article's vectors and sets, weighed once (a story's members are compared many times)."""

    terms: dict[str, float]
    lead: dict[str, float]
    entities: dict[str, float]
    entity_keys: frozenset[str]
    places: frozenset[str]
    when: dict[str, frozenset[str]]
    numbers: frozenset[str]
    events: dict[str, float]


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


@dataclass(frozen=True, slots=True)
class Scorer:
    """Compares features with IDF weights from document frequencies (``df``) over ``n`` articles."""

    df: Mapping[str, int]
    n: int
    params: Params = Params()
    model: Model | None = None
    """The fitted model; None: the shipped one."""
    background_documents: int = field(default_factory=lambda: BACKGROUND_DOCUMENTS)
    """General news articles counted beside the ``n`` the store holds (default ``BACKGROUND_DOCUMENTS``, read
    when the scorer is made)."""
    _cache: dict[str, _Prepared] = field(default_factory=dict, compare=False, repr=False)
    _idf: dict[str, float] = field(default_factory=dict, compare=False, repr=False)

    def prepared(self, f: Features) -> _Prepared:
        """The unit TF-IDF vectors and the key sets of ``f``."""
        got = self._cache.get(f.article_id)
        if got is None:
            if len(self._cache) > 10_000:
                self._cache.clear()
            when: dict[str, set[str]] = {}
            for k in f.when:
                for prefix, kind in _WHEN_KINDS:
                    if k.startswith(prefix):
                        when.setdefault(kind, set()).add(k)
            got = _Prepared(
                terms=self._vector(f.terms),
                lead=self._vector(f.lead),
                entities=self._vector(f.entities),
                entity_keys=frozenset(k for k, _ in f.entities),
                places=frozenset(f.places),
                when={k: frozenset(v) for k, v in when.items()},
                numbers=frozenset(f.numbers),
                events=_unit({t: float(c) for t, c in f.events}),
            )
            self._cache[f.article_id] = got
        return got

    def _vector(self, items: Sequence[tuple[str, int]]) -> dict[str, float]:
        """The unit TF-IDF vector of ``items`` (the hot loop of story placement: locals, tabled logs)."""
        known, idf, log = self._idf, self.idf, math.log
        vec = {}
        for t, c in items:
            w = known.get(t)
            if w is None:
                w = idf(t)
            vec[t] = (_TF[c] if c < 256 else 1.0 + log(c)) * w
        return _unit(vec)

    def vectors(self, f: Features) -> tuple[dict[str, float], ...]:
        """The unit TF-IDF vectors of the words, the lead and the entities of ``f``."""
        p = self.prepared(f)
        return p.terms, p.lead, p.entities

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency of a word or entity key; a word's counts include
        ``background_documents`` general news articles (``background``), an entity's or a date's do not."""
        got = self._idf.get(term)
        if got is None:
            extra = self.background_documents if ":" not in term else 0
            seen = self.df.get(term, 0) + (extra * background(term) if extra else 0.0)
            got = self._idf[term] = math.log((self.n + extra + 1) / (seen + 1)) + 1.0
        return got

    def pair(self, a: Features, b: Features) -> dict[str, float]:
        """``pair_features`` of two articles with this scorer's weights."""
        return pair_features(self.prepared(a), self.prepared(b))

    def story_features(self, new: Features, members: Sequence[Features]) -> dict[str, float]:
        """Each pair feature's mean and maximum over the story's members, and the centroid cosines
        (``STORY_FEATURES``)."""
        near = [m for m in members if not self.too_far(new, m)]
        pairs = []
        for m in near:
            pf = self.pair(new, m)
            scale = self.closeness(new, m)
            if scale < 1.0:
                pf = {k: v * scale if k in SIMILARITIES else v for k, v in pf.items()}
            pairs.append(pf)
        out = story_features(pairs, len(members))
        mine = self.prepared(new)
        scale = sum(self.closeness(new, m) for m in near) / len(near) if near else 1.0
        for name in CENTRED:
            centroid: dict[str, float] = {}
            field_ = "terms" if name == "text" else name
            for m in near:
                for t, v in getattr(self.prepared(m), field_).items():
                    centroid[t] = centroid.get(t, 0.0) + v
            out["centroid_" + name] = scale * _cosine(getattr(mine, field_), _unit(centroid)) if centroid else 0.0
        return out

    def closeness(self, a: Features, b: Features) -> float:
        """``window_days / gap`` for articles published more than ``Params.window_days`` apart, else 1."""
        if a.day is None or b.day is None:
            return 1.0
        gap = abs(a.day - b.day)
        return 1.0 if gap <= self.params.window_days else self.params.window_days / gap

    def too_far(self, a: Features, b: Features) -> bool:
        """Published further apart than the candidate window: never one story."""
        return a.day is not None and b.day is not None and abs(a.day - b.day) > self.params.max_days

    def model_or_shipped(self) -> Model:
        """The model this scorer decides with."""
        return self.model or load_model()

    def link(self, new: Features, members: Sequence[Features]) -> float:
        """The fitted probability that ``new`` belongs to the story of ``members``."""
        if not members:
            return 0.0
        return self.model_or_shipped().probability(self.story_features(new, members))

    def similarity(self, a: Features, b: Features) -> float:
        """The fitted probability that two articles report one event."""
        return self.link(a, [b])


def pair_features(a: _Prepared, b: _Prepared) -> dict[str, float]:
    """What two articles share and where they conflict (``PAIR_FEATURES``, each in [0, 1])."""
    out = {
        "text": _cosine(a.terms, b.terms),
        "lead": _cosine(a.lead, b.lead),
        "entities": _cosine(a.entities, b.entities),
        "numbers": _jaccard(a.numbers, b.numbers),
        "number_conflict": float(bool(a.numbers and b.numbers) and not a.numbers & b.numbers),
        "events": _cosine(a.events, b.events),
    }
    # who, without where: two events of a kind in one place (two heists in Paris) differ in their actors
    where = a.places | b.places
    out["actors"] = _cosine(
        {k: v for k, v in a.entities.items() if k not in where}, {k: v for k, v in b.entities.items() if k not in where}
    )
    # where: a's places that b names, and b's that a names
    named = len(a.places & b.entity_keys) + len(b.places & a.entity_keys)
    total = len(a.places) + len(b.places)
    out["places"] = named / total if total else 0.0
    out["place_conflict"] = float(
        bool(a.places and b.places) and not (a.places & b.entity_keys or b.places & a.entity_keys)
    )
    for _, kind in _WHEN_KINDS:
        x, y = a.when.get(kind), b.when.get(kind)
        both = bool(x and y)
        shared = both and bool(x & y)  # type: ignore[operator]
        if kind in ("day", "weekday"):
            out[kind + "_match"] = float(shared)
        out[kind + "_conflict"] = float(both and not shared)
    return out


def story_features(pairs: Sequence[Mapping[str, float]], members: int) -> dict[str, float]:
    """Mean (over all ``members``: one published too far apart counts 0) and maximum of each pair feature."""
    out: dict[str, float] = {}
    for name in PAIR_FEATURES:
        values = [p[name] for p in pairs]
        out["mean_" + name] = sum(values) / members if members else 0.0
        out["max_" + name] = max(values, default=0.0)
    return out


def assign(
    new: Features, stories: Mapping[int, Sequence[Features]], scorer: Scorer
) -> tuple[int | None, float, dict[int, float]]:
    """The story ``new`` joins (None: a new story), its probability, and every candidate story's probability.

    A dated article is not compared with a story whose dated members were all published more than
    ``window_days`` from it: an undated member (found through the undated part of the candidate search) must not
    draw it into an event of another week."""
    window = scorer.params.window_days
    scores = {
        sid: scorer.link(new, members)
        for sid, members in stories.items()
        if new.day is None or (gap := _days_apart((new,), members)) is None or gap <= window
    }
    if not scores:
        return None, 0.0, scores
    best = max(scores, key=lambda s: (scores[s], -s))
    if scores[best] >= scorer.model_or_shipped().join:
        return best, scores[best], scores
    return None, scores[best], scores


def merges(
    chosen: int,
    scores: Mapping[int, float],
    model: Model,
    stories: Mapping[int, Sequence[Features]] | None = None,
    params: Params = Params(),
) -> list[int]:
    """The other candidate stories the new article bridges to ``chosen``: those it also belongs to by the model,
    unless their publication days and the chosen story's are all more than ``params.window_days`` apart (an
    undated article must not bridge two dated events)."""
    out = []
    for s, p in scores.items():
        if s == chosen or p < model.merge:
            continue
        if stories is not None:
            gap = _days_apart(stories.get(chosen, ()), stories.get(s, ()))
            if gap is not None and gap > params.window_days:
                continue
        out.append(s)
    return sorted(out)


def _days_apart(a: Sequence[Features], b: Sequence[Features]) -> int | None:
    """The least gap in publication days between a dated member of ``a`` and one of ``b`` (None: no dates)."""
    da = sorted({f.day for f in a if f.day is not None})
    db = sorted({f.day for f in b if f.day is not None})
    if not da or not db:
        return None
    return min(abs(x - y) for x in da for y in db)


def index_features(f: Features, df: Mapping[str, int], *, entities: int = 10, terms: int = 15) -> list[str]:
    """The article's most telling features (its top entities, its rarest repeated words): stored lookup keys."""
    repeated = [t for t, c in f.terms if c >= 2] or [t for t, _ in f.terms]
    rare = sorted(repeated, key=lambda t: (df.get(t, 0), t))[:terms]
    return [k for k, _ in f.entities[:entities]] + rare


def query_features(f: Features, df: Mapping[str, int], *, limit: int = 40) -> list[str]:
    """Features to look candidate articles up by, rarest first (a rare shared feature finds the story fastest)."""
    keys = [k for k, _ in f.entities[:15]] + [t for t, _ in f.terms[:40]]
    return sorted(dict.fromkeys(keys), key=lambda t: (df.get(t, 0), t))[:limit]
