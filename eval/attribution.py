#!/usr/bin/env python3
"""Accuracy of copydesk's attribution rules on Wikipedia weasel and hedge sentences.

Usage (from the repository root, with copydesk importable):

    python eval/attribution.py                 # both halves (even, odd) and all
    python eval/attribution.py --split even    # one half only
    python eval/attribution.py --rules         # also per-rule true / false positives
    python eval/attribution.py --errors 20     # print some misses and false alarms
    python eval/attribution.py --task hedges   # news hedges only (--task weasel: Wikipedia only)

Data: ``../shared/data/wikiweasel-train/sentences.jsonl`` (CoNLL-2010 task, Wikipedia
sentences labelled certain / uncertain; see the data README). Exits 0 with a
"skipped" line when the folder is absent.

Each sentence is detokenised (the data is Penn-Treebank tokenised: ``-LRB-``,
split punctuation, ``` `` ''`` quotes) and audited on its own as an article body.
A sentence counts as *uncertain* when it gets an attribution finding. Two figures:

- ``cues``: findings of the rules that look for the cue types the annotators
  marked (vague sources, passive attribution, reactions without a source,
  hedges and speculation, verdicts and praise). This is the comparable figure:
  Wikipedia's uncertainty cues are weasels, hedges and peacocks.
- ``all``: every attribution finding, including ``attribution.unsourced_figure``
  and ``attribution.unsourced_claim``. Those ask "who says so?" of any number or
  statement with no source, which in an encyclopedia (where sources live in
  footnotes, not in the sentence) is most sentences, so this figure is lower on
  precision by design.

The ``hedges`` task reads ``../shared/data/news-hedges-dev/sentences.jsonl`` (the
FactBank news part of the Szeged uncertainty corpus: NYT, AP and WSJ sentences
labelled certain / uncertain). A sentence counts as hedged when it gets a finding of
a rule whose id starts ``attribution.hedge`` or ``attribution.speculation`` outside
quotations. The annotators marked every cue whoever voices it, and copydesk leaves a
quoted or attributed speaker's hedges alone, so the figure that matters is on the
*own voice* sentences: no reporting verb (the attribution analysis's own list, every
inflected form, plus "according to") and no quotation mark. Figures on all sentences
are printed beside it.

``--split even|odd`` keeps the sentences with an even / odd position in the file,
so one half can be used for tuning and the other for checking that the rules
generalise. The data is used for measuring only; nothing from it is copied into
the package, the rules or the tests.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
FILE = DATA / "wikiweasel-train" / "sentences.jsonl"
HEDGE_FILE = DATA / "news-hedges-dev" / "sentences.jsonl"
# Rule ids (prefixes) scored by the hedges task.
HEDGE_RULES = ("attribution.hedge", "attribution.speculation")
_QUOTE_MARKS = re.compile(r'["\u201c\u201d\u201e]|``|\'\'')
DIMENSION = "attribution"
# Rules that ask for a source of any figure or statement rather than spotting a cue.
NON_CUE_RULES = frozenset({"attribution.unsourced_figure", "attribution.unsourced_claim"})

_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}


def detokenise(text: str) -> str:
    """Undo Penn-Treebank tokenisation well enough for a sentence audit."""
    for token, char in _BRACKETS.items():
        text = text.replace(token, char)
    text = text.replace("``", '"').replace("''", '"')
    text = re.sub(r"\s+(n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    text = re.sub(r"\s+([.,;:!?%)\]}])", r"\1", text)
    text = re.sub(r"([(\[{$])\s+", r"\1", text)
    # Pair straight double quotes and pull them onto the words they enclose.
    text = re.sub(r'"\s*([^"]*?)\s*"', r'"\1"', text)
    return re.sub(r"\s{2,}", " ", text).strip()


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def load(split: str) -> list[dict]:
    rows = []
    with FILE.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if not line.strip():
                continue
            if split != "all" and (i % 2 == 0) != (split == "even"):
                continue
            rows.append(json.loads(line))
    return rows


def attribution_rules():  # type: ignore[no-untyped-def]
    """The default pack's attribution rules only: just they make the findings scored here."""
    from copydesk.api import load_rules
    from copydesk.packs.loader import default_pack_path

    return load_rules([default_pack_path() / "attribution"], include_default=False)


def audit_rows(rows: list[dict]) -> list[tuple[dict, set[str]]]:
    import copydesk
    from copydesk import Article

    pack = attribution_rules()
    out = []
    for row in rows:
        text = detokenise(row["text"])
        report = copydesk.audit(Article(body=text), rules=pack)
        found = {f.rule_id for f in report.findings if f.dimension.value == DIMENSION}
        out.append((row, found))
    return out


def score(results: list[tuple[dict, set[str]]], cues_only: bool) -> tuple[int, int, int, int]:
    tp = fp = fn = tn = 0
    for row, rules in results:
        found = {r for r in rules if not (cues_only and r in NON_CUE_RULES)}
        gold = row["label"] == "uncertain"
        if found and gold:
            tp += 1
        elif found:
            fp += 1
        elif gold:
            fn += 1
        else:
            tn += 1
    return tp, fp, fn, tn


def report(name: str, results: list[tuple[dict, set[str]]]) -> None:
    for label, cues in (("cues", True), ("all", False)):
        tp, fp, fn, _tn = score(results, cues)
        p, r, f = prf(tp, fp, fn)
        print(
            f"{name:5} {label:4} sentences {len(results):5}  uncertain-class "
            f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {tp}, fp {fp}, fn {fn})"
        )


def per_rule(results: list[tuple[dict, set[str]]]) -> None:
    tps: Counter[str] = Counter()
    fps: Counter[str] = Counter()
    for row, rules in results:
        for r in rules:
            (tps if row["label"] == "uncertain" else fps)[r] += 1
    print("\nper rule (sentences flagged: uncertain / certain, precision)")
    for r in sorted(set(tps) | set(fps), key=lambda x: -(tps[x] + fps[x])):
        total = tps[r] + fps[r]
        print(f"  {r:32} {tps[r]:5} / {fps[r]:5}  P {tps[r] / total:.2f}")


def errors(results: list[tuple[dict, set[str]]], n: int) -> None:
    misses = [row for row, rules in results if row["label"] == "uncertain" and not (rules - NON_CUE_RULES)]
    alarms = [(row, rules) for row, rules in results if row["label"] == "certain" and (rules - NON_CUE_RULES)]
    print(f"\nmissed uncertain sentences (first {n}):")
    for row in misses[:n]:
        print("  -", detokenise(row["text"])[:200])
    print(f"\nfalse alarms (first {n}):")
    for row, rules in alarms[:n]:
        print("  -", sorted(rules - NON_CUE_RULES), detokenise(row["text"])[:200])


def load_hedges() -> list[dict]:
    with HEDGE_FILE.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def own_voice(text: str, verbs: frozenset[str]) -> bool:
    """No quotation mark and no reporting verb: the outlet speaks for itself."""
    if _QUOTE_MARKS.search(text):
        return False
    words = re.findall(r"[a-z]+(?:'[a-z]+)?", text.lower())
    if "according" in words:
        return False
    return verbs.isdisjoint(words)


def hedge_task(split: str | None, show: int) -> None:
    import copydesk
    from copydesk import Article
    from copydesk.packs.default_lexicon import default_lexicon

    rows = load_hedges()
    if split in ("even", "odd"):
        rows = [r for i, r in enumerate(rows) if (i % 2 == 0) == (split == "even")]
    verbs = default_lexicon().reporting_verbs
    pack = attribution_rules()
    results = []
    for row in rows:
        text = detokenise(row["text"])
        report = copydesk.audit(Article(body=text), rules=pack)
        found = {f.rule_id for f in report.findings if f.rule_id.startswith(HEDGE_RULES) and not f.in_quote}
        results.append((row, text, found, own_voice(text, verbs)))
    for name, chosen in (
        ("all", results),
        ("own voice", [x for x in results if x[3]]),
    ):
        tp = sum(1 for row, _t, f, _o in chosen if f and row["label"] == "uncertain")
        fp = sum(1 for row, _t, f, _o in chosen if f and row["label"] != "uncertain")
        fn = sum(1 for row, _t, f, _o in chosen if not f and row["label"] == "uncertain")
        p, r, f1 = prf(tp, fp, fn)
        print(
            f"hedges {name:9} sentences {len(chosen):5}  uncertain-class "
            f"P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  (tp {tp}, fp {fp}, fn {fn})"
        )
    if show:
        own = [x for x in results if x[3]]
        print(f"\nown voice, missed (first {show}):")
        for _row, text, _found, _o in [x for x in own if x[0]["label"] == "uncertain" and not x[2]][:show]:
            print("  -", text[:200])
        print(f"\nown voice, false alarms (first {show}):")
        for _row, text, found, _o in [x for x in own if x[0]["label"] != "uncertain" and x[2]][:show]:
            print("  -", sorted(found), text[:200])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("even", "odd", "all"), default=None)
    parser.add_argument("--rules", action="store_true", help="per-rule true / false positives")
    parser.add_argument("--errors", type=int, default=0, help="print N misses and N false alarms")
    parser.add_argument("--task", choices=("weasel", "hedges", "all"), default="all")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.task in ("hedges", "all"):
        if HEDGE_FILE.is_file():
            hedge_task(args.split, args.errors)
        else:
            print(f"skipped: {HEDGE_FILE} not found")
        if args.task == "hedges":
            print(f"\nhedges audited in {time.perf_counter() - started:.1f}s")
            return 0
        print()
    if not FILE.is_file():
        print(f"skipped: {FILE} not found")
        return 0
    everything = audit_rows(load("all"))
    splits = [args.split] if args.split else ["even", "odd", "all"]
    for split in splits:
        if split == "all":
            chosen = everything
        else:
            chosen = [x for i, x in enumerate(everything) if (i % 2 == 0) == (split == "even")]
        report(split, chosen)
    selected = (
        everything
        if not args.split or args.split == "all"
        else [x for i, x in enumerate(everything) if (i % 2 == 0) == (args.split == "even")]
    )
    if args.rules:
        per_rule(selected)
    if args.errors:
        errors(selected, args.errors)
    elapsed = time.perf_counter() - started
    print(f"\n{len(everything)} sentences audited in {elapsed:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
