"""Cue words: the verbs and phrases that introduce speech, thought and reports.

A curated list (no data file, so it ships with the code): verbs of saying,
verbs of thinking, and verbs with which documents and polls "say" things.
Only a cue with a complement clause, a quotation or a colon introduces a quote,
so broad verbs such as ``show`` or ``know`` are safe here.
"""

from __future__ import annotations

SPEECH_VERBS = frozenset(
    [
        "say",
        "tell",
        "explain",
        "add",
        "claim",
        "insist",
        "warn",
        "write",
        "note",
        "argue",
        "deny",
        "admit",
        "state",
        "declare",
        "announce",
        "report",
        "reply",
        "respond",
        "answer",
        "ask",
        "remark",
        "comment",
        "observe",
        "mention",
        "stress",
        "emphasize",
        "emphasise",
        "recall",
        "acknowledge",
        "confirm",
        "concede",
        "contend",
        "assert",
        "maintain",
        "predict",
        "promise",
        "vow",
        "pledge",
        "threaten",
        "suggest",
        "tweet",
        "post",
        "continue",
        "conclude",
        "complain",
        "boast",
        "joke",
        "quip",
        "shout",
        "yell",
        "scream",
        "whisper",
        "mutter",
        "exclaim",
        "repeat",
        "reiterate",
        "testify",
        "allege",
        "charge",
        "accuse",
        "counter",
        "retort",
        "rebut",
        "disclose",
        "reveal",
        "indicate",
        "estimate",
        "propose",
        "speculate",
        "wonder",
        "question",
        "agree",
        "disagree",
        "dispute",
        "concur",
        "echo",
        "posit",
        "opine",
        "hint",
        "advise",
        "recommend",
        "proclaim",
        "brag",
        "lament",
        "underscore",
        "highlight",
        "clarify",
        "elaborate",
        "summarize",
        "order",
        "instruct",
        "request",
        "plead",
        "urge",
        "caution",
        "assure",
        "inform",
        "recount",
        "cry",
        "chant",
        "sing",
        "told",
        "telling",
        "preach",
        "announce",
        "muse",
        "gush",
        "snap",
        "fume",
        "scoff",
        "grumble",
        "blast",
        "slam",
        "add",
        "acknowledge",
        "predict",
        "counsel",
        "demand",
        "call",
        "describe",
        "characterize",
        "cite",
    ]
)
"""Verbs of saying (lemmas)."""

THOUGHT_VERBS = frozenset(
    [
        "believe",
        "think",
        "feel",
        "know",
        "hope",
        "fear",
        "worry",
        "expect",
        "doubt",
        "suspect",
        "assume",
        "consider",
        "imagine",
        "reckon",
        "guess",
        "realize",
        "realise",
        "understand",
        "decide",
        "wish",
        "recognize",
        "recognise",
        "figure",
        "suppose",
        "learn",
        "remember",
        "forget",
        "see",
        "hear",
    ]
)
"""Verbs of thinking and perceiving (lemmas): attributions of a mental state."""

REPORT_VERBS = frozenset(
    ["show", "find", "suggest", "indicate", "reveal", "estimate", "conclude", "project", "predict"]
)
"""Verbs with which documents, polls and studies report (lemmas)."""

CUE_VERBS = SPEECH_VERBS | THOUGHT_VERBS | REPORT_VERBS
"""Every verb lemma that may introduce an attribution."""

FRAME_VERBS = SPEECH_VERBS | frozenset({"think", "believe", "write", "go", "put"})
"""Verbs that may frame a direct quotation ("…,” he said"; "as she put it")."""

WEAK_VERBS = frozenset({"know", "see", "hear", "learn", "remember", "forget", "find", "understand", "figure", "call"})
"""Cue verbs that often do not attribute (we know that…, he called them …): lower confidence."""

OBJECT_VERBS = (SPEECH_VERBS | REPORT_VERBS) - frozenset(
    {
        "tell",
        "told",
        "telling",
        "ask",
        "inform",
        "urge",
        "assure",
        "call",
        "order",
        "instruct",
        "advise",
        "add",
        "continue",
        "find",
        "post",
        "sing",
        "answer",
        "question",
        "counsel",
        "caution",
        "project",
        "charge",
    }
) | frozenset({"speak", "talk", "criticize", "criticise", "praise", "defend", "reject", "welcome", "condemn"})
"""Verbs whose object or "about …" phrase is what was said ("announced an agreement", "warned against …")."""

ABOUT_PREPS = frozenset({"about", "of", "on", "against"})
"""Prepositions that introduce what someone spoke about."""

NAMING_VERBS = frozenset({"call", "describe", "dub", "label", "term", "brand", "characterize", "name", "deem"})
"""Verbs that attach a quoted label rather than report speech when the quote is short."""

ACCORDING = ("according", "to")
"""The prepositional cue "according to X"."""


def is_cue_lemma(lemma: str) -> bool:
    """Whether ``lemma`` is a verb that may introduce an attribution."""
    return lemma.lower() in CUE_VERBS
