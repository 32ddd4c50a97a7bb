"""Cue words: the verbs and phrases that introduce speech, thought and reports.

The lists are data (``data/lexicons/cue_verbs.tsv`` and ``quote_words.tsv``): verbs of saying, verbs of
thinking, and verbs with which documents and polls "say" things. Only a cue with a complement clause, a
quotation or a colon introduces a quote, so broad verbs such as ``show`` or ``know`` are safe here.
"""

from __future__ import annotations

from ..lexicons import mapping, table, words

SPEECH_VERBS = words("cue_verbs", kind="speech")
"""Verbs of saying (lemmas)."""

THOUGHT_VERBS = words("cue_verbs", kind="thought")
"""Verbs of thinking and perceiving (lemmas): attributions of a mental state."""

REPORT_VERBS = words("cue_verbs", kind="report")
"""Verbs with which documents, polls and studies report (lemmas)."""

CUE_VERBS = SPEECH_VERBS | THOUGHT_VERBS | REPORT_VERBS
"""Every verb lemma that may introduce an attribution."""

CUE_CATEGORY = mapping("cue_verbs", "lemma", "category")
"""What an attribution with this cue lemma is: speech, belief, knowledge or finding."""

FRAME_VERBS = SPEECH_VERBS | words("quote_words", list="frame_extra")
"""Verbs that may frame a direct quotation ("…,” he said"; "as she put it")."""

WEAK_VERBS = words("quote_words", list="weak")
"""Cue verbs that often do not attribute (we know that…, he called them …): lower confidence."""

OBJECT_VERBS = ((SPEECH_VERBS | REPORT_VERBS) - words("quote_words", list="not_object")) | words(
    "quote_words", list="object_extra"
)
"""Verbs whose object or "about …" phrase is what was said ("announced an agreement", "warned against …")."""

ABOUT_PREPS = words("quote_words", list="about_prep")
"""Prepositions that introduce what someone spoke about."""

NAMING_VERBS = words("quote_words", list="naming")
"""Verbs that attach a quoted label rather than report speech when the quote is short."""

ACCORDING = ("according", "to")
"""The prepositional cue "according to X"."""


def is_cue_lemma(lemma: str) -> bool:
    """Whether ``lemma`` is a verb that may introduce an attribution."""
    return lemma.lower() in CUE_VERBS


def _categories() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for row in table("cue_verbs"):
        out.setdefault(row["lemma"], set()).add(row["category"])
    return {k: frozenset(v) for k, v in out.items()}


CUE_CATEGORIES = _categories()
"""Every category a cue lemma may have ("suggest": speech from a person, a finding from a study)."""

CATEGORIES = ("speech", "belief", "knowledge", "finding", "plan", "document")
"""What an attribution may be, speech first (the order the UI lists them in)."""

DOCUMENT_NOUNS = words("quote_words", list="document")
"""Nouns for documents, studies and datasets: what they "say" is a document's attribution."""

CAPTION_NOUNS = words("quote_words", list="caption")
"""Nouns for pictures and charts: what they "show" is a caption, not an attribution."""

GENERIC_SUBJECTS = words("quote_words", list="generic")
"""Subjects that are nobody in particular ("most people know", "you think"): a hypothetical."""

HYPOTHETICAL_MARKS = words("quote_words", list="hypothetical_mark")
"""Subordinators that make a cue hypothetical ("if he said that …")."""

SPEAKER_NOUNS = words("quote_words", list="speaker_noun")
"""Common nouns that can speak when a cue's object is what was said ("the official praised …")."""

UNSAID_HEADS = words("quote_words", list="unsaid_head")
"""Verbs whose infinitive cue is not said by anyone yet ("declined to say", "urged him to admit")."""
