"""Export background English word frequencies for copydesk's term statistics.

Run from the repo root with the dev venv (``wordfreq`` is a build-time tool only, never a
runtime dependency: its data is 58 MB; the export is well under 1 MB)::

    .venv/bin/python tools/build_wordfreq.py

Writes ``src/copydesk/data/wordfreq_en.tsv.gz``: one ``word<TAB>zipf*100`` line per word,
sorted by word (code point order), so that one process auditing one article can look
its words up by binary search instead of building a 100k-entry dict (see
copydesk/sortedtable.py). Only words made of letters are kept (copydesk tokenises on
letters and digits, so "it's" arrives as "it" + "s"; numbers are handled as numbers).
The data is CC BY-SA 4.0 (see ``src/copydesk/data/README.md``).
"""

from __future__ import annotations

import argparse
import gzip
import re
from pathlib import Path

WORD = re.compile(r"[^\W\d_]+")
OUT = Path(__file__).resolve().parents[1] / "src" / "copydesk" / "data" / "wordfreq_en.tsv.gz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="words to keep")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    import wordfreq

    seen: set[str] = set()
    lines: list[str] = []
    # Ask for more than needed: entries with apostrophes or digits are dropped below.
    for word in wordfreq.top_n_list("en", int(args.n * 1.1)):
        if not WORD.fullmatch(word) or word in seen:
            continue
        zipf = wordfreq.zipf_frequency(word, "en")
        if zipf <= 0:
            continue
        seen.add(word)
        lines.append(f"{word}\t{round(zipf * 100)}")
        if len(lines) >= args.n:
            break
    lines.sort(key=lambda line: line.partition("\t")[0])
    payload = ("\n".join(lines) + "\n").encode("utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same input gives the same bytes (reproducible builds).
    with open(args.out, "wb") as raw, gzip.GzipFile(
        fileobj=raw, mode="wb", compresslevel=9, mtime=0
    ) as fh:
        fh.write(payload)
    print(f"wrote {len(lines)} words to {args.out} ({args.out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
