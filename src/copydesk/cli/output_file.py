"""Where `copydesk audit -o` writes: a temporary file renamed into place, and --resume.

The output of a long batch is written to a hidden temporary file in the same folder
and renamed over ``-o PATH`` when the run ends, also when it is interrupted (SIGINT,
SIGTERM) or fails: the writer has closed what it wrote (a JSON array gets its ``]``),
so ``PATH`` is either its old self or a complete, valid file, never an empty or
half-written one. A process killed outright (SIGKILL, power loss) leaves ``PATH``
untouched and the temporary file behind. ``--resume`` (JSONL only) starts the
temporary file with the records already in ``PATH`` and skips their ids.

Only a regular file (or a new one) is replaced this way, and through a symlink the
file it points to is: ``-o /dev/null``, ``-o /dev/stdout`` or a FIFO are written in
place, since renaming over a device would replace the device itself.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from pathlib import Path
from typing import IO

__all__ = ["AtomicOutput", "OutputError", "done_ids", "open_output", "write_report_file"]


class OutputError(OSError):
    """An output copydesk refuses to write (a symlink where a report goes)."""


def open_output(path: str) -> AtomicOutput:
    """The output for ``-o PATH``: atomic for a regular file, in place for anything else."""
    real = os.path.realpath(path)
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return AtomicOutput(real)
    if stat.S_ISREG(mode):
        return AtomicOutput(real)
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(21, "is a folder", path)
    return InPlaceOutput(real)


class AtomicOutput:
    """A text file written under a temporary name and renamed over ``path`` by ``commit``."""

    def __init__(self, path: str) -> None:
        self.path = Path(path)
        folder = self.path.parent
        import tempfile  # ~5 ms, and only a run with -o needs it

        fd, temp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=folder)
        self.temp = Path(temp)
        # mkstemp makes the file 0600; a report file gets the mode open() would give it.
        umask = os.umask(0)
        os.umask(umask)
        with contextlib.suppress(OSError):
            os.chmod(fd, 0o666 & ~umask)
        self.stream: IO[str] = open(fd, "w", encoding="utf-8", newline="")  # noqa: SIM115

    def commit(self) -> None:
        """Flush, close and rename over ``path`` (the rename replaces a symlink, never
        writes through it)."""
        try:
            self.stream.close()
            os.replace(self.temp, self.path)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.stream.close()
        with contextlib.suppress(OSError):
            self.temp.unlink()


class InPlaceOutput(AtomicOutput):
    """A device or FIFO (``/dev/null``, ``/dev/stdout``): written as it is, nothing renamed."""

    def __init__(self, path: str) -> None:
        self.path = Path(path)
        self.temp = self.path
        self.stream = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115

    def commit(self) -> None:
        self.stream.close()

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.stream.close()


def done_ids(path: str, stream: IO[str]) -> set[str]:
    """For --resume: copy the JSONL records of ``path`` to ``stream``; their ids.

    A line that is not a JSON object with an ``id`` (a torn last line from a killed
    run) is dropped, and that article is audited again.
    """
    ids: set[str] = set()
    try:
        handle = open(path, encoding="utf-8", errors="strict")  # noqa: SIM115
    except FileNotFoundError:
        return ids
    with handle:
        for line in handle:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                ids.add(record["id"])
                stream.write(line if line.endswith("\n") else line + "\n")
    return ids


def write_report_file(path: Path, text: str) -> None:
    """One report of ``-o DIR``: refused when ``path`` is a symlink, written atomically."""
    if path.is_symlink():
        raise OutputError(f"{path}: is a symbolic link; copydesk does not write reports through links")
    import tempfile

    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(fd, 0o666 & ~umask)
        with open(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
