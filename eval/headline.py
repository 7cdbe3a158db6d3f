#!/usr/bin/env python3
"""Accuracy of copydesk's headline checks on FNC-1 headline/body pairs.

Usage (from the repository root, with copydesk importable):

    python eval/headline.py                  # both halves (even, odd) and all
    python eval/headline.py --split even     # one half only
    python eval/headline.py --errors 10      # print some misses and false alarms
    python eval/headline.py --limit 2000     # a quick run on the first pairs
    python eval/headline.py --meaning        # only the word-vector experiment (below)

Data: ``../shared/data/fnc1-dev/`` (Fake News Challenge stage 1; see the data README):
``bodies.jsonl`` and ``pairs.jsonl`` with stance unrelated / discuss / agree / disagree.
Exits 0 with a "skipped" line when the folder is absent.

Every pair is audited as an article, ``Article(headline=..., body=...)``, with the
default pack's headline rules (and the boilerplate rules, which decide what is article
text). The decision is article level:

- mismatch: a ``headline.mismatch`` finding, scored as precision / recall / F1 with
  "unrelated" as the positive class;
- contested: the share of "disagree" pairs with a ``headline.contested`` finding,
  against the share of "agree" and "discuss" pairs with one (false alarms);
- quiet: how often each headline rule fires on related pairs (agree / discuss /
  disagree), where a mismatch is a false alarm and the other rules should be rare.

Nothing is fitted: the thresholds are fixed in ``rules/headline/support.yml``.

``--meaning`` measures, instead, how well the headline's cosine with the body in the
shipped static word vectors (``copydesk.analysis.embeddings``; each side the
informativeness-weighted mean of its content words) tells unrelated pairs from related
ones, beside the lexical share of the headline's content words found in the body, and
the two added: the area under the ROC curve per half. No rule reads it yet.
``--split even|odd`` keeps the pairs whose body id is even / odd (disjoint bodies), so
one half checks the other. Pairs are grouped by body so the per-body work (sentence
terms, tone) is cached across its headlines. The data is used for measuring only.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
FOLDER = DATA / "fnc1-dev"
REFERENCE = REPO.parent / "shared" / "articles" / "russia-north-korea-labor.md"
RELATED = ("agree", "discuss", "disagree")


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def load() -> tuple[dict[int, str], list[dict[str, Any]]]:
    bodies: dict[int, str] = {}
    with open(FOLDER / "bodies.jsonl", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            bodies[int(d["body_id"])] = d["body"]
    with open(FOLDER / "pairs.jsonl", encoding="utf-8") as fh:
        pairs = [json.loads(line) for line in fh]
    return bodies, pairs


def ruleset() -> Any:
    from copydesk.api import load_rules
    from copydesk.packs.loader import RuleSet

    full = load_rules()
    keep = tuple(r for r in full.rules if r.dimension.value == "headline" or r.kind == "boilerplate")
    return RuleSet(full.packs, keep)


def run(
    pairs: list[dict[str, Any]], bodies: dict[int, str], dump: Any = None
) -> list[tuple[dict[str, Any], set[str], Any]]:
    import copydesk
    from copydesk import Article

    rules = ruleset()
    by_body: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for p in pairs:
        by_body[int(p["body_id"])].append(p)
    out = []
    for body_id, group in by_body.items():
        body = bodies[body_id]
        for p in group:
            headline = " ".join(p["headline"].split())
            report = copydesk.audit(Article(headline=headline, body=body), rules=rules)
            found = [f for f in report.findings if f.dimension.value == "headline"]
            ids = {f.rule_id for f in found}
            support = report.dimensions["headline"].figures.get("support")
            if dump is not None:
                dump.write(
                    json.dumps(
                        {
                            "id": p["id"],
                            "stance": p["stance"],
                            "body_id": body_id,
                            "headline": headline,
                            "support": support,
                            "findings": [[f.rule_id, f.excerpt[:80]] for f in found],
                        }
                    )
                    + "\n"
                )
            out.append((p, ids, support))
    return out


def summarise(name: str, results: list[tuple[dict[str, Any], set[str], Any]], errors: int) -> None:
    tp = fp = fn = tn = 0
    contested: Counter[str] = Counter()
    stances: Counter[str] = Counter()
    fired: Counter[str] = Counter()
    related = 0
    misses: list[tuple[Any, dict[str, Any]]] = []
    alarms: list[tuple[Any, dict[str, Any]]] = []
    for p, ids, support in results:
        stance = p["stance"]
        stances[stance] += 1
        gold = stance == "unrelated"
        pred = "headline.mismatch" in ids
        if gold and pred:
            tp += 1
        elif gold:
            fn += 1
            misses.append((support, p))
        elif pred:
            fp += 1
            alarms.append((support, p))
        else:
            tn += 1
        if "headline.contested" in ids:
            contested[stance] += 1
        if stance in RELATED:
            related += 1
            for rule_id in ids:
                fired[rule_id] += 1
            if ids:
                fired["(any headline finding)"] += 1
    p, r, f = prf(tp, fp, fn)
    print(f"== {name}: {len(results)} pairs ({dict(stances)})")
    print(
        f"mismatch (unrelated): precision {p:.4f}  recall {r:.4f}  F1 {f:.4f}  "
        f"(tp {tp} fp {fp} fn {fn} tn {tn})"
    )
    dis = stances["disagree"]
    print(
        "contested: disagree flagged "
        f"{contested['disagree']}/{dis} ({contested['disagree'] / dis if dis else 0:.1%}); "
        f"agree {contested['agree']}/{stances['agree']} "
        f"({contested['agree'] / stances['agree'] if stances['agree'] else 0:.1%}); "
        f"discuss {contested['discuss']}/{stances['discuss']} "
        f"({contested['discuss'] / stances['discuss'] if stances['discuss'] else 0:.1%})"
    )
    if related:
        print(f"on related pairs ({related}), share with a finding of each headline rule:")
        for rule_id, n in sorted(fired.items(), key=lambda kv: -kv[1]):
            print(f"  {rule_id:40} {n:5}  {n / related:.1%}")
    if errors:
        print(f"-- unrelated pairs not flagged (highest support first), {len(misses)}:")
        for support, pair in sorted(misses, key=lambda x: -(x[0] or 0))[:errors]:
            print(f"  support {support}: {pair['headline'][:100]!r} (body {pair['body_id']})")
        print(f"-- related pairs flagged as mismatch, {len(alarms)}:")
        for support, pair in sorted(alarms, key=lambda x: x[0] or 0)[:errors]:
            print(
                f"  support {support} {pair['stance']}: {pair['headline'][:100]!r} "
                f"(body {pair['body_id']})"
            )


def reference() -> None:
    """How the headline checks behave on the reference article."""
    if not REFERENCE.is_file():
        print("reference article: skipped (not found)")
        return
    import copydesk

    report = copydesk.audit(REFERENCE.read_text(encoding="utf-8"))
    dim = report.dimensions["headline"]
    print(
        f"== reference article ({REFERENCE.name}): headline score {dim.score}, "
        f"support {dim.figures.get('support')}"
    )
    for e in dim.figures.get("evidence", []):
        print(f"  evidence {e['share']:.2f}: {e['text'][:110]}")
    for h in dim.figures.get("headings", []):
        print(f"  heading {h['heading']!r}: support {h['support']}, drifted share {h['drift_share']}")
    for finding in report.findings:
        if finding.dimension.value == "headline":
            print(f"  {finding.severity.value:7} {finding.rule_id:32} {finding.excerpt!r}")
            print(f"          {finding.message}")


def _auc(scores: list[float], positive: list[bool]) -> float:
    """Chance that a positive pair scores above a negative one (ties count half)."""
    import bisect

    neg = sorted(x for x, y in zip(scores, positive, strict=True) if not y)
    pos = [x for x, y in zip(scores, positive, strict=True) if y]
    if not neg or not pos:
        return float("nan")
    wins = sum(bisect.bisect_left(neg, x) + 0.5 * (bisect.bisect_right(neg, x) - bisect.bisect_left(neg, x))
               for x in pos)
    return wins / (len(pos) * len(neg))


def meaning(pairs: list[dict[str, Any]], bodies: dict[int, str]) -> None:
    import numpy as np

    from copydesk.analysis import embeddings
    from copydesk.analysis.terms import words as W
    from copydesk.analysis.terms.tokens import terms_of

    def content(text: str) -> list[str]:
        return [t.word for t in terms_of(text) if t.word.isalpha() and W.weight(t.word) > 0]

    def vector(ws: list[str]) -> Any:
        v = embeddings.passage_vector(ws, [W.weight(w) for w in ws])
        if v is None or not np.linalg.norm(v):
            return None
        return v / np.linalg.norm(v)

    t0 = time.process_time()
    body_words = {b: content(text) for b, text in bodies.items()}
    body_vec = {b: vector(ws) for b, ws in body_words.items()}
    rows: dict[str, list[tuple[float, float, bool]]] = defaultdict(list)
    for pair in pairs:
        b = int(pair["body_id"])
        head = content(pair["headline"])
        hv = vector(head)
        if hv is None or body_vec[b] is None:
            continue
        share = len(set(head) & set(body_words[b])) / len(set(head))
        row = (float(hv @ body_vec[b]), share, pair["stance"] == "unrelated")
        rows["even" if b % 2 == 0 else "odd"].append(row)
        rows["all"].append(row)
    cpu = time.process_time() - t0
    print(f"word vectors, headline vs body ({cpu:.1f} s CPU): AUC, unrelated vs related")
    for name in ("even", "odd", "all"):
        r = rows[name]
        y = [u for *_, u in r]
        cos = _auc([-c for c, _, _ in r], y)
        lex = _auc([-s for _, s, _ in r], y)
        both = _auc([-(c + s) for c, s, _ in r], y)
        print(f"  {name}: {len(r)} pairs; cosine {cos:.4f}, lexical share {lex:.4f}, sum {both:.4f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--split", choices=("even", "odd", "all"), default=None)
    parser.add_argument("--errors", type=int, default=0)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--dump", type=Path, default=None, help="write one JSON line per pair")
    parser.add_argument("--meaning", action="store_true", help="only the word-vector experiment")
    args = parser.parse_args(argv)
    if not FOLDER.is_dir():
        print(f"skipped: {FOLDER} not found")
        return 0
    bodies, pairs = load()
    if args.limit:
        pairs = pairs[: args.limit]
    if args.meaning:
        meaning(pairs, bodies)
        return 0
    t0, c0 = time.perf_counter(), time.process_time()
    dump = open(args.dump, "w", encoding="utf-8") if args.dump else None  # noqa: SIM115
    try:
        results = run(pairs, bodies, dump)
    finally:
        if dump is not None:
            dump.close()
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    per_pair = 1000 * cpu / max(1, len(results))
    print(
        f"audited {len(results)} pairs in {elapsed:.1f}s wall, {cpu:.1f}s CPU "
        f"({per_pair:.2f} ms CPU per pair)"
    )
    halves = {
        "even": [x for x in results if int(x[0]["body_id"]) % 2 == 0],
        "odd": [x for x in results if int(x[0]["body_id"]) % 2 == 1],
        "all": results,
    }
    for name in ("even", "odd", "all") if args.split is None else (args.split,):
        summarise(name, halves[name], args.errors if name in ("all", args.split) else 0)
    reference()
    return 0


if __name__ == "__main__":
    sys.exit(main())
