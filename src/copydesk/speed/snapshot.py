"""The on-disk snapshot of a loaded rule set, its compiled engines and derived values.

Validating the default pack's 2,762 terms and compiling its indexes costs ~0.45 s of
every `copydesk audit` process; unpickling the result costs ~0.07 s. The snapshot is
keyed by everything the result depends on (the pack files' bytes, copydesk's own
source files, the Python, pydantic and regex versions), so a stale one is never read:
a changed input gives a new key and the old file is pruned. What is stored is chosen
by cache.py; this module only names, reads and writes the files.

A pickle runs code when loaded, so a snapshot is read only from a file this user
owns that nobody else can write (the same trust as Python's own __pycache__), and
only copydesk writes it, from packs it has validated. Any problem reading it falls
back to loading the packs as usual.

``COPYDESK_CACHE_DIR`` moves the cache; ``COPYDESK_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

FORMAT = 2  # 2: a cache.Snapshot; 1 pickled the RuleSet with its caches inside
PREFIX = "rules-"
SUFFIX = ".pickle"
KEEP = 8  # newest snapshots kept; more appear only as packs or copydesk change
MAX_BYTES = 64 * 1024 * 1024


def cache_dir() -> Path | None:
    """Where snapshots live, or None when caching is turned off."""
    if os.environ.get("COPYDESK_NO_CACHE", "").strip() not in ("", "0"):
        return None
    explicit = os.environ.get("COPYDESK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "copydesk" / "cache" if base else None
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "copydesk"
    home = os.environ.get("HOME")
    return Path(home) / ".cache" / "copydesk" if home else None


def key_for(folders: Sequence[str], max_file_bytes: int) -> str | None:
    """A digest of every input a loaded rule set depends on; None when one is unreadable
    (the normal load then reports the problem)."""
    import pydantic
    import regex

    from copydesk import __version__

    digest = hashlib.sha256()
    for part in (str(FORMAT), __version__, sys.version, pydantic.VERSION, regex.__version__):
        digest.update(part.encode() + b"\0")
    # Code: names, sizes and modification times of copydesk's source files (an edited
    # rule kind must not be served a pickle of the old one). os.walk, not pathlib:
    # this runs in every process and pathlib's globbing cost ~20 ms of it.
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for path in _files(package, suffix=".py"):
        stat = os.stat(path)
        digest.update(f"{os.path.relpath(path, package)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    # Packs: every file's bytes, since pack authors edit them constantly.
    try:
        for folder in folders:
            digest.update(f"pack\0{folder}\0".encode())
            for path in _files(folder):
                if os.path.getsize(path) > max_file_bytes:
                    return None
                digest.update(f"{os.path.relpath(path, folder)}\0".encode())
                with open(path, "rb") as fh:
                    digest.update(hashlib.sha256(fh.read()).digest())
    except OSError:
        return None
    return digest.hexdigest()


def _files(root: str, suffix: str = "") -> list[str]:
    """Files under ``root`` (recursively, skipping __pycache__), in a stable order."""
    out = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        out.extend(os.path.join(folder, n) for n in sorted(names) if n.endswith(suffix))
    return out


def load(key: str) -> Any | None:
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"{PREFIX}{key}{SUFFIX}"
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as fh:
            if not _trusted(os.fstat(fh.fileno())):
                return None
            data = fh.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            return None
        stored_format, stored_key, value = pickle.loads(data)  # see the module doc on trust
    except Exception:  # a broken snapshot is a cache miss, never an error
        return None
    if stored_format != FORMAT or stored_key != key:
        return None
    return value


def save(key: str, value: Any) -> None:
    """Write a snapshot atomically; failures are ignored (the cache is an optimisation)."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        data = pickle.dumps((FORMAT, key, value), protocol=pickle.HIGHEST_PROTOCOL)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=SUFFIX, dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, folder / f"{PREFIX}{key}{SUFFIX}")
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        _prune(folder)
    except Exception:  # unwritable home, full disk, unpicklable custom kind
        return


def _trusted(stat: os.stat_result) -> bool:
    if stat.st_mode & 0o022:
        return False  # group- or world-writable: someone else could have written it
    getuid = getattr(os, "getuid", None)
    return getuid is None or stat.st_uid == getuid()


def _prune(folder: Path) -> None:
    snapshots = sorted(
        folder.glob(f"{PREFIX}*{SUFFIX}"), key=lambda p: p.stat().st_mtime_ns, reverse=True
    )
    for old in snapshots[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()


__all__ = ["cache_dir", "key_for", "load", "save"]
