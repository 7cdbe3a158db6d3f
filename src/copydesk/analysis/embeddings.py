"""Static word vectors distilled from all-MiniLM-L6-v2: what a passage is about, in meaning.

Lexical overlap cannot tell a paragraph about the same event in other words ("the
striker scored twice") from one about another story: both share no word with the rest.
A static word vector per word, distilled from a sentence encoder (the model2vec
approach: ``tools/build_embeddings.py`` ran each of the 40,000 commonest English words
through all-MiniLM-L6-v2, reduced the outputs by PCA and quantised them to int8), puts
"striker" near "football" and far from "parliament", at the cost of a table lookup.

- ``vectors_for(words) -> ndarray | None``: unit vectors (float32, one row per word the
  table knows), or None when it knows none of them;
- ``row_of(word)`` / ``rows_of(words)`` and ``unit_rows(rows)``: the same in two steps, for a caller that
  looks each distinct word up once;
- ``passage_vector(words, weights)``: the weighted mean of the words' vectors;
- ``loaded() -> bool``: whether the table has been read (it is read on first use, never
  at ``import copydesk``; the int8 matrix is memory-mapped, only looked-up rows are read).

The data (``data/embeddings.npy``, ``data/embeddings_vocab.txt``) and its provenance are
described in ``data/README.md``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

__all__ = ["dims", "loaded", "passage_vector", "row_of", "rows_of", "unit_rows", "vectors_for"]

_STATE: dict[str, object] = {}


@cache
def _table() -> tuple[dict[str, int], np.ndarray]:
    import numpy as np

    folder = resources.files("copydesk") / "data"
    vocab = (folder / "embeddings_vocab.txt").read_text(encoding="utf-8").split()
    index = dict(zip(vocab, range(len(vocab)), strict=True))
    with resources.as_file(folder / "embeddings.npy") as path:
        try:
            matrix = np.load(path, mmap_mode="r", allow_pickle=False)
        except (OSError, ValueError):  # a zip import: no file to map
            matrix = np.load(path, allow_pickle=False)
    _STATE["loaded"] = True
    return index, matrix


def loaded() -> bool:
    """Whether the vector table has been read in this process."""
    return bool(_STATE.get("loaded"))


def dims() -> int:
    return int(_table()[1].shape[1])


def row_of(word: str) -> int:
    """The word's row in the table, -1 when the table does not know it."""
    return _table()[0].get(word, -1)


def rows_of(words: list[str]) -> list[int]:
    """``row_of`` for many words at once."""
    get = _table()[0].get
    return [get(w, -1) for w in words]


def unit_rows(rows: list[int]) -> np.ndarray:
    """The vectors of these rows (all known), as float32 unit vectors."""
    import numpy as np

    out = np.asarray(_table()[1][rows], dtype=np.float32)
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    return out


def vectors_for(words: list[str]) -> tuple[list[int], np.ndarray] | None:
    """Positions (in ``words``) of the known words and their unit vectors (float32 rows)."""
    import numpy as np

    index, matrix = _table()
    found = [(k, index[w]) for k, w in enumerate(words) if w in index]
    if not found:
        return None
    rows = np.asarray(matrix[[r for _, r in found]], dtype=np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    return [k for k, _ in found], rows


def passage_vector(words: list[str], weights: list[float]) -> np.ndarray | None:
    """Weighted mean of the known words' vectors (None when no word is known)."""
    import numpy as np

    got = vectors_for(words)
    if got is None:
        return None
    positions, rows = got
    w = np.asarray([weights[k] for k in positions], dtype=np.float32)
    if not w.any():
        return None
    return w @ rows
