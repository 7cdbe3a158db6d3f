"""py3langid's model, kept decompressed in the cache folder and mapped, not read.

py3langid reads its model from an xz-compressed file at every start: 0.7-0.9 s, about
a whole CLI audit, paid by any process that meets one article its function-word test
cannot settle (analysis/language.py). Decompressed, the two big tables are 68 MB (too
big for a snapshot pickle, and a waste to read whole): written once as ``.npy`` files
and memory-mapped, they load in milliseconds and the pages are shared by every worker.
The folder's name holds the versions the tables depend on, so an upgraded py3langid
or numpy never reads old ones. Any failure falls back to py3langid's own loading.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import shutil
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

from copydesk.speed import snapshot

_TABLES = ("ptc", "nextmove")


def identifier() -> Any:
    """A py3langid LanguageIdentifier with normalised probabilities."""
    from py3langid.langid import LanguageIdentifier

    folder = _folder()
    if folder is not None:
        with contextlib.suppress(Exception):  # a broken cache is a miss, never an error
            return _from_folder(LanguageIdentifier, folder)
    from py3langid.langid import MODEL_FILE

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if folder is not None:
        with contextlib.suppress(Exception):
            _save(ident, folder)
    return ident


def _from_folder(cls: Any, folder: Path) -> Any:
    import numpy as np

    with open(folder / "small.pickle", "rb") as fh:
        pc, classes, output, row = pickle.load(fh)  # our own file, in our private cache folder
    ptc = np.load(folder / "ptc.npy", mmap_mode="r")
    nextmove = np.load(folder / "nextmove.npy", mmap_mode="r")
    return cls(ptc, pc, classes, nextmove, output, norm_probs=True, tk_row=row)


def _save(ident: Any, folder: Path) -> None:
    import numpy as np

    folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-langid-", dir=folder.parent))
    try:
        np.save(tmp / "ptc.npy", np.asarray(ident.nb_ptc))
        np.save(tmp / "nextmove.npy", np.asarray(ident.tk_nextmove))
        with open(tmp / "small.pickle", "wb") as fh:
            pickle.dump((ident.nb_pc, ident.nb_classes, ident.tk_output, ident.tk_row), fh)
        os.replace(tmp, folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _folder() -> Path | None:
    base = snapshot.cache_dir()
    if base is None:
        return None
    try:
        versions = [metadata.version("py3langid"), metadata.version("numpy")]
    except metadata.PackageNotFoundError:
        return None
    raw = "\0".join(["py3langid", *versions, sys.version])
    return base / ("langid-" + hashlib.sha256(raw.encode()).hexdigest()[:32])
