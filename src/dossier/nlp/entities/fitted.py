"""The fitted type decision: a multinomial logistic regression over what the rules found about a referent.

The rules propose name mentions and say what they saw about each (the base model's label, a gazetteer hit, a title
before the name, a first name, an organization suffix, the noun before the name, a match a place plays in …): each
is a (label, cue) pair. :func:`features` turns a referent's pairs, its shape and a few referent-wide flags into named
features; the weights in ``dossier/data/models/entities_type.json`` (fitted by ``python -m dossier.train entities``
on CoNLL-2003 ``eng.train``, regularisation and temperature chosen on ``eng.testa``) turn them into probabilities
over CoNLL's classes (PER, ORG, LOC, MISC) and ``O``, not a name. The chosen class's probability is the entity's
confidence. Without the weights file the labels are counted instead (each piece of evidence one vote).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

MODEL_FILE = "entities_type.json"
"""The weights' file name under ``dossier/data/models/``."""

NOT_A_NAME = "O"
"""The class of a referent that is no name at all (CoNLL's outside tag)."""

SUBTYPES: dict[str, tuple[str, ...]] = {
    "PER": ("PERSON",),
    "ORG": ("ORG",),
    "LOC": ("GPE", "LOC", "FAC"),
    "MISC": ("NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"),
}
"""The OntoNotes labels of each CoNLL class, the default first: the model decides the class, the evidence's own
labels which of them ("Europe" LOC, "France" GPE)."""

CLASS_OF = {label: cls for cls, labels in SUBTYPES.items() for label in labels}
"""OntoNotes label -> CoNLL class."""

Evidence = tuple[str, str]
"""(label, cue): a rule ("cue") saw evidence for an OntoNotes label."""


LEXICON_CUES = (
    "platform",
    "party",
    "known_outlet",
    "kind_before",
    "split_surname",
    "government_body",
    "station",
    "personal_title",
)
"""Cues that settle a type by themselves ("Twitter", "the Lib Dems", "the browser Firefox", a surname split from
a full name by the pronouns of another gender, "Scottish Executive", "BBC Radio 4", "Mr Kennedy"): too rare in
CoNLL-2003 (1996 news) for the model to learn, or outweighed there by a gazetteer hit that a title before the name
overrules for any reader, so they decide, in this order."""

PERSON_OR_ORG_CUES = frozenset(
    (
        "first_name=PERSON",
        "title_before=PERSON",
        "title_in_span=PERSON",
        "person_cue=PERSON",
        "appositive=PERSON",
        "named_person",
        "titled_person",
        "speaks_for=PERSON",
        "split_surname=PERSON",
        "org_suffix=ORG",
        "kind_before=ORG",
        "firm_after=ORG",
        "side_role=ORG",
        "known_outlet=ORG",
        "company_prefix=ORG",
        "job_at=ORG",
        "appositive=ORG",
        "ampersand=ORG",
        "outlet_cue=ORG",
        "org_run=ORG",
        "conll=ORG",
    )
)
"""Evidence that a gazetteer name is not the place here ("Paris Hilton", "Bolton Wanderers"). The second NER's ORG
counts: where the gazetteer rule fired on eng.train's held-back part B and that NER said ORG, the name was an
organisation 119 times in 133 (a place 10); its PER does not (8 ORG, 4 PER, 2 LOC of 14; "Aachen", "Niagara
Falls" in a sentence alone)."""


EVENT_CUES = frozenset(("event_suffix=EVENT", "event_list=EVENT"))
"""Evidence that a gazetteer name is a competition here ("Wimbledon" listed with the US Open): the model decides."""


def rule(feats: Mapping[str, float]) -> tuple[str, str] | None:
    """The rule that settles a referent's class before the model, if one does: (rule name, class).

    ``lexicon``: a lexicon cue (``LEXICON_CUES``) on any mention. ``gazetteer``: most of its mentions are
    gazetteer places and nothing says it plays a match or is a person or an organization (issue 14: place names
    are checked against the gazetteer before the model's type wins — the model, fitted on sport-heavy CoNLL, takes
    many towns for clubs). ``person``: outside a sport page (no side, no score in the article), a name the base
    model calls a person at every mention, or that has a title or a full personal name, with nothing against it
    (the model, for the same reason, takes many bare surnames for clubs: "Putin said …").
    """
    for cue in LEXICON_CUES:
        for name, value in feats.items():
            if value and name.startswith(f"{cue}="):
                return "lexicon", CLASS_OF.get(name.split("=", 1)[1], "ORG")
    gaz = max((v for k, v in feats.items() if k.startswith("gazetteer_")), default=0.0)
    if gaz >= 0.5 and not any(
        k.startswith("team_") or k in PERSON_OR_ORG_CUES or k in EVENT_CUES for k, v in feats.items() if v
    ):
        return "gazetteer", "LOC"
    person = feats.get("spacy=PERSON", 0.0) >= 1.0 or bool(feats.get("titled_person") or feats.get("named_person"))
    sport = bool(feats.get("doc_sides") or feats.get("doc_scores"))
    against = any(
        (k.startswith(("spacy=", "gazetteer_", "team_")) and k != "spacy=PERSON") or (k.endswith("=ORG"))
        for k, v in feats.items()
        if v
    )
    if person and not sport and not against:
        return "person", "PER"
    return None


@dataclass(frozen=True, slots=True)
class TypeModel:
    """Per-class weights over named features, intercepts, a temperature and the drop threshold for ``O``."""

    classes: tuple[str, ...]
    weights: Mapping[str, tuple[float, ...]]
    intercepts: tuple[float, ...]
    temperature: float = 1.0
    drop: float = 1.0
    """A referent whose probability of being no name reaches this is dropped (1.0 or more: never)."""
    rules: Mapping[str, float] = field(default_factory=dict)
    """Per rule of :func:`rule`, the share of its decisions that were right on eng.train (its confidence); a rule
    not listed gets the model's probability of the class it gives."""
    use_rules: bool = True
    """Whether the rules decide before the model (off: the model alone, for comparison)."""

    def decide(self, feats: Mapping[str, float]) -> tuple[str | None, float]:
        """The referent's CoNLL class (None: not a name) and the probability that it is right."""
        ruled = rule(feats) if self.use_rules else None
        probs = self.probabilities(feats)
        if ruled is not None:
            return ruled[1], self.rules.get(ruled[0], probs[ruled[1]])
        if probs.get(NOT_A_NAME, 0.0) >= self.drop:
            return None, probs[NOT_A_NAME]
        cls = max((c for c in self.classes if c != NOT_A_NAME), key=lambda c: probs[c])
        return cls, probs[cls]

    def probabilities(self, feats: Mapping[str, float]) -> dict[str, float]:
        """P(class | features) for every class, calibrated by the temperature."""
        z = list(self.intercepts)
        for name, value in feats.items():
            row = self.weights.get(name)
            if row is not None and value:
                for i, w in enumerate(row):
                    z[i] += w * value
        top = max(z)
        exp = [math.exp((v - top) / self.temperature) for v in z]
        total = sum(exp)
        return {c: e / total for c, e in zip(self.classes, exp, strict=True)}


def features(
    evidence: Sequence[Iterable[Evidence]], shape: Mapping[str, float], flags: Iterable[str] = ()
) -> dict[str, float]:
    """Named features of a referent: per (cue, label) the share of its mentions that carry it, its shape
    (``shape``, values in [0, 1]), how many mentions it has, and referent-wide ``flags``."""
    n = len(evidence) or 1
    counts: Counter[str] = Counter()
    for pairs in evidence:
        seen = {f"{cue}={label}" for label, cue in pairs}
        counts.update(seen)
        if not any(cue == "spacy" for _, cue in pairs):
            counts["no_model_label"] += 1
    out = {k: v / n for k, v in counts.items()}
    out["mentions=1" if n == 1 else "mentions=2-3" if n <= 3 else "mentions=4+"] = 1.0
    out.update({k: v for k, v in shape.items() if v})
    out.update(dict.fromkeys(flags, 1.0))
    return out


def subtype(cls: str, evidence: Iterable[Iterable[Evidence]]) -> str:
    """The OntoNotes label of class ``cls`` that most of the evidence names (the class's default when none)."""
    labels = SUBTYPES[cls]
    counts = Counter(label for pairs in evidence for label, _ in pairs if label in labels)
    model = {label for pairs in evidence for label, cue in pairs if cue == "spacy" and label != "NORP"}
    ruled = {label for pairs in evidence for label, cue in pairs if cue != "spacy"}
    # a tie goes to the base model's label ("The Hunger Games": its WORK_OF_ART over the "Games" suffix's EVENT),
    # then to a rule's: never to NORP, which names groups of people ("Grand Slams": the suffix's EVENT)
    return max(labels, key=lambda label: (counts[label], label in model, label in ruled, -labels.index(label)))


def counted(evidence: Iterable[Iterable[Evidence]]) -> tuple[str, float]:
    """Without a model: the label most of the evidence names, and its share of the evidence."""
    counts = Counter(label for pairs in evidence for label, _ in pairs if label in CLASS_OF)
    if not counts:
        return "ORG", 0.0
    label, best = max(counts.items(), key=lambda kv: (kv[1], kv[0] == "PERSON"))
    return label, best / sum(counts.values())


def decide(
    model: TypeModel | None, feats: Mapping[str, float], evidence: Sequence[Iterable[Evidence]]
) -> tuple[str | None, float]:
    """The referent's OntoNotes label (None: not a name, drop it) and the probability that it is right."""
    if model is None:
        return counted(evidence)
    cls, p = model.decide(feats)
    return (subtype(cls, evidence) if cls is not None else None), p


@lru_cache(maxsize=1)
def load_model() -> TypeModel | None:
    """The shipped weights, or None when the file is absent (the evidence is counted then)."""
    try:
        raw = resources.files("dossier").joinpath("data", "models", MODEL_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    return from_json(json.loads(raw))


def from_json(data: Mapping[str, object]) -> TypeModel:
    """The model from its JSON object (as written by ``dossier.train.entities``)."""
    weights = data["weights"]
    assert isinstance(weights, dict)
    classes = data["classes"]
    intercepts = data["intercepts"]
    rules = data.get("rules", {})
    assert isinstance(classes, list) and isinstance(intercepts, list) and isinstance(rules, dict)
    return TypeModel(
        classes=tuple(str(c) for c in classes),
        weights={str(k): tuple(float(w) for w in v) for k, v in weights.items()},
        intercepts=tuple(float(b) for b in intercepts),
        temperature=float(str(data.get("temperature", 1.0))),
        drop=float(str(data.get("drop", 1.0))),
        rules={str(k): float(v) for k, v in rules.items()},
    )
