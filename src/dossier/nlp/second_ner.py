"""The second-opinion NER: en_core_web_sm's ``ner`` fine-tuned on CoNLL-2003 (PER, ORG, LOC, MISC), run after the
base pipeline; its entities go to ``doc.spans["conll"]`` and ``doc.ents`` stays the base model's.

The entities stage uses it twice (``entities.ner.second_opinion``): its label is a feature of the fitted type model,
and its names that no rule proposed become candidates. Its weights live in ``dossier/data/models/conll_ner/`` as
plain data — the network's parameters in float16 (``params.bin``, laid out by ``params.json``) and spaCy's
transition table (``moves``) — written by ``python -m dossier.train ner``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

LABELS = ("PER", "ORG", "LOC", "MISC")
"""CoNLL-2003's entity classes, the labels this NER gives."""

SPANS_KEY = "conll"
"""The ``doc.spans`` key of the second NER's entities."""

COMPONENT = "dossier_conll_ner"
"""The pipeline component's name (and factory)."""

DIR_NAME = "conll_ner"
"""The weights' folder under ``dossier/data/models/``."""

FILES = ("params.bin", "params.json", "moves")
"""The files of the weights' folder."""


def model_dir() -> Path:
    """The shipped weights' folder inside the installed package."""
    return Path(str(resources.files("dossier").joinpath("data", "models", DIR_NAME)))


def available() -> bool:
    """Whether the weights are shipped (without them the pipeline runs without the second opinion)."""
    return all((model_dir() / f).is_file() for f in FILES)


@lru_cache(maxsize=1)
def digest() -> str:
    """A short hash of the shipped weights ('' without them): part of the key of cached parses."""
    if not available():
        return ""
    h = hashlib.sha256()
    for f in FILES:
        h.update((model_dir() / f).read_bytes())
    return h.hexdigest()[:12]


def architecture(nlp: Language) -> dict[str, Any]:
    """The ``ner`` architecture of ``nlp`` (the base model's: the second NER is a copy of it), as plain data."""
    cfg = nlp.config["components"]["ner"]["model"]
    return dict(json.loads(json.dumps(dict(cfg))))  # a plain copy, free of the base config's interpolation


def export(ner: Any, arch: Mapping[str, Any], report: Mapping[str, Any]) -> dict[str, bytes]:
    """The files of a trained ``ner`` component of architecture ``arch``: its parameters in float16, their
    layout, its moves."""
    import numpy as np

    layout: list[dict[str, Any]] = []
    chunks: list[bytes] = []
    offset = 0
    for i, node in enumerate(ner.model.walk()):
        for name in node.param_names:
            if not node.has_param(name):
                continue
            arr = np.asarray(node.get_param(name), dtype="<f2")
            data = arr.tobytes()
            layout.append({"node": i, "layer": node.name, "param": name, "shape": list(arr.shape), "offset": offset})
            chunks.append(data)
            offset += len(data)
    meta = {
        "about": "en_core_web_sm's ner fine-tuned on CoNLL-2003 eng.train (documents not held back) by "
        "python -m dossier.train ner; parameters in float16 (little-endian) at the offsets given",
        "architecture": arch,
        "labels": list(LABELS),
        "report": report,
        "params": layout,
    }
    return {
        "params.bin": b"".join(chunks),
        "params.json": (json.dumps(meta, indent=1, sort_keys=True) + "\n").encode("utf-8"),
        "moves": ner.moves.to_bytes(exclude=["strings"]),
    }


def write(path: Path, files: Mapping[str, bytes]) -> None:
    """Write the weights' files into ``path``."""
    path.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (path / name).write_bytes(data)


def compare(path: Path, files: Mapping[str, bytes], *, tolerance: float) -> tuple[bool, str]:
    """Whether ``files`` reproduce the weights in ``path``: byte for byte, or every parameter within ``tolerance``
    (and the same moves and layout); and what was found."""
    import numpy as np

    if not all((path / f).is_file() for f in FILES):
        return False, f"no shipped weights in {path}"
    if all((path / f).read_bytes() == data for f, data in files.items()):
        return True, "identical to the shipped weights"
    if (path / "moves").read_bytes() != files["moves"]:
        return False, "DIFFERS: the moves (labels) are not the same"
    old = np.frombuffer((path / "params.bin").read_bytes(), dtype="<f2").astype("f4")
    new = np.frombuffer(files["params.bin"], dtype="<f2").astype("f4")
    if old.shape != new.shape:
        return False, "DIFFERS: the parameters' shapes are not the same"
    worst = float(np.max(np.abs(old - new))) if old.size else 0.0
    ok = worst <= tolerance
    return ok, f"{'within' if ok else 'DIFFERS beyond'} tolerance {tolerance}: largest weight difference {worst:.2g}"


def build(nlp: Language, path: Path) -> Any:
    """A ``ner`` component over ``nlp``'s vocabulary with the weights in ``path`` (not added to ``nlp``)."""
    import numpy as np
    from spacy.pipeline import EntityRecognizer
    from spacy.util import registry

    meta = json.loads((path / "params.json").read_text(encoding="utf-8"))
    model = registry.resolve({"model": meta["architecture"]})["model"]
    for label in meta["labels"]:
        nlp.vocab.strings.add(label)
    ner = EntityRecognizer(nlp.vocab, model, name=COMPONENT)
    ner.moves.from_bytes((path / "moves").read_bytes(), exclude=["strings"])
    ner._resize()
    model.initialize()
    blob = (path / "params.bin").read_bytes()
    nodes = list(model.walk())
    for p in meta["params"]:
        node = nodes[p["node"]]
        if node.name != p["layer"]:
            raise ValueError(f"second NER: layer {p['node']} is {node.name}, the weights expect {p['layer']}")
        n = int(np.prod(p["shape"])) if p["shape"] else 1
        arr = np.frombuffer(blob, dtype="<f2", count=n, offset=p["offset"]).astype("f4").reshape(p["shape"])
        if node.get_param(p["param"]).shape != arr.shape:
            raise ValueError(f"second NER: {p['layer']}.{p['param']} has another shape than the weights")
        node.set_param(p["param"], model.ops.asarray(arr))
    return ner


class SecondNer:
    """The pipeline component: runs the fine-tuned NER on the token stream alone (the base model's entities set
    aside, then put back) and stores its entities in ``doc.spans[SPANS_KEY]``."""

    def __init__(self, ner: Any) -> None:
        self.ner = ner

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 64) -> Iterator[Doc]:
        """Annotate ``docs`` in batches."""
        from itertools import islice

        stream = iter(docs)
        while batch := list(islice(stream, batch_size)):
            kept = [list(doc.ents) for doc in batch]
            for doc in batch:
                doc.set_ents([], default="missing")  # the base model's entities would constrain this NER
            scores = self.ner.predict(batch)
            self.ner.set_annotations(batch, scores)
            for doc, ents in zip(batch, kept, strict=True):
                doc.spans[SPANS_KEY] = [e for e in doc.ents if e.label_ in LABELS]
                doc.set_ents(ents, default="outside")
                yield doc


@Language.factory(COMPONENT, assigns=["doc.spans"])
def make_second_ner(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The second NER with the shipped weights."""
    del name
    return SecondNer(build(nlp, model_dir()))


def add_to(nlp: Language) -> bool:
    """Add the second NER at the end of ``nlp`` when its weights are shipped; whether it was added."""
    if not available() or COMPONENT in nlp.pipe_names:
        return COMPONENT in nlp.pipe_names
    nlp.add_pipe(COMPONENT, last=True)
    return True


def spans(doc: Doc) -> list[tuple[int, int, str]]:
    """The second NER's entities of ``doc`` as token spans ``(start, end, label)`` (none without it)."""
    if SPANS_KEY not in doc.spans:
        return []
    return [(s.start, s.end, s.label_) for s in doc.spans[SPANS_KEY]]
