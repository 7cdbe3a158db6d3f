#!/usr/bin/env python3
"""Accuracy of copydesk's loaded-language rules on public annotated data.

Usage (from the repository root, with copydesk importable):

    python eval/loaded.py                 # both halves (even, odd) and all
    python eval/loaded.py --split even    # one half only
    python eval/loaded.py --terms 8       # also list the most frequent terms per rule

Data: ``../shared/data/`` beside the repository (see its README). The script exits 0
with a "skipped" line when the folder is absent.

1. PTC (SemEval-2020 task 11 training articles): character-overlap precision /
   recall / F1 of loaded_language findings against the union of the
   ``Loaded_Language`` and ``Name_Calling,Labeling`` spans. As in the task's
   scorer, credit is partial and proportional to overlap: precision is the mean
   over predicted spans of |pred ∩ gold| / |pred|, recall the mean over gold
   spans of |gold ∩ pred| / |gold|, where the other side is taken as the union of
   its characters (so overlapping spans are never counted twice). Predicted
   spans are the findings' spans, overlapping ones merged. Figures are given for
   findings outside quotations (``in_quote`` false: what copydesk scores) and for
   all findings. Token-level P/R/F1 is a cross-check.
2. BABE SG1 ("No agreement" dropped): sentence-level macro-F1, a sentence being
   biased when it has a loaded_language finding outside quotations, with per-class
   precision / recall; and word-level P/R/F1 against the annotated biased words.
3. Per-rule true / false positives on PTC (a finding is a true positive when it
   overlaps a gold span).

``--split even|odd`` keeps the items with an even / odd index (position in the
data file), so one half can be used for tuning and the other for checking that the
rules generalise.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
GOLD_LABELS = ("Loaded_Language", "Name_Calling,Labeling")
DIMENSION = "loaded_language"
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
TRIM = " \t\r\n\"'“”‘’«»"


# --------------------------------------------------------------------- helpers
def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def in_split(index: int, split: str) -> bool:
    return split == "all" or (index % 2 == 0) == (split == "even")


def prf(tp: float, n_pred: float, n_gold: float) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def fmt(p: float, r: float, f: float) -> str:
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}"


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


def merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def covered(spans: Iterable[tuple[int, int]]) -> set[int]:
    chars: set[int] = set()
    for s, e in spans:
        chars.update(range(s, e))
    return chars


def _get(obj, name):
    return obj[name] if isinstance(obj, dict) else getattr(obj, name)


class Auditor:
    """Runs copydesk and keeps the loaded-language findings as plain tuples."""

    def __init__(self, loaded_only: bool) -> None:
        import copydesk

        self.copydesk = copydesk
        self.rules = None
        if loaded_only:
            self.rules = copydesk.load_rules([REPO / "rules" / "loaded_language"], include_default=False)
        self.misaligned: list[str] = []
        self._cache: dict[str, list] = {}

    def findings(self, text: str) -> list[tuple[int, int, str, bool, str]]:
        if text not in self._cache:
            self._cache[text] = self._findings(text)
        return self._cache[text]

    def _findings(self, text: str) -> list[tuple[int, int, str, bool, str]]:
        """(start, end, rule_id, in_quote, excerpt) of loaded-language findings in ``text``."""
        cd = self.copydesk
        article = cd.Article.from_text(text)
        report = cd.audit(article, rules=self.rules) if self.rules else cd.audit(article)
        out = []
        for f in report.findings:
            dim = _get(f, "dimension")
            if getattr(dim, "value", dim) != DIMENSION:
                continue
            span = f.span
            start, end = span.start, span.end
            if text[start:end] != f.excerpt and len(self.misaligned) < 20:
                self.misaligned.append(
                    f"{f.rule_id}: span {start}-{end} is {text[start:end]!r}, excerpt {f.excerpt!r}"
                )
            out.append((start, end, f.rule_id, bool(f.in_quote), text[start:end].lower()))
        return out


# --------------------------------------------------------------------- PTC
def eval_ptc(auditor: Auditor, articles: Sequence[dict], split: str, n_terms: int) -> dict:
    # per setting ("outside quotes", "with quotes"): span sums and token counts
    res = {
        q: {"p_sum": 0.0, "n_pred": 0, "r_sum": 0.0, "n_gold": 0, "tok_tp": 0, "tok_pred": 0, "tok_gold": 0}
        for q in ("outside quotes", "with quotes")
    }
    per_rule: dict[str, Counter] = defaultdict(Counter)
    per_term: dict[tuple[str, str], Counter] = defaultdict(Counter)
    n_articles = 0
    for index, art in enumerate(articles):
        if not in_split(index, split):
            continue
        n_articles += 1
        text = art["text"]
        gold = merge(trim(text, s["start"], s["end"]) for s in art["spans"] if s["label"] in GOLD_LABELS)
        gold = [g for g in gold if g[1] > g[0]]
        gold_chars = covered(gold)
        found = auditor.findings(text)
        tokens = [(m.start(), m.end()) for m in WORD.finditer(text)]
        gold_tok = {i for i, (s, e) in enumerate(tokens) if any(c in gold_chars for c in range(s, e))}
        for quotes, r in res.items():
            preds = merge((s, e) for s, e, _, q, _ in found if quotes == "with quotes" or not q)
            pred_chars = covered(preds)
            for s, e in preds:
                r["p_sum"] += len(covered([(s, e)]) & gold_chars) / (e - s)
            for s, e in gold:
                r["r_sum"] += len(covered([(s, e)]) & pred_chars) / (e - s)
            r["n_pred"] += len(preds)
            r["n_gold"] += len(gold)
            pred_tok = {i for i, (s, e) in enumerate(tokens) if any(c in pred_chars for c in range(s, e))}
            r["tok_tp"] += len(pred_tok & gold_tok)
            r["tok_pred"] += len(pred_tok)
            r["tok_gold"] += len(gold_tok)
        for s, e, rule, q, excerpt in found:
            if q:
                per_rule[rule]["in quote"] += 1
                continue
            hit = any(c in gold_chars for c in range(s, e))
            per_rule[rule]["TP" if hit else "FP"] += 1
            per_term[(rule, excerpt)]["TP" if hit else "FP"] += 1
    out = {"articles": n_articles, "per_rule": per_rule, "per_term": per_term}
    for quotes, r in res.items():
        out[quotes] = {
            "span": prf_sums(r["p_sum"], r["n_pred"], r["r_sum"], r["n_gold"]),
            "token": prf(r["tok_tp"], r["tok_pred"], r["tok_gold"]),
            "n_pred": r["n_pred"],
            "n_gold": r["n_gold"],
        }
    return out


def prf_sums(p_sum: float, n_pred: int, r_sum: float, n_gold: int) -> tuple[float, float, float]:
    p = p_sum / n_pred if n_pred else 0.0
    r = r_sum / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


# --------------------------------------------------------------------- BABE
def eval_babe(auditor: Auditor, rows: Sequence[dict], split: str) -> dict:
    conf = Counter()  # (gold_biased, pred_biased)
    per_term: dict[tuple[str, str], Counter] = defaultdict(Counter)
    w_tp = w_pred = w_gold = 0
    n = 0
    for index, row in enumerate(rows):
        if row["label"] not in ("Biased", "Non-biased") or not in_split(index, split):
            continue
        n += 1
        text = row["text"]
        found = [f for f in auditor.findings(text) if not f[3]]
        gold_biased = row["label"] == "Biased"
        conf[(gold_biased, bool(found))] += 1
        for _, _, rule, _, excerpt in found:
            per_term[(rule, excerpt)]["TP" if gold_biased else "FP"] += 1
        # word level: words covered by findings vs annotated biased words
        words = [(m.start(), m.end(), m.group().lower()) for m in WORD.finditer(text)]
        pred_chars = covered((s, e) for s, e, *_ in found)
        pred_words = {i for i, (s, e, _) in enumerate(words) if any(c in pred_chars for c in range(s, e))}
        gold_words: set[int] = set()
        if row.get("spans"):
            gold_chars = covered((sp["start"], sp["end"]) for sp in row["spans"])
            gold_words = {i for i, (s, e, _) in enumerate(words) if any(c in gold_chars for c in range(s, e))}
        elif row.get("biased_words"):
            wanted = {w.lower() for bw in row["biased_words"] for w in WORD.findall(bw)}
            gold_words = {i for i, (_, _, w) in enumerate(words) if w in wanted}
        w_tp += len(pred_words & gold_words)
        w_pred += len(pred_words)
        w_gold += len(gold_words)
    classes = {}
    for name, positive in (("biased", True), ("non-biased", False)):
        tp = conf[(positive, positive)]
        n_pred = conf[(positive, positive)] + conf[(not positive, positive)]
        n_gold = conf[(positive, positive)] + conf[(positive, not positive)]
        classes[name] = prf(tp, n_pred, n_gold)
    macro = sum(c[2] for c in classes.values()) / 2
    accuracy = (conf[(True, True)] + conf[(False, False)]) / n if n else 0.0
    return {
        "sentences": n,
        "classes": classes,
        "macro_f1": macro,
        "accuracy": accuracy,
        "words": prf(w_tp, w_pred, w_gold),
        "per_term": per_term,
    }


# --------------------------------------------------------------------- report
def report(split: str, ptc: dict | None, babe: dict | None, n_terms: int) -> None:
    print(f"== split: {split} ==")
    if ptc is not None:
        print(f"PTC ({ptc['articles']} articles; gold = {' + '.join(GOLD_LABELS)})")
        for quotes in ("outside quotes", "with quotes"):
            r = ptc[quotes]
            print(
                f"  {quotes:14}  span  {fmt(*r['span'])}   token  {fmt(*r['token'])}"
                f"   ({r['n_pred']} predicted / {r['n_gold']} gold spans)"
            )
        print("  per rule (findings outside quotes; TP = overlaps a gold span):")
        for rule, c in sorted(ptc["per_rule"].items()):
            tot = c["TP"] + c["FP"]
            prec = c["TP"] / tot if tot else 0.0
            print(
                f"    {rule:22} TP {c['TP']:5}  FP {c['FP']:5}  precision {prec:.2f}"
                f"  (in quotes: {c['in quote']})"
            )
            if n_terms:
                terms = [(t, cc) for (r2, t), cc in ptc["per_term"].items() if r2 == rule]
                terms.sort(key=lambda x: -(x[1]["TP"] + x[1]["FP"]))
                shown = ", ".join(f"{t} {cc['TP']}/{cc['TP'] + cc['FP']}" for t, cc in terms[:n_terms])
                print(f"        top terms (TP/all): {shown}")
    if babe is not None:
        print(f"BABE SG1 ({babe['sentences']} sentences, 'No agreement' dropped)")
        print(f"  sentence  macro-F1 {babe['macro_f1']:.3f}  accuracy {babe['accuracy']:.3f}")
        for name, c in babe["classes"].items():
            print(f"    {name:10}  {fmt(*c)}")
        print(f"  words     {fmt(*babe['words'])}")
        if n_terms:
            print("  terms found in sentences (in biased / all sentences):")
            by_rule: dict[str, list] = defaultdict(list)
            for (rule, term), c in babe["per_term"].items():
                by_rule[rule].append((term, c))
            for rule, terms in sorted(by_rule.items()):
                terms.sort(key=lambda x: -(x[1]["TP"] + x[1]["FP"]))
                shown = ", ".join(f"{t} {c['TP']}/{c['TP'] + c['FP']}" for t, c in terms[:n_terms])
                print(f"    {rule:22} {shown}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("even", "odd", "all"), help="default: even, odd and all")
    ap.add_argument(
        "--terms", type=int, default=0, metavar="N", help="list the N most frequent terms per rule"
    )
    ap.add_argument(
        "--loaded-only",
        action="store_true",
        help="load only rules/loaded_language instead of the default pack",
    )
    ap.add_argument("--skip-ptc", action="store_true")
    ap.add_argument("--skip-babe", action="store_true")
    args = ap.parse_args(argv)

    ptc_path = DATA / "ptc-train" / "articles.jsonl"
    babe_path = DATA / "babe-sg1" / "sentences.jsonl"
    if not DATA.is_dir() or not (ptc_path.is_file() or babe_path.is_file()):
        print(f"skipped: evaluation data {DATA} not found")
        return 0
    auditor = Auditor(args.loaded_only)
    articles = read_jsonl(ptc_path) if ptc_path.is_file() and not args.skip_ptc else None
    rows = read_jsonl(babe_path) if babe_path.is_file() and not args.skip_babe else None
    splits = [args.split] if args.split else ["even", "odd", "all"]
    t0 = time.perf_counter()
    for split in splits:  # audits are cached, so "all" reuses the halves' work
        ptc = eval_ptc(auditor, articles, split, args.terms) if articles is not None else None
        babe = eval_babe(auditor, rows, split) if rows is not None else None
        report(split, ptc, babe, args.terms)
    if auditor.misaligned:
        print("WARNING: finding spans do not line up with the audited text:")
        for line in auditor.misaligned:
            print("  " + line)
    print(f"({time.perf_counter() - t0:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
